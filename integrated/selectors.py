"""Reads of integrated case handling."""

from django.db.models import Q

from pil_cases.selectors import access_case_by_id
from procuratorates import access
from procuratorates.models import ACTING_ROLES, User

from .models import QualityCriterion, QualityEvaluation, TaskForce

CANDIDATES_SHOWN = 50


def access_task_force_by_id(user, pk):
    return access.get_visible_or_404(
        TaskForce.objects.visible_to(user).select_related("case__procuratorate", "procuratorate", "leader"), pk=pk
    )


def task_forces_of_case(*, user, case):
    return (
        TaskForce.objects.visible_to(user)
        .filter(case=case)
        .select_related("procuratorate", "leader__procuratorate")
        .prefetch_related("members__user__procuratorate")
    )


def callable_staff(*, actor, search=""):
    """Whom the actor may call into a team (调用检察官): handling staff of the actor's subtree, nearest first."""
    if actor.procuratorate_id is None:
        return User.objects.none()
    qs = (
        User.objects.filter(
            is_active=True, procuratorate__path__startswith=actor.procuratorate.path, roles__code__in=ACTING_ROLES
        )
        .select_related("procuratorate")
        .distinct()
        .order_by("procuratorate__path", "full_name", "pk")
    )
    if search:
        qs = qs.filter(Q(full_name__icontains=search) | Q(username__icontains=search) | Q(procuratorate__name__icontains=search))
    return qs[:CANDIDATES_SHOWN]


def evaluations_of_case(*, user, case):
    return (
        QualityEvaluation.objects.visible_to(user)
        .filter(case=case)
        .select_related("procuratorate", "evaluator")
        .prefetch_related("scores__criterion")
    )


def evaluation_list(*, user):
    return QualityEvaluation.objects.visible_to(user).select_related("case", "case__procuratorate", "procuratorate", "evaluator")


def checklist():
    return QualityCriterion.objects.filter(active=True)


__all__ = ["access_case_by_id"]
