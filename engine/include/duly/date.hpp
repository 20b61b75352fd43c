// A calendar date as a cheap value: a count of days. Text is turned into a Date once, when a
// policy or a timeline is loaded (with Boost.Date_Time, which validates it); evaluation then
// only adds and compares integers.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace duly {

struct Date {
  // Days since 1970-01-01 (negative before it).
  std::int32_t days = 0;

  friend auto operator<=>(const Date&, const Date&) = default;
  friend Date operator+(Date d, int n) { return Date{d.days + n}; }
  friend Date operator-(Date d, int n) { return Date{d.days - n}; }
  friend int operator-(Date a, Date b) { return a.days - b.days; }
};

struct YearMonthDay {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
};

// The date for a year, month and day, or nothing when that day does not exist (2024-02-30).
std::optional<Date> make_date(int year, int month, int day);
YearMonthDay to_year_month_day(Date date);

// Monday = 0 .. Sunday = 6.
int day_of_week(Date date);
int days_in_month(int year, int month);

// "2024-03-31": exactly four, two and two digits. Nothing for malformed text or an impossible
// date.
std::optional<Date> parse_iso_date(std::string_view text);
// "31/03/2024" (DD/MM/YYYY, one- or two-digit day and month), as many case-management exports
// write dates.
std::optional<Date> parse_uk_date(std::string_view text);
std::string to_iso_string(Date date);

}  // namespace duly
