"""manage.py search_reindex: the rows the signals write, rebuilt in batches, twice the same."""

import pytest
from django.core.management import call_command

from search.models import SearchDocument

pytestmark = pytest.mark.django_db


def _rows():
    fields = ("kind", "object_id", "title", "number", "agency", "place", "procuratorate_id")
    return sorted(SearchDocument.objects.values_list(*fields))


def test_reindex_rebuilds_what_the_signals_wrote_and_twice_changes_nothing(make_case, agency):
    for n in range(5):
        make_case(title=f"第{n}起非法采砂案", agencies=[agency])
    written = _rows()
    SearchDocument.objects.all().delete()
    call_command("search_reindex", "--batch", "2", "--rebuild", verbosity=0)
    assert _rows() == written
    call_command("search_reindex", verbosity=0)
    assert _rows() == written


def test_reindex_removes_rows_of_objects_that_are_gone(make_case):
    case = make_case()
    SearchDocument.objects.filter(kind="case", object_id=case.pk).update(object_id=case.pk + 10_000)
    call_command("search_reindex", "--kind", "case", verbosity=0)
    assert set(SearchDocument.objects.filter(kind="case").values_list("object_id", flat=True)) == {case.pk}


@pytest.mark.postgresql
def test_the_bulk_load_writes_the_same_rows_with_copy(make_case, agency):
    from search.indexing import search_reindex_all

    make_case(title="金川县\t制表符与反斜杠\\案", agencies=[agency], location="勒乌镇\n沙坝村")
    written = _rows()
    SearchDocument.objects.all().delete()
    search_reindex_all(copy=True)
    assert _rows() == written
