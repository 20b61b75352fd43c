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
#include "output_file.hpp"
#include "progress.hpp"
#include "reporting.hpp"

#include <duly/evaluate.hpp>
#include <duly/load.hpp>
#include <duly/parallel.hpp>
#include <duly/report.hpp>
#include <duly/sources.hpp>
#include <duly/target_check.hpp>
#include <duly/timeline.hpp>

#include <spdlog/logger.h>

#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
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
  std::string summary;  // --summary FILE: the summary's figures as CSV or JSON Lines
  unsigned threads = 0;  // --threads: 0 for every hardware thread
};

const ReadingOutcome check_outcome{"check", "evaluated", "evaluates"};

// Usage mistakes CLI11 cannot see: an exit status of 2 after saying why, or nothing.
std::optional<int> check_usage(const CheckOptions& options) {
  if (auto status = check_input_usage(options.input, check_outcome)) return status;
  return check_by_usage(options.by);
}


// Evaluates every case and writes the report as each case's obligations come; the counts of
// every status, for --fail-on.
duly::StatusCounts evaluate_and_write(const CheckOptions& options,
                                      const std::shared_ptr<const duly::Policy>& policy,
                                      const duly::Timeline& timeline, duly::Date as_of,
                                      const duly::ReadReport& read, std::ostream& out,
                                      std::ostream* summary_out, const duly::Logger& logger) {
  duly::ReportSettings settings;
  settings.format = report_format(options.format);
  settings.by = options.by;
  const duly::RunDescription run = duly::describe_run(*policy, as_of, read.inputs);
  // The table states the run itself; CSV and JSON keep their columns clean, so the run is
  // described on stderr, as it is whenever the report goes to a file (an HTML page is one).
  if (settings.format != duly::ReportFormat::table || !options.out.empty())
    std::cerr << duly::render_run_description(run);

  auto writer = duly::make_report_writer(settings, *policy, run, out);
  // --summary: the same counts as rows, beside whichever report stdout or --out gets.
  std::unique_ptr<duly::ReportWriter> summary;
  if (summary_out) {
    duly::ReportSettings rows = settings;
    const bool json = options.summary.ends_with(".json") || options.summary.ends_with(".jsonl");
    rows.format = json ? duly::ReportFormat::json_lines : duly::ReportFormat::csv;
    summary = duly::make_summary_rows_writer(rows, *policy, *summary_out);
  }
  // The return's own target dates against duly's due dates, from the same obligations.
  duly::TargetCheck targets(*policy, read.targets);
  duly::EvaluationOptions evaluation;
  evaluation.threads = options.threads;
  evaluation.indicators = true;
  // A writer that draws cases (HTML) is handed each case's period instances, from the same
  // evaluation; the others cost nothing for them.
  evaluation.periods = writer->wants_periods();
  // The obligations reports format their rows on the evaluating threads; the others count.
  const bool formats_rows = static_cast<bool>(writer->make_case_step());
  std::function<std::unique_ptr<duly::CaseStep>()> make_step;
  if (formats_rows) make_step = [&writer] { return writer->make_case_step(); };
  duly::StatusCounts counts;
  const std::size_t case_count = timeline.cases().size();
  Progress progress;
  const auto started = std::chrono::steady_clock::now();
  duly::evaluate_cases(
      policy, timeline, as_of, evaluation, make_step, [&](const duly::CaseResults& results) {
        for (const auto& o : results.obligations) counts.add(o.status);
        if (evaluation.periods) writer->add_periods(timeline, results.periods);
        if (formats_rows)
          writer->add_formatted(results.step_output);
        else
          writer->add_case(timeline, results.obligations);
        if (summary) summary->add_case(timeline, results.obligations);
        targets.add_case(timeline, results.obligations);
        writer->add_indicators(timeline, results.indicators);
        progress.cases("checked", results.case_index + 1, case_count);
      });
  progress.done();
  writer->finish();
  if (logger)
    logger->info("evaluated {} cases on {} threads and wrote the report in {} ms", case_count,
                 options.threads ? options.threads : duly::hardware_threads(),
                 milliseconds_since(started));
  if (summary) summary->finish();
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
  const auto as_of = resolve_as_of(options.as_of);
  if (!as_of) return 2;

  // Open the report's file first: a typo in --out should not cost a whole evaluation. It is
  // written by a thread of its own, beside the evaluation.
  BackgroundFile file;
  std::ostream* out = &std::cout;
  if (!options.out.empty()) {
    if (!file.open(options.out)) {
      std::cerr << "error: cannot write the report to `" << options.out << "`\n";
      return 2;
    }
    out = &file;
  }
  std::ofstream summary_file;
  std::ostream* summary_out = nullptr;
  if (!options.summary.empty() &&
      !(summary_out = open_output(options.summary, summary_file, "the summary")))
    return 2;
  auto data = load_and_read(options.policy, options.input, check_outcome, logger,
                            {*as_of, options.by});
  if (!data) return 2;

  const duly::StatusCounts counts =
      evaluate_and_write(options, data->policy, data->timeline, *as_of, data->read, *out,
                         summary_out, logger);
  if (summary_out && finish_output(*summary_out, "the summary") != 0) return 2;
  if (!*out) {
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
                  "Group by `month`, `week` or `financial_year` (of the due date; of the start "
                  "for an indicator) or any cases-file column; repeat or separate with commas")
      ->delimiter(',');
  app->add_option("--format", options->format,
                  "table: the summary, with the indicators (default); csv or json: one row per "
                  "obligation; html: one page with the summary, charts and the worst cases drawn")
      ->check(CLI::IsMember({"table", "csv", "json", "html"}));
  app->add_option("--out", options->out, "Write the report to this file instead of stdout");
  app->add_option("--summary", options->summary,
                  "Also write the summary's figures (per rule and group, and the totals) to this "
                  "file: JSON Lines when it ends in .json or .jsonl, else CSV");
  app->add_option("--fail-on", options->fail_on,
                  "Exit 1 when an obligation is late or missed (`late`), or missed (`missed`)")
      ->check(CLI::IsMember({"late", "missed"}));
  add_threads_option(*app, options->threads);
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
