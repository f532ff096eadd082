"""The legal calendar: which days are working days, and when a legal period (期间) falls due.

DOMAIN.md §6 and §6a in code, and the one place that does date arithmetic on legal periods:
- the start day is not counted, the period runs from the next day (CPL 85, CPLI 125);
- a period in months ends on the corresponding date, or on the month's last day if it has none (CC 202);
- paused days (suspension R 78, appraisal time R 48) are added to the period's true end, and only then
  does the rest-day rule apply;
- a period ending on a rest day or statutory holiday ends on the first working day after it (CPL 85,
  ALP 101); an official make-up working day (调休上班) is a working day, so nothing moves off it.

Where a day's status comes from, first match wins:
1. a `Holiday` row: a day of an imported State Council notice, or an admin's correction;
2. a year with an imported notice: its days are all rows, so any other day is an ordinary day;
3. chinese-calendar, for the years its installed release knows;
4. otherwise the statutory rule of 《全国年节及纪念日放假办法》 (`deadlines.holidays`): the 13 statutory
   days plus weekends. That is only a lower bound of the coming notice, so every due date that looked at
   such a day is *provisional* and says so. There is no silent fallback to weekends.

Nothing here reads the clock: callers pass the dates.
"""

import hashlib
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar
from chinese_calendar.constants import Holiday as OfficialHoliday
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from core.errors import Unanswerable

from . import holidays
from .models import CalendarYear, Holiday

# chinese_calendar names holidays in English, and its own Chinese names are clipped ("清明", "端午");
# users read the full names.
# The names stay Chinese here (gettext_noop only marks them for translation): they go into the stored
# explanation of a due date, which is a Chinese record; the calendar page translates them when it shows them.
_CHINESE_NAMES = {
    OfficialHoliday.new_years_day.value: gettext_noop("元旦"),
    OfficialHoliday.spring_festival.value: gettext_noop("春节"),
    OfficialHoliday.tomb_sweeping_day.value: gettext_noop("清明节"),
    OfficialHoliday.labour_day.value: gettext_noop("劳动节"),
    OfficialHoliday.dragon_boat_festival.value: gettext_noop("端午节"),
    OfficialHoliday.national_day.value: gettext_noop("国庆节"),
    OfficialHoliday.mid_autumn_festival.value: gettext_noop("中秋节"),
}
_WEEKDAY_NAMES = "一二三四五六日"
FIRST_YEAR = 2004  # chinese-calendar's first year; the 2024 rule computes every year from 2025 on
LAST_YEAR = 2099


class CalendarUnavailable(Unanswerable, ValueError):
    """A date outside the years the calendar can answer for (a 400 when a request asks for one)."""


class Source:
    NOTICE = "notice"  # an imported State Council notice
    PACKAGE = "chinese_calendar"  # the official data shipped by chinese-calendar
    RULE = "rule"  # the statutory days only: provisional


SOURCE_LABELS = {
    Source.NOTICE: gettext_lazy("国务院办公厅通知（已导入）"),
    Source.PACKAGE: gettext_lazy("国务院办公厅通知（chinese-calendar 收录）"),
    Source.RULE: gettext_lazy("按《全国年节及纪念日放假办法》推算（暂定）"),
}


@dataclass(frozen=True)
class Due:
    """A computed due date, why it is that day, and whether it rests on a provisional calendar."""

    date: date
    explanation: str
    provisional: bool = False
    end: date | None = None  # the period's true end before the rest-day roll-over


@dataclass(frozen=True)
class Pause:
    started_on: date
    ended_on: date | None  # None: the clock still stands
    label: str  # "中止审查"


@dataclass(frozen=True)
class _Day:
    working: bool
    name: str | None  # the holiday a rest day or make-up working day belongs to; None for ordinary days


def _package_years() -> set[int]:
    return {d.year for d in chinese_calendar.holidays}


class _Calendar:
    """The calendar as seen by one computation: rows are read once per year, not once per day."""

    def __init__(self) -> None:
        self._overrides: dict[date, Holiday] = {}
        self._loaded_years: set[int] = set()
        self._notice_years: set[int] | None = None
        self._package_years = _package_years()
        self._statutory: dict[int, dict[date, str]] = {}
        self.provisional_years: set[int] = set()  # years looked at that only the rule covers

    def load(self, first: date, last: date) -> None:
        """Reads the rows of the years from first to last not read yet, in one query."""
        missing = [year for year in range(first.year, last.year + 1) if year not in self._loaded_years]
        if not missing:
            return
        rows = Holiday.objects.filter(date__range=(date(missing[0], 1, 1), date(missing[-1], 12, 31)))
        self._overrides.update({row.date: row for row in rows})
        self._loaded_years.update(range(missing[0], missing[-1] + 1))

    def source(self, year: int) -> str:
        if self._notice_years is None:
            self._notice_years = set(
                CalendarYear.objects.filter(notice_imported_at__isnull=False).values_list("year", flat=True)
            )
        if year in self._notice_years:
            return Source.NOTICE
        if year in self._package_years:
            return Source.PACKAGE
        return Source.RULE

    def _ordinary(self, d: date) -> _Day:
        return _Day(working=d.weekday() < 5, name=None)

    def day(self, d: date) -> _Day:
        if not FIRST_YEAR <= d.year <= LAST_YEAR:
            raise CalendarUnavailable(
                gettext("%(year)s年的节假日安排不在本系统可计算的范围（%(first)s—%(last)s年）内。")
                % {"year": d.year, "first": FIRST_YEAR, "last": LAST_YEAR}
            )
        self.load(d, d)
        override = self._overrides.get(d)
        if override is not None:
            return _Day(working=override.kind == Holiday.Kind.WORKDAY, name=override.name or None)
        source = self.source(d.year)
        if source == Source.NOTICE:
            return self._ordinary(d)
        if source == Source.PACKAGE:
            on_holiday, name = chinese_calendar.get_holiday_detail(d)
            return _Day(working=not on_holiday, name=_chinese_name(name))
        self.provisional_years.add(d.year)
        if d.year not in self._statutory:
            self._statutory[d.year] = holidays.statutory_days(d.year)
        name = self._statutory[d.year].get(d)
        return _Day(working=False, name=name) if name else self._ordinary(d)

    def first_working_day_from(self, d: date) -> date:
        while not self.day(d).working:
            d += timedelta(days=1)
        return d

    def add_working_days(self, start: date, n: int) -> tuple[date, list[str]]:
        """The day on which the n-th working day after start falls, and the holidays skipped on the way."""
        d, counted, skipped = start, 0, []
        while counted < n:
            d += timedelta(days=1)
            day = self.day(d)
            if day.working:
                counted += 1
            elif day.name and day.name not in skipped:
                skipped.append(day.name)
        return d, skipped

    def provisional_note(self) -> str:
        if not self.provisional_years:
            return ""
        years = "、".join(str(year) for year in sorted(self.provisional_years))
        return (
            f"；{years}年国务院办公厅节假日安排尚未发布，按《全国年节及纪念日放假办法》规定的法定节假日推算，"
            "届满日为暂定，通知发布后自动重新计算"
        )


def _chinese_name(name: str | None) -> str | None:
    if name is None:
        return None
    if name in _CHINESE_NAMES:
        return _CHINESE_NAMES[name]
    try:  # a one-off holiday such as the 2015 victory day: the package's own Chinese name
        return OfficialHoliday(name).chinese
    except ValueError:
        return name


def add_months(start: date, months: int) -> tuple[date, bool]:
    """The corresponding date `months` later, or that month's last day if it has none (CC 202).

    Also says whether the day was clipped to the month's end, so the explanation can say why.
    """
    year, month_index = divmod(start.month - 1 + months, 12)
    year, month = start.year + year, month_index + 1
    last_day = monthrange(year, month)[1]
    return date(year, month, min(start.day, last_day)), start.day > last_day


def shared_calendar() -> "_Calendar":
    """One calendar for many questions (a sweep): its rows are read once per year, not once per question.
    Ask with `.day(d).working` and `.add_working_days(start, n)[0]`."""
    return _Calendar()


def is_working_day(d: date) -> bool:
    """Whether d is a working day: a weekday that is no holiday, or an official make-up working day."""
    return _Calendar().day(d).working


def holiday_name(d: date) -> str | None:
    """The holiday d belongs to ("国庆节"), as a rest day or as its make-up working day; None otherwise."""
    return _Calendar().day(d).name


def add_working_days(start: date, n: int) -> date:
    """The day of the n-th working day after start (start itself is not counted)."""
    if n < 0:
        raise ValueError("n must not be negative")
    return _Calendar().add_working_days(start, n)[0]


def _merged(start: date, pauses):
    """The ended pauses as disjoint intervals [from, to) clipped to the clock's start, each with its reasons:
    a suspension during an appraisal stops the clock once, not twice."""
    spans = sorted(
        (max(p.started_on, start), p.ended_on, p.label)
        for p in pauses
        if p.ended_on is not None and p.ended_on > max(p.started_on, start)
    )
    merged = []
    for begin, end, label in spans:
        if merged and begin <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2] + ([label] if label not in last[2] else []))
        else:
            merged.append((begin, end, [label]))
    return merged


def _length_text(days: int, months: int) -> str:
    return f"{months}个月" if months else f"{days}日"


def due_date(
    start: date, *, days: int = 0, months: int = 0, working_days: bool = False, extension_months: int = 0,
    extension_reason: str = "", pauses=(),
) -> Due:
    """When a period of `days` days or `months` months (or `days` working days) that starts after `start`
    falls due, extended by `extension_months` and stopped during `pauses`, with its explanation."""
    if days < 0 or months < 0 or (days > 0) == (months > 0):
        raise ValueError("a period is a positive number of either days or months")
    if working_days and (months or extension_months or pauses):
        raise ValueError("a working-day period has no months, extensions or pauses")

    calendar = _Calendar()
    if working_days:
        # Generous guess at the span so the rows are read in one query (holidays run about a week).
        calendar.load(start, start + timedelta(days=2 * days + 31))
        due, skipped = calendar.add_working_days(start, days)
        text = f"自{start}次日起算{days}个工作日，届满日为{due}"
        if skipped:
            text += f"（其间{'、'.join(skipped)}假期不计入）"
        return Due(due, text + calendar.provisional_note() + "。", bool(calendar.provisional_years), due)

    parts = []
    if months:
        end, clipped = add_months(start, months)
        text = f"自{start}次日起算{_length_text(days, months)}，期间末日为{end}"
        if clipped:
            text += f"（{end.month}月无{start.day}日，以该月最后一日为期间末日）"
    else:
        # start + days is the last day: the start day itself is not counted (CPL 85).
        end = start + timedelta(days=days)
        text = f"自{start}次日起算{_length_text(days, months)}，期间末日为{end}"
    parts.append(text)

    if extension_months:
        # The extension runs on from the true end, not from a rolled-over due date: the rest-day
        # roll-over applies only to the final last day (CPL 85).
        end, clipped = add_months(end, extension_months)
        approved = f"（{extension_reason}）" if extension_reason else ""
        text = f"经批准延长{extension_months}个月{approved}，期间末日为{end}"
        if clipped:
            text += f"（以{end.month}月最后一日为期间末日）"
        parts.append(text)

    # A pause stops only a clock still running: one that begins after the (rolled-over) last day finds the
    # period already run out and adds nothing; each counted pause moves the last day, so the next is
    # measured against the moved one.
    counted = []
    for begin, stop, labels in _merged(start, pauses):
        calendar.load(end, end + timedelta(days=31))
        if begin > calendar.first_working_day_from(end):
            break
        days_stopped = (stop - begin).days
        end += timedelta(days=days_stopped)
        counted.append((begin, stop, "、".join(labels), days_stopped))
    if counted:
        listed = "、".join(f"{label}（{begin}至{stop}）{n}日" for begin, stop, label, n in counted)
        parts.append(f"{listed}不计入期间，期间末日相应顺延至{end}")

    # Only the last day and what follows it matter: days inside the period count whatever they are.
    calendar.load(end, end + timedelta(days=31))
    last = calendar.day(end)
    due = end
    if not last.working:
        due = calendar.first_working_day_from(end)
        if last.name:
            parts.append(f"该日适逢{last.name}假期，顺延至{due}（节假日后第一个工作日）")
        else:
            weekday = f"周{_WEEKDAY_NAMES[end.weekday()]}" if end.weekday() >= 5 else "休息日"
            parts.append(f"该日为{weekday}，顺延至{due}（休息日后第一个工作日）")
    elif end.weekday() >= 5:
        # A Saturday or Sunday that is a working day can only be a make-up working day.
        parts.append(f"该日为{last.name or ''}调休上班日，不顺延，届满日为{due}")
    elif len(parts) == 1:
        parts[0] = parts[0].replace(f"期间末日为{end}", f"届满日为{due}")  # nothing moved it: one plain clause
    else:
        parts.append(f"届满日为{due}")

    for p in (p for p in pauses if p.ended_on is None):
        if p.started_on > due:
            parts.append(f"自{p.started_on}起{p.label}，期间此前已届满，不因此顺延")
        else:
            parts.append(f"自{p.started_on}起{p.label}，期限停止计算，恢复后相应顺延")
    return Due(due, "；".join(parts) + calendar.provisional_note() + "。", bool(calendar.provisional_years), end)


# ---------------------------------------------------------------- one year, as the year view and the recompute see it


@dataclass(frozen=True)
class YearDay:
    date: date
    working: bool
    name: str | None


def year_source(year: int) -> str:
    return _Calendar().source(year)


def year_days(year: int) -> list[YearDay]:
    """Every day of the year that is not an ordinary weekday or weekend: holidays and make-up working days."""
    calendar = _Calendar()
    calendar.load(date(year, 1, 1), date(year, 12, 31))
    out = []
    d = date(year, 1, 1)
    while d.year == year:
        day = calendar.day(d)
        if day.name or day.working != (d.weekday() < 5):
            out.append(YearDay(d, day.working, day.name))
        d += timedelta(days=1)
    return out


def year_fingerprint(year: int) -> str:
    """A digest of which days of the year are working days: it changes exactly when a due date may."""
    marks = "".join(f"{d.date}:{int(d.working)};" for d in year_days(year) if d.working != (d.date.weekday() < 5))
    return hashlib.sha256(marks.encode()).hexdigest()


def year_is_official(year: int) -> bool:
    return _Calendar().source(year) != Source.RULE
