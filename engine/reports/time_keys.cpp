// Periods of the calendar as grouping keys (see time_keys.hpp).
#include "engine/reports/time_keys.hpp"

#include "engine/time/civil_date.hpp"

namespace duly::reports {
namespace {

std::string digits(int n, int width) {
  std::string text = std::to_string(n);
  return std::string(text.size() < static_cast<std::size_t>(width) ? width - text.size() : 0, '0') +
         text;
}

// The ISO 8601 week: weeks start on Monday, and week 1 is the one holding the year's first
// Thursday, so the year of a week is the year of its Thursday.
std::pair<int, int> iso_week(Date date) {
  const Date thursday = date + (3 - civil::weekday(date));
  const int year = civil::to_civil(thursday).year;
  const int week = (thursday - civil::from_civil(year, 1, 1)) / 7 + 1;
  return {year, week};
}

}  // namespace

std::optional<TimeKey> time_key_of(std::string_view key) {
  if (key == "month") return TimeKey::month;
  if (key == "week") return TimeKey::week;
  if (key == "financial_year") return TimeKey::financial_year;
  return std::nullopt;
}

std::string time_label(TimeKey key, Date date) {
  const YearMonthDay ymd = civil::to_civil(date);
  switch (key) {
    case TimeKey::month:
      return digits(ymd.year, 4) + "-" + digits(ymd.month, 2);
    case TimeKey::week: {
      const auto [year, week] = iso_week(date);
      return digits(year, 4) + "-W" + digits(week, 2);
    }
    case TimeKey::financial_year: {
      const int start = ymd.month >= 4 ? ymd.year : ymd.year - 1;
      return digits(start, 4) + "-" + digits((start + 1) % 100, 2);
    }
  }
  return {};
}

Date next_period(TimeKey key, Date date) {
  const YearMonthDay ymd = civil::to_civil(date);
  switch (key) {
    case TimeKey::month:
      return ymd.month == 12 ? civil::from_civil(ymd.year + 1, 1, 1)
                             : civil::from_civil(ymd.year, ymd.month + 1, 1);
    case TimeKey::week:
      return date + (7 - civil::weekday(date));  // the next Monday
    case TimeKey::financial_year:
      return civil::from_civil(ymd.month >= 4 ? ymd.year + 1 : ymd.year, 4, 1);
  }
  return date + 1;
}

}  // namespace duly::reports
