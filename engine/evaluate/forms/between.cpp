// 6. Between: `X between consecutive T [after first S]`, `X between S and E`. The reference draft
// leaves the reading to the team (reading 22); docs/language.md records it as readings B1 to B5:
// pairs are made of events that have happened; consecutive T are taken by distinct date and X
// must fall strictly between them (a midway review is not held on a review day); S pairs with
// the first E on or after its day and X may fall on either day (a child seen on the referral
// day was seen during the assessment); each pair is due at its later event, met when an X falls
// between, else missed (pending when the later event is dated on the as-of date).
#include "engine/evaluate/forms/forms.hpp"

#include <algorithm>

namespace duly::detail {
namespace {

// The first X dated in [from, to] (or (from, to) when strict), as events in date order.
std::optional<EventIndex> first_between(const std::vector<EventIndex>& targets,
                                        CaseContext& context, Date from, Date to, bool strict) {
  for (EventIndex i : targets) {
    Date d = context.event(i).date;
    if (d < from || (strict && d == from)) continue;
    if (d > to || (strict && d == to)) break;
    return i;
  }
  return std::nullopt;
}

}  // namespace

void evaluate_between(const Rule& rule, std::uint16_t index, const Between& form,
                      CaseContext& context) {
  auto& starts = context.triggers;
  auto& targets = context.targets;
  auto& skip_until = context.clock_starts;
  select_for_rule(rule, form.start, context, starts);
  if (starts.empty()) return;
  select_for_rule(rule, form.target, context, targets);
  // `after first S`: only pairs starting on or after S (S inside the same instance with during).
  if (form.after) select_for_rule(rule, *form.after, context, skip_until);
  auto after_s = [&](Date day, const Window* instance) {
    if (!form.after) return true;
    for (EventIndex s : skip_until) {
      Date d = context.event(s).date;
      if (instance && !instance->contains(d)) continue;
      if (d <= day) return true;
    }
    return false;
  };

  if (form.consecutive) {
    for (std::size_t k = 0; k < starts.size(); ++k) {
      Date from = context.event(starts[k]).date;
      // The next T on a later day; T on the same day make no pair of their own.
      std::size_t next = k + 1;
      while (next < starts.size() && context.event(starts[next]).date == from) ++next;
      if (next >= starts.size()) break;
      if (next != k + 1) continue;  // only the last T of a day starts the pair
      Date to = context.event(starts[next]).date;
      Placement placement = place(rule, from, context);
      if (!placement.selected) continue;
      if (placement.instance && !placement.instance->contains(to)) continue;
      if (!after_s(from, placement.instance)) continue;
      context.emit(index, context.label_of(starts[k]), from, to,
                   first_between(targets, context, from, to, /*strict=*/true), std::nullopt,
                   closed_end(placement.instance));
    }
    return;
  }

  std::vector<EventIndex> ends;
  select_for_rule(rule, *form.end, context, ends);
  for (EventIndex s : starts) {
    Date from = context.event(s).date;
    auto end = std::find_if(ends.begin(), ends.end(),
                            [&](EventIndex e) { return context.event(e).date >= from; });
    if (end == ends.end()) continue;
    Date to = context.event(*end).date;
    Placement placement = place(rule, from, context);
    if (!placement.selected) continue;
    if (placement.instance && !placement.instance->contains(to)) continue;
    if (!after_s(from, placement.instance)) continue;
    context.emit(index, context.label_of(s), from, to,
                 first_between(targets, context, from, to, /*strict=*/false), std::nullopt,
                 closed_end(placement.instance));
  }
}

}  // namespace duly::detail
