"""Who sees what (STYLE.md).

- A dataset: its own procuratorate and those it is shared with, nobody else (not even a superior office's
  supervisors: the data holds personal information, DOMAIN.md §11). A system admin sees all.
- A model: its procuratorate (and supervisors above it), and, once published, the publisher's whole subtree.
- Runs and hits: the procuratorate that ran the model, and supervisors above it.
"""

from django.db import models
from django.db.models import Q

from procuratorates import access


def ancestor_ids(procuratorate):
    """The procuratorate and every office above it, from its materialised path ("1/3/12/")."""
    return [int(part) for part in procuratorate.path.strip("/").split("/") if part]


class DatasetQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_system_admin:
            return self
        if user.procuratorate_id is None:
            return self.none()
        return self.filter(Q(procuratorate_id=user.procuratorate_id) | Q(shared_with=user.procuratorate_id)).distinct()


class ModelQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_system_admin:
            return self
        if user.procuratorate_id is None:
            return self.none()
        offered = Q(status="published", procuratorate_id__in=ancestor_ids(user.procuratorate))
        return self.filter(access.scope_q(user, "procuratorate") | offered)


class RunQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.scope_q(user, "procuratorate"))


class HitQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.scope_q(user, "procuratorate"))
