// The six forms of rule (docs/language.md, "The forms of rule"), one file each. Each appends the
// obligations one rule creates for the case held by the context.
#pragma once

#include "engine/evaluate/case_context.hpp"

namespace duly::detail {

void evaluate_deadline(const Rule& rule, std::uint16_t index, const Deadline& form,
                       CaseContext& context);
void evaluate_recurrence(const Rule& rule, std::uint16_t index, const Recurrence& form,
                         CaseContext& context);
void evaluate_notice(const Rule& rule, std::uint16_t index, const Notice& form,
                     CaseContext& context);
void evaluate_each(const Rule& rule, std::uint16_t index, const Each& form, CaseContext& context);
void evaluate_recording(const Rule& rule, std::uint16_t index, const Recording& form,
                        CaseContext& context);
void evaluate_between(const Rule& rule, std::uint16_t index, const Between& form,
                      CaseContext& context);

// Where a rule's `during` and `when` put a day: `selected` false when the day is outside every
// instance of the rule's period or the rule's `when` is false on it (readings 8 and 12);
// `instance` is the period instance containing it, for rules with `during`.
struct Placement {
  bool selected = false;
  const Window* instance = nullptr;
};
Placement place(const Rule& rule, Date day, CaseContext& context);

// The events passing `filter` for a rule: with the rule's `during` and an ordinal, `first` and
// `second` are taken inside each period instance (reading 17), otherwise over the whole case.
void select_for_rule(const Rule& rule, const EventFilter& filter, CaseContext& context,
                     std::vector<EventIndex>& out, bool include_scheduled = false);

// The end of a window for reading 5, when the window has closed.
inline std::optional<Date> closed_end(const Window* window) {
  return window ? window->end : std::nullopt;
}

}  // namespace duly::detail
