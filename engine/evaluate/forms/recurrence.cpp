// 2. Recurrence: `X every D [after first S] during P [when C]`, with state-dependent intervals,
// phases, or `every N visits` (readings 9, 10, 19). Windows are the period's instances cut by
// `when`; in each, the clock starts at the window's start (or at S), and every gap between one
// X and the next is an obligation due at the gap's start plus the interval in force that day.
// Every window ends with one open gap.
#include "engine/evaluate/forms/forms.hpp"

#include <duly/duration.hpp>

#include <algorithm>

namespace duly::detail {
namespace {

// Event types whose latest attribute a condition reads: the days such events happen are the
// days the condition can change (besides birthdays).
void latest_types(const Condition& c, std::vector<EventTypeId>& out) {
  if (c.operand.kind == Operand::Kind::latest_attribute &&
      (c.kind == Condition::Kind::compare || c.kind == Condition::Kind::in_list ||
       c.kind == Condition::Kind::truth))
    out.push_back(c.operand.event_type);
  for (const Condition& child : c.children) latest_types(child, out);
}

// The instance cut into the runs of days on which `when` holds (reading 9). A run ending after
// the as-of date (at a birthday still to come) is open. An open instance is looked at up to
// the day after the as-of date: a birthday then ends the run on the as-of date itself, and a
// window that ended on the as-of date has closed (reading 5), however it ended.
void cut_by_when(const Window& instance, const Condition& when, CaseContext& context,
                 std::vector<Window>& out) {
  out.clear();
  Date limit = instance.end ? *instance.end : context.as_of() + 1;
  std::vector<Date> changes;
  if (const auto& dob = context.current_case().date_of_birth) {
    int from_age = age_on(*dob, instance.start);
    for (int age = std::max(0, from_age + 1);; ++age) {
      Date day = birthday(*dob, age);
      if (day > limit) break;
      if (day > instance.start) changes.push_back(day);
    }
  }
  context.time_in_changes(when, instance.start, limit, changes);  // `time in P` thresholds
  std::vector<EventTypeId> types;
  latest_types(when, types);
  if (!types.empty()) {
    for (std::uint32_t i = 0; i < context.current_case().event_count; ++i) {
      const Event& e = context.event(i);
      if (e.date > instance.start && e.date <= limit &&
          std::find(types.begin(), types.end(), e.type) != types.end())
        changes.push_back(e.date);
    }
  }
  std::sort(changes.begin(), changes.end());
  changes.erase(std::unique(changes.begin(), changes.end()), changes.end());

  // A plain flag and date rather than an optional: GCC's -Wmaybe-uninitialized misreads the
  // optional in Release builds.
  auto state_at = [&](Date day) { return context.holds(when, day, nullptr); };
  bool in_run = state_at(instance.start);
  Date run_start = instance.start;
  for (Date day : changes) {
    bool on = state_at(day);
    if (on && !in_run) run_start = day;
    if (!on && in_run) out.push_back({run_start, day - 1, instance.start_label});
    in_run = on;
  }
  // A run that would begin the day after the as-of date has not begun.
  if (in_run && run_start <= context.as_of())
    out.push_back({run_start, instance.end, instance.start_label});
}

// The interval in force on a gap's first day (reading 19).
class IntervalChooser {
 public:
  IntervalChooser(const Recurrence& form, const Window& window, Date clock, CaseContext& context)
      : form_(form), context_(context) {
    if (form.kind != Recurrence::Kind::phases) return;
    // Phase k ends on the day of the first of its `until` events in the window; one whose
    // event came before the phase began is skipped (it ends the day it begins).
    Date begins = clock;
    std::vector<EventIndex> until;
    for (std::size_t k = 0; k + 1 < form.intervals.size(); ++k) {
      context.select(*form.intervals[k].until, until, &window);
      if (until.empty()) break;  // this phase never ends: later phases never start
      Date day = context.event(until.front()).date;
      if (day < begins) day = begins;
      phase_ends_.push_back(day);
      begins = day;
    }
  }

  const Duration& at(Date gap_start) const {
    const auto& intervals = form_.intervals;
    switch (form_.kind) {
      case Recurrence::Kind::by_state:
        for (std::size_t k = 1; k < intervals.size(); ++k)
          if (context_.holds(*intervals[k].when, gap_start, nullptr)) return intervals[k].every;
        return intervals.front().every;
      case Recurrence::Kind::phases: {
        std::size_t k = 0;
        while (k < phase_ends_.size() && gap_start >= phase_ends_[k]) ++k;
        return intervals[k].every;
      }
      default:
        return intervals.front().every;
    }
  }

 private:
  const Recurrence& form_;
  CaseContext& context_;
  std::vector<Date> phase_ends_;
};

// `every N visits` (reading B6 in docs/language.md): among any N consecutive base events of a
// window, at least one is an X. Each base event that completes a run of N is an obligation
// due on its day, triggered at the run's first event, met by the latest X in the run.
void evaluate_count(std::uint16_t index, const Recurrence& form, const Window& window, Date clock,
                    CaseContext& context) {
  auto& base = context.triggers;
  EventFilter every_event{form.target.types, std::nullopt, Ordinal::any, {}};
  context.select(every_event, base, &window);
  base.erase(std::remove_if(base.begin(), base.end(),
                            [&](EventIndex i) { return context.event(i).date < clock; }),
             base.end());
  const std::size_t n = static_cast<std::size_t>(form.every_count);
  for (std::size_t last = n - 1; last < base.size(); ++last) {
    std::size_t first = last + 1 - n;
    std::optional<EventIndex> fulfilled;
    for (std::size_t k = last + 1; k-- > first;)
      if (!form.target.where || context.matches(form.target, base[k])) {
        fulfilled = base[k];
        break;
      }
    context.emit(index, context.label_of(base[first]), context.event(base[first]).date,
                 context.event(base[last]).date, fulfilled, std::nullopt, window.end);
  }
}

}  // namespace

void evaluate_recurrence(const Rule& rule, std::uint16_t index, const Recurrence& form,
                         CaseContext& context) {
  if (!rule.during) return;  // the checker requires `during`
  auto& windows = context.scratch_windows;
  auto& xs = context.targets;
  auto& clock_events = context.clock_starts;
  for (const Window& instance : context.instances(*rule.during)) {
    if (rule.when)
      cut_by_when(instance, *rule.when, context, windows);
    else
      windows.assign(1, instance);
    for (const Window& window : windows) {
      // The clock starts at the window's start, or at S inside it (no S: no obligations).
      Date clock = window.start;
      EventLabel label = window.start_label;
      if (form.clock_start) {
        context.select(*form.clock_start, clock_events, &window);
        if (clock_events.empty()) continue;
        clock = context.event(clock_events.front()).date;
        label = context.label_of(clock_events.front());
      }
      if (form.kind == Recurrence::Kind::count) {
        evaluate_count(index, form, window, clock, context);
        continue;
      }
      IntervalChooser interval(form, window, clock, context);
      auto due_after = [&](Date start) {
        return add_duration(start, interval.at(start), context.policy().calendar(),
                            context.count_trigger_day());
      };
      context.select(form.target, xs, &window);
      Date gap_start = clock;
      for (EventIndex x : xs) {
        Date day = context.event(x).date;
        if (day <= gap_start) continue;  // distinct days, strictly after the clock start
        context.emit(index, label, gap_start, due_after(gap_start), x, std::nullopt, window.end);
        gap_start = day;
        label = context.label_of(x);
      }
      context.emit(index, label, gap_start, due_after(gap_start), std::nullopt, std::nullopt,
                   window.end);
    }
  }
}

}  // namespace duly::detail
