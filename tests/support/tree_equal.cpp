// Structural equality of syntax trees, for testing `duly fmt`: every comparison returns "" when
// the two sides agree, or a short description of the first difference, prefixed on the way up
// with where it was, so a failing test says what changed.
#include "tests/support/tree_equal.hpp"

#include <functional>
#include <string_view>
#include <type_traits>

namespace duly::syntax {
namespace {

using Difference = std::string;  // "" when equal

Difference at(std::string_view where, const Difference& difference) {
  if (difference.empty()) return difference;
  return std::string(where) + ": " + difference;
}

Difference compare_text(std::string_view what, const std::string& a, const std::string& b) {
  if (a == b) return "";
  return std::string(what) + " '" + a + "' vs '" + b + "'";
}

Difference compare_number(std::string_view what, long long a, long long b) {
  if (a == b) return "";
  return std::string(what) + " " + std::to_string(a) + " vs " + std::to_string(b);
}

template <typename T, typename Compare>
Difference compare_list(std::string_view what, const std::vector<T>& a, const std::vector<T>& b,
                        Compare compare) {
  if (a.size() != b.size()) {
    return std::string(what) + ": " + std::to_string(a.size()) + " vs " + std::to_string(b.size()) +
           " entries";
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    Difference d = compare(a[i], b[i]);
    if (!d.empty()) return std::string(what) + " " + std::to_string(i + 1) + ": " + d;
  }
  return "";
}

template <typename T, typename Compare>
Difference compare_optional(std::string_view what, const std::optional<T>& a,
                            const std::optional<T>& b, Compare compare) {
  if (a.has_value() != b.has_value()) {
    return std::string(what) + (a ? " present vs absent" : " absent vs present");
  }
  return a ? at(what, compare(*a, *b)) : "";
}

Difference compare_name(const Name& a, const Name& b) {
  return compare_text("name", a.text, b.text);
}

Difference compare_value(const Value& a, const Value& b) {
  if (a.kind != b.kind) return "kind of value '" + a.text + "' vs '" + b.text + "'";
  return compare_text("value", a.text, b.text);
}

Difference compare_operand(const Operand& a, const Operand& b) {
  if (a.kind != b.kind)
    return "operand kind differs ('" + a.name.text + "' vs '" + b.name.text + "')";
  if (a.kind == Operand::Kind::age) return "";
  if (Difference d = compare_text("operand", a.name.text, b.name.text); !d.empty()) return d;
  if (a.kind == Operand::Kind::time_in) {
    if (a.since_age != b.since_age) return "`since age` differs";
    return "";
  }
  if (a.kind != Operand::Kind::event_attribute) return "";
  return compare_text("attribute", a.attribute.text, b.attribute.text);
}

Difference compare_duration(const Duration& a, const Duration& b);

// `and` and `or` are associative: a child of the same kind (only possible with parentheses) is
// spliced into its parent, so `(a and b) and c` compares equal to `a and b and c`.
Condition flattened(const Condition& condition) {
  Condition out = condition;
  out.children.clear();
  for (const Condition& child : condition.children) {
    Condition flat = flattened(child);
    bool associative =
        condition.kind == Condition::Kind::all_of || condition.kind == Condition::Kind::any_of;
    if (associative && flat.kind == condition.kind) {
      for (Condition& grandchild : flat.children) out.children.push_back(std::move(grandchild));
    } else {
      out.children.push_back(std::move(flat));
    }
  }
  return out;
}

Difference compare_flat_condition(const Condition& a, const Condition& b) {
  if (a.kind != b.kind) return "kind of condition differs";
  switch (a.kind) {
    case Condition::Kind::compare:
      if (Difference d = compare_operand(a.operand, b.operand); !d.empty()) return d;
      if (a.op != b.op) return "comparison operator differs";
      if (Difference d = compare_optional("length", a.length, b.length, compare_duration);
          !d.empty()) {
        return d;
      }
      return compare_list("values", a.values, b.values, compare_value);
    case Condition::Kind::in_list:
      if (Difference d = compare_operand(a.operand, b.operand); !d.empty()) return d;
      return compare_list("values", a.values, b.values, compare_value);
    case Condition::Kind::truth:
      return compare_operand(a.operand, b.operand);
    case Condition::Kind::all_of:
    case Condition::Kind::any_of:
    case Condition::Kind::negation:
      return compare_list("operand", a.children, b.children, compare_flat_condition);
  }
  return "";
}

Difference compare_condition(const Condition& a, const Condition& b) {
  return compare_flat_condition(flattened(a), flattened(b));
}

Difference compare_duration(const Duration& a, const Duration& b) {
  if (Difference d = compare_number("amount", a.amount, b.amount); !d.empty()) return d;
  if (a.unit != b.unit) return "unit differs";
  return "";
}

Difference compare_events(const EventRef& a, const EventRef& b) {
  if (a.ordinal != b.ordinal) return "ordinal (first/second) differs";
  if (a.every_type != b.every_type) return "`each event` vs named event types";
  if (Difference d = compare_list("event type", a.types, b.types, compare_name); !d.empty()) {
    return d;
  }
  return compare_optional("where", a.where, b.where, compare_condition);
}

Difference compare_trigger(const Trigger& a, const Trigger& b) {
  if (a.kind != b.kind) return "`age N` vs events";
  if (a.kind == Trigger::Kind::age) return compare_number("age", a.age, b.age);
  return compare_events(a.events, b.events);
}

Difference compare_interval(const Interval& a, const Interval& b) {
  if (Difference d = at("every", compare_duration(a.every, b.every)); !d.empty()) return d;
  if (Difference d = compare_optional("when", a.when, b.when, compare_condition); !d.empty()) {
    return d;
  }
  return compare_optional("until", a.until, b.until, compare_events);
}

Difference compare_form(const Deadline& a, const Deadline& b) {
  if (Difference d = at("target", compare_events(a.target, b.target)); !d.empty()) return d;
  if (Difference d = at("within", compare_duration(a.within, b.within)); !d.empty()) return d;
  if (Difference d = at("after", compare_trigger(a.after, b.after)); !d.empty()) return d;
  return a.or_earlier == b.or_earlier ? "" : "`or earlier` differs";
}

Difference compare_form(const Recurrence& a, const Recurrence& b) {
  if (Difference d = at("target", compare_events(a.target, b.target)); !d.empty()) return d;
  if (Difference d = compare_list("interval", a.intervals, b.intervals, compare_interval);
      !d.empty()) {
    return d;
  }
  if (Difference d = compare_number("every count", a.every_count, b.every_count); !d.empty()) {
    return d;
  }
  if (Difference d = compare_text("counted", a.count_noun.text, b.count_noun.text); !d.empty()) {
    return d;
  }
  return compare_optional("after", a.after, b.after, compare_events);
}

Difference compare_form(const Notice& a, const Notice& b) {
  if (Difference d = at("target", compare_events(a.target, b.target)); !d.empty()) return d;
  if (Difference d = compare_optional("at least", a.before, b.before, compare_duration);
      !d.empty()) {
    return d;
  }
  return at("before", compare_events(a.trigger, b.trigger));
}

Difference compare_form(const Each& a, const Each& b) {
  if (Difference d = at("target", compare_events(a.target, b.target)); !d.empty()) return d;
  return at("requires", compare_condition(a.requirement, b.requirement));
}

Difference compare_form(const Recording& a, const Recording& b) {
  if (Difference d = at("target", compare_events(a.target, b.target)); !d.empty()) return d;
  return at("recorded within", compare_duration(a.within, b.within));
}

Difference compare_form(const Between& a, const Between& b) {
  if (Difference d = at("target", compare_events(a.target, b.target)); !d.empty()) return d;
  if (a.consecutive != b.consecutive) return "`consecutive` differs";
  if (Difference d = at("start", compare_events(a.start, b.start)); !d.empty()) return d;
  if (Difference d = compare_optional("end", a.end, b.end, compare_events); !d.empty()) return d;
  return compare_optional("after", a.after, b.after, compare_events);
}

Difference compare_body(const RuleBody& a, const RuleBody& b) {
  if (a.form.index() != b.form.index()) return "form of rule differs";
  Difference d = std::visit(
      [&](const auto& form) -> Difference {
        return compare_form(form, std::get<std::decay_t<decltype(form)>>(b.form));
      },
      a.form);
  if (!d.empty()) return d;
  if (Difference d2 = compare_optional("during", a.during, b.during, compare_name); !d2.empty()) {
    return d2;
  }
  return compare_optional("when", a.when, b.when, compare_condition);
}

Difference compare_item(const ItemKind& a, const ItemKind& b) {
  if (a.index() != b.index()) return "kind of item differs";
  return std::visit(
      [&](const auto& item) -> Difference {
        using Kind = std::decay_t<decltype(item)>;
        const Kind& other = std::get<Kind>(b);
        if constexpr (std::is_same_v<Kind, PolicyName>) {
          return compare_text("policy name", item.name, other.name);
        } else if constexpr (std::is_same_v<Kind, CalendarDecl>) {
          if (Difference d = compare_name(item.calendar, other.calendar); !d.empty()) return d;
          return compare_list("extra day", item.extra_days, other.extra_days, compare_value);
        } else if constexpr (std::is_same_v<Kind, CountTriggerDay>) {
          return "";
        } else if constexpr (std::is_same_v<Kind, Include>) {
          return compare_value(item.file, other.file);
        } else if constexpr (std::is_same_v<Kind, EventDecl>) {
          if (Difference d = compare_name(item.event, other.event); !d.empty()) return d;
          return compare_list("attribute", item.attributes, other.attributes, compare_name);
        } else if constexpr (std::is_same_v<Kind, CaseDecl>) {
          return compare_list("attribute", item.attributes, other.attributes, compare_name);
        } else if constexpr (std::is_same_v<Kind, PeriodDecl>) {
          if (Difference d = compare_name(item.period, other.period); !d.empty()) return d;
          if (Difference d = at("from", compare_trigger(item.start, other.start)); !d.empty()) {
            return d;
          }
          if (Difference d = at("until", compare_trigger(item.end, other.end)); !d.empty()) {
            return d;
          }
          return compare_optional("when", item.when, other.when, compare_condition);
        } else if constexpr (std::is_same_v<Kind, RuleDecl>) {
          if (Difference d = compare_text("id", item.id.text, other.id.text); !d.empty()) return d;
          if (Difference d = compare_text("rule name", item.name, other.name); !d.empty()) {
            return d;
          }
          return compare_body(item.body, other.body);
        } else if constexpr (std::is_same_v<Kind, OverrideDecl>) {
          if (Difference d = compare_text("id", item.id.text, other.id.text); !d.empty()) return d;
          if (Difference d = compare_optional("rule name", item.name, other.name,
                                              [](const std::string& x, const std::string& y) {
                                                return compare_text("", x, y);
                                              });
              !d.empty()) {
            return d;
          }
          return compare_body(item.body, other.body);
        } else if constexpr (std::is_same_v<Kind, IndicatorDecl>) {
          if (Difference d = compare_text("id", item.id.text, other.id.text); !d.empty()) return d;
          if (Difference d = compare_text("indicator name", item.name, other.name); !d.empty()) {
            return d;
          }
          if (Difference d = compare_name(item.period, other.period); !d.empty()) return d;
          return at("repeated within", compare_duration(item.within, other.within));
        } else {
          static_assert(std::is_same_v<Kind, DropDecl>);
          return compare_text("id", item.id.text, other.id.text);
        }
      },
      a);
}

}  // namespace

std::string tree_difference(const File& a, const File& b) {
  if (a.items.size() != b.items.size()) {
    return std::to_string(a.items.size()) + " vs " + std::to_string(b.items.size()) + " items";
  }
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    Difference d = compare_item(a.items[i].kind, b.items[i].kind);
    if (!d.empty()) return "item " + std::to_string(i + 1) + ": " + d;
  }
  return "";
}

bool tree_equal(const File& a, const File& b) { return tree_difference(a, b).empty(); }

}  // namespace duly::syntax
