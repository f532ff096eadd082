"""Reads of supervision models, always within what the user may see (query.py)."""

from django.db.models import Count, Q

from pil_cases.models import METRIC_UNITS, CaseMetric, MetricKind, Suggestion
from procuratorates import access

from . import rules
from .models import Dataset, DatasetRow, Hit, HitStatus, Run, SupervisionModel


def access_dataset_by_id(user, pk):
    return access.get_visible_or_404(Dataset.objects.visible_to(user).select_related("current_version", "procuratorate"), pk=pk)


def access_model_by_id(user, pk):
    return access.get_visible_or_404(
        SupervisionModel.objects.visible_to(user).select_related("procuratorate", "field", "original"), pk=pk
    )


def access_run_by_id(user, pk):
    return access.get_visible_or_404(Run.objects.visible_to(user).select_related("model", "procuratorate"), pk=pk)


def hit_list(user):
    return Hit.objects.visible_to(user).select_related(
        "model", "procuratorate", "version_a__dataset", "version_b__dataset", "clue__case"
    )


def access_hit_by_id(user, pk):
    return access.get_visible_or_404(hit_list(user), pk=pk)


def dataset_list(user):
    return Dataset.objects.visible_to(user).select_related("procuratorate", "current_version").order_by("-created_at")


def model_list(user):
    """The models the user may see, each with the number of its hits the user may see: a published model's hits
    at the publisher or at a sibling office are not the subordinate's to count (query.py)."""
    return SupervisionModel.objects.visible_to(user).select_related("procuratorate", "field", "original").annotate(
        hit_total=Count("hits", filter=access.scope_q(user, "hits__procuratorate"), distinct=True)
    ).order_by("-created_at", "-id")


def dataset_rows(dataset):
    if dataset.current_version_id is None:
        return DatasetRow.objects.none()
    return DatasetRow.objects.filter(version_id=dataset.current_version_id).order_by("id")


def model_description(model, binding=None):
    if binding is None:
        return rules.describe(model.rule, "A", "B")
    return rules.describe(model.rule, binding.dataset_a.name, binding.dataset_b.name)


def model_results(user):
    """Per model and procuratorate: runs, hits, converted clues, cases filed, suggestions — across what the user sees."""
    hits = Hit.objects.visible_to(user)
    rows = {}
    # Every model that ran has a row, the ones that found nothing too: a model that finds nothing is a result.
    for row in Run.objects.visible_to(user).values("model_id", "model__name", "procuratorate_id", "procuratorate__name").annotate(
        n=Count("id")
    ):
        rows[(row["model_id"], row["procuratorate_id"])] = {
            "model": row["model_id"], "model_name": row["model__name"], "procuratorate": row["procuratorate_id"],
            "procuratorate_name": row["procuratorate__name"], "hits": 0, "converted": 0, "dismissed": 0, "cases": 0,
            "runs": row["n"], "suggestions": 0,
        }
    for row in hits.values("model_id", "procuratorate_id").annotate(
        hits=Count("id"),
        converted=Count("id", filter=Q(status=HitStatus.CONVERTED)),
        dismissed=Count("id", filter=Q(status=HitStatus.DISMISSED)),
        cases=Count("clue__case", distinct=True),
    ):
        key = (row["model_id"], row["procuratorate_id"])
        if key in rows:  # a hit is always found by a run of its model and office, and both are seen alike (query.py)
            rows[key].update(hits=row["hits"], converted=row["converted"], dismissed=row["dismissed"], cases=row["cases"])
    suggestions = (
        Suggestion.objects.filter(case__clues__supervision_hits__in=hits)
        .values("case__clues__supervision_hits__model_id", "case__clues__supervision_hits__procuratorate_id")
        .annotate(n=Count("id", distinct=True))
    )
    for row in suggestions:
        key = (row["case__clues__supervision_hits__model_id"], row["case__clues__supervision_hits__procuratorate_id"])
        if key in rows:
            rows[key]["suggestions"] = row["n"]
    # Outcome metrics (亩 restored, 元 recovered…) of the distinct cases the model's hits led to.
    cases_of = {}
    for model_id, procuratorate_id, case_id in hits.filter(clue__case__isnull=False).values_list(
        "model_id", "procuratorate_id", "clue__case_id"
    ).distinct():
        cases_of.setdefault((model_id, procuratorate_id), set()).add(case_id)
    all_cases = set().union(*cases_of.values()) if cases_of else set()
    metrics = {}
    for case_id, kind, quantity in CaseMetric.objects.filter(case_id__in=all_cases).values_list("case_id", "kind", "quantity"):
        metrics.setdefault(case_id, []).append((kind, quantity))
    for key, row in rows.items():
        totals = {}
        for case_id in cases_of.get(key, ()):
            for kind, quantity in metrics.get(case_id, ()):
                totals[kind] = totals.get(kind, 0) + quantity
        row["outcomes"] = [
            {"kind": kind, "label": str(MetricKind(kind).label), "unit": str(METRIC_UNITS[kind]), "total": str(total)}
            for kind, total in sorted(totals.items())
        ]
    out = sorted(rows.values(), key=lambda r: (-r["cases"], -r["converted"], -r["hits"], r["model_name"]))
    for r in out:
        r["conversion_rate"] = round(100 * r["converted"] / r["hits"], 1) if r["hits"] else 0.0
    return out
