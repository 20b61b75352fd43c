// The parts of a rule's form that name events or hold conditions, walked in one place for every
// pass that asks what rules read: the unused-name warning (engine/check/usage.cpp) and the data
// checks (engine/sources/data_checks.cpp). A new form adds its parts here, once.
#pragma once

#include <duly/policy.hpp>

#include <optional>
#include <type_traits>
#include <variant>

namespace duly::check {

// Calls `parts.filter(const EventFilter&)`, `parts.trigger(const Trigger&)` and
// `parts.condition(const Condition&)` for each part of `form` that is present.
template <typename Parts>
void visit_form_parts(const RuleForm& form, Parts& parts) {
  auto filter = [&](const std::optional<EventFilter>& f) {
    if (f) parts.filter(*f);
  };
  auto condition = [&](const std::optional<Condition>& c) {
    if (c) parts.condition(*c);
  };
  std::visit(
      [&](const auto& f) {
        using Form = std::decay_t<decltype(f)>;
        if constexpr (std::is_same_v<Form, Deadline>) {
          parts.filter(f.target);
          parts.trigger(f.after);
        } else if constexpr (std::is_same_v<Form, Recurrence>) {
          parts.filter(f.target);
          filter(f.clock_start);
          for (const auto& interval : f.intervals) {
            condition(interval.when);
            filter(interval.until);
          }
        } else if constexpr (std::is_same_v<Form, Notice>) {
          parts.filter(f.target);
          parts.filter(f.trigger);
        } else if constexpr (std::is_same_v<Form, Each>) {
          parts.filter(f.target);
          parts.condition(f.requirement);
        } else if constexpr (std::is_same_v<Form, Recording>) {
          parts.filter(f.target);
        } else {
          static_assert(std::is_same_v<Form, Between>, "a rule form without its parts");
          parts.filter(f.target);
          parts.filter(f.start);
          filter(f.end);
          filter(f.after);
        }
      },
      form);
}

}  // namespace duly::check
