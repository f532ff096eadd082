"""Who sees an approval request: the staff of its procuratorate, and the supervisors above it
(procuratorates.access, the subtree), as for the objects the requests are about."""

from django.db import models

from procuratorates import access


class ApprovalRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.scope_q(user, "procuratorate"))
