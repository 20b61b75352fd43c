// Periods: `period P from START until END [when C]`, with START and END resolved like any
// trigger and C a state condition tested on the START day. Also what "the same declaration"
// means when a period is declared in two files, and the rule that a period's `when` may not
// depend on the period itself through `time in` (its instances would be defined by themselves).
#include "engine/check/check.hpp"

#include <algorithm>

namespace duly::check {

namespace {

bool same_value(const syntax::Value& a, const syntax::Value& b) {
  return a.kind == b.kind && a.text == b.text;
}

bool same_length(const std::optional<syntax::Duration>& a,
                 const std::optional<syntax::Duration>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->amount == b->amount && a->unit == b->unit);
}

bool same_condition(const syntax::Condition& a, const syntax::Condition& b) {
  if (a.kind != b.kind || a.op != b.op || a.operand.kind != b.operand.kind ||
      a.operand.name.text != b.operand.name.text ||
      a.operand.attribute.text != b.operand.attribute.text ||
      a.operand.since_age != b.operand.since_age || !same_length(a.length, b.length) ||
      a.values.size() != b.values.size() || a.children.size() != b.children.size())
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

// The `time in P` operands of a condition, in the order written.
void time_in_operands(const syntax::Condition& c, std::vector<const syntax::Operand*>& out) {
  if (c.operand.kind == syntax::Operand::Kind::time_in) out.push_back(&c.operand);
  for (const auto& child : c.children) time_in_operands(child, out);
}

// One edge of the graph "the `when` of period `from` reads `time in` period `to`".
struct Dependency {
  PeriodId to;
  const syntax::Operand* operand;  // where it is written
};

// A period whose `when` reads the time in itself, directly or through other periods: one error
// per cycle, at the `time in` of the cycle's first-declared period that starts it, naming the
// chain. Only paths through later-declared periods are followed from each period, so a cycle is
// found from its first member only.
void check_time_in_cycles(const Vocabulary& vocabulary, Reporter& reporter) {
  const std::size_t n = vocabulary.period_decls.size();
  std::vector<std::vector<Dependency>> edges(n);
  for (std::size_t p = 0; p < n; ++p) {
    const auto* decl = vocabulary.period_decls[p];
    if (!decl->when) continue;
    std::vector<const syntax::Operand*> operands;
    time_in_operands(*decl->when, operands);
    for (const auto* operand : operands)
      if (auto to = vocabulary.find_period(operand->name.text)) edges[p].push_back({*to, operand});
  }
  for (std::size_t first = 0; first < n; ++first) {
    // Depth-first from `first` through periods declared after it; `path` is the chain so far.
    std::vector<PeriodId> path{static_cast<PeriodId>(first)};
    std::vector<bool> visited(n, false);
    const syntax::Operand* start_operand = nullptr;
    auto search = [&](auto& self, PeriodId at) -> bool {
      for (const Dependency& edge : edges[at]) {
        if (at == first) start_operand = edge.operand;
        if (edge.to == first) {
          path.push_back(edge.to);
          return true;
        }
        if (edge.to < first || visited[edge.to]) continue;
        visited[edge.to] = true;
        path.push_back(edge.to);
        if (self(self, edge.to)) return true;
        path.pop_back();
      }
      return false;
    };
    if (!search(search, static_cast<PeriodId>(first))) continue;
    std::string chain;
    for (std::size_t i = 0; i < path.size(); ++i)
      chain += (i ? " -> " : "") + backquoted(vocabulary.period_names[path[i]]);
    const auto& name = vocabulary.period_names[first];
    reporter.error(
        start_operand->name.position, width_of(start_operand->name),
        path.size() == 2
            ? "period " + backquoted(name) + " cannot use the time in itself in its own `when`"
            : "period " + backquoted(name) + " depends on itself through `time in`: " + chain);
  }
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
  check_time_in_cycles(vocabulary, reporter);
  return periods;
}

}  // namespace duly::check
