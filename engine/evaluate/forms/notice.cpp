// 3. Notice: `X at least D before T`, `X before T` (reading 11). Every T of the rule, scheduled
// ones included, creates an obligation due at T - D. The X considered for a T are those after
// the latest earlier T and on or before T; the earliest decides: on or before due, met; after,
// late. The counting convention never applies to notices.
#include "engine/evaluate/forms/forms.hpp"

#include <duly/duration.hpp>

namespace duly::detail {

void evaluate_notice(const Rule& rule, std::uint16_t index, const Notice& form,
                     CaseContext& context) {
  auto& triggers = context.triggers;
  auto& targets = context.targets;
  select_for_rule(rule, form.trigger, context, triggers, /*include_scheduled=*/true);
  if (triggers.empty()) return;
  select_for_rule(rule, form.target, context, targets);

  std::optional<Date> previous;  // the latest T dated before the current one
  Date current = no_date;
  for (EventIndex t : triggers) {
    Date day = context.event(t).date;
    if (day != current) {
      if (current != no_date) previous = current;
      current = day;
    }
    Placement placement = place(rule, day, context);
    if (!placement.selected) continue;

    std::optional<EventIndex> fulfilled;
    for (EventIndex i : targets) {
      Date d = context.event(i).date;
      if (previous && d <= *previous) continue;
      if (d > day) break;
      fulfilled = i;
      break;
    }
    Date due = subtract_duration(day, form.before, context.policy().calendar());
    context.emit(index, context.label_of(t), day, due, fulfilled, std::nullopt,
                 closed_end(placement.instance));
  }
}

}  // namespace duly::detail
