// Event references (`first core_group where outcome = "plan"`, `rcpcc or core_group`), triggers
// (events or `age N`) and durations, checked and turned into their Policy form.
#include "engine/check/check.hpp"

namespace duly::check {

namespace {

const char* unit_singular(syntax::TimeUnit unit) {
  switch (unit) {
    case syntax::TimeUnit::days:
      return "day";
    case syntax::TimeUnit::working_days:
      return "working day";
    case syntax::TimeUnit::weeks:
      return "week";
    case syntax::TimeUnit::months:
      return "month";
    case syntax::TimeUnit::years:
      return "year";
  }
  return "day";
}

// Longer than anyone means, and short enough that date arithmetic stays far from overflow.
constexpr long long max_duration_amount = 100000;

}  // namespace

std::optional<EventFilter> resolve_filter(const syntax::EventRef& ref, const Vocabulary& vocabulary,
                                          Reporter& reporter) {
  EventFilter filter;
  filter.position = ref.position;
  filter.ordinal = static_cast<Ordinal>(ref.ordinal);
  bool ok = true;
  if (ref.every_type) {
    for (std::size_t i = 0; i < vocabulary.event_types.size(); ++i)
      filter.types.push_back(static_cast<EventTypeId>(i));
  }
  for (const auto& name : ref.types) {
    auto type = vocabulary.find_event(name.text);
    if (!type) {
      reporter.unknown_name(name.position, width_of(name),
                            "unknown event " + backquoted(name.text) +
                                suggestion(name.text, vocabulary.event_names()));
      ok = false;
      continue;
    }
    bool seen = false;
    for (EventTypeId t : filter.types) seen = seen || t == *type;
    if (!seen) filter.types.push_back(*type);
  }
  if (ref.where) {
    // With an unknown type the condition is still checked against the known ones, but not when
    // none is known: every name in it would be reported again.
    if (!filter.types.empty() || ref.types.empty()) {
      ConditionScope scope{true, filter.types};
      filter.where = resolve_condition(*ref.where, scope, vocabulary, reporter);
      if (!filter.where) ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return filter;
}

std::optional<Trigger> resolve_trigger(const syntax::Trigger& in, const Vocabulary& vocabulary,
                                       Reporter& reporter) {
  Trigger out;
  out.position = in.position;
  if (in.kind == syntax::Trigger::Kind::age) {
    out.kind = Trigger::Kind::age;
    if (in.age < 0 || in.age > 200) {
      reporter.error(in.position, 3 + 1 + static_cast<int>(std::to_string(in.age).size()),
                     in.age < 0 ? "an age must be 0 or more, not " + std::to_string(in.age)
                                : "an age of " + std::to_string(in.age) + " is not a real age");
      return std::nullopt;
    }
    out.age = static_cast<int>(in.age);
    return out;
  }
  out.kind = Trigger::Kind::events;
  auto events = resolve_filter(in.events, vocabulary, reporter);
  if (!events) return std::nullopt;
  out.events = std::move(*events);
  return out;
}

std::optional<Duration> resolve_duration(const syntax::Duration& in, Reporter& reporter) {
  const std::string amount = std::to_string(in.amount);
  const std::string unit = unit_singular(in.unit);
  if (in.amount < 1) {
    reporter.error(
        in.position, static_cast<int>(amount.size()),
        "a duration must be at least 1 " + unit + ", not " + backquoted(amount + " " + unit + "s"));
    return std::nullopt;
  }
  if (in.amount > max_duration_amount) {
    reporter.error(in.position, static_cast<int>(amount.size()),
                   "a duration of " + amount + " " + unit + "s is too long (at most " +
                       std::to_string(max_duration_amount) + ")");
    return std::nullopt;
  }
  return Duration{static_cast<int>(in.amount), static_cast<TimeUnit>(in.unit)};
}

}  // namespace duly::check
