// The `duly` program: a thin client of the library. It builds the command line from the
// commands (one file each in cli/), parses it, and runs the command chosen. A usage mistake
// prints the error and the usage, and exits 2, like bad input.
#include "commands.hpp"

#include <duly/diagnostic.hpp>

#include <duly/version.hpp>

#include <spdlog/logger.h>

#include <exception>
#include <iostream>
#include <string>
#include <vector>

namespace {

// A usage mistake: the error, the usage line of the command it concerns, and where to look.
std::string usage_error(const CLI::App* program, const CLI::Error& error) {
  const auto chosen = program->get_subcommands();
  const CLI::App* app = chosen.empty() ? program : chosen.front();
  std::string usage = app->help();
  const auto start = usage.find("Usage:");
  usage = start == std::string::npos ? "" : usage.substr(start, usage.find('\n', start) - start);
  const std::string name = chosen.empty() ? "duly" : "duly " + app->get_name();
  if (!chosen.empty() && usage.rfind("Usage: " + app->get_name(), 0) == 0)
    usage = "Usage: duly" + usage.substr(6);  // a command's help leaves out the program
  return "error: " + std::string(error.what()) + "\n" + usage + "\nRun `" + name +
         " --help` for the options and examples.\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  CLI::App program{
      "duly checks children's social care case timelines against statutory-timescale "
      "policies.",
      "duly"};
  program.set_version_flag("--version", std::string("duly ") + duly::version(),
                           "Print the version and exit");
  program.require_subcommand(1);
  std::string log_level = "warn";
  program
      .add_option("--log-level", log_level,
                  "What the library logs to stderr: off, error, warn (default), info, debug")
      ->check(CLI::IsMember({"off", "error", "warn", "info", "debug", "trace"}));
  program.failure_message(usage_error);
  program.footer(
      "Examples:\n"
      "  duly check policies/examples/cp_timescales.policy examples/data/events.csv \\\n"
      "      --cases examples/data/cases.csv --as-of 2024-06-30\n"
      "  duly diff policies/camden.policy policies/north_somerset.policy \\\n"
      "      examples/data/camden/events.csv --cases examples/data/camden/cases.csv \\\n"
      "      --as-of 2024-06-30\n"
      "  duly lint policies/examples/cp_timescales.policy\n"
      "  duly fmt --check policies/*.policy\n"
      "  duly COMMAND --help");
  const std::vector<Command> commands = {
      add_check_command(program), add_explain_command(program), add_due_command(program),
      add_diff_command(program),  add_events_command(program),  add_lint_command(program),
      add_fmt_command(program),   add_test_command(program)};
  // CLI11 would call an unknown command a missing one; name it.
  if (argc > 1 && argv[1][0] != '-') {
    bool known = false;
    std::vector<std::string> names;
    for (const auto& command : commands) {
      known = known || command.app->check_name(argv[1]);
      names.push_back(command.app->get_name());
    }
    if (!known) {
      // The list comes from the commands themselves, so it cannot fall behind them.
      std::string list;
      for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
      const std::string close = duly::closest_name(argv[1], names);
      std::cerr << "error: unknown command `" << argv[1] << "`"
                << (close.empty() ? "" : "; did you mean `" + close + "`?") << " (commands: "
                << list << ")\n"
                << "Run `duly --help` for the options and examples.\n";
      return 2;
    }
  }
  try {
    program.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // --help and --version end parsing with status 0; every real mistake is a usage error.
    const int status = program.exit(error);
    return status == 0 ? 0 : 2;
  }
  // The program, unlike the library, owns a logger: made once here, handed to the command.
  const duly::Logger logger = duly::make_stderr_logger(spdlog::level::from_str(log_level));
  // Whatever escapes a command (a file system failure, memory) ends the run with a message and
  // status 2, never with an abort and a core dump.
  try {
    for (const auto& command : commands)
      if (command.app->parsed()) return command.run(logger);
  } catch (const std::exception& error) {
    std::cerr << "error: " << error.what() << "\n";
  }
  return 2;
}
