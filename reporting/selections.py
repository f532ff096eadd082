"""What an export or a statistic is about: the request's query read into a scope and a queryset.

Shared by the API views (reporting.api) and the background jobs (reporting.jobs), which re-apply the query a user
saw in a list to that user's scope when the job runs, so an export is exactly the filtered list. `request` is
anything with `user` and `query_params` (a DRF request, or jobs.ParamsRequest).
"""

from datetime import date

from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.filters import SearchFilter

from clues.filters import CLUE_SEARCH_FIELDS, ClueFilter
from clues.models import Clue
from deadlines.models import Deadline
from deadlines.selectors import owned_by
from pil_cases.api import CaseViewSet, SuggestionViewSet
from pil_cases.filters import CaseFilter, SuggestionFilter
from pil_cases.models import Case, CaseStatus, MetricKind, Suggestion
from procuratorates import access
from procuratorates.models import AgencyKind, CaseType

from . import stats


class SelectionSerializer(serializers.Serializer):
    procuratorate = serializers.IntegerField(required=False, label=_("检察院（含下级院）"))
    date_from = serializers.DateField(required=False, label=_("统计期间起"))
    date_to = serializers.DateField(required=False, label=_("统计期间止"))
    field = serializers.IntegerField(required=False, label=_("领域"))
    case_type = serializers.ChoiceField(choices=CaseType.choices, required=False, label=_("案件类型"))
    campaign = serializers.IntegerField(required=False, label=_("专项监督活动"))
    mechanism = serializers.IntegerField(required=False, label=_("协作机制"))

    def validate(self, attrs):
        if attrs.get("date_from") and attrs.get("date_to") and attrs["date_from"] > attrs["date_to"]:
            raise ValidationError({"date_to": _("统计期间止不能早于统计期间起。")})
        return attrs



def selection(request, data=None):
    """The StatsScope of the request's query (400 on bad input, 404 outside the user's scope)."""
    serializer = SelectionSerializer(data=data if data is not None else request.query_params)
    serializer.is_valid(raise_exception=True)
    return stats.stats_scope(user=request.user, today=timezone.localdate(), **serializer.validated_data)


class DrillSuggestionQuery(SelectionSerializer):
    figure = serializers.ChoiceField(choices=[f.key for f in stats.SUGGESTION_FIGURES], default="issued")
    agency_kind = serializers.ChoiceField(choices=AgencyKind.choices, required=False)
    month = serializers.RegexField(r"^\d{4}-\d{2}$", required=False)
    own_office = serializers.BooleanField(default=False)


class DrillCaseQuery(SelectionSerializer):
    figure = serializers.ChoiceField(choices=stats.CASE_DRILLS, default="filed")
    status = serializers.ChoiceField(choices=CaseStatus.choices, required=False)
    month = serializers.RegexField(r"^\d{4}-\d{2}$", required=False)
    suit = serializers.ChoiceField(choices=list(stats.SUIT_Q), required=False)
    metric = serializers.ChoiceField(choices=MetricKind.choices, required=False)
    own_office = serializers.BooleanField(default=False)


def _month(value):
    return date(int(value[:4]), int(value[5:7]), 1) if value else None


def _split(request, query_class):
    query = query_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    data = dict(query.validated_data)
    select = {k: data.pop(k) for k in list(data) if k in SelectionSerializer().fields}
    scope = stats.stats_scope(user=request.user, today=timezone.localdate(), **select)
    return scope, data


def suggestions_behind(request):
    scope, data = _split(request, DrillSuggestionQuery)
    return scope, stats.drill_suggestions(
        scope,
        figure=data["figure"],
        agency_kind=data.get("agency_kind"),
        month=_month(data.get("month")),
        procuratorate=scope.root.pk if data["own_office"] else None,
        own_office=data["own_office"],
    )


def cases_behind(request):
    scope, data = _split(request, DrillCaseQuery)
    return scope, stats.drill_cases(
        scope,
        figure=data["figure"],
        status=data.get("status"),
        month=_month(data.get("month")),
        suit=data.get("suit"),
        metric=data.get("metric"),
        procuratorate=scope.root.pk if data["own_office"] else None,
        own_office=data["own_office"],
    )


def _check_procuratorate(request):
    wanted = request.query_params.get("procuratorate")
    if wanted and (not wanted.isdigit() or not access.visible_procuratorates(request.user).filter(pk=wanted).exists()):
        raise Http404


def _listed(request, queryset, filterset_class, search_fields):
    """The list API's own filters (its FilterSet and search), so an export is exactly the filtered list."""
    _check_procuratorate(request)
    filterset = filterset_class(data=request.query_params, queryset=queryset, request=request)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    view = type("ListView", (), {"search_fields": search_fields})()
    return SearchFilter().filter_queryset(request, filterset.qs, view)


# ---------------------------------------------------------------- what each ledger exports


def clues_listed(request):
    """The clue list's filters (GET /api/v1/clues/) over the user's clues."""
    today = timezone.localdate()
    overdue = owned_by(Clue).filter(owner_id=OuterRef("pk"), state=Deadline.State.OPEN, paused_on__isnull=True, due_on__lt=today)
    queryset = Clue.objects.visible_to(request.user).annotate(is_overdue=Exists(overdue))
    return _listed(request, queryset, ClueFilter, CLUE_SEARCH_FIELDS)


def cases_listed(request):
    """The case list's filters, or with `figure=` the cases behind a statistics figure."""
    if "figure" in request.query_params:
        return cases_behind(request)[1]
    return _listed(request, Case.objects.visible_to(request.user), CaseFilter, CaseViewSet.search_fields)


def suggestions_listed(request):
    """The suggestion list's filters, or with `figure=` the suggestions behind a statistics figure."""
    if "figure" in request.query_params:
        return suggestions_behind(request)[1]
    visible = Suggestion.objects.visible_to(request.user).with_reply_deadline()
    return _listed(request, visible, SuggestionFilter, SuggestionViewSet.search_fields)
