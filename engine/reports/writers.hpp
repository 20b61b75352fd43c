// The report writers behind make_report_writer (duly/report.hpp), one per format.
#pragma once

#include <duly/report.hpp>

#include <memory>
#include <ostream>

namespace duly::reports {

std::unique_ptr<ReportWriter> make_csv_writer(const ReportSettings& settings, const Policy& policy,
                                              std::ostream& out);
std::unique_ptr<ReportWriter> make_json_lines_writer(const ReportSettings& settings,
                                                     const Policy& policy, std::ostream& out);
std::unique_ptr<ReportWriter> make_html_writer(const ReportSettings& settings, const Policy& policy,
                                               const RunDescription& run, std::ostream& out);
std::unique_ptr<ReportWriter> make_summary_writer(const ReportSettings& settings,
                                                  const Policy& policy, const RunDescription& run,
                                                  std::ostream& out);

}  // namespace duly::reports
