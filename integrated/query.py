"""Who sees a task force and a quality evaluation: whoever sees its case (pil_cases.query), one rule."""

from django.db import models

from pil_cases.query import case_visible_q


class TaskForceQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(case_visible_q(user, case="case", procuratorate="case__procuratorate"))


class EvaluationQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(case_visible_q(user, case="case", procuratorate="case__procuratorate"))
