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

#include <chrono>
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
  std::string ssd_schema;         // --ssd-schema (empty: the SSD's own, ssd_development)
  std::string ssd_health_checks;  // --ssd-health-checks FILE
  std::string reference_date;
  bool skip_invalid = false;
  std::string rejects;
  std::string warnings;  // --warnings FILE: every warning about the data, as CSV
  bool strict = false;   // --strict: any warning about the data stops the command (exit 2)
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

// The as-of date when it is today or later, else nothing: only then can an event after it not
// have happened yet. A check of an earlier day on a newer export sees later events, rightly.
std::optional<duly::Date> future_only(std::optional<duly::Date> as_of);

// For the timings the commands log (--log-level info).
long long milliseconds_since(std::chrono::steady_clock::time_point start);

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

// Says on stderr what reading found (notes, findings, warnings, bad rows) and writes --rejects
// and --warnings; an exit status when the command cannot go on (bad rows without
// --skip-invalid, a whole file unread), nothing when it can.
std::optional<int> report_reading(const InputOptions& options, const duly::ReadReport& report,
                                  const ReadingOutcome& outcome);

// The warnings about the data a report_reading printed (findings and warnings): with the ones a
// command gives after it, what --strict counts.
std::size_t data_warnings(const duly::ReadReport& report);

// --strict: when the data drew any warning, an exit status of 2 after saying so (the warnings
// were printed above it); nothing otherwise.
std::optional<int> refuse_warnings(const InputOptions& options, std::size_t warnings,
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

// What the data is checked against besides the policy: the as-of date (when it is today or
// later, events after it that no rule waits for are warned about) and the report's --by keys (each must be a
// period or a cases column; an unknown one is an error).
struct DataContext {
  std::optional<duly::Date> as_of;
  std::vector<std::string> by;
};

// Loads the policy (printing its diagnostics) and reads the data for it, saying what reading
// found as `duly check` says it (bad rows, warnings, what the data leaves the policy unable to
// see (duly/data_checks.hpp), events of undeclared types with the type each is close to,
// events of cases missing from the cases file, --by keys); nothing when the command cannot go
// on (exit status 2), --strict with any warning among them.
std::optional<PolicyAndTimeline> load_and_read(const std::string& policy,
                                               const InputOptions& options,
                                               const ReadingOutcome& outcome,
                                               const duly::Logger& logger,
                                               const DataContext& context);
