// Keeping what a source read as text (see collected_timeline.hpp).
#include <duly/collected_timeline.hpp>

#include <duly/sources.hpp>

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

namespace duly {
namespace {

CollectedTimeline::Attributes copy_attributes(AttributeTexts texts,
                                              std::vector<std::string>& names) {
  CollectedTimeline::Attributes out;
  for (const auto& [name, text] : texts) {
    if (text.empty()) continue;
    if (std::find(names.begin(), names.end(), name) == names.end()) names.emplace_back(name);
    out.emplace_back(name, text);
  }
  return out;
}

// The views a record hands over, of attributes this timeline owns.
void view_attributes(const CollectedTimeline::Attributes& attributes,
                     std::vector<std::pair<std::string_view, std::string_view>>& views) {
  views.clear();
  for (const auto& [name, text] : attributes) views.emplace_back(name, text);
}

}  // namespace

void CollectedTimeline::add_case(const CaseRecord& record) {
  std::string id(record.id);
  if (case_by_id_.count(id)) return;  // the first record for an id wins, as in a Timeline
  case_by_id_.emplace(id, cases_.size());
  cases_.push_back({std::move(id), record.date_of_birth,
                    copy_attributes(record.attributes, case_names_),
                    std::string(record.position.file), record.position.line});
}

bool CollectedTimeline::add_event(const EventRecord& record) {
  events_.push_back({std::string(record.case_id), std::string(record.type), record.date,
                     record.recorded, copy_attributes(record.attributes, event_names_),
                     std::string(record.position.file), record.position.line,
                     std::string(record.position.path)});
  return true;
}

bool CollectedTimeline::has_case(std::string_view id) const {
  return case_by_id_.count(std::string(id)) > 0;
}

void CollectedTimeline::sort() {
  std::stable_sort(cases_.begin(), cases_.end(),
                   [](const CollectedCase& a, const CollectedCase& b) { return a.id < b.id; });
  case_by_id_.clear();
  for (std::size_t i = 0; i < cases_.size(); ++i) case_by_id_.emplace(cases_[i].id, i);
  std::stable_sort(events_.begin(), events_.end(),
                   [](const CollectedEvent& a, const CollectedEvent& b) {
                     if (a.case_id != b.case_id) return a.case_id < b.case_id;
                     return a.date < b.date;
                   });
}

void CollectedTimeline::replay(TimelineSink& sink, ReadReport& report) const {
  std::vector<std::pair<std::string_view, std::string_view>> attributes;
  for (const CollectedCase& c : cases_) {
    view_attributes(c.attributes, attributes);
    sink.add_case({c.id, c.date_of_birth, attributes, {c.file, c.line, {}}});
  }
  for (const CollectedEvent& e : events_) {
    view_attributes(e.attributes, attributes);
    duly::add_event(sink,
                    {e.case_id, e.type, e.date, e.recorded, attributes, {e.file, e.line, e.path}},
                    report);
  }
}

}  // namespace duly
