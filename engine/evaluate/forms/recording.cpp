// 5. Recording: `each X recorded within D` (reading 13). Every X is due D after its date; its
// `recorded` date fulfils it (before the event date counts as met). A recorded date after the
// as-of date is not recorded yet.
#include "engine/evaluate/forms/forms.hpp"

#include <duly/duration.hpp>

namespace duly::detail {

void evaluate_recording(const Rule& rule, std::uint16_t index, const Recording& form,
                        CaseContext& context) {
  auto& targets = context.targets;
  select_for_rule(rule, form.target, context, targets);
  for (EventIndex i : targets) {
    const Event& event = context.event(i);
    Placement placement = place(rule, event.date, context);
    if (!placement.selected) continue;
    Date due = add_duration(event.date, form.within, context.policy().calendar(),
                            context.count_trigger_day());
    bool recorded = event.recorded != no_date && event.recorded <= context.as_of();
    context.emit(index, context.label_of(i), event.date, due,
                 recorded ? std::optional<EventIndex>(i) : std::nullopt,
                 recorded ? std::optional<Date>(event.recorded) : std::nullopt,
                 closed_end(placement.instance));
  }
}

}  // namespace duly::detail
