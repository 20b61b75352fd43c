// Working days. The England and Wales bank holidays are computed from their rules (Easter by
// the Gregorian computus, Mondays by weekday arithmetic, substitute days for weekends) and then
// corrected for the years the government moved or added a holiday. A WorkingDayCalendar turns
// a Calendar and local closures into two tables, built once, so that adding working days is two
// array reads rather than a walk past every weekend.
#include <duly/calendar.hpp>

#include "engine/time/civil_date.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <mutex>
#include <utility>

namespace duly {
namespace {

constexpr int friday = 4, saturday = 5, sunday = 6;  // civil::weekday counts Monday as 0

// The most bank holidays one year has had is 10 (2022); room to spare. Each day keeps its
// name, for explanations ("skipping Fri 2024-03-29 Good Friday").
struct HolidayList {
  std::array<Date, 16> days{};
  std::array<const char*, 16> names{};
  int size = 0;

  void add(Date day, const char* name) {
    names[static_cast<std::size_t>(size)] = name;
    days[static_cast<std::size_t>(size++)] = day;
  }
  void remove(Date day) {
    auto end = days.begin() + size;
    auto it = std::find(days.begin(), end, day);
    if (it != end) {
      const auto at = it - days.begin();
      std::move(it + 1, end, it);
      std::move(names.begin() + at + 1, names.begin() + size, names.begin() + at);
      --size;
    }
  }
  void replace(Date from, Date to, const char* name) {
    remove(from);
    add(to, name);
  }
  bool contains(Date day) const {
    return std::find(days.begin(), days.begin() + size, day) != days.begin() + size;
  }
  const char* name_of(Date day) const {
    for (int i = 0; i < size; ++i)
      if (days[static_cast<std::size_t>(i)] == day) return names[static_cast<std::size_t>(i)];
    return nullptr;
  }
};

Date easter_sunday(int year) {
  // The anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const int a = year % 19, b = year / 100, c = year % 100;
  const int d = b / 4, e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return civil::from_civil(year, month, day);
}

Date first_monday(int year, int month) {
  const Date first = civil::from_civil(year, month, 1);
  return first + (7 - civil::weekday(first)) % 7;
}

Date last_monday(int year, int month) {
  const Date last = civil::from_civil(year, month, civil::month_length(year, month));
  return last - civil::weekday(last);
}

// Every bank holiday of a year, unsorted. Today's rules hold for every year, since the language
// says the holidays are computed (docs reading D13); before 1978 the real holidays differed (no
// early May holiday), which no case history of children's social care reaches back to.
HolidayList compute_bank_holidays(int year) {
  HolidayList list;
  const auto on = [year](int month, int day) { return civil::from_civil(year, month, day); };

  // New Year's Day: a weekend moves it to the next Monday.
  const Date new_year = on(1, 1);
  const int new_year_weekday = civil::weekday(new_year);
  if (new_year_weekday == saturday || new_year_weekday == sunday)
    list.add(new_year + (new_year_weekday == saturday ? 2 : 1), "New Year's Day (substitute day)");
  else
    list.add(new_year, "New Year's Day");

  const Date easter = easter_sunday(year);
  list.add(easter - 2, "Good Friday");
  list.add(easter + 1, "Easter Monday");
  list.add(first_monday(year, 5), "Early May bank holiday");
  list.add(last_monday(year, 5), "Spring bank holiday");
  list.add(last_monday(year, 8), "Summer bank holiday");

  // Christmas and Boxing Day: a weekend day is replaced by the next weekday that is not
  // already a holiday, so Christmas on Saturday gives Mon 27 and Tue 28, and Christmas on
  // Sunday gives Boxing Day on Mon 26 and the Christmas substitute on Tue 27.
  const Date christmas = on(12, 25);
  switch (civil::weekday(christmas)) {
    case friday:  // Boxing Day on Saturday
      list.add(christmas, "Christmas Day");
      list.add(christmas + 3, "Boxing Day (substitute day)");
      break;
    case saturday:
      list.add(christmas + 2, "Christmas Day (substitute day)");
      list.add(christmas + 3, "Boxing Day (substitute day)");
      break;
    case sunday:
      list.add(christmas + 1, "Boxing Day");
      list.add(christmas + 2, "Christmas Day (substitute day)");
      break;
    default:
      list.add(christmas, "Christmas Day");
      list.add(christmas + 1, "Boxing Day");
  }

  // The years the rules do not give.
  switch (year) {
    case 1995:
      list.replace(on(5, 1), on(5, 8), "Early May bank holiday (VE Day, 50th anniversary)");
      break;
    case 1999:
      list.add(on(12, 31), "Millennium bank holiday");
      break;
    case 2002:
      list.replace(on(5, 27), on(6, 4), "Spring bank holiday");
      list.add(on(6, 3), "Golden Jubilee bank holiday");
      break;
    case 2011:
      list.add(on(4, 29), "Royal wedding bank holiday");
      break;
    case 2012:
      list.replace(on(5, 28), on(6, 4), "Spring bank holiday");
      list.add(on(6, 5), "Diamond Jubilee bank holiday");
      break;
    case 2020:
      list.replace(on(5, 4), on(5, 8), "Early May bank holiday (VE Day, 75th anniversary)");
      break;
    case 2022:
      list.replace(on(5, 30), on(6, 2), "Spring bank holiday");
      list.add(on(6, 3), "Platinum Jubilee bank holiday");
      list.add(on(9, 19), "State Funeral of Queen Elizabeth II");
      break;
    case 2023:
      list.add(on(5, 8), "Coronation bank holiday");
      break;
    default:
      break;
  }
  return list;
}

// The tables cover these years; a date outside them is answered by walking.
constexpr int table_first_year = 1970;
constexpr int table_last_year = 2150;

}  // namespace

constexpr int first_known_year = 1900, last_known_year = 2200;

EnglandAndWalesCalendar::EnglandAndWalesCalendar() {
  for (int year = first_known_year; year <= last_known_year; ++year) {
    const HolidayList list = compute_bank_holidays(year);
    known_.insert(known_.end(), list.days.begin(), list.days.begin() + list.size);
  }
  std::sort(known_.begin(), known_.end());
}

bool EnglandAndWalesCalendar::is_holiday(Date date) const {
  // Every bank holiday, substitutes included, is a weekday: the weekend needs no year lookup.
  if (civil::weekday(date) > friday) return false;
  const int year = civil::to_civil(date).year;
  if (year >= first_known_year && year <= last_known_year)
    return std::binary_search(known_.begin(), known_.end(), date);
  return compute_bank_holidays(year).contains(date);
}

std::string EnglandAndWalesCalendar::holiday_name(Date date) const {
  if (!is_holiday(date)) return {};
  const char* name = compute_bank_holidays(civil::to_civil(date).year).name_of(date);
  return name ? name : "bank holiday";
}

std::string WorkingDayCalendar::why_not_working(Date date) const {
  if (is_working_day(date)) return {};
  const int weekday = civil::weekday(date);
  if (weekday == saturday) return "Saturday";
  if (weekday == sunday) return "Sunday";
  if (std::binary_search(extra_closures_.begin(), extra_closures_.end(), date))
    return "local closure day";
  std::string name = holidays_->holiday_name(date);
  return name.empty() ? "holiday" : name;
}

std::vector<Date> england_and_wales_bank_holidays(int year) {
  const HolidayList list = compute_bank_holidays(year);
  std::vector<Date> result(list.days.begin(), list.days.begin() + list.size);
  std::sort(result.begin(), result.end());
  return result;
}

WorkingDayCalendar::WorkingDayCalendar(std::string name, std::shared_ptr<const Calendar> holidays,
                                       std::vector<Date> extra_closures)
    : name_(std::move(name)),
      holidays_(std::move(holidays)),
      extra_closures_(std::move(extra_closures)),
      table_start_(civil::from_civil(table_first_year, 1, 1)) {
  assert(holidays_);
  std::sort(extra_closures_.begin(), extra_closures_.end());
  extra_closures_.erase(std::unique(extra_closures_.begin(), extra_closures_.end()),
                        extra_closures_.end());

  const Date table_end = civil::from_civil(table_last_year + 1, 1, 1);  // exclusive
  const int table_size = table_end - table_start_;
  working_before_.resize(static_cast<std::size_t>(table_size) + 1);
  working_days_.reserve(static_cast<std::size_t>(table_size) * 5 / 7 + 1);
  std::int32_t count = 0;
  auto closure = extra_closures_.begin();
  for (int i = 0; i < table_size; ++i) {
    const Date day = table_start_ + i;
    working_before_[static_cast<std::size_t>(i)] = count;
    while (closure != extra_closures_.end() && *closure < day) ++closure;
    const bool closed = closure != extra_closures_.end() && *closure == day;
    if (civil::weekday(day) <= friday && !closed && !holidays_->is_holiday(day)) {
      working_days_.push_back(day);
      ++count;
    }
  }
  working_before_[static_cast<std::size_t>(table_size)] = count;
}

bool WorkingDayCalendar::is_working_day(Date date) const {
  const int index = date - table_start_;
  if (index >= 0 && index + 1 < static_cast<int>(working_before_.size())) {
    const auto i = static_cast<std::size_t>(index);
    return working_before_[i + 1] != working_before_[i];
  }
  if (civil::weekday(date) > friday) return false;
  if (std::binary_search(extra_closures_.begin(), extra_closures_.end(), date)) return false;
  return !holidays_->is_holiday(date);
}

Date WorkingDayCalendar::add_working_days(Date start, int n) const {
  if (n < 0) return subtract_working_days(start, -n);
  if (n == 0) return start;
  const int index = start - table_start_;
  if (index >= 0 && index + 1 < static_cast<int>(working_before_.size())) {
    // working_before_[index + 1] working days lie in the table up to and including start, so
    // the Nth after it is the (that + n - 1)th, counting from 0.
    const std::int64_t k =
        static_cast<std::int64_t>(working_before_[static_cast<std::size_t>(index) + 1]) + n - 1;
    if (k < static_cast<std::int64_t>(working_days_.size()))
      return working_days_[static_cast<std::size_t>(k)];
  }
  Date day = start;
  while (n > 0) {
    day = day + 1;
    if (is_working_day(day)) --n;
  }
  return day;
}

Date WorkingDayCalendar::subtract_working_days(Date end, int n) const {
  if (n < 0) return add_working_days(end, -n);
  if (n == 0) return end;
  const int index = end - table_start_;
  if (index >= 0 && index < static_cast<int>(working_before_.size())) {
    // working_before_[index] working days lie strictly before end inside the table.
    const std::int64_t k =
        static_cast<std::int64_t>(working_before_[static_cast<std::size_t>(index)]) - n;
    if (k >= 0) return working_days_[static_cast<std::size_t>(k)];
  }
  Date day = end;
  while (n > 0) {
    day = day - 1;
    if (is_working_day(day)) --n;
  }
  return day;
}

std::shared_ptr<const EnglandAndWalesCalendar> england_and_wales_calendar() {
  // Immutable once made, so one serves every registry and thread; made on first use.
  static const auto calendar = std::make_shared<const EnglandAndWalesCalendar>();
  return calendar;
}

std::shared_ptr<const WorkingDayCalendar> WorkingDayCalendar::shared(
    std::string name, std::shared_ptr<const Calendar> holidays, std::vector<Date> extra_closures) {
  // Building the tables is most of the cost of a load; a process loads the same few calendars
  // again and again (every policy of an authority, every test), so each is built once. The cache
  // is small and bounded: the oldest entry goes when a seventeenth arrives.
  struct Entry {
    std::string name;
    const Calendar* holidays;
    std::vector<Date> closures;
    std::shared_ptr<const WorkingDayCalendar> calendar;
  };
  static std::mutex mutex;
  static std::vector<Entry> cache;
  std::sort(extra_closures.begin(), extra_closures.end());
  extra_closures.erase(std::unique(extra_closures.begin(), extra_closures.end()),
                       extra_closures.end());
  std::lock_guard lock(mutex);
  for (const Entry& e : cache)
    if (e.holidays == holidays.get() && e.name == name && e.closures == extra_closures)
      return e.calendar;
  const Calendar* key = holidays.get();
  auto calendar = std::make_shared<const WorkingDayCalendar>(name, std::move(holidays), extra_closures);
  if (cache.size() == 16) cache.erase(cache.begin());
  // The entry holds the calendar, which holds the holidays: the key's pointer stays valid.
  cache.push_back({std::move(name), key, std::move(extra_closures), calendar});
  return calendar;
}

CalendarRegistry::CalendarRegistry() {
  calendars_.emplace("england_and_wales", england_and_wales_calendar());
}

void CalendarRegistry::add(const std::string& name, std::shared_ptr<const Calendar> calendar) {
  // A later registration under the same name replaces the earlier one, so a host can supply
  // its own version of a built-in calendar; a null calendar withdraws the name.
  if (calendar)
    calendars_[name] = std::move(calendar);
  else
    calendars_.erase(name);
}

std::shared_ptr<const Calendar> CalendarRegistry::find(const std::string& name) const {
  auto it = calendars_.find(name);
  return it == calendars_.end() ? nullptr : it->second;
}

std::vector<std::string> CalendarRegistry::names() const {
  std::vector<std::string> result;
  result.reserve(calendars_.size());
  for (const auto& entry : calendars_) result.push_back(entry.first);
  return result;  // std::map keeps them sorted
}

}  // namespace duly
