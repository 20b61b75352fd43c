// Civil (proleptic Gregorian) dates to day numbers and back, by integer arithmetic alone, for the
// hot paths of calendars and durations (month arithmetic, holiday rules), where going through
// Boost for every call would cost more than the arithmetic itself. Day 0 is 1970-01-01, as in
// duly::Date. The algorithm is the well-known era-based one (400-year cycles), valid for any
// year a 32-bit day count can hold.
#pragma once

#include <duly/date.hpp>

namespace duly::civil {

constexpr bool is_leap_year(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

constexpr int month_length(int year, int month) {
  constexpr int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : lengths[month - 1];
}

// The day number of a valid year, month and day (no checking: callers build valid dates).
constexpr Date from_civil(int year, int month, int day) {
  // Count years from March, so that the leap day is the last day of the counted year.
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int year_of_era = y - era * 400;
  const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return Date{era * 146097 + day_of_era - 719468};
}

constexpr YearMonthDay to_civil(Date date) {
  const int z = date.days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int day_of_era = z - era * 146097;
  const int year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int mp = (5 * day_of_year + 2) / 153;
  const int day = day_of_year - (153 * mp + 2) / 5 + 1;
  const int month = mp < 10 ? mp + 3 : mp - 9;
  const int year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return {year, month, day};
}

// Monday = 0 .. Sunday = 6, as duly::day_of_week.
constexpr int weekday(Date date) {
  const int r = (date.days + 3) % 7;
  return r < 0 ? r + 7 : r;
}

static_assert(from_civil(1970, 1, 1).days == 0);
static_assert(from_civil(2000, 3, 1).days == 11017);
static_assert(to_civil(Date{11016}).month == 2 && to_civil(Date{11016}).day == 29);

}  // namespace duly::civil
