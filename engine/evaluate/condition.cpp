// Conditions on a day (docs/language.md, "Conditions"). Two-valued: a comparison with a
// missing value is false, and `!=` is `not (=)`, so it is true for a missing value. Values are
// untyped text: numeric when both sides are numbers, by date when both are dates, else text.
#include "engine/evaluate/case_context.hpp"

#include <duly/duration.hpp>

#include <algorithm>

namespace duly::detail {
namespace {

// -1, 0 or 1; how two readings of a value compare under the language's typing (docs/language.md,
// "Conditions").
int compare_value(const Value& value, const Literal& literal) {
  if (value.is_number && literal.number) {
    double a = value.number, b = *literal.number;
    return a < b ? -1 : (a > b ? 1 : 0);
  }
  if (value.is_date && literal.date) {
    return value.date < *literal.date ? -1 : (value.date > *literal.date ? 1 : 0);
  }
  int c = value.text.compare(literal.text);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

bool equals(const Value& value, const Literal& literal) {
  if (literal.is_boolean) return value.truth == literal.truth;  // `no` equals `false`
  return compare_value(value, literal) == 0;
}

bool ordered(CompareOp op, int c) {
  switch (op) {
    case CompareOp::equal:
      return c == 0;
    case CompareOp::not_equal:
      return c != 0;
    case CompareOp::less:
      return c < 0;
    case CompareOp::less_equal:
      return c <= 0;
    case CompareOp::greater:
      return c > 0;
    case CompareOp::greater_equal:
      return c >= 0;
  }
  return false;
}

}  // namespace

const Value* CaseContext::attribute_value(const Operand& operand, Date day,
                                          const Event* event) const {
  switch (operand.kind) {
    case Operand::Kind::event_attribute:
      return event ? timeline_->find(*event, operand.attribute) : nullptr;
    case Operand::Kind::case_attribute: {
      const auto& values = case_->attributes;
      if (operand.case_attribute >= values.size() || !values[operand.case_attribute])
        return nullptr;
      return &*values[operand.case_attribute];
    }
    case Operand::Kind::latest_attribute: {
      // The latest event of that type on or before the day (and that has happened); on one
      // day, the last in input order.
      const Event* latest = nullptr;
      for (std::uint32_t k = type_start_[operand.event_type];
           k < type_start_[operand.event_type + 1]; ++k) {
        const Event& e = events_[by_type_[k]];
        if (e.date > day || e.date > as_of_) break;
        latest = &e;
      }
      return latest ? timeline_->find(*latest, operand.attribute) : nullptr;
    }
    case Operand::Kind::age:
    case Operand::Kind::time_in:
      return nullptr;  // handled by the caller
  }
  return nullptr;
}

bool CaseContext::holds(const Condition& c, Date day, const Event* event) const {
  switch (c.kind) {
    case Condition::Kind::all_of:
      return std::all_of(c.children.begin(), c.children.end(),
                         [&](const Condition& child) { return holds(child, day, event); });
    case Condition::Kind::any_of:
      return std::any_of(c.children.begin(), c.children.end(),
                         [&](const Condition& child) { return holds(child, day, event); });
    case Condition::Kind::negation:
      return !holds(c.children.front(), day, event);
    default:
      break;
  }

  if (c.operand.kind == Operand::Kind::age) {
    // `age` has a fixed type: whole years. Without a date of birth, or before it (a pre-birth
    // plan), there is no age: it is missing (docs readings D7, D12).
    if (!case_->date_of_birth || day < *case_->date_of_birth)
      return c.kind == Condition::Kind::compare && c.op == CompareOp::not_equal;
    double age = age_on(*case_->date_of_birth, day);
    auto cmp = [&](const Literal& l) {
      double b = l.number.value_or(0);
      return age < b ? -1 : (age > b ? 1 : 0);
    };
    if (c.kind == Condition::Kind::in_list)
      return std::any_of(c.values.begin(), c.values.end(),
                         [&](const Literal& l) { return cmp(l) == 0; });
    if (c.kind == Condition::Kind::compare) return ordered(c.op, cmp(c.values.front()));
    return false;
  }

  if (c.operand.kind == Operand::Kind::time_in) {
    // `time in P since age N` without a date of birth is missing, like `age` (reading D10).
    std::optional<Date> from;
    if (c.operand.since_age) {
      from = birthday(*c.operand.since_age);
      if (!from) return c.kind == Condition::Kind::compare && c.op == CompareOp::not_equal;
    }
    if (c.kind != Condition::Kind::compare || c.values.empty()) return false;
    const double days = days_in(c.operand.period, from, day);
    const double wanted = c.values.front().number.value_or(0);
    return ordered(c.op, days < wanted ? -1 : (days > wanted ? 1 : 0));
  }

  const Value* value = attribute_value(c.operand, day, event);
  switch (c.kind) {
    case Condition::Kind::truth:
      return value && value->truth;
    case Condition::Kind::in_list:
      return value && std::any_of(c.values.begin(), c.values.end(),
                                  [&](const Literal& l) { return equals(*value, l); });
    case Condition::Kind::compare: {
      const Literal& literal = c.values.front();
      if (c.op == CompareOp::not_equal) return !(value && equals(*value, literal));
      if (!value) return false;
      if (c.op == CompareOp::equal) return equals(*value, literal);
      return ordered(c.op, compare_value(*value, literal));
    }
    default:
      return false;
  }
}

}  // namespace duly::detail
