// The parts of the reports that every format shares: what a run states about itself, status
// counts and compliance, and the choice of writer.
#include <duly/report.hpp>

#include "engine/reports/time_keys.hpp"
#include "engine/reports/writers.hpp"

#include <array>

namespace duly {

RunDescription describe_run(const Policy& policy, Date as_of, std::vector<InputSummary> inputs) {
  RunDescription run;
  run.policy_name = policy.name();
  run.policy_file = policy.file();
  run.as_of = as_of;
  run.count_trigger_day = policy.count_trigger_day();
  run.calendar = policy.calendar().name();
  run.inputs = std::move(inputs);
  return run;
}

namespace {

std::string policy_text(const RunDescription& run) {
  return run.policy_name + " (" + run.policy_file + ")";
}

std::string counting_text(const RunDescription& run) {
  return run.count_trigger_day ? "trigger day counted as day 1" : "trigger day not counted";
}

// One fact of a comparison: once when both policies agree, else each policy's.
std::string agreed_or_each(const std::string& old_text, const std::string& new_text) {
  return old_text == new_text ? old_text : "old: " + old_text + "; new: " + new_text;
}

std::string inputs_text(const std::vector<InputSummary>& inputs) {
  std::string text;
  for (const auto& input : inputs) {
    text += "input     " + input.file + " (" + std::to_string(input.rows) +
            (input.rows == 1 ? " row" : " rows");
    if (input.rejected > 0) text += ", " + std::to_string(input.rejected) + " rejected";
    text += ")\n";
  }
  return text;
}

}  // namespace

std::string render_run_description(const RunDescription& run) {
  return "policy    " + policy_text(run) + "\nas of     " + to_iso_string(run.as_of) +
         "\ncounting  " + counting_text(run) + "\ncalendar  " + run.calendar + "\n" +
         inputs_text(run.inputs);
}

std::string render_run_description(const RunDescription& old_run, const RunDescription& new_run) {
  return "old       " + policy_text(old_run) + "\nnew       " + policy_text(new_run) +
         "\nas of     " +
         agreed_or_each(to_iso_string(old_run.as_of), to_iso_string(new_run.as_of)) +
         "\ncounting  " + agreed_or_each(counting_text(old_run), counting_text(new_run)) +
         "\ncalendar  " + agreed_or_each(old_run.calendar, new_run.calendar) + "\n" +
         inputs_text(old_run.inputs);
}

bool is_reserved_by_key(std::string_view key) {
  static constexpr std::array<std::string_view, 11> columns = {
      "case_id",         "rule",           "rule_name", "trigger_event", "trigger_date", "due",
      "fulfilled_event", "fulfilled_date", "status",    "days_late",     "days_left"};
  for (auto column : columns)
    if (key == column) return true;
  return false;
}

bool is_period_key(std::string_view key) { return reports::time_key_of(key).has_value(); }

void StatusCounts::add(Status status) {
  switch (status) {
    case Status::met:
      ++met;
      break;
    case Status::late:
      ++late;
      break;
    case Status::missed:
      ++missed;
      break;
    case Status::pending:
      ++pending;
      break;
    case Status::lapsed:
      ++lapsed;
      break;
  }
}

namespace {

// Tenths of a percent, rounded half up, in integers so that every platform prints the same.
// `denominator` is not 0.
std::size_t percent_tenths(std::size_t numerator, std::size_t denominator) {
  return (2000 * numerator + denominator) / (2 * denominator);
}

// "93.1%".
std::string percent_text(std::size_t numerator, std::size_t denominator) {
  const std::size_t tenths = percent_tenths(numerator, denominator);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "%";
}

}  // namespace

std::string compliance_text(const StatusCounts& counts) {
  const std::size_t denominator = counts.counted();
  if (denominator == 0) return "-";
  return percent_text(counts.met, denominator) + " (" + std::to_string(counts.met) + "/" +
         std::to_string(denominator) + ")";
}

std::string compliance_change_text(const StatusCounts& before, const StatusCounts& after) {
  if (before.counted() == 0 || after.counted() == 0) return "-";
  const auto tenths = [](const StatusCounts& c) {
    return static_cast<long long>(percent_tenths(c.met, c.counted()));
  };
  const long long change = tenths(after) - tenths(before);
  const long long size = change < 0 ? -change : change;
  return std::string(change > 0   ? "+"
                     : change < 0 ? "-"
                                  : "") +
         std::to_string(size / 10) + "." + std::to_string(size % 10) + " pp";
}

std::string indicator_text(const IndicatorCounts& counts) {
  if (counts.instances == 0) return "-";
  return std::to_string(counts.repeats) + " of " + std::to_string(counts.instances) + " (" +
         percent_text(counts.repeats, counts.instances) + ")";
}

std::unique_ptr<ReportWriter> make_report_writer(const ReportSettings& settings,
                                                 const Policy& policy, const RunDescription& run,
                                                 std::ostream& out) {
  switch (settings.format) {
    case ReportFormat::csv:
      return reports::make_csv_writer(settings, policy, out);
    case ReportFormat::json_lines:
      return reports::make_json_lines_writer(settings, policy, out);
    case ReportFormat::html:
      return reports::make_html_writer(settings, policy, run, out);
    case ReportFormat::table:
      break;
  }
  return reports::make_summary_writer(settings, policy, run, out);
}

}  // namespace duly
