// A checked policy: immutable rule objects with every name resolved to an index and every
// modifier made explicit, ready to evaluate. Built only by load_policy (duly/load.hpp) after
// every check has passed; after that nothing changes it, so one Policy can be shared by any
// number of threads. Every object keeps the position of the text it came from.
#pragma once

#include <duly/calendar.hpp>
#include <duly/date.hpp>
#include <duly/duration.hpp>
#include <duly/source_position.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace duly {

using EventTypeId = std::uint16_t;      // index into Policy::event_types()
using AttributeId = std::uint16_t;      // index into Policy::attribute_names(), one namespace
                                        // for the attributes of every event type
using CaseAttributeId = std::uint16_t;  // index into Policy::case_attributes()
using PeriodId = std::uint16_t;         // index into Policy::periods()

// A literal in a condition, parsed once at load in every reading it can have: attribute values
// are untyped text, so a comparison is numeric when both sides are numbers, by date when both
// are dates, and as text otherwise.
struct Literal {
  std::string text;
  std::optional<double> number;
  std::optional<Date> date;
  bool is_boolean = false;  // written `true` or `false`: compared with the value's boolean reading
  bool truth = false;       // for is_boolean
};

enum class CompareOp : std::uint8_t { equal, not_equal, less, less_equal, greater, greater_equal };

struct Operand {
  enum class Kind : std::uint8_t {
    event_attribute,   // an attribute of the event being tested (`where`, `requires`)
    case_attribute,    // a constant attribute of the case
    latest_attribute,  // `placement_start.permanent`: that attribute of the latest event of
                       // that type on or before the day in question
    age,               // whole years on the day in question
    time_in,           // `time in P [since age N]`: days of P's instances on or after the Nth
                       // birthday and on or before the day in question; compared with
                       // values[0], whose number is a number of days
  };
  Kind kind = Kind::event_attribute;
  AttributeId attribute = 0;           // event_attribute, latest_attribute
  CaseAttributeId case_attribute = 0;  // case_attribute
  EventTypeId event_type = 0;          // latest_attribute
  PeriodId period = 0;                 // time_in
  std::optional<int> since_age;        // time_in: missing without a date of birth
};

// A two-valued condition. Comparisons with a missing value are false; `!=` is `not (=)`.
struct Condition {
  enum class Kind : std::uint8_t { compare, in_list, truth, all_of, any_of, negation };
  Kind kind = Kind::truth;
  Operand operand;
  CompareOp op = CompareOp::equal;
  std::vector<Literal> values;  // one for compare, several for in_list
  std::vector<Condition> children;
  SourcePosition position;
};

enum class Ordinal : std::uint8_t { any, first, second };

// Which events a rule looks at: `first core_group where outcome = "plan"`.
struct EventFilter {
  std::vector<EventTypeId> types;  // one or more (`A or B`); every declared type for `each event`
  std::optional<Condition> where;  // tested on each event
  Ordinal ordinal = Ordinal::any;  // first/second: of the case, or of each period instance
  SourcePosition position;
};

// What starts a clock or a period: events, or the Nth birthday.
struct Trigger {
  enum class Kind : std::uint8_t { events, age };
  Kind kind = Kind::events;
  EventFilter events;  // for events
  int age = 0;         // for age
  SourcePosition position;
};

// 1. `X within D after T [or earlier]`
struct Deadline {
  EventFilter target;
  Duration within;
  Trigger after;
  bool or_earlier = false;
};

// One interval of a recurrence.
struct Interval {
  Duration every;
  std::optional<Condition> when;     // state-dependent: used when this holds on the gap's first day
  std::optional<EventFilter> until;  // phases: this phase ends at the first such event
  SourcePosition position;
};

// 2. `X every D [after first S]` with `during P`, or `X every N visits`.
struct Recurrence {
  enum class Kind : std::uint8_t {
    single,    // one interval
    by_state,  // intervals[0] is the default; the first later one whose `when` holds is used
    phases,    // intervals in order; each but the last ends at its `until`
    count,     // `every N visits`
  };
  Kind kind = Kind::single;
  EventFilter target;
  std::vector<Interval> intervals;         // empty for count
  int every_count = 0;                     // for count
  std::optional<EventFilter> clock_start;  // `after first S` / `after second S`
};

// 3. `X at least D before T`, or `X before T` (D = 0 days).
struct Notice {
  EventFilter target;
  Duration before;
  EventFilter trigger;
};

// 4. `each X requires COND`
struct Each {
  EventFilter target;
  Condition requirement;
};

// 5. `each X recorded within D`
struct Recording {
  EventFilter target;
  Duration within;
};

// 6. `X between consecutive T [after first S]`, `X between S and E`
struct Between {
  EventFilter target;
  bool consecutive = false;
  EventFilter start;               // T for consecutive, S otherwise
  std::optional<EventFilter> end;  // E
  std::optional<EventFilter> after;
};

using RuleForm = std::variant<Deadline, Recurrence, Notice, Each, Recording, Between>;

struct Rule {
  std::string id;    // `T14`
  std::string name;  // `ICPCC within 15 working days of the strategy discussion`
  RuleForm form;
  std::optional<PeriodId> during;
  std::optional<Condition> when;
  SourcePosition position;  // of the rule (or of the override that replaced it)
};

// `period cp_plan from cp_plan_start until cp_plan_end [when C]`
struct Period {
  std::string name;
  Trigger start;
  Trigger end;
  std::optional<Condition> when;  // tested on the START day: a START opens an instance only then
  SourcePosition position;
};

// `indicator T51 "NAME": cp_plan repeated within 2 years`: each instance of the period counts
// once, and is a repeat when it starts within `within` after the end of an earlier instance of
// the same case. A figure (repeats of instances), never obligations.
struct Indicator {
  std::string id;    // `T51`; shares the rules' namespace of ids
  std::string name;  // `Repeat child protection plan within 2 years`
  PeriodId period = 0;
  Duration within;
  SourcePosition position;  // of the id
};

struct EventType {
  std::string name;
  std::vector<AttributeId> attributes;  // the attributes it declares
  SourcePosition position;
};

struct CaseAttribute {
  std::string name;
  SourcePosition position;
};

// Only the loader holds one: its type is complete only in a private header of the checking
// stage, so a host cannot construct a Policy that skipped the checks.
struct PolicyKey;

class Policy {
 public:
  struct Parts {
    std::string name;
    std::string file;                // the top-level file
    std::vector<std::string> files;  // every file read, the top-level one first
    std::shared_ptr<const WorkingDayCalendar> calendar;
    bool count_trigger_day = false;
    std::vector<EventType> event_types;
    std::vector<std::string> attribute_names;
    std::vector<CaseAttribute> case_attributes;
    std::vector<Period> periods;
    std::vector<Rule> rules;  // in the order written (included files' rules where included)
    std::vector<Indicator> indicators;  // in the order written, like rules
    std::vector<std::string> dropped_rules;  // ids a `drop rule` removed, sorted
  };

  Policy(const PolicyKey& key, Parts parts);

  const std::string& name() const { return parts_.name; }
  const std::string& file() const { return parts_.file; }
  const std::vector<std::string>& files() const { return parts_.files; }
  const WorkingDayCalendar& calendar() const { return *parts_.calendar; }
  bool count_trigger_day() const { return parts_.count_trigger_day; }
  const std::vector<EventType>& event_types() const { return parts_.event_types; }
  const std::vector<std::string>& attribute_names() const { return parts_.attribute_names; }
  const std::vector<CaseAttribute>& case_attributes() const { return parts_.case_attributes; }
  const std::vector<Period>& periods() const { return parts_.periods; }
  const std::vector<Rule>& rules() const { return parts_.rules; }
  const std::vector<Indicator>& indicators() const { return parts_.indicators; }

  std::optional<EventTypeId> find_event_type(std::string_view name) const;
  std::optional<AttributeId> find_attribute(std::string_view name) const;
  std::optional<CaseAttributeId> find_case_attribute(std::string_view name) const;
  const Rule* find_rule(std::string_view id) const;
  // The ids `drop rule` removed (from an included file's rules): `expect no ID` can test a drop.
  const std::vector<std::string>& dropped_rules() const { return parts_.dropped_rules; }

 private:
  Parts parts_;
};

}  // namespace duly
