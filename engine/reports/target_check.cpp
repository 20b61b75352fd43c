// Comparing a return's own target dates with duly's due dates (see target_check.hpp).
#include <duly/target_check.hpp>

#include <algorithm>
#include <variant>

namespace duly {

TargetCheck::TargetCheck(const Policy& policy, std::vector<AuthorityTarget> targets) {
  for (auto& target : targets) {
    const auto event = policy.find_event_type(target.event);
    const auto wanted = policy.find_event_type(target.target);
    const auto attribute = policy.find_attribute(target.attribute);
    if (!event || !wanted || !attribute) continue;
    for (std::size_t r = 0; r < policy.rules().size(); ++r) {
      const Rule& rule = policy.rules()[r];
      const auto* deadline = std::get_if<Deadline>(&rule.form);
      if (!deadline || deadline->after.kind != Trigger::Kind::events) continue;
      const auto& triggers = deadline->after.events.types;
      const auto& looked_for = deadline->target.types;
      if (std::find(triggers.begin(), triggers.end(), *event) == triggers.end() ||
          std::find(looked_for.begin(), looked_for.end(), *wanted) == looked_for.end())
        continue;
      matches_.push_back({results_.size(), static_cast<std::uint16_t>(r), *attribute});
      TargetComparison comparison;
      comparison.target = target;
      comparison.rule = rule.id;
      results_.push_back(std::move(comparison));
    }
  }
}

void TargetCheck::add_case(const Timeline& timeline, std::span<const Obligation> obligations) {
  if (matches_.empty()) return;
  for (const Obligation& o : obligations) {
    for (const Match& match : matches_) {
      if (o.rule_index != match.rule_index || o.trigger_event.event == no_event) continue;
      TargetComparison& result = results_[match.result];
      const Event& trigger = timeline.events()[o.trigger_event.event];
      const Value* value = timeline.find(trigger, match.attribute);
      if (!value || !value->is_date) {
        ++result.without_target;
        continue;
      }
      ++result.compared;
      if (value->date == o.due) {
        ++result.agree;
        continue;
      }
      const DataPosition position = timeline.position_of(trigger);
      result.differences.push_back({std::string(timeline.cases()[o.case_index].id), o.trigger_date,
                                    value->date, o.due, std::string(position.file),
                                    position.line});
    }
  }
}

std::string render_target_check(const std::vector<TargetComparison>& results,
                                std::size_t differences_shown) {
  std::string out;
  for (const auto& r : results) {
    const std::size_t differ = r.compared - r.agree;
    out += "cross-check: " + r.target.label + " (" + r.target.event + "." + r.target.attribute +
           ") against rule " + r.rule + "'s due date: " + std::to_string(r.compared) +
           " compared, " + std::to_string(r.agree) + " agree, " + std::to_string(differ) +
           (differ == 1 ? " differs" : " differ");
    if (r.without_target > 0)
      out += " (" + std::to_string(r.without_target) + " without a " + r.target.label + ")";
    out += "\n";
    const std::size_t shown = std::min(differences_shown, r.differences.size());
    for (std::size_t i = 0; i < shown; ++i) {
      const auto& d = r.differences[i];
      const int days = d.authority - d.due;
      out += "  " + d.case_id + ": " + r.target.event + " " + to_iso_string(d.trigger_date) +
             ", " + r.target.label + " " + to_iso_string(d.authority) + ", duly " +
             to_iso_string(d.due) + " (" + (days > 0 ? "+" : "") + std::to_string(days) +
             (days == 1 || days == -1 ? " day" : " days") + ")";
      if (!d.file.empty()) out += "  " + d.file + ":" + std::to_string(d.line);
      out += "\n";
    }
    if (r.differences.size() > shown)
      out += "  … and " + std::to_string(r.differences.size() - shown) + " more\n";
  }
  return out;
}

}  // namespace duly
