// The `--by` groups of the reports' rows (see groups.hpp).
#include "engine/reports/groups.hpp"

namespace duly::reports {

GroupKeys::GroupKeys(std::vector<std::string> by) : by_(std::move(by)) {
  for (const auto& key : by_) by_period_.push_back(time_key_of(key));
}

std::string GroupKeys::name_header() const {
  std::string header = "name";
  for (std::size_t k = 0; k < by_.size(); ++k) header += (k == 0 ? " / " : ", ") + by_[k];
  return header;
}

void GroupKeys::enter_case(const Timeline& timeline, std::uint32_t case_index) {
  if (&timeline == case_timeline_ && case_index == case_index_) return;
  case_timeline_ = &timeline;
  case_index_ = case_index;
  const Case& c = timeline.cases()[case_index];
  case_parts_.assign(by_.size(), std::string());
  for (std::size_t k = 0; k < by_.size(); ++k)
    if (!by_period_[k])
      if (auto value = timeline.case_column(c, by_[k])) case_parts_[k] = *value;
}

void GroupKeys::append_part(std::size_t k, Date date, std::string& to) const {
  if (by_period_[k])
    to += time_label(*by_period_[k], date);
  else
    to += case_parts_[k];
}

const std::vector<std::string>& GroupKeys::parts(const Timeline& timeline, std::uint32_t case_index,
                                                 Date date) {
  enter_case(timeline, case_index);
  parts_.resize(by_.size());
  for (std::size_t k = 0; k < by_.size(); ++k) {
    parts_[k].clear();
    append_part(k, date, parts_[k]);
  }
  return parts_;
}

const std::string& GroupKeys::key(const Timeline& timeline, std::uint32_t case_index, Date date) {
  enter_case(timeline, case_index);
  key_.clear();
  for (std::size_t k = 0; k < by_.size(); ++k) {
    if (k > 0) key_ += key_separator;
    append_part(k, date, key_);
  }
  return key_;
}

std::string GroupKeys::label(std::string_view key) {
  std::string label;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = key.find(key_separator, start);
    std::string_view part = key.substr(start, end - start);
    label += part.empty() ? no_value : part;
    if (end == std::string::npos) break;
    label += ", ";
    start = end + 1;
  }
  return label;
}

}  // namespace duly::reports
