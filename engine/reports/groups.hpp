// The groups of a report's rows (`--by` keys, docs/cli.md): for a row of a case, the value of each
// key (the month of the row's date, or a column of the cases file), and the one key that joins
// them. The summary table groups by the keys together; the HTML report by each key alone.
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

// Joins the values of a combined key: a byte no CSV cell of a case file holds in practice, which
// sorts before every printable character, so "north" precedes "north east".
inline constexpr char key_separator = '\x1f';
// How a case without a value for a key is shown.
inline constexpr std::string_view no_value = "(none)";

class GroupKeys {
 public:
  explicit GroupKeys(std::vector<std::string> by);

  const std::vector<std::string>& by() const { return by_; }
  bool empty() const { return by_.empty(); }
  // Whether key `k` is a period of the row's date (month, week, financial_year), or the month.
  bool is_period(std::size_t k) const { return by_period_[k].has_value(); }
  bool is_month(std::size_t k) const { return by_period_[k] == TimeKey::month; }
  // "name / team, month": the header of the name column of a table grouped by these keys.
  std::string name_header() const;

  // Reads the values of case `case_index` (once per case: its rows come together); then
  // case_value(k) is its value for key `k`, a cases-file column, empty when it has none.
  void enter_case(const Timeline& timeline, std::uint32_t case_index);
  const std::string& case_value(std::size_t k) const { return case_parts_[k]; }

  // The value of each key for a row of case `case_index` dated `date` (an obligation's due date,
  // an indicator instance's start): a period key is the date's period (`2024-03`, `2024-W13`, `2023-24`); a case without a value keeps
  // an empty part, which sorts first. The case's values are read once per case, since its rows
  // come together. Valid until the next call.
  const std::vector<std::string>& parts(const Timeline& timeline, std::uint32_t case_index,
                                        Date date);
  // The parts joined with key_separator.
  const std::string& key(const Timeline& timeline, std::uint32_t case_index, Date date);

  // A key's text for a person: its parts separated by ", ", `(none)` for an empty one.
  static std::string label(std::string_view key);

 private:
  void append_part(std::size_t k, Date date, std::string& to) const;

  std::vector<std::string> by_;
  std::vector<std::optional<TimeKey>> by_period_;  // by key: a period of the date, or none
  const Timeline* case_timeline_ = nullptr;  // whose case case_parts_ holds
  std::uint32_t case_index_ = 0;
  std::vector<std::string> case_parts_;  // the current case's values; empty for a period key
  std::vector<std::string> parts_;
  std::string key_;
};

}  // namespace duly::reports
