"""What keeps the index current: the models' signals and the audit trail.

Services change a clue, case or suggestion in two ways: `save()`/`create()` (a post_save signal) and
conditional `filter(…).update(…)` (no signal), always followed by an audit entry (core.audit). Listening to
both catches every change; each only marks the object, and search.indexing rebuilds it once after commit.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from clues.models import Clue
from core.models import AuditEntry
from core.outbox import outbox_enqueue
from pil_cases.models import Case, CaseParty, Suggestion
from procuratorates.models import Procuratorate

from .indexing import search_mark_dirty
from .models import Kind

_KINDS = {("clues", "clue"): Kind.CLUE, ("pil_cases", "case"): Kind.CASE, ("pil_cases", "suggestion"): Kind.SUGGESTION}
_MODELS = {Clue: Kind.CLUE, Case: Kind.CASE, Suggestion: Kind.SUGGESTION}


@receiver(post_save, sender=Clue)
@receiver(post_save, sender=Case)
@receiver(post_save, sender=Suggestion)
@receiver(post_delete, sender=Clue)
@receiver(post_delete, sender=Case)
@receiver(post_delete, sender=Suggestion)
def _object_changed(sender, instance, raw=False, **kwargs):
    if not raw:  # loaddata: search_reindex builds the index afterwards
        search_mark_dirty(_MODELS[sender], instance.pk)


@receiver(m2m_changed, sender=Clue.agencies.through)
@receiver(m2m_changed, sender=Case.agencies.through)
def _agencies_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:  # from the agency's side: every clue or case it was added to or removed from
        model = Clue if sender is Clue.agencies.through else Case
        for pk in pk_set or ():
            search_mark_dirty(_MODELS[model], pk)
    else:
        search_mark_dirty(_MODELS[type(instance)], instance.pk)


@receiver(post_save, sender=CaseParty)
@receiver(post_delete, sender=CaseParty)
def _party_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        search_mark_dirty(Kind.CASE, instance.case_id)


@receiver(post_save, sender=AuditEntry)
def _audited(sender, instance, created, raw=False, **kwargs):
    """A conditional update (status, number, procuratorate) is always followed by its audit entry."""
    if not created or raw:
        return
    subject_type = instance.subject_type  # the instance audit_record passed: no query
    kind = _KINDS.get((subject_type.app_label, subject_type.model))
    if kind:
        search_mark_dirty(kind, instance.subject_id)


@receiver(pre_save, sender=Procuratorate)
def _procuratorate_moving(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    instance._search_old_parent = Procuratorate.objects.filter(pk=instance.pk).values_list("parent_id", flat=True).first()


@receiver(post_save, sender=Procuratorate)
def _procuratorate_moved(sender, instance, created, raw=False, **kwargs):
    """A procuratorate moved in the tree: the scope lexemes of its subtree's rows change (rebuilt in the background)."""
    if raw or created or getattr(instance, "_search_old_parent", instance.parent_id) == instance.parent_id:
        return
    outbox_enqueue("search.tasks.search_reindex_subtree", key=f"search-subtree:{instance.pk}", procuratorate_id=instance.pk)
