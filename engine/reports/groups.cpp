// Grouping rows by `--by` keys (see groups.hpp).
#include "engine/reports/groups.hpp"

#include "engine/reports/time_keys.hpp"



namespace duly::reports {

namespace {

// Groups are keyed by their values joined with this byte, which no CSV cell of a case file
// holds in practice; it sorts before every printable character, so "north" precedes
// "north east".
constexpr char key_separator = '\x1f';
constexpr std::string_view no_value = "(none)";

}  // namespace

GroupKeys::GroupKeys(std::vector<std::string> by) : by_(std::move(by)) {
  for (const auto& key : by_) by_period_.push_back(time_key_of(key));
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
      if (by_period_[k]) continue;
      // An absent value keeps the empty key part (sorting first) and prints as "(none)".
      if (auto value = timeline.case_column(c, by_[k])) parts_[k] = *value;
    }
  }
  key_.clear();
  for (std::size_t k = 0; k < by_.size(); ++k) {
    if (k > 0) key_ += key_separator;
    if (by_period_[k]) {
      key_ += time_label(*by_period_[k], date);
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
