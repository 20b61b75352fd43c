// `duly due POLICY [EVENTS…] [--as-of D] [--within 14d] [--overdue-within 60d] [--by K]…
// [--format table|csv|json] [--out F]`: the reminder list, what falls due soon and what is
// overdue, from the same evaluation `duly check` does.
#include "commands.hpp"
#include "inputs.hpp"
#include "progress.hpp"
#include "reporting.hpp"

#include <duly/parallel.hpp>
#include <duly/reminders.hpp>
#include <duly/report.hpp>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <optional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace {

struct DueOptions {
  std::string policy;
  InputOptions input;
  std::string as_of;
  std::string within = "14d";
  std::string overdue_within = "60d";
  std::vector<std::string> by;
  std::string format = "table";
  std::string out;
  unsigned threads = 0;  // --threads: 0 for every hardware thread
};

const ReadingOutcome due_outcome{"reminder list", "listed", "lists"};

// "14d", "2w" or "14": a number of days; nothing after saying why.
std::optional<int> days_of(const std::string& option, const std::string& text) {
  int n = 0;
  const char* end = text.data() + text.size();
  auto [rest, error] = std::from_chars(text.data(), end, n);
  const std::string_view unit(rest, static_cast<std::size_t>(end - rest));
  if (error == std::errc() && n >= 0 && (unit.empty() || unit == "d" || unit == "w"))
    return unit == "w" ? 7 * n : n;
  std::cerr << "error: " << option << " \"" << text
            << "\" is not a number of days (such as 14d, or 2w for weeks)\n";
  return std::nullopt;
}

int run_due(const DueOptions& options, const duly::Logger& logger) {
  if (auto status = check_input_usage(options.input, due_outcome)) return *status;
  const auto as_of = resolve_as_of(options.as_of);
  const auto within = days_of("--within", options.within);
  const auto overdue = days_of("--overdue-within", options.overdue_within);
  if (!as_of || !within || !overdue) return 2;
  for (const auto& key : options.by)
    if (duly::is_period_key(key) || duly::is_reserved_by_key(key)) {
      std::cerr << "error: --by " << key << ": a reminder list groups by a cases-file column\n";
      return 2;
    }
  std::ofstream file;
  std::ostream* out = open_output(options.out, file, "the reminder list");
  if (!out) return 2;
  auto data =
      load_and_read(options.policy, options.input, due_outcome, logger, {*as_of, options.by});
  if (!data) return 2;
  const duly::Timeline& timeline = data->timeline;

  // By worker when the cases file has one, unless the keys are given.
  std::vector<std::string> group_by = options.by;
  const auto& columns = timeline.case_columns();
  if (group_by.empty() && std::find(columns.begin(), columns.end(), "worker") != columns.end())
    group_by = {"worker"};
  duly::ReminderList list({*as_of, *within, *overdue}, group_by);
  Progress progress;
  const std::size_t case_count = timeline.cases().size();
  duly::EvaluationOptions evaluation;
  evaluation.threads = options.threads;
  duly::evaluate_cases(data->policy, timeline, *as_of, evaluation, {},
                       [&](const duly::CaseResults& results) {
                         list.add_case(timeline, results.obligations);
                         progress.cases("listed", results.case_index + 1, case_count);
                       });
  progress.done();
  const duly::RunDescription run = duly::describe_run(*data->policy, *as_of, data->read.inputs);
  if (options.format == "table") {
    *out << duly::render_reminder_table(list, *data->policy, timeline, run);
  } else if (options.format == "html") {
    duly::write_reminder_page(list, *data->policy, timeline, run, *out);
  } else {
    std::cerr << duly::render_run_description(run);
    duly::ReportSettings settings;
    settings.format =
        options.format == "csv" ? duly::ReportFormat::csv : duly::ReportFormat::json_lines;
    settings.by = options.by;
    duly::write_reminder_rows(list, timeline, *data->policy, settings, *out);
  }
  return finish_output(*out, "the reminder list");
}

}  // namespace

Command add_due_command(CLI::App& program) {
  auto options = std::make_shared<DueOptions>();
  CLI::App* app = program.add_subcommand(
      "due", "The reminder list: obligations falling due soon and those overdue, by case");
  app->add_option("policy", options->policy, "The policy file")->required();
  add_input_options(*app, options->input);
  app->add_option("--as-of", options->as_of, "The day of the list, YYYY-MM-DD (default: today)");
  app->add_option("--within", options->within,
                  "List what is due from the as-of date to this many days after it (default 14d; "
                  "2w for weeks)");
  app->add_option("--overdue-within", options->overdue_within,
                  "List what is overdue with a due date this many days before the as-of date at "
                  "most (default 60d); older overdue ones are counted, not listed");
  app->add_option("--by", options->by,
                  "Group by a cases-file column (default: worker, when the cases file has it); "
                  "repeat or separate with commas")
      ->delimiter(',');
  app->add_option("--format", options->format,
                  "table (default), or csv and json: the obligations columns, then days_left, "
                  "then the --by columns; html: one page with a sortable table")
      ->check(CLI::IsMember({"table", "csv", "json", "html"}));
  app->add_option("--out", options->out, "Write the list to this file instead of stdout");
  add_threads_option(*app, options->threads);
  app->footer(
      "Exit status: 0 done; 2 bad input or usage.\n\n"
      "Examples:\n"
      "  duly due policies/camden.policy examples/data/camden/events.csv \\\n"
      "      --cases examples/data/camden/cases.csv --as-of 2024-06-30 --within 14d\n"
      "  duly due p.policy events.csv --cases cases.csv --by team --format csv --out due.csv");
  return {app, [options](const duly::Logger& logger) { return run_due(*options, logger); }};
}
