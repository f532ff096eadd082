"""The demo clues: every channel, a transfer 金川 → 泸定, a merged duplicate, volunteer photos; safe to run twice."""

import pytest

from clues.models import Clue, ClueSource, ClueTransfer

pytestmark = pytest.mark.django_db


def test_demo_clues_cover_every_channel_and_load_twice_without_duplicates(demo):
    from clues import demo as clue_demo
    from pil_cases import demo as case_demo

    case_demo.load()
    clue_demo.load()
    count = Clue.objects.count()
    clue_demo.load()

    assert Clue.objects.count() == count
    # The supervision-model channel's clue is a hit converted by supervision_models.demo (its own demo test).
    assert set(Clue.objects.values_list("source", flat=True)) == set(ClueSource.values) - {ClueSource.SUPERVISION_MODEL}
    transfer = ClueTransfer.objects.get(from_procuratorate__short_name="金川")
    assert transfer.to_procuratorate.short_name == "泸定" and transfer.to_clue.source == "procuratorate_transfer"
    assert Clue.objects.filter(status="merged").count() >= 1
    volunteer_clues = Clue.objects.filter(source="volunteer")
    assert volunteer_clues.filter(attachments__kind="photo").exists()
    assert volunteer_clues.filter(status="filed", case__isnull=False).exists()
