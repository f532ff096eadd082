"""Reads: records looked up within what the user sees (404 outside it), the supervisors' board, a case's oversight."""

from django.db.models import Count, FilteredRelation, Max, Q
from django.db.models import F as Field

from deadlines.models import Deadline, DeadlineKind
from procuratorates import access
from procuratorates.models import ACTING_ROLES, Procuratorate, User

from . import permissions
from .models import Designation, Leadership, Supervision, SupervisionStatus, TakeUp, UpwardReport, UpwardReportStatus


def supervisions(user):
    """Supervisions the user sees, each with its last report and the next report's deadline (from the register)."""
    return (
        Supervision.objects.visible_to(user)
        .select_related("case", "case__procuratorate", "case__handler", "procuratorate", "created_by")
        .annotate(
            last_reported_on=Max("reports__reported_on"),
            report_count=Count("reports", distinct=True),
            report_clock=FilteredRelation(
                "deadlines", condition=Q(deadlines__kind=DeadlineKind.SUPERVISION_REPORT, deadlines__state=Deadline.State.OPEN)
            ),
            next_report_due=Max(Field("report_clock__due_on")),
        )
    )


def access_supervision_by_id(user, pk):
    return access.get_visible_or_404(supervisions(user).prefetch_related("reports__created_by"), pk=pk)


def access_take_up_by_id(user, pk):
    return access.get_visible_or_404(
        TakeUp.objects.visible_to(user).select_related("case", "from_procuratorate", "to_procuratorate", "handler"), pk=pk
    )


def access_designation_by_id(user, pk):
    return access.get_visible_or_404(
        Designation.objects.visible_to(user).select_related(
            "case", "clue", "designated_by", "from_procuratorate", "to_procuratorate"), pk=pk
    )


def access_leadership_by_id(user, pk):
    return access.get_visible_or_404(Leadership.objects.visible_to(user).select_related("case", "leader", "procuratorate"),
                                     pk=pk)


def upward_reports(user):
    return UpwardReport.objects.visible_to(user).select_related(
        "case", "clue", "from_procuratorate", "to_procuratorate", "created_by", "instructed_by"
    )


def access_upward_report_by_id(user, pk):
    return access.get_visible_or_404(upward_reports(user), pk=pk)


def _of(qs, *, case=None, clue=None):
    return qs.filter(case=case) if case is not None else qs.filter(clue=clue)


def oversight_of(user, *, case=None, clue=None):
    """Everything superiors did about one case (or clue) the user sees, and what the user may do about it now."""
    subject = case or clue
    out = {
        "designations": list(_of(Designation.objects.visible_to(user), case=case, clue=clue).select_related(
            "designated_by", "from_procuratorate", "to_procuratorate", "created_by")),
        "upward_reports": list(_of(upward_reports(user), case=case, clue=clue)),
    }
    if case is not None:
        out["take_ups"] = list(case.take_ups.select_related("from_procuratorate", "to_procuratorate", "handler", "created_by"))
        out["supervisions"] = list(supervisions(user).filter(case=case).prefetch_related("reports__created_by"))
        out["leaderships"] = list(case.leaderships.select_related("leader", "procuratorate"))
    active = case is not None and any(s.status == SupervisionStatus.ACTIVE for s in out["supervisions"])
    is_superior = permissions.is_superior_of(user, subject.procuratorate)
    handling = permissions.of_handling_office(user, subject.procuratorate)
    closed = case is not None and case.status == "closed"
    pending_up = any(r.status == UpwardReportStatus.PENDING for r in out["upward_reports"])
    out["may"] = {
        "take_up": case is not None and permissions.can_take_up(user, case),
        "designate": is_superior and not closed and (clue is None or clue.is_open),
        "supervise": case is not None and permissions.can_supervise(user, case) and not active,
        "lead": case is not None and permissions.can_lead(user, case)
        and not any(x.leader_id == user.pk for x in out["leaderships"]),
        "report_up": handling and subject.procuratorate.parent_id is not None and not pending_up,
        "report_progress": handling and active,
    }
    for s in out.get("supervisions", []):
        s.may_cancel = s.status == SupervisionStatus.ACTIVE and permissions.can_manage_supervision(user, s)
    for r in out["upward_reports"]:
        r.may_instruct = r.status == UpwardReportStatus.PENDING and permissions.can_instruct(user, r)
    if is_superior:
        out["handlers"] = list(
            User.objects.filter(procuratorate_id=user.procuratorate_id, is_active=True, roles__code__in=ACTING_ROLES)
            .distinct().order_by("pk")
        )
        out["targets"] = list(
            Procuratorate.objects.filter(path__startswith=user.procuratorate.path).exclude(pk=subject.procuratorate_id)
        )
    return out
