// Date + duration, as the policy language reads it (docs/language.md, "Durations" and
// readings 1, 2 and 20). This runs once per obligation, so the day and working-day paths are
// integer arithmetic and table reads only, and months use civil-date arithmetic rather than
// Boost (whose month iterator would also snap month ends, which reading 2 forbids).
#include <duly/duration.hpp>

#include "engine/time/civil_date.hpp"

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
