// Reading case timelines from files into a TimelineBuilder: events as CSV or JSON Lines, cases
// as CSV (docs/cli.md, "Data in"). Every bad row is reported with file, line, column and value,
// never dropped silently; with skip_invalid the good rows are kept and each bad row is handed back
// verbatim with its reason, for `--rejects`.
//
// EventSource is the plug-in point for other shapes of data (a DfE return, a database): a host
// implements it and feeds the builder the same way.
#pragma once

#include <duly/diagnostic.hpp>
#include <duly/input_summary.hpp>
#include <duly/timeline.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace spdlog {
class logger;
}

namespace duly {

enum class DateStyle { iso, uk };  // uk: DD/MM/YYYY accepted as well as ISO

struct ReadOptions {
  DateStyle dates = DateStyle::iso;
  // Where to log each file read, with its counts and time (duly/logging.hpp); null: silent.
  std::shared_ptr<spdlog::logger> logger;
};

struct RejectedRow {
  std::string file;
  int line = 0;
  std::string text;    // the row verbatim (all its physical lines for a quoted multi-line row)
  std::string reason;  // the error message
};

// What reading one or more files found. Errors are Diagnostics with an empty source_line, e.g.
// `cases.csv:118:12: error: date_of_birth "2019-02-30" is not a date`.
struct ReadReport {
  using Input = InputSummary;
  std::vector<Input> inputs;
  std::vector<Diagnostic> errors;  // every bad row (and unreadable files)
  std::vector<RejectedRow> rejected;
  std::size_t undeclared_events = 0;  // events of types the policy does not declare
  // Those events by type, so that a warning can name the misspelt or missing types.
  std::map<std::string, std::size_t, std::less<>> undeclared_types;

  bool ok() const { return errors.empty(); }
};

class EventSource {
 public:
  virtual ~EventSource() = default;
  // Adds what it reads to `builder`; records inputs, bad rows and counts in `report`.
  virtual void read(TimelineBuilder& builder, ReadReport& report) = 0;
};

// Events, CSV (RFC 4180) or, when the name ends in .jsonl or .ndjson, JSON Lines.
void read_events_file(const std::filesystem::path& file, TimelineBuilder& builder,
                      ReadReport& report, const ReadOptions& options = {});
// Cases, CSV: case_id, optional date_of_birth, then any attributes.
void read_cases_file(const std::filesystem::path& file, TimelineBuilder& builder,
                     ReadReport& report, const ReadOptions& options = {});

}  // namespace duly
