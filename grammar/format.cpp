// `duly fmt`'s printer: a syntax tree back to text in the canonical layout, which reads like
// the policy a lead would write by hand:
//
// - Items in the order written, one per line: `policy "NAME"`, `calendar NAME plus D, D`,
//   `count the trigger day`, `include "FILE"`, `event NAME has a, b`, `case has a, b`,
//   `period P from S until E when C`, `drop rule ID`.
// - A rule is its heading `rule ID "NAME":` (or `override rule ID ["NAME"]:`) and, on the next
//   line indented two spaces, its body on one line. The rule's own `during P` then `when C` come
//   last, before `requires COND` / `recorded within D` in the `each` forms. Recurrences are
//   spelled in full (`X every 6 weeks, every 3 months when C during P`), never `during`-first.
//   An indicator is laid out like a rule: `indicator ID "NAME":`, then `  P repeated within D`.
// - Blank lines keep the author's grouping, at most one in a row, none at the start. A rule,
//   override or indicator always has one blank line before it, and so does a drop that follows
//   anything but another drop. A gap the author left between leading comments, or between them and
//   their item, is kept as one blank line (the positions say where it was).
// - Comments keep their text (trailing spaces trimmed). Leading comments stand on their own
//   lines before their item; a trailing comment follows the line it was on (a rule's heading,
//   or its body) after two spaces; comments from lines that the canonical layout joins are
//   joined on the one line, two spaces apart, so they read back as one comment in the same
//   place. Comments on their own lines inside a rule go between its heading and its body.
// - Tokens are one space apart; lists are `a, b`; `in ["a", "b"]`; strings re-escaped (`\"`,
//   `\\`); units in the singular for an amount of 1 (`1 week`, `1 working day`), else plural;
//   `age < 3 years`. Parentheses the author wrote stay; others are added only where meaning needs
//   them (`or` inside `and`, `and`/`or` inside `not`), and around the `where` of S in
//   `between S and E` when it has a top-level `and` or `or` (the grammar reads a top-level
//   `and` there as the `and E` of `between`; `or` is clearer in parentheses too).
#include "grammar/format.hpp"

#include <string_view>
#include <type_traits>

namespace duly::syntax {
namespace {

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

std::string value_text(const Value& value) {
  return value.kind == Value::Kind::string ? quoted(value.text) : value.text;
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

template <typename T, typename Print>
std::string joined(const std::vector<T>& items, std::string_view separator, Print print) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += print(items[i]);
  }
  return out;
}

std::string name_list(const std::vector<Name>& names) {
  return joined(names, ", ", [](const Name& name) { return name.text; });
}

const char* unit_word(TimeUnit unit, bool one) {
  switch (unit) {
    case TimeUnit::days:
      return one ? "day" : "days";
    case TimeUnit::working_days:
      return one ? "working day" : "working days";
    case TimeUnit::weeks:
      return one ? "week" : "weeks";
    case TimeUnit::months:
      return one ? "month" : "months";
    case TimeUnit::years:
      return one ? "year" : "years";
  }
  return "days";
}

std::string duration_text(const Duration& duration) {
  return std::to_string(duration.amount) + " " + unit_word(duration.unit, duration.amount == 1);
}

std::string operand_text(const Operand& operand) {
  switch (operand.kind) {
    case Operand::Kind::attribute:
      return operand.name.text;
    case Operand::Kind::event_attribute:
      return operand.name.text + "." + operand.attribute.text;
    case Operand::Kind::age:
      return "age";
    case Operand::Kind::time_in:
      return "time in " + operand.name.text +
             (operand.since_age ? " since age " + std::to_string(*operand.since_age) : "");
  }
  return operand.name.text;
}

// How tightly a condition binds: `or` loosest, then `and`, then `not`, then the atoms.
int binding(const Condition& condition) {
  switch (condition.kind) {
    case Condition::Kind::any_of:
      return 1;
    case Condition::Kind::all_of:
      return 2;
    case Condition::Kind::negation:
      return 3;
    default:
      return 4;
  }
}

// `context` is the binding of the operator this condition is an operand of (0 at the top): a
// condition that binds less tightly than its context needs parentheses to keep its meaning.
std::string condition_text(const Condition& condition, int context) {
  std::string inner;
  switch (condition.kind) {
    case Condition::Kind::compare: {
      inner = operand_text(condition.operand) + " " + operator_text(condition.op);
      if (condition.length) inner += " " + duration_text(*condition.length);
      if (!condition.values.empty()) {
        const Value& value = condition.values.front();
        inner += " " + value_text(value);
        // `age` is counted in whole years; the unit is part of how people say it.
        if (condition.operand.kind == Operand::Kind::age && value.kind == Value::Kind::number) {
          inner += value.text == "1" ? " year" : " years";
        }
      }
      break;
    }
    case Condition::Kind::in_list:
      inner = operand_text(condition.operand) + " in [" +
              joined(condition.values, ", ", value_text) + "]";
      break;
    case Condition::Kind::truth:
      inner = operand_text(condition.operand);
      break;
    case Condition::Kind::all_of:
      inner = joined(condition.children, " and ",
                     [](const Condition& child) { return condition_text(child, 2); });
      break;
    case Condition::Kind::any_of:
      inner = joined(condition.children, " or ",
                     [](const Condition& child) { return condition_text(child, 1); });
      break;
    case Condition::Kind::negation:
      inner = "not ";
      if (!condition.children.empty()) inner += condition_text(condition.children.front(), 3);
      break;
  }
  if (condition.parenthesized || binding(condition) < context) return "(" + inner + ")";
  return inner;
}

// `start_of_pair`: the S of `between S and E`, where a top-level `and` would be read as the
// `and E` of `between`, so a condition with a top-level `and` or `or` goes in parentheses.
std::string event_ref_text(const EventRef& events, bool start_of_pair = false) {
  std::string out;
  if (events.ordinal == Ordinal::first) out += "first ";
  if (events.ordinal == Ordinal::second) out += "second ";
  if (events.every_type) {
    out += "event";
  } else {
    out += joined(events.types, " or ", [](const Name& name) { return name.text; });
  }
  if (events.where) {
    Condition where = *events.where;
    if (start_of_pair &&
        (where.kind == Condition::Kind::all_of || where.kind == Condition::Kind::any_of)) {
      where.parenthesized = true;
    }
    out += " where " + condition_text(where, 0);
  }
  return out;
}

std::string trigger_text(const Trigger& trigger) {
  if (trigger.kind == Trigger::Kind::age) return "age " + std::to_string(trigger.age);
  return event_ref_text(trigger.events);
}

// The intervals of a time recurrence: phases are joined by `then`, state-dependent intervals
// by commas.
std::string intervals_text(const std::vector<Interval>& intervals) {
  std::string out;
  for (std::size_t i = 0; i < intervals.size(); ++i) {
    const Interval& interval = intervals[i];
    if (i > 0) out += intervals[i - 1].until ? " then " : ", ";
    out += "every " + duration_text(interval.every);
    if (interval.when) out += " when " + condition_text(*interval.when, 0);
    if (interval.until) out += " until " + event_ref_text(*interval.until);
  }
  return out;
}

// The rule's own `during P` and `when C`, which come after everything that filters events.
std::string scope_text(const RuleBody& body) {
  std::string out;
  if (body.during) out += " during " + body.during->text;
  if (body.when) out += " when " + condition_text(*body.when, 0);
  return out;
}

std::string body_text(const RuleBody& body) {
  return std::visit(
      [&](const auto& form) -> std::string {
        using Form = std::decay_t<decltype(form)>;
        if constexpr (std::is_same_v<Form, Deadline>) {
          return event_ref_text(form.target) + " within " + duration_text(form.within) + " after " +
                 trigger_text(form.after) + (form.or_earlier ? " or earlier" : "") +
                 scope_text(body);
        } else if constexpr (std::is_same_v<Form, Recurrence>) {
          std::string out = event_ref_text(form.target) + " ";
          if (form.intervals.empty()) {
            out += "every " + std::to_string(form.every_count) + " " + form.count_noun.text;
          } else {
            out += intervals_text(form.intervals);
          }
          if (form.after) out += " after " + event_ref_text(*form.after);
          return out + scope_text(body);
        } else if constexpr (std::is_same_v<Form, Notice>) {
          std::string out = event_ref_text(form.target);
          if (form.before) out += " at least " + duration_text(*form.before);
          return out + " before " + event_ref_text(form.trigger) + scope_text(body);
        } else if constexpr (std::is_same_v<Form, Each>) {
          return "each " + event_ref_text(form.target) + scope_text(body) + " requires " +
                 condition_text(form.requirement, 0);
        } else if constexpr (std::is_same_v<Form, Recording>) {
          return "each " + event_ref_text(form.target) + scope_text(body) + " recorded within " +
                 duration_text(form.within);
        } else {
          static_assert(std::is_same_v<Form, Between>);
          std::string out = event_ref_text(form.target) + " between ";
          if (form.consecutive) {
            out += "consecutive " + event_ref_text(form.start);
          } else {
            out += event_ref_text(form.start, form.end.has_value());
            if (form.end) out += " and " + event_ref_text(*form.end);
          }
          if (form.after) out += " after " + event_ref_text(*form.after);
          return out + scope_text(body);
        }
      },
      body.form);
}

// The single line of an item that is not a rule.
std::string declaration_text(const ItemKind& kind) {
  return std::visit(
      [](const auto& item) -> std::string {
        using Kind = std::decay_t<decltype(item)>;
        if constexpr (std::is_same_v<Kind, PolicyName>) {
          return "policy " + quoted(item.name);
        } else if constexpr (std::is_same_v<Kind, CalendarDecl>) {
          std::string out = "calendar " + item.calendar.text;
          if (!item.extra_days.empty()) out += " plus " + joined(item.extra_days, ", ", value_text);
          return out;
        } else if constexpr (std::is_same_v<Kind, CountTriggerDay>) {
          return "count the trigger day";
        } else if constexpr (std::is_same_v<Kind, Include>) {
          return "include " + quoted(item.file.text);
        } else if constexpr (std::is_same_v<Kind, EventDecl>) {
          std::string out = "event " + item.event.text;
          if (!item.attributes.empty()) out += " has " + name_list(item.attributes);
          return out;
        } else if constexpr (std::is_same_v<Kind, CaseDecl>) {
          return "case has " + name_list(item.attributes);
        } else if constexpr (std::is_same_v<Kind, PeriodDecl>) {
          std::string out = "period " + item.period.text + " from " + trigger_text(item.start) +
                            " until " + trigger_text(item.end);
          if (item.when) out += " when " + condition_text(*item.when, 0);
          return out;
        } else if constexpr (std::is_same_v<Kind, DropDecl>) {
          return "drop rule " + item.id.text;
        } else {
          return "";  // rules are printed by rule_lines
        }
      },
      kind);
}

bool is_rule_block(const Item& item) {
  return std::holds_alternative<RuleDecl>(item.kind) ||
         std::holds_alternative<OverrideDecl>(item.kind) ||
         std::holds_alternative<IndicatorDecl>(item.kind);
}

// Appends `line`, then the comments that trail it, two spaces apart.
void add_line(std::string& out, std::string_view indent, const std::string& line,
              const std::vector<const Comment*>& comments) {
  out += indent;
  out += line;
  for (const Comment* comment : comments) out += "  " + trimmed(comment->text);
  out += '\n';
}

// Own-line comments, keeping one blank line where the author left a gap between them.
void add_comment_lines(std::string& out, std::string_view indent,
                       const std::vector<Comment>& comments) {
  for (std::size_t i = 0; i < comments.size(); ++i) {
    if (i > 0 && comments[i - 1].position.line > 0 &&
        comments[i].position.line > comments[i - 1].position.line + 1) {
      out += '\n';
    }
    out += indent;
    out += trimmed(comments[i].text);
    out += '\n';
  }
}

// A heading and a body on the next line: rules, overrides and indicators.
void add_block(std::string& out, const Item& item, const std::string& heading,
               const SourcePosition& body_position, const std::string& body) {
  // Comments written before the body's line trail the heading; those on or after it trail the
  // body; comments alone on a line inside the rule stand between the two.
  std::vector<const Comment*> on_heading, on_body;
  std::vector<Comment> inside;
  for (const Comment& comment : item.trailing_comments) {
    if (comment.own_line) {
      inside.push_back(comment);
    } else if (body_position.line > 0 && comment.position.line < body_position.line) {
      on_heading.push_back(&comment);
    } else {
      on_body.push_back(&comment);
    }
  }
  add_line(out, "", heading, on_heading);
  // Gaps between comments inside a rule would end the rule for a reader: none are kept.
  for (Comment& comment : inside) comment.position.line = 0;
  add_comment_lines(out, "  ", inside);
  add_line(out, "  ", body, on_body);
}

void add_rule(std::string& out, const Item& item, const std::string& heading,
              const RuleBody& body) {
  add_block(out, item, heading, body.position, body_text(body));
}

void add_item(std::string& out, const Item& item) {
  if (const auto* rule = std::get_if<RuleDecl>(&item.kind)) {
    add_rule(out, item, "rule " + rule->id.text + " " + quoted(rule->name) + ":", rule->body);
  } else if (const auto* override_rule = std::get_if<OverrideDecl>(&item.kind)) {
    std::string heading = "override rule " + override_rule->id.text;
    if (override_rule->name) heading += " " + quoted(*override_rule->name);
    add_rule(out, item, heading + ":", override_rule->body);
  } else if (const auto* indicator = std::get_if<IndicatorDecl>(&item.kind)) {
    add_block(out, item, "indicator " + indicator->id.text + " " + quoted(indicator->name) + ":",
              indicator->body_position,
              indicator->period.text + " repeated within " + duration_text(indicator->within));
  } else {
    std::vector<const Comment*> comments;
    for (const Comment& comment : item.trailing_comments) comments.push_back(&comment);
    add_line(out, "", declaration_text(item.kind), comments);
  }
}

}  // namespace

std::string format(const File& file) {
  std::string out;
  for (std::size_t i = 0; i < file.items.size(); ++i) {
    const Item& item = file.items[i];
    if (i > 0) {
      const Item& previous = file.items[i - 1];
      bool drop_after_drop = std::holds_alternative<DropDecl>(item.kind) &&
                             std::holds_alternative<DropDecl>(previous.kind);
      bool rule_item = is_rule_block(item) || std::holds_alternative<DropDecl>(item.kind);
      if (item.blank_line_before || (rule_item && !drop_after_drop)) out += '\n';
    }
    add_comment_lines(out, "", item.leading_comments);
    if (!item.leading_comments.empty()) {
      int last = item.leading_comments.back().position.line;
      if (last > 0 && item.position.line > last + 1) out += '\n';
    }
    add_item(out, item);
  }
  if (!file.final_comments.empty()) {
    if (!out.empty() && file.blank_line_before_final_comments) out += '\n';
    add_comment_lines(out, "", file.final_comments);
  }
  return out;
}

std::string format(const Condition& condition) { return condition_text(condition, 0); }
std::string format(const EventRef& events) { return event_ref_text(events); }
std::string format(const Duration& duration) { return duration_text(duration); }
std::string format(const RuleBody& body) { return body_text(body); }

const char* operator_text(CompareOp op) {
  switch (op) {
    case CompareOp::equal:
      return "=";
    case CompareOp::not_equal:
      return "!=";
    case CompareOp::less:
      return "<";
    case CompareOp::less_equal:
      return "<=";
    case CompareOp::greater:
      return ">";
    case CompareOp::greater_equal:
      return ">=";
  }
  return "=";
}

}  // namespace duly::syntax
