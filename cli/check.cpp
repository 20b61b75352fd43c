// `duly check POLICY EVENTS…`: load a policy, read the case timelines, evaluate them one case
// at a time and write the report as the obligations (and indicator rows) come, so memory holds
// the timelines and one case's obligations, never all of them. Everything but the plumbing (which
// file, which stream, which exit status) is the library's.
//
// Streams: the report goes to stdout (or --out); everything about the run (diagnostics, bad
// rows, warnings, the run description of a CSV or JSON report, progress) goes to stderr, so
// stdout can be piped into another program untouched.
#include "commands.hpp"
#include "inputs.hpp"

#include <duly/evaluate.hpp>
#include <duly/load.hpp>
#include <duly/report.hpp>
#include <duly/sources.hpp>
#include <duly/target_check.hpp>
#include <duly/timeline.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace {

struct CheckOptions {
  std::string policy;
  InputOptions input;
  std::string as_of;
  std::vector<std::string> by;
  std::string format = "table";
  std::string out;
  std::string fail_on;
};

const ReadingOutcome check_outcome{"check", "evaluated", "evaluates"};

duly::Date today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return *duly::make_date(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

// Usage mistakes CLI11 cannot see: an exit status of 2 after saying why, or nothing.
std::optional<int> check_usage(const CheckOptions& options) {
  if (auto status = check_input_usage(options.input, check_outcome)) return status;
  std::set<std::string> seen;
  for (const auto& key : options.by) {
    if (duly::is_reserved_by_key(key)) {
      std::cerr << "error: --by " << key << ": `" << key
                << "` is already a column of the obligations report\n";
      return 2;
    }
    if (!seen.insert(key).second) {
      std::cerr << "error: --by " << key << " is given twice\n";
      return 2;
    }
  }
  return std::nullopt;
}

// The events of undeclared types, named (a misspelt type in an export is the usual cause), with
// the declared type each is close to.
void print_undeclared_types(const duly::ReadReport& read, const duly::Policy& policy) {
  std::vector<std::string> declared;
  for (const auto& type : policy.event_types()) declared.push_back(type.name);
  std::cerr << "warning: " << read.undeclared_events
            << (read.undeclared_events == 1 ? " event of a type" : " events of types")
            << " the policy does not declare ignored:";
  constexpr std::size_t types_shown = 10;
  std::size_t listed = 0;
  for (const auto& [type, count] : read.undeclared_types) {
    if (listed++ == types_shown) {
      std::cerr << " and " << read.undeclared_types.size() - types_shown << " more types";
      break;
    }
    const std::string close = duly::closest_name(type, declared);
    std::cerr << (listed == 1 ? " `" : ", `") << type << "` (" << count
              << (close.empty() ? "" : "; did you mean `" + close + "`?") << ")";
  }
  std::cerr << "\n";
}

// A progress line for long runs, only when stderr is a terminal: it would be noise in a log.
class Progress {
 public:
  explicit Progress(std::size_t total) : total_(total), enabled_(isatty(STDERR_FILENO) == 1) {}
  void update(std::size_t done) {
    if (!enabled_ || done % 1024 != 0) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - start_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(200))
      return;
    last_ = now;
    std::fprintf(stderr, "\rchecked %zu of %zu cases (%zu%%)", done, total_,
                 total_ ? done * 100 / total_ : 100);
    std::fflush(stderr);
    shown_ = true;
  }
  void done() {
    if (shown_) std::fputs("\r\033[K", stderr);
  }

 private:
  std::size_t total_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_;
};

// --as-of, or today; nothing after saying why when it is not a date.
std::optional<duly::Date> resolve_as_of(const CheckOptions& options) {
  if (options.as_of.empty()) return today();
  if (auto date = duly::parse_iso_date(options.as_of)) return date;
  std::cerr << "error: --as-of \"" << options.as_of << "\" is not a date (YYYY-MM-DD)\n";
  return std::nullopt;
}

// Says what reading found (bad rows, rejects, undeclared event types); an exit status when the
// check cannot go on, nothing when it can.
std::optional<int> report_reading(const CheckOptions& options, const duly::ReadReport& read,
                                  const duly::Policy& policy) {
  if (auto status = report_reading(options.input, read, check_outcome)) return status;
  if (read.undeclared_events > 0) print_undeclared_types(read, policy);
  return std::nullopt;
}

// Warnings about the finished timeline: events of cases the cases file lacks, and `--by` keys
// that no case has a value for.
void warn_about_timeline(const CheckOptions& options, const duly::TimelineBuilder& builder,
                         const duly::Timeline& timeline) {
  if (auto unknown = builder.events_of_unknown_cases(); unknown > 0)
    std::cerr << "warning: " << unknown << (unknown == 1 ? " event belongs" : " events belong")
              << " to cases missing from the cases file (evaluated with no date of birth and "
                 "no attributes)\n";
  for (const auto& key : options.by) {
    if (key == "month") continue;
    bool found = false;
    for (const auto& c : timeline.cases())
      if ((found = timeline.case_column(c, key).has_value())) break;
    if (!found) {
      std::cerr << "warning: --by " << key << ": no case has a value in a `" << key
                << "` column of the cases file";
      const std::string close = duly::closest_name(key, timeline.case_columns());
      if (!close.empty()) std::cerr << "; did you mean `" << close << "`?";
      std::cerr << "\n";
    }
  }
}

// Evaluates every case and writes the report as each case's obligations come; the counts of
// every status, for --fail-on.
duly::StatusCounts evaluate_and_write(const CheckOptions& options,
                                      const std::shared_ptr<const duly::Policy>& policy,
                                      const duly::Timeline& timeline, duly::Date as_of,
                                      const duly::ReadReport& read, std::ostream& out) {
  duly::ReportSettings settings;
  settings.format = options.format == "csv"    ? duly::ReportFormat::csv
                    : options.format == "json" ? duly::ReportFormat::json_lines
                    : options.format == "html" ? duly::ReportFormat::html
                                               : duly::ReportFormat::table;
  settings.by = options.by;
  const duly::RunDescription run = duly::describe_run(*policy, as_of, read.inputs);
  // The table states the run itself; CSV and JSON keep their columns clean, so the run is
  // described on stderr, as it is whenever the report goes to a file (an HTML page is one).
  if (settings.format != duly::ReportFormat::table || !options.out.empty())
    std::cerr << duly::render_run_description(run);

  auto writer = duly::make_report_writer(settings, *policy, run, out);
  // The return's own target dates against duly's due dates, from the same obligations.
  duly::TargetCheck targets(*policy, read.targets);
  duly::Evaluator evaluator(policy, as_of);
  std::vector<duly::Obligation> obligations;
  // One case's indicator rows at a time: the writer counts them per indicator and group.
  std::vector<duly::IndicatorInstance> indicator_rows;
  // A writer that draws cases (HTML) is handed each case's period instances, from the same
  // evaluation; the others cost nothing for them.
  const bool draws_cases = writer->wants_periods();
  std::vector<duly::PeriodInstance> periods;
  duly::StatusCounts counts;
  const std::size_t case_count = timeline.cases().size();
  Progress progress(case_count);
  for (std::uint32_t c = 0; c < case_count; ++c) {
    obligations.clear();
    evaluator.evaluate_case(timeline, c, obligations);
    for (const auto& o : obligations) counts.add(o.status);
    if (draws_cases) {
      periods.clear();
      evaluator.evaluate_periods(timeline, c, periods);
      writer->add_periods(timeline, periods);
    }
    writer->add_case(timeline, obligations);
    targets.add_case(timeline, obligations);
    indicator_rows.clear();
    evaluator.evaluate_indicators(timeline, c, indicator_rows);
    writer->add_indicators(timeline, indicator_rows);
    progress.update(c + 1);
  }
  progress.done();
  writer->finish();
  std::cerr << duly::render_target_check(targets.results());
  return counts;
}

// 1 when --fail-on finds what it names (saying so), else 0.
int fail_on_status(const CheckOptions& options, const duly::StatusCounts& counts) {
  if (options.fail_on == "late" && counts.late + counts.missed > 0) {
    std::cerr << "failed: " << counts.late << " late and " << counts.missed
              << " missed (--fail-on late)\n";
    return 1;
  }
  if (options.fail_on == "missed" && counts.missed > 0) {
    std::cerr << "failed: " << counts.missed << " missed (--fail-on missed)\n";
    return 1;
  }
  return 0;
}

int run_check(const CheckOptions& options, const duly::Logger& logger) {
  if (auto status = check_usage(options)) return *status;
  const auto as_of = resolve_as_of(options);
  if (!as_of) return 2;

  // Open the report's file first: a typo in --out should not cost a whole evaluation.
  std::ofstream file;
  if (!options.out.empty()) {
    file.open(options.out, std::ios::binary);
    if (!file) {
      std::cerr << "error: cannot write the report to `" << options.out << "`\n";
      return 2;
    }
  }
  std::ostream& out = options.out.empty() ? std::cout : file;

  duly::LoadOptions load_options;
  load_options.logger = logger;
  auto loaded = duly::load_policy(options.policy, load_options);
  std::cerr << duly::render(loaded.diagnostics);
  if (!loaded.policy) return 2;
  const auto policy = loaded.policy;

  duly::TimelineBuilder builder(policy);
  duly::ReadReport read;
  read_inputs(options.input, logger, builder, read);
  if (auto status = report_reading(options, read, *policy)) return *status;
  const duly::Timeline timeline = builder.finish();
  warn_about_timeline(options, builder, timeline);

  const duly::StatusCounts counts =
      evaluate_and_write(options, policy, timeline, *as_of, read, out);
  if (!out) {
    std::cerr << "error: writing the report failed"
              << (options.out.empty() ? "" : " (`" + options.out + "`)") << "\n";
    return 2;
  }
  return fail_on_status(options, counts);
}

}  // namespace

Command add_check_command(CLI::App& program) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* app = program.add_subcommand(
      "check", "Evaluate case timelines against a policy and report every obligation");
  app->add_option("policy", options->policy, "The policy file")->required();
  add_input_options(*app, options->input);
  app->add_option("--as-of", options->as_of,
                  "The day of the check, YYYY-MM-DD (default: today); events after it have "
                  "not happened yet");
  app->add_option("--by", options->by,
                  "Group by `month` (of the due date; of the start for an indicator) or any "
                  "cases-file column; repeat or separate with commas")
      ->delimiter(',');
  app->add_option("--format", options->format,
                  "table: the summary, with the indicators (default); csv or json: one row per "
                  "obligation; html: one page with the summary, charts and the worst cases drawn")
      ->check(CLI::IsMember({"table", "csv", "json", "html"}));
  app->add_option("--out", options->out, "Write the report to this file instead of stdout");
  app->add_option("--fail-on", options->fail_on,
                  "Exit 1 when an obligation is late or missed (`late`), or missed (`missed`)")
      ->check(CLI::IsMember({"late", "missed"}));
  app->footer(
      "Exit status: 0 done; 1 --fail-on found a late or missed obligation; 2 bad input or "
      "usage.\n\n"
      "Examples:\n"
      "  duly check policies/examples/cp_timescales.policy examples/data/events.csv \\\n"
      "      --cases examples/data/cases.csv --as-of 2024-06-30\n"
      "  duly check p.policy events.csv --cases cases.csv --by team --by month\n"
      "  duly check p.policy events.csv --format csv --out obligations.csv\n"
      "  duly check p.policy events.csv --cases cases.csv --by team --format html --out "
      "report.html\n"
      "  duly check p.policy events.csv --fail-on missed --format json | jq .status\n"
      "  duly check p.policy export.csv --dates uk --skip-invalid --rejects rejects.csv\n"
      "  duly check policies/returns.policy --source ssda903 ssda903/ --as-of 2024-03-31\n"
      "  duly check policies/returns.policy --source cin-census cin.xml --as-of 2024-03-31");
  return {app, [options](const duly::Logger& logger) { return run_check(*options, logger); }};
}
