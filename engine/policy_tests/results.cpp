// The text of a policy test run: one `PASS`/`FAIL` line per test and, for a failure, where the
// test is and its expected and actual obligations side by side. Both columns are written as
// `expect` lines, so a policy lead who agrees with the engine can copy the actual line into
// the test.
#include <duly/policy_test.hpp>

#include <algorithm>

namespace duly {

std::string expect_line(const std::string& rule, Date trigger_date, Date due, Status status,
                        const std::optional<Date>& fulfilled_date) {
  std::string line = "expect " + rule + " from " + to_iso_string(trigger_date) + " due " +
                     to_iso_string(due) + " " + std::string(to_string(status));
  if (fulfilled_date) line += " on " + to_iso_string(*fulfilled_date);
  return line;
}

namespace {

std::string padded(const std::string& text, std::size_t width) {
  return text + std::string(width > text.size() ? width - text.size() : 0, ' ');
}

std::string without_trailing_spaces(std::string line) {
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

}  // namespace

std::string render(const PolicyTestResult& result) {
  std::string out = (result.passed ? "PASS  " : "FAIL  ") + result.name + "\n";
  if (result.passed) return out;
  out += "  at " + result.position.file + ":" + std::to_string(result.position.line) + "\n";
  for (const TestMismatch& m : result.mismatches) {
    out += "  case " + m.case_id + ", rule " + m.rule + "\n";
    std::size_t width = std::string("expected").size();
    for (const auto& row : m.rows) width = std::max(width, row.expected.size());
    // A `!` marks the rows that differ; rows without it hold an obligation both sides agree on.
    out += without_trailing_spaces("      " + padded("expected", width) + "   actual") + "\n";
    for (const auto& row : m.rows)
      out += without_trailing_spaces(std::string(row.same ? "      " : "    ! ") +
                                     padded(row.expected, width) + "   " + row.actual) +
             "\n";
  }
  return out;
}

std::string summary_line(const PolicyTestRun& run) {
  return std::to_string(run.passed) + " passed, " + std::to_string(run.failed) + " failed";
}

}  // namespace duly
