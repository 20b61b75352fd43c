// One case being evaluated: its events indexed by type, its period instances, the as-of date,
// and the few operations every rule form shares (selecting events by a filter, testing a
// condition on a day, deciding a status, emitting an obligation). An Evaluator owns one and
// refills it for each case, so the scratch vectors are allocated once, not per case or event.
#pragma once

#include <duly/obligation.hpp>
#include <duly/policy.hpp>
#include <duly/timeline.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace duly::detail {

// A span of days, both ends inside; `end` empty while it is still open on the as-of date.
struct Window {
  Date start;
  std::optional<Date> end;
  EventLabel start_label;  // what opened it (the period's START event, or `age N`)

  bool contains(Date d) const { return d >= start && (!end || d <= *end); }
};

// An event of the case, by its position in the case's (date, row)-sorted events.
using EventIndex = std::uint32_t;

class CaseContext {
 public:
  explicit CaseContext(const Policy& policy);

  // Prepares for one case; the timeline must outlive the use of the context.
  void reset(const Timeline& timeline, std::uint32_t case_index, Date as_of,
             std::vector<Obligation>* out);

  const Policy& policy() const { return *policy_; }
  const Timeline& timeline() const { return *timeline_; }
  const Case& current_case() const { return *case_; }
  Date as_of() const { return as_of_; }
  bool count_trigger_day() const { return policy_->count_trigger_day(); }

  const Event& event(EventIndex i) const { return events_[i]; }
  bool happened(EventIndex i) const { return events_[i].date <= as_of_; }
  EventLabel label_of(EventIndex i) const {
    return {EventLabel::Kind::event, events_[i].type, 0, case_->first_event + i};
  }

  // The events that pass `filter` (types and `where`), in date then input order, restricted to
  // `within` when given; happened events only unless `include_scheduled`. The ordinal (first,
  // second) is applied among those (reading 17). The result lives in `out`.
  void select(const EventFilter& filter, std::vector<EventIndex>& out,
              const Window* within = nullptr, bool include_scheduled = false) const;
  // Whether one event passes the filter's types and `where` (ordinal not considered).
  bool matches(const EventFilter& filter, EventIndex i) const;

  // A condition on a day: `event` (may be null) gives event attributes.
  bool holds(const Condition& condition, Date day, const Event* event) const;

  // The instances of a period, computed once per case (reading 7). A cache, so callable on a
  // const context: a condition (`time in P`) may need another period's instances. References
  // stay valid for the case: each period's vector is filled once, and the vector of them never
  // grows.
  const std::vector<Window>& instances(PeriodId period) const;
  // The instance of `period` containing `day`, if any.
  const Window* instance_containing(PeriodId period, Date day) const;

  // `time in P [since age N]` on `day`: the days of P's instances on or after `from` (the Nth
  // birthday; no limit when empty) and on or before `day`, an open instance counting up to `day`.
  int days_in(PeriodId period, std::optional<Date> from, Date day) const;
  // The days after `after` and on or before `limit` on which a `time in` comparison of
  // `condition` can change its value (the days its count reaches the compared number and one
  // more), appended to `out`: with birthdays and event days, where a `when` can change.
  void time_in_changes(const Condition& condition, Date after, Date limit,
                       std::vector<Date>& out) const;

  // The date of the Nth birthday, if the case has a date of birth.
  std::optional<Date> birthday(int years) const;

  // Reading 5: the status of an obligation on the as-of date. `window_end` is the end of the
  // obligation's window when it has one that has closed.
  Status status(std::optional<Date> fulfilled, Date due, std::optional<Date> window_end) const;

  // Records one obligation, filling case and rule, status and days_late.
  void emit(std::uint16_t rule_index, EventLabel trigger_event, Date trigger_date, Date due,
            std::optional<EventIndex> fulfilled_by, std::optional<Date> fulfilled_date,
            std::optional<Date> window_end);

  // Event lists the rule forms fill, reused between cases so evaluation does not allocate; a
  // form may use each for one purpose at a time.
  std::vector<EventIndex> targets;       // the X events a rule looks for
  std::vector<EventIndex> triggers;      // the events that start its clocks or pairs
  std::vector<EventIndex> clock_starts;  // `after first S`: the S events
  std::vector<Window> scratch_windows;

 private:
  const Value* attribute_value(const Operand& operand, Date day, const Event* event) const;

  const Policy* policy_;
  const Timeline* timeline_ = nullptr;
  const Case* case_ = nullptr;
  std::uint32_t case_index_ = 0;
  std::span<const Event> events_;
  Date as_of_;
  std::vector<Obligation>* out_ = nullptr;

  // by_type_[type_start_[t] .. type_start_[t + 1]) are the case's events of type t, in order.
  std::vector<std::uint32_t> type_start_;
  std::vector<EventIndex> by_type_;
  std::vector<std::uint32_t> next_slot_;  // while reset() fills by_type_: by type
  mutable std::vector<std::vector<Window>> instances_;
  mutable std::vector<bool> instances_ready_;
  // Periods whose instances are being computed: a `when` that reached its own period again
  // (the checker rejects such cycles) sees the instances found so far rather than recursing.
  mutable std::vector<bool> instances_computing_;
};

}  // namespace duly::detail
