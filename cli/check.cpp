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
#include "reporting.hpp"

#include <duly/evaluate.hpp>
#include <duly/load.hpp>
#include <duly/report.hpp>
#include <duly/sources.hpp>
#include <duly/target_check.hpp>
#include <duly/timeline.hpp>

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace {

struct CheckOptions {
  std::string policy;
  InputOptions input;
  ReportOptions report;
  std::string fail_on;
};

const ReadingOutcome check_outcome{"check", "evaluated", "evaluates"};

// Usage mistakes CLI11 cannot see: an exit status of 2 after saying why, or nothing.
std::optional<int> check_usage(const CheckOptions& options) {
  if (auto status = check_input_usage(options.input, check_outcome)) return status;
  return check_by_usage(options.report.by);
}

// Says what reading found (bad rows, rejects, undeclared event types); an exit status when the
// check cannot go on, nothing when it can.
std::optional<int> report_reading(const CheckOptions& options, const duly::ReadReport& read,
                                  const duly::Policy& policy) {
  if (auto status = report_reading(options.input, read, check_outcome)) return status;
  if (read.undeclared_events > 0)
    warn_about_undeclared_types(read, "the policy does not declare", declared_types(policy));
  return std::nullopt;
}

// Evaluates every case and writes the report as each case's obligations come; the counts of
// every status, for --fail-on.
duly::StatusCounts evaluate_and_write(const CheckOptions& options,
                                      const std::shared_ptr<const duly::Policy>& policy,
                                      const duly::Timeline& timeline, duly::Date as_of,
                                      const duly::ReadReport& read, std::ostream& out) {
  duly::ReportSettings settings;
  settings.format = report_format(options.report.format);
  settings.by = options.report.by;
  const duly::RunDescription run = duly::describe_run(*policy, as_of, read.inputs);
  // The table states the run itself; CSV and JSON keep their columns clean, so the run is
  // described on stderr, as it is whenever the report goes to a file.
  if (settings.format != duly::ReportFormat::table || !options.report.out.empty())
    std::cerr << duly::render_run_description(run);

  auto writer = duly::make_report_writer(settings, *policy, run, out);
  // The return's own target dates against duly's due dates, from the same obligations.
  duly::TargetCheck targets(*policy, read.targets);
  duly::Evaluator evaluator(policy, as_of);
  std::vector<duly::Obligation> obligations;
  // One case's indicator rows at a time: the writer counts them per indicator and group.
  std::vector<duly::IndicatorInstance> indicator_rows;
  duly::StatusCounts counts;
  const std::size_t case_count = timeline.cases().size();
  Progress progress("checked");
  for (std::uint32_t c = 0; c < case_count; ++c) {
    obligations.clear();
    evaluator.evaluate_case(timeline, c, obligations);
    for (const auto& o : obligations) counts.add(o.status);
    writer->add_case(timeline, obligations);
    targets.add_case(timeline, obligations);
    indicator_rows.clear();
    evaluator.evaluate_indicators(timeline, c, indicator_rows);
    writer->add_indicators(timeline, indicator_rows);
    progress.update(c + 1, case_count);
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
  const auto as_of = resolve_as_of(options.report.as_of);
  if (!as_of) return 2;
  ReportOutput out;
  if (!out.open(options.report.out)) return 2;

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
  warn_about_unknown_cases(builder.events_of_unknown_cases());
  warn_about_by_keys(options.report.by, timeline);

  const duly::StatusCounts counts =
      evaluate_and_write(options, policy, timeline, *as_of, read, out.stream());
  if (auto status = out.check_written()) return *status;
  return fail_on_status(options, counts);
}

}  // namespace

Command add_check_command(CLI::App& program) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* app = program.add_subcommand(
      "check", "Evaluate case timelines against a policy and report every obligation");
  app->add_option("policy", options->policy, "The policy file")->required();
  add_input_options(*app, options->input);
  add_report_options(*app, options->report, "check",
                     "Group by `month` (of the due date; of the start for an indicator) or any "
                     "cases-file column; repeat or separate with commas",
                     "table: the summary, with the indicators (default); csv or json: one row per "
                     "obligation");
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
      "  duly check p.policy events.csv --fail-on missed --format json | jq .status\n"
      "  duly check p.policy export.csv --dates uk --skip-invalid --rejects rejects.csv\n"
      "  duly check policies/returns.policy --source ssda903 ssda903/ --as-of 2024-03-31\n"
      "  duly check policies/returns.policy --source cin-census cin.xml --as-of 2024-03-31");
  return {app, [options](const duly::Logger& logger) { return run_check(*options, logger); }};
}
