// Period instances (language.md "Periods", reading 7): START events in date order open an
// instance unless one is open; the first END on or after the START's day closes it, the END
// day inside. Events after the as-of date open and close nothing; `age N` counts once its
// birthday has come. A period's `when` is tested on the START day.
#include "engine/case_context.hpp"

#include <algorithm>

namespace duly::detail {
namespace {

struct Boundary {
  Date date;
  EventLabel label;
};

}  // namespace

const std::vector<Window>& CaseContext::instances(PeriodId id) {
  if (instances_ready_[id]) return instances_[id];
  std::vector<Window>& result = instances_[id];
  result.clear();
  const Period& period = policy_->periods()[id];

  // Candidate dates of one side of the period, in date (then input) order.
  auto boundaries = [&](const Trigger& trigger, std::vector<Boundary>& out) {
    out.clear();
    if (trigger.kind == Trigger::Kind::age) {
      if (auto day = birthday(trigger.age); day && *day <= as_of_)
        out.push_back({*day, {EventLabel::Kind::age, 0, trigger.age}});
      return;
    }
    std::vector<EventIndex> picked;
    select(trigger.events, picked);
    for (EventIndex i : picked) out.push_back({events_[i].date, label_of(i)});
  };
  std::vector<Boundary> starts, ends;
  boundaries(period.start, starts);
  boundaries(period.end, ends);

  std::optional<Date> closed_until;  // the END day of the last instance
  auto next_end = ends.begin();
  for (const Boundary& start : starts) {
    if (closed_until && start.date <= *closed_until) continue;  // inside the last instance
    if (period.when && !holds(*period.when, start.date, nullptr)) continue;
    next_end = std::find_if(next_end, ends.end(),
                            [&](const Boundary& e) { return e.date >= start.date; });
    if (next_end == ends.end()) {
      result.push_back({start.date, std::nullopt, start.label});
      break;  // open on the as-of date: every later START is inside it
    }
    result.push_back({start.date, next_end->date, start.label});
    closed_until = next_end->date;
  }
  instances_ready_[id] = true;
  return result;
}

const Window* CaseContext::instance_containing(PeriodId id, Date day) {
  for (const Window& w : instances(id))
    if (w.contains(day)) return &w;
  return nullptr;
}

}  // namespace duly::detail
