// A policy's texts that the row reports write again and again (rule ids and names, event type
// names, `age N` labels), each quoted once, as a CSV cell or a JSON string, so that a row costs
// a few appends and no allocation. Shared by the obligations reports and the rows of a diff; a
// diff's pairing keys use them unquoted (a Quote that returns the text itself).
#pragma once

#include <duly/obligation.hpp>
#include <duly/policy.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace duly::reports {

class QuotedTexts {
 public:
  using Quote = std::string (*)(std::string_view);

  // `policy` must outlive the texts.
  QuotedTexts(const Policy& policy, Quote quote);

  std::vector<std::string> rule_ids, rule_names;  // by rule index

  // The label's quoted text (label_text), or nothing for none. Inline: every row of a report
  // asks for two, and an event's is one array read.
  std::string_view label(const EventLabel& label) {
    if (label.kind == EventLabel::Kind::event) return event_types_[label.type];
    if (label.kind == EventLabel::Kind::none) return {};
    return age_label(label);
  }

 private:
  std::string_view age_label(const EventLabel& label);  // `age N`, quoted when first seen

  const Policy& policy_;
  Quote quote_;
  std::vector<std::string> event_types_;  // by EventTypeId
  std::map<int, std::string> ages_;       // `age N`, quoted when first seen
};

}  // namespace duly::reports
