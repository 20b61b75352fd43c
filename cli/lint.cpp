// `duly lint POLICY…`: load and check each policy without data, and print every error and
// warning, the way a compiler does (`file:line:column: error: …`, the line, a caret). Each file
// is linted as the top-level file, so its unused names are reported even when another policy
// includes it.
#include "commands.hpp"
#include "reporting.hpp"

#include <duly/load.hpp>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace {

struct LintOptions {
  std::vector<std::string> policies;
  bool all = false;  // --all: every error, not the first errors_in_full
};

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

int run_lint(const LintOptions& options, const duly::Logger& logger) {
  int status = 0;
  for (const auto& file : options.policies) {
    duly::LoadOptions load;
    load.logger = logger;
    load.warn_unused_in = file;
    const auto result = duly::load_policy(file, load);
    std::cerr << (options.all ? duly::render(result.diagnostics) : duly::render(result.diagnostics, errors_in_full));
    std::size_t errors = 0, warnings = 0;
    for (const auto& d : result.diagnostics)
      ++(d.severity == duly::Severity::error ? errors : warnings);
    if (!result.policy) {
      std::cerr << file << ": " << plural(errors, "error");
      if (warnings > 0) std::cerr << ", " << plural(warnings, "warning");
      std::cerr << "\n";
      status = 2;
      continue;
    }
    std::cout << file << ": ok (" << plural(result.policy->rules().size(), "rule");
    if (const auto indicators = result.policy->indicators().size(); indicators > 0)
      std::cout << ", " << plural(indicators, "indicator");
    if (warnings > 0) std::cout << ", " << plural(warnings, "warning");
    std::cout << ")\n";
  }
  return status;
}

}  // namespace

Command add_lint_command(CLI::App& program) {
  auto options = std::make_shared<LintOptions>();
  CLI::App* app = program.add_subcommand("lint",
                                         "Load and check policies without data: every error and "
                                         "warning, with its line and a caret");
  app->add_option("policy", options->policies, "Policy files")->required();
  app->add_flag("--all", options->all,
                "Show every error (by default the first 20 in full, then how many more)");
  app->footer(
      "Exit status: 0 no errors (warnings allowed); 2 a policy has errors.\n\n"
      "Examples:\n"
      "  duly lint policies/examples/cp_timescales.policy\n"
      "  duly lint policies/*.policy");
  return {app, [options](const duly::Logger& logger) { return run_lint(*options, logger); }};
}
