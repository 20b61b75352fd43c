// The policy language as PEGTL rules, and nothing else: one struct per rule, named after what
// it matches. Every token rule eats the white space and comments after it, so a rule that
// matched starts at its first character (positions in the syntax tree point at the text, not at
// the blanks before it) and a rule that failed leaves the input at the offending token. The
// messages a policy lead sees are attached to these rules in errors.hpp; parse.cpp turns the
// matched text into a syntax::File.
#pragma once

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

#include <string_view>

#include "grammar/keywords.hpp"

namespace duly::grammar {

namespace p = tao::pegtl;

// --- White space and comments --------------------------------------------------------------

struct comment : p::seq<p::one<'#'>, p::until<p::eolf>> {};
struct skip : p::star<p::sor<p::space, comment>> {};

// A token and the blanks after it.
template <typename Word>
struct token : p::seq<Word, skip> {};

// --- Keywords ------------------------------------------------------------------------------
// Any word of the keyword table (keywords.hpp), followed by no letter, digit or `_`: what a
// name can never be. It reads the table rather than listing the words again, so the grammar,
// the parser's suggestions and the table cannot drift apart.
struct reserved_word {
  using rule_t = reserved_word;
  using subs_t = p::empty_list;

  template <typename ParseInput>
  static bool match(ParseInput& in) {
    std::size_t length = 0;
    while (in.size(length + 1) > length && in.peek_char(length) >= 'a' &&
           in.peek_char(length) <= 'z')
      ++length;
    if (length == 0 || !is_reserved(std::string_view(in.current(), length))) return false;
    if (in.size(length + 1) > length) {
      const char next = in.peek_char(length);
      if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') ||
          (next >= '0' && next <= '9') || next == '_')
        return false;
    }
    in.bump_in_this_line(length);
    return true;
  }
};

// TAO_PEGTL_KEYWORD refuses a match followed by a letter, digit or `_`: `events` is no `event`.
// Each word here is one of the table's (a test holds them to it).
struct kw_policy : token<TAO_PEGTL_KEYWORD("policy")> {};
struct kw_calendar : token<TAO_PEGTL_KEYWORD("calendar")> {};
struct kw_plus : token<TAO_PEGTL_KEYWORD("plus")> {};
struct kw_count : token<TAO_PEGTL_KEYWORD("count")> {};
struct kw_the : token<TAO_PEGTL_KEYWORD("the")> {};
struct kw_trigger : token<TAO_PEGTL_KEYWORD("trigger")> {};
struct kw_day : token<TAO_PEGTL_KEYWORD("day")> {};
struct kw_include : token<TAO_PEGTL_KEYWORD("include")> {};
struct kw_event : token<TAO_PEGTL_KEYWORD("event")> {};
struct kw_has : token<TAO_PEGTL_KEYWORD("has")> {};
struct kw_case : token<TAO_PEGTL_KEYWORD("case")> {};
struct kw_period : token<TAO_PEGTL_KEYWORD("period")> {};
struct kw_from : token<TAO_PEGTL_KEYWORD("from")> {};
struct kw_until : token<TAO_PEGTL_KEYWORD("until")> {};
struct kw_when : token<TAO_PEGTL_KEYWORD("when")> {};
struct kw_where : token<TAO_PEGTL_KEYWORD("where")> {};
struct kw_rule : token<TAO_PEGTL_KEYWORD("rule")> {};
struct kw_override : token<TAO_PEGTL_KEYWORD("override")> {};
struct kw_drop : token<TAO_PEGTL_KEYWORD("drop")> {};
struct kw_within : token<TAO_PEGTL_KEYWORD("within")> {};
struct kw_after : token<TAO_PEGTL_KEYWORD("after")> {};
struct kw_before : token<TAO_PEGTL_KEYWORD("before")> {};
struct kw_at : token<TAO_PEGTL_KEYWORD("at")> {};
struct kw_least : token<TAO_PEGTL_KEYWORD("least")> {};
struct kw_or : token<TAO_PEGTL_KEYWORD("or")> {};
struct kw_and : token<TAO_PEGTL_KEYWORD("and")> {};
struct kw_not : token<TAO_PEGTL_KEYWORD("not")> {};
struct kw_in : token<TAO_PEGTL_KEYWORD("in")> {};
struct kw_during : token<TAO_PEGTL_KEYWORD("during")> {};
struct kw_every : token<TAO_PEGTL_KEYWORD("every")> {};
struct kw_then : token<TAO_PEGTL_KEYWORD("then")> {};
struct kw_each : token<TAO_PEGTL_KEYWORD("each")> {};
struct kw_requires : token<TAO_PEGTL_KEYWORD("requires")> {};
struct kw_recorded : token<TAO_PEGTL_KEYWORD("recorded")> {};
struct kw_between : token<TAO_PEGTL_KEYWORD("between")> {};
struct kw_consecutive : token<TAO_PEGTL_KEYWORD("consecutive")> {};
struct kw_earlier : token<TAO_PEGTL_KEYWORD("earlier")> {};
struct kw_age : token<TAO_PEGTL_KEYWORD("age")> {};
struct kw_year : token<TAO_PEGTL_KEYWORD("year")> {};
struct kw_years : token<TAO_PEGTL_KEYWORD("years")> {};
struct kw_working : token<TAO_PEGTL_KEYWORD("working")> {};
struct kw_time : token<TAO_PEGTL_KEYWORD("time")> {};
struct kw_since : token<TAO_PEGTL_KEYWORD("since")> {};
struct kw_indicator : token<TAO_PEGTL_KEYWORD("indicator")> {};
struct kw_repeated : token<TAO_PEGTL_KEYWORD("repeated")> {};

// --- Punctuation ---------------------------------------------------------------------------

struct colon : token<p::one<':'>> {};
struct comma : token<p::one<','>> {};
struct open_paren : token<p::one<'('>> {};
struct close_paren : token<p::one<')'>> {};
struct open_bracket : token<p::one<'['>> {};
struct close_bracket : token<p::one<']'>> {};

// --- Names and literals --------------------------------------------------------------------

// Event, attribute, period and calendar names: [a-z][a-z0-9_]*, never a keyword. A name
// followed by a capital letter is no name at all (the error then says names are lower case).
// A byte of a UTF-8 sequence: `visité` is no name `visit` followed by junk.
struct non_ascii : p::range<'\x80', '\xff'> {};
struct lower_word : p::seq<p::range<'a', 'z'>, p::star<p::ranges<'a', 'z', '0', '9', '_'>>,
                           p::not_at<p::sor<p::identifier_other, non_ascii>>> {};
struct name_word : p::seq<p::not_at<reserved_word>, lower_word> {};
struct name : token<name_word> {};

// Rule ids: [A-Za-z][A-Za-z0-9_]*, case-sensitive, never a keyword.
struct rule_id_word : p::seq<p::not_at<reserved_word>, p::alpha, p::star<p::identifier_other>> {};
struct rule_id : token<rule_id_word> {};

// "..." on one line, with \" and \\ as the only escapes.
struct string_end : p::one<'"'> {};
struct escaped_char : p::one<'"', '\\'> {};
struct string_escape : p::seq<p::one<'\\'>, p::must<escaped_char>> {};
struct string_char : p::sor<string_escape, p::not_one<'"', '\\', '\r', '\n'>> {};
struct string_text : p::seq<p::one<'"'>, p::star<string_char>, p::must<string_end>> {};
struct string_literal : token<string_text> {};

// 2024-03-31: the shape only; whether the day exists is the checker's question.
struct date_text : p::seq<p::rep<4, p::digit>, p::one<'-'>, p::rep<2, p::digit>, p::one<'-'>,
                          p::rep<2, p::digit>, p::not_at<p::identifier_other>> {};
struct date_literal : token<date_text> {};

struct number_text
    : p::seq<p::opt<p::one<'-'>>, p::plus<p::digit>, p::opt<p::one<'.'>, p::plus<p::digit>>,
             p::not_at<p::identifier_other>> {};
struct number_literal : token<number_text> {};

// A whole number; the sign is allowed so that the checker can reject `-3 days` by name.
struct integer_text
    : p::seq<p::opt<p::one<'-'>>, p::plus<p::digit>, p::not_at<p::identifier_other>> {};
struct integer : token<integer_text> {};

struct true_literal : token<TAO_PEGTL_KEYWORD("true")> {};
struct false_literal : token<TAO_PEGTL_KEYWORD("false")> {};

// A date is tried before a number: `2024` is the start of both.
struct value : p::sor<string_literal, date_literal, number_literal, true_literal, false_literal> {};

// --- Durations -----------------------------------------------------------------------------

struct unit_day : token<TAO_PEGTL_KEYWORD("day")> {};
struct unit_days : token<TAO_PEGTL_KEYWORD("days")> {};
struct unit_week : token<TAO_PEGTL_KEYWORD("week")> {};
struct unit_weeks : token<TAO_PEGTL_KEYWORD("weeks")> {};
struct unit_month : token<TAO_PEGTL_KEYWORD("month")> {};
struct unit_months : token<TAO_PEGTL_KEYWORD("months")> {};
struct unit_year : token<TAO_PEGTL_KEYWORD("year")> {};
struct unit_years : token<TAO_PEGTL_KEYWORD("years")> {};
struct working_day_word : p::sor<unit_days, unit_day> {};
struct unit_working : p::seq<kw_working, p::must<working_day_word>> {};
struct time_unit : p::sor<unit_working, unit_days, unit_day, unit_weeks, unit_week, unit_months,
                          unit_month, unit_years, unit_year> {};
// `15 working days`
struct duration : p::seq<integer, p::must<time_unit>> {};

// --- Conditions ----------------------------------------------------------------------------

struct condition;

struct op_not_equal : token<p::string<'!', '='>> {};
struct op_less_equal : token<p::string<'<', '='>> {};
struct op_greater_equal : token<p::string<'>', '='>> {};
struct op_less : token<p::one<'<'>> {};
struct op_greater : token<p::one<'>'>> {};
struct op_equal : token<p::one<'='>> {};
struct compare_op
    : p::sor<op_not_equal, op_less_equal, op_greater_equal, op_less, op_greater, op_equal> {};

// `["a", "b"]`
struct value_list
    : p::seq<open_bracket, p::must<value>, p::star<comma, p::must<value>>, p::must<close_bracket>> {
};
struct in_list : p::seq<kw_in, p::must<value_list>> {};

// `placement_start.permanent`: written without blanks around the dot.
struct attribute_after_dot : name_word {};
struct event_attribute : token<p::seq<name_word, p::one<'.'>, p::must<attribute_after_dot>>> {};
struct attribute_operand : name {};

// `age >= 3 years`: `year(s)` may follow the value of an `age` comparison.
struct age_years : p::sor<kw_years, kw_year> {};
struct age_comparison
    : p::seq<kw_age,
             p::opt<p::sor<p::seq<compare_op, p::must<value>, p::opt<age_years>>, in_list>>> {};
struct attribute_comparison : p::seq<p::sor<event_attribute, attribute_operand>,
                                     p::opt<p::sor<p::seq<compare_op, p::must<value>>, in_list>>> {
};
// `time in cla since age 14 >= 13 weeks`: always compared, and with a length of time.
struct time_in_word : kw_in {};
struct time_period : name {};
struct since_age_word : kw_age {};
struct since_age : p::seq<kw_since, p::must<since_age_word>, p::must<integer>> {};
struct time_compare_op : compare_op {};
struct time_length : duration {};
struct time_comparison : p::seq<kw_time, p::must<time_in_word>, p::must<time_period>,
                                p::opt<since_age>, p::must<time_compare_op>, p::must<time_length>> {
};
struct comparison : p::sor<age_comparison, time_comparison, attribute_comparison> {};

struct parenthesized : p::seq<open_paren, p::must<condition>, p::must<close_paren>> {};
struct primary : p::sor<parenthesized, comparison> {};
struct unary;
struct negation : p::seq<kw_not, p::must<unary>> {};
struct unary : p::sor<negation, primary> {};
// No must<> after `or`: `or earlier` ends the condition before it, by backtracking.
struct conjunction : p::seq<unary, p::star<kw_and, p::must<unary>>> {};
struct disjunction : p::seq<conjunction, p::star<kw_or, conjunction>> {};
struct condition : disjunction {};

// The condition of S in `between S and E`: no top-level `and`, which belongs to `between`.
struct start_condition : p::seq<unary, p::star<kw_or, unary>> {};

// --- Events --------------------------------------------------------------------------------

struct ordinal_first : token<TAO_PEGTL_KEYWORD("first")> {};
struct ordinal_second : token<TAO_PEGTL_KEYWORD("second")> {};
struct ordinal : p::sor<ordinal_first, ordinal_second> {};
struct event_type : name {};
struct where_clause : p::seq<kw_where, p::must<condition>> {};
// `first core_group where outcome = "plan"`, `rcpcc or core_group`: `where` filters them all.
struct event_ref
    : p::seq<p::opt<ordinal>, event_type, p::star<kw_or, event_type>, p::opt<where_clause>> {};

struct start_where_clause : p::seq<kw_where, p::must<start_condition>> {};
struct start_event_ref
    : p::seq<p::opt<ordinal>, event_type, p::star<kw_or, event_type>, p::opt<start_where_clause>> {
};

// `age 16`, or events.
struct age_trigger : p::seq<kw_age, p::must<integer>> {};
struct trigger : p::sor<age_trigger, event_ref> {};

// --- The rule's own modifiers --------------------------------------------------------------

struct period_ref : name {};
struct rule_during : p::seq<kw_during, p::must<period_ref>> {};
struct rule_when : p::seq<kw_when, p::must<condition>> {};

// --- Deadline: `X within D after T [or earlier]` -------------------------------------------

struct deadline_after : kw_after {};
struct deadline_trigger : trigger {};
struct or_earlier : p::seq<kw_or, kw_earlier> {};
struct deadline_form : p::seq<kw_within, p::must<duration>, p::must<deadline_after>,
                              p::must<deadline_trigger>, p::opt<or_earlier>> {};

// --- Recurrence: `X every D ...`, `X every N visits` ---------------------------------------

struct count_noun : name {};
struct count_schedule : p::seq<kw_every, integer, count_noun> {};
struct first_interval : p::seq<kw_every, duration> {};
// `until cla_review then every 4 weeks`: the until closes the interval before it.
struct phase_until : p::seq<kw_until, p::must<event_ref>> {};
struct phase_every : kw_every {};
struct phase_interval : p::seq<p::must<phase_every>, p::must<duration>> {};
struct phases : p::plus<phase_until, p::must<kw_then>, phase_interval> {};
// `, every 3 months when placement_start.permanent`
struct interval_every : kw_every {};
struct interval_when : p::seq<kw_when, p::must<condition>> {};
struct extra_interval
    : p::seq<comma, p::must<interval_every>, p::must<duration>, p::must<interval_when>> {};
// `every 6 weeks during cla, every 3 months when C`: the rule's `during` between intervals.
struct early_during : p::seq<kw_during, period_ref, p::at<comma>> {};
struct time_schedule
    : p::seq<first_interval,
             p::opt<p::sor<phases, p::seq<p::opt<early_during>, p::plus<extra_interval>>>>> {};
struct recurrence_schedule : p::sor<count_schedule, time_schedule> {};
// `after first core_group`
struct recurrence_after : p::seq<kw_after, p::must<ordinal>, p::must<event_ref>> {};
struct recurrence_form
    : p::seq<p::at<kw_every>, p::must<recurrence_schedule>, p::opt<recurrence_after>> {};

// --- Notice: `X at least D before T`, `X before T` -----------------------------------------

struct notice_before : kw_before {};
struct notice_form : p::seq<kw_at, p::must<kw_least>, p::must<duration>, p::must<notice_before>,
                            p::must<event_ref>> {};
struct plain_notice_form : p::seq<kw_before, p::must<event_ref>> {};

// --- Between: `X between consecutive T [after first S]`, `X between S and E` ---------------

struct consecutive_pair : p::seq<kw_consecutive, p::must<event_ref>, p::opt<recurrence_after>> {};
struct between_and : kw_and {};
struct start_end_pair : p::seq<start_event_ref, p::must<between_and>, p::must<event_ref>> {};
struct between_pair : p::sor<consecutive_pair, start_end_pair> {};
struct between_form : p::seq<kw_between, p::must<between_pair>> {};

// --- Each and recording: `each X requires C`, `each X recorded within D` -------------------

struct every_event : kw_event {};
struct each_target : p::sor<every_event, event_ref> {};
struct requires_clause : p::seq<kw_requires, p::must<condition>> {};
struct recorded_within : kw_within {};
struct recorded_clause : p::seq<kw_recorded, p::must<recorded_within>, p::must<duration>> {};
struct each_requirement : p::sor<requires_clause, recorded_clause> {};
// The rule's `during` and `when` come before the requirement (the draft's spelling,
// docs/language.md); after it is accepted too (`each visit recorded within 2 days during cp_plan`),
// each at most once.
struct each_rule : p::seq<kw_each, p::must<each_target>, p::opt<rule_during>, p::opt<rule_when>,
                          p::must<each_requirement>, p::opt<rule_during>, p::opt<rule_when>> {};

// --- Rule bodies ---------------------------------------------------------------------------

struct form_after_target
    : p::sor<deadline_form, recurrence_form, notice_form, plain_notice_form, between_form> {};
struct targeted_rule
    : p::seq<event_ref, p::must<form_after_target>, p::opt<rule_during>, p::opt<rule_when>> {};
struct rule_body : p::sor<each_rule, targeted_rule> {};

// --- Declarations --------------------------------------------------------------------------

struct policy_title : string_literal {};
struct policy_decl : p::seq<kw_policy, p::must<policy_title>> {};

struct calendar_name : name {};
struct extra_day : date_literal {};
struct calendar_decl
    : p::seq<kw_calendar, p::must<calendar_name>,
             p::opt<kw_plus, p::must<extra_day>, p::star<comma, p::must<extra_day>>>> {};

struct the_trigger_day : p::seq<kw_the, kw_trigger, kw_day> {};
struct count_trigger_day_decl : p::seq<kw_count, p::must<the_trigger_day>> {};

struct include_file : string_literal {};
struct include_decl : p::seq<kw_include, p::must<include_file>> {};

struct declared_event : name {};
struct attribute_name : name {};
struct attribute_names : p::seq<p::must<attribute_name>, p::star<comma, p::must<attribute_name>>> {
};
struct event_decl : p::seq<kw_event, p::must<declared_event>, p::opt<kw_has, attribute_names>> {};

struct case_has : kw_has {};
struct case_decl : p::seq<kw_case, p::must<case_has>, attribute_names> {};

struct declared_period : name {};
struct period_from : kw_from {};
struct period_start : trigger {};
struct period_until : kw_until {};
struct period_end : trigger {};
struct period_decl
    : p::seq<kw_period, p::must<declared_period>, p::must<period_from>, p::must<period_start>,
             p::must<period_until>, p::must<period_end>, p::opt<rule_when>> {};

struct rule_title : string_literal {};
struct rule_colon : colon {};
struct rule_decl : p::seq<kw_rule, p::must<rule_id>, p::must<rule_title>, p::must<rule_colon>,
                          p::must<rule_body>> {};

struct override_rule_word : kw_rule {};
struct override_colon : colon {};
struct override_decl : p::seq<kw_override, p::must<override_rule_word>, p::must<rule_id>,
                              p::opt<rule_title>, p::must<override_colon>, p::must<rule_body>> {};

struct drop_rule_word : kw_rule {};
struct drop_decl : p::seq<kw_drop, p::must<drop_rule_word>, p::must<rule_id>> {};

// `indicator T51 "Repeat child protection plan within 2 years": cp_plan repeated within 2 years`
struct indicator_id : rule_id {};
struct indicator_title : string_literal {};
struct indicator_colon : colon {};
struct indicator_period : name {};
struct repeated_word : kw_repeated {};
struct repeated_within : kw_within {};
struct indicator_body : p::seq<indicator_period, p::must<repeated_word>, p::must<repeated_within>,
                               p::must<duration>> {};
struct indicator_decl : p::seq<kw_indicator, p::must<indicator_id>, p::must<indicator_title>,
                               p::must<indicator_colon>, p::must<indicator_body>> {};

struct declaration
    : p::sor<policy_decl, calendar_decl, count_trigger_day_decl, include_decl, event_decl,
             case_decl, period_decl, rule_decl, override_decl, drop_decl, indicator_decl> {};

// One top-level item: what parse.cpp parses at a time, so that an error in one item does not
// hide the errors of the next.
struct item : p::must<declaration> {};

// A whole file, for analyze() and for tools that want one pass.
struct file : p::seq<skip, p::until<p::eof, item>> {};

}  // namespace duly::grammar

// For analyze(): reserved_word consumes input when it matches, and has no rules inside.
template <typename Name>
struct tao::pegtl::analyze_traits<Name, duly::grammar::reserved_word> : analyze_any_traits<> {};
