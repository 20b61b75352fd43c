// The Evaluator: one case in, its obligations out, every rule in turn, sorted in report order.
// It holds the per-case scratch space, so one Evaluator per thread evaluates any number of
// cases without allocating per event; the Policy and the Timeline are only read.
#include <duly/evaluate.hpp>

#include "engine/case_context.hpp"
#include "engine/rules/forms.hpp"

#include <algorithm>
#include <numeric>

namespace duly {

struct Evaluator::State {
  std::shared_ptr<const Policy> policy;
  Date as_of;
  detail::CaseContext context;
  std::vector<std::uint32_t> rule_rank;  // position of each rule when sorted by id as text

  State(std::shared_ptr<const Policy> p, Date a) : policy(std::move(p)), as_of(a), context(*policy) {
    const auto& rules = policy->rules();
    std::vector<std::uint32_t> order(rules.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](auto x, auto y) { return rules[x].id < rules[y].id; });
    rule_rank.resize(rules.size());
    for (std::uint32_t r = 0; r < order.size(); ++r) rule_rank[order[r]] = r;
  }
};

Evaluator::Evaluator(std::shared_ptr<const Policy> policy, Date as_of)
    : state_(std::make_unique<State>(std::move(policy), as_of)) {}
Evaluator::~Evaluator() = default;
Evaluator::Evaluator(Evaluator&&) noexcept = default;
Evaluator& Evaluator::operator=(Evaluator&&) noexcept = default;

Date Evaluator::as_of() const { return state_->as_of; }
const Policy& Evaluator::policy() const { return *state_->policy; }

namespace {

std::string date_text(const std::optional<Date>& d) { return d ? to_iso_string(*d) : ""; }
std::string number_text(const std::optional<int>& n) { return n ? std::to_string(*n) : ""; }

}  // namespace

void Evaluator::evaluate_case(const Timeline& timeline, std::uint32_t case_index,
                              std::vector<Obligation>& out) {
  auto& context = state_->context;
  const Policy& policy = *state_->policy;
  const std::size_t first = out.size();
  context.reset(timeline, case_index, state_->as_of, &out);
  const auto& rules = policy.rules();
  for (std::size_t r = 0; r < rules.size(); ++r) {
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

  // data.md's order: (case_id, rule, trigger_date, due) as text, ties by the remaining columns
  // as text. ISO dates order as text the way they order as dates, so only the rare ties need
  // the text of labels.
  const auto& rank = state_->rule_rank;
  std::stable_sort(out.begin() + static_cast<long>(first), out.end(),
                   [&](const Obligation& a, const Obligation& b) {
                     if (a.rule_index != b.rule_index)
                       return rank[a.rule_index] < rank[b.rule_index];
                     if (a.trigger_date != b.trigger_date) return a.trigger_date < b.trigger_date;
                     if (a.due != b.due) return a.due < b.due;
                     auto rest = [&](const Obligation& o) {
                       return std::make_tuple(label_text(policy, o.trigger_event),
                                              label_text(policy, o.fulfilled_event),
                                              date_text(o.fulfilled_date),
                                              std::string(to_string(o.status)),
                                              number_text(o.days_late));
                     };
                     return rest(a) < rest(b);
                   });
}

std::vector<Obligation> evaluate(std::shared_ptr<const Policy> policy, const Timeline& timeline,
                                 Date as_of) {
  Evaluator evaluator(std::move(policy), as_of);
  std::vector<Obligation> out;
  for (std::uint32_t c = 0; c < timeline.cases().size(); ++c)
    evaluator.evaluate_case(timeline, c, out);
  return out;
}

}  // namespace duly
