// What every command that reads case timelines shares (check, events, and the reports built on
// them): the options naming the data (events files, --cases, --source KIND PATH, --dates,
// --reference-date, --skip-invalid, --rejects), reading it all into one sink, and saying what
// reading found (bad rows, rejected rows, warnings, notes) the same way in every command.
#pragma once

#include <duly/logging.hpp>
#include <duly/sources.hpp>

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

struct InputOptions {
  std::vector<std::string> events;
  std::string cases;
  std::vector<std::pair<std::string, std::string>> sources;  // --source KIND PATH
  std::string dates = "iso";
  std::string reference_date;
  bool skip_invalid = false;
  std::string rejects;
  std::string warnings;  // --warnings FILE: every warning about the data, as CSV
};

// How a command names what bad rows stop, in its messages: {"check", "evaluated", "evaluates"}.
struct ReadingOutcome {
  std::string command;  // "bad rows stop the check"
  std::string done;     // "nothing evaluated"
  std::string does;     // "--skip-invalid evaluates the good rows"
};

// Adds the options above to a command; the events files are its positional arguments after
// any it has added itself.
void add_input_options(CLI::App& app, InputOptions& options);

// Usage mistakes CLI11 cannot see (no data named, a file named twice, an unknown source kind,
// --rejects without --skip-invalid): an exit status of 2 after saying why, or nothing.
std::optional<int> check_input_usage(const InputOptions& options, const ReadingOutcome& outcome);

// Reads the cases file, then each --source in the order given, then each events file, into
// `sink`, recording what was read in `report`.
void read_inputs(const InputOptions& options, const duly::Logger& logger, duly::TimelineSink& sink,
                 duly::ReadReport& report);

// Says on stderr what reading found and writes --rejects; an exit status when the command
// cannot go on (bad rows without --skip-invalid, a whole file unread), nothing when it can.
std::optional<int> report_reading(const InputOptions& options, const duly::ReadReport& report,
                                  const ReadingOutcome& outcome);
