// Calendars: the England and Wales bank holidays (rules, substitute days, the irregular years),
// working-day arithmetic over them and local closures, and the registry a host plugs its own
// calendars into.
#include <duly/calendar.hpp>
#include <duly/load.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace duly;

namespace {

Date d(const char* iso) {
  auto date = parse_iso_date(iso);
  REQUIRE(date.has_value());
  return *date;
}

std::vector<std::string> holidays_of(int year) {
  std::vector<std::string> result;
  for (Date day : england_and_wales_bank_holidays(year)) result.push_back(to_iso_string(day));
  return result;
}

std::shared_ptr<const Calendar> england_and_wales() {
  return std::make_shared<EnglandAndWalesCalendar>();
}

// Every Wednesday off: a calendar a host might register.
class WednesdaysCalendar final : public Calendar {
 public:
  bool is_holiday(Date date) const override { return day_of_week(date) == 2; }
};

// The slow, obvious reading of reading 1, to compare the tables against.
Date walk_forward(const WorkingDayCalendar& calendar, Date start, int n) {
  Date day = start;
  while (n > 0) {
    day = day + 1;
    if (calendar.is_working_day(day)) --n;
  }
  return day;
}

Date walk_backward(const WorkingDayCalendar& calendar, Date end, int n) {
  Date day = end;
  while (n > 0) {
    day = day - 1;
    if (calendar.is_working_day(day)) --n;
  }
  return day;
}

}  // namespace

TEST_CASE("England and Wales bank holidays, 2019 to 2026 (gov.uk)", "[calendar]") {
  using L = std::vector<std::string>;
  CHECK(holidays_of(2019) == L{"2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27",
                               "2019-08-26", "2019-12-25", "2019-12-26"});
  // Early May moved to Friday 8 May (VE Day); Boxing Day on a Saturday: Monday 28.
  CHECK(holidays_of(2020) == L{"2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25",
                               "2020-08-31", "2020-12-25", "2020-12-28"});
  // Christmas on a Saturday: Monday 27 and Tuesday 28.
  CHECK(holidays_of(2021) == L{"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31",
                               "2021-08-30", "2021-12-27", "2021-12-28"});
  // New Year on a Saturday: Monday 3; spring holiday moved to 2 June plus 3 June; 19 September;
  // Christmas on a Sunday: Boxing Day Monday 26 and the Christmas substitute Tuesday 27.
  CHECK(holidays_of(2022) == L{"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02",
                               "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26",
                               "2022-12-27"});
  // New Year on a Sunday: Monday 2; the coronation on 8 May.
  CHECK(holidays_of(2023) == L{"2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08",
                               "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"});
  CHECK(holidays_of(2024) == L{"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27",
                               "2024-08-26", "2024-12-25", "2024-12-26"});
  CHECK(holidays_of(2025) == L{"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26",
                               "2025-08-25", "2025-12-25", "2025-12-26"});
  CHECK(holidays_of(2026) == L{"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25",
                               "2026-08-31", "2026-12-25", "2026-12-28"});
}

TEST_CASE("England and Wales bank holidays in the irregular years", "[calendar]") {
  using L = std::vector<std::string>;
  // Early May moved to 8 May (VE Day, 50th anniversary).
  CHECK(holidays_of(1995) == L{"1995-01-02", "1995-04-14", "1995-04-17", "1995-05-08", "1995-05-29",
                               "1995-08-28", "1995-12-25", "1995-12-26"});
  // The millennium: 31 December, after Christmas on a Saturday.
  CHECK(holidays_of(1999) == L{"1999-01-01", "1999-04-02", "1999-04-05", "1999-05-03", "1999-05-31",
                               "1999-08-30", "1999-12-27", "1999-12-28", "1999-12-31"});
  // Golden Jubilee: spring holiday on 4 June plus 3 June.
  CHECK(holidays_of(2002) == L{"2002-01-01", "2002-03-29", "2002-04-01", "2002-05-06", "2002-06-03",
                               "2002-06-04", "2002-08-26", "2002-12-25", "2002-12-26"});
  // Royal wedding on 29 April; Christmas on a Sunday.
  CHECK(holidays_of(2011) == L{"2011-01-03", "2011-04-22", "2011-04-25", "2011-04-29", "2011-05-02",
                               "2011-05-30", "2011-08-29", "2011-12-26", "2011-12-27"});
  // Diamond Jubilee: spring holiday on 4 June plus 5 June; New Year on a Sunday.
  CHECK(holidays_of(2012) == L{"2012-01-02", "2012-04-06", "2012-04-09", "2012-05-07", "2012-06-04",
                               "2012-06-05", "2012-08-27", "2012-12-25", "2012-12-26"});
}

TEST_CASE("England and Wales bank holidays agree with an independent reference, 1985 to 2105",
          "[calendar]") {
  std::ifstream in(DULY_SOURCE_DIR "/tests/fixtures/calendar/england_and_wales_bank_holidays.txt");
  REQUIRE(in);
  int years = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    int year = 0;
    fields >> year;
    std::vector<std::string> expected;
    for (std::string day; fields >> day;) expected.push_back(day);
    INFO(year);
    CHECK(holidays_of(year) == expected);
    ++years;
  }
  CHECK(years == 2105 - 1985 + 1);
}

TEST_CASE("Every computed bank holiday is a weekday, and is_holiday agrees with the list",
          "[calendar]") {
  EnglandAndWalesCalendar calendar;
  for (int year = 1988; year <= 2102; ++year) {
    INFO(year);
    auto list = england_and_wales_bank_holidays(year);
    CHECK(list.size() >= 8);
    for (Date day : list) CHECK(day_of_week(day) < 5);
    int found = 0;
    for (Date day = *make_date(year, 1, 1); day <= *make_date(year, 12, 31); day = day + 1)
      if (calendar.is_holiday(day)) ++found;
    CHECK(found == static_cast<int>(list.size()));
  }
  // The rules hold beyond 1990 to 2100 too (docs reading D13).
  CHECK(calendar.is_holiday(d("1989-12-25")));
  CHECK(calendar.is_holiday(d("1984-05-07")));  // first Monday of May
  CHECK(calendar.is_holiday(d("2101-12-26")));
  CHECK(calendar.is_holiday(d("2100-12-27")));  // Christmas 2100 is a Saturday
  CHECK_FALSE(calendar.is_holiday(d("1989-12-27")));
}

TEST_CASE("Working days skip weekends and bank holidays (reading 1)", "[calendar]") {
  WorkingDayCalendar calendar("england_and_wales", england_and_wales());
  CHECK(calendar.name() == "england_and_wales");

  CHECK(calendar.is_working_day(d("2024-03-28")));
  CHECK_FALSE(calendar.is_working_day(d("2024-03-29")));  // Good Friday
  CHECK_FALSE(calendar.is_working_day(d("2024-03-30")));  // Saturday

  // Easter 2024: Good Friday and Easter Monday.
  CHECK(calendar.add_working_days(d("2024-03-28"), 1) == d("2024-04-02"));
  // Christmas 2020: Friday 25 and Monday 28 (Boxing Day substitute).
  CHECK(calendar.add_working_days(d("2020-12-24"), 1) == d("2020-12-29"));
  // Substitute days: Christmas 2021 on a Saturday, New Year 2022 on a Saturday, Christmas 2022
  // on a Sunday.
  CHECK(calendar.add_working_days(d("2021-12-24"), 1) == d("2021-12-29"));
  CHECK(calendar.add_working_days(d("2021-12-31"), 1) == d("2022-01-04"));
  CHECK(calendar.add_working_days(d("2022-12-23"), 1) == d("2022-12-28"));
  CHECK(calendar.add_working_days(d("2022-12-23"), 2) == d("2022-12-29"));
  // A weekend start: Saturday + 1 working day = Monday.
  CHECK(calendar.add_working_days(d("2024-03-09"), 1) == d("2024-03-11"));
  CHECK(calendar.add_working_days(d("2024-03-10"), 1) == d("2024-03-11"));
  // A start on a holiday: the next working day is day 1.
  CHECK(calendar.add_working_days(d("2024-03-29"), 1) == d("2024-04-02"));
  CHECK(calendar.add_working_days(d("2024-04-01"), 1) == d("2024-04-02"));
  // Friday + 1 = Monday; the start itself never counts.
  CHECK(calendar.add_working_days(d("2024-03-08"), 1) == d("2024-03-11"));
  CHECK(calendar.add_working_days(d("2024-03-11"), 0) == d("2024-03-11"));

  // 15 working days after Monday 18 March 2024: 19..22 (4), 25..28 (8), Easter, 2..5 April (12),
  // 8, 9, 10 April (15).
  CHECK(calendar.add_working_days(d("2024-03-18"), 15) == d("2024-04-10"));
  // 15 working days after Wednesday 18 December 2024: 19, 20, 23, 24 (4), 27, 30, 31 (7),
  // 2, 3 January (9), 6..10 (14), 13 (15).
  CHECK(calendar.add_working_days(d("2024-12-18"), 15) == d("2025-01-13"));
}

TEST_CASE("Working days before a date are counted strictly before it", "[calendar]") {
  WorkingDayCalendar calendar("england_and_wales", england_and_wales());
  // Across Easter 2024.
  CHECK(calendar.subtract_working_days(d("2024-04-02"), 1) == d("2024-03-28"));
  CHECK(calendar.subtract_working_days(d("2024-04-02"), 2) == d("2024-03-27"));
  // Across the spring bank holiday, Monday 27 May 2024: 24, 23, 22 May.
  CHECK(calendar.subtract_working_days(d("2024-05-28"), 3) == d("2024-05-22"));
  // From a weekend or a holiday.
  CHECK(calendar.subtract_working_days(d("2024-03-09"), 1) == d("2024-03-08"));
  CHECK(calendar.subtract_working_days(d("2024-04-01"), 1) == d("2024-03-28"));
  // 10 working days before Friday 3 January 2025: 2 Jan, 31, 30, 27, 24, 23, 20, 19, 18, 17 Dec.
  CHECK(calendar.subtract_working_days(d("2025-01-03"), 10) == d("2024-12-17"));
}

TEST_CASE("Local closure days are not working days", "[calendar]") {
  // calendar england_and_wales plus 2024-12-27, 2025-12-29
  WorkingDayCalendar calendar("england_and_wales", england_and_wales(),
                              {d("2025-12-29"), d("2024-12-27"), d("2024-12-27")});
  WorkingDayCalendar plain("england_and_wales", england_and_wales());
  CHECK_FALSE(calendar.is_working_day(d("2024-12-27")));
  CHECK(plain.is_working_day(d("2024-12-27")));
  CHECK(plain.add_working_days(d("2024-12-24"), 1) == d("2024-12-27"));
  CHECK(calendar.add_working_days(d("2024-12-24"), 1) == d("2024-12-30"));
  CHECK(calendar.add_working_days(d("2024-12-18"), 15) == d("2025-01-14"));
  CHECK(calendar.subtract_working_days(d("2024-12-30"), 1) == d("2024-12-24"));
  CHECK(calendar.add_working_days(d("2025-12-24"), 1) == d("2025-12-30"));
  // Closures outside the table's years count too.
  WorkingDayCalendar far("england_and_wales", england_and_wales(), {d("2200-01-02")});
  CHECK(far.add_working_days(d("2200-01-01"), 1) == d("2200-01-03"));  // Wed 1 -> Fri 3
}

TEST_CASE("The working-day tables agree with walking, also across the table's edges",
          "[calendar]") {
  WorkingDayCalendar calendar("england_and_wales", england_and_wales(), {d("2024-12-27")});
  const char* starts[] = {"1969-12-20", "1969-12-31", "1970-01-01", "1989-12-29",
                          "2020-12-24", "2022-05-31", "2024-12-20", "2100-12-24",
                          "2150-12-20", "2150-12-31", "2151-01-01", "2300-06-01"};
  for (const char* iso : starts) {
    const Date start = d(iso);
    for (int offset = -10; offset <= 10; ++offset) {
      for (int n = 1; n <= 40; n += 3) {
        INFO(iso << " + " << offset << " days, n = " << n);
        const Date day = start + offset;
        CHECK(calendar.add_working_days(day, n) == walk_forward(calendar, day, n));
        CHECK(calendar.subtract_working_days(day, n) == walk_backward(calendar, day, n));
      }
    }
  }
  // A long stretch inside the table, against the calendar itself.
  EnglandAndWalesCalendar holidays;
  for (Date day = d("2018-01-01"); day < d("2027-01-01"); day = day + 1) {
    const bool expected =
        day_of_week(day) < 5 && !holidays.is_holiday(day) && day != d("2024-12-27");
    REQUIRE(calendar.is_working_day(day) == expected);
  }
}

TEST_CASE("The calendar registry holds england_and_wales and takes a host's own", "[calendar]") {
  CalendarRegistry registry;
  REQUIRE(registry.find("england_and_wales") != nullptr);
  CHECK(registry.find("england_and_wales")->is_holiday(d("2024-12-25")));
  CHECK(registry.find("scotland") == nullptr);
  CHECK(registry.names() == std::vector<std::string>{"england_and_wales"});

  registry.add("wednesdays_off", std::make_shared<WednesdaysCalendar>());
  registry.add("a_local_calendar", std::make_shared<WednesdaysCalendar>());
  CHECK(registry.names() ==
        std::vector<std::string>{"a_local_calendar", "england_and_wales", "wednesdays_off"});

  auto wednesdays = registry.find("wednesdays_off");
  REQUIRE(wednesdays != nullptr);
  WorkingDayCalendar calendar("wednesdays_off", wednesdays);
  // Tuesday 5 March 2024 + 1 working day skips Wednesday 6.
  CHECK(calendar.add_working_days(d("2024-03-05"), 1) == d("2024-03-07"));
  // Good Friday is a working day in this calendar.
  CHECK(calendar.add_working_days(d("2024-03-28"), 1) == d("2024-03-29"));
  CHECK(calendar.subtract_working_days(d("2024-03-07"), 1) == d("2024-03-05"));
}

TEST_CASE("a working-day calendar is built once per process and shared by every load",
          "[calendar]") {
  auto a = duly::load_policy_text("policy \"a\"\ncalendar england_and_wales\n", "a.policy");
  auto b = duly::load_policy_text("policy \"b\"\n", "b.policy");
  REQUIRE(a.policy);
  REQUIRE(b.policy);
  CHECK(&a.policy->calendar() == &b.policy->calendar());
  // Other closures are another calendar.
  auto c = duly::load_policy_text(
      "policy \"c\"\ncalendar england_and_wales plus 2024-12-24\n", "c.policy");
  REQUIRE(c.policy);
  CHECK(&c.policy->calendar() != &a.policy->calendar());
  CHECK(!c.policy->calendar().is_working_day(*duly::parse_iso_date("2024-12-24")));
  CHECK(a.policy->calendar().is_working_day(*duly::parse_iso_date("2024-12-24")));
}
