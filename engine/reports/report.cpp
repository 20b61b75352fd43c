// The parts of the reports that every format shares: what a run states about itself, status
// counts and compliance, and the choice of writer.
#include <duly/report.hpp>

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

std::string render_run_description(const RunDescription& run) {
  std::string text = "policy    " + run.policy_name + " (" + run.policy_file + ")\n";
  text += "as of     " + to_iso_string(run.as_of) + "\n";
  text += run.count_trigger_day ? "counting  trigger day counted as day 1\n"
                                : "counting  trigger day not counted\n";
  text += "calendar  " + run.calendar + "\n";
  for (const auto& input : run.inputs) {
    text += "input     " + input.file + " (" + std::to_string(input.rows) +
            (input.rows == 1 ? " row" : " rows");
    if (input.rejected > 0) text += ", " + std::to_string(input.rejected) + " rejected";
    text += ")\n";
  }
  return text;
}

bool is_reserved_by_key(std::string_view key) {
  static constexpr std::array<std::string_view, 10> columns = {
      "case_id",         "rule",           "rule_name", "trigger_event", "trigger_date", "due",
      "fulfilled_event", "fulfilled_date", "status",    "days_late"};
  for (auto column : columns)
    if (key == column) return true;
  return false;
}

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

// "93.1%": tenths of a percent, rounded half up, in integers so that every platform prints the
// same. `denominator` is not 0.
std::string percent_text(std::size_t numerator, std::size_t denominator) {
  const std::size_t tenths = (2000 * numerator + denominator) / (2 * denominator);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "%";
}

}  // namespace

std::string compliance_text(const StatusCounts& counts) {
  const std::size_t denominator = counts.counted();
  if (denominator == 0) return "-";
  return percent_text(counts.met, denominator) + " (" + std::to_string(counts.met) + "/" +
         std::to_string(denominator) + ")";
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
