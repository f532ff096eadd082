"""Who may see a deadline: `Deadline.objects.visible_to(user)` (STYLE.md).

A deadline carries its procuratorate (the owner's), so the register is scoped like every record:
the user's office, their subtree for supervisors (procuratorates.access). Notifications are the
recipient's own and are read through `selectors.notifications_of`.
"""

from django.db import models

from procuratorates import access


class DeadlineQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.scope_q(user, "procuratorate"))
