// What the commands that evaluate timelines and write a report share (check, diff, and through
// inputs.hpp explain and due): the report's options (--as-of, --by, --format, --out), and the
// warnings about what a policy made of the data (events of types it does not declare, events of
// cases the cases file lacks, --by columns no case has), worded the same in every command.
#pragma once

#include <duly/date.hpp>
#include <duly/logging.hpp>
#include <duly/policy.hpp>
#include <duly/report.hpp>
#include <duly/sources.hpp>
#include <duly/timeline.hpp>

#include <CLI/CLI.hpp>

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

// Policy errors are shown like bad rows: this many in full, then a count.
inline constexpr std::size_t errors_in_full = 20;

// Loads a policy to evaluate data with, printing its diagnostics (errors_in_full of them); null
// when it has errors, or has no rules and no indicators (a vocabulary file, an empty file: a
// check of it would pass with nothing checked).
std::shared_ptr<const duly::Policy> load_policy_to_evaluate(const std::string& file,
                                                            const duly::Logger& logger);

// The options of a report: the day it is of, its groups, its format and its file.
struct ReportOptions {
  std::string as_of;
  std::vector<std::string> by;
  std::string format = "table";
  std::string out;
};

// Adds --as-of, --by, --format (table, csv or json) and --out to a command, in the command's own
// words: what the day is of ("check"), what --by groups, what each format holds.
void add_report_options(CLI::App& app, ReportOptions& options, const std::string& day_of,
                        const std::string& by_help, const std::string& format_help);

// --threads N: how many threads evaluate cases (0, the default, is every hardware thread);
// the report is the same whatever the number.
void add_threads_option(CLI::App& app, unsigned& threads);

// --format's text: table, csv or json.
duly::ReportFormat report_format(const std::string& format);

// --by keys that are already report columns, or given twice: an exit status of 2 after saying
// why, or nothing.
std::optional<int> check_by_usage(const std::vector<std::string>& by);

// "warning: 4 events of types the policy does not declare ignored: `meeting` (1), `vist` (2; did
// you mean `visit`?)": `not_declared` is what follows "events of types" ("the policy does not
// declare"); the suggestions come from `declared`.
void warn_about_undeclared_types(const duly::ReadReport& read, std::string_view not_declared,
                                 const std::vector<std::string>& declared);
// The event types `policy` declares, for the suggestions above.
std::vector<std::string> declared_types(const duly::Policy& policy);

// Events of cases missing from the cases file, evaluated with no date of birth and no
// attributes; `under`, when not empty, names the policy the count is of.
// attributes; `under`, when not empty, names the policy the count is of. How many warnings it
// gave (0 or 1), for --strict.
std::size_t warn_about_unknown_cases(std::size_t events, std::string_view under = {});

// --by keys (periods aside) against the cases columns: one that is no column is an error (with
// the column it is close to) and nothing is returned; one that no case has a value in is a
// warning. How many warnings were given.
std::optional<std::size_t> check_by_keys(const std::vector<std::string>& by,
                                         const duly::Timeline& timeline);
