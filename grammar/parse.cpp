// Policy text -> syntax::File and diagnostics. The grammar (grammar.hpp) is run one top-level
// item at a time through PEGTL's parse tree, keeping only the nodes that mean something; the
// Builder below turns those nodes into the syntax tree. A parse error becomes one diagnostic
// and parsing resumes at the next line that starts a declaration, so every broken item is
// reported. Comments are found by a separate scan (they are blanks to the grammar) and hung
// on the items around them, so `duly fmt` can print them back.
#include "grammar/parse.hpp"

#include <tao/pegtl/contrib/parse_tree.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <stdexcept>

#include "engine/diagnostics/source_text.hpp"
#include "grammar/errors.hpp"
#include "grammar/grammar.hpp"
#include "grammar/keywords.hpp"

namespace duly::syntax {
namespace {

namespace g = duly::grammar;
namespace p = tao::pegtl;
using Node = p::parse_tree::node;

// The rules that become nodes; everything else (keywords, punctuation, blanks) is dropped and
// the nodes below it are hoisted into the nearest kept parent.
template <typename Rule>
using selector = p::parse_tree::selector<
    Rule,
    p::parse_tree::store_content::on<
        g::policy_decl, g::calendar_decl, g::count_trigger_day_decl, g::include_decl, g::event_decl,
        g::case_decl, g::period_decl, g::rule_decl, g::override_decl, g::drop_decl, g::policy_title,
        g::calendar_name, g::extra_day, g::include_file, g::declared_event, g::attribute_name,
        g::declared_period, g::rule_id, g::rule_title, g::string_literal, g::date_literal,
        g::number_literal, g::true_literal, g::false_literal, g::integer, g::unit_day, g::unit_days,
        g::unit_week, g::unit_weeks, g::unit_month, g::unit_months, g::unit_year, g::unit_years,
        g::unit_working, g::duration, g::op_not_equal, g::op_less_equal, g::op_greater_equal,
        g::op_less, g::op_greater, g::op_equal, g::in_list, g::event_attribute,
        g::attribute_operand, g::age_comparison, g::attribute_comparison, g::parenthesized,
        g::negation, g::conjunction, g::condition, g::start_condition, g::ordinal_first,
        g::ordinal_second, g::event_type, g::where_clause, g::event_ref, g::start_where_clause,
        g::start_event_ref, g::age_trigger, g::period_ref, g::rule_during, g::rule_when,
        g::deadline_form, g::or_earlier, g::count_noun, g::count_schedule, g::first_interval,
        g::phase_until, g::phase_interval, g::extra_interval, g::interval_when, g::early_during,
        g::recurrence_after, g::recurrence_form, g::notice_form, g::plain_notice_form,
        g::consecutive_pair, g::start_end_pair, g::between_form, g::every_event, g::requires_clause,
        g::recorded_clause, g::each_rule, g::rule_body, g::time_comparison, g::time_period,
        g::since_age, g::time_length, g::indicator_decl, g::indicator_id, g::indicator_title,
        g::indicator_period>>;

const std::vector<std::string> top_level_keywords = g::declaration_keywords();

// Words that continue a declaration: a misspelling of one of them right after an item is a
// broken item, not an unknown declaration.
const std::vector<std::string> continuation_keywords = g::continuation_keywords();

// Bytes of UTF-8 sequences count as word characters, so that a message quotes `visité`
// whole rather than half a character.
bool is_identifier_char(char c) {
  auto byte = static_cast<unsigned char>(c);
  return std::isalnum(byte) != 0 || c == '_' || byte >= 0x80;
}
bool is_blank(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

bool is_keyword(std::string_view word) { return g::is_reserved(word); }

bool is_name(std::string_view word) {
  p::memory_input<> in(word.data(), word.data() + word.size(), "");
  return p::parse<p::seq<g::name_word, p::eof>>(in);
}

// Comments and strings of the whole text, on its lines: what the grammar treats as blanks, seen
// by a small scanner that knows strings (a `#` inside "..." starts no comment).
class SourceMap {
 public:
  SourceMap(std::string_view text, const std::string& path)
      : source_(path, std::string(text)), text_(source_.text()), in_comment_(text.size(), false) {
    bool in_string = false;
    std::size_t string_start = 0;
    for (std::size_t i = 0; i < text_.size(); ++i) {
      char c = text_[i];
      // The grammar ends a string at a line break, CR or LF (a lone CR included): so does this
      // scanner, or the two would disagree about where a broken string starts.
      if (c == '\n' || (c == '\r' && in_string)) {
        if (in_string) unterminated_strings_.push_back(string_start);
        in_string = false;
        continue;
      }
      if (in_string) {
        if (c == '\\' && i + 1 < text_.size() && text_[i + 1] != '\n' && text_[i + 1] != '\r') {
          ++i;
        } else if (c == '"') {
          in_string = false;
        }
        continue;
      }
      if (c == '"') {
        in_string = true;
        string_start = i;
      } else if (c == '#') {
        std::size_t end = text_.find('\n', i);
        if (end == std::string_view::npos) end = text_.size();
        for (std::size_t j = i; j < end; ++j) in_comment_[j] = true;
        Comment comment;
        comment.text = std::string(text_.substr(i, end - i));
        while (!comment.text.empty() && is_blank(comment.text.back())) comment.text.pop_back();
        comment.position = {path, line_of(i), column_of(i)};
        std::size_t start = line_start(line_of(i));
        comment.own_line = std::all_of(text_.begin() + static_cast<std::ptrdiff_t>(start),
                                       text_.begin() + static_cast<std::ptrdiff_t>(i), is_blank);
        comments_.push_back(std::move(comment));
        i = end - 1;
      }
    }
    if (in_string) unterminated_strings_.push_back(string_start);
  }

  // Columns here count bytes, as PEGTL's positions do; diagnostics are turned to characters
  // by whoever keeps them (the checker, `duly fmt`).
  int line_of(std::size_t byte) const { return source_.line_of(byte); }
  int column_of(std::size_t byte) const { return source_.byte_column_of(byte); }
  std::size_t line_start(int line) const { return source_.line_start(line); }
  int line_count() const { return source_.line_count(); }
  std::string line_text(int line) const { return std::string(source_.line(line)); }
  bool line_is_blank(int line) const {
    std::string_view t = source_.line(line);
    return std::all_of(t.begin(), t.end(), is_blank);
  }

  bool is_code(std::size_t byte) const { return !in_comment_[byte] && !is_blank(text_[byte]); }

  // The first code byte at or after `byte` (text size if none).
  std::size_t next_code(std::size_t byte) const {
    while (byte < text_.size() && !is_code(byte)) ++byte;
    return byte;
  }
  // One past the last code byte before `byte` (0 if none).
  std::size_t previous_code_end(std::size_t byte) const {
    while (byte > 0 && !is_code(byte - 1)) --byte;
    return byte;
  }

  const std::vector<Comment>& comments() const { return comments_; }
  const std::vector<std::size_t>& unterminated_strings() const { return unterminated_strings_; }
  std::string_view text() const { return text_; }

 private:
  SourceText source_;
  std::string_view text_;  // source_'s text
  std::vector<bool> in_comment_;
  std::vector<Comment> comments_;
  std::vector<std::size_t> unterminated_strings_;
};

// An error found while building the tree from text that parsed (a number too large, `during`
// written twice).
struct BuildError {
  SourcePosition position;
  std::string message;
  int caret_width = 1;
};

class Builder {
 public:
  Builder(const std::string& path, const SourceMap& map) : path_(path), map_(map) {}

  Item item(const Node& n) const {
    Item result;
    result.position = position(n);
    const auto& c = n.children;
    if (n.is_type<g::policy_decl>()) {
      result.kind = PolicyName{string_text(*c.at(0))};
    } else if (n.is_type<g::calendar_decl>()) {
      CalendarDecl decl{name(*c.at(0)), {}};
      for (std::size_t i = 1; i < c.size(); ++i) decl.extra_days.push_back(value(*c[i]));
      result.kind = std::move(decl);
    } else if (n.is_type<g::count_trigger_day_decl>()) {
      result.kind = CountTriggerDay{};
    } else if (n.is_type<g::include_decl>()) {
      result.kind = Include{value(*c.at(0))};
    } else if (n.is_type<g::event_decl>()) {
      EventDecl decl{name(*c.at(0)), {}};
      for (std::size_t i = 1; i < c.size(); ++i) decl.attributes.push_back(name(*c[i]));
      result.kind = std::move(decl);
    } else if (n.is_type<g::case_decl>()) {
      CaseDecl decl;
      for (const auto& child : c) decl.attributes.push_back(name(*child));
      result.kind = std::move(decl);
    } else if (n.is_type<g::period_decl>()) {
      PeriodDecl decl{name(*c.at(0)), trigger(*c.at(1)), trigger(*c.at(2)), std::nullopt};
      if (c.size() > 3) decl.when = condition(*c[3]->children.at(0));
      result.kind = std::move(decl);
    } else if (n.is_type<g::rule_decl>()) {
      result.kind = RuleDecl{name(*c.at(0)), string_text(*c.at(1)), body(*c.at(2))};
    } else if (n.is_type<g::override_decl>()) {
      OverrideDecl decl{name(*c.at(0)), std::nullopt, body(*c.back())};
      if (c.size() > 2) decl.name = string_text(*c[1]);
      result.kind = std::move(decl);
    } else if (n.is_type<g::drop_decl>()) {
      result.kind = DropDecl{name(*c.at(0))};
    } else if (n.is_type<g::indicator_decl>()) {
      result.kind = IndicatorDecl{name(*c.at(0)), string_text(*c.at(1)), name(*c.at(2)),
                                  duration(*c.at(3)), position(*c.at(2))};
    } else {
      throw std::logic_error("unexpected declaration node " + std::string(n.type));
    }
    return result;
  }

 private:
  SourcePosition position(const Node& n) const {
    auto begin = n.begin();
    return {path_, static_cast<int>(begin.line), static_cast<int>(begin.column)};
  }
  SourcePosition position_at(std::size_t byte) const {
    return {path_, map_.line_of(byte), map_.column_of(byte)};
  }

  // The token at the start of a node: a name, id, number or date (the node also holds the
  // blanks after it).
  static std::string word(const Node& n) {
    std::string_view text = n.string_view();
    std::size_t end = 0;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) != 0 ||
                                 text[end] == '_' || text[end] == '.' || text[end] == '-'))
      ++end;
    return std::string(text.substr(0, end));
  }

  Name name(const Node& n) const { return {word(n), position(n)}; }

  long long whole_number(const Node& n) const {
    std::string text = word(n);
    long long result = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), result);
    if (error != std::errc() || end != text.data() + text.size())
      throw BuildError{position(n), "the number `" + text + "` is too large",
                       static_cast<int>(text.size())};
    return result;
  }

  // The text of a string literal with its escapes resolved.
  static std::string string_text(const Node& n) {
    std::string_view text = n.string_view();
    std::string result;
    for (std::size_t i = 1; i < text.size() && text[i] != '"'; ++i) {
      if (text[i] == '\\') ++i;
      result += text[i];
    }
    return result;
  }

  Value value(const Node& n) const {
    Value result;
    result.position = position(n);
    if (n.is_type<g::string_literal>() || n.is_type<g::include_file>()) {
      result.kind = Value::Kind::string;
      result.text = string_text(n);
    } else if (n.is_type<g::date_literal>() || n.is_type<g::extra_day>()) {
      result.kind = Value::Kind::date;
      result.text = word(n);
    } else if (n.is_type<g::number_literal>()) {
      result.kind = Value::Kind::number;
      result.text = word(n);
    } else {
      result.kind = Value::Kind::boolean;
      result.text = n.is_type<g::true_literal>() ? "true" : "false";
    }
    return result;
  }

  Duration duration(const Node& n) const {
    Duration result;
    result.position = position(n);
    result.amount = whole_number(*n.children.at(0));
    const Node& unit = *n.children.at(1);
    const Node& word_node = unit.is_type<g::unit_working>() ? *unit.children.at(0) : unit;
    if (unit.is_type<g::unit_working>()) {
      result.unit = TimeUnit::working_days;
    } else if (word_node.is_type<g::unit_day>() || word_node.is_type<g::unit_days>()) {
      result.unit = TimeUnit::days;
    } else if (word_node.is_type<g::unit_week>() || word_node.is_type<g::unit_weeks>()) {
      result.unit = TimeUnit::weeks;
    } else if (word_node.is_type<g::unit_month>() || word_node.is_type<g::unit_months>()) {
      result.unit = TimeUnit::months;
    } else {
      result.unit = TimeUnit::years;
    }
    result.singular = word_node.is_type<g::unit_day>() || word_node.is_type<g::unit_week>() ||
                      word_node.is_type<g::unit_month>() || word_node.is_type<g::unit_year>();
    return result;
  }

  static CompareOp compare_op(const Node& n) {
    if (n.is_type<g::op_not_equal>()) return CompareOp::not_equal;
    if (n.is_type<g::op_less>()) return CompareOp::less;
    if (n.is_type<g::op_less_equal>()) return CompareOp::less_equal;
    if (n.is_type<g::op_greater>()) return CompareOp::greater;
    if (n.is_type<g::op_greater_equal>()) return CompareOp::greater_equal;
    return CompareOp::equal;
  }

  // A group of conditions joined by one operator; a group of one is that condition itself.
  Condition group(const Node& n, Condition::Kind kind) const {
    if (n.children.size() == 1) return condition(*n.children.front());
    Condition result;
    result.kind = kind;
    result.position = position(n);
    for (const auto& child : n.children) result.children.push_back(condition(*child));
    return result;
  }

  Condition condition(const Node& n) const {
    if (n.is_type<g::condition>() || n.is_type<g::start_condition>())
      return group(n, Condition::Kind::any_of);
    if (n.is_type<g::conjunction>()) return group(n, Condition::Kind::all_of);
    if (n.is_type<g::parenthesized>()) {
      Condition result = condition(*n.children.at(0));
      result.parenthesized = true;
      result.position = position(n);
      return result;
    }
    Condition result;
    result.position = position(n);
    if (n.is_type<g::negation>()) {
      result.kind = Condition::Kind::negation;
      result.children.push_back(condition(*n.children.at(0)));
      return result;
    }
    if (n.is_type<g::time_comparison>()) return time_comparison(n);
    // A comparison: the operand, then an operator and a value, a list, or nothing.
    std::size_t next = 0;
    if (n.is_type<g::age_comparison>()) {
      result.operand.kind = Operand::Kind::age;
      result.operand.name = {"age", position(n)};
      result.operand.position = position(n);
    } else {
      const Node& operand = *n.children.at(next++);
      result.operand.position = position(operand);
      if (operand.is_type<g::event_attribute>()) {
        std::string text = word(operand);
        std::size_t dot = text.find('.');
        result.operand.kind = Operand::Kind::event_attribute;
        result.operand.name = {text.substr(0, dot), position(operand)};
        SourcePosition after_dot = position(operand);
        after_dot.column += static_cast<int>(dot) + 1;
        result.operand.attribute = {text.substr(dot + 1), after_dot};
      } else {
        result.operand.kind = Operand::Kind::attribute;
        result.operand.name = name(operand);
      }
    }
    if (next == n.children.size()) {
      result.kind = Condition::Kind::truth;
    } else if (n.children[next]->is_type<g::in_list>()) {
      result.kind = Condition::Kind::in_list;
      for (const auto& v : n.children[next]->children) result.values.push_back(value(*v));
    } else {
      result.kind = Condition::Kind::compare;
      result.op = compare_op(*n.children[next]);
      result.values.push_back(value(*n.children.at(next + 1)));
    }
    return result;
  }

  // `time in P [since age N] OP LENGTH`
  Condition time_comparison(const Node& n) const {
    Condition result;
    result.kind = Condition::Kind::compare;
    result.position = position(n);
    const auto& c = n.children;
    result.operand.kind = Operand::Kind::time_in;
    result.operand.position = position(n);
    result.operand.name = name(*c.at(0));
    std::size_t next = 1;
    if (c.at(next)->is_type<g::since_age>())
      result.operand.since_age = whole_number(*c[next++]->children.at(0));
    result.op = compare_op(*c.at(next++));
    result.length = duration(*c.at(next));
    return result;
  }

  EventRef event_ref(const Node& n) const {
    EventRef result;
    result.position = position(n);
    for (const auto& child : n.children) {
      if (child->is_type<g::ordinal_first>()) {
        result.ordinal = Ordinal::first;
      } else if (child->is_type<g::ordinal_second>()) {
        result.ordinal = Ordinal::second;
      } else if (child->is_type<g::event_type>()) {
        result.types.push_back(name(*child));
      } else {  // where_clause or start_where_clause
        result.where = condition(*child->children.at(0));
      }
    }
    return result;
  }

  // `after first S`: the ordinal comes before the event reference.
  EventRef ordinal_event_ref(const Node& n) const {
    EventRef result = event_ref(*n.children.at(1));
    result.ordinal =
        n.children.at(0)->is_type<g::ordinal_first>() ? Ordinal::first : Ordinal::second;
    result.position = position(*n.children.at(0));
    return result;
  }

  Trigger trigger(const Node& n) const {
    Trigger result;
    result.position = position(n);
    if (n.is_type<g::age_trigger>()) {
      result.kind = Trigger::Kind::age;
      result.age = whole_number(*n.children.at(0));
    } else {
      result.kind = Trigger::Kind::events;
      result.events = event_ref(n);
    }
    return result;
  }

  Recurrence recurrence(EventRef target, const Node& n, RuleBody& body) const {
    Recurrence result;
    result.target = std::move(target);
    for (const auto& child : n.children) {
      const auto& c = child->children;
      if (child->is_type<g::count_schedule>()) {
        result.every_count = whole_number(*c.at(0));
        result.count_noun = name(*c.at(1));
      } else if (child->is_type<g::first_interval>() || child->is_type<g::phase_interval>()) {
        result.intervals.push_back(
            {duration(*c.at(0)), std::nullopt, std::nullopt, position(*child)});
      } else if (child->is_type<g::phase_until>()) {
        result.intervals.back().until = event_ref(*c.at(0));
      } else if (child->is_type<g::extra_interval>()) {
        // The node starts at the comma; the interval at its `every`.
        std::size_t every = map_.next_code(child->begin().byte + 1);
        result.intervals.push_back({duration(*c.at(0)), condition(*c.at(1)->children.at(0)),
                                    std::nullopt, position_at(every)});
      } else if (child->is_type<g::early_during>()) {
        body.during = name(*c.at(0));
        result.during_before_intervals = true;
      } else if (child->is_type<g::recurrence_after>()) {
        result.after = ordinal_event_ref(*child);
      }
    }
    return result;
  }

  Between between(EventRef target, const Node& n) const {
    Between result;
    result.target = std::move(target);
    const Node& pair = *n.children.at(0);
    result.consecutive = pair.is_type<g::consecutive_pair>();
    result.start = event_ref(*pair.children.at(0));
    if (result.consecutive) {
      if (pair.children.size() > 1) result.after = ordinal_event_ref(*pair.children[1]);
    } else {
      result.end = event_ref(*pair.children.at(1));
    }
    return result;
  }

  // The rule's own `during` and `when`.
  void modifier(const Node& n, RuleBody& body) const {
    if (n.is_type<g::rule_during>()) {
      if (body.during)
        throw BuildError{
            position(n),
            "`during` is written twice: the rule already says `during " + body.during->text + "`",
            6};
      body.during = name(*n.children.at(0));
    } else if (n.is_type<g::rule_when>()) {
      if (body.when)
        throw BuildError{position(n), "`when` is written twice: give the rule one condition", 4};
      body.when = condition(*n.children.at(0));
    }
  }

  RuleBody body(const Node& n) const {
    RuleBody result;
    result.position = position(n);
    const Node& first = *n.children.at(0);
    if (first.is_type<g::each_rule>()) {
      const auto& c = first.children;
      EventRef target;
      if (c.at(0)->is_type<g::every_event>()) {
        target.every_type = true;
        target.position = position(*c[0]);
      } else {
        target = event_ref(*c[0]);
      }
      const Node* found = nullptr;
      for (std::size_t i = 1; i < c.size(); ++i) {
        if (c[i]->is_type<g::requires_clause>() || c[i]->is_type<g::recorded_clause>())
          found = c[i].get();
        else
          modifier(*c[i], result);
      }
      const Node& requirement = *found;
      if (requirement.is_type<g::requires_clause>()) {
        result.form = Each{std::move(target), condition(*requirement.children.at(0))};
      } else {
        result.form = Recording{std::move(target), duration(*requirement.children.at(0))};
      }
      return result;
    }
    EventRef target = event_ref(first);
    const Node& form = *n.children.at(1);
    const auto& c = form.children;
    if (form.is_type<g::deadline_form>()) {
      Deadline deadline{std::move(target), duration(*c.at(0)), trigger(*c.at(1)), false};
      deadline.or_earlier = c.size() > 2 && c[2]->is_type<g::or_earlier>();
      result.form = std::move(deadline);
    } else if (form.is_type<g::recurrence_form>()) {
      result.form = recurrence(std::move(target), form, result);
    } else if (form.is_type<g::notice_form>()) {
      result.form = Notice{std::move(target), duration(*c.at(0)), event_ref(*c.at(1))};
    } else if (form.is_type<g::plain_notice_form>()) {
      result.form = Notice{std::move(target), std::nullopt, event_ref(*c.at(0))};
    } else {
      result.form = between(std::move(target), form);
    }
    for (std::size_t i = 2; i < n.children.size(); ++i) modifier(*n.children[i], result);
    return result;
  }

  const std::string& path_;
  const SourceMap& map_;
};

// The token starting at `byte`: a word, a string up to its closing quote (or the end of the
// line), or one character; empty at the end of a line or of the text.
std::string_view token_at(std::string_view text, std::size_t byte) {
  if (byte >= text.size() || text[byte] == '\n' || text[byte] == '\r') return {};
  std::size_t end = byte;
  if (text[byte] == '"') {
    ++end;
    while (end < text.size() && text[end] != '"' && text[end] != '\n') {
      if (text[end] == '\\' && end + 1 < text.size() && text[end + 1] != '\n') ++end;
      ++end;
    }
    if (end < text.size() && text[end] == '"') ++end;
  } else if (is_identifier_char(text[byte]) || text[byte] == '-') {
    ++end;
    while (end < text.size() && (is_identifier_char(text[end]) || text[end] == '.')) ++end;
  } else {
    ++end;
    // Two-character operators.
    if (end < text.size() && text[end] == '=' &&
        std::string_view("<>!=").find(text[byte]) != std::string_view::npos)
      ++end;
  }
  return text.substr(byte, end - byte);
}

// The token that ends at `end`.
std::string_view token_before(std::string_view text, std::size_t end) {
  if (end == 0) return {};
  std::size_t start = end - 1;
  if (text[start] == '"') {
    // Back to the opening quote on the same line.
    while (start > 0 && text[start - 1] != '\n') {
      --start;
      if (text[start] == '"' && (start == 0 || text[start - 1] != '\\')) break;
    }
  } else if (is_identifier_char(text[start])) {
    while (start > 0 && (is_identifier_char(text[start - 1]) || text[start - 1] == '.' ||
                         text[start - 1] == '-'))
      --start;
  } else if (text[start] == '=' && start > 0 &&
             std::string_view("<>!").find(text[start - 1]) != std::string_view::npos) {
    --start;
  }
  return text.substr(start, end - start);
}

// The words in backquotes of a message, and each word of them: the keywords it offers.
std::vector<std::string> offered_keywords(const std::string& message) {
  std::vector<std::string> result;
  std::size_t open = message.find('`');
  while (open != std::string::npos) {
    std::size_t close = message.find('`', open + 1);
    if (close == std::string::npos) break;
    std::string phrase = message.substr(open + 1, close - open - 1);
    bool plain = !phrase.empty() && std::all_of(phrase.begin(), phrase.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || c == ' ';
    });
    if (plain) {
      result.push_back(phrase);
      std::size_t start = 0;
      while (start < phrase.size()) {
        std::size_t space = phrase.find(' ', start);
        if (space == std::string::npos) space = phrase.size();
        if (space > start && space - start < phrase.size())
          result.push_back(phrase.substr(start, space - start));
        start = space + 1;
      }
    }
    open = message.find('`', close + 1);
  }
  return result;
}

std::string lower_case(std::string_view word) {
  std::string result(word);
  for (char& c : result) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return result;
}

// How deep conditions may nest, in parentheses and `not`s: far beyond any policy a person
// writes, and far below what the recursive descent (and the passes after it) can take on a
// thread's stack.
constexpr int deepest_nesting = 100;

// The first place where the nesting passes deepest_nesting, if any: each open parenthesis and
// each `not` in a row (`not not (not x)`) goes one level deeper.
std::optional<std::size_t> too_deep(const SourceMap& map) {
  const std::string_view text = map.text();
  int depth = 0, nots = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!map.is_code(i)) continue;
    const char c = text[i];
    if (c == '"') {  // a string: nothing inside counts
      for (++i; i < text.size() && text[i] != '"' && text[i] != '\n'; ++i)
        if (text[i] == '\\') ++i;
      nots = 0;
      continue;
    }
    if (c == '(') {
      ++depth;
    } else if (c == ')') {
      depth = std::max(0, depth - 1);
      nots = 0;
    } else if (is_identifier_char(c)) {
      std::size_t end = i;
      while (end < text.size() && is_identifier_char(text[end])) ++end;
      nots = text.substr(i, end - i) == "not" ? nots + 1 : 0;
      if (depth + nots <= deepest_nesting) i = end - 1;
    } else {
      nots = 0;
    }
    if (depth + nots > deepest_nesting) return i;
  }
  return std::nullopt;
}

class Parser {
 public:
  Parser(std::string_view text, const std::string& path)
      : path_(path), map_(text, path), text_(map_.text()), builder_(path, map_) {}

  ParseResult run() {
    ParseResult result;
    result.file.path = path_;
    if (auto at = too_deep(map_)) {
      // Parsing it would overflow the stack; nothing else of the file is worth the risk.
      const int line = map_.line_of(*at);
      result.diagnostics.push_back(
          {Severity::error,
           {path_, line, map_.column_of(*at)},
           "conditions nested more than " + std::to_string(deepest_nesting) +
               " deep (in parentheses and `not`s); write the condition flatter",
           map_.line_text(line),
           1});
      return result;
    }
    std::size_t offset = map_.next_code(0);
    while (offset < text_.size()) {
      p::memory_input<> in(text_.data() + offset, text_.data() + text_.size(), path_, offset,
                           static_cast<std::size_t>(map_.line_of(offset)),
                           static_cast<std::size_t>(map_.column_of(offset)));
      try {
        auto root = p::parse_tree::parse<g::item, selector, p::nothing, g::control>(in);
        Item item = builder_.item(*root->children.at(0));
        std::size_t end = map_.previous_code_end(in.byte());
        item.last_line = map_.line_of(end - 1);
        last_item_end_ = end;
        last_item_kind_ = std::holds_alternative<RuleDecl>(item.kind) ||
                                  std::holds_alternative<OverrideDecl>(item.kind)
                              ? "rule"
                          : std::holds_alternative<IndicatorDecl>(item.kind) ? "indicator"
                                                                             : "declaration";
        result.file.items.push_back(std::move(item));
        offset = in.byte();
      } catch (const g::RuleError& error) {
        Diagnostic d = diagnose(error, offset);
        result.diagnostics.push_back(d);
        offset = resume_forward(offset, d.position.line);
      } catch (const BuildError& error) {
        result.diagnostics.push_back({Severity::error, error.position, error.message,
                                      map_.line_text(error.position.line), error.caret_width});
        offset = resume_forward(offset, error.position.line);
      }
      offset = map_.next_code(offset);
    }
    attach_comments(result.file);
    return result;
  }

 private:
  // The start of the next line after `line` whose first word begins a declaration, or that
  // starts in the first column: declarations are written there and rule bodies are indented,
  // so a misspelt declaration keyword (`evnt visit`) gets its own error instead of being
  // skipped as part of the broken item.
  std::size_t resume_after(int line) const {
    for (int l = line + 1; l <= map_.line_count(); ++l) {
      std::size_t start = map_.line_start(l);
      if (start < text_.size() &&
          std::string_view(" \t#\r\n").find(text_[start]) == std::string_view::npos)
        return start;
      while (start < text_.size() && (text_[start] == ' ' || text_[start] == '\t')) ++start;
      std::string_view word = token_at(text_, start);
      if (std::find(top_level_keywords.begin(), top_level_keywords.end(), word) !=
          top_level_keywords.end())
        return start;
    }
    return text_.size();
  }

  // Where parsing goes on after an error in the item that starts at `offset`, reported on
  // `line`: after that line, and always past `offset`. An error can be reported on a line before
  // the item's own (the token before the failure) or the grammar's idea of a line (a string ends
  // at a CR) can differ from the line table's (lines end at LF only); without this guarantee such
  // an item would be parsed again, and fail again, for ever.
  std::size_t resume_forward(std::size_t offset, int line) const {
    const std::size_t next = resume_after(line);
    if (next > offset) return next;
    const std::size_t after = resume_after(map_.line_of(offset));
    return after > offset ? after : text_.size();
  }

  // Where an error is shown: a byte of the text, the line it is reported on and the caret's
  // width in bytes.
  struct Place {
    std::size_t byte;
    int line;
    int width;
  };

  // A parse error as a policy lead reads it: the rule's message with the token before it filled
  // in, a suggestion for the word that was wrong, and the caret under that word (or just after
  // the token before it, when something is missing).
  Diagnostic diagnose(const g::RuleError& error, std::size_t item_start) const {
    const g::RuleFailure& failure = error.failure;
    const std::size_t byte = word_start(error.positions().front().byte, item_start);
    const std::size_t previous_end = map_.previous_code_end(byte);
    const std::string_view offending = token_at(text_, byte);
    std::string message = with_previous(failure.message, token_before(text_, previous_end));
    Place place{byte, map_.line_of(byte), std::max(1, static_cast<int>(offending.size()))};
    if (failure.ends_string) {
      place = unterminated_string_before(byte);
    } else if (map_.next_code(item_start) >= byte) {
      message = unexpected_at_item_start(message, offending);
    } else {
      message += suggestion(failure, offending);
      if (previous_end > 0 && is_missing(failure, offending) &&
          (offending.empty() || map_.line_of(byte) > map_.line_of(previous_end - 1)))
        place = {previous_end, map_.line_of(previous_end - 1), 1};
    }
    Diagnostic d;
    d.severity = Severity::error;
    d.position = {path_, place.line,
                  static_cast<int>(place.byte - map_.line_start(place.line)) + 1};
    d.message = message;
    d.source_line = map_.line_text(place.line);
    d.caret_width = place.width;
    return d;
  }

  // A keyword rule that failed on its last check (`afterwards` is no `after`) may leave the
  // input inside the word: the error is about the whole word.
  std::size_t word_start(std::size_t byte, std::size_t item_start) const {
    while (byte > item_start && byte < text_.size() && is_identifier_char(text_[byte]) &&
           is_identifier_char(text_[byte - 1]))
      --byte;
    return byte;
  }

  static std::string with_previous(std::string message, std::string_view previous) {
    for (std::size_t at = message.find("{previous}"); at != std::string::npos;
         at = message.find("{previous}"))
      message.replace(at, 10, previous);
    return message;
  }

  // A string without its closing quote: the caret goes under its opening quote and the rest of
  // the line.
  Place unterminated_string_before(std::size_t byte) const {
    std::size_t where = byte;
    const auto& starts = map_.unterminated_strings();
    auto it = std::upper_bound(starts.begin(), starts.end(), byte);
    if (it != starts.begin()) where = *std::prev(it);
    const int line = map_.line_of(where);
    const int width = static_cast<int>(map_.line_text(line).size()) - (map_.column_of(where) - 1);
    return {where, line, std::max(1, width)};
  }

  // Where a closing mark is missing, or the item stops at the end of the text or at the next
  // declaration, the thing is missing rather than wrong.
  static bool is_missing(const g::RuleFailure& failure, std::string_view offending) {
    return offending.empty() || failure.closes ||
           std::find(top_level_keywords.begin(), top_level_keywords.end(), offending) !=
               top_level_keywords.end();
  }

  // "did you mean" for a misspelt keyword, or the rule that names are lower case. The keywords
  // offered are those the rule's message names.
  static std::string suggestion(const g::RuleFailure& failure, std::string_view offending) {
    if (offending.empty() || !is_identifier_char(offending.front())) return "";
    const std::string word(offending);
    const std::string lower = lower_case(word);
    if (failure.expects_name) {
      if (lower != word && is_name(lower))
        return "; names are lower case: write `" + lower + "`, not `" + word + "`";
      if (std::any_of(word.begin(), word.end(),
                      [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
        return "; names are made of the letters a to z, digits and `_`";
    }
    const std::vector<std::string> offered = offered_keywords(failure.message);
    std::string close = closest_name(word, offered);
    // `Within`: a keyword in the wrong case.
    if (close.empty() && lower != word &&
        std::find(offered.begin(), offered.end(), lower) != offered.end())
      close = lower;
    if (!close.empty()) return "; did you mean `" + close + "`?";
    if (failure.expects_name && is_keyword(word))
      return "; `" + word + "` is a keyword and cannot be a name";
    return "";
  }

  // A word where a declaration should start: a misspelt declaration keyword, or the rest of
  // the item before it that the grammar could not take.
  std::string unexpected_at_item_start(const std::string& message,
                                       std::string_view offending) const {
    std::string word(offending);
    std::string lower = lower_case(word);
    std::string declaration = closest_name(word, top_level_keywords);
    if (declaration.empty() && std::find(top_level_keywords.begin(), top_level_keywords.end(),
                                         lower) != top_level_keywords.end())
      declaration = lower;
    if (!declaration.empty()) return message + "; did you mean `" + declaration + "`?";
    if (last_item_end_ > 0 && !word.empty()) {
      std::string continuation = closest_name(word, continuation_keywords);
      bool same_line = map_.line_of(last_item_end_ - 1) ==
                       map_.line_of(static_cast<std::size_t>(offending.data() - text_.data()));
      if (same_line || !continuation.empty()) {
        std::string result =
            "unexpected `" + word + "` after the end of the " + std::string(last_item_kind_);
        if (!continuation.empty()) result += "; did you mean `" + continuation + "`?";
        return result;
      }
    }
    return message;
  }

  // Own-line comments before an item lead it; comments on an item's lines (and own-line ones
  // inside a multi-line item) trail it; the rest end the file.
  void attach_comments(File& file) const {
    auto& items = file.items;
    for (const Comment& original : map_.comments()) {
      Comment comment = original;
      int line = comment.position.line;
      comment.blank_line_before = comment.own_line && blank_above(line);
      Item* holder = nullptr;
      Item* next = nullptr;
      for (auto& item : items) {
        if (item.position.line <= line && line <= item.last_line) holder = &item;
        if (item.position.line > line && next == nullptr) next = &item;
      }
      if (holder != nullptr) {
        holder->trailing_comments.push_back(comment);
      } else if (next != nullptr) {
        next->leading_comments.push_back(comment);
      } else {
        if (file.final_comments.empty())
          file.blank_line_before_final_comments = comment.blank_line_before;
        file.final_comments.push_back(comment);
      }
    }
    for (auto& item : items) {
      if (item.leading_comments.empty()) {
        item.blank_line_before = blank_above(item.position.line);
      } else {
        item.blank_line_before = item.leading_comments.front().blank_line_before;
        item.blank_line_after_leading_comments = blank_above(item.position.line);
      }
    }
  }

  // The line above `line` is blank, and something is written above that: a blank line
  // separates `line` from what came before (blank lines at the top of a file separate nothing).
  bool blank_above(int line) const {
    if (line <= 2 || !map_.line_is_blank(line - 1)) return false;
    for (int l = line - 2; l >= 1; --l)
      if (!map_.line_is_blank(l)) return true;
    return false;
  }

  std::string path_;
  SourceMap map_;
  std::string_view text_;  // map_'s copy of the text, which the positions point into
  Builder builder_;
  std::size_t last_item_end_ = 0;
  const char* last_item_kind_ = "declaration";  // "rule", "indicator" or "declaration"
};

}  // namespace

ParseResult parse(std::string_view text, const std::string& path) {
  return Parser(text, path).run();
}

}  // namespace duly::syntax
