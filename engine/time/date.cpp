// Date conversions. Boost.Date_Time validates and converts calendar dates once, at load; after
// that a Date is a day count and evaluation only does integer arithmetic.
#include <duly/date.hpp>

#include "engine/time/civil_date.hpp"

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <charconv>
#include <cstdio>

namespace duly {
namespace {

namespace greg = boost::gregorian;

// Day number of 1970-01-01 in Boost's (Julian-day based) numbering.
const long epoch_day_number = greg::date(1970, 1, 1).day_number();

bool read_digits(std::string_view text, int& out) {
  if (text.empty()) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

}  // namespace

std::optional<Date> make_date(int year, int month, int day) {
  // Boost's calendar covers 1400..9999; policies and case data never leave it.
  if (year < 1400 || year > 9999 || month < 1 || month > 12 || day < 1) return std::nullopt;
  if (day > days_in_month(year, month)) return std::nullopt;
  greg::date d(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
               static_cast<unsigned short>(day));
  return Date{static_cast<std::int32_t>(d.day_number() - epoch_day_number)};
}

YearMonthDay to_year_month_day(Date date) {
  // Integer arithmetic rather than Boost, which throws past 9999: a due date computed from a
  // date near the end of Boost's range (9999-12-31 + 15 working days) must still print.
  return civil::to_civil(date);
}

int day_of_week(Date date) {
  // 1970-01-01 was a Thursday (3, counting Monday as 0).
  int r = (date.days + 3) % 7;
  return r < 0 ? r + 7 : r;
}

int days_in_month(int year, int month) {
  static constexpr int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return lengths[month - 1];
}

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!read_digits(text.substr(0, 4), y) || !read_digits(text.substr(5, 2), m) ||
      !read_digits(text.substr(8, 2), d))
    return std::nullopt;
  return make_date(y, m, d);
}

std::optional<Date> parse_uk_date(std::string_view text) {
  auto first = text.find('/');
  if (first == std::string_view::npos) return std::nullopt;
  auto second = text.find('/', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  auto day = text.substr(0, first);
  auto month = text.substr(first + 1, second - first - 1);
  auto year = text.substr(second + 1);
  if (day.size() < 1 || day.size() > 2 || month.size() < 1 || month.size() > 2 || year.size() != 4)
    return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!read_digits(day, d) || !read_digits(month, m) || !read_digits(year, y)) return std::nullopt;
  return make_date(y, m, d);
}

std::string to_iso_string(Date date) {
  auto ymd = to_year_month_day(date);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", ymd.year, ymd.month, ymd.day);
  return buffer;
}

}  // namespace duly
