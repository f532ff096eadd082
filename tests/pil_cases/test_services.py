"""The case services check who acts themselves (not only the views), and write stored text in the
record language whatever the actor's UI language."""

import datetime

import pytest
from django.utils import translation

from core.audit import audit_history
from core.errors import Conflict, NotAllowed
from pil_cases import services

from .builders import served_suggestion
from .conftest import SUGGESTION

pytestmark = pytest.mark.django_db
D = datetime.date


def test_case_update_refuses_a_supervisor_and_an_outsider(make_case, supervisor, outsider):
    case = make_case()
    for user in (supervisor, outsider):
        with pytest.raises(NotAllowed):
            services.case_update(case=case, actor=user, summary="越权修改")
    case.refresh_from_db()
    assert case.summary == ""


def test_suggestion_update_refuses_an_outsider_and_an_issued_suggestion(make_case, handler, outsider, agency):
    case = services.case_investigate(case=make_case(), actor=handler, on=D(2026, 11, 3))
    suggestion = services.suggestion_draft(case=case, actor=handler, agency=agency, **SUGGESTION)
    with pytest.raises(NotAllowed):
        services.suggestion_update(suggestion=suggestion, actor=outsider, recommendations="越权")
    services.suggestion_issue(suggestion=suggestion, actor=handler, issued_on=D(2026, 11, 4))
    with pytest.raises(Conflict) as refused:
        services.suggestion_update(suggestion=suggestion, actor=handler, recommendations="制发后修改")
    assert "制发后不能修改" in str(refused.value)


def test_an_update_that_changes_nothing_leaves_no_entry(make_case, handler):
    case = make_case()
    before = audit_history(case).count()
    services.case_update(case=case, actor=handler, title=case.title)
    assert audit_history(case).count() == before


def test_an_extension_asked_in_english_is_recorded_in_chinese(handler):
    case = served_suggestion(handler, D(2026, 8, 1)).case
    with translation.override("en"):
        services.case_extend(case=case, actor=handler, on=D(2026, 8, 10), approval="chief", reason="需补充鉴定")
    entry = audit_history(case, own=True).filter(action="extend").get()
    assert entry.reason == "检察长批准：需补充鉴定"
    change = case.deadlines.get(kind="sue_decision").changes.last()
    assert change.reason.startswith("经批准延长")
