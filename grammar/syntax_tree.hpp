// The syntax tree of one policy file: what the text says, with a position on every node, and
// nothing resolved yet (names are still text, includes not followed). The parser builds it;
// `duly fmt` prints it back; the checking pass (engine/check/) turns it into a Policy.
#pragma once

#include <duly/source_position.hpp>

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace duly::syntax {

using duly::SourcePosition;

// A name as written: an event, attribute, period, calendar or rule id.
struct Name {
  std::string text;
  SourcePosition position;
};

// A literal: "s47", 3, 2.5, true, 2024-03-31. `text` is the literal's text without quotes (a
// string keeps its escapes resolved: `"a \"b\""` is `a "b"`).
struct Value {
  enum class Kind { string, number, boolean, date };
  Kind kind = Kind::string;
  std::string text;
  SourcePosition position;
};

enum class TimeUnit { days, working_days, weeks, months, years };

// `15 working days`, `1 week`. `singular` records that the unit was written in the singular.
struct Duration {
  long long amount = 0;  // as written; zero and negative amounts are rejected by the checker
  TimeUnit unit = TimeUnit::days;
  bool singular = false;
  SourcePosition position;
};

// The thing a comparison looks at.
struct Operand {
  enum class Kind {
    attribute,        // `outcome`: an attribute of the event, or of the case
    event_attribute,  // `placement_start.permanent`: latest value of that event's attribute
    age,              // `age`: the case's age in whole years on the day in question
    time_in,          // `time in cla since age 14`: days spent in instances of a period
  };
  Kind kind = Kind::attribute;
  // The attribute, or the event type for event_attribute, or "age", or the period for time_in.
  Name name;
  Name attribute;                      // for event_attribute only: the attribute after the dot
  std::optional<long long> since_age;  // for time_in: `since age N`
  SourcePosition position;
};

enum class CompareOp { equal, not_equal, less, less_equal, greater, greater_equal };

struct Condition {
  enum class Kind {
    compare,   // operand op values[0] (for time_in: operand op length); for age, `years` may
               // follow the number
    in_list,   // operand in [values...]
    truth,     // a bare attribute: "is true"
    all_of,    // children[0] and children[1] and ...
    any_of,    // children[0] or children[1] or ...
    negation,  // not children[0]
  };
  Kind kind = Kind::truth;
  Operand operand;
  CompareOp op = CompareOp::equal;
  std::vector<Value> values;
  std::optional<Duration> length;  // time_in only: `>= 13 weeks`
  std::vector<Condition> children;
  bool parenthesized = false;  // written in parentheses (fmt keeps them)
  SourcePosition position;
};

enum class Ordinal { any, first, second };

// `first core_group where outcome = "plan"`, `rcpcc or core_group`.
struct EventRef {
  Ordinal ordinal = Ordinal::any;
  std::vector<Name> types;  // one or more, joined by `or`; empty only for `each event`
  bool every_type = false;  // `each event`: every declared event type
  std::optional<Condition> where;
  SourcePosition position;
};

// What starts a clock or a period: events, or a birthday (`age 16`).
struct Trigger {
  enum class Kind { events, age };
  Kind kind = Kind::events;
  EventRef events;    // for events
  long long age = 0;  // for age
  SourcePosition position;
};

// --- the six forms of rule ---

// `X within D after T [or earlier]`
struct Deadline {
  EventRef target;
  Duration within;
  Trigger after;
  bool or_earlier = false;
};

// One interval of a recurrence: `every 3 months when placement_start.permanent`, or a phase
// `every 1 week until cla_review`.
struct Interval {
  Duration every;
  std::optional<Condition> when;  // state-dependent intervals after the first
  std::optional<EventRef> until;  // phases: every phase but the last
  SourcePosition position;
};

// `X every D [after first S]`, `X every N visits`, with state-dependent intervals or phases.
struct Recurrence {
  EventRef target;
  // Time intervals, in the order written. One for a plain recurrence; several for
  // state-dependent intervals (all but the first have `when`) or phases (all but the last have
  // `until`). Empty for a count recurrence.
  std::vector<Interval> intervals;
  long long every_count = 0;      // `every 2 visits`: N; 0 for a time recurrence
  Name count_noun;                // `visits`, as written, for a count recurrence
  std::optional<EventRef> after;  // `after first S` (ordinal first or second)
  // Where the rule's `during` was written: true for the spelling
  // `X every 6 weeks during cla, every 3 months when C` (fmt keeps the canonical form instead).
  bool during_before_intervals = false;
};

// `X at least D before T`, or `X before T` (no duration: due on T's own day).
struct Notice {
  EventRef target;
  std::optional<Duration> before;
  EventRef trigger;
};

// `each X requires COND`
struct Each {
  EventRef target;
  Condition requirement;
};

// `each X recorded within D` (`each event recorded within D`: X.every_type)
struct Recording {
  EventRef target;
  Duration within;
};

// `X between consecutive T [after first S]` or `X between S and E`.
struct Between {
  EventRef target;
  bool consecutive = false;
  EventRef start;               // T for consecutive, S otherwise
  std::optional<EventRef> end;  // E, for `between S and E`
  std::optional<EventRef> after;
};

using RuleForm = std::variant<Deadline, Recurrence, Notice, Each, Recording, Between>;

struct RuleBody {
  RuleForm form;
  std::optional<Name> during;
  std::optional<Condition> when;
  SourcePosition position;
};

// --- top-level items ---

struct PolicyName {
  std::string name;  // `policy "Camden CP timescales"`
};
struct CalendarDecl {
  Name calendar;                  // `england_and_wales`
  std::vector<Value> extra_days;  // `plus 2024-12-27, 2025-12-29` (dates)
};
struct CountTriggerDay {};
struct Include {
  Value file;  // a string
};
struct EventDecl {
  Name event;
  std::vector<Name> attributes;
};
struct CaseDecl {
  std::vector<Name> attributes;
};
struct PeriodDecl {
  Name period;
  Trigger start;
  Trigger end;
  std::optional<Condition> when;
};
struct RuleDecl {
  Name id;
  std::string name;  // the quoted name
  RuleBody body;
};
struct OverrideDecl {
  Name id;
  std::optional<std::string> name;  // a new name, if given
  RuleBody body;
};
struct DropDecl {
  Name id;
};
// `indicator T51 "Repeat child protection plan within 2 years": cp_plan repeated within 2 years`
struct IndicatorDecl {
  Name id;           // shares the rules' namespace of ids
  std::string name;  // the quoted name
  Name period;
  Duration within;
  SourcePosition body_position;  // of the period name that starts the body
};

using ItemKind =
    std::variant<PolicyName, CalendarDecl, CountTriggerDay, Include, EventDecl, CaseDecl,
                 PeriodDecl, RuleDecl, OverrideDecl, DropDecl, IndicatorDecl>;

// A comment, kept so `duly fmt` can put it back.
struct Comment {
  std::string text;  // from `#` to the end of the line, `#` included, trailing spaces trimmed
  SourcePosition position;
  bool own_line = false;  // nothing but white space before it on its line
  // For an own-line comment: a blank line separated it from the code or comment above it.
  bool blank_line_before = false;
};

struct Item {
  ItemKind kind;
  SourcePosition position;  // of the item's first keyword
  int last_line = 0;        // the line the item ends on
  // Comments on their own lines just before this item (after the previous item), in order.
  std::vector<Comment> leading_comments;
  // Comments after code on one of this item's lines (first to last).
  std::vector<Comment> trailing_comments;
  // A blank line separated this item (or its leading comments) from what came before.
  bool blank_line_before = false;
  // A blank line separated the last leading comment from the item itself.
  bool blank_line_after_leading_comments = false;
};

struct File {
  std::string path;
  std::vector<Item> items;
  std::vector<Comment> final_comments;  // own-line comments after the last item
  bool blank_line_before_final_comments = false;
};

}  // namespace duly::syntax
