// What every form shares about `during` and `when`: where a day falls, and ordinals inside
// period instances.
#include "engine/evaluate/forms/forms.hpp"

namespace duly::detail {

Placement place(const Rule& rule, Date day, CaseContext& context) {
  Placement placement;
  if (rule.during) {
    placement.instance = context.instance_containing(*rule.during, day);
    if (!placement.instance) return placement;
  }
  placement.selected = !rule.when || context.holds(*rule.when, day, nullptr);
  return placement;
}

void select_for_rule(const Rule& rule, const EventFilter& filter, CaseContext& context,
                     std::vector<EventIndex>& out, bool include_scheduled) {
  if (!rule.during || filter.ordinal == Ordinal::any) {
    context.select(filter, out, nullptr, include_scheduled);
    return;
  }
  out.clear();
  std::vector<EventIndex> one;
  for (const Window& instance : context.instances(*rule.during)) {
    context.select(filter, one, &instance, include_scheduled);
    out.insert(out.end(), one.begin(), one.end());
  }
}

}  // namespace duly::detail
