// What every command that reads case timelines shares (check, events, and the reports built on
// them): the options naming the data (events files, --cases, --source KIND PATH, --dates,
// --reference-date, --skip-invalid, --rejects), reading it all into one sink, and saying what
// reading found (bad rows, rejected rows, warnings, notes) the same way in every command.
#pragma once

#include <duly/date.hpp>
#include <duly/logging.hpp>
#include <duly/policy.hpp>
#include <duly/sources.hpp>
#include <duly/timeline.hpp>

#include <CLI/CLI.hpp>

class Progress;

#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
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

// --as-of: the date, or today (the local date) when empty; nothing after saying why when it is
// not a date.
std::optional<duly::Date> resolve_as_of(const std::string& as_of);

// Adds the options above to a command; the events files are its positional arguments after
// any it has added itself.
void add_input_options(CLI::App& app, InputOptions& options);

// Usage mistakes CLI11 cannot see (no data named, a file named twice, an unknown source kind,
// --rejects without --skip-invalid): an exit status of 2 after saying why, or nothing.
std::optional<int> check_input_usage(const InputOptions& options, const ReadingOutcome& outcome);

// Reads the cases file, then each --source in the order given, then each events file, into
// `sink`, recording what was read in `report`.
// `progress`, if given, shows how far each file has been read.
void read_inputs(const InputOptions& options, const duly::Logger& logger, duly::TimelineSink& sink,
                 duly::ReadReport& report, Progress* progress = nullptr);

// Says on stderr what reading found and writes --rejects; an exit status when the command
// cannot go on (bad rows without --skip-invalid, a whole file unread), nothing when it can.
std::optional<int> report_reading(const InputOptions& options, const duly::ReadReport& report,
                                  const ReadingOutcome& outcome);

// --out FILE opened (or stdout when empty); null after saying why when it cannot be written.
// `what` names it in the message: "the report".
std::ostream* open_output(const std::string& path, std::ofstream& file, const char* what);

// Flushes the output and says whether all of it was written: 0, or 2 after saying so.
int finish_output(std::ostream& out, const char* what);

// What a command that evaluates needs: the policy, and the timelines read for it.
struct PolicyAndTimeline {
  std::shared_ptr<const duly::Policy> policy;
  duly::ReadReport read;
  duly::Timeline timeline;
};

// Loads the policy (printing its diagnostics) and reads the data for it, saying what reading
// found as `duly check` says it (bad rows, warnings, events of undeclared types with the type
// each is close to, events of cases missing from the cases file); nothing when the command
// cannot go on (exit status 2).
std::optional<PolicyAndTimeline> load_and_read(const std::string& policy,
                                               const InputOptions& options,
                                               const ReadingOutcome& outcome,
                                               const duly::Logger& logger);
