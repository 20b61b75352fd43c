// The printer of tree_dump.hpp: one overload per node type, each writing its fields at one
// more indentation than its parent. Optional parts that are absent are left out.
#include "tests/support/tree_dump.hpp"

#include "grammar/format.hpp"

#include <sstream>
#include <variant>

namespace duly::syntax {
namespace {

template <class... F>
struct overloaded : F... {
  using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

const char* unit_name(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::days:
      return "days";
    case TimeUnit::working_days:
      return "working_days";
    case TimeUnit::weeks:
      return "weeks";
    case TimeUnit::months:
      return "months";
    case TimeUnit::years:
      return "years";
  }
  return "?";
}

class Dumper {
 public:
  std::string text() const { return out_.str(); }

  void file(const File& f) {
    line(0, "file " + f.path);
    for (const Item& i : f.items) item(i);
    for (const Comment& c : f.final_comments) comment(1, "final comment", c);
    if (f.blank_line_before_final_comments) line(1, "blank line before final comments");
  }

 private:
  static std::string at(const SourcePosition& p) {
    return " @" + std::to_string(p.line) + ":" + std::to_string(p.column);
  }
  void line(int depth, const std::string& text) {
    out_ << std::string(static_cast<std::size_t>(depth) * 2, ' ') << text << '\n';
  }

  void comment(int depth, const char* what, const Comment& c) {
    line(depth, std::string(what) + " " + c.text + at(c.position) +
                    (c.own_line ? " own line" : "") +
                    (c.blank_line_before ? " blank line before" : ""));
  }
  void name(int depth, const char* what, const Name& n) {
    line(depth, std::string(what) + " " + n.text + at(n.position));
  }
  void value(int depth, const Value& v) {
    static const char* kinds[] = {"string", "number", "boolean", "date"};
    line(depth,
         std::string(kinds[static_cast<int>(v.kind)]) + " \"" + v.text + "\"" + at(v.position));
  }
  void duration(int depth, const char* what, const Duration& d) {
    line(depth, std::string(what) + " " + std::to_string(d.amount) + " " + unit_name(d.unit) +
                    (d.singular ? " (singular)" : "") + at(d.position));
  }
  void operand(int depth, const Operand& o) {
    static const char* kinds[] = {"attribute", "event_attribute", "age", "time_in"};
    line(depth, std::string("operand ") + kinds[static_cast<int>(o.kind)] + at(o.position));
    name(depth + 1, "name", o.name);
    if (o.kind == Operand::Kind::event_attribute) name(depth + 1, "attribute", o.attribute);
    if (o.since_age) line(depth + 1, "since age " + std::to_string(*o.since_age));
  }
  void condition(int depth, const char* what, const Condition& c) {
    static const char* kinds[] = {"compare", "in_list", "truth", "all_of", "any_of", "negation"};
    std::string head = std::string(what) + " " + kinds[static_cast<int>(c.kind)];
    if (c.kind == Condition::Kind::compare) head += std::string(" ") + operator_text(c.op);
    line(depth, head + (c.parenthesized ? " (parenthesized)" : "") + at(c.position));
    const bool has_operand = c.kind == Condition::Kind::compare ||
                             c.kind == Condition::Kind::in_list || c.kind == Condition::Kind::truth;
    if (has_operand) operand(depth + 1, c.operand);
    for (const Value& v : c.values) value(depth + 1, v);
    if (c.length) duration(depth + 1, "length", *c.length);
    for (const Condition& child : c.children) condition(depth + 1, "condition", child);
  }
  void events(int depth, const char* what, const EventRef& e) {
    static const char* ordinals[] = {"", " first", " second"};
    line(depth, std::string(what) + ordinals[static_cast<int>(e.ordinal)] +
                    (e.every_type ? " every type" : "") + at(e.position));
    for (const Name& t : e.types) name(depth + 1, "type", t);
    if (e.where) condition(depth + 1, "where", *e.where);
  }
  void trigger(int depth, const char* what, const Trigger& t) {
    if (t.kind == Trigger::Kind::age) {
      line(depth, std::string(what) + " age " + std::to_string(t.age) + at(t.position));
      return;
    }
    line(depth, std::string(what) + " events" + at(t.position));
    events(depth + 1, "events", t.events);
  }
  void interval(int depth, const Interval& i) {
    line(depth, "interval" + at(i.position));
    duration(depth + 1, "every", i.every);
    if (i.when) condition(depth + 1, "when", *i.when);
    if (i.until) events(depth + 1, "until", *i.until);
  }
  void form(int depth, const RuleForm& f) {
    std::visit(overloaded{
                   [&](const Deadline& d) {
                     line(depth, std::string("deadline") + (d.or_earlier ? " or earlier" : ""));
                     events(depth + 1, "target", d.target);
                     duration(depth + 1, "within", d.within);
                     trigger(depth + 1, "after", d.after);
                   },
                   [&](const Recurrence& r) {
                     line(depth,
                          std::string("recurrence") +
                              (r.during_before_intervals ? " (during before intervals)" : ""));
                     events(depth + 1, "target", r.target);
                     for (const Interval& i : r.intervals) interval(depth + 1, i);
                     if (r.every_count > 0) {
                       line(depth + 1, "every " + std::to_string(r.every_count));
                       name(depth + 1, "count noun", r.count_noun);
                     }
                     if (r.after) events(depth + 1, "after", *r.after);
                   },
                   [&](const Notice& n) {
                     line(depth, "notice");
                     events(depth + 1, "target", n.target);
                     if (n.before) duration(depth + 1, "at least", *n.before);
                     events(depth + 1, "before", n.trigger);
                   },
                   [&](const Each& e) {
                     line(depth, "each");
                     events(depth + 1, "target", e.target);
                     condition(depth + 1, "requires", e.requirement);
                   },
                   [&](const Recording& r) {
                     line(depth, "recording");
                     events(depth + 1, "target", r.target);
                     duration(depth + 1, "within", r.within);
                   },
                   [&](const Between& b) {
                     line(depth, std::string("between") + (b.consecutive ? " consecutive" : ""));
                     events(depth + 1, "target", b.target);
                     events(depth + 1, "start", b.start);
                     if (b.end) events(depth + 1, "end", *b.end);
                     if (b.after) events(depth + 1, "after", *b.after);
                   },
               },
               f);
  }
  void body(int depth, const RuleBody& b) {
    line(depth, "body" + at(b.position));
    form(depth + 1, b.form);
    if (b.during) name(depth + 1, "during", *b.during);
    if (b.when) condition(depth + 1, "when", *b.when);
  }

  void item(const Item& i) {
    for (const Comment& c : i.leading_comments) comment(1, "comment", c);
    std::visit(
        overloaded{
            [&](const PolicyName& p) { line(1, "policy \"" + p.name + "\"" + at(i.position)); },
            [&](const CalendarDecl& c) {
              line(1, "calendar" + at(i.position));
              name(2, "name", c.calendar);
              for (const Value& v : c.extra_days) value(2, v);
            },
            [&](const CountTriggerDay&) { line(1, "count the trigger day" + at(i.position)); },
            [&](const Include& in) {
              line(1, "include" + at(i.position));
              value(2, in.file);
            },
            [&](const EventDecl& e) {
              line(1, "event" + at(i.position));
              name(2, "name", e.event);
              for (const Name& a : e.attributes) name(2, "attribute", a);
            },
            [&](const CaseDecl& c) {
              line(1, "case" + at(i.position));
              for (const Name& a : c.attributes) name(2, "attribute", a);
            },
            [&](const PeriodDecl& p) {
              line(1, "period" + at(i.position));
              name(2, "name", p.period);
              trigger(2, "from", p.start);
              trigger(2, "until", p.end);
              if (p.when) condition(2, "when", *p.when);
            },
            [&](const RuleDecl& r) {
              line(1, "rule" + at(i.position));
              name(2, "id", r.id);
              line(2, "name \"" + r.name + "\"");
              body(2, r.body);
            },
            [&](const OverrideDecl& o) {
              line(1, "override" + at(i.position));
              name(2, "id", o.id);
              if (o.name) line(2, "name \"" + *o.name + "\"");
              body(2, o.body);
            },
            [&](const DropDecl& d) {
              line(1, "drop" + at(i.position));
              name(2, "id", d.id);
            },
            [&](const IndicatorDecl& d) {
              line(1, "indicator" + at(i.position));
              name(2, "id", d.id);
              line(2, "name \"" + d.name + "\"");
              line(2, "body" + at(d.body_position));
              name(3, "period", d.period);
              duration(3, "within", d.within);
            },
        },
        i.kind);
    line(2, "last line " + std::to_string(i.last_line) +
                (i.blank_line_before ? ", blank line before" : "") +
                (i.blank_line_after_leading_comments ? ", blank line after comments" : ""));
    for (const Comment& c : i.trailing_comments) comment(2, "trailing comment", c);
  }

  std::ostringstream out_;
};

}  // namespace

std::string dump(const File& file) {
  Dumper dumper;
  dumper.file(file);
  return dumper.text();
}

}  // namespace duly::syntax
