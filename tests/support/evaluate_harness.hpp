// A compact way to state an evaluation test the way docs/language.md states a reading: a policy as
// text, a timeline as short lines, and the expected obligations as lines.
//   events: "C1 strategy_discussion 2024-03-04 outcome=s47 recorded=2024-03-05"
//   cases:  "C1 dob=2015-01-01 team=north"
//   result: "T14 strategy_discussion 2024-03-04 2024-03-25 icpcc 2024-03-22 met -"
//           (rule, trigger_event, trigger_date, due, fulfilled_event, fulfilled_date, status,
//            days_late; `-` where a cell is empty; the case id is left out when every event
//            belongs to one case, otherwise it starts the line)
#pragma once

#include <duly/date.hpp>
#include <duly/evaluate.hpp>
#include <duly/load.hpp>
#include <duly/timeline.hpp>

#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace duly::testing {

inline Date day(const std::string& text) {
  auto d = parse_iso_date(text);
  if (!d) throw std::runtime_error("bad date in test: " + text);
  return *d;
}

inline std::vector<std::string> words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

struct Evaluation {
  std::shared_ptr<const Policy> policy;
  Timeline timeline;
  std::vector<Obligation> obligations;
  std::string diagnostics;

  std::vector<std::string> lines(bool with_case = false) const {
    std::vector<std::string> out;
    auto cell = [](const std::string& s) { return s.empty() ? std::string("-") : s; };
    for (const auto& o : obligations) {
      const Rule& rule = policy->rules()[o.rule_index];
      std::string line;
      if (with_case) line += std::string(timeline.cases()[o.case_index].id) + " ";
      line += rule.id + " " + cell(label_text(*policy, o.trigger_event)) + " " +
              to_iso_string(o.trigger_date) + " " + to_iso_string(o.due) + " " +
              cell(label_text(*policy, o.fulfilled_event)) + " " +
              (o.fulfilled_date ? to_iso_string(*o.fulfilled_date) : "-") + " " +
              std::string(to_string(o.status)) + " " +
              (o.days_late ? std::to_string(*o.days_late) : "-");
      out.push_back(line);
    }
    return out;
  }
};

// Throws when the policy does not load, so a broken test policy cannot pass quietly.
inline Evaluation evaluate_text(const std::string& policy_text,
                                const std::vector<std::string>& events, const std::string& as_of,
                                const std::vector<std::string>& cases = {}) {
  Evaluation result;
  auto loaded = load_policy_text(policy_text, "test.policy");
  result.diagnostics = render(loaded.diagnostics);
  if (!loaded.policy) throw std::runtime_error("test policy rejected:\n" + result.diagnostics);
  result.policy = loaded.policy;
  TimelineBuilder builder(loaded.policy);
  for (const auto& line : cases) {
    auto w = words(line);
    std::optional<Date> dob;
    std::vector<std::pair<std::string, std::string>> attributes;
    for (std::size_t i = 1; i < w.size(); ++i) {
      auto eq = w[i].find('=');
      std::string key = w[i].substr(0, eq), value = w[i].substr(eq + 1);
      if (key == "dob")
        dob = day(value);
      else
        attributes.emplace_back(key, value);
    }
    builder.add_case(w[0], dob, attributes);
  }
  for (const auto& line : events) {
    auto w = words(line);
    std::optional<Date> recorded;
    std::vector<std::pair<std::string_view, std::string_view>> attributes;
    for (std::size_t i = 3; i < w.size(); ++i) {
      auto eq = w[i].find('=');
      std::string_view key(w[i].data(), eq), value(w[i].data() + eq + 1, w[i].size() - eq - 1);
      if (key == "recorded")
        recorded = day(std::string(value));
      else
        attributes.emplace_back(key, value);
    }
    if (!builder.add_event(w[0], w[1], day(w[2]), recorded, attributes))
      throw std::runtime_error("undeclared event type in test: " + w[1]);
  }
  result.timeline = builder.finish();
  result.obligations = evaluate(result.policy, result.timeline, day(as_of));
  return result;
}

}  // namespace duly::testing
