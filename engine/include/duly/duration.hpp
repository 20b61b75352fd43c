// Date + duration, exactly as the policy language reads it (docs/language.md, "Durations",
// readings 1, 2 and 20). Months are computed here rather than with Boost's month iterator,
// which snaps month ends (28 Feb + 1 month = 31 Mar) where reading 2 wants 28 Mar.
#pragma once

#include <duly/calendar.hpp>
#include <duly/date.hpp>

#include <cstdint>
#include <string>

namespace duly {

enum class TimeUnit : std::uint8_t { days, working_days, weeks, months, years };

// `15 working days`, `6 months`: an amount of one unit, as a policy writes it.
struct Duration {
  int amount = 0;  // > 0, checked at load
  TimeUnit unit = TimeUnit::days;
};

// The same day of the month `months` on (may be negative); where that day does not exist, the
// last day of that month.
Date add_months(Date start, int months);

// The due date `duration` after `start`. With count_trigger_day, days/weeks deadlines fall one
// day earlier and working days count the start as day 1 when it is a working day; months and
// years are never affected.
Date add_duration(Date start, const Duration& duration, const WorkingDayCalendar& calendar,
                  bool count_trigger_day);

// The due date `duration` before `end`, for notices (never affected by counting convention).
Date subtract_duration(Date end, const Duration& duration, const WorkingDayCalendar& calendar);

// A due date with its working shown, for `duly explain`: "15 working days after Thu 2024-03-21,
// skipping Fri 2024-03-29 Good Friday and Mon 2024-04-01 Easter Monday = Mon 2024-04-15". Every
// weekday that is not a working day between the two ends is named (weekends are not: a working
// day is a weekday); a month end that does not exist is said. `due` is what add_duration or
// subtract_duration gives for the same arguments.
struct DueDateWorking {
  Date due;
  std::string text;
};
DueDateWorking explain_add_duration(Date start, const Duration& duration,
                                    const WorkingDayCalendar& calendar, bool count_trigger_day);
DueDateWorking explain_subtract_duration(Date end, const Duration& duration,
                                         const WorkingDayCalendar& calendar);

// "Thu 2024-03-21": a date as an explanation writes it.
std::string day_text(Date date);
// "15 working days", "1 month".
std::string duration_text(const Duration& duration);

// The Nth birthday (29 Feb birthdays: 1 Mar in years without one).
Date birthday(Date date_of_birth, int years);

// Whole years on `day`; the age changes on the birthday itself.
int age_on(Date date_of_birth, Date day);

}  // namespace duly
