"""Who may see a mechanism, its shared work and a campaign: `Model.objects.visible_to(user)` (STYLE.md).

A mechanism is seen by the staff of its member procuratorates and their supervisors, whatever its
status; its meetings are seen where it is. A transfer or an assistance request is seen by both
ends (the sending and the receiving office, and their supervisors). A joint case is seen by the
lead office's tree, and by its collaborators while the mechanism is in force. A campaign is seen by
its organiser's tree, by the offices below an organiser that runs it for its whole subtree, and by
its participants. System admins see everything.
"""

from django.apps import apps
from django.db import models
from django.db.models import Q

from procuratorates import access

IN_FORCE = "in_force"  # MechanismStatus.IN_FORCE (models.py imports this module)


def _nobody(user):
    return not user.is_authenticated or (not user.is_system_admin and user.procuratorate_id is None)


def mechanism_scope_q(user, field="mechanism"):
    """A Q on rows with a `field` FK to Mechanism ("" for Mechanism itself): mechanisms one of the
    user's visible procuratorates is a member of. Members see the mechanism whatever its status."""
    if _nobody(user):
        return Q(pk__in=[])
    if user.is_system_admin:
        return Q()
    member = apps.get_model("mechanisms", "Member")
    member_of = member.objects.filter(access.scope_q(user, "procuratorate")).values("mechanism_id")
    return Q(**{f"{field}__pk__in": member_of}) if field else Q(pk__in=member_of)


def _either_end_q(user):
    """Rows sent from or to an office the user sees (transfers, assistance requests)."""
    if user.is_authenticated and user.is_system_admin:
        return Q()
    return access.scope_q(user, "from_procuratorate") | access.scope_q(user, "to_procuratorate")


class MechanismQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(mechanism_scope_q(user, ""))


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A meeting is visible where its mechanism is."""
        return self.filter(mechanism_scope_q(user))


class BetweenOfficesQuerySet(models.QuerySet):
    """Transfers and assistance requests: visible at both ends."""

    def visible_to(self, user):
        return self.filter(_either_end_q(user))


class JointCaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The lead's own (or subtree's) joint cases, and those shared with the user's office while in force."""
        if _nobody(user):
            return self.none()
        if user.is_system_admin:
            return self.all()
        shared = Q(mechanism__status=IN_FORCE, collaborators=user.procuratorate_id)
        # Through the ids: the join on collaborators would repeat a row per collaborator.
        visible = self.model.objects.filter(access.scope_q(user, "case__procuratorate") | shared).values("pk")
        return self.filter(pk__in=visible)


class CampaignQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The organiser's (and its supervisors') campaigns, those of an organiser above the user's office
        run for its whole subtree, and those the user's office takes part in."""
        if _nobody(user):
            return self.none()
        if user.is_system_admin:
            return self.all()
        own = user.procuratorate
        ancestor_ids = [int(x) for x in own.path.strip("/").split("/") if x]
        q = access.scope_q(user, "organiser") | Q(whole_subtree=True, organiser_id__in=ancestor_ids) | Q(participants=own)
        return self.filter(pk__in=self.model.objects.filter(q).values("pk"))
