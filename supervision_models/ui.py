"""Staff pages: shells whose data comes from the API (/api/v1/datasets/, /api/v1/supervision-models/…)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from procuratorates.models import Field

from . import selectors
from .models import ColumnType, IdentifierKind, JoinKind
from .rules import OPS


def _choices(choices):
    return [{"value": value, "label": str(label)} for value, label in choices]


def _reference():
    return {
        "column_types": _choices(ColumnType.choices),
        "id_kinds": _choices(IdentifierKind.choices),
        "joins": _choices(JoinKind.choices),
        "ops": [{"value": k, "label": str(v)} for k, v in OPS.items()],
        "fields": list(Field.objects.filter(active=True).values("id", "name")),
    }


def _page(request, template, **context):
    return render(request, f"supervision_models/{template}", {"nav_active": "supervision", "ref": _reference(), **context})


@login_required
def model_list(request):
    return _page(request, "model_list.html")


@login_required
def model_form(request):
    return _page(request, "model_form.html")


@login_required
def model_detail(request, pk):
    model = selectors.access_model_by_id(request.user, pk)  # 404 outside what the user may see
    return _page(request, "model_detail.html", model_id=model.pk, model_name=model.name)


@login_required
def dataset_list(request):
    return _page(request, "dataset_list.html")


@login_required
def dataset_detail(request, pk):
    dataset = selectors.access_dataset_by_id(request.user, pk)  # 404 outside its procuratorate and those it shares with
    return _page(request, "dataset_detail.html", dataset_id=dataset.pk, dataset_name=dataset.name)


@login_required
def results(request):
    return _page(request, "results.html")
