"""Statutory holidays, and the State Council's yearly notice read into dates (deadlines.holidays).

chinese_calendar carries the official arrangements up to 2026; the notices below must reproduce it day by day.
"""

from datetime import date, timedelta

import chinese_calendar
import pytest

from deadlines.holidays import NoticeError, ParsedNotice, parse_notice, statutory_days

from .notices import FULL_NOTICE_2025, FULL_NOTICE_2026, NOTICE_2024, NOTICE_2025, NOTICE_2026  # noqa: F401


def days_of(year):
    day = date(year, 1, 1)
    while day.year == year:
        yield day
        day += timedelta(days=1)


def assert_reproduces_chinese_calendar(parsed: ParsedNotice, year: int) -> None:
    """Rest days plus weekends, minus make-up working days, are chinese_calendar's holidays, every day of the year."""
    for day in days_of(year):
        resting = (day in parsed.rest_days or day.weekday() >= 5) and day not in parsed.working_days
        assert resting == chinese_calendar.is_holiday(day), day
    assert set(parsed.working_days) == {day for day in chinese_calendar.workdays if day.year == year}


@pytest.mark.parametrize(("year", "notice"), [(2025, NOTICE_2025), (2026, NOTICE_2026)])
def test_the_2025_and_2026_notices_reproduce_chinese_calendar_for_every_day_of_the_year(year, notice):
    parsed = parse_notice(year, notice)

    assert_reproduces_chinese_calendar(parsed, year)
    # For these years chinese_calendar lists every day of a break, weekends included, as the notice does.
    assert set(parsed.rest_days) == {day for day in chinese_calendar.holidays if day.year == year}


def test_rest_and_working_days_carry_the_title_of_their_line():
    parsed = parse_notice(2025, NOTICE_2025)

    assert parsed.rest_days[date(2025, 1, 28)] == "春节"
    assert parsed.rest_days[date(2025, 10, 6)] == "国庆节、中秋节"
    assert parsed.working_days[date(2025, 9, 28)] == "国庆节、中秋节"
    assert parsed.working_days[date(2025, 4, 27)] == "劳动节"


@pytest.mark.parametrize(
    ("year", "full", "lines"), [(2025, FULL_NOTICE_2025, NOTICE_2025), (2026, FULL_NOTICE_2026, NOTICE_2026)]
)
def test_the_whole_notice_with_heading_preamble_and_signature_parses_the_same_as_its_numbered_lines(year, full, lines):
    assert parse_notice(year, full) == parse_notice(year, lines)


def test_the_2024_notice_in_the_older_wording_reproduces_chinese_calendar():
    assert_reproduces_chinese_calendar(parse_notice(2024, NOTICE_2024), 2024)


def test_half_width_punctuation_spaces_broken_lines_and_full_width_digits_read_the_same():
    pasted = (
        "通知如下: 一、 元旦: 1月1日(周四) 至 3日(周六) 放假调休, 共3天. 1月4日(周日)上班.\n"
        "二、春节：２月１５日（农历腊月\n二十八、周日）至２３日（农历正月初七、周一）放假调休，共９天。\n"
        "2月14日（周六）、2月28日\n（周六）上班。\n"
        "三、清明节：4月4日（周六）至6日（周一）放假，共3天。四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。\n"
        "　　五、端午节：6月19日（周五）至21日（周日）放假，共3天。\r\n"
        "六、中秋节：9月25日（周五）至27日（周日）放假，共3天。\n"
        "七、国庆节：\n10月1日（周四）至7日（周三）放假调休，\n共7天。9月20日（周天）、10月10日（周六）上班。"
    )

    assert parse_notice(2026, pasted) == parse_notice(2026, NOTICE_2026)


@pytest.mark.parametrize(
    ("year", "line", "first", "last"),
    [
        (2026, "一、元旦：1月1日至3日放假，共3天。", date(2026, 1, 1), date(2026, 1, 3)),
        (2026, "四、劳动节：4月30日至5月4日放假调休，共5天。", date(2026, 4, 30), date(2026, 5, 4)),
        (2026, "一、元旦：12月31日（周四）至1月1日（周五）放假，共2天。", date(2026, 12, 31), date(2027, 1, 1)),
        (2023, "一、元旦：2022年12月31日（周六）至2023年1月2日（周一）放假调休，共3天。", date(2022, 12, 31), date(2023, 1, 2)),
    ],
)
def test_a_range_may_stay_in_one_month_cross_months_or_touch_the_neighbouring_year(year, line, first, last):
    rest_days = parse_notice(year, line).rest_days

    assert list(rest_days) == [first + timedelta(days=n) for n in range((last - first).days + 1)]


@pytest.mark.parametrize("wording", ["1月1日放假。", "1月1日（周三）放假1天，不调休。", "1月1日放假，与周末连休。"])
def test_a_single_day_off_can_be_worded_in_each_of_the_notices_ways(wording):
    assert parse_notice(2025, f"一、元旦：{wording}") == ParsedNotice(rest_days={date(2025, 1, 1): "元旦"}, working_days={})


def test_a_notice_pasted_under_the_wrong_year_is_refused_by_its_weekdays():
    spring_festival_2026 = NOTICE_2026.splitlines()[1]

    with pytest.raises(NoticeError, match="^第二行（春节）：“2月15日（周日）”与2027年的星期不符，请核对年份$"):
        parse_notice(2027, spring_festival_2026)


def test_a_whole_notice_pasted_under_the_wrong_year_is_refused_by_its_heading():
    with pytest.raises(NoticeError, match="2026年的通知，不是2027年的"):
        parse_notice(2027, FULL_NOTICE_2026)


def test_an_impossible_date_is_refused_naming_the_line_and_the_date():
    with pytest.raises(NoticeError, match="^第二行（春节）：无法识别日期“2月30日”$"):
        parse_notice(2026, NOTICE_2026.replace("2月28日（周六）", "2月30日（周六）"))


def test_a_declared_total_that_is_not_the_length_of_the_range_is_refused():
    with pytest.raises(NoticeError, match="^第七行（国庆节）：写明共8天，但10月1日至10月7日是7天$"):
        parse_notice(2026, NOTICE_2026.replace("共7天", "共8天"))


@pytest.mark.parametrize("text", ["", "  \n ", "国务院办公厅关于2026年部分节假日安排的通知\n经国务院批准，现将……通知如下："])
def test_a_text_without_numbered_holiday_lines_is_refused(text):
    with pytest.raises(NoticeError, match="^未找到任何节假日安排，请粘贴通知正文$"):
        parse_notice(2026, text)


def test_a_day_listed_both_as_rest_and_as_working_is_refused():
    with pytest.raises(NoticeError, match="^第一行（元旦）：1月3日既列为放假日又列为上班日$"):
        parse_notice(2026, "一、元旦：1月1日至3日放假调休，共3天。1月3日（周六）上班。")


def test_a_date_outside_the_year_and_its_neighbouring_december_and_january_is_refused():
    with pytest.raises(NoticeError, match="^第一行（元旦）：“2025年12月31日”不在2027年，请核对年份$"):
        parse_notice(2027, "一、元旦：2025年12月31日至2026年1月1日放假，共2天。")


def test_an_arrangement_that_cannot_be_read_is_refused_rather_than_dropped():
    with pytest.raises(NoticeError, match="^第七行（国庆节）：无法识别“9月20日（周日）、10月10日（周六）上岗”$"):
        parse_notice(2026, NOTICE_2026.replace("10月10日（周六）上班", "10月10日（周六）上岗"))


def test_a_line_without_a_day_off_is_refused():
    with pytest.raises(NoticeError, match="^第一行（元旦）：未找到放假日期$"):
        parse_notice(2026, "一、元旦：1月4日（周日）上班。")


def test_statutory_days_of_2027_are_the_thirteen_days_of_the_2024_rules():
    assert statutory_days(2027) == {
        date(2027, 1, 1): "元旦",
        date(2027, 2, 5): "春节",  # 除夕, the day before 正月初一
        date(2027, 2, 6): "春节",
        date(2027, 2, 7): "春节",
        date(2027, 2, 8): "春节",
        date(2027, 4, 5): "清明节",
        date(2027, 5, 1): "劳动节",
        date(2027, 5, 2): "劳动节",
        date(2027, 6, 9): "端午节",
        date(2027, 9, 15): "中秋节",
        date(2027, 10, 1): "国庆节",
        date(2027, 10, 2): "国庆节",
        date(2027, 10, 3): "国庆节",
    }


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_statutory_day_of_2025_and_2026_is_a_holiday_in_the_official_schedule(year):
    days = statutory_days(year)

    assert len(days) == 13
    assert all(chinese_calendar.is_holiday(day) for day in days)
    assert set(days) <= set(chinese_calendar.holidays)


def test_in_2028_new_years_eve_is_25_january_and_mid_autumn_shares_3_october_with_national_day():
    days = statutory_days(2028)

    assert min(day for day, name in days.items() if name == "春节") == date(2028, 1, 25)
    assert days[date(2028, 10, 3)] == "国庆节、中秋节"
    # Thirteen holiday days, on twelve dates: 中秋节 (农历八月十五) is 3 October.
    assert len(days) == 12
    assert sum(len(name.split("、")) for name in days.values()) == 13


def test_statutory_days_before_the_2024_revision_are_refused():
    with pytest.raises(ValueError, match="2024年修订前"):
        statutory_days(2024)
