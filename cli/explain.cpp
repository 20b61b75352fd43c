// `duly explain POLICY [EVENTS…] [--source KIND PATH]… --case ID [--as-of D] [--format text|json]`:
// one case's obligations, each with why it has its status. Reads timelines exactly as `duly
// check` does and explains the obligations of the same evaluation.
#include "commands.hpp"
#include "inputs.hpp"

#include <duly/date.hpp>
#include <duly/diagnostic.hpp>
#include <duly/evaluate.hpp>
#include <duly/explain.hpp>
#include <duly/load.hpp>
#include <duly/timeline.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace {

struct ExplainOptions {
  std::string policy;
  InputOptions input;
  std::string case_id;
  std::string as_of;
  std::string format = "text";
  std::string out;
};

const ReadingOutcome explain_outcome{"explanation", "explained", "explains"};

// The case's index, or nothing after saying which ids are close.
std::optional<std::uint32_t> find_case(const duly::Timeline& timeline, const std::string& id) {
  const auto& cases = timeline.cases();  // sorted by id
  auto at = std::lower_bound(cases.begin(), cases.end(), id,
                             [](const duly::Case& c, const std::string& x) { return c.id < x; });
  if (at != cases.end() && at->id == id) return static_cast<std::uint32_t>(at - cases.begin());
  std::vector<std::string> ids;
  ids.reserve(cases.size());
  for (const auto& c : cases) ids.emplace_back(c.id);
  const auto close = duly::closest_names(id, ids, 3);
  std::cerr << "error: no case `" << id << "` in the data (" << cases.size()
            << (cases.size() == 1 ? " case" : " cases") << ")";
  for (std::size_t i = 0; i < close.size(); ++i)
    std::cerr << (i == 0 ? "; did you mean `" : i + 1 == close.size() ? "` or `" : "`, `")
              << close[i];
  std::cerr << (close.empty() ? "\n" : "`?\n");
  return std::nullopt;
}

int run_explain(const ExplainOptions& options, const duly::Logger& logger) {
  if (auto status = check_input_usage(options.input, explain_outcome)) return *status;
  const auto as_of = resolve_as_of(options.as_of);
  if (!as_of) return 2;
  std::ofstream file;
  std::ostream* stream = open_output(options.out, file, "the explanation");
  if (!stream) return 2;
  std::ostream& out = *stream;
  auto data = load_and_read(options.policy, options.input, explain_outcome, logger, {*as_of, {}});
  if (!data) return 2;
  const duly::Timeline& timeline = data->timeline;
  const auto index = find_case(timeline, options.case_id);
  if (!index) return 2;

  duly::Evaluator evaluator(data->policy, *as_of);
  std::vector<duly::Obligation> obligations;
  std::vector<duly::PeriodInstance> periods;
  evaluator.evaluate_case(timeline, *index, obligations);
  evaluator.evaluate_periods(timeline, *index, periods);
  const auto explanation =
      duly::explain_case(*data->policy, timeline, *index, *as_of, obligations, periods);
  out << (options.format == "json" ? duly::render_explanation_json(explanation)
                                   : duly::render_explanation_text(explanation));
  return finish_output(out, "the explanation");
}

}  // namespace

Command add_explain_command(CLI::App& program) {
  auto options = std::make_shared<ExplainOptions>();
  CLI::App* app = program.add_subcommand(
      "explain", "One case's obligations, each with why it has its status: the rule, the events "
                 "and where they came from, the due-date arithmetic");
  app->add_option("policy", options->policy, "The policy file")->required();
  add_input_options(*app, options->input);
  app->add_option("--case", options->case_id, "The case to explain (its case_id)")->required();
  app->add_option("--as-of", options->as_of,
                  "The day of the check, YYYY-MM-DD (default: today)");
  app->add_option("--format", options->format,
                  "text (default): for a person to read; json: one object, for a system")
      ->check(CLI::IsMember({"text", "json"}));
  app->add_option("--out", options->out, "Write the explanation to this file instead of stdout");
  app->footer(
      "Exit status: 0 done; 2 bad input, an unknown case or usage.\n\n"
      "Examples:\n"
      "  duly explain policies/camden.policy examples/data/camden/events.csv \\\n"
      "      --cases examples/data/camden/cases.csv --as-of 2024-06-30 --case CAM-0007\n"
      "  duly explain policies/returns.policy --source ssda903 ssda903/ --case 566910 --format json");
  return {app, [options](const duly::Logger& logger) { return run_explain(*options, logger); }};
}
