// Working days: Monday to Friday, less a calendar's holidays. A Calendar says which days are
// holidays; a WorkingDayCalendar answers working-day arithmetic fast, from a table built once.
// Calendars are found by name in a CalendarRegistry that the host owns (no global state): the
// built-in `england_and_wales` is always there, and a host may register its own.
#pragma once

#include <duly/date.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace duly {

// The plug-in point: a set of holidays. Implementations must be safe to call from several
// threads at once (a pure function of the date is).
class Calendar {
 public:
  virtual ~Calendar() = default;
  virtual bool is_holiday(Date date) const = 0;
  // What the holiday is called, for explanations ("Good Friday"); "" when `date` is no holiday.
  // A calendar that knows no names may keep this default.
  virtual std::string holiday_name(Date date) const { return is_holiday(date) ? "holiday" : ""; }
};

// England and Wales bank holidays, computed from today's rules for every year, with the
// irregular years (1995, 1999, 2002, 2011, 2012, 2020, 2022, 2023) corrected.
class EnglandAndWalesCalendar final : public Calendar {
 public:
  EnglandAndWalesCalendar();
  bool is_holiday(Date date) const override;
  std::string holiday_name(Date date) const override;  // "Good Friday", "Boxing Day (substitute day)"

 private:
  // The holidays of 1900 to 2200, sorted, computed once: a working-day table asks about every
  // day of two centuries, and recomputing Easter for each was most of the cost of a load.
  std::vector<Date> known_;
};

// The one England and Wales calendar of the process, shared (it is immutable).
std::shared_ptr<const EnglandAndWalesCalendar> england_and_wales_calendar();

// Every bank holiday of one year, in date order.
std::vector<Date> england_and_wales_bank_holidays(int year);

// Working-day arithmetic over a Calendar plus local closure days. Immutable once built; days
// from 1970 to 2150 are answered from a table, the rest by walking.
class WorkingDayCalendar {
 public:
  WorkingDayCalendar(std::string name, std::shared_ptr<const Calendar> holidays,
                     std::vector<Date> extra_closures = {});

  // The same calendar, built once per process for each (name, holidays, closures) and shared:
  // what loading a policy uses, since building the tables is most of a load's cost.
  static std::shared_ptr<const WorkingDayCalendar> shared(std::string name,
                                                          std::shared_ptr<const Calendar> holidays,
                                                          std::vector<Date> extra_closures = {});

  const std::string& name() const { return name_; }
  bool is_working_day(Date date) const;
  // Why a day is not a working day, for explanations: "Saturday", "Sunday", "local closure day"
  // or the holiday's name ("Easter Monday"); "" for a working day.
  std::string why_not_working(Date date) const;
  // The Nth working day strictly after `start` (n >= 1). A start on a weekend or holiday makes
  // the next working day day 1.
  Date add_working_days(Date start, int n) const;
  // The Nth working day strictly before `end` (n >= 1).
  Date subtract_working_days(Date end, int n) const;

 private:
  std::string name_;
  std::shared_ptr<const Calendar> holidays_;
  std::vector<Date> extra_closures_;  // sorted
  Date table_start_;
  // working_before_[i]: working days in [table_start_, table_start_ + i)
  std::vector<std::int32_t> working_before_;
  // working_days_[k]: the kth working day from table_start_
  std::vector<Date> working_days_;
};

// Calendars by name, for `calendar NAME` in a policy. The host owns it and passes it to
// load_policy; it is read-only while policies load.
class CalendarRegistry {
 public:
  // With `england_and_wales` registered.
  CalendarRegistry();
  void add(const std::string& name, std::shared_ptr<const Calendar> calendar);
  std::shared_ptr<const Calendar> find(const std::string& name) const;
  std::vector<std::string> names() const;

 private:
  std::map<std::string, std::shared_ptr<const Calendar>> calendars_;
};

}  // namespace duly
