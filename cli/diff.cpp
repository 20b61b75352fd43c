// `duly diff OLD NEW EVENTS…`: the same case timelines under two policies, to see what a change
// of policy would change (a deadline shortened, a rule added) before it is made. The data is read
// once into a CollectedTimeline, so every bad row and warning is said once, then replayed into a
// TimelineBuilder per policy; each is evaluated as `duly check` evaluates it, and the library
// pairs and compares the two sets of obligations (duly/policy_diff.hpp). Streams and exit
// statuses are check's: the report on stdout (or --out), everything about the run on stderr.
#include "commands.hpp"
#include "inputs.hpp"
#include "progress.hpp"
#include "reporting.hpp"

#include <duly/collected_timeline.hpp>
#include <duly/data_checks.hpp>
#include <duly/evaluate.hpp>
#include <duly/load.hpp>
#include <duly/policy_diff.hpp>
#include <duly/report.hpp>
#include <duly/sources.hpp>
#include <duly/timeline.hpp>

#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace {

struct DiffOptions {
  std::string old_policy, new_policy;
  InputOptions input;
  ReportOptions report;
};

const ReadingOutcome diff_outcome{"diff", "compared", "compares"};

// Usage mistakes CLI11 cannot see: an exit status of 2 after saying why, or nothing.
std::optional<int> check_usage(const DiffOptions& options) {
  if (auto status = check_input_usage(options.input, diff_outcome)) return status;
  if (auto status = check_by_usage(options.report.by)) return status;
  if (!options.report.by.empty() && options.report.format != "table") {
    std::cerr << "error: --by groups the table; the " << options.report.format
              << " report has one row per change, with fixed columns\n";
    return 2;
  }
  return std::nullopt;
}

// Both policies, each with its diagnostics printed (the same file named twice is loaded once);
// nothing when either has errors.
std::optional<std::pair<std::shared_ptr<const duly::Policy>, std::shared_ptr<const duly::Policy>>>
load_policies(const DiffOptions& options, const duly::Logger& logger) {
  auto load = [&](const std::string& file) { return load_policy_to_evaluate(file, logger); };
  const auto old_policy = load(options.old_policy);
  const auto new_policy =
      options.new_policy == options.old_policy ? old_policy : load(options.new_policy);
  if (!old_policy || !new_policy) return std::nullopt;
  return std::pair{old_policy, new_policy};
}

// One policy's timeline, replayed from what was read, and what it made of the data.
struct PolicyTimeline {
  duly::ReadReport undeclared;  // the events of types the policy does not declare
  duly::Timeline timeline;
  std::size_t unknown_case_events = 0;
  duly::ReadReport checked;  // what the data leaves the policy unable to see

  PolicyTimeline(const duly::CollectedTimeline& read, std::shared_ptr<const duly::Policy> policy,
                 const duly::DataCheckOptions& context) {
    duly::TimelineBuilder builder(std::move(policy));
    read.replay(builder, undeclared);
    timeline = builder.finish();
    unknown_case_events = builder.events_of_unknown_cases();
    duly::DataCheckOptions checks = context;
    checks.undeclared_attributes = builder.undeclared_attributes();
    duly::check_data(timeline, checks, checked);
  }
};

// The findings and warnings of both sides into what was read, each once: most are about the
// data and the same under both policies; one only a side has names its policy's file.
void add_checks(const PolicyTimeline& old_side, const PolicyTimeline& new_side,
                duly::ReadReport& read) {
  const bool one_policy = old_side.timeline.policy() == new_side.timeline.policy();
  auto has = [](const duly::ReadReport& report, const std::string& message) {
    for (const auto& f : report.findings)
      if (f.message == message) return true;
    return false;
  };
  for (const PolicyTimeline* side : {&old_side, &new_side}) {
    const PolicyTimeline& other = side == &old_side ? new_side : old_side;
    for (const auto& finding : side->checked.findings) {
      if (has(read, finding.message) || has(read, side->timeline.policy()->file() + ": " + finding.message))
        continue;
      duly::DataFinding f = finding;
      if (!one_policy && !has(other.checked, finding.message))
        f.message = side->timeline.policy()->file() + ": " + f.message;
      read.findings.push_back(std::move(f));
    }
  }
  // An implausible event is said when both policies find it so (which events may be booked
  // ahead depends on the rules).
  std::set<std::tuple<std::string, int, std::string>> old_warnings;
  for (const auto& w : old_side.checked.warnings)
    old_warnings.insert({w.diagnostic.position.file, w.diagnostic.position.line, w.diagnostic.message});
  for (const auto& w : new_side.checked.warnings)
    if (old_warnings.count({w.diagnostic.position.file, w.diagnostic.position.line, w.diagnostic.message})) {
      read.warnings.push_back(w);
      ++read.warning_counts[w.kind];
    }
}

// What each policy made of the data, said once when the two agree, else for each by its file.
// How many warnings it gave, for --strict; nothing after an unknown --by key.
std::optional<std::size_t> warn_about_policies(const DiffOptions& options,
                                               const PolicyTimeline& old_side,
                                               const PolicyTimeline& new_side) {
  std::size_t warnings = 0;
  const duly::Policy& old_policy = *old_side.timeline.policy();
  const duly::Policy& new_policy = *new_side.timeline.policy();
  if (old_side.undeclared.undeclared_types == new_side.undeclared.undeclared_types) {
    if (old_side.undeclared.undeclared_events > 0) {
      std::vector<std::string> declared = declared_types(old_policy);
      for (auto& type : declared_types(new_policy))
        if (std::find(declared.begin(), declared.end(), type) == declared.end())
          declared.push_back(std::move(type));
      warn_about_undeclared_types(old_side.undeclared, "neither policy declares", declared);
      ++warnings;
    }
  } else {
    for (const PolicyTimeline* side : {&old_side, &new_side})
      if (side->undeclared.undeclared_events > 0) {
        warn_about_undeclared_types(side->undeclared,
                                    side->timeline.policy()->file() + " does not declare",
                                    declared_types(*side->timeline.policy()));
        ++warnings;
      }
  }
  if (old_side.unknown_case_events == new_side.unknown_case_events) {
    warnings += warn_about_unknown_cases(old_side.unknown_case_events);
  } else {
    warnings += warn_about_unknown_cases(old_side.unknown_case_events, old_policy.file());
    warnings += warn_about_unknown_cases(new_side.unknown_case_events, new_policy.file());
  }
  // The cases-file columns are the data's, the same in both timelines.
  const auto by = check_by_keys(options.report.by, new_side.timeline);
  if (!by) return std::nullopt;
  return warnings + *by;
}

// Evaluates every case under both policies and writes the report as the cases come.
void compare_and_write(const DiffOptions& options, const PolicyTimeline& old_side,
                       const PolicyTimeline& new_side, duly::Date as_of,
                       const duly::ReadReport& read, std::ostream& out) {
  const auto& old_policy = old_side.timeline.policy();
  const auto& new_policy = new_side.timeline.policy();
  const duly::ReportFormat format = report_format(options.report.format);
  const duly::RunDescription old_run = duly::describe_run(*old_policy, as_of, read.inputs);
  const duly::RunDescription new_run = duly::describe_run(*new_policy, as_of, read.inputs);
  // As check: the table states the run itself, CSV and JSON keep their columns clean.
  if (format != duly::ReportFormat::table || !options.report.out.empty())
    std::cerr << duly::render_run_description(old_run, new_run);

  duly::DiffSettings settings;
  settings.by = options.report.by;
  duly::PolicyDiff diff(*old_policy, *new_policy, settings);
  auto writer = duly::make_policy_diff_writer(format, diff, old_run, new_run, out);
  duly::Evaluator old_evaluator(old_policy, as_of), new_evaluator(new_policy, as_of);
  Progress progress;
  duly::diff_timelines(
      old_side.timeline, old_evaluator, new_side.timeline, new_evaluator, diff, *writer,
      [&](std::size_t done, std::size_t total) { progress.cases("compared", done, total); });
  progress.done();
  writer->finish();
  // The table says it itself; an empty CSV or JSON report should not leave anyone guessing.
  if (format != duly::ReportFormat::table && diff.changed() == 0)
    std::cerr << "note: " << duly::no_differences_text(diff) << "\n";
}

int run_diff(const DiffOptions& options, const duly::Logger& logger) {
  if (auto status = check_usage(options)) return *status;
  const auto as_of = resolve_as_of(options.report.as_of);
  if (!as_of) return 2;
  std::ofstream file;
  std::ostream* out = open_output(options.report.out, file, "the report");
  if (!out) return 2;
  const auto policies = load_policies(options, logger);
  if (!policies) return 2;

  duly::CollectedTimeline collected;
  duly::ReadReport read;
  {
    Progress progress;
    read_inputs(options.input, logger, collected, read, &progress);
  }
  duly::DataCheckOptions checks;
  checks.as_of = future_only(*as_of);
  checks.by = options.report.by;
  checks.cases_read = !options.input.cases.empty() || !options.input.sources.empty();
  const PolicyTimeline old_side(collected, policies->first, checks);
  const PolicyTimeline new_side(collected, policies->second, checks);
  add_checks(old_side, new_side, read);
  if (auto status = report_reading(options.input, read, diff_outcome)) return *status;
  const auto warnings = warn_about_policies(options, old_side, new_side);
  if (!warnings) return 2;
  if (auto status = refuse_warnings(options.input, data_warnings(read) + *warnings, diff_outcome))
    return *status;

  compare_and_write(options, old_side, new_side, *as_of, read, *out);
  return finish_output(*out, "the report");
}

}  // namespace

Command add_diff_command(CLI::App& program) {
  auto options = std::make_shared<DiffOptions>();
  CLI::App* app = program.add_subcommand(
      "diff", "Evaluate the same case timelines under two policies and report what changes");
  app->add_option("old", options->old_policy, "The policy compared from")->required();
  app->add_option("new", options->new_policy, "The policy compared to")->required();
  add_input_options(*app, options->input);
  add_report_options(*app, options->report, "comparison",
                     "Group the table's rules by `month` (of the due date) or any cases-file "
                     "column; repeat or separate with commas",
                     "table: per rule, compliance under each policy and the change, then the "
                     "changed cases (default); csv or json: one row per changed obligation");
  app->footer(
      "Obligations are paired by (case_id, rule, trigger_event, trigger_date); a pair whose due "
      "date or status differs, or an obligation under one policy only, is a change.\n\n"
      "Exit status: 0 done, whatever changed; 2 bad input or usage.\n\n"
      "Examples:\n"
      "  duly diff policies/camden.policy policies/north_somerset.policy \\\n"
      "      examples/data/camden/events.csv --cases examples/data/camden/cases.csv \\\n"
      "      --as-of 2024-06-30\n"
      "  duly diff old.policy new.policy events.csv --cases cases.csv --by team\n"
      "  duly diff old.policy new.policy events.csv --format csv --out changes.csv");
  return {app, [options](const duly::Logger& logger) { return run_diff(*options, logger); }};
}
