// 1. Deadline: `X within D after T [or earlier]` (readings 3, 8, 16, 18). Each T creates an
// obligation due at T + D; the first X on or after T's day fulfils it (with `or earlier`, the
// first X after the previous T). With `during`, T must lie in an instance and only X in that
// instance count; `when` is tested on T's day.
#include "engine/evaluate/forms/forms.hpp"

#include <duly/duration.hpp>

#include <algorithm>

namespace duly::detail {

void evaluate_deadline(const Rule& rule, std::uint16_t index, const Deadline& form,
                       CaseContext& context) {
  struct Start {
    Date date;
    EventLabel label;
  };
  auto& picked = context.triggers;
  auto& targets = context.targets;

  // The triggers, in date order: events of the rule, or the birthday once it has come.
  std::vector<Start> starts;
  if (form.after.kind == Trigger::Kind::age) {
    if (auto day = context.birthday(form.after.age); day && *day <= context.as_of())
      starts.push_back({*day, {EventLabel::Kind::age, 0, form.after.age}});
  } else {
    select_for_rule(rule, form.after.events, context, picked);
    starts.reserve(picked.size());
    for (EventIndex i : picked) starts.push_back({context.event(i).date, context.label_of(i)});
  }
  if (starts.empty()) return;

  select_for_rule(rule, form.target, context, targets);

  for (std::size_t k = 0; k < starts.size(); ++k) {
    const Start& start = starts[k];
    Placement placement = place(rule, start.date, context);
    if (!placement.selected) continue;

    // The X that count: on or after T's day; with `or earlier`, after the latest earlier T.
    Date from = start.date;
    bool strictly_after = false;
    if (form.or_earlier) {
      auto earlier =
          std::find_if(starts.rbegin() + static_cast<long>(starts.size() - k), starts.rend(),
                       [&](const Start& s) { return s.date < start.date; });
      if (earlier != starts.rend()) {
        from = earlier->date;
        strictly_after = true;
      } else {
        from = no_date;
      }
    }
    std::optional<EventIndex> fulfilled;
    for (EventIndex i : targets) {
      Date d = context.event(i).date;
      if (d < from || (strictly_after && d == from)) continue;
      if (placement.instance && !placement.instance->contains(d)) continue;
      fulfilled = i;
      break;
    }
    Date due = add_duration(start.date, form.within, context.policy().calendar(),
                            context.count_trigger_day());
    context.emit(index, start.label, start.date, due, fulfilled, std::nullopt,
                 closed_end(placement.instance));
  }
}

}  // namespace duly::detail
