"""Who may see hearing officers and hearings: `Model.objects.visible_to(user)` (STYLE.md).

A procuratorate's roster of hearing officers is seen by its staff and its supervisors (the subtree of
procuratorates.access). A hearing is seen exactly where its case is (pil_cases.query): one rule.
"""

from django.db import models

from pil_cases.query import case_visible_q
from procuratorates import access


class HearingOfficerQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.scope_q(user, "procuratorate"))


class HearingQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(case_visible_q(user, case="case", procuratorate="case__procuratorate"))


class HearingSeatQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(case_visible_q(user, case="hearing__case", procuratorate="hearing__case__procuratorate"))
