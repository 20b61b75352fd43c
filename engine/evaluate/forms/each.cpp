// 4. Each: `each X requires COND` (reading 12). Every X is an obligation due on its own day,
// met when COND holds on the event, otherwise missed (pending when dated on the as-of date).
#include "engine/evaluate/forms/forms.hpp"

namespace duly::detail {

void evaluate_each(const Rule& rule, std::uint16_t index, const Each& form, CaseContext& context) {
  auto& targets = context.targets;
  select_for_rule(rule, form.target, context, targets);
  for (EventIndex i : targets) {
    const Event& event = context.event(i);
    Placement placement = place(rule, event.date, context);
    if (!placement.selected) continue;
    bool met = context.holds(form.requirement, event.date, &event);
    context.emit(index, context.label_of(i), event.date, event.date,
                 met ? std::optional<EventIndex>(i) : std::nullopt, std::nullopt,
                 closed_end(placement.instance));
  }
}

}  // namespace duly::detail
