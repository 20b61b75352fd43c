// What an indicator gives: one row per instance of its period in a case, saying whether that
// instance is a repeat (docs/language.md, "Indicators", reading D11). A report counts the rows
// (instances) and the repeats among them, grouped as it likes: by the month of `start`, or by
// an attribute of the case. Never obligations, and never part of compliance.
#pragma once

#include <duly/date.hpp>
#include <duly/obligation.hpp>
#include <duly/policy.hpp>

#include <cstdint>
#include <optional>

namespace duly {

struct IndicatorInstance {
  std::uint32_t case_index = 0;       // into Timeline::cases()
  std::uint16_t indicator_index = 0;  // into Policy::indicators()
  Date start;                         // the instance's first day
  bool repeat = false;  // started within the indicator's duration after an earlier one ended
};

// One instance of a period in a case (docs/language.md, "Periods"): for a report's picture of a
// case, or to say which instance an obligation belongs to.
struct PeriodInstance {
  std::uint32_t case_index = 0;  // into Timeline::cases()
  PeriodId period = 0;           // into Policy::periods()
  Date start;                    // the first day
  std::optional<Date> end;       // the last day; empty while open on the as-of date
  EventLabel started_by;         // the START event (or `age N`) that opened it
};

}  // namespace duly
