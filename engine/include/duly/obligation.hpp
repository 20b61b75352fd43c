// What a rule creates: one obligation, with its trigger, due date, fulfilment and status on the
// as-of date (docs/language.md, "Statuses" and readings 5, 6, 16 and 21).
#pragma once

#include <duly/date.hpp>
#include <duly/policy.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace duly {

enum class Status : std::uint8_t { met, late, missed, pending, lapsed };

std::string_view to_string(Status status);

inline constexpr std::uint32_t no_event = UINT32_MAX;

// trigger_event / fulfilled_event of the report: an event type's name, or `age N`.
struct EventLabel {
  enum class Kind : std::uint8_t { none, event, age };
  Kind kind = Kind::none;
  EventTypeId type = 0;  // for event
  int age = 0;           // for age
  // For event: the event itself, an index into Timeline::events(), so that a report can say
  // where in the data it came from (Timeline::position_of). Not part of the report's columns.
  std::uint32_t event = no_event;
};

struct Obligation {
  std::uint32_t case_index = 0;  // into Timeline::cases()
  std::uint16_t rule_index = 0;  // into Policy::rules()
  Status status = Status::pending;
  EventLabel trigger_event;
  Date trigger_date;
  Date due;
  EventLabel fulfilled_event;  // kind none when unfulfilled
  std::optional<Date> fulfilled_date;
  // Calendar days from due to fulfilled_date; only for late (empty otherwise).
  std::optional<int> days_late;
};

// The label's text: "strategy_discussion", "age 16", or "" for none.
std::string label_text(const Policy& policy, const EventLabel& label);

}  // namespace duly
