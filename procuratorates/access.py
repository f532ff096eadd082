"""Who may see what: the one place that decides it (STYLE.md).

A user sees their own procuratorate's records. A department head or chief procurator also sees
everything under their procuratorate in the tree (supervision). A system admin sees everything.
Everyone else is told the object does not exist (404), never that it is someone else's.

This module is the primitive: the procuratorate subtree. Each app's `query.py` builds its
`Model.objects.visible_to(user)` on `scope_q(user, "procuratorate")`, and its `access_<thing>_by_id`
looks single objects up with `get_visible_or_404`. What an app shares beyond the tree is its own
relation (a case's collaborators: pil_cases.CaseCollaborator), added in that app's query.py.
"""

from django.db.models import Q
from django.http import Http404

from .models import SUPERVISING_ROLES, Procuratorate


def supervises_subtree(user):
    return user.has_role(*SUPERVISING_ROLES)


def scope_q(user, field="procuratorate"):
    """A Q object limiting rows whose `field` (a Procuratorate FK) the user may see."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_system_admin:
        return Q()
    # A user attached to no procuratorate sees nothing, never everything.
    if user.procuratorate_id is None:
        return Q(pk__in=[])
    if supervises_subtree(user):
        # Heads and chiefs supervise their subtree (上级院, R 11, 18): the materialised path makes it one prefix match.
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
