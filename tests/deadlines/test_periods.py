"""The one table of legal periods: every deadline kind has its row, and no length is written anywhere else."""

import re
from pathlib import Path

import pytest

from deadlines.models import DeadlineKind
from deadlines.periods import PERIODS, Length, period

ROOT = Path(__file__).resolve().parents[2]
APPS = ["clues", "config", "deadlines", "mechanisms", "pil_cases", "procuratorates"]

# A length written in words, as a page would show a period: "15日内", "两个月", "三十日）".
WORDED = re.compile(r"(?<!第)(\d+|[一二两三四五六七八九十百]+) ?(个月|日内|天内|日）|个工作日)")
# A period opened or computed with a number in the code: Length(days=15), due_date(x, months=2).
NUMBERED = re.compile(r"(Length|due_date|deadline_open)\([^)]*\b(days|months)=\d")
# The workbench's urgency bands ("3日内届满") group open deadlines for display; they are not legal periods.
URGENCY_BANDS = {"3日内届满", "7日内届满"}
# Words that look like a period and are not one: the bounds an admin may set a configurable period to, and the
# text of a demo meeting's resolution.
NOT_PERIODS = {("mechanisms/serializers.py", "36个月"), ("mechanisms/demo.py", "15日内")}


def _lines(paths):
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            yield path.relative_to(ROOT), number, line


def test_every_deadline_kind_has_its_row_with_an_article_and_a_starting_event():
    for kind in DeadlineKind.values:
        row = period(kind)
        assert row.basis and row.starts and row.reminds, kind
        assert row.length.days > 0 or row.length.months > 0


def test_a_period_fixed_by_law_refuses_a_configured_length():
    with pytest.raises(ValueError):
        period(DeadlineKind.SUGGESTION_REPLY).length_for(configured=Length(days=30))
    assert period(DeadlineKind.CLUE_EVALUATE).length_for(configured=Length(months=2)) == Length(months=2)


def test_documents_write_the_length_in_chinese_numerals():
    assert PERIODS[DeadlineKind.SUGGESTION_REPLY].length.words == "两个月"
    assert PERIODS[DeadlineKind.SUGGESTION_REPLY].variants["urgent"].length.words == "十五日"
    assert PERIODS[DeadlineKind.ANNOUNCEMENT_END].length.words == "三十日"


def test_no_template_or_page_script_writes_a_legal_period():
    pages = [*ROOT.joinpath("templates").rglob("*.html"), *ROOT.joinpath("static", "app").rglob("*.js")]
    found = [
        f"{path}:{number}: {match.group(0)}"
        for path, number, line in _lines(pages)
        for match in WORDED.finditer(line)
        if not any(band in line[max(0, match.start() - 2) : match.end() + 4] for band in URGENCY_BANDS)
    ]
    assert found == []


def test_no_code_outside_the_periods_table_opens_a_period_by_number():
    sources = [
        path
        for app in APPS
        for path in ROOT.joinpath(app).rglob("*.py")
        if "migrations" not in path.parts and path.name != "periods.py"
    ]
    found = [f"{path}:{number}" for path, number, line in _lines(sources) if NUMBERED.search(line)]
    worded = [
        f"{path}:{number}: {m.group(0)}"
        for path, number, line in _lines(sources)
        if path.name not in ("calendar.py", "holidays.py")  # the calendar explains lengths it was given
        for m in WORDED.finditer(line)
        if (str(path), m.group(0)) not in NOT_PERIODS
    ]
    assert (found, worded) == ([], [])


def test_the_stored_reply_date_and_the_second_sweep_are_gone(settings):
    from pil_cases.models import Suggestion

    # The suggestion keeps a copy of the reply date for its list's index (DOMAIN.md §10), but nothing but the
    # register writes it: not a form, not an ordinary save (deadlines.kept).
    field = Suggestion._meta.get_field("reply_due_on")
    assert not field.editable and "reply_due_on" in Suggestion.register_kept_fields
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "deadlines.tasks.deadline_sweep" in tasks
    assert not any("overdue" in task for task in tasks)
