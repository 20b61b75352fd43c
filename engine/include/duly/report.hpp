// Reports of an evaluation (docs/cli.md, the `--format` sections): the obligations as CSV or JSON
// Lines, the summary table of counts and compliance per rule, then the indicators' figures, and
// the HTML page of the same with charts and pictures of the worst cases.
// Writers are fed one case's obligations (and indicator rows) at a time, in timeline order, so a
// host can evaluate and write as it goes without holding every obligation in memory; a writer keeps
// only what its report needs (the summary: one row of counts per rule or indicator and group).
#pragma once

#include <duly/date.hpp>
#include <duly/indicator.hpp>
#include <duly/input_summary.hpp>
#include <duly/obligation.hpp>
#include <duly/parallel.hpp>
#include <duly/policy.hpp>
#include <duly/timeline.hpp>

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace duly {

enum class ReportFormat : std::uint8_t {
  table,       // the summary: counts and compliance per rule, indicators (and per group)
  csv,         // the obligations, one row each (RFC 4180)
  json_lines,  // the obligations, one JSON object per line
  html,        // one self-contained page: the summary, charts, breakdowns, the worst cases drawn
};

// What every report states about its run: the policy, the as-of date, the counting convention,
// the calendar, and the input files with their row counts.
struct RunDescription {
  std::string policy_name;
  std::string policy_file;
  Date as_of;
  bool count_trigger_day = false;
  std::string calendar;
  std::vector<InputSummary> inputs;
};

RunDescription describe_run(const Policy& policy, Date as_of, std::vector<InputSummary> inputs);

// The header block, one fact per line:
//   policy    Camden CP timescales (policies/camden.policy)
//   as of     2024-06-30
//   counting  trigger day not counted
//   calendar  england_and_wales
//   input     examples/data/cases.csv (12 rows)
//   input     examples/data/events.csv (150 rows, 2 rejected)
std::string render_run_description(const RunDescription& run);

// The header block of a comparison of two policies on the same data (duly/policy_diff.hpp): each
// policy on a line of its own, then the as-of date, the counting convention and the calendar once
// when the two agree, each policy's when not (`counting  old: trigger day not counted; new:
// trigger day counted as day 1`), then the inputs, read once (`old_run`'s):
//   old       Camden children's social care timescales (policies/camden.policy)
//   new       North Somerset children's social care timescales (policies/north_somerset.policy)
//   as of     2024-06-30
//   …
std::string render_run_description(const RunDescription& old_run, const RunDescription& new_run);

struct ReportSettings {
  ReportFormat format = ReportFormat::table;
  // Grouping keys, in the order given: a period of the due date (for an indicator, of the
  // instance's start): `month` (2024-03), `week` (the ISO week, 2024-W13) or `financial_year`
  // (April to March, 2023-24); or any column of the cases file (Timeline::case_column). The
  // obligations reports add one column per key; the summary groups each rule's and each
  // indicator's rows by the keys together, listing every period of a range, empty ones too.
  std::vector<std::string> by;
  // When set, the obligations reports add `days_left` after `days_late`: the days from this
  // date to the due date, negative when overdue (the reminder list, duly/reminders.hpp).
  std::optional<Date> days_left_from;
};

// The keys that cannot be used with `by` because they are already columns of the obligations
// report (`rule`, `status`, ...); `month`, `week` and `financial_year` are allowed and always
// mean periods of the due date.
bool is_reserved_by_key(std::string_view key);
// `month`, `week`, `financial_year`: keys that are periods of the calendar, not case columns.
bool is_period_key(std::string_view key);

struct StatusCounts {
  std::size_t met = 0, late = 0, missed = 0, pending = 0, lapsed = 0;

  void add(Status status);
  std::size_t counted() const { return met + late + missed; }  // compliance's denominator
};

// Compliance = met / (met + late + missed) as a percentage to one decimal place, rounded half
// up, with the counts beside it: "93.1% (27/29)"; "-" when the denominator is 0.
std::string compliance_text(const StatusCounts& counts);

// The change from one compliance to another in percentage points: the difference of the two
// percentages as compliance_text prints them, "+3.8 pp", "-50.0 pp", "0.0 pp"; "-" when either
// has no denominator.
std::string compliance_change_text(const StatusCounts& before, const StatusCounts& after);

// An indicator's figure: its instances and the repeats among them (docs/language.md, D11).
struct IndicatorCounts {
  std::size_t instances = 0, repeats = 0;

  void add(bool repeat) {
    ++instances;
    if (repeat) ++repeats;
  }
};

// Repeats of instances with the percentage, to one decimal place rounded half up as compliance
// is: "3 of 40 (7.5%)"; "-" when there are no instances.
std::string indicator_text(const IndicatorCounts& counts);

// Writes one report to `out` as obligations arrive. Output is buffered and written in large
// blocks; the stream is flushed by finish(), after which nothing more may be added.
class ReportWriter {
 public:
  virtual ~ReportWriter() = default;
  // The obligations of one case (Obligation::case_index into `timeline`), in report order as
  // Evaluator::evaluate_case gives them. Cases must come in timeline order for the
  // obligations reports to keep the report order of docs/cli.md.
  virtual void add_case(const Timeline& timeline, std::span<const Obligation> obligations) = 0;
  // The indicator rows of one case (IndicatorInstance::case_index into `timeline`), as
  // Evaluator::evaluate_indicators gives them. The summary counts them per indicator and group;
  // the obligations reports have fixed columns and no place for them, so by default nothing.
  virtual void add_indicators(const Timeline& /*timeline*/,
                              std::span<const IndicatorInstance> /*rows*/) {}
  // Whether the writer draws cases and so wants each case's period instances (the HTML report
  // does); when it does, hand them to add_periods before the case's add_case.
  virtual bool wants_periods() const { return false; }
  // The period instances of one case, as Evaluator::evaluate_periods gives them, for the
  // add_case that follows (and only for it). By default nothing is kept.
  virtual void add_periods(const Timeline& /*timeline*/,
                           std::span<const PeriodInstance> /*periods*/) {}
  // A writer whose rows depend on nothing but their case (the obligations reports, CSV and
  // JSON Lines) can have them formatted on the threads that evaluate (duly/parallel.hpp): it
  // gives a step that formats one case's obligations as this writer would, and takes what the
  // steps made, in case order, through add_formatted instead of add_case. Null for the writers
  // that count across cases (the summary, the HTML page): they take add_case.
  virtual std::unique_ptr<CaseStep> make_case_step() const { return nullptr; }
  // What a step of make_case_step formatted for one or more cases, written as it is.
  virtual void add_formatted(std::string_view /*rows*/) {}
  // Writes what remains (the whole table for the summary) and flushes `out`.
  virtual void finish() = 0;
};

// The summary's figures as rows, for spreadsheets and Power BI (`duly check --summary FILE`): per
// rule its counts and compliance, then one row per group, then the same for all rules together
// (rule `total`); `level,rule,rule_name`, the `by` keys, `met,late,missed,pending,lapsed,
// compliance`. CSV when settings.format is csv, JSON Lines when it is json_lines.
std::unique_ptr<ReportWriter> make_summary_rows_writer(const ReportSettings& settings,
                                                       const Policy& policy, std::ostream& out);

// `policy` and `out` must outlive the writer. The table and the HTML page start with the run
// description; the CSV and JSON Lines reports hold only their columns (a host prints the
// description elsewhere).
std::unique_ptr<ReportWriter> make_report_writer(const ReportSettings& settings,
                                                 const Policy& policy, const RunDescription& run,
                                                 std::ostream& out);

}  // namespace duly
