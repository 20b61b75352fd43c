// The messages a policy lead sees when the text does not parse, attached to the grammar's rules
// in the manner of PEGTL's json_errors example: a rule under `must<>` that fails raises its
// message. They name what was expected in the policy's own words. Two conventions, applied by
// parse.cpp: `{previous}` is replaced by the token before the error (`after \`icpcc\``), and the
// words in backquotes are the keywords offered as "did you mean" for a misspelt word. Beside
// each message, the rule says what else parse.cpp needs to place and word the error (whether a
// name was expected, whether a closing mark is missing); the control below raises all of it
// together as a RuleError, so the parser never has to recognise a rule by its message.
#pragma once

#include <type_traits>

#include "grammar/grammar.hpp"

namespace duly::grammar {

template <typename Rule>
inline constexpr const char* error_message = nullptr;

// clang-format off
template <> inline constexpr auto error_message<declaration> = "expected a declaration (`event`, `case`, `period`, `rule`, `indicator`, `override`, `drop`, `include`, `calendar`, `policy` or `count the trigger day`)";

template <> inline constexpr auto error_message<escaped_char> = "expected `\"` or `\\` after `\\`: a string has no other escapes";
template <> inline constexpr auto error_message<string_end> = "unterminated string: expected a closing `\"` on the same line";
template <> inline constexpr auto error_message<value> = "expected a value after `{previous}`: a \"string\", a number, a date such as `2024-03-31`, `true` or `false`";
template <> inline constexpr auto error_message<value_list> = "expected a list such as `[\"a\", \"b\"]` after `in`";
template <> inline constexpr auto error_message<close_bracket> = "expected `,` or `]` after `{previous}`";
template <> inline constexpr auto error_message<integer> = "expected a whole number after `{previous}`";

template <> inline constexpr auto error_message<time_unit> = "expected a unit of time after `{previous}`: `days`, `working days`, `weeks`, `months` or `years`";
template <> inline constexpr auto error_message<working_day_word> = "expected `days` after `working`";
template <> inline constexpr auto error_message<duration> = "expected a duration such as `15 working days` after `{previous}`";

template <> inline constexpr auto error_message<attribute_after_dot> = "expected an attribute name after the `.` of `{previous}`";
template <> inline constexpr auto error_message<condition> = "expected a condition after `{previous}`, such as `outcome = \"s47\"`";
template <> inline constexpr auto error_message<start_condition> = "expected a condition after `{previous}`, such as `urgent = true`";
template <> inline constexpr auto error_message<unary> = "expected a condition after `{previous}`, such as `outcome = \"s47\"`";
template <> inline constexpr auto error_message<time_in_word> = "expected `in` and a period after `time`, as in `time in cla >= 13 weeks`";
template <> inline constexpr auto error_message<time_period> = "expected a period name after `time in`";
template <> inline constexpr auto error_message<since_age_word> = "expected `age` after `since`, as in `since age 14`";
template <> inline constexpr auto error_message<time_compare_op> = "expected a comparison such as `>= 13 weeks` after `{previous}`";
template <> inline constexpr auto error_message<time_length> = "expected a length of time such as `13 weeks` after `{previous}`";
template <> inline constexpr auto error_message<close_paren> = "expected `)` to close the condition after `{previous}`";

template <> inline constexpr auto error_message<event_ref> = "expected an event name after `{previous}`";
template <> inline constexpr auto error_message<ordinal> = "expected `first` or `second` after `after`, as in `after first core_group`";
template <> inline constexpr auto error_message<period_ref> = "expected a period name after `during`";

template <> inline constexpr auto error_message<form_after_target> = "expected `within`, `every`, `at least`, `before` or `between` after `{previous}`";
template <> inline constexpr auto error_message<deadline_after> = "expected `after` and the event that starts the clock, as in `within 15 working days after referral`";
template <> inline constexpr auto error_message<deadline_trigger> = "expected an event name or `age N` after `after`";
template <> inline constexpr auto error_message<recurrence_schedule> = "expected a duration such as `6 weeks` or a count such as `2 visits` after `every`";
template <> inline constexpr auto error_message<phase_every> = "expected `every` after `then`";
template <> inline constexpr auto error_message<kw_then> = "expected `then` and the next interval after `{previous}`, as in `until cla_review then every 4 weeks`";
template <> inline constexpr auto error_message<interval_every> = "expected `every` after `,`";
template <> inline constexpr auto error_message<interval_when> = "expected `when` and a condition after `{previous}`: every interval after the first says when it applies";
template <> inline constexpr auto error_message<kw_least> = "expected `least` after `at`";
template <> inline constexpr auto error_message<notice_before> = "expected `before` and the event the notice is for, as in `at least 2 days before icpcc`";
template <> inline constexpr auto error_message<between_pair> = "expected `consecutive` or an event name after `between`";
template <> inline constexpr auto error_message<between_and> = "expected `and` and the event that ends the span after `{previous}`, as in `between referral and assessment_completed`";
template <> inline constexpr auto error_message<each_target> = "expected an event name or `event` after `each`";
template <> inline constexpr auto error_message<each_requirement> = "expected `requires` or `recorded within` after `{previous}`";
template <> inline constexpr auto error_message<recorded_within> = "expected `within` after `recorded`";
template <> inline constexpr auto error_message<rule_body> = "expected an event name or `each` to start the rule after `{previous}`";

template <> inline constexpr auto error_message<policy_title> = "expected the policy's name in quotes after `policy`, as in `policy \"Camden CP timescales\"`";
template <> inline constexpr auto error_message<calendar_name> = "expected a calendar name such as `england_and_wales` after `calendar`";
template <> inline constexpr auto error_message<extra_day> = "expected a date such as `2024-12-27` after `{previous}`";
template <> inline constexpr auto error_message<the_trigger_day> = "expected `the trigger day` after `count`";
template <> inline constexpr auto error_message<include_file> = "expected a file name in quotes after `include`, as in `include \"national.policy\"`";
template <> inline constexpr auto error_message<declared_event> = "expected an event name after `event`";
template <> inline constexpr auto error_message<attribute_name> = "expected an attribute name after `{previous}`";
template <> inline constexpr auto error_message<case_has> = "expected `has` after `case`, as in `case has team, worker`";
template <> inline constexpr auto error_message<declared_period> = "expected a period name after `period`";
template <> inline constexpr auto error_message<period_from> = "expected `from` after the period name, as in `period cp_plan from cp_plan_start until cp_plan_end`";
template <> inline constexpr auto error_message<period_start> = "expected an event name or `age N` after `from`";
template <> inline constexpr auto error_message<period_until> = "expected `until` and the event that ends the period after `{previous}`";
template <> inline constexpr auto error_message<period_end> = "expected an event name or `age N` after `until`";
template <> inline constexpr auto error_message<rule_id> = "expected a rule id such as `T14` after `{previous}`";
template <> inline constexpr auto error_message<rule_title> = "expected a quoted rule name after `rule {previous}`";
template <> inline constexpr auto error_message<rule_colon> = "expected `:` after the rule name";
template <> inline constexpr auto error_message<override_rule_word> = "expected `rule` after `override`";
template <> inline constexpr auto error_message<override_colon> = "expected `:` after `{previous}` (or a quoted new name, then `:`)";
template <> inline constexpr auto error_message<drop_rule_word> = "expected `rule` after `drop`";
template <> inline constexpr auto error_message<indicator_id> = "expected an indicator id such as `T51` after `indicator`";
template <> inline constexpr auto error_message<indicator_title> = "expected a quoted indicator name after `indicator {previous}`";
template <> inline constexpr auto error_message<indicator_colon> = "expected `:` after the indicator name";
template <> inline constexpr auto error_message<indicator_body> = "expected a period name after `:`, as in `cp_plan repeated within 2 years`";
template <> inline constexpr auto error_message<repeated_word> = "expected `repeated within` and a duration after `{previous}`, as in `cp_plan repeated within 2 years`";
template <> inline constexpr auto error_message<repeated_within> = "expected `within` after `repeated`";
// clang-format on

// A name was expected here: an upper-case word gets "names are lower case", a keyword "is a
// keyword and cannot be a name". (`event_ref`, `attribute_name`, `attribute_after_dot`,
// `condition`, `unary`, `start_condition` and `rule_body` expect names too but are not marked,
// which keeps their messages as they have always been printed.)
template <typename Rule>
inline constexpr bool expects_name = false;

// clang-format off
template <> inline constexpr bool expects_name<period_ref> = true;
template <> inline constexpr bool expects_name<deadline_trigger> = true;
template <> inline constexpr bool expects_name<calendar_name> = true;
template <> inline constexpr bool expects_name<declared_event> = true;
template <> inline constexpr bool expects_name<declared_period> = true;
template <> inline constexpr bool expects_name<period_start> = true;
template <> inline constexpr bool expects_name<period_end> = true;
template <> inline constexpr bool expects_name<each_target> = true;
template <> inline constexpr bool expects_name<between_pair> = true;
template <> inline constexpr bool expects_name<time_period> = true;
template <> inline constexpr bool expects_name<indicator_body> = true;
// clang-format on

// A closing mark: when it is missing and the next token is on a later line, the caret goes just
// after the token before it, as compilers do, rather than under the next line's first word.
template <typename Rule>
inline constexpr bool closes = false;

// clang-format off
template <> inline constexpr bool closes<close_paren> = true;
template <> inline constexpr bool closes<close_bracket> = true;
template <> inline constexpr bool closes<rule_colon> = true;
template <> inline constexpr bool closes<override_colon> = true;
template <> inline constexpr bool closes<indicator_colon> = true;
// clang-format on

// What the rule that failed says about itself: all the parser needs to report it.
struct RuleFailure {
  const char* message = nullptr;
  bool expects_name = false;
  bool closes = false;
  // The closing quote of a string: the caret goes to the opening quote instead.
  bool ends_string = false;
};

template <typename Rule>
inline constexpr RuleFailure failure_of{error_message<Rule>, expects_name<Rule>, closes<Rule>,
                                        std::is_same_v<Rule, string_end>};

// A parse error that knows which rule raised it.
struct RuleError : p::parse_error {
  // Hidden: a build without inlining (Debug) would otherwise export this instantiation from a
  // shared libduly, and its name carries PEGTL's types (duly.map exports every duly:: name).
  template <typename ParseInput>
  [[gnu::visibility("hidden")]] RuleError(const RuleFailure& failure, const ParseInput& in)
      : p::parse_error(failure.message, in), failure(failure) {}
  RuleFailure failure;
};

// The control the parser runs the grammar with: as `must_if<>::control`, a failing `must<>`
// raises its rule's message, here with the rest of its RuleFailure. Only `must<>` raises: a rule
// with a message may still fail quietly inside a `sor<>` (an `event_ref` that is not there lets
// the next alternative try).
template <typename Rule>
struct control : p::normal<Rule> {
  template <typename ParseInput, typename... States>
  [[noreturn]] static void raise(const ParseInput& in, States&&...) {
    static_assert(error_message<Rule> != nullptr, "every rule under must<> has a message");
    throw RuleError(failure_of<Rule>, in);
  }
};

}  // namespace duly::grammar
