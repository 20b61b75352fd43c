// The options and warnings of the commands that evaluate and report (see reporting.hpp).
#include "reporting.hpp"

#include <duly/diagnostic.hpp>
#include <duly/load.hpp>
#include <duly/parallel.hpp>

#include <algorithm>
#include <iostream>
#include <set>


void add_threads_option(CLI::App& app, unsigned& threads) {
  app.add_option("--threads", threads,
                 "Evaluate cases on this many threads (default: every hardware thread, " +
                     std::to_string(duly::hardware_threads()) +
                     " here); the report is the same whatever the number")
      ->check(CLI::Range(1u, 1024u));
}

void add_report_options(CLI::App& app, ReportOptions& options, const std::string& day_of,
                        const std::string& by_help, const std::string& format_help) {
  app.add_option("--as-of", options.as_of,
                 "The day of the " + day_of +
                     ", YYYY-MM-DD (default: today); events after it have not happened yet");
  app.add_option("--by", options.by, by_help)->delimiter(',');
  app.add_option("--format", options.format, format_help)
      ->check(CLI::IsMember({"table", "csv", "json"}));
  app.add_option("--out", options.out, "Write the report to this file instead of stdout");
}

std::shared_ptr<const duly::Policy> load_policy_to_evaluate(const std::string& file,
                                                            const duly::Logger& logger) {
  duly::LoadOptions options;
  options.logger = logger;
  auto loaded = duly::load_policy(file, options);
  std::cerr << duly::render(loaded.diagnostics, errors_in_full);
  if (!loaded.policy) return nullptr;
  if (loaded.policy->rules().empty() && loaded.policy->indicators().empty()) {
    std::cerr << "error: policy `" << file << "` has no rules and no indicators: nothing to "
              << (loaded.policy->event_types().empty()
                      ? "check"
                      : "check (a file of declarations is included by a policy, not checked)")
              << "\n";
    return nullptr;
  }
  return loaded.policy;
}

duly::ReportFormat report_format(const std::string& format) {
  return format == "csv"    ? duly::ReportFormat::csv
         : format == "json" ? duly::ReportFormat::json_lines
         : format == "html" ? duly::ReportFormat::html
                            : duly::ReportFormat::table;
}

std::optional<int> check_by_usage(const std::vector<std::string>& by) {
  std::set<std::string> seen;
  for (const auto& key : by) {
    if (duly::is_reserved_by_key(key)) {
      std::cerr << "error: --by " << key << ": `" << key
                << "` is already a column of the obligations report\n";
      return 2;
    }
    if (!seen.insert(key).second) {
      std::cerr << "error: --by " << key << " is given twice\n";
      return 2;
    }
  }
  return std::nullopt;
}

std::vector<std::string> declared_types(const duly::Policy& policy) {
  std::vector<std::string> declared;
  for (const auto& type : policy.event_types()) declared.push_back(type.name);
  return declared;
}

// A misspelt type in an export is the usual cause, hence the suggestions.
void warn_about_undeclared_types(const duly::ReadReport& read, std::string_view not_declared,
                                 const std::vector<std::string>& declared) {
  std::cerr << "warning: " << read.undeclared_events
            << (read.undeclared_events == 1 ? " event of a type " : " events of types ")
            << not_declared << " ignored:";
  constexpr std::size_t types_shown = 10;
  std::size_t listed = 0;
  for (const auto& [type, count] : read.undeclared_types) {
    if (listed++ == types_shown) {
      std::cerr << " and " << read.undeclared_types.size() - types_shown << " more types";
      break;
    }
    const std::string close = duly::closest_name(type, declared);
    std::cerr << (listed == 1 ? " `" : ", `") << type << "` (" << count
              << (close.empty() ? "" : "; did you mean `" + close + "`?") << ")";
  }
  std::cerr << "\n";
}

std::size_t warn_about_unknown_cases(std::size_t events, std::string_view under) {
  if (events == 0) return 0;
  std::cerr << "warning: " << events << (events == 1 ? " event belongs" : " events belong")
            << " to cases missing from the cases file ("
            << (under.empty() ? "" : "under " + std::string(under) + "; ")
            << "evaluated with no date of birth and no attributes)\n";
  return 1;
}

std::optional<std::size_t> check_by_keys(const std::vector<std::string>& by,
                                         const duly::Timeline& timeline) {
  std::size_t warnings = 0;
  for (const auto& key : by) {
    if (duly::is_period_key(key)) continue;
    const auto& columns = timeline.case_columns();
    if (std::find(columns.begin(), columns.end(), key) == columns.end()) {
      // A report grouped by a column nobody has is one group of everything, under a heading
      // that says otherwise: refuse it.
      std::cerr << "error: --by " << key << ": the cases have no `" << key << "` column";
      const std::string close = duly::closest_name(key, columns);
      if (!close.empty()) std::cerr << "; did you mean `" << close << "`?";
      else if (columns.empty()) std::cerr << " (no cases file was read, or it has only case_id and date_of_birth)";
      std::cerr << " (`month`, `week` and `financial_year` are periods of the due date)\n";
      return std::nullopt;
    }
    bool found = false;
    for (const auto& c : timeline.cases())
      if ((found = timeline.case_column(c, key).has_value())) break;
    if (found) continue;
    std::cerr << "warning: --by " << key << ": no case has a value in the `" << key
              << "` column of the cases\n";
    ++warnings;
  }
  return warnings;
}
