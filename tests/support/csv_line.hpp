// The cells of one CSV line as the tests read a report's rows: quotes removed, doubled quotes
// kept as one, commas inside quotes kept (a test's own reading, not duly's reader).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace duly_test {

inline std::vector<std::string> csv_cells(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  bool quoted = false;
  for (char c : line) {
    if (c == '"')
      quoted = !quoted;
    else if (c == ',' && !quoted)
      cells.push_back(std::exchange(cell, {}));
    else
      cell += c;
  }
  cells.push_back(cell);
  return cells;
}

}  // namespace duly_test
