"""Statutory holidays, and the State Council's yearly holiday notice read into dates.

A legal period that ends on a rest day or a statutory holiday ends on the first working day after it
(see deadlines/calendar.py), so the system has to know, for every day, whether people work.
Two legal sources decide that:

1. 《全国年节及纪念日放假办法》 (State Council; revised November 2024, in force 1 January 2025) fixes the
   statutory holidays of all citizens (全体公民放假的节日), 13 days a year:
   元旦 1 day (1 January); 春节 4 days (农历除夕 and 正月初一 to 初三); 清明节 1 day (the day of the Qingming
   solar term); 劳动节 2 days (1 and 2 May); 端午节 1 day (农历五月初五); 中秋节 1 day (农历八月十五);
   国庆节 3 days (1 to 3 October). Before the revision there were 11 (春节 and 劳动节 had one day less),
   so the rule below is only right from 2025 on. A statutory day that falls on a weekend is made up
   on a working day (补假); the 办法 does not say which one.
2. Each year, usually in November, the General Office of the State Council publishes
   《国务院办公厅关于YYYY年部分节假日安排的通知》. It turns the statutory days into the actual breaks:
   each break is a run of days off that also covers weekends and the days made up (放假调休), and some
   weekend days become working days (上班) to pay for the bridge days. Only this notice says which days
   people actually have off; the statutory days are always among them.

`statutory_days` gives (1): what the law guarantees for a year whose notice is not out yet.
`parse_notice` reads (2) from the text an administrator pastes, strictly enough that a notice pasted
under the wrong year, or mistyped, is refused with a message saying where, rather than stored wrong.

Pure Python: no Django, and nothing here reads the clock; callers pass the year.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from lunar_python import Lunar, Solar

FIRST_YEAR = 2025  # the first year under the 2024 revision of the 办法


def statutory_days(year: int) -> dict[date, str]:
    """The statutory holidays of all citizens in `year` under the 2024 办法, date -> holiday name, in date order.

    13 holiday days; they fall on 13 different dates except when 中秋节 falls on 1 to 3 October
    (2028: 3 October), where the one date carries both names, as the notice then titles the merged break.
    """
    if year < FIRST_YEAR:
        # Earlier years had 11 statutory days; for them the official yearly data is the source.
        raise ValueError(f"{year}年适用2024年修订前的《全国年节及纪念日放假办法》，请使用当年的官方放假安排")
    days: dict[date, str] = {}

    def add(day: date, name: str) -> None:
        days[day] = f"{days[day]}、{name}" if day in days else name

    add(date(year, 1, 1), "元旦")
    # 除夕 is the last day of the twelfth lunar month, which has 29 or 30 days: the day before 正月初一,
    # never "腊月三十" looked up directly. It belongs to the lunar year starting in `year` (2027: 2月5日).
    new_year = _solar_date(Lunar.fromYmd(year, 1, 1).getSolar())
    for offset in range(-1, 3):
        add(new_year + timedelta(days=offset), "春节")
    add(_qingming(year), "清明节")
    add(date(year, 5, 1), "劳动节")
    add(date(year, 5, 2), "劳动节")
    # A positive month in lunar_python is the ordinary month, not a leap month of the same number:
    # the festivals are in the ordinary month.
    add(_solar_date(Lunar.fromYmd(year, 5, 5).getSolar()), "端午节")
    # 国庆节 before 中秋节, so that a date shared by both reads "国庆节、中秋节", as in the notices.
    for day in (1, 2, 3):
        add(date(year, 10, day), "国庆节")
    add(_solar_date(Lunar.fromYmd(year, 8, 15).getSolar()), "中秋节")
    return dict(sorted(days.items()))


def _qingming(year: int) -> date:
    # The jieqi table of a lunar day covers its lunar year, from the 冬至 before it to the terms after it
    # (those of the next year under pinyin keys). 15 April is always in the lunar year starting in `year`,
    # so its "清明" is this year's; checked anyway, since a wrong year here would move a deadline.
    day = _solar_date(Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable()["清明"])
    if (day.year, day.month) != (year, 4):
        raise RuntimeError(f"lunar_python gave {day} as 清明 of {year}")
    return day


def _solar_date(solar: Solar) -> date:
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


class NoticeError(ValueError):
    """The pasted notice cannot be read; the message, in Chinese, says what is wrong and where."""


@dataclass(frozen=True)
class ParsedNotice:
    rest_days: dict[date, str]  # every day of every 放假 range, weekends inside it included -> holiday title
    working_days: dict[date, str]  # the make-up working days (上班) -> holiday title


# After NFKC (full-width punctuation and digits become half-width) and with spaces removed.
# An item opens a line, or follows a full stop or colon when the notice was pasted as one paragraph:
# "一、元旦:". A title must end in a colon, so the "八、" of "(农历腊月二十八、周日)" is never an item.
_ITEM = re.compile(r"(?:^|(?<=[\n。:]))(?P<number>[一二三四五六七八九十]{1,3}|\d{1,2})、(?P<title>[\u4e00-\u9fff、\n]{1,30}?):")
_HEADING_YEAR = re.compile(r"关于(\d{4})年部分节假日安排")
# Separators, outside parentheses only: the lunar notes inside them use "、" too.
_OUTSIDE = r"(?![^(]*\))"
_SENTENCE = re.compile(r"[。;.]" + _OUTSIDE)
_CLAUSE = re.compile(r"," + _OUTSIDE)
_LIST = re.compile(r"[、和及]" + _OUTSIDE)
_RANGE = re.compile(r"[至到~\-—–]" + _OUTSIDE)
_DATE = re.compile(r"(?:(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月)?(?P<day>\d{1,2})日(?:\((?P<note>[^()]*)\))?")
_WEEKDAY = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天])")
_WEEKDAYS = {name: number for number, name in enumerate("一二三四五六日")} | {"天": 6}  # 周天 is 周日
_PARENTHESES = re.compile(r"\([^()]*\)")


def parse_notice(year: int, text: str) -> ParsedNotice:
    """Reads the numbered holiday lines of the yearly notice for `year`; raises NoticeError if anything is off.

    Heading, preamble, closing paragraph and signature may be pasted along: only the numbered lines count.
    """
    text = unicodedata.normalize("NFKC", text)
    # Line breaks are kept (as "\n") only to find where items start; all other whitespace goes, so a line
    # broken in the middle of a date still reads.
    text = re.sub(r"[^\S\n]+", "", text)
    text = re.sub(r"\n+", "\n", text)
    heading = _HEADING_YEAR.search(text)
    if heading and int(heading.group(1)) != year:
        raise NoticeError(f"粘贴的是{heading.group(1)}年的通知，不是{year}年的，请核对年份")
    items = list(_ITEM.finditer(text))
    if not items:
        raise NoticeError("未找到任何节假日安排，请粘贴通知正文")
    reader = _Reader(year)
    for item, following in zip(items, [*items[1:], None], strict=True):
        end = following.start() if following else len(text)
        reader.item(item.group("number"), item.group("title").replace("\n", ""), text[item.end() : end].replace("\n", ""))
    return ParsedNotice(rest_days=dict(sorted(reader.rest.items())), working_days=dict(sorted(reader.working.items())))


class _Reader:
    """Reads the items one after the other, so each error can name its line."""

    def __init__(self, year: int) -> None:
        self.year = year
        self.rest: dict[date, str] = {}
        self.working: dict[date, str] = {}
        self.label = ""

    def fail(self, message: str) -> NoticeError:
        return NoticeError(f"{self.label}：{message}")

    def item(self, number: str, title: str, body: str) -> None:
        self.label = f"第{number}行（{title}）"
        rested = False
        for sentence in _SENTENCE.split(body):
            bare = _PARENTHESES.sub("", sentence)
            if not re.search("放假|上班|补休", bare):
                # Not an arrangement: a remark ("鼓励……在除夕（2月9日）休息"), or, after the last item,
                # the closing paragraph and the signature. The signature's date has a year; a date without
                # one is an arrangement we failed to read, and must not be dropped silently.
                if re.search(r"\d+日", re.sub(r"\d{4}年\d{1,2}月\d{1,2}日", "", bare)):
                    raise self.fail(f"无法识别“{_shown(sentence)}”")
                continue
            rested |= self.sentence(sentence, title)
        if not rested:
            raise self.fail("未找到放假日期")

    def sentence(self, sentence: str, title: str) -> bool:
        """Reads "1月1日至3日放假调休,共3天" or "1月4日(周日)上班"; returns whether it had a 放假 range."""
        rested = False
        previous: list[date] | None = None  # the last 放假 range, which a following "共N天" counts
        for clause in _CLAUSE.split(sentence):
            bare = _PARENTHESES.sub("", clause)
            if "放假" in bare:
                head, _, tail = clause.partition("放假")
                if re.search(r"\d+日", tail):
                    raise self.fail(f"无法识别“{_shown(clause)}”")
                previous = self.dates(head)
                self.add(previous, title, rest=True)
                rested = True
                if count := re.search(r"(\d+)天", tail):
                    self.check_count(previous, int(count.group(1)))
            elif count := re.fullmatch(r"共(\d+)天", bare):
                if previous is None:
                    raise self.fail(f"“{bare}”前没有放假日期")
                self.check_count(previous, int(count.group(1)))
            elif bare.endswith("上班"):
                self.add(self.dates(clause[: clause.rindex("上班")]), title, rest=False)
            elif bare.endswith("补休"):
                # Older notices: "1月1日放假,1月2日(星期一)补休" - a rest day without a count.
                self.add(self.dates(clause[: clause.rindex("补休")]), title, rest=True)
                rested = True
            elif re.search(r"\d", bare):
                raise self.fail(f"无法识别“{_shown(clause)}”")
            # else a remark without dates: "不调休", "与周末连休", "调休".
        return rested

    def check_count(self, days: list[date], count: int) -> None:
        # The declared count is the notice's own checksum: a mistyped date shows up as a wrong total.
        if count != len(days):
            span = f"{_shown_day(days[0], self.year)}至{_shown_day(days[-1], self.year)}"
            raise self.fail(f"写明共{count}天，但{span}是{len(days)}天")

    def add(self, days: list[date], title: str, *, rest: bool) -> None:
        into, other = (self.rest, self.working) if rest else (self.working, self.rest)
        for day in days:
            if day in into:
                raise self.fail(f"{_shown_day(day, self.year)}重复列为{'放假' if rest else '上班'}日")
            if day in other:
                # Nobody can both rest and work on a day: one of the two dates is mistyped.
                raise self.fail(f"{_shown_day(day, self.year)}既列为放假日又列为上班日")
            into[day] = title

    def dates(self, segment: str) -> list[date]:
        """Every day of "1月28日(农历除夕、周二)至2月4日(…)", "9月28日(周日)、10月11日(周六)" and the like."""
        if not segment:
            raise self.fail("未写日期")
        days: list[date] = []
        previous: date | None = None  # a date without a month or year takes them from the one before
        for part in _LIST.split(segment):
            ends = _RANGE.split(part)
            if len(ends) > 2:
                raise self.fail(f"无法识别日期“{_shown(part)}”")
            first = previous = self.date(ends[0], previous)
            if len(ends) == 2:
                previous = self.date(ends[1], previous)
            last = previous
            if last < first:
                raise self.fail(f"“{_shown(part)}”的结束日期早于开始日期")
            days += [first + timedelta(days=n) for n in range((last - first).days + 1)]
        return days

    def date(self, token: str, previous: date | None) -> date:
        match = _DATE.fullmatch(token)
        written = _PARENTHESES.sub("", token)
        if not match or (match.group("month") is None and previous is None):
            raise self.fail(f"无法识别日期“{_shown(written)}”")
        day = int(match.group("day"))
        if match.group("month") is None:  # "至3日"
            year, month = previous.year, previous.month
        else:
            month = int(match.group("month"))
            if match.group("year"):
                year = int(match.group("year"))
            elif previous:  # "12月31日至1月1日" runs into the next year
                year = previous.year + (month < previous.month)
            else:
                year = self.year
        try:
            result = date(year, month, day)
        except ValueError:
            raise self.fail(f"无法识别日期“{_shown(written)}”") from None
        # A break may start in the December before (元旦 of 2023 began on 2022-12-31) or run into
        # the January after; any other year means a wrong date or a notice of another year.
        if not (result.year == self.year or (result.year, result.month) in ((self.year - 1, 12), (self.year + 1, 1))):
            raise self.fail(f"“{_shown(written)}”不在{self.year}年，请核对年份")
        for note in re.split(r"[、,]", match.group("note") or ""):
            # The weekday in parentheses is the check that catches a notice pasted under the wrong year.
            if (weekday := _WEEKDAY.fullmatch(note)) and _WEEKDAYS[weekday.group(1)] != result.weekday():
                raise self.fail(f"“{_shown_day(result, self.year)}（{note}）”与{result.year}年的星期不符，请核对年份")
        return result


def _shown_day(day: date, year: int) -> str:
    return f"{day.month}月{day.day}日" if day.year == year else f"{day.year}年{day.month}月{day.day}日"


def _shown(text: str) -> str:
    # Back to the full-width punctuation the user pasted, for the message.
    return text.translate(str.maketrans("(),:;", "（），：；"))
