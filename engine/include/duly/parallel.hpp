// Evaluating every case of a timeline on several threads, with the results handed back in case
// order: cases are independent, so they are evaluated in batches of consecutive cases, as many
// batches at once as there are threads, and each case reaches `in_order` on the calling thread
// in timeline order. A report written from `in_order` is therefore the same bytes whatever the
// number of threads.
//
// Work that only depends on one case (formatting its obligations as report rows) can run on
// the evaluating threads too: a CaseStep per batch in flight appends bytes, and `in_order` gets
// them with the case.
#pragma once

#include <duly/date.hpp>
#include <duly/indicator.hpp>
#include <duly/obligation.hpp>
#include <duly/policy.hpp>
#include <duly/timeline.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace duly {

// Runs a task, on some thread, some time: a host's own thread pool. Tasks must each be run
// exactly once; evaluate_cases waits for every task it gave before it returns.
using Executor = std::function<void(std::function<void()> task)>;

// The number of threads the machine offers (std::thread::hardware_concurrency), at least 1.
unsigned hardware_threads();

struct EvaluationOptions {
  // Batches evaluated at once; 0: hardware_threads(). With 1 and no executor, every case is
  // evaluated on the calling thread, one after another.
  unsigned threads = 0;
  // Where the batches run; empty: threads of duly's own, started and stopped by the call.
  Executor executor;
  bool indicators = false;  // also evaluate each case's indicator rows
  bool periods = false;     // also give each case's period instances (the HTML report draws them)
};

// What one case gave: its obligations (in report order), indicator rows and period instances
// (empty unless asked for), and the bytes its CaseStep appended.
struct CaseResults {
  std::uint32_t case_index = 0;
  std::span<const Obligation> obligations;
  std::span<const IndicatorInstance> indicators;
  std::span<const PeriodInstance> periods;
  std::string_view step_output;
};

// Work done for each case on the thread that evaluated it. One CaseStep serves one batch at a
// time, so it may keep state between cases (texts it has quoted once) without locking.
class CaseStep {
 public:
  virtual ~CaseStep() = default;
  virtual void run(const Timeline& timeline, const CaseResults& results, std::string& out) = 0;
};

// Evaluates every case of `timeline` and calls `in_order` once per case, in case order, on the
// calling thread. `make_step`, when given, makes the CaseSteps (one per batch in flight, made
// on the calling thread before any case is evaluated). An exception thrown by evaluation, by a
// step or by `in_order` stops the run: the batches still running are waited for, then it is
// rethrown.
void evaluate_cases(std::shared_ptr<const Policy> policy, const Timeline& timeline, Date as_of,
                    const EvaluationOptions& options,
                    const std::function<std::unique_ptr<CaseStep>()>& make_step,
                    const std::function<void(const CaseResults&)>& in_order);

}  // namespace duly
