"""Who may see what: the one place that decides it (STYLE.md).

A user sees their own procuratorate's records. A department head or chief procurator also sees
everything under their procuratorate in the tree (supervision). A system admin sees everything.
Everyone else is told the object does not exist (404), never that it is someone else's.

Apps filter with `scope_q(user, "procuratorate")` on their querysets (`visible_to`), and look
single objects up with `get_visible_or_404`. Sharing through cooperation mechanisms extends
these functions, here, so that no view has to know about it.
"""

from django.db.models import Q
from django.http import Http404

from .models import Procuratorate, Role

SUPERVISING_ROLES = (Role.Code.HEAD, Role.Code.CHIEF)


def supervises_subtree(user):
    return user.has_role(*SUPERVISING_ROLES)


def scope_q(user, field="procuratorate"):
    """A Q object limiting rows whose `field` (a Procuratorate FK) the user may see."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_system_admin:
        return Q()
    if user.procuratorate_id is None:
        return Q(pk__in=[])
    if supervises_subtree(user):
        return Q(**{f"{field}__path__startswith": user.procuratorate.path})
    return Q(**{f"{field}_id": user.procuratorate_id})


def visible_procuratorates(user):
    qs = Procuratorate.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if user.is_system_admin:
        return qs
    if user.procuratorate_id is None:
        return qs.none()
    if supervises_subtree(user):
        return qs.filter(path__startswith=user.procuratorate.path)
    return qs.filter(pk=user.procuratorate_id)


def can_see_procuratorate(user, procuratorate):
    return visible_procuratorates(user).filter(pk=procuratorate.pk).exists()


def get_visible_or_404(queryset, **lookup):
    """The object if the user's scoped queryset holds it; 404 alike for missing and not yours."""
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj


# ---------------------------------------------------------------- sharing through cooperation mechanisms
#
# A mechanism shares only what was put into it, and only while it is in force: the staff of a
# collaborating member procuratorate see the joint cases they were named on. Suspension or expiry
# ends the sharing at once (nothing is copied, so there is nothing to revoke); the history stays.


def shared_case_ids_q(user, case_field="pk"):
    """A Q on `case_field` (Case.pk by default; "case" on a Suggestion): joint cases of in-force
    mechanisms the user's procuratorate collaborates on."""
    if not user.is_authenticated or user.procuratorate_id is None:
        return Q(pk__in=[])
    from django.apps import apps  # mechanisms depends on this module, not the other way round

    JointCase = apps.get_model("mechanisms", "JointCase")
    shared = JointCase.objects.filter(mechanism__status="in_force", collaborators=user.procuratorate_id).values("case_id")
    return Q(**{f"{case_field}__in": shared})


def case_scope_q(user, field="procuratorate"):
    """The cases a user may read: `scope_q` on the case's procuratorate, plus joint cases shared with
    the user's procuratorate. Use on Case querysets only (pil_cases.selectors.case_visible_to)."""
    if user.is_authenticated and user.is_system_admin:
        return Q()
    return scope_q(user, field) | shared_case_ids_q(user)


def collaborates_on_case(user, case):
    """True if the user's procuratorate is a collaborating member on this case through an in-force
    mechanism: they may add investigation records and evidence, never take the case's decisions."""
    if not user.is_authenticated or user.procuratorate_id is None:
        return False
    from django.apps import apps

    JointCase = apps.get_model("mechanisms", "JointCase")
    return JointCase.objects.filter(case_id=case.pk, mechanism__status="in_force", collaborators=user.procuratorate_id).exists()


def mechanism_scope_q(user, field="mechanism"):
    """A Q on rows with a `field` FK to Mechanism (or "" for Mechanism itself): mechanisms one of the
    user's visible procuratorates is a member of. Members see the mechanism whatever its status."""
    prefix = f"{field}__" if field else ""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_system_admin:
        return Q()
    if user.procuratorate_id is None:
        return Q(pk__in=[])
    from django.apps import apps

    Member = apps.get_model("mechanisms", "Member")
    member_of = Member.objects.filter(scope_q(user, "procuratorate")).values("mechanism_id")
    return Q(**{f"{prefix}pk__in": member_of}) if prefix else Q(pk__in=member_of)
