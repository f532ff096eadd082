"""Reads of mechanisms and campaigns, always within what the user may see (procuratorates.access)."""

from collections import Counter

from django.db.models import Count, Prefetch, Q, Sum

from deadlines.models import Deadline
from pil_cases.models import CaseMetric, CaseStatus, Suggestion, SuggestionStatus
from procuratorates import access

from .models import (
    AssistanceRequest,
    AssistanceStatus,
    Campaign,
    CampaignTargetKind,
    JointCase,
    Mechanism,
    MechanismStatus,
    MechanismTransfer,
    Meeting,
    MeetingStatus,
    Member,
)


def mechanisms_visible_to(user):
    """Mechanisms one of the user's visible procuratorates is a member of (all, for admins)."""
    return Mechanism.objects.filter(mechanism_scope_q(user, ""))


def mechanism_list(user):
    return (
        mechanisms_visible_to(user)
        .select_related("convener")
        .prefetch_related("fields")
        .annotate(member_count=Count("members", distinct=True))
        .order_by("-signed_on", "-pk")
    )


def mechanism_detail(user):
    return (
        mechanisms_visible_to(user)
        .select_related("convener", "created_by")
        .prefetch_related(
            "fields",
            Prefetch("members", queryset=Member.objects.select_related("procuratorate", "agency")),
            Prefetch("meetings", queryset=Meeting.objects.select_related("host").prefetch_related("deadlines")),
        )
    )


def mechanism_get_visible(user, pk):
    return access.get_visible_or_404(mechanism_detail(user), pk=pk)


def _party_q(user, prefix=""):
    return access.scope_q(user, f"{prefix}from_procuratorate") | access.scope_q(user, f"{prefix}to_procuratorate")


def transfers_visible_to(user, mechanism=None):
    """Transfers the user's office sent or received (supervisors: their subtree's)."""
    qs = MechanismTransfer.objects.filter(_party_q(user))
    if mechanism is not None:
        qs = qs.filter(mechanism=mechanism)
    return qs.select_related(
        "mechanism", "from_procuratorate", "to_procuratorate", "from_clue", "to_clue", "sent_by", "answered_by"
    ).prefetch_related(Prefetch("deadlines", queryset=Deadline.objects.order_by("due_on")))


def assistance_visible_to(user, mechanism=None):
    qs = AssistanceRequest.objects.filter(_party_q(user))
    if mechanism is not None:
        qs = qs.filter(mechanism=mechanism)
    return qs.select_related(
        "mechanism", "from_procuratorate", "to_procuratorate", "case", "requested_by", "replied_by"
    ).prefetch_related("attachments", Prefetch("deadlines", queryset=Deadline.objects.order_by("due_on")))


def mechanism_scope_q(user, field="mechanism"):
    """A Q on rows with a `field` FK to Mechanism ("" for Mechanism itself): mechanisms one of the
    user's visible procuratorates is a member of. Members see the mechanism whatever its status."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_system_admin:
        return Q()
    if user.procuratorate_id is None:
        return Q(pk__in=[])
    member_of = Member.objects.filter(access.scope_q(user, "procuratorate")).values("mechanism_id")
    return Q(**{f"{field}__pk__in": member_of}) if field else Q(pk__in=member_of)


def joint_cases_visible_to(user, mechanism=None):
    """The lead's own (or subtree's) joint cases, and those shared with the user's office while in force."""
    shared = (
        Q(mechanism__status=MechanismStatus.IN_FORCE, collaborators=user.procuratorate_id)
        if user.procuratorate_id
        else Q(pk__in=[])
    )
    visible_ids = JointCase.objects.filter(access.scope_q(user, "case__procuratorate") | shared).values("pk")
    qs = JointCase.objects.filter(pk__in=visible_ids)
    if mechanism is not None:
        qs = qs.filter(mechanism=mechanism)
    return qs.select_related(
        "mechanism", "case", "case__procuratorate", "case__field", "case__handler", "linked_by"
    ).prefetch_related("collaborators")


def meetings_of(mechanism):
    return (
        Meeting.objects.filter(mechanism=mechanism)
        .select_related("host")
        .prefetch_related(Prefetch("deadlines", queryset=Deadline.objects.order_by("due_on")))
    )


def mechanism_figures(mechanism):
    """Per-mechanism figures (issue §5): transfers and outcomes, joint cases by stage, assistance
    answered on time, meetings held. Counts over everything the mechanism holds."""

    def counts(qs, key):
        return Counter({row[key]: row["n"] for row in qs.values(key).annotate(n=Count("pk")).order_by()})

    transfers = counts(MechanismTransfer.objects.filter(mechanism=mechanism), "status")
    stages = counts(JointCase.objects.filter(mechanism=mechanism), "case__status")
    requests = list(AssistanceRequest.objects.filter(mechanism=mechanism).values("status", "replied_on", "due_on"))
    answered = [r for r in requests if r["status"] == AssistanceStatus.ANSWERED]
    on_time = [r for r in answered if r["due_on"] and r["replied_on"] and r["replied_on"] <= r["due_on"]]
    meetings = counts(Meeting.objects.filter(mechanism=mechanism), "status")
    next_meeting = (
        Meeting.objects.filter(mechanism=mechanism, status=MeetingStatus.SCHEDULED)
        .order_by("scheduled_on")
        .values_list("scheduled_on", flat=True)
        .first()
    )

    from .models import TransferStatus

    return {
        "transfers": {
            "total": sum(transfers.values()),
            "pending": transfers.get(TransferStatus.PENDING, 0),
            "accepted": transfers.get(TransferStatus.ACCEPTED, 0),
            "returned": transfers.get(TransferStatus.RETURNED, 0),
        },
        "joint_cases": {
            "total": sum(stages.values()),
            "by_stage": [{"status": s, "label": str(CaseStatus(s).label), "count": n} for s, n in sorted(stages.items())],
        },
        "assistance": {
            "total": len(requests),
            "answered": len(answered),
            "answered_on_time": len(on_time),
            "pending": len(requests) - len(answered),
        },
        "meetings": {
            "held": meetings.get(MeetingStatus.HELD, 0),
            "scheduled": meetings.get(MeetingStatus.SCHEDULED, 0),
            "next_on": next_meeting,
        },
    }


# ---------------------------------------------------------------- campaigns


def campaigns_visible_to(user):
    """The organiser's (and its supervisors') campaigns, and those the user's office takes part in."""
    if not user.is_authenticated:
        return Campaign.objects.none()
    if user.is_system_admin:
        return Campaign.objects.all()
    if user.procuratorate_id is None:
        return Campaign.objects.none()
    own = user.procuratorate
    ancestor_ids = [int(x) for x in own.path.strip("/").split("/") if x]
    q = access.scope_q(user, "organiser") | Q(whole_subtree=True, organiser_id__in=ancestor_ids) | Q(participants=own)
    return Campaign.objects.filter(pk__in=Campaign.objects.filter(q).values("pk"))


def campaign_list(user):
    return (
        campaigns_visible_to(user)
        .select_related("organiser")
        .prefetch_related("fields", "targets", "participants")
        .annotate(case_count=Count("cases", distinct=True), clue_count=Count("clues", distinct=True))
        .order_by("-starts_on", "-pk")
    )


def campaign_get_visible(user, pk):
    return access.get_visible_or_404(campaign_list(user), pk=pk)


METRIC_TARGETS = {
    CampaignTargetKind.LAND_RESTORED: "land_restored",
    CampaignTargetKind.WASTE_CLEARED: "waste_cleared",
    CampaignTargetKind.ECO_COSTS: "eco_costs",
    CampaignTargetKind.SITES: "sites",
}


def campaign_progress(campaign):
    """Progress against each target, plus the tagged work by participating procuratorate."""

    case_ids = campaign.cases.values("pk")
    achieved = {
        CampaignTargetKind.CASES: campaign.cases.count(),
        CampaignTargetKind.CLUES: campaign.clues.count(),
        CampaignTargetKind.SUGGESTIONS: Suggestion.objects.filter(case__in=case_ids)
        .exclude(status=SuggestionStatus.DRAFT)
        .count(),
    }
    metric_sums = dict(
        CaseMetric.objects.filter(case__in=case_ids).values("kind").annotate(total=Sum("quantity")).values_list("kind", "total")
    )
    for target_kind, metric_kind in METRIC_TARGETS.items():
        achieved[target_kind] = metric_sums.get(metric_kind) or 0
    targets = []
    for target in campaign.targets.all():
        value = achieved.get(target.kind, 0)
        targets.append(
            {
                "kind": target.kind,
                "label": target.get_kind_display(),
                "target": float(target.quantity),
                "achieved": float(value),
                "percent": round(min(float(value) / float(target.quantity) * 100, 999), 1) if target.quantity else 0,
            }
        )
    by_office = {}
    for name, n in (
        campaign.cases.values_list("procuratorate__name").annotate(n=Count("pk")).values_list("procuratorate__name", "n")
    ):
        by_office.setdefault(name, {"procuratorate": name, "cases": 0, "clues": 0})["cases"] = n
    for name, n in (
        campaign.clues.values_list("procuratorate__name").annotate(n=Count("pk")).values_list("procuratorate__name", "n")
    ):
        by_office.setdefault(name, {"procuratorate": name, "cases": 0, "clues": 0})["clues"] = n
    return {
        "targets": targets,
        "totals": {k: float(v) for k, v in achieved.items()},
        "by_procuratorate": sorted(by_office.values(), key=lambda row: (-row["cases"], row["procuratorate"])),
    }
