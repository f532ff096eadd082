"""Who may see a clue and what hangs from it: `Model.objects.visible_to(user)` (STYLE.md).

A clue is seen by its procuratorate's staff and by supervisors of a procuratorate above it
(procuratorates.access, the subtree). Its attachments are seen exactly when it is. A transfer
notice is seen by both ends: the sending and the receiving office (and their supervisors).
"""

from django.db import models

from procuratorates import access


class ClueQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.scope_q(user, "procuratorate"))


class ClueAttachmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """An attachment is visible where its clue is."""
        return self.filter(access.scope_q(user, "clue__procuratorate"))


class ClueTransferQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.scope_q(user, "from_procuratorate") | access.scope_q(user, "to_procuratorate"))
