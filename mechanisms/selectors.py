"""Reads of mechanisms and campaigns, always within what the user may see (query.py: `visible_to`)."""

from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, Sum

from deadlines.models import Deadline
from pil_cases.models import CaseMetric, CaseStatus, Suggestion, SuggestionStatus
from procuratorates import access

from . import permissions
from .models import (
    AssistanceRequest,
    AssistanceStatus,
    Campaign,
    CampaignTargetKind,
    JointCase,
    Mechanism,
    MechanismTransfer,
    Meeting,
    MeetingStatus,
    Member,
)


def mechanism_history_visible(user, entries):
    """A mechanism's history without the entries about transfers, assistance requests and joint cases the
    user may not see (those between two other members): their labels and reasons are theirs. One
    subquery per kind, so a page is still one query."""
    kept = Q()
    for model in (MechanismTransfer, AssistanceRequest, JointCase):
        kind = ContentType.objects.get_for_model(model)
        kept &= ~Q(subject_type=kind) | Q(subject_id__in=model.objects.visible_to(user).values("pk"))
    return entries.filter(kept)


def mechanism_list(user):
    return (
        Mechanism.objects.visible_to(user)
        .select_related("convener")
        .prefetch_related("fields")
        .annotate(member_count=Count("members", distinct=True))
        .order_by("-signed_on", "-pk")
    )


def mechanism_detail(user):
    return (
        Mechanism.objects.visible_to(user)
        .select_related("convener", "created_by")
        .prefetch_related(
            "fields",
            Prefetch("members", queryset=Member.objects.select_related("procuratorate", "agency")),
            Prefetch("meetings", queryset=Meeting.objects.select_related("host").prefetch_related("deadlines")),
        )
    )


def access_mechanism_by_id(user, pk, *, to_act=False):
    """The mechanism with what its page shows, or 404 alike for missing and not a member's; with
    `to_act`, NotAllowed (403) unless the user configures it (the convener's head or chief)."""
    mechanism = access.get_visible_or_404(mechanism_detail(user), pk=pk)
    if to_act:
        permissions.require(permissions.can_configure(user, mechanism))
    return mechanism


def transfer_list(user, mechanism=None):
    """Transfers the user's office sent or received (supervisors: their subtree's)."""
    qs = MechanismTransfer.objects.visible_to(user)
    if mechanism is not None:
        qs = qs.filter(mechanism=mechanism)
    return qs.select_related(
        "mechanism", "from_procuratorate", "to_procuratorate", "from_clue", "to_clue", "sent_by", "answered_by"
    ).prefetch_related(Prefetch("deadlines", queryset=Deadline.objects.order_by("due_on")))


def assistance_list(user, mechanism=None):
    qs = AssistanceRequest.objects.visible_to(user)
    if mechanism is not None:
        qs = qs.filter(mechanism=mechanism)
    return qs.select_related(
        "mechanism", "from_procuratorate", "to_procuratorate", "case", "requested_by", "replied_by"
    ).prefetch_related("attachments", Prefetch("deadlines", queryset=Deadline.objects.order_by("due_on")))


def joint_case_list(user, mechanism=None):
    """The lead's own (or subtree's) joint cases, and those shared with the user's office while in force."""
    qs = JointCase.objects.visible_to(user)
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


def campaign_list(user):
    return (
        Campaign.objects.visible_to(user)
        .select_related("organiser")
        .prefetch_related("fields", "targets", "participants")
        .annotate(case_count=Count("cases", distinct=True), clue_count=Count("clues", distinct=True))
        .order_by("-starts_on", "-pk")
    )


def access_campaign_by_id(user, pk, *, to_act=False):
    """The campaign, or 404 alike for missing and not visible; with `to_act`, NotAllowed (403) unless
    the user organises it."""
    campaign = access.get_visible_or_404(campaign_list(user), pk=pk)
    if to_act:
        permissions.require(permissions.can_organise(user, campaign.organiser))
    return campaign


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
