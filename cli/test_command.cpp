// The command line of `duly test`; running the tests is cli/test.cpp's (run_test_command).
#include "commands.hpp"

#include <memory>
#include <string>
#include <vector>

namespace {

struct TestOptions {
  std::vector<std::string> paths;
  std::string filter;
};

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
  return {app, [options] { return run_test_command(options->paths, options->filter); }};
}
