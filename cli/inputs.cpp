// Reading timelines for a command, and saying what reading found (see inputs.hpp).
#include "inputs.hpp"
#include "progress.hpp"
#include "reporting.hpp"

#include <duly/data_checks.hpp>
#include <duly/date.hpp>
#include <duly/load.hpp>
#include <duly/source_kinds.hpp>

#include <spdlog/logger.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

namespace {

constexpr std::size_t shown_in_full = 20;

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// A CSV cell, always quoted, quotes doubled.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

// Every bad row goes into the rejects file as CSV: `file,line,reason,row`, the row verbatim in
// one (quoted) cell, so that a spreadsheet opens it and the row can be fixed and read again.
bool write_rejects(const std::string& path, const duly::ReadReport& read) {
  std::ofstream out(path, std::ios::binary);
  if (!out) return false;
  out << "file,line,reason,row\n";
  for (const auto& row : read.rejected)
    out << quoted(row.file) << ',' << row.line << ',' << quoted(row.reason) << ','
        << quoted(row.text) << '\n';
  out.flush();
  return static_cast<bool>(out);
}

// Every warning about the data as CSV, `file,line,kind,message`: the terminal shows the first
// ones, a return with thousands of odd rows needs them all somewhere a spreadsheet opens.
bool write_warnings(const std::string& path, const duly::ReadReport& read) {
  std::ofstream out(path, std::ios::binary);
  if (!out) return false;
  out << "file,line,kind,message\n";
  for (const auto& w : read.warnings)
    out << quoted(w.diagnostic.position.file) << ',' << w.diagnostic.position.line << ','
        << quoted(w.kind) << ',' << quoted(w.diagnostic.message) << '\n';
  out.flush();
  return static_cast<bool>(out);
}

// The bad rows on stderr: the first ones in full, then how many more. When the good rows are
// evaluated and no --rejects file keeps the bad ones, every one is shown: a row left out of
// the check is never left out unseen.
void print_bad_rows(const duly::ReadReport& read, bool all) {
  const std::size_t shown = all ? read.errors.size() : std::min(read.errors.size(), shown_in_full);
  for (std::size_t i = 0; i < shown; ++i) std::cerr << duly::render(read.errors[i]);
  if (read.errors.size() > shown)
    std::cerr << "… and " << plural(read.errors.size() - shown, "more bad row", "more bad rows")
              << "\n";
}

// Data kept but odd: the first warnings in full, then the count of each kind, so that a return
// with thousands of odd rows still reads in a screen.
void print_warnings(const duly::ReadReport& read, const std::string& file) {
  const std::size_t shown = std::min(read.warnings.size(), shown_in_full);
  for (std::size_t i = 0; i < shown; ++i) std::cerr << duly::render(read.warnings[i].diagnostic);
  if (read.warnings.size() > shown)
    std::cerr << "… and " << plural(read.warnings.size() - shown, "more warning", "more warnings")
              << (file.empty() ? " (--warnings FILE lists them all)" : ", listed in " + file)
              << "\n";
  if (read.warnings.size() <= 1) return;
  std::cerr << "warning: the data is kept, with " << plural(read.warnings.size(), "oddity", "oddities")
            << ":";
  bool first = true;
  for (const auto& [kind, count] : read.warning_counts) {
    std::cerr << (first ? " " : "; ") << kind << ": " << count;
    first = false;
  }
  std::cerr << "\n";
}

// Whether two files hold the same bytes (sizes compared first, so files of different sizes,
// the usual case, are never read).
bool same_content(const std::string& a, const std::string& b) {
  std::error_code error;
  const auto size_a = std::filesystem::file_size(a, error);
  if (error) return false;
  const auto size_b = std::filesystem::file_size(b, error);
  if (error || size_a != size_b) return false;
  std::ifstream in_a(a, std::ios::binary), in_b(b, std::ios::binary);
  if (!in_a || !in_b) return false;
  std::vector<char> block_a(1 << 16), block_b(1 << 16);
  while (in_a && in_b) {
    in_a.read(block_a.data(), static_cast<std::streamsize>(block_a.size()));
    in_b.read(block_b.data(), static_cast<std::streamsize>(block_b.size()));
    if (in_a.gcount() != in_b.gcount() ||
        !std::equal(block_a.begin(), block_a.begin() + in_a.gcount(), block_b.begin()))
      return false;
  }
  return true;
}

// Two events files with the same content (a copy under another name, a link) would count every
// obligation twice: the names of the first such pair, or nothing.
std::optional<std::pair<std::string, std::string>> same_events_twice(
    const std::vector<std::string>& files) {
  for (std::size_t i = 0; i < files.size(); ++i)
    for (std::size_t j = i + 1; j < files.size(); ++j) {
      std::error_code error;
      if (std::filesystem::equivalent(files[i], files[j], error) ||
          same_content(files[i], files[j]))
        return std::pair{files[i], files[j]};
    }
  return std::nullopt;
}

}  // namespace

std::optional<duly::Date> future_only(std::optional<duly::Date> as_of) {
  if (as_of && *as_of < *resolve_as_of("")) return std::nullopt;
  return as_of;
}

std::optional<duly::Date> resolve_as_of(const std::string& as_of) {
  if (as_of.empty()) {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return *duly::make_date(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
  }
  if (auto date = duly::parse_iso_date(as_of)) return date;
  std::cerr << "error: --as-of \"" << as_of << "\" is not a date (YYYY-MM-DD)\n";
  return std::nullopt;
}

void add_input_options(CLI::App& app, InputOptions& options) {
  app.add_option("events", options.events,
                 "Events files: CSV, or JSON Lines when the name ends in .jsonl or .ndjson");
  app.add_option("--cases", options.cases,
                 "Cases file (CSV: case_id, optional date_of_birth, then any attributes)");
  std::string kinds;
  for (const auto& kind : duly::source_kinds())
    kinds += "\n    " + kind.name + " " + kind.path + ": " + kind.description;
  app.add_option("--source", options.sources,
                 "Read a data source of this kind (repeat for several):" + kinds)
      ->type_name("KIND PATH");
  app.add_option("--dates", options.dates,
                 "Date style of the data: iso (YYYY-MM-DD) or uk (DD/MM/YYYY accepted too)")
      ->check(CLI::IsMember({"iso", "uk"}));
  app.add_option("--reference-date", options.reference_date,
                 "The last day a return covers, YYYY-MM-DD: later dates in it are warned about "
                 "(default: the return's own, where it has one)");
  app.add_option("--warnings", options.warnings,
                 "Write every warning about the data (kept but odd), with its file, line and "
                 "kind, to this CSV file (file,line,kind,message)");
  app.add_flag("--strict", options.strict,
               "Stop (exit 2) when the data draws any warning: an unused column, an attribute "
               "no event has, cases without dates of birth, odd rows (for scheduled runs)");
  app.add_option("--ssd-schema", options.ssd_schema,
                 "With --source odbc: the database schema holding the SSD's ssd_* tables")
      ->default_str("ssd_development");
  app.add_option("--ssd-health-checks", options.ssd_health_checks,
                 "With an SSD source: a CSV file of `check_type,event` lines naming the event of "
                 "each ssd_cla_health check type (default: Health Assessment, Dental Check, ...)");
  app.add_flag("--skip-invalid", options.skip_invalid,
               "Go on with the good rows when some are bad (each bad row is still reported)");
  app.add_option("--rejects", options.rejects,
                 "With --skip-invalid: write every rejected row, with its reason, to this CSV "
                 "file (file,line,reason,row)");
}

std::optional<int> check_input_usage(const InputOptions& options, const ReadingOutcome& outcome) {
  if (!options.rejects.empty() && !options.skip_invalid) {
    std::cerr << "error: --rejects needs --skip-invalid (without it, bad rows stop the "
              << outcome.command << ")\n";
    return 2;
  }
  if (options.events.empty() && options.sources.empty()) {
    std::cerr << "error: no data: name events files, or a source with --source KIND PATH\n";
    return 2;
  }
  if (!options.reference_date.empty() && !duly::parse_iso_date(options.reference_date)) {
    std::cerr << "error: --reference-date \"" << options.reference_date
              << "\" is not a date (YYYY-MM-DD)\n";
    return 2;
  }
  // Read twice, every obligation would be counted twice.
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& events : options.events)
    if (!seen.insert({"events", events}).second) {
      std::cerr << "error: events file `" << events << "` is given twice\n";
      return 2;
    }
  std::vector<std::string> events_files = options.events;
  for (const auto& [kind, path] : options.sources)
    if (kind == "events") events_files.push_back(path);
  if (const auto twice = same_events_twice(events_files)) {
    std::cerr << "error: events files `" << twice->first << "` and `" << twice->second
              << "` hold the same events (every obligation would be counted twice)\n";
    return 2;
  }
  for (const auto& [kind, path] : options.sources) {
    try {
      duly::open_source(kind, path);
    } catch (const duly::UnknownSourceKind& unknown) {
      std::cerr << "error: --source " << kind << ": " << unknown.what() << "\n";
      return 2;
    }
    if (!seen.insert({kind, path}).second) {
      std::cerr << "error: --source " << kind << " `" << path << "` is given "
                << (kind == "events" ? "twice (once as an events file)" : "twice") << "\n";
      return 2;
    }
  }
  return std::nullopt;
}

void read_inputs(const InputOptions& options, const duly::Logger& logger, duly::TimelineSink& sink,
                 duly::ReadReport& report, Progress* progress) {
  duly::ReadOptions read_options;
  read_options.logger = logger;
  if (progress)
    read_options.on_progress = [progress](const std::string& file, std::uintmax_t done,
                                          std::uintmax_t size) { progress->reading(file, done, size); };
  read_options.dates = options.dates == "uk" ? duly::DateStyle::uk : duly::DateStyle::iso;
  if (!options.reference_date.empty())
    read_options.reference_date = duly::parse_iso_date(options.reference_date);
  if (!options.ssd_schema.empty()) read_options.ssd_schema = options.ssd_schema;
  read_options.ssd_health_checks = options.ssd_health_checks;
  if (!options.cases.empty()) duly::read_cases_file(options.cases, sink, report, read_options);
  for (const auto& [kind, path] : options.sources)
    duly::open_source(kind, path)->read(sink, report, read_options);
  for (const auto& events : options.events)
    duly::read_events_file(events, sink, report, read_options);
}

std::optional<int> report_reading(const InputOptions& options, const duly::ReadReport& read,
                                  const ReadingOutcome& outcome) {
  for (const auto& note : read.notes) std::cerr << "note: " << note << "\n";
  for (const auto& finding : read.findings) std::cerr << "warning: " << finding.message << "\n";
  print_warnings(read, options.warnings);
  if (!options.warnings.empty() && !write_warnings(options.warnings, read)) {
    std::cerr << "error: cannot write the warnings to `" << options.warnings << "`\n";
    return 2;
  }
  if (!read.ok()) {
    print_bad_rows(read, options.skip_invalid && options.rejects.empty());
    // Errors that are not rows (a file that cannot be read, a header without `case_id`) mean
    // whole files are missing: never go on without them.
    const bool whole_files_missing = read.errors.size() > read.rejected.size();
    if (!options.skip_invalid || whole_files_missing) {
      std::cerr << "error: nothing " << outcome.done << ": "
                << (whole_files_missing ? std::string("an input file could not be read")
                                        : plural(read.errors.size(), "bad row", "bad rows") +
                                              " (--skip-invalid " + outcome.does +
                                              " the good rows)")
                << "\n";
      return 2;
    }
    std::cerr << "warning: " << plural(read.rejected.size(), "bad row", "bad rows") << " skipped"
              << (options.rejects.empty() ? "" : ", written to " + options.rejects) << "\n";
  }
  if (!options.rejects.empty() && !write_rejects(options.rejects, read)) {
    std::cerr << "error: cannot write the rejected rows to `" << options.rejects << "`\n";
    return 2;
  }
  return std::nullopt;
}

std::size_t data_warnings(const duly::ReadReport& report) {
  return report.findings.size() + report.warnings.size();
}

std::optional<int> refuse_warnings(const InputOptions& options, std::size_t warnings,
                                   const ReadingOutcome& outcome) {
  if (!options.strict || warnings == 0) return std::nullopt;
  std::cerr << "error: nothing " << outcome.done << ": --strict, and the data drew "
            << plural(warnings, "warning", "warnings") << " (above)\n";
  return 2;
}

std::ostream* open_output(const std::string& path, std::ofstream& file, const char* what) {
  if (path.empty()) return &std::cout;
  file.open(path, std::ios::binary);
  if (file) return &file;
  std::cerr << "error: cannot write " << what << " to `" << path << "`\n";
  return nullptr;
}

int finish_output(std::ostream& out, const char* what) {
  out.flush();
  if (out) return 0;
  std::cerr << "error: writing " << what << " failed\n";
  return 2;
}


long long milliseconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start)
      .count();
}

std::optional<PolicyAndTimeline> load_and_read(const std::string& policy,
                                               const InputOptions& options,
                                               const ReadingOutcome& outcome,
                                               const duly::Logger& logger,
                                               const DataContext& context) {
  auto loaded = load_policy_to_evaluate(policy, logger);
  if (!loaded) return std::nullopt;
  PolicyAndTimeline data{loaded, {}, {}};
  duly::TimelineBuilder builder(data.policy);
  {
    Progress progress;  // erased before anything about the data is said
    read_inputs(options, logger, builder, data.read, &progress);
  }
  auto started = std::chrono::steady_clock::now();
  data.timeline = builder.finish();
  if (logger)
    logger->info("built {} case timelines in {} ms", data.timeline.cases().size(),
                 milliseconds_since(started));
  started = std::chrono::steady_clock::now();
  duly::DataCheckOptions checks;
  checks.as_of = future_only(context.as_of);
  checks.by = context.by;
  checks.undeclared_attributes = builder.undeclared_attributes();
  checks.cases_read = !options.cases.empty() || !options.sources.empty();
  duly::check_data(data.timeline, checks, data.read);
  if (logger)
    logger->info("checked the data against the policy in {} ms", milliseconds_since(started));
  if (report_reading(options, data.read, outcome)) return std::nullopt;
  std::size_t warnings = data_warnings(data.read);
  if (data.read.undeclared_events > 0) {
    warn_about_undeclared_types(data.read, "the policy does not declare",
                                declared_types(*data.policy));
    ++warnings;
  }
  warnings += warn_about_unknown_cases(builder.events_of_unknown_cases());
  const auto by = check_by_keys(context.by, data.timeline);
  if (!by) return std::nullopt;
  warnings += *by;
  if (refuse_warnings(options, warnings, outcome)) return std::nullopt;
  return data;
}
