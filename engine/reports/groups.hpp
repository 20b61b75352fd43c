// The `--by` groups of the table reports (docs/cli.md, "--by keys"): a row's group is its case's
// values of the cases-file columns named and, for a period key (`month`, `week`,
// `financial_year`), the period of a date of the row, joined
// into one key that sorts as the tables list their groups; and the label a table prints for it.
#pragma once

#include <duly/date.hpp>
#include <duly/timeline.hpp>

#include "engine/reports/time_keys.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duly::reports {

class GroupKeys {
 public:
  explicit GroupKeys(std::vector<std::string> by);

  bool empty() const { return by_.empty(); }
  // "name / team, month": the header of the name column of a table grouped by these keys.
  std::string name_header() const;

  // The group of a row of case `case_index` of `timeline`, `date` standing for `month` (an
  // obligation's due date, an indicator instance's start); valid until the next call. The
  // case's values are read once per case, since a case's rows come together.
  const std::string& key(const Timeline& timeline, std::uint32_t case_index, Date date);

  // The row label of a key, indented under its rule: "  north, 2024-03", `(none)` for a case
  // without a value.
  static std::string label(const std::string& key);

 private:
  std::vector<std::string> by_;
  std::vector<std::optional<TimeKey>> by_period_;  // by key: a period of the date, or none
  const Timeline* parts_timeline_ = nullptr;  // whose case parts_ holds
  std::uint32_t parts_case_ = 0;
  std::vector<std::string> parts_;  // the current case's key parts
  std::string key_;
};

}  // namespace duly::reports
