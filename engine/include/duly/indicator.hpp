// What an indicator gives: one row per instance of its period in a case, saying whether that
// instance is a repeat (docs/language.md, "Indicators", reading D11). A report counts the rows
// (instances) and the repeats among them, grouped as it likes: by the month of `start`, or by
// an attribute of the case. Never obligations, and never part of compliance.
#pragma once

#include <duly/date.hpp>

#include <cstdint>

namespace duly {

struct IndicatorInstance {
  std::uint32_t case_index = 0;       // into Timeline::cases()
  std::uint16_t indicator_index = 0;  // into Policy::indicators()
  Date start;                         // the instance's first day
  bool repeat = false;  // started within the indicator's duration after an earlier one ended
};

}  // namespace duly
