// The unused-name warning: an event type or period declared in the file being linted and used
// by no rule, indicator or period of the whole policy (a `time in P` counts as a use of P) is
// probably a leftover or a typo's twin. A vocabulary file with no rules and no indicators
// (`events.policy`) declares names for others, so such a policy gives no such warning.
#include "engine/check/check.hpp"
#include "engine/check/rule_parts.hpp"

namespace duly::check {

namespace {

class UseCollector {
 public:
  explicit UseCollector(const Vocabulary& vocabulary)
      : events(vocabulary.event_types.size(), false),
        periods(vocabulary.period_names.size(), false) {}

  std::vector<bool> events;
  std::vector<bool> periods;

  void condition(const Condition& c) {
    if (c.operand.kind == Operand::Kind::latest_attribute) mark(c.operand.event_type);
    if (c.operand.kind == Operand::Kind::time_in && c.operand.period < periods.size())
      periods[c.operand.period] = true;
    for (const auto& child : c.children) condition(child);
  }
  void condition(const std::optional<Condition>& c) {
    if (c) condition(*c);
  }
  void filter(const EventFilter& f) {
    for (EventTypeId type : f.types) mark(type);
    condition(f.where);
  }
  void filter(const std::optional<EventFilter>& f) {
    if (f) filter(*f);
  }
  void trigger(const Trigger& t) {
    if (t.kind == Trigger::Kind::events) filter(t.events);
  }

 private:
  void mark(EventTypeId type) {
    if (type < events.size()) events[type] = true;
  }
};

bool in_file(const std::vector<SourcePosition>& declarations, const std::string& file,
             SourcePosition& at) {
  for (const auto& position : declarations)
    if (position.file == file) {
      at = position;
      return true;
    }
  return false;
}

}  // namespace

void warn_unused(const Vocabulary& vocabulary, const std::vector<Period>& periods,
                 const std::vector<Rule>& rules, const std::vector<Indicator>& indicators,
                 const std::string& linted_file, Reporter& reporter) {
  if (rules.empty() && indicators.empty()) return;
  UseCollector uses(vocabulary);
  for (const auto& rule : rules) {
    visit_form_parts(rule.form, uses);
    uses.condition(rule.when);
    if (rule.during && *rule.during < uses.periods.size()) uses.periods[*rule.during] = true;
  }
  for (const auto& indicator : indicators)
    if (indicator.period < uses.periods.size()) uses.periods[indicator.period] = true;
  for (const auto& period : periods) {
    uses.trigger(period.start);
    uses.trigger(period.end);
    uses.condition(period.when);
  }

  for (std::size_t i = 0; i < vocabulary.event_types.size(); ++i) {
    SourcePosition at;
    if (uses.events[i] || !in_file(vocabulary.event_declarations[i], linted_file, at)) continue;
    const auto& name = vocabulary.event_types[i].name;
    reporter.warning(at, static_cast<int>(name.size()),
                     "event " + backquoted(name) + " is declared but no rule or period uses it");
  }
  for (std::size_t i = 0; i < vocabulary.period_names.size(); ++i) {
    SourcePosition at;
    if (uses.periods[i] || !in_file(vocabulary.period_declarations[i], linted_file, at)) continue;
    const auto& name = vocabulary.period_names[i];
    reporter.warning(at, static_cast<int>(name.size()),
                     "period " + backquoted(name) + " is declared but no rule uses it");
  }
}

}  // namespace duly::check
