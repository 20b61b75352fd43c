// Date + duration, as the policy language reads it (docs/language.md, "Durations" and
// readings 1, 2 and 20). This runs once per obligation, so the day and working-day paths are
// integer arithmetic and table reads only, and months use civil-date arithmetic rather than
// Boost (whose month iterator would also snap month ends, which reading 2 forbids).
#include <duly/duration.hpp>

#include "engine/time/civil_date.hpp"

#include <vector>

namespace duly {

Date add_months(Date start, int months) {
  const YearMonthDay from = civil::to_civil(start);
  // Months counted from year 0, floored, so that negative amounts cross year boundaries too.
  const int month_index = from.year * 12 + (from.month - 1) + months;
  const int year = month_index >= 0 ? month_index / 12 : (month_index - 11) / 12;
  const int month = month_index - year * 12 + 1;
  const int last = civil::month_length(year, month);
  return civil::from_civil(year, month, from.day < last ? from.day : last);
}

Date add_duration(Date start, const Duration& duration, const WorkingDayCalendar& calendar,
                  bool count_trigger_day) {
  const int n = duration.amount;
  // Counting the trigger day as day one makes day-based deadlines one day shorter (reading 20).
  const int shorter = count_trigger_day ? 1 : 0;
  switch (duration.unit) {
    case TimeUnit::days:
      return start + (n - shorter);
    case TimeUnit::weeks:
      return start + (7 * n - shorter);
    case TimeUnit::working_days:
      // The start is day one only when it is itself a working day; then N = 1 is the start.
      if (count_trigger_day && calendar.is_working_day(start))
        return calendar.add_working_days(start, n - 1);
      return calendar.add_working_days(start, n);
    case TimeUnit::months:
      return add_months(start, n);
    case TimeUnit::years:
      return add_months(start, 12 * n);
  }
  return start;
}

Date subtract_duration(Date end, const Duration& duration, const WorkingDayCalendar& calendar) {
  const int n = duration.amount;
  switch (duration.unit) {
    case TimeUnit::days:
      return end - n;
    case TimeUnit::weeks:
      return end - 7 * n;
    case TimeUnit::working_days:
      return calendar.subtract_working_days(end, n);
    case TimeUnit::months:
      return add_months(end, -n);
    case TimeUnit::years:
      return add_months(end, -12 * n);
  }
  return end;
}

std::string day_text(Date date) {
  static constexpr const char* names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  return std::string(names[day_of_week(date)]) + " " + to_iso_string(date);
}

std::string duration_text(const Duration& duration) {
  static constexpr const char* units[] = {"day", "working day", "week", "month", "year"};
  return std::to_string(duration.amount) + " " + units[static_cast<int>(duration.unit)] +
         (duration.amount == 1 ? "" : "s");
}

namespace {

// ", skipping Fri 2024-03-29 Good Friday and Mon 2024-04-01 Easter Monday": the weekdays in
// [from, to] that are not working days.
std::string skipped_days(Date from, Date to, const WorkingDayCalendar& calendar) {
  std::vector<std::string> days;
  for (Date d = from; d <= to; d = d + 1)
    if (day_of_week(d) < 5 && !calendar.is_working_day(d))
      days.push_back(day_text(d) + " " + calendar.why_not_working(d));
  if (days.empty()) return {};
  std::string text = ", skipping ";
  for (std::size_t i = 0; i < days.size(); ++i)
    text += (i == 0 ? "" : i + 1 == days.size() ? " and " : ", ") + days[i];
  return text;
}

// " (there is no 31 April: the last day of April)" when months land past a month's end.
std::string month_clamp(Date start, int months) {
  const YearMonthDay from = to_year_month_day(start);
  int month = from.month - 1 + months;
  int year = from.year + (month >= 0 ? month / 12 : (month - 11) / 12);
  month = ((month % 12) + 12) % 12 + 1;
  if (from.day <= days_in_month(year, month)) return {};
  static constexpr const char* names[] = {"January", "February", "March",     "April",
                                          "May",     "June",     "July",      "August",
                                          "September", "October", "November", "December"};
  return " (there is no " + std::to_string(from.day) + " " + names[month - 1] + " " +
         std::to_string(year) + ": the last day of the month)";
}

}  // namespace

DueDateWorking explain_add_duration(Date start, const Duration& duration,
                                    const WorkingDayCalendar& calendar, bool count_trigger_day) {
  DueDateWorking working;
  working.due = add_duration(start, duration, calendar, count_trigger_day);
  std::string text = duration_text(duration) + " after " + day_text(start);
  switch (duration.unit) {
    case TimeUnit::days:
    case TimeUnit::weeks:
      if (count_trigger_day) text += ", counting " + day_text(start) + " as day 1";
      break;
    case TimeUnit::working_days:
      if (count_trigger_day && calendar.is_working_day(start))
        text += ", counting " + day_text(start) + " as day 1";
      else if (!calendar.is_working_day(start))
        text += " (" + calendar.why_not_working(start) + ", not a working day)";
      text += skipped_days(start + 1, working.due, calendar);
      break;
    case TimeUnit::months:
      text += month_clamp(start, duration.amount);
      break;
    case TimeUnit::years:
      text += month_clamp(start, 12 * duration.amount);
      break;
  }
  working.text = text + " = " + day_text(working.due);
  return working;
}

DueDateWorking explain_subtract_duration(Date end, const Duration& duration,
                                         const WorkingDayCalendar& calendar) {
  DueDateWorking working;
  working.due = subtract_duration(end, duration, calendar);
  std::string text = duration_text(duration) + " before " + day_text(end);
  if (duration.unit == TimeUnit::working_days)
    text += skipped_days(working.due + 1, end - 1, calendar);
  else if (duration.unit == TimeUnit::months)
    text += month_clamp(end, -duration.amount);
  else if (duration.unit == TimeUnit::years)
    text += month_clamp(end, -12 * duration.amount);
  working.text = text + " = " + day_text(working.due);
  return working;
}

Date birthday(Date date_of_birth, int years) {
  const YearMonthDay born = civil::to_civil(date_of_birth);
  const int year = born.year + years;
  // Unlike add_months' clamp to 28 Feb, a leap-day birthday is reached on 1 Mar (docs/language.md,
  // reading 2): the child is not yet N on 28 Feb.
  if (born.month == 2 && born.day == 29 && !civil::is_leap_year(year))
    return civil::from_civil(year, 3, 1);
  return civil::from_civil(year, born.month, born.day);
}

int age_on(Date date_of_birth, Date day) {
  const int years = civil::to_civil(day).year - civil::to_civil(date_of_birth).year;
  return day < birthday(date_of_birth, years) ? years - 1 : years;
}

}  // namespace duly
