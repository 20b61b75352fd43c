// Date + duration, pinned to docs/language.md ("Durations", readings 1, 2 and 20): months
// that clamp but never snap, working days, the counting convention, notices, birthdays, ages.
#include <duly/duration.hpp>

#include <catch2/catch.hpp>

#include <memory>

using namespace duly;

namespace {

Date d(const char* iso) {
  auto date = parse_iso_date(iso);
  REQUIRE(date.has_value());
  return *date;
}

const WorkingDayCalendar& england_and_wales() {
  static const WorkingDayCalendar calendar("england_and_wales",
                                           std::make_shared<EnglandAndWalesCalendar>());
  return calendar;
}

Date after(const char* start, int amount, TimeUnit unit, bool count_trigger_day = false) {
  return add_duration(d(start), Duration{amount, unit}, england_and_wales(), count_trigger_day);
}

Date before(const char* end, int amount, TimeUnit unit) {
  return subtract_duration(d(end), Duration{amount, unit}, england_and_wales());
}

}  // namespace

TEST_CASE("Months: the same day, clamped to the month's end", "[duration]") {
  CHECK(add_months(d("2024-01-31"), 1) == d("2024-02-29"));
  CHECK(add_months(d("2023-01-31"), 1) == d("2023-02-28"));
  CHECK(add_months(d("2023-02-28"), 1) == d("2023-03-28"));  // not 31 March
  CHECK(add_months(d("2024-02-29"), 1) == d("2024-03-29"));
  CHECK(add_months(d("2024-03-31"), 1) == d("2024-04-30"));
  CHECK(add_months(d("2024-01-15"), 3) == d("2024-04-15"));
  CHECK(add_months(d("2024-01-31"), 11) == d("2024-12-31"));
  CHECK(add_months(d("2024-01-31"), 12) == d("2025-01-31"));
  CHECK(add_months(d("2023-11-30"), 25) == d("2025-12-30"));
  CHECK(add_months(d("2024-02-29"), 12) == d("2025-02-28"));
  CHECK(add_months(d("2024-02-29"), 48) == d("2028-02-29"));
  // Negative months, across year ends.
  CHECK(add_months(d("2024-03-31"), -1) == d("2024-02-29"));
  CHECK(add_months(d("2024-01-15"), -1) == d("2023-12-15"));
  CHECK(add_months(d("2024-01-31"), -13) == d("2022-12-31"));
  CHECK(add_months(d("2024-05-31"), -3) == d("2024-02-29"));
  CHECK(add_months(d("1970-01-01"), -1) == d("1969-12-01"));
}

TEST_CASE("A chain of monthly gaps never snaps to month ends (reading 2)", "[duration]") {
  const Date first = add_months(d("2024-01-31"), 1);
  CHECK(first == d("2024-02-29"));
  // The next gap starts at that 29 February and is computed from it.
  CHECK(add_months(first, 1) == d("2024-03-29"));
  CHECK(add_months(add_months(first, 1), 1) == d("2024-04-29"));
}

TEST_CASE("Months agree with a Boost-based reading for every day of 1990 to 2030", "[duration]") {
  for (Date day = d("1990-01-01"); day < d("2031-01-01"); day = day + 1) {
    const YearMonthDay ymd = to_year_month_day(day);
    REQUIRE(add_months(day, 0) == day);
    for (int months : {-25, -12, -1, 1, 2, 6, 12, 13, 60}) {
      const int index = ymd.year * 12 + ymd.month - 1 + months;
      const int year = index / 12, month = index % 12 + 1;
      const int last = days_in_month(year, month);
      const Date expected = *make_date(year, month, ymd.day < last ? ymd.day : last);
      INFO(to_iso_string(day) << " + " << months << " months");
      REQUIRE(add_months(day, months) == expected);
    }
  }
}

TEST_CASE("Durations after a date", "[duration]") {
  CHECK(after("2024-03-01", 10, TimeUnit::days) == d("2024-03-11"));
  CHECK(after("2024-02-28", 1, TimeUnit::days) == d("2024-02-29"));
  CHECK(after("2024-03-01", 2, TimeUnit::weeks) == d("2024-03-15"));
  CHECK(after("2024-03-18", 15, TimeUnit::working_days) == d("2024-04-10"));
  CHECK(after("2024-03-28", 1, TimeUnit::working_days) == d("2024-04-02"));  // Easter 2024
  CHECK(after("2020-12-24", 1, TimeUnit::working_days) == d("2020-12-29"));  // Christmas 2020
  CHECK(after("2024-03-16", 1, TimeUnit::working_days) == d("2024-03-18"));  // Saturday start
  CHECK(after("2024-03-29", 1, TimeUnit::working_days) == d("2024-04-02"));  // holiday start
  CHECK(after("2024-01-31", 1, TimeUnit::months) == d("2024-02-29"));
  CHECK(after("2023-01-31", 1, TimeUnit::months) == d("2023-02-28"));
  CHECK(after("2023-02-28", 1, TimeUnit::months) == d("2023-03-28"));
  CHECK(after("2024-02-29", 1, TimeUnit::years) == d("2025-02-28"));
  CHECK(after("2023-06-30", 2, TimeUnit::years) == d("2025-06-30"));
}

TEST_CASE("count the trigger day makes day-based deadlines one day shorter (reading 20)",
          "[duration]") {
  const bool counted = true;
  CHECK(after("2024-03-01", 10, TimeUnit::days, counted) == d("2024-03-10"));
  CHECK(after("2024-03-01", 1, TimeUnit::days, counted) == d("2024-03-01"));
  CHECK(after("2024-03-01", 2, TimeUnit::weeks, counted) == d("2024-03-14"));
  // A working-day start is day 1: the 14th working day after Monday 18 March 2024.
  CHECK(after("2024-03-18", 15, TimeUnit::working_days, counted) == d("2024-04-09"));
  CHECK(after("2024-03-18", 1, TimeUnit::working_days, counted) == d("2024-03-18"));
  CHECK(after("2024-03-28", 2, TimeUnit::working_days, counted) == d("2024-04-02"));
  // A start that is not a working day: the Nth working day after it, as without the convention.
  CHECK(after("2024-03-16", 15, TimeUnit::working_days, counted) == d("2024-04-09"));
  CHECK(after("2024-03-16", 1, TimeUnit::working_days, counted) == d("2024-03-18"));
  CHECK(after("2024-03-29", 1, TimeUnit::working_days, counted) == d("2024-04-02"));
  CHECK(after("2024-03-16", 15, TimeUnit::working_days) == d("2024-04-09"));
  // Months and years are not affected.
  CHECK(after("2024-01-31", 1, TimeUnit::months, counted) == d("2024-02-29"));
  CHECK(after("2024-03-15", 3, TimeUnit::months, counted) == d("2024-06-15"));
  CHECK(after("2024-02-29", 1, TimeUnit::years, counted) == d("2025-02-28"));
}

TEST_CASE("Durations before a date, for notices", "[duration]") {
  CHECK(before("2024-03-10", 5, TimeUnit::days) == d("2024-03-05"));
  CHECK(before("2024-03-10", 2, TimeUnit::weeks) == d("2024-02-25"));
  // The Nth working day strictly before: across the spring holiday, Monday 27 May 2024.
  CHECK(before("2024-05-28", 3, TimeUnit::working_days) == d("2024-05-22"));
  CHECK(before("2024-04-02", 1, TimeUnit::working_days) == d("2024-03-28"));
  CHECK(before("2024-03-31", 1, TimeUnit::months) == d("2024-02-29"));
  CHECK(before("2024-03-28", 1, TimeUnit::months) == d("2024-02-28"));
  CHECK(before("2024-02-29", 1, TimeUnit::years) == d("2023-02-28"));
}

TEST_CASE("Durations use the calendar's local closures", "[duration]") {
  WorkingDayCalendar closed("england_and_wales", std::make_shared<EnglandAndWalesCalendar>(),
                            {d("2024-12-27")});
  CHECK(add_duration(d("2024-12-24"), {1, TimeUnit::working_days}, closed, false) ==
        d("2024-12-30"));
  CHECK(add_duration(d("2024-12-24"), {1, TimeUnit::working_days}, england_and_wales(), false) ==
        d("2024-12-27"));
  CHECK(subtract_duration(d("2024-12-30"), {1, TimeUnit::working_days}, closed) == d("2024-12-24"));
  // Days are calendar days whatever the calendar.
  CHECK(add_duration(d("2024-12-24"), {3, TimeUnit::days}, closed, false) == d("2024-12-27"));
}

TEST_CASE("Birthdays: 29 February birthdays fall on 1 March in other years", "[duration]") {
  CHECK(birthday(d("2010-06-15"), 16) == d("2026-06-15"));
  CHECK(birthday(d("2008-02-29"), 16) == d("2024-02-29"));
  CHECK(birthday(d("2008-02-29"), 17) == d("2025-03-01"));
  CHECK(birthday(d("2008-02-29"), 0) == d("2008-02-29"));
  // Unlike add_months, which clamps to 28 February.
  CHECK(add_months(d("2008-02-29"), 12 * 17) == d("2025-02-28"));
}

TEST_CASE("Age in whole years changes on the birthday itself", "[duration]") {
  CHECK(age_on(d("2010-06-15"), d("2010-06-15")) == 0);
  CHECK(age_on(d("2010-06-15"), d("2026-06-14")) == 15);
  CHECK(age_on(d("2010-06-15"), d("2026-06-15")) == 16);
  CHECK(age_on(d("2010-06-15"), d("2026-12-31")) == 16);
  CHECK(age_on(d("2010-12-31"), d("2011-01-01")) == 0);
  // 29 February: 1 March in years without one, 29 February in leap years.
  CHECK(age_on(d("2008-02-29"), d("2025-02-28")) == 16);
  CHECK(age_on(d("2008-02-29"), d("2025-03-01")) == 17);
  CHECK(age_on(d("2008-02-29"), d("2024-02-28")) == 15);
  CHECK(age_on(d("2008-02-29"), d("2024-02-29")) == 16);
}

TEST_CASE("Due dates with their working shown, for explanations", "[duration][explain]") {
  const duly::WorkingDayCalendar calendar("england_and_wales",
                                          std::make_shared<duly::EnglandAndWalesCalendar>(),
                                          {*duly::parse_iso_date("2024-12-24")});
  auto day = [](const char* iso) { return *duly::parse_iso_date(iso); };
  using duly::TimeUnit;
  const auto easter =
      duly::explain_add_duration(day("2024-03-21"), {15, TimeUnit::working_days}, calendar, false);
  CHECK(easter.text ==
        "15 working days after Thu 2024-03-21, skipping Fri 2024-03-29 Good Friday and Mon "
        "2024-04-01 Easter Monday = Mon 2024-04-15");
  CHECK(easter.due == day("2024-04-15"));
  // A local closure day is named as such, beside the bank holidays.
  CHECK(duly::explain_add_duration(day("2024-12-20"), {4, TimeUnit::working_days}, calendar, false)
            .text ==
        "4 working days after Fri 2024-12-20, skipping Tue 2024-12-24 local closure day, Wed "
        "2024-12-25 Christmas Day and Thu 2024-12-26 Boxing Day = Tue 2024-12-31");
  CHECK(duly::explain_add_duration(day("2024-03-30"), {1, TimeUnit::working_days}, calendar, false)
            .text ==
        "1 working day after Sat 2024-03-30 (Saturday, not a working day), skipping Mon "
        "2024-04-01 Easter Monday = Tue 2024-04-02");
  CHECK(duly::explain_add_duration(day("2024-03-21"), {15, TimeUnit::working_days}, calendar, true)
            .text.starts_with("15 working days after Thu 2024-03-21, counting Thu 2024-03-21 as day 1"));
  // Month ends: reading 2, said.
  CHECK(duly::explain_add_duration(day("2024-01-31"), {3, TimeUnit::months}, calendar, false).text ==
        "3 months after Wed 2024-01-31 (there is no 31 April 2024: the last day of the month) = "
        "Tue 2024-04-30");
  CHECK(duly::explain_add_duration(day("2024-02-29"), {1, TimeUnit::years}, calendar, false).text ==
        "1 year after Thu 2024-02-29 (there is no 29 February 2025: the last day of the month) = "
        "Fri 2025-02-28");
  CHECK(duly::explain_add_duration(day("2024-03-04"), {2, TimeUnit::weeks}, calendar, false).text ==
        "2 weeks after Mon 2024-03-04 = Mon 2024-03-18");
  CHECK(duly::explain_add_duration(day("2024-03-04"), {14, TimeUnit::days}, calendar, true).text ==
        "14 days after Mon 2024-03-04, counting Mon 2024-03-04 as day 1 = Sun 2024-03-17");
  const auto notice =
      duly::explain_subtract_duration(day("2024-04-02"), {2, TimeUnit::working_days}, calendar);
  CHECK(notice.text ==
        "2 working days before Tue 2024-04-02, skipping Fri 2024-03-29 Good Friday and Mon "
        "2024-04-01 Easter Monday = Wed 2024-03-27");
  CHECK(notice.due == day("2024-03-27"));
  CHECK(calendar.why_not_working(day("2022-06-03")) == "Platinum Jubilee bank holiday");
  CHECK(calendar.why_not_working(day("2022-01-03")) == "New Year's Day (substitute day)");
  CHECK(calendar.why_not_working(day("2024-03-28")).empty());
}
