"""The legal calendar: which days are working days, and when a legal period (期间) falls due.

DOMAIN.md §6 in code, and the one place that does date arithmetic on legal periods:
- the start day is not counted, the period runs from the next day (CPL 85, CPLI 125);
- a period in months ends on the corresponding date, or on the month's last day if it has none (CC 202);
- a period ending on a rest day or statutory holiday ends on the first working day after it (CPL 85, ALP 101);
  an official make-up working day (调休上班) is a working day, so nothing moves off it.

The official arrangement comes from chinese_calendar (2004 onwards, as far as the installed version knows);
admin entries (deadlines.models.Holiday) add later years and correct it, and win over it. For a year the
package does not know we still answer, from weekends and admin entries, and say so in the explanation.

Nothing here reads the clock: callers pass the dates.
"""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar
from chinese_calendar.constants import Holiday as OfficialHoliday

from .models import Holiday

# chinese_calendar names holidays in English, and its own Chinese names are clipped ("清明", "端午");
# users read the full names.
_CHINESE_NAMES = {
    OfficialHoliday.new_years_day.value: "元旦",
    OfficialHoliday.spring_festival.value: "春节",
    OfficialHoliday.tomb_sweeping_day.value: "清明节",
    OfficialHoliday.labour_day.value: "劳动节",
    OfficialHoliday.dragon_boat_festival.value: "端午节",
    OfficialHoliday.national_day.value: "国庆节",
    OfficialHoliday.mid_autumn_festival.value: "中秋节",
}
_WEEKDAY_NAMES = "一二三四五六日"


@dataclass(frozen=True)
class Due:
    """A computed due date and why it is that day, in words a user can check against the law."""

    date: date
    explanation: str


@dataclass(frozen=True)
class _Day:
    working: bool
    name: str | None  # the holiday a rest day or make-up working day belongs to; None for ordinary days


class _Calendar:
    """The calendar as seen by one call: admin entries are read once per year, not once per day."""

    def __init__(self) -> None:
        self._overrides: dict[date, Holiday] = {}
        self._loaded_years: set[int] = set()
        self.unofficial_years: set[int] = set()  # years looked at that the package has no data for

    def load(self, first: date, last: date) -> None:
        """Reads the admin entries of the years from first to last not read yet, in one query.

        Callers pass the span they expect to look at, so a whole computation costs one query;
        `day` still loads any year outside it, so a bad guess costs a query, never a wrong answer.
        """
        missing = [year for year in range(first.year, last.year + 1) if year not in self._loaded_years]
        if not missing:
            return
        rows = Holiday.objects.filter(date__range=(date(missing[0], 1, 1), date(missing[-1], 12, 31)))
        self._overrides.update({row.date: row for row in rows})
        self._loaded_years.update(range(missing[0], missing[-1] + 1))

    def day(self, d: date) -> _Day:
        try:
            on_holiday, name = chinese_calendar.get_holiday_detail(d)
        except NotImplementedError:
            # No official arrangement for this year yet: only weekends rest, unless an admin says otherwise.
            self.unofficial_years.add(d.year)
            on_holiday, name = d.weekday() >= 5, None
        self.load(d, d)
        override = self._overrides.get(d)
        if override is not None:
            return _Day(working=override.kind == Holiday.Kind.WORKDAY, name=override.name or None)
        return _Day(working=not on_holiday, name=_chinese_name(name))

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

    def note(self) -> str:
        if not self.unofficial_years:
            return ""
        years = "、".join(str(year) for year in sorted(self.unofficial_years))
        return f"（{years}年官方节假日安排尚未收录，仅按周末及管理员录入的节假日计算）"


def _chinese_name(name: str | None) -> str | None:
    if name is None:
        return None
    if name in _CHINESE_NAMES:
        return _CHINESE_NAMES[name]
    try:  # a one-off holiday such as the 2015 victory day: the package's own Chinese name
        return OfficialHoliday(name).chinese
    except ValueError:
        return name


def _add_months(start: date, months: int) -> tuple[date, bool]:
    """The corresponding date `months` later, or that month's last day if it has none (CC 202).

    Also says whether the day was clipped to the month's end, so the explanation can say why.
    """
    year, month_index = divmod(start.month - 1 + months, 12)
    year, month = start.year + year, month_index + 1
    last_day = monthrange(year, month)[1]
    return date(year, month, min(start.day, last_day)), start.day > last_day


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


def due_date(start: date, *, days: int = 0, months: int = 0, working_days: bool = False) -> Due:
    """When a period of `days` days, `months` months or (working_days=True) `days` working days
    that starts after `start` falls due, with its explanation (DOMAIN.md §6)."""
    if days < 0 or months < 0 or (days > 0) == (months > 0):
        raise ValueError("a period is a positive number of either days or months")
    if working_days and months:
        raise ValueError("working_days counts days, not months")

    calendar = _Calendar()
    if working_days:
        # Generous guess at the span so the admin entries are read in one query (holidays run about a week).
        calendar.load(start, start + timedelta(days=2 * days + 31))
        due, skipped = calendar.add_working_days(start, days)
        text = f"自{start}次日起算{days}个工作日，届满日{due}"
        if skipped:
            text += f"（其间{'、'.join(skipped)}假期不计入）"
        return Due(due, text + calendar.note() + "。")

    if months:
        end, clipped = _add_months(start, months)
        text = f"自{start}次日起算{months}个月，届满日{end}"
        if clipped:
            text += f"（{end.month}月无{start.day}日，以该月最后一日为届满日）"
    else:
        end, clipped = start + timedelta(days=days), False
        text = f"自{start}次日起算{days}日，届满日{end}"
    subject = "，该日" if clipped else ""  # after the parenthesis, say again which day we speak of

    # Only the last day and what follows it matter: days inside the period count whatever they are.
    calendar.load(end, end + timedelta(days=31))
    last = calendar.day(end)
    due = end
    if not last.working:
        due = calendar.first_working_day_from(end)
        weekend = end.weekday() >= 5
        reason = last.name or (f"周{_WEEKDAY_NAMES[end.weekday()]}" if weekend else "休息日")
        after = "节假日" if last.name else "休息日"
        text += f"{subject}适逢{reason}，顺延至{due}（{after}后第一个工作日）"
    elif end.weekday() >= 5:
        # A Saturday or Sunday that is a working day can only be a make-up working day.
        text += f"{subject}为{last.name or ''}调休上班日，不顺延"
    return Due(due, text + calendar.note() + "。")
