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


def subtree_ids(root):
    """The ids of `root` and every procuratorate under it, or None when that is every procuratorate (the
    supreme procuratorate's subtree): one query over the ~3,600-row tree (two for a root, which asks first
    whether it is the only one).

    Lists filter on `procuratorate_id IN (…)` with these ids, not on a join to the path: the planner then
    knows how many rows a county or a province holds and walks the matching index, and the whole tree needs
    no filter at all (DOMAIN.md §10). Plain queries, not ArrayAgg: `make run` serves from SQLite."""
    if root.parent_id is None:
        roots = list(Procuratorate.objects.filter(parent__isnull=True).values_list("pk", flat=True)[:2])
        if roots == [root.pk]:
            return None
    return sorted(Procuratorate.objects.filter(path__startswith=root.path).values_list("pk", flat=True))


def _supervised_ids(user):
    """subtree_ids of the user's procuratorate, kept on the user object for the request (a list page and its
    count, a detail and its related lists all ask)."""
    cached = getattr(user, "_supervised_ids", None)
    if cached is None or cached[0] != user.procuratorate_id:
        cached = (user.procuratorate_id, subtree_ids(user.procuratorate))
        user._supervised_ids = cached
    return cached[1]


def within_q(field, root):
    """Rows whose `field` (a Procuratorate FK) is `root` or under it, as an index range (subtree_ids)."""
    ids = subtree_ids(root)
    return Q(**{f"{field}__isnull": False}) if ids is None else Q(**{f"{field}__in": ids})


def scope_q(user, field="procuratorate"):
    """A Q object limiting rows whose `field` (a Procuratorate FK) the user may see: `field IN (ids)`, never a
    join (subtree_ids)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_system_admin:
        return Q()
    # A user attached to no procuratorate sees nothing, never everything.
    if user.procuratorate_id is None:
        return Q(pk__in=[])
    if supervises_subtree(user):
        # Heads and chiefs supervise their subtree (上级院, R 11, 18).
        ids = _supervised_ids(user)
        # The whole tree: a condition that is always true yet stays one when ORed with another (an empty Q
        # would vanish from `scope_q(…) | shared`), as the path match was (a row without an office is no one's).
        return Q(**{f"{field}__isnull": False}) if ids is None else Q(**{f"{field}__in": ids})
    return Q(**{f"{field}_id": user.procuratorate_id})


def sees_whole_tree(user):
    """Whether the user's scope is every procuratorate (a system admin, the supreme procuratorate's heads):
    their lists need no filter at all."""
    if not user.is_authenticated or user.procuratorate_id is None and not user.is_system_admin:
        return False
    return user.is_system_admin or (supervises_subtree(user) and _supervised_ids(user) is None)


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
