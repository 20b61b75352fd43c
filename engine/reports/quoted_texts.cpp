// A policy's texts quoted once (see quoted_texts.hpp).
#include "engine/reports/quoted_texts.hpp"

namespace duly::reports {

QuotedTexts::QuotedTexts(const Policy& policy, Quote quote) : policy_(policy), quote_(quote) {
  for (const Rule& rule : policy.rules()) {
    rule_ids.push_back(quote(rule.id));
    rule_names.push_back(quote(rule.name));
  }
  for (const EventType& type : policy.event_types()) event_types_.push_back(quote(type.name));
}

std::string_view QuotedTexts::age_label(const EventLabel& label) {
  auto found = ages_.find(label.age);
  if (found == ages_.end())
    found = ages_.emplace(label.age, quote_(label_text(policy_, label))).first;
  return found->second;
}

}  // namespace duly::reports
