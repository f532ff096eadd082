"""Who may act on a mechanism, its shared work and a campaign (seeing: query.py, `visible_to`).

Each rule is a predicate the services call first through `require`, so it holds whoever calls
them; views may ask the same predicates early for a 403 before validating the input.
"""

from core.errors import NotAllowed
from pil_cases import permissions as case_permissions
from procuratorates.models import ACTING_ROLES, STAFF_ROLES, SUPERVISING_ROLES, Procuratorate

from .models import Member


def require(allowed):
    """Raise NotAllowed (403) unless `allowed`."""
    if not allowed:
        raise NotAllowed


def member_procuratorate_ids(mechanism):
    return set(
        Member.objects.filter(mechanism=mechanism).filter(procuratorate__isnull=False).values_list("procuratorate_id", flat=True)
    )


# ---------------------------------------------------------------- configuration


def can_create_mechanism(user, convener):
    """A system admin, or the convening procuratorate's department head (or chief)."""
    if user.is_system_admin:
        return True
    return convener is not None and user.procuratorate_id == convener.pk and user.has_role(*SUPERVISING_ROLES)


def can_configure(user, mechanism):
    return can_create_mechanism(user, mechanism.convener)


def is_member_staff(user, mechanism, roles=ACTING_ROLES):
    """The user works at a member procuratorate of the mechanism and may act there."""
    return user.procuratorate_id in member_procuratorate_ids(mechanism) and user.has_role(*roles)


# ---------------------------------------------------------------- shared work


def can_send_transfer(user, mechanism, clue):
    """The clue's own office, a member of the mechanism, sends it."""
    # No role here: the transfer goes through clues.services.clue_transfer, which requires the clue's evaluator.
    return clue.procuratorate_id in member_procuratorate_ids(mechanism) and user.procuratorate_id == clue.procuratorate_id


def can_answer_transfer(user, transfer):
    """The receiving office's staff accept or return a transferred clue."""
    return user.procuratorate_id == transfer.to_procuratorate_id and user.has_role(*STAFF_ROLES)


def can_link_joint_case(user, mechanism, case):
    """The lead office, a member, links its own case."""
    return (
        case.procuratorate_id in member_procuratorate_ids(mechanism)
        and user.procuratorate_id == case.procuratorate_id
        and user.has_role(*ACTING_ROLES)
    )


def can_add_joint_record(user, case):
    """The lead office or a collaborating office of the shared case adds investigation records."""
    lead = user.procuratorate_id == case.procuratorate_id
    return user.has_role(*ACTING_ROLES) and (lead or case_permissions.collaborates_on_case(user, case))


def can_request_assistance(user, mechanism):
    return is_member_staff(user, mechanism)


def can_reply_assistance(user, request):
    """The commissioned office answers."""
    return user.procuratorate_id == request.to_procuratorate_id and user.has_role(*ACTING_ROLES)


def can_schedule_meeting(user, mechanism):
    return can_configure(user, mechanism) or is_member_staff(user, mechanism, roles=SUPERVISING_ROLES)


def can_hold_meeting(user, meeting):
    hosts = meeting.host_id is not None and user.procuratorate_id == meeting.host_id and user.has_role(*ACTING_ROLES)
    return can_configure(user, meeting.mechanism) or hosts


# ---------------------------------------------------------------- campaigns


def can_organise(user, organiser):
    if user.is_system_admin:
        return True
    return organiser is not None and user.procuratorate_id == organiser.pk and user.has_role(*SUPERVISING_ROLES)


def participates(campaign, procuratorate_id):
    if procuratorate_id is None:
        return False
    if campaign.whole_subtree:
        # By path, not a list: offices added under the organiser later take part too.
        return Procuratorate.objects.filter(pk=procuratorate_id, path__startswith=campaign.organiser.path).exists()
    return campaign.participants.filter(pk=procuratorate_id).exists()


def can_tag(user, campaign):
    """Staff of a participating office tag their own cases and clues."""
    return user.is_system_admin or (participates(campaign, user.procuratorate_id) and user.has_role(*STAFF_ROLES))
