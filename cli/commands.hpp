// The commands of the `duly` program, one file each under cli/; main.cpp only builds the
// command line from them and runs the one that was chosen. Each returns the process's exit
// status: 0 done, 1 a finding the user asked to fail on, 2 bad input or usage.
#pragma once

#include <duly/logging.hpp>

#include <CLI/CLI.hpp>

#include <functional>

// A command added to the program: its part of the command line, and what runs it once the
// command line has been parsed. main.cpp hands `run` the logger the command passes to the
// library: a "duly" logger on stderr (never spdlog's default) at the level of `--log-level`.
struct Command {
  CLI::App* app = nullptr;
  std::function<int(const duly::Logger& logger)> run;
};

// `duly check POLICY EVENTS… [options]` (cli/check.cpp): evaluate and report.
Command add_check_command(CLI::App& program);
// `duly due POLICY [EVENTS…]` (cli/due.cpp): the reminder list.
Command add_due_command(CLI::App& program);
// `duly diff OLD NEW EVENTS… [options]` (cli/diff.cpp): the same timelines under two policies.
Command add_diff_command(CLI::App& program);
// `duly events [--source KIND PATH | EVENTS…] --out F` (cli/events.cpp): what was read, as CSV.
Command add_events_command(CLI::App& program);
// `duly explain POLICY [EVENTS…] --case ID` (cli/explain.cpp): why each obligation of a case.
Command add_explain_command(CLI::App& program);
// `duly lint POLICY…` (cli/lint.cpp): load and check policies without data.
Command add_lint_command(CLI::App& program);
// `duly fmt [--check] FILE…` (cli/fmt.cpp): rewrite policy files in the canonical layout.
Command add_fmt_command(CLI::App& program);
// `duly test FILE_OR_DIR… [--filter TEXT]` (cli/test.cpp): run policy tests.
Command add_test_command(CLI::App& program);
