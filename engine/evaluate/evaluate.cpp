// The Evaluator: one case in, its obligations out, every rule in turn, sorted in report order.
// It holds the per-case scratch space, so one Evaluator per thread evaluates any number of
// cases without allocating per event; the Policy and the Timeline are only read.
#include <duly/evaluate.hpp>

#include <duly/duration.hpp>

#include "engine/evaluate/case_context.hpp"
#include "engine/evaluate/forms/forms.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace duly {

struct Evaluator::State {
  std::shared_ptr<const Policy> policy;
  Date as_of;
  detail::CaseContext context;
  std::vector<std::uint32_t> rules_by_id;     // rule indices sorted by id as text
  std::vector<std::uint32_t> type_name_rank;  // event type -> position of its name as text
  std::vector<Obligation> reordered;          // scratch for putting rules in id order
  std::vector<std::size_t> rule_begin;        // where each rule's obligations start

  State(std::shared_ptr<const Policy> p, Date a)
      : policy(std::move(p)), as_of(a), context(*policy) {
    const auto& rules = policy->rules();
    rules_by_id.resize(rules.size());
    std::iota(rules_by_id.begin(), rules_by_id.end(), 0);
    std::sort(rules_by_id.begin(), rules_by_id.end(),
              [&](auto x, auto y) { return rules[x].id < rules[y].id; });
    const auto& types = policy->event_types();
    std::vector<std::uint32_t> by_name(types.size());
    std::iota(by_name.begin(), by_name.end(), 0);
    std::sort(by_name.begin(), by_name.end(),
              [&](auto x, auto y) { return types[x].name < types[y].name; });
    type_name_rank.resize(types.size());
    for (std::uint32_t r = 0; r < by_name.size(); ++r) type_name_rank[by_name[r]] = r;
  }
};

namespace {

std::shared_ptr<const Policy> not_null(std::shared_ptr<const Policy> policy) {
  if (!policy)
    throw std::invalid_argument(
        "duly::Evaluator: the policy is null (load_policy gives none for a policy with errors)");
  return policy;
}

}  // namespace

Evaluator::Evaluator(std::shared_ptr<const Policy> policy, Date as_of)
    : state_(std::make_unique<State>(not_null(std::move(policy)), as_of)) {}
Evaluator::~Evaluator() = default;
Evaluator::Evaluator(Evaluator&&) noexcept = default;
Evaluator& Evaluator::operator=(Evaluator&&) noexcept = default;

Date Evaluator::as_of() const { return state_->as_of; }
const Policy& Evaluator::policy() const { return *state_->policy; }

namespace {

// The report order (docs/cli.md, "--format csv") within one rule of one case: (trigger_date, due)
// as text, then the remaining columns as text. ISO dates order as text the way they order as dates,
// and event names by a rank computed once, so no text is built unless two rows tie on everything
// that has a rank.
class ReportOrder {
 public:
  ReportOrder(const Policy& policy, const std::vector<std::uint32_t>& type_name_rank)
      : policy_(policy), type_name_rank_(type_name_rank) {}

  bool operator()(const Obligation& a, const Obligation& b) const {
    if (a.trigger_date != b.trigger_date) return a.trigger_date < b.trigger_date;
    if (a.due != b.due) return a.due < b.due;
    if (int c = compare(a.trigger_event, b.trigger_event)) return c < 0;
    if (int c = compare(a.fulfilled_event, b.fulfilled_event)) return c < 0;
    if (a.fulfilled_date != b.fulfilled_date) return a.fulfilled_date < b.fulfilled_date;
    if (a.status != b.status) return to_string(a.status) < to_string(b.status);
    return number_text(a.days_late) < number_text(b.days_late);
  }

 private:
  static std::string number_text(const std::optional<int>& n) {
    return n ? std::to_string(*n) : std::string();
  }
  int compare(const EventLabel& a, const EventLabel& b) const {
    if (a.kind == EventLabel::Kind::event && b.kind == EventLabel::Kind::event) {
      auto x = type_name_rank_[a.type], y = type_name_rank_[b.type];
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    if (a.kind == b.kind && a.age == b.age) return 0;
    return label_text(policy_, a).compare(label_text(policy_, b));
  }

  const Policy& policy_;
  const std::vector<std::uint32_t>& type_name_rank_;
};

}  // namespace

void Evaluator::evaluate_case(const Timeline& timeline, std::uint32_t case_index,
                              std::vector<Obligation>& out) {
  timeline.require_policy(*state_->policy);
  timeline.require_case(case_index);
  auto& context = state_->context;
  const Policy& policy = *state_->policy;
  const std::size_t first = out.size();
  context.reset(timeline, case_index, state_->as_of, &out);
  const auto& rules = policy.rules();
  state_->rule_begin.clear();
  for (std::size_t r = 0; r < rules.size(); ++r) {
    state_->rule_begin.push_back(out.size());
    const Rule& rule = rules[r];
    const auto index = static_cast<std::uint16_t>(r);
    std::visit(
        [&](const auto& form) {
          using Form = std::decay_t<decltype(form)>;
          if constexpr (std::is_same_v<Form, Deadline>)
            detail::evaluate_deadline(rule, index, form, context);
          else if constexpr (std::is_same_v<Form, Recurrence>)
            detail::evaluate_recurrence(rule, index, form, context);
          else if constexpr (std::is_same_v<Form, Notice>)
            detail::evaluate_notice(rule, index, form, context);
          else if constexpr (std::is_same_v<Form, Each>)
            detail::evaluate_each(rule, index, form, context);
          else if constexpr (std::is_same_v<Form, Recording>)
            detail::evaluate_recording(rule, index, form, context);
          else
            detail::evaluate_between(rule, index, form, context);
        },
        rule.form);
  }

  // The report order: (case_id, rule, trigger_date, due) as text, ties by the remaining
  // columns. Each rule's obligations are contiguous and almost always already in order, so a
  // run is sorted only when it is not, and the runs are then laid out by rule id.
  ReportOrder order(policy, state_->type_name_rank);
  auto& begin = state_->rule_begin;
  begin.push_back(out.size());
  for (std::size_t r = 0; r < rules.size(); ++r) {
    auto first_of_rule = out.begin() + static_cast<long>(begin[r]);
    auto end_of_rule = out.begin() + static_cast<long>(begin[r + 1]);
    if (!std::is_sorted(first_of_rule, end_of_rule, order))
      std::stable_sort(first_of_rule, end_of_rule, order);
  }
  const auto& by_id = state_->rules_by_id;
  if (!std::is_sorted(by_id.begin(), by_id.end())) {
    auto& reordered = state_->reordered;
    reordered.clear();
    for (std::uint32_t r : by_id)
      reordered.insert(reordered.end(), out.begin() + static_cast<long>(begin[r]),
                       out.begin() + static_cast<long>(begin[r + 1]));
    std::copy(reordered.begin(), reordered.end(), out.begin() + static_cast<long>(first));
  }
}

// Indicators (docs/language.md reading D11): instances of the period in order; one is a repeat
// when it starts on or before the end of an earlier instance plus the duration. Instances do not
// overlap and only the last can be open, so the previous instance has the latest end: it alone
// decides. Durations follow the policy's calendar; `count the trigger day` is for deadlines and
// does not shorten them.
void Evaluator::evaluate_indicators(const Timeline& timeline, std::uint32_t case_index,
                                    std::vector<IndicatorInstance>& out) {
  timeline.require_policy(*state_->policy);
  timeline.require_case(case_index);
  const Policy& policy = *state_->policy;
  const auto& indicators = policy.indicators();
  if (indicators.empty()) return;
  auto& context = state_->context;
  context.reset(timeline, case_index, state_->as_of, nullptr);
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    const Indicator& indicator = indicators[i];
    const detail::Window* previous = nullptr;
    for (const detail::Window& instance : context.instances(indicator.period)) {
      IndicatorInstance row;
      row.case_index = case_index;
      row.indicator_index = static_cast<std::uint16_t>(i);
      row.start = instance.start;
      row.repeat = previous && previous->end &&
                   instance.start <=
                       add_duration(*previous->end, indicator.within, policy.calendar(), false);
      out.push_back(row);
      previous = &instance;
    }
  }
}

void Evaluator::evaluate_periods(const Timeline& timeline, std::uint32_t case_index,
                                 std::vector<PeriodInstance>& out) {
  timeline.require_policy(*state_->policy);
  timeline.require_case(case_index);
  auto& context = state_->context;
  context.reset(timeline, case_index, state_->as_of, nullptr);
  const auto count = state_->policy->periods().size();
  for (std::size_t p = 0; p < count; ++p)
    for (const detail::Window& instance : context.instances(static_cast<PeriodId>(p)))
      if (instance.start <= state_->as_of)
        out.push_back({case_index, static_cast<PeriodId>(p), instance.start, instance.end,
                       instance.start_label});
}

std::vector<IndicatorInstance> evaluate_indicators(std::shared_ptr<const Policy> policy,
                                                   const Timeline& timeline, Date as_of) {
  Evaluator evaluator(std::move(policy), as_of);
  timeline.require_policy(evaluator.policy());  // even when it has no case
  std::vector<IndicatorInstance> out;
  for (std::uint32_t c = 0; c < timeline.cases().size(); ++c)
    evaluator.evaluate_indicators(timeline, c, out);
  return out;
}

std::vector<Obligation> evaluate(std::shared_ptr<const Policy> policy, const Timeline& timeline,
                                 Date as_of) {
  Evaluator evaluator(std::move(policy), as_of);
  timeline.require_policy(evaluator.policy());  // even when it has no case
  std::vector<Obligation> out;
  for (std::uint32_t c = 0; c < timeline.cases().size(); ++c)
    evaluator.evaluate_case(timeline, c, out);
  return out;
}

}  // namespace duly
