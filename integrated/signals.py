"""Keep each case on the track its criteria give (繁简分流) as the case changes.

pil_cases cannot call up into this app, so this app listens: after the transaction that saved a case or
changed its agencies or parties commits, the track is assessed again (idempotent; a head's decision stands).
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from pil_cases.models import Case, CaseParty

from . import services


def _refresh_later(case_id):
    def refresh():
        case = Case.objects.filter(pk=case_id).select_related("procuratorate").first()
        if case is not None:
            services.case_track_refresh(case=case)

    transaction.on_commit(refresh)


@receiver(post_save, sender=Case)
def case_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _refresh_later(instance.pk)


@receiver(m2m_changed, sender=Case.agencies.through)
def agencies_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Case):
        _refresh_later(instance.pk)


@receiver(post_save, sender=CaseParty)
def party_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _refresh_later(instance.case_id)
