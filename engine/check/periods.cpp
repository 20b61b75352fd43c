// Periods: `period P from START until END [when C]`, with START and END resolved like any
// trigger and C a state condition tested on the START day. Also what "the same declaration"
// means when a period is declared in two files.
#include "engine/check/check.hpp"

namespace duly::check {

namespace {

bool same_value(const syntax::Value& a, const syntax::Value& b) {
  return a.kind == b.kind && a.text == b.text;
}

bool same_condition(const syntax::Condition& a, const syntax::Condition& b) {
  if (a.kind != b.kind || a.op != b.op || a.operand.kind != b.operand.kind ||
      a.operand.name.text != b.operand.name.text ||
      a.operand.attribute.text != b.operand.attribute.text || a.values.size() != b.values.size() ||
      a.children.size() != b.children.size())
    return false;
  for (std::size_t i = 0; i < a.values.size(); ++i)
    if (!same_value(a.values[i], b.values[i])) return false;
  for (std::size_t i = 0; i < a.children.size(); ++i)
    if (!same_condition(a.children[i], b.children[i])) return false;
  return true;
}

bool same_optional_condition(const std::optional<syntax::Condition>& a,
                             const std::optional<syntax::Condition>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || same_condition(*a, *b);
}

bool same_events(const syntax::EventRef& a, const syntax::EventRef& b) {
  if (a.ordinal != b.ordinal || a.every_type != b.every_type || a.types.size() != b.types.size())
    return false;
  for (std::size_t i = 0; i < a.types.size(); ++i)
    if (a.types[i].text != b.types[i].text) return false;
  return same_optional_condition(a.where, b.where);
}

bool same_trigger(const syntax::Trigger& a, const syntax::Trigger& b) {
  if (a.kind != b.kind) return false;
  if (a.kind == syntax::Trigger::Kind::age) return a.age == b.age;
  return same_events(a.events, b.events);
}

}  // namespace

bool same_period(const syntax::PeriodDecl& a, const syntax::PeriodDecl& b) {
  return same_trigger(a.start, b.start) && same_trigger(a.end, b.end) &&
         same_optional_condition(a.when, b.when);
}

std::vector<Period> build_periods(const Vocabulary& vocabulary, Reporter& reporter) {
  std::vector<Period> periods;
  for (const syntax::PeriodDecl* decl : vocabulary.period_decls) {
    Period period;
    period.name = decl->period.text;
    period.position = decl->period.position;
    if (auto start = resolve_trigger(decl->start, vocabulary, reporter))
      period.start = std::move(*start);
    if (auto end = resolve_trigger(decl->end, vocabulary, reporter)) period.end = std::move(*end);
    if (decl->when) period.when = resolve_condition(*decl->when, {}, vocabulary, reporter);
    periods.push_back(std::move(period));
  }
  return periods;
}

}  // namespace duly::check
