// Conditions: each name resolved to what it reads (an attribute of the event being tested, a
// case attribute, the latest value of another event's attribute, or the age) and each literal
// parsed once in every reading it can have. Attribute values are untyped text, so the only type
// errors are about `age` (a number of years), ordering against `true`/`false`, and dates that
// do not exist.
#include "engine/check/check.hpp"

#include <charconv>
#include <cmath>

namespace duly::check {

namespace {

std::optional<double> read_number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  double value = 0;
  const char* begin = text.data();
  if (*begin == '+') ++begin;
  auto [end, error] = std::from_chars(begin, text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (!std::isfinite(value)) return std::nullopt;  // `nan` and `inf` are words, not numbers
  return value;
}

std::string op_text(syntax::CompareOp op) {
  switch (op) {
    case syntax::CompareOp::equal:
      return "=";
    case syntax::CompareOp::not_equal:
      return "!=";
    case syntax::CompareOp::less:
      return "<";
    case syntax::CompareOp::less_equal:
      return "<=";
    case syntax::CompareOp::greater:
      return ">";
    case syntax::CompareOp::greater_equal:
      return ">=";
  }
  return "=";
}

bool is_ordering(syntax::CompareOp op) {
  return op != syntax::CompareOp::equal && op != syntax::CompareOp::not_equal;
}

class ConditionResolver {
 public:
  ConditionResolver(const ConditionScope& scope, const Vocabulary& vocabulary, Reporter& reporter)
      : scope_(scope), vocabulary_(vocabulary), reporter_(reporter) {}

  std::optional<Condition> resolve(const syntax::Condition& in) {
    Condition out;
    out.position = in.position;
    bool ok = true;
    switch (in.kind) {
      case syntax::Condition::Kind::all_of:
      case syntax::Condition::Kind::any_of:
      case syntax::Condition::Kind::negation:
        out.kind = in.kind == syntax::Condition::Kind::all_of   ? Condition::Kind::all_of
                   : in.kind == syntax::Condition::Kind::any_of ? Condition::Kind::any_of
                                                                : Condition::Kind::negation;
        // Every child is checked, so one pass reports every error in the condition.
        for (const auto& child : in.children) {
          auto resolved = resolve(child);
          if (resolved)
            out.children.push_back(std::move(*resolved));
          else
            ok = false;
        }
        break;
      case syntax::Condition::Kind::truth:
        out.kind = Condition::Kind::truth;
        if (in.operand.kind == syntax::Operand::Kind::age) {
          reporter_.error(in.operand.position, 3,
                          "`age` alone is not a condition; compare it with a number of years, "
                          "as in `age >= 3 years`");
          ok = false;
        }
        ok = resolve_operand(in.operand, out.operand) && ok;
        break;
      case syntax::Condition::Kind::compare:
      case syntax::Condition::Kind::in_list:
        out.kind = in.kind == syntax::Condition::Kind::compare ? Condition::Kind::compare
                                                               : Condition::Kind::in_list;
        out.op = static_cast<CompareOp>(in.op);
        ok = resolve_operand(in.operand, out.operand);
        if (in.operand.kind == syntax::Operand::Kind::time_in) ok = resolve_length(in, out) && ok;
        for (const auto& value : in.values) {
          ok = check_value(in, value) && ok;
          out.values.push_back(make_literal(value));
        }
        break;
    }
    if (!ok) return std::nullopt;
    return out;
  }

 private:
  bool check_value(const syntax::Condition& in, const syntax::Value& value) {
    bool ok = true;
    if (value.kind == syntax::Value::Kind::date && !parse_iso_date(value.text)) {
      reporter_.error(value.position, width_of(value),
                      backquoted(value.text) + " is not a real date");
      ok = false;
    }
    if (in.operand.kind == syntax::Operand::Kind::age) {
      if (value.kind != syntax::Value::Kind::number) {
        reporter_.error(value.position, width_of(value),
                        "`age` is a number of years and cannot be compared with " +
                            backquoted(spelling(value)));
        ok = false;
      }
    } else if (in.kind == syntax::Condition::Kind::compare && is_ordering(in.op) &&
               value.kind == syntax::Value::Kind::boolean) {
      reporter_.error(value.position, width_of(value),
                      backquoted(op_text(in.op)) + " cannot compare with " +
                          backquoted(value.text) +
                          "; a true/false value is tested with `=` or `!=`");
      ok = false;
    }
    return ok;
  }

  // `>= 13 weeks` after `time in P`: a length of time in days or weeks, held as a number of
  // days. Months and years are lengths of the calendar, not of time spent.
  bool resolve_length(const syntax::Condition& in, Condition& out) {
    if (!in.length) return false;
    const syntax::Duration& length = *in.length;
    if (length.unit != syntax::TimeUnit::days && length.unit != syntax::TimeUnit::weeks) {
      const char* unit = length.unit == syntax::TimeUnit::working_days ? "working days"
                         : length.unit == syntax::TimeUnit::months     ? "months"
                                                                       : "years";
      reporter_.error(
          length.position, static_cast<int>(std::to_string(length.amount).size()),
          "`time in` is a length of time: compare it with days or weeks, not " + std::string(unit));
      return false;
    }
    auto duration = resolve_duration(length, reporter_);
    if (!duration) return false;
    const int days = duration->unit == TimeUnit::weeks ? 7 * duration->amount : duration->amount;
    Literal literal;
    literal.text = std::to_string(days);
    literal.number = days;
    out.values.push_back(std::move(literal));
    return true;
  }

  // `time in cla since age 14`: a period, and the birthday the time is counted from.
  bool resolve_time_in(const syntax::Operand& in, Operand& out) {
    bool ok = true;
    if (scope_.of_events) {
      reporter_.error(in.position, 4,
                      "`time in` can be used only in `when`, not in `where` or `requires`: it "
                      "is a state of the case on a day, not an attribute of an event");
      ok = false;
    }
    out.kind = Operand::Kind::time_in;
    if (auto period = vocabulary_.find_period(in.name.text)) {
      out.period = *period;
    } else {
      reporter_.unknown_name(in.name.position, width_of(in.name),
                             "unknown period " + backquoted(in.name.text) +
                                 suggestion(in.name.text, vocabulary_.period_names));
      ok = false;
    }
    if (in.since_age) {
      const long long age = *in.since_age;
      if (age < 0 || age > 200) {
        reporter_.error(in.position, 4,
                        age < 0 ? "an age must be 0 or more, not " + std::to_string(age)
                                : "an age of " + std::to_string(age) + " is not a real age");
        ok = false;
      } else {
        out.since_age = static_cast<int>(age);
      }
    }
    return ok;
  }

  bool resolve_operand(const syntax::Operand& in, Operand& out) {
    switch (in.kind) {
      case syntax::Operand::Kind::age:
        out.kind = Operand::Kind::age;
        return true;
      case syntax::Operand::Kind::time_in:
        return resolve_time_in(in, out);
      case syntax::Operand::Kind::event_attribute:
        return resolve_latest(in, out);
      case syntax::Operand::Kind::attribute:
        return scope_.of_events ? resolve_event_attribute(in.name, out)
                                : resolve_case_attribute(in.name, out);
    }
    return false;
  }

  // `placement_start.permanent`
  bool resolve_latest(const syntax::Operand& in, Operand& out) {
    auto type = vocabulary_.find_event(in.name.text);
    if (!type) {
      reporter_.unknown_name(in.name.position, width_of(in.name),
                             "unknown event " + backquoted(in.name.text) +
                                 suggestion(in.name.text, vocabulary_.event_names()));
      return false;
    }
    auto attribute = vocabulary_.find_attribute(in.attribute.text);
    if (!attribute || !vocabulary_.declares(*type, *attribute)) {
      reporter_.unknown_name(in.attribute.position, width_of(in.attribute),
                             "event " + backquoted(in.name.text) + " has no attribute " +
                                 backquoted(in.attribute.text) +
                                 suggestion(in.attribute.text, vocabulary_.attributes_of({*type})));
      return false;
    }
    out.kind = Operand::Kind::latest_attribute;
    out.event_type = *type;
    out.attribute = *attribute;
    return true;
  }

  // In `where` and `requires`: an attribute of the event (of every type of `A or B`), else a
  // case attribute.
  bool resolve_event_attribute(const syntax::Name& name, Operand& out) {
    auto attribute = vocabulary_.find_attribute(name.text);
    std::optional<EventTypeId> lacking_type;
    for (EventTypeId type : scope_.event_types)
      if (!attribute || !vocabulary_.declares(type, *attribute)) {
        lacking_type = type;
        break;
      }
    if (attribute && !lacking_type) {
      out.kind = Operand::Kind::event_attribute;
      out.attribute = *attribute;
      return true;
    }
    if (auto case_attribute = vocabulary_.find_case_attribute(name.text)) {
      out.kind = Operand::Kind::case_attribute;
      out.case_attribute = *case_attribute;
      return true;
    }
    auto candidates = vocabulary_.attributes_of(scope_.event_types);
    for (auto& c : vocabulary_.case_attribute_names()) candidates.push_back(c);
    if (!attribute) {
      reporter_.unknown_name(
          name.position, width_of(name),
          "unknown attribute " + backquoted(name.text) + suggestion(name.text, candidates));
      return false;
    }
    std::string message = "event " + backquoted(vocabulary_.event_types[*lacking_type].name) +
                          " has no attribute " + backquoted(name.text);
    if (scope_.event_types.size() > 1)
      message += " (an attribute in a condition on `A or B` must belong to every type)";
    reporter_.unknown_name(name.position, width_of(name),
                           message + suggestion(name.text, candidates));
    return false;
  }

  // In `when`: a case attribute. An event attribute is only meaningful there as the latest
  // value of some event's attribute, which the dotted form says.
  bool resolve_case_attribute(const syntax::Name& name, Operand& out) {
    if (auto case_attribute = vocabulary_.find_case_attribute(name.text)) {
      out.kind = Operand::Kind::case_attribute;
      out.case_attribute = *case_attribute;
      return true;
    }
    if (auto attribute = vocabulary_.find_attribute(name.text)) {
      for (const auto& type : vocabulary_.event_types)
        if (vocabulary_.declares(static_cast<EventTypeId>(&type - vocabulary_.event_types.data()),
                                 *attribute)) {
          reporter_.unknown_name(name.position, width_of(name),
                                 backquoted(name.text) +
                                     " is not a case attribute; for the latest " +
                                     backquoted(type.name) + "'s value, write " +
                                     backquoted(type.name + "." + name.text));
          return false;
        }
    }
    reporter_.unknown_name(name.position, width_of(name),
                           "unknown case attribute " + backquoted(name.text) +
                               suggestion(name.text, vocabulary_.case_attribute_names()));
    return false;
  }

  const ConditionScope& scope_;
  const Vocabulary& vocabulary_;
  Reporter& reporter_;
};

}  // namespace

Literal make_literal(const syntax::Value& value) {
  Literal literal;
  literal.text = value.text;
  literal.number = read_number(value.text);
  literal.date = parse_iso_date(value.text);
  if (value.kind == syntax::Value::Kind::boolean) {
    literal.is_boolean = true;
    literal.truth = value.text == "true";
  }
  return literal;
}

std::optional<Condition> resolve_condition(const syntax::Condition& condition,
                                           const ConditionScope& scope,
                                           const Vocabulary& vocabulary, Reporter& reporter) {
  return ConditionResolver(scope, vocabulary, reporter).resolve(condition);
}

}  // namespace duly::check
