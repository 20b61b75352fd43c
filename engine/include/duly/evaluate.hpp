// Evaluating a policy against case timelines: one case at a time, every rule, every
// obligation, each with its status on the as-of date. Evaluation reads the Policy and the
// Timeline and changes neither, so several threads may evaluate at once; the scratch space it
// reuses between cases belongs to an Evaluator, one per thread.
#pragma once

#include <duly/date.hpp>
#include <duly/indicator.hpp>
#include <duly/obligation.hpp>
#include <duly/policy.hpp>
#include <duly/timeline.hpp>

#include <memory>
#include <vector>

namespace duly {

class Evaluator {
 public:
  Evaluator(std::shared_ptr<const Policy> policy, Date as_of);
  ~Evaluator();
  Evaluator(Evaluator&&) noexcept;
  Evaluator& operator=(Evaluator&&) noexcept;

  // Appends the obligations of one case, in report order: by rule id, trigger date, due, then
  // the remaining columns (the report order of docs/cli.md, within one case).
  void evaluate_case(const Timeline& timeline, std::uint32_t case_index,
                     std::vector<Obligation>& out);

  // Appends one row per instance, started on or before the as-of date, of each indicator's
  // period in one case: by indicator (policy order), then by start.
  void evaluate_indicators(const Timeline& timeline, std::uint32_t case_index,
                           std::vector<IndicatorInstance>& out);

  // Appends every instance of every period of the policy in one case, started on or before
  // the as-of date: by period (policy order), then by start. The same instances the rules see.
  void evaluate_periods(const Timeline& timeline, std::uint32_t case_index,
                        std::vector<PeriodInstance>& out);

  Date as_of() const;
  const Policy& policy() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Every obligation of every case, in report order (cases sorted by id).
std::vector<Obligation> evaluate(std::shared_ptr<const Policy> policy, const Timeline& timeline,
                                 Date as_of);

// Every indicator row of every case, in case order.
std::vector<IndicatorInstance> evaluate_indicators(std::shared_ptr<const Policy> policy,
                                                   const Timeline& timeline, Date as_of);

}  // namespace duly
