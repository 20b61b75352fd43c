// `duly test FILE_OR_DIR... [--filter TEXT]`: run the unit tests of policies (docs/testing.md).
// Folders are searched recursively for `*.test` files, taken in sorted order so the output is
// the same on every machine. Everything else is the library's (duly/policy_test.hpp): this
// file finds the files, prints, and chooses the exit status: 0 every test passed, 1 one
// failed, 2 a malformed test file, a policy with errors, or no test to run.
#include "commands.hpp"
#include "reporting.hpp"

#include <duly/policy_test.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct TestOptions {
  std::vector<std::string> paths;
  std::string filter;
};

// The test files named by the arguments, as the user named them (a folder's files under the
// folder's name as written); false after printing why when an argument names nothing usable.
bool collect_test_files(const std::vector<std::string>& arguments,
                        std::vector<std::string>& files) {
  bool ok = true;
  for (const std::string& argument : arguments) {
    std::error_code error;
    if (fs::is_directory(argument, error)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(argument, error);
           !error && it != fs::recursive_directory_iterator(); it.increment(error))
        if (it->is_regular_file(error) && it->path().extension() == ".test")
          found.push_back(it->path().generic_string());
      if (error) {
        std::cerr << "error: cannot read the folder `" << argument << "`: " << error.message()
                  << "\n";
        ok = false;
        continue;
      }
      if (found.empty()) {
        std::cerr << "error: no .test file under `" << argument << "`\n";
        ok = false;
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(argument, error)) {
      files.push_back(argument);
    } else {
      std::cerr << "error: no such file or folder `" << argument << "`\n";
      ok = false;
    }
  }
  return ok;
}

int run_test(const TestOptions& test_options) {
  std::vector<std::string> files;
  if (!collect_test_files(test_options.paths, files)) return 2;

  std::vector<duly::PolicyTestSuite> suites;
  std::vector<duly::Diagnostic> errors;
  std::size_t tests = 0;
  for (const std::string& file : files) {
    duly::ParsedPolicyTests parsed = duly::read_policy_tests(file);
    errors.insert(errors.end(), parsed.diagnostics.begin(), parsed.diagnostics.end());
    tests += parsed.suite.tests.size();
    suites.push_back(std::move(parsed.suite));
  }
  // A malformed file stops the run before any policy is loaded: its tests cannot be trusted.
  if (duly::has_errors(errors)) {
    std::cerr << duly::render(errors, errors_in_full);
    return 2;
  }
  if (tests == 0) {
    std::cerr << "error: no test found (a test starts with `test \"NAME\"`)\n";
    return 2;
  }

  duly::PolicyTestOptions options;
  options.filter = test_options.filter;
  duly::PolicyTestRun run = duly::run_policy_tests(suites, options);
  if (duly::has_errors(run.diagnostics)) {
    std::cerr << duly::render(run.diagnostics, errors_in_full);
    return 2;
  }
  if (run.results.empty()) {
    std::cerr << "error: no test name contains \"" << test_options.filter << "\" ("
              << run.filtered_out << (run.filtered_out == 1 ? " test" : " tests")
              << " filtered out)\n";
    return 2;
  }
  for (const auto& result : run.results) std::cout << duly::render(result);
  if (run.filtered_out > 0)
    std::cout << run.filtered_out << (run.filtered_out == 1 ? " test" : " tests")
              << " filtered out by --filter \"" << test_options.filter << "\"\n";
  std::cout << duly::summary_line(run) << "\n";
  return run.failed > 0 ? 1 : 0;
}

}  // namespace

Command add_test_command(CLI::App& program) {
  auto options = std::make_shared<TestOptions>();
  CLI::App* app = program.add_subcommand(
      "test", "Run policy tests: small timelines with the obligations they must create");
  app->add_option("path", options->paths, "Test files (*.test) or folders holding them")
      ->required();
  app->add_option("--filter", options->filter, "Run only the tests whose name contains TEXT");
  app->footer(
      "Exit status: 0 every test passed; 1 a test failed; 2 a malformed test file, a policy "
      "with errors, or no test to run.\n\n"
      "Examples:\n"
      "  duly test policies/tests\n"
      "  duly test policies/tests/camden.test --filter T14");
  return {app, [options](const duly::Logger&) { return run_test(*options); }};
}
