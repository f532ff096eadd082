"""The legal calendar (DOMAIN.md §6).

Expected dates were worked out by hand from the official 2026 arrangement (as shipped in
chinesecalendar 1.11: National Day 10-01..10-07 with make-up working days Sun 09-20 and Sat 10-10; Spring Festival
02-15..02-23 with make-up working days Sat 02-14 and Sat 02-28) and weekdays checked with Python's calendar.
Every call reads the admin entries, so every test needs the database.
"""

from datetime import date

import pytest

from deadlines.calendar import add_working_days, due_date, holiday_name, is_working_day
from deadlines.models import Holiday

pytestmark = pytest.mark.django_db


def rest(on: date, name: str) -> Holiday:
    return Holiday.objects.create(date=on, kind=Holiday.Kind.REST, name=name)


def workday(on: date, name: str) -> Holiday:
    return Holiday.objects.create(date=on, kind=Holiday.Kind.WORKDAY, name=name)


# Periods in days


def test_period_ending_on_national_day_moves_to_first_working_day_after_the_holiday():
    # 09-16 + 15 days = 10-01 (Thu), a holiday until 10-07; 10-08 is a Thursday.
    due = due_date(date(2026, 9, 16), days=15)

    assert due.date == date(2026, 10, 8)
    assert due.explanation == (
        "自2026-09-16次日起算15日，期间末日为2026-10-01；该日适逢国庆节假期，顺延至2026-10-08（节假日后第一个工作日）。"
    )
    assert not due.provisional


def test_period_ending_on_ordinary_working_day_is_not_moved():
    due = due_date(date(2026, 11, 2), days=15)  # 11-17 is a Tuesday

    assert (due.date, due.explanation) == (date(2026, 11, 17), "自2026-11-02次日起算15日，届满日为2026-11-17。")


def test_period_ending_on_saturday_moves_to_monday():
    due = due_date(date(2026, 11, 13), days=15)  # 11-28 is an ordinary Saturday

    assert due.date == date(2026, 11, 30)
    assert "期间末日为2026-11-28；该日为周六，顺延至2026-11-30（休息日后第一个工作日）" in due.explanation


def test_period_ending_on_make_up_saturday_is_not_moved():
    due = due_date(date(2026, 9, 25), days=15)  # 10-10 is a Saturday worked for National Day

    assert due.date == date(2026, 10, 10)
    assert "期间末日为2026-10-10；该日为国庆节调休上班日，不顺延" in due.explanation


def test_period_ending_on_make_up_sunday_is_not_moved():
    assert due_date(date(2026, 9, 5), days=15).date == date(2026, 9, 20)  # Sunday worked for National Day


def test_urgent_fifteen_day_period_ending_in_spring_festival_runs_past_the_whole_holiday():
    # 02-01 + 15 days = 02-16 (Mon), inside the holiday 02-15..02-23; 02-24 is a Tuesday.
    due = due_date(date(2026, 2, 1), days=15)

    assert due.date == date(2026, 2, 24)
    assert "适逢春节假期，顺延至2026-02-24" in due.explanation


def test_period_ending_on_labour_day_moves_past_it():
    assert due_date(date(2026, 4, 16), days=15).date == date(2026, 5, 6)  # holiday 05-01..05-05


# Periods in months


def test_month_period_ends_on_corresponding_date():
    due = due_date(date(2026, 9, 30), months=2)

    assert (due.date, due.explanation) == (date(2026, 11, 30), "自2026-09-30次日起算2个月，届满日为2026-11-30。")


def test_month_period_from_last_of_january_ends_on_last_of_february():
    # 02-28 is a Saturday, but a make-up working day for Spring Festival, so it stays.
    due = due_date(date(2026, 1, 31), months=1)

    assert due.date == date(2026, 2, 28)
    assert due.explanation == (
        "自2026-01-31次日起算1个月，期间末日为2026-02-28（2月无31日，以该月最后一日为期间末日）；"
        "该日为春节调休上班日，不顺延，届满日为2026-02-28。"
    )


def test_month_period_ends_on_twenty_ninth_of_february_in_leap_year():
    due = due_date(date(2028, 1, 31), months=1)  # 2028 is a leap year; 02-29 is a Tuesday

    assert due.date == date(2028, 2, 29)
    assert "2028年国务院办公厅节假日安排尚未发布" in due.explanation
    assert due.provisional


def test_month_period_ending_on_short_month_end_still_moves_off_a_weekend():
    due = due_date(date(2027, 1, 31), months=1)  # 2027-02-28 is a Sunday

    assert due.date == date(2027, 3, 1)


def test_month_period_across_new_year_ending_in_spring_festival_moves_past_it():
    # 2025-12-15 + 2 months = 2026-02-15 (Sun), inside the holiday 02-15..02-23.
    assert due_date(date(2025, 12, 15), months=2).date == date(2026, 2, 24)


# Years the package does not know


def test_year_without_official_data_is_answered_by_the_statutory_rule_and_marked_provisional():
    due = due_date(date(2027, 2, 5), days=15)  # 2027-02-20 is a Saturday

    assert due.date == date(2027, 2, 22)
    assert due.provisional
    assert due.explanation.endswith(
        "；2027年国务院办公厅节假日安排尚未发布，按《全国年节及纪念日放假办法》规定的法定节假日推算，"
        "届满日为暂定，通知发布后自动重新计算。"
    )


def test_year_with_official_data_has_no_caveat():
    due = due_date(date(2026, 9, 16), days=15)
    assert "暂定" not in due.explanation and not due.provisional


def test_admin_holiday_in_unknown_year_moves_due_date():
    # Without the entries 2027-01-01 (Fri) would be a working day; with them the period runs past the weekend.
    rest(date(2027, 1, 1), "元旦")

    due = due_date(date(2026, 12, 17), days=15)

    assert due.date == date(2027, 1, 4)
    assert "期间末日为2027-01-01；该日适逢元旦假期，顺延至2027-01-04" in due.explanation
    assert due.provisional


def test_admin_national_day_in_unknown_year_moves_due_date_and_its_make_up_day_holds():
    for day in range(1, 8):
        rest(date(2027, 10, day), "国庆节")
    workday(date(2027, 10, 9), "国庆节")

    assert due_date(date(2027, 9, 16), days=15).date == date(2027, 10, 8)  # ends 10-01 (Fri)
    assert due_date(date(2027, 9, 24), days=15).date == date(2027, 10, 9)  # ends on the make-up Saturday


def test_admin_entry_overrides_official_arrangement():
    rest(date(2026, 10, 8), "国庆节（本地调整）")

    assert due_date(date(2026, 9, 16), days=15).date == date(2026, 10, 9)


def test_admin_workday_overrides_official_holiday():
    workday(date(2026, 10, 7), "国庆节")

    assert due_date(date(2026, 9, 16), days=15).date == date(2026, 10, 7)


def test_due_date_reads_the_stored_days_and_the_notice_years_once(django_assert_num_queries):
    with django_assert_num_queries(2):
        due_date(date(2026, 9, 16), days=15)
    with django_assert_num_queries(2):
        due_date(date(2026, 9, 20), days=10, working_days=True)


# Working days


def test_working_days_skip_national_day_and_count_make_up_saturday():
    # After 09-30: 10-01..10-07 rest, 10-08 (1), 10-09 (2), 10-10 make-up Saturday (3).
    assert add_working_days(date(2026, 9, 30), 3) == date(2026, 10, 10)


def test_working_days_skip_weekends():
    assert add_working_days(date(2026, 11, 5), 3) == date(2026, 11, 10)  # Thu -> Fri, Mon, Tue


def test_zero_working_days_is_the_start_day():
    assert add_working_days(date(2026, 11, 5), 0) == date(2026, 11, 5)


def test_working_day_period_explains_the_holiday_it_skipped():
    due = due_date(date(2026, 9, 30), days=3, working_days=True)

    assert due.date == date(2026, 10, 10)
    assert due.explanation == "自2026-09-30次日起算3个工作日，届满日为2026-10-10（其间国庆节假期不计入）。"


def test_working_days_in_unknown_year_count_weekdays_and_admin_entries():
    rest(date(2027, 10, 1), "国庆节")

    due = due_date(date(2027, 9, 30), days=1, working_days=True)  # 10-01 Fri rest, 10-02/03 weekend

    assert due.date == date(2027, 10, 4)
    assert due.provisional


# Single days


def test_is_working_day_follows_official_arrangement():
    assert is_working_day(date(2026, 10, 12))  # Monday
    assert not is_working_day(date(2026, 10, 5))  # Monday in National Day
    assert not is_working_day(date(2026, 10, 17))  # ordinary Saturday
    assert is_working_day(date(2026, 10, 10))  # make-up Saturday


def test_holiday_names_are_chinese():
    assert holiday_name(date(2026, 10, 1)) == "国庆节"
    assert holiday_name(date(2026, 4, 5)) == "清明节"
    assert holiday_name(date(2026, 6, 19)) == "端午节"
    assert holiday_name(date(2026, 9, 25)) == "中秋节"
    assert holiday_name(date(2015, 9, 3)) == "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日"


def test_make_up_working_day_is_named_after_its_holiday():
    assert holiday_name(date(2026, 10, 10)) == "国庆节"


def test_ordinary_days_have_no_holiday_name():
    assert holiday_name(date(2026, 10, 12)) is None
    assert holiday_name(date(2026, 10, 17)) is None
    assert holiday_name(date(2027, 10, 4)) is None  # after the statutory 10-01..03 of a year without a notice


def test_admin_entry_names_the_day():
    rest(date(2027, 10, 4), "国庆节")

    assert holiday_name(date(2027, 10, 4)) == "国庆节"
    assert not is_working_day(date(2027, 10, 4))


# Bad input


@pytest.mark.parametrize(
    "period",
    [{}, {"days": 0}, {"days": -1}, {"days": 5, "months": 1}, {"months": 1, "working_days": True}],
)
def test_period_must_be_positive_days_or_months(period):
    with pytest.raises(ValueError):
        due_date(date(2026, 9, 16), **period)


def test_negative_working_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 9, 16), -1)
