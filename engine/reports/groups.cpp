// Grouping rows by `--by` keys (see groups.hpp).
#include "engine/reports/groups.hpp"

#include "engine/time/civil_date.hpp"

#include <cstdio>

namespace duly::reports {

namespace {

// Groups are keyed by their values joined with this byte, which no CSV cell of a case file
// holds in practice; it sorts before every printable character, so "north" precedes
// "north east".
constexpr char key_separator = '\x1f';
constexpr std::string_view no_value = "(none)";

}  // namespace

GroupKeys::GroupKeys(std::vector<std::string> by) : by_(std::move(by)) {
  for (const auto& key : by_) by_month_.push_back(key == "month");
}

std::string GroupKeys::name_header() const {
  std::string header = "name";
  for (std::size_t k = 0; k < by_.size(); ++k) header += (k == 0 ? " / " : ", ") + by_[k];
  return header;
}

const std::string& GroupKeys::key(const Timeline& timeline, std::uint32_t case_index, Date date) {
  if (&timeline != parts_timeline_ || case_index != parts_case_) {
    parts_timeline_ = &timeline;
    parts_case_ = case_index;
    const Case& c = timeline.cases()[case_index];
    parts_.assign(by_.size(), std::string());
    for (std::size_t k = 0; k < by_.size(); ++k) {
      if (by_month_[k]) continue;
      // An absent value keeps the empty key part (sorting first) and prints as "(none)".
      if (auto value = timeline.case_column(c, by_[k])) parts_[k] = *value;
    }
  }
  key_.clear();
  for (std::size_t k = 0; k < by_.size(); ++k) {
    if (k > 0) key_ += key_separator;
    if (by_month_[k]) {
      const YearMonthDay ymd = civil::to_civil(date);
      char month[24];
      std::snprintf(month, sizeof month, "%04d-%02d", ymd.year, ymd.month);
      key_ += month;
    } else {
      key_ += parts_[k];
    }
  }
  return key_;
}

std::string GroupKeys::label(const std::string& key) {
  std::string label = "  ";
  std::size_t start = 0;
  while (true) {
    const std::size_t end = key.find(key_separator, start);
    std::string_view part = std::string_view(key).substr(start, end - start);
    label += part.empty() ? no_value : part;
    if (end == std::string::npos) break;
    label += ", ";
    start = end + 1;
  }
  return label;
}

}  // namespace duly::reports
