// What the commands that evaluate timelines and write a report share (check, diff, and through
// inputs.hpp explain and due): the report's options (--as-of, --by, --format, --out), and the
// warnings about what a policy made of the data (events of types it does not declare, events of
// cases the cases file lacks, --by columns no case has), worded the same in every command.
#pragma once

#include <duly/date.hpp>
#include <duly/policy.hpp>
#include <duly/report.hpp>
#include <duly/sources.hpp>
#include <duly/timeline.hpp>

#include <CLI/CLI.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

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

// Columns (event attributes) the policy does not declare, each named with how many values were
// ignored and the declared attribute it is close to: a misspelt column otherwise loses every
// value without a word.
void warn_about_undeclared_attributes(
    const std::map<std::string, std::size_t, std::less<>>& undeclared, const duly::Policy& policy);

// Events of cases missing from the cases file, evaluated with no date of birth and no
// attributes; `under`, when not empty, names the policy the count is of.
void warn_about_unknown_cases(std::size_t events, std::string_view under = {});

// --by columns (periods aside) that no case of the timeline has a value in, with the cases-file
// column each is close to.
void warn_about_by_keys(const std::vector<std::string>& by, const duly::Timeline& timeline);
