// The writers behind make_policy_diff_writer (duly/policy_diff.hpp), one per format.
#pragma once

#include <duly/policy_diff.hpp>

#include <memory>
#include <ostream>

namespace duly::reports {

std::unique_ptr<PolicyDiffWriter> make_diff_table_writer(const PolicyDiff& diff,
                                                         const RunDescription& old_run,
                                                         const RunDescription& new_run,
                                                         std::ostream& out);
std::unique_ptr<PolicyDiffWriter> make_diff_csv_writer(const PolicyDiff& diff, std::ostream& out);
std::unique_ptr<PolicyDiffWriter> make_diff_json_lines_writer(const PolicyDiff& diff,
                                                              std::ostream& out);

}  // namespace duly::reports
