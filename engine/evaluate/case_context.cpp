// The per-case view every rule form works on: events indexed by type, selection by filter,
// status and emission of obligations. Conditions are in condition.cpp, periods in period.cpp.
#include "engine/evaluate/case_context.hpp"

#include <duly/duration.hpp>

#include <algorithm>

namespace duly::detail {

CaseContext::CaseContext(const Policy& policy) : policy_(&policy) {
  type_start_.resize(policy.event_types().size() + 1);
  instances_.resize(policy.periods().size());
  instances_ready_.resize(policy.periods().size());
  instances_computing_.resize(policy.periods().size());
}

void CaseContext::reset(const Timeline& timeline, std::uint32_t case_index, Date as_of,
                        std::vector<Obligation>* out) {
  timeline_ = &timeline;
  case_index_ = case_index;
  case_ = &timeline.cases()[case_index];
  events_ = timeline.events_of(*case_);
  as_of_ = as_of;
  out_ = out;

  // A counting sort by type keeps each type's events in (date, row) order with no per-event
  // allocation once the vectors have grown to the largest case.
  std::fill(type_start_.begin(), type_start_.end(), 0);
  for (const Event& e : events_) ++type_start_[e.type + 1];
  for (std::size_t t = 1; t < type_start_.size(); ++t) type_start_[t] += type_start_[t - 1];
  by_type_.resize(events_.size());
  next_slot_.assign(type_start_.begin(), type_start_.end() - 1);  // next free slot per type
  for (EventIndex i = 0; i < events_.size(); ++i) by_type_[next_slot_[events_[i].type]++] = i;

  std::fill(instances_ready_.begin(), instances_ready_.end(), false);
  std::fill(instances_computing_.begin(), instances_computing_.end(), false);
}

bool CaseContext::matches(const EventFilter& filter, EventIndex i) const {
  const Event& e = events_[i];
  if (std::find(filter.types.begin(), filter.types.end(), e.type) == filter.types.end())
    return false;
  return !filter.where || holds(*filter.where, e.date, &e);
}

void CaseContext::select(const EventFilter& filter, std::vector<EventIndex>& out,
                         const Window* within, bool include_scheduled) const {
  out.clear();
  auto keep = [&](EventIndex i) {
    const Event& e = events_[i];
    if (!include_scheduled && e.date > as_of_) return false;
    if (within && !within->contains(e.date)) return false;
    return !filter.where || holds(*filter.where, e.date, &e);
  };
  for (EventTypeId type : filter.types)
    for (std::uint32_t k = type_start_[type]; k < type_start_[type + 1]; ++k)
      if (keep(by_type_[k])) out.push_back(by_type_[k]);
  // Indices follow the case's (date, row) order, so sorting them merges `A or B` correctly.
  if (filter.types.size() > 1) std::sort(out.begin(), out.end());

  // first/second are taken among the events the form counts (reading 17): those that have
  // happened, and for a notice's triggers the scheduled ones too (reading 4; docs reading D8).
  if (filter.ordinal != Ordinal::any) {
    std::size_t wanted = filter.ordinal == Ordinal::first ? 0 : 1;
    std::optional<EventIndex> chosen;
    if (out.size() > wanted) chosen = out[wanted];
    out.clear();
    if (chosen) out.push_back(*chosen);
  }
}

std::optional<Date> CaseContext::birthday(int years) const {
  if (!case_->date_of_birth) return std::nullopt;
  return duly::birthday(*case_->date_of_birth, years);
}

Status CaseContext::status(std::optional<Date> fulfilled, Date due,
                           std::optional<Date> window_end) const {
  if (fulfilled) return *fulfilled <= due ? Status::met : Status::late;
  if (window_end && *window_end <= as_of_ && *window_end < due) return Status::lapsed;
  if (due < as_of_) return Status::missed;
  return Status::pending;
}

void CaseContext::emit(std::uint16_t rule_index, EventLabel trigger_event, Date trigger_date,
                       Date due, std::optional<EventIndex> fulfilled_by,
                       std::optional<Date> fulfilled_date, std::optional<Date> window_end) {
  Obligation o;
  o.case_index = case_index_;
  o.rule_index = rule_index;
  o.trigger_event = trigger_event;
  o.trigger_date = trigger_date;
  o.due = due;
  if (fulfilled_by) {
    o.fulfilled_event = label_of(*fulfilled_by);
    if (!fulfilled_date) fulfilled_date = events_[*fulfilled_by].date;
  }
  o.fulfilled_date = fulfilled_date;
  o.status = status(fulfilled_date, due, window_end);
  if (o.status == Status::late) o.days_late = *fulfilled_date - due;
  out_->push_back(o);
}

}  // namespace duly::detail
