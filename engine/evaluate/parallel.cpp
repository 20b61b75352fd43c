// evaluate_cases (duly/parallel.hpp): batches of consecutive cases, each evaluated in a slot of
// its own (an Evaluator, a CaseStep and the batch's results), at most two slots per thread in
// flight, handed back in case order by the calling thread. The slot of batch b is b modulo the
// number of slots, and batch b is started only once batch b − slots has been handed back, so a
// slot is never in use twice and memory stays bounded however many cases there are.
#include <duly/parallel.hpp>

#include <duly/evaluate.hpp>

#include "engine/evaluate/thread_pool.hpp"

#include <algorithm>
#include <array>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#ifdef __linux__
#include <sched.h>
#endif

namespace duly {

unsigned hardware_threads() {
#ifdef __linux__
  // The CPUs this process may run on (taskset, a container's cpuset), not the machine's.
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    const int count = CPU_COUNT(&set);
    if (count > 0) return static_cast<unsigned>(count);
  }
#endif
  return std::max(1u, std::thread::hardware_concurrency());
}

namespace {

// One batch's results: every case's rows one after another, and where each case's end.
struct Batch {
  std::uint32_t first = 0, count = 0;
  std::vector<Obligation> obligations;
  std::vector<IndicatorInstance> indicators;
  std::vector<PeriodInstance> periods;
  std::string output;
  // By case of the batch: the ends of its obligations, indicator rows, periods and output.
  std::vector<std::array<std::size_t, 4>> ends;
};

struct Slot {
  Evaluator evaluator;
  std::unique_ptr<CaseStep> step;
  Batch batch;
  std::exception_ptr error;
  bool done = true;  // guarded by the run's mutex while a batch is in flight
};

template <typename T>
std::span<const T> part(const std::vector<T>& rows, std::size_t begin, std::size_t end) {
  return {rows.data() + begin, end - begin};
}

void evaluate_batch(Slot& slot, const Timeline& timeline, const EvaluationOptions& options) {
  Batch& b = slot.batch;
  b.obligations.clear();
  b.indicators.clear();
  b.periods.clear();
  b.output.clear();
  b.ends.clear();
  for (std::uint32_t c = b.first; c < b.first + b.count; ++c) {
    const std::array<std::size_t, 4> begin{b.obligations.size(), b.indicators.size(),
                                           b.periods.size(), b.output.size()};
    slot.evaluator.evaluate_case(timeline, c, b.obligations);
    if (options.indicators) slot.evaluator.evaluate_indicators(timeline, c, b.indicators);
    if (options.periods) slot.evaluator.evaluate_periods(timeline, c, b.periods);
    if (slot.step) {
      const CaseResults results{c, part(b.obligations, begin[0], b.obligations.size()),
                                part(b.indicators, begin[1], b.indicators.size()),
                                part(b.periods, begin[2], b.periods.size()),
                                {}};
      slot.step->run(timeline, results, b.output);
    }
    b.ends.push_back({b.obligations.size(), b.indicators.size(), b.periods.size(),
                      b.output.size()});
  }
}

void hand_back(const Batch& b, const std::function<void(const CaseResults&)>& in_order) {
  std::array<std::size_t, 4> begin{};
  for (std::uint32_t i = 0; i < b.count; ++i) {
    const auto& end = b.ends[i];
    const CaseResults results{
        b.first + i, part(b.obligations, begin[0], end[0]), part(b.indicators, begin[1], end[1]),
        part(b.periods, begin[2], end[2]),
        std::string_view(b.output).substr(begin[3], end[3] - begin[3])};
    in_order(results);
    begin = end;
  }
}

// Cases per batch: enough batches for every thread to have several (so one slow batch does
// not leave the others idle at the end), few enough that each is worth a task.
std::uint32_t batch_size(std::uint32_t cases, unsigned threads) {
  const std::uint32_t wanted = cases / (threads * 16);
  return std::clamp<std::uint32_t>(wanted, 1, 256);
}

}  // namespace

void evaluate_cases(std::shared_ptr<const Policy> policy, const Timeline& timeline, Date as_of,
                    const EvaluationOptions& options,
                    const std::function<std::unique_ptr<CaseStep>()>& make_step,
                    const std::function<void(const CaseResults&)>& in_order) {
  if (!policy)
    throw std::invalid_argument(
        "duly::evaluate_cases: the policy is null (load_policy gives none for a policy with "
        "errors)");
  timeline.require_policy(*policy);
  const auto cases = static_cast<std::uint32_t>(timeline.cases().size());
  const unsigned threads = options.threads ? options.threads : hardware_threads();

  // One thread: the same slot for every case, no task, no lock.
  if (threads == 1 && !options.executor) {
    Slot slot{Evaluator(policy, as_of), make_step ? make_step() : nullptr, {}, {}, true};
    for (std::uint32_t c = 0; c < cases; ++c) {
      slot.batch.first = c;
      slot.batch.count = 1;
      evaluate_batch(slot, timeline, options);
      hand_back(slot.batch, in_order);
    }
    return;
  }

  const std::uint32_t size = batch_size(cases, threads);
  const std::uint32_t batches = (cases + size - 1) / size;
  const std::uint32_t slot_count = std::max<std::uint32_t>(1, std::min(2 * threads, batches));
  std::vector<Slot> slots;
  slots.reserve(slot_count);
  for (std::uint32_t s = 0; s < slot_count; ++s)
    slots.push_back(Slot{Evaluator(policy, as_of), make_step ? make_step() : nullptr, {}, {}, true});

  std::mutex mutex;
  std::condition_variable changed;
  std::size_t running = 0;
  // Declared after what its threads use, so that they are joined before those go.
  std::optional<detail::ThreadPool> pool;
  if (!options.executor) pool.emplace(threads);

  auto launch = [&](std::uint32_t b) {
    Slot& slot = slots[b % slot_count];
    slot.batch.first = b * size;
    slot.batch.count = std::min(size, cases - slot.batch.first);
    slot.error = nullptr;
    {
      std::lock_guard lock(mutex);
      slot.done = false;
      ++running;
    }
    auto task = [&, &slot = slot] {
      try {
        evaluate_batch(slot, timeline, options);
      } catch (...) {
        slot.error = std::current_exception();
      }
      // Notified under the lock: once `running` is 0 the caller may return and take the
      // condition variable with it.
      std::lock_guard lock(mutex);
      slot.done = true;
      --running;
      changed.notify_all();
    };
    try {
      if (pool)
        pool->submit(std::move(task));
      else
        options.executor(std::move(task));
    } catch (...) {
      std::lock_guard lock(mutex);
      slot.done = true;
      --running;
      throw;
    }
  };
  // However the loop below ends, no task may outlive the slots it writes into.
  struct WaitForAll {
    std::mutex& mutex;
    std::condition_variable& changed;
    std::size_t& running;
    ~WaitForAll() {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return running == 0; });
    }
  } wait_for_all{mutex, changed, running};

  std::uint32_t next = 0;
  for (; next < std::min(slot_count, batches); ++next) launch(next);
  for (std::uint32_t b = 0; b < batches; ++b) {
    Slot& slot = slots[b % slot_count];
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return slot.done; });
    }
    if (slot.error) std::rethrow_exception(slot.error);
    hand_back(slot.batch, in_order);
    if (next < batches) launch(next++);
  }
}

}  // namespace duly
