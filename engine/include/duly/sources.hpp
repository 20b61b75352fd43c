// Reading case timelines: duly's own events (CSV or JSON Lines) and cases (CSV) files
// (docs/cli.md, "Data in"), and the DataSource interface every other shape of data implements
// (the DfE returns, docs/importers.md; a host's own, registered under a name in
// duly/source_kinds.hpp). Every bad row is reported with file, line, column and value, never
// dropped silently; the good rows are handed to a TimelineSink, and each bad row is handed back
// verbatim with its reason, for `--rejects`.
#pragma once

#include <duly/diagnostic.hpp>
#include <duly/input_summary.hpp>
#include <duly/timeline.hpp>  // TimelineBuilder, the usual sink
#include <duly/timeline_sink.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spdlog {
class logger;
}

namespace duly {

enum class DateStyle { iso, uk };  // uk: DD/MM/YYYY accepted as well as ISO

struct ReadOptions {
  DateStyle dates = DateStyle::iso;
  // The last day a return covers: a later date in it is warned about. Empty: a return's own
  // (the CIN census header's ReferenceDate), or none.
  std::optional<Date> reference_date;
  // Where to log each file read, with its counts and time (duly/logging.hpp); null: silent.
  std::shared_ptr<spdlog::logger> logger;
  // Called as a file is read, about once a megabyte, with the bytes read so far and the file's
  // size: for a progress line. Empty: not called.
  std::function<void(const std::string& file, std::uintmax_t done, std::uintmax_t size)> on_progress;
  // The Standard Safeguarding Dataset (docs/importers.md): the database schema holding its
  // tables (`--source odbc`), and a CSV file `check_type,event` naming the events of
  // ssd_cla_health's check types, in place of the usual ones (empty: those).
  std::string ssd_schema = "ssd_development";
  std::filesystem::path ssd_health_checks;
};

struct RejectedRow {
  std::string file;
  int line = 0;
  std::string text;    // the row verbatim (all its physical lines for a quoted multi-line row)
  std::string reason;  // the error message
};

// What reading one or more files found. Errors are Diagnostics with an empty source_line, e.g.
// `cases.csv:118:12: error: date_of_birth "2019-02-30" is not a date`.
// A date a return carries for a timescale, worked out by the authority's own system (the CIN
// census's InitialCPCtarget): the events of type `event` hold it in `attribute`, and it should
// equal the due date of the obligations they trigger whose rule looks for `target` events.
// duly/target_check.hpp compares them, a check of the authority's calendar.
struct AuthorityTarget {
  std::string event;      // strategy_discussion
  std::string attribute;  // initial_cpc_target
  std::string target;     // icpcc
  std::string label;      // what the return calls it: InitialCPCtarget

  friend bool operator==(const AuthorityTarget&, const AuthorityTarget&) = default;
};

// Data kept but odd, with its kind ("assessments authorised before they started"), counted by
// kind in ReadReport::warning_counts.
struct DataWarning {
  std::string kind;
  Diagnostic diagnostic;  // file and line (column 0: the whole row or element), the message
};

// A warning about the data as a whole, against the policy it was read for: a column no policy
// declares, an attribute rules read that no data provides, ages without dates of birth
// (duly/data_checks.hpp). One line, without a position: it is about a column, not a row.
struct DataFinding {
  std::string kind;                // "undeclared column", "attribute never given", "no ages"
  std::string message;             // the sentence, with the name it is close to
  std::vector<std::string> rules;  // the rules it leaves unable to be met, by id
};

// A table a source maps that the data lacks, with the event types it would have given: said
// against the rules that read them after reading (duly/data_checks.hpp).
struct MissingTable {
  std::string name;                      // "ssd_cp_reviews"
  std::string where;                     // the folder, or the schema
  std::vector<std::string> event_types;  // "rcpcc"
};

struct ReadReport {
  using Input = InputSummary;
  std::vector<Input> inputs;
  std::vector<Diagnostic> errors;  // every bad row (and unreadable files)
  std::vector<RejectedRow> rejected;
  // Data kept but odd (an assessment authorised before it started): each named with its
  // position, and counted by kind in warning_counts, so a summary can say how many of each.
  std::vector<DataWarning> warnings;
  std::map<std::string, std::size_t, std::less<>> warning_counts;
  // Notes about a whole input (a part of a return that duly does not map), one line each.
  std::vector<std::string> notes;
  std::vector<AuthorityTarget> targets;
  std::vector<MissingTable> missing_tables;
  std::size_t undeclared_events = 0;  // events of types the policy does not declare
  // Those events by type, so that a warning can name the misspelt or missing types.
  std::map<std::string, std::size_t, std::less<>> undeclared_types;
  // What the data leaves the policy unable to see (duly/data_checks.hpp's check_data).
  std::vector<DataFinding> findings;

  bool ok() const { return errors.empty(); }
};

// A source of case timelines: a file, a folder of tables, a database.
class DataSource {
 public:
  virtual ~DataSource() = default;
  // Hands every good case and event to `sink`, each with its position. Records in `report`
  // each input with its rows (rows = used + rejected, per input), every bad row (an error and
  // the row verbatim), every oddity kept (a warning), and any targets it carries.
  virtual void read(TimelineSink& sink, ReadReport& report, const ReadOptions& options) = 0;
};

// Hands one event to the sink; when the sink has no use for its type, counts it in the report
// (undeclared_events, by type), as every reader does.
void add_event(TimelineSink& sink, const EventRecord& event, ReadReport& report);

// A warning about data that is kept: counted under `kind` ("assessment authorised before it
// started") and recorded with its position and message.
void add_warning(ReadReport& report, std::string_view kind, const DataPosition& position,
                 std::string message);

// Events, CSV (RFC 4180) or, when the name ends in .jsonl or .ndjson, JSON Lines.
void read_events_file(const std::filesystem::path& file, TimelineSink& sink, ReadReport& report,
                      const ReadOptions& options = {});
// Cases, CSV: case_id, optional date_of_birth, then any attributes.
void read_cases_file(const std::filesystem::path& file, TimelineSink& sink, ReadReport& report,
                     const ReadOptions& options = {});

// The same CSV formats as text held in memory (a table a host or the Python package wrote out),
// read exactly as a file is, and named `name` in every message and in `report.inputs`.
void read_events_csv_text(std::string_view text, const std::string& name, TimelineSink& sink,
                          ReadReport& report, const ReadOptions& options = {});
void read_cases_csv_text(std::string_view text, const std::string& name, TimelineSink& sink,
                         ReadReport& report, const ReadOptions& options = {});

}  // namespace duly
