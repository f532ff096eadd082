"""Who sees an oversight record: exactly who sees its case (or clue). One rule, the owning apps' own."""

from django.apps import apps
from django.db import models
from django.db.models import Q


def _subject_q(model, user):
    case_model = apps.get_model("pil_cases", "Case")
    q = Q(case__in=case_model.objects.visible_to(user).values("pk"))
    if any(f.name == "clue" for f in model._meta.get_fields()):
        clue_model = apps.get_model("clues", "Clue")
        q |= Q(clue__in=clue_model.objects.visible_to(user).values("pk"))
    return q


class OversightQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_system_admin:
            return self
        return self.filter(_subject_q(self.model, user))
