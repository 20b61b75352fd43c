// Evaluation on several threads (duly/parallel.hpp) gives what one thread gives, byte for byte:
// the library with its own threads and with a host's executor, the obligations reports'
// formatting steps, errors from any thread, and `duly check` / `duly due` with --threads. The
// data is the benchmark's generator (bench/generate.py) at a small size, so there are cases of
// every shape and thousands of them. A ThreadSanitizer build runs these tests (docs/testing.md).
#include "tests/support/run_duly.hpp"

#include <duly/evaluate.hpp>
#include <duly/load.hpp>
#include <duly/parallel.hpp>
#include <duly/report.hpp>
#include <duly/sources.hpp>
#include <duly/timeline.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace {

namespace fs = std::filesystem;
using duly_test::read_file;

// The generated data set, made once per test run: 20,000 events in about 900 cases.
const fs::path& generated() {
  static duly_test::ScratchFolder folder;
  static const bool made = [] {
    const std::string command = "python3 '" DULY_SOURCE_DIR "/bench/generate.py' --events 20000 "
                                "--seed 11 --out '" +
                                folder.path.string() + "' >/dev/null 2>&1";
    return std::system(command.c_str()) == 0;
  }();
  REQUIRE(made);
  return folder.path;
}

const char* const bench_policy = DULY_SOURCE_DIR "/bench/bench.policy";
const duly::Date as_of = *duly::parse_iso_date("2025-12-31");

struct Data {
  std::shared_ptr<const duly::Policy> policy;
  duly::Timeline timeline;
};

const Data& data() {
  static const Data loaded = [] {
    auto result = duly::load_policy(bench_policy);
    REQUIRE(result.policy);
    duly::TimelineBuilder builder(result.policy);
    duly::ReadReport report;
    duly::read_cases_file(generated() / "cases.csv", builder, report);
    duly::read_events_file(generated() / "events.csv", builder, report);
    return Data{result.policy, builder.finish()};
  }();
  return loaded;
}

// The obligations report of every case, written with `threads` threads (formatted on them when
// `steps`), as duly check writes it.
std::string report(duly::ReportFormat format, const duly::EvaluationOptions& options,
                   bool steps) {
  const Data& d = data();
  duly::ReportSettings settings;
  settings.format = format;
  settings.by = {"team", "month"};
  std::ostringstream out;
  auto writer = duly::make_report_writer(settings, *d.policy, {}, out);
  std::function<std::unique_ptr<duly::CaseStep>()> make_step;
  if (steps) make_step = [&] { return writer->make_case_step(); };
  duly::evaluate_cases(d.policy, d.timeline, as_of, options, make_step,
                       [&](const duly::CaseResults& results) {
                         if (steps)
                           writer->add_formatted(results.step_output);
                         else
                           writer->add_case(d.timeline, results.obligations);
                       });
  writer->finish();
  return out.str();
}

duly::EvaluationOptions threads(unsigned n) {
  duly::EvaluationOptions options;
  options.threads = n;
  return options;
}

// A host's executor: a thread of its own for every task, joined when the host is done.
struct ThreadPerTask {
  std::mutex mutex;
  std::vector<std::thread> started;
  duly::Executor executor() {
    return [this](std::function<void()> task) {
      std::lock_guard lock(mutex);
      started.emplace_back(std::move(task));
    };
  }
  ~ThreadPerTask() {
    for (auto& t : started) t.join();
  }
};

}  // namespace

TEST_CASE("parallel: every case in order, with what evaluate gives", "[parallel]") {
  const Data& d = data();
  REQUIRE(d.timeline.cases().size() > 500);
  const auto expected = duly::evaluate(d.policy, d.timeline, as_of);
  for (unsigned n : {1u, 2u, 3u, 8u}) {
    INFO(n << " threads");
    std::vector<duly::Obligation> got;
    std::uint32_t next_case = 0;
    duly::evaluate_cases(d.policy, d.timeline, as_of, threads(n), {},
                         [&](const duly::CaseResults& results) {
                           REQUIRE(results.case_index == next_case);
                           ++next_case;
                           for (const auto& o : results.obligations)
                             REQUIRE(o.case_index == results.case_index);
                           got.insert(got.end(), results.obligations.begin(),
                                      results.obligations.end());
                         });
    CHECK(next_case == d.timeline.cases().size());
    REQUIRE(got.size() == expected.size());
    std::size_t differing = 0;
    for (std::size_t i = 0; i < got.size(); ++i)
      if (got[i].case_index != expected[i].case_index ||
          got[i].rule_index != expected[i].rule_index || got[i].due != expected[i].due ||
          got[i].status != expected[i].status || got[i].fulfilled_date != expected[i].fulfilled_date)
        ++differing;
    CHECK(differing == 0);
  }
}

TEST_CASE("parallel: indicator rows and periods come with their case", "[parallel]") {
  const Data& d = data();
  duly::Evaluator evaluator(d.policy, as_of);
  std::vector<duly::IndicatorInstance> indicators;
  std::vector<duly::PeriodInstance> periods;
  for (std::uint32_t c = 0; c < d.timeline.cases().size(); ++c) {
    evaluator.evaluate_indicators(d.timeline, c, indicators);
    evaluator.evaluate_periods(d.timeline, c, periods);
  }
  REQUIRE(!periods.empty());
  auto options = threads(3);
  options.indicators = true;
  options.periods = true;
  std::size_t period_count = 0, indicator_count = 0;
  bool in_their_case = true;
  duly::evaluate_cases(d.policy, d.timeline, as_of, options, {},
                       [&](const duly::CaseResults& results) {
                         for (const auto& p : results.periods) {
                           in_their_case &= p.case_index == results.case_index;
                           in_their_case &= p.start == periods[period_count].start;
                           ++period_count;
                         }
                         indicator_count += results.indicators.size();
                       });
  CHECK(in_their_case);
  CHECK(period_count == periods.size());
  CHECK(indicator_count == indicators.size());
}

TEST_CASE("parallel: CSV and JSON Lines formatted on the threads are the same bytes",
          "[parallel]") {
  for (auto format : {duly::ReportFormat::csv, duly::ReportFormat::json_lines}) {
    const std::string serial = report(format, threads(1), false);
    REQUIRE(serial.size() > 1'000'000);
    CHECK(report(format, threads(1), true) == serial);
    CHECK(report(format, threads(2), true) == serial);
    CHECK(report(format, threads(5), true) == serial);
    CHECK(report(format, threads(4), false) == serial);
  }
}

TEST_CASE("parallel: a host's executor runs the batches", "[parallel]") {
  ThreadPerTask host;
  auto options = threads(3);
  options.executor = host.executor();
  CHECK(report(duly::ReportFormat::csv, options, true) ==
        report(duly::ReportFormat::csv, threads(1), false));
  CHECK(host.started.size() > 10);
}

TEST_CASE("parallel: an error on any thread stops the run and reaches the caller",
          "[parallel]") {
  const Data& d = data();
  // From the ordered callback, part way through.
  std::uint32_t seen = 0;
  CHECK_THROWS_WITH(duly::evaluate_cases(d.policy, d.timeline, as_of, threads(3), {},
                                         [&](const duly::CaseResults& results) {
                                           if (results.case_index == 100)
                                             throw std::runtime_error("stop at 100");
                                           ++seen;
                                         }),
                    "stop at 100");
  CHECK(seen == 100);

  // From a step on an evaluating thread: the first failing case's error, in case order.
  struct FailingStep : duly::CaseStep {
    void run(const duly::Timeline&, const duly::CaseResults& results, std::string&) override {
      if (results.case_index >= 300) throw std::runtime_error("step failed");
    }
  };
  seen = 0;
  CHECK_THROWS_WITH(
      duly::evaluate_cases(
          d.policy, d.timeline, as_of, threads(2),
          [] { return std::make_unique<FailingStep>(); },
          [&](const duly::CaseResults&) { ++seen; }),
      "step failed");
  CHECK(seen <= 300);

  // A null policy, and a timeline of another policy, are refused before any thread starts.
  CHECK_THROWS_AS(duly::evaluate_cases(nullptr, d.timeline, as_of, threads(2), {},
                                       [](const duly::CaseResults&) {}),
                  std::invalid_argument);
  auto other = duly::load_policy(bench_policy).policy;
  CHECK_THROWS_AS(duly::evaluate_cases(other, d.timeline, as_of, threads(2), {},
                                       [](const duly::CaseResults&) {}),
                  std::invalid_argument);
}

TEST_CASE("parallel: an empty timeline gives no case", "[parallel]") {
  auto policy = duly::load_policy(bench_policy).policy;
  duly::TimelineBuilder builder(policy);
  const duly::Timeline empty = builder.finish();
  int calls = 0;
  duly::evaluate_cases(policy, empty, as_of, threads(4), {},
                       [&](const duly::CaseResults&) { ++calls; });
  CHECK(calls == 0);
}

TEST_CASE("parallel: duly check and duly due give the same bytes with --threads 1 and the default",
          "[parallel][cli]") {
  const std::string data_args = "bench/bench.policy '" + (generated() / "events.csv").string() +
                                "' --cases '" + (generated() / "cases.csv").string() +
                                "' --as-of 2025-12-31";
  for (const std::string report_args :
       {"--format csv --by team --by month", "--format json", "--format table --by team",
        "--format html --by team", "--format csv --fail-on missed"}) {
    INFO(report_args);
    const auto one = duly_test::duly("check " + data_args + " " + report_args + " --threads 1");
    const auto many = duly_test::duly("check " + data_args + " " + report_args);
    const auto odd = duly_test::duly("check " + data_args + " " + report_args + " --threads 3");
    REQUIRE(one.out.size() > 1000);
    CHECK(one.status == many.status);
    CHECK(one.out == many.out);
    CHECK(one.err == many.err);
    CHECK(one.out == odd.out);
  }
  duly_test::ScratchFolder folder;
  const auto one = duly_test::duly("check " + data_args + " --summary '" + (folder.path / "1.csv").string() +
                        "' --threads 1 --out '" + (folder.path / "1.html").string() +
                        "' --format html");
  const auto many = duly_test::duly("check " + data_args + " --summary '" +
                         (folder.path / "n.csv").string() + "' --out '" +
                         (folder.path / "n.html").string() + "' --format html");
  CHECK(one.status == 0);
  CHECK(many.status == 0);
  CHECK(read_file(folder.path / "1.csv") == read_file(folder.path / "n.csv"));
  CHECK(read_file(folder.path / "1.html") == read_file(folder.path / "n.html"));
  // --out is written by a thread of its own: the same bytes as stdout, and a failed write is
  // said (exit 2).
  const auto to_stdout = duly_test::duly("check " + data_args + " --format csv");
  CHECK(duly_test::duly("check " + data_args + " --format csv --out '" +
                        (folder.path / "out.csv").string() + "'")
            .status == 0);
  CHECK(read_file(folder.path / "out.csv") == to_stdout.out);
  const auto full = duly_test::duly("check " + data_args + " --format csv --out /dev/full");
  CHECK(full.status == 2);
  CHECK_THAT(full.err, Catch::Contains("error: writing the report failed (`/dev/full`)"));
  for (const std::string format : {"table", "csv"}) {
    const auto due_one = duly_test::duly("due " + data_args + " --format " + format + " --threads 1");
    const auto due_many = duly_test::duly("due " + data_args + " --format " + format);
    REQUIRE(due_one.out.size() > 100);
    CHECK(due_one.out == due_many.out);
  }
  CHECK(duly_test::duly("check " + data_args + " --threads 0").status == 2);
}
