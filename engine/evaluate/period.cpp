// Period instances (docs/language.md, reading 7): START events in date order open an
// instance unless one is open; the first END on or after the START's day closes it, the END
// day inside. Events after the as-of date open and close nothing; `age N` counts once its
// birthday has come. A period's `when` is tested on the START day. Also the time spent in a
// period (`time in P since age N`, docs/language.md reading D10), which a period's `when` may
// read for another period: computing one period's instances may compute another's.
#include "engine/evaluate/case_context.hpp"

#include <duly/duration.hpp>

#include <algorithm>

namespace duly::detail {
namespace {

struct Boundary {
  Date date;
  EventLabel label;
};

}  // namespace

const std::vector<Window>& CaseContext::instances(PeriodId id) const {
  if (instances_ready_[id] || instances_computing_[id]) return instances_[id];
  instances_computing_[id] = true;
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
    next_end =
        std::find_if(next_end, ends.end(), [&](const Boundary& e) { return e.date >= start.date; });
    if (next_end == ends.end()) {
      result.push_back({start.date, std::nullopt, start.label});
      break;  // open on the as-of date: every later START is inside it
    }
    result.push_back({start.date, next_end->date, start.label});
    closed_until = next_end->date;
  }
  instances_ready_[id] = true;
  instances_computing_[id] = false;
  return result;
}

const Window* CaseContext::instance_containing(PeriodId id, Date day) const {
  for (const Window& w : instances(id))
    if (w.contains(day)) return &w;
  return nullptr;
}

int CaseContext::days_in(PeriodId id, std::optional<Date> from, Date day) const {
  int days = 0;
  for (const Window& w : instances(id)) {
    if (w.start > day) break;
    Date first = from && *from > w.start ? *from : w.start;
    Date last = w.end && *w.end < day ? *w.end : day;
    if (first <= last) days += (last - first) + 1;
  }
  return days;
}

void CaseContext::time_in_changes(const Condition& c, Date after, Date limit,
                                  std::vector<Date>& out) const {
  for (const Condition& child : c.children) time_in_changes(child, after, limit, out);
  if (c.operand.kind != Operand::Kind::time_in || c.values.empty() || !c.values.front().number)
    return;
  std::optional<Date> from;
  if (c.operand.since_age) {
    from = birthday(*c.operand.since_age);
    if (!from) return;  // missing on every day: the value never changes
  }
  // The count grows by one a day inside an instance, so a comparison with N days can change
  // only on the day the count reaches N and the day it reaches N + 1.
  const auto wanted = static_cast<int>(*c.values.front().number);
  int counted = 0;
  int target = wanted;
  for (const Window& w : instances(c.operand.period)) {
    Date first = from && *from > w.start ? *from : w.start;
    if (first > limit) break;
    if (w.end && *w.end < first) continue;
    while (target <= wanted + 1) {
      if (target < 1) {  // already reached before any day was counted
        ++target;
        continue;
      }
      Date reached = first + (target - counted - 1);
      if ((w.end && reached > *w.end) || reached > limit) break;
      if (reached > after) out.push_back(reached);
      ++target;
    }
    if (target > wanted + 1) return;
    if (w.end)
      counted += (*w.end - first) + 1;
    else
      return;
  }
}

}  // namespace duly::detail
