// Reading `.test` files (docs/testing.md) into a PolicyTestSuite. The format is line-based, so
// the parser is too: each line is cut into tokens (names, dates, numbers, strings, `=` and `,`)
// and read by the kind its first word announces. Every error is a Diagnostic with the line and
// a caret under the offending token, and parsing goes on at the next line so one run reports
// every malformed line of a file.
#include <duly/policy_test.hpp>

#include "engine/diagnostics/source_text.hpp"
#include "grammar/parse.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace duly {
namespace {

struct Token {
  enum class Kind { name, date, number, string, symbol, other };
  Kind kind = Kind::other;
  std::string text;  // as written (for a string: its content, escapes resolved)
  int column = 1;    // 1-based, in bytes
  int width = 1;     // columns it covers in the source
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_bare(char c) {
  return is_letter(c) || is_digit(c) || c == '_' || c == '-' || c == '.' || c == '/' || c == ':';
}

// Four digits, dash, two digits, dash, two digits: written as a date, whether or not the day
// exists (that is checked where a date is read, so 2024-02-30 gets its own message).
bool looks_like_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!is_digit(s[i])) return false;
  return true;
}

bool looks_like_number(const std::string& s) {
  std::size_t i = s[0] == '-' ? 1 : 0, digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  if (digits == 0) return false;
  if (i == s.size()) return true;
  if (s[i] != '.') return false;
  std::size_t fraction = 0;
  for (++i; i < s.size() && is_digit(s[i]); ++i) ++fraction;
  return fraction > 0 && i == s.size();
}

bool looks_like_name(const std::string& s) {
  if (s.empty() || !is_letter(s[0])) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return is_letter(c) || is_digit(c) || c == '_'; });
}

std::string backquoted(const std::string& text) { return "`" + text + "`"; }

std::string suggestion(const std::string& name, const std::vector<std::string>& candidates) {
  std::string best = closest_name(name, candidates);
  return best.empty() ? "" : "; did you mean " + backquoted(best) + "?";
}

const std::vector<std::string> status_names = {"met", "late", "missed", "pending", "lapsed"};
const std::vector<std::string> line_keywords = {"policy", "as", "test", "case", "expect"};

// One error per line is enough: after it the rest of the line cannot be read reliably.
struct LineError {
  Diagnostic diagnostic;
};

class LineReader {
 public:
  LineReader(const std::string& file, int number, const std::string& line)
      : file_(file), number_(number), line_(line) {}

  // Cuts the line into tokens; throws LineError for an unterminated string.
  void tokenize() {
    std::size_t i = 0;
    while (i < line_.size()) {
      char c = line_[i];
      if (c == ' ' || c == '\t' || c == '\r') {
        ++i;
      } else if (c == '#') {
        break;
      } else if (c == '"') {
        Token t{Token::Kind::string, "", static_cast<int>(i) + 1, 1};
        std::size_t j = i + 1;
        bool closed = false;
        while (j < line_.size()) {
          if (line_[j] == '\\' && j + 1 < line_.size() &&
              (line_[j + 1] == '"' || line_[j + 1] == '\\')) {
            t.text += line_[j + 1];
            j += 2;
          } else if (line_[j] == '"') {
            closed = true;
            ++j;
            break;
          } else {
            t.text += line_[j++];
          }
        }
        if (!closed) fail(t.column, 1, "this string has no closing `\"`");
        t.width = static_cast<int>(j - i);
        tokens_.push_back(std::move(t));
        i = j;
      } else if (c == '=' || c == ',') {
        tokens_.push_back({Token::Kind::symbol, std::string(1, c), static_cast<int>(i) + 1, 1});
        ++i;
      } else if (is_bare(c)) {
        std::size_t j = i;
        while (j < line_.size() && is_bare(line_[j])) ++j;
        Token t{Token::Kind::other, line_.substr(i, j - i), static_cast<int>(i) + 1,
                static_cast<int>(j - i)};
        if (looks_like_date(t.text))
          t.kind = Token::Kind::date;
        else if (looks_like_number(t.text))
          t.kind = Token::Kind::number;
        else if (looks_like_name(t.text))
          t.kind = Token::Kind::name;
        tokens_.push_back(std::move(t));
        i = j;
      } else {
        fail(static_cast<int>(i) + 1, 1, "unexpected character " + backquoted(std::string(1, c)));
      }
    }
  }

  bool empty() const { return tokens_.empty(); }
  bool at_end() const { return next_ >= tokens_.size(); }
  const Token& peek() const { return tokens_[next_]; }
  bool peek_is(const char* word) const {
    return !at_end() && peek().kind == Token::Kind::name && peek().text == word;
  }
  const Token& take() { return tokens_[next_++]; }

  [[noreturn]] void fail(int column, int width, const std::string& message) const {
    Diagnostic d;
    d.position = {file_, number_, column};
    d.message = message;
    d.source_line = line_;
    d.caret_width = std::max(1, width);
    throw LineError{std::move(d)};
  }
  [[noreturn]] void fail(const Token& t, const std::string& message) const {
    fail(t.column, t.width, message);
  }
  // At the next token, or just past the end of the line when there is none.
  [[noreturn]] void fail_here(const std::string& message) const {
    if (!at_end()) fail(peek(), message);
    fail(end_column(), 1, message);
  }

  const Token& expect_word(const char* word, const std::string& message) {
    if (!peek_is(word)) fail_here(message);
    return take();
  }

  Date date(const std::string& what) {
    if (at_end()) fail_here("expected " + what + " (a date like 2024-03-04)");
    const Token& t = take();
    if (t.kind != Token::Kind::date)
      fail(t, "expected " + what + " (a date like 2024-03-04), found " + backquoted(t.text));
    int year = std::stoi(t.text.substr(0, 4)), month = std::stoi(t.text.substr(5, 2)),
        day = std::stoi(t.text.substr(8, 2));
    if (month < 1 || month > 12)
      fail(t, backquoted(t.text) + " is not a date: there is no month " + std::to_string(month));
    auto d = make_date(year, month, day);
    if (!d)
      fail(t, backquoted(t.text) + " is not a date: " + month_name(month) + " " +
                  std::to_string(year) + " has " + std::to_string(days_in_month(year, month)) +
                  " days");
    return *d;
  }

  const Token& string(const std::string& what) {
    if (at_end()) fail_here("expected " + what + " in double quotes");
    const Token& t = take();
    if (t.kind != Token::Kind::string)
      fail(t, "expected " + what + " in double quotes, found " + backquoted(t.text));
    return t;
  }

  const Token& name(const std::string& what) {
    if (at_end()) fail_here("expected " + what);
    const Token& t = take();
    if (t.kind != Token::Kind::name) fail(t, "expected " + what + ", found " + shown(t));
    return t;
  }

  // `with a = 1, b = "x"`: the value as a data file would hold it.
  std::vector<TestAttribute> attributes() {
    std::vector<TestAttribute> out;
    while (true) {
      const Token& n = name("an attribute name");
      if (at_end() || peek().text != "=" || peek().kind != Token::Kind::symbol)
        fail_here("expected `=` after the attribute " + backquoted(n.text));
      take();
      TestAttribute a;
      a.name = n.text;
      a.position = {file_, number_, n.column};
      a.value = value();
      out.push_back(std::move(a));
      if (at_end() || peek().kind != Token::Kind::symbol || peek().text != ",") return out;
      take();
    }
  }

  void finish_line() {
    if (!at_end()) fail(peek(), "unexpected " + shown(peek()) + " at the end of the line");
  }

  SourcePosition position(const Token& t) const { return {file_, number_, t.column}; }
  const std::string& line() const { return line_; }

 private:
  static std::string month_name(int month) {
    static const char* names[] = {"January",   "February", "March",    "April",
                                  "May",       "June",     "July",     "August",
                                  "September", "October",  "November", "December"};
    return names[month - 1];
  }

  static std::string shown(const Token& t) {
    return t.kind == Token::Kind::string ? backquoted("\"" + t.text + "\"") : backquoted(t.text);
  }

  int end_column() const {
    // Past the last character that is not a comment or trailing space.
    if (tokens_.empty()) return 1;
    const Token& last = tokens_.back();
    return last.column + last.width;
  }

  std::string value() {
    if (at_end()) fail_here("expected a value: \"text\", a number, true, false or a date");
    const Token& t = take();
    switch (t.kind) {
      case Token::Kind::string:
      case Token::Kind::number:
        return t.text;
      case Token::Kind::date: {
        --next_;  // re-read it as a date, so an impossible day is an error here too
        return to_iso_string(date("a value"));
      }
      case Token::Kind::name:
        if (t.text == "true" || t.text == "false") return t.text;
        fail(t, "text values are written in double quotes: \"" + t.text + "\"");
      default:
        fail(t, "expected a value: \"text\", a number, true, false or a date; found " + shown(t));
    }
  }

  const std::string& file_;
  int number_;
  const std::string& line_;
  std::vector<Token> tokens_;
  std::size_t next_ = 0;
};

class TestFileParser {
 public:
  explicit TestFileParser(const std::string& file) : file_(file) {
    result_.suite.file = file;
    folder_ = std::filesystem::path(file).parent_path();
  }

  ParsedPolicyTests parse(std::string_view text) {
    const SourceText source(file_, std::string(syntax::without_byte_order_mark(text)));
    for (int number = 1; number <= source.line_count(); ++number) {
      const std::string line(source.line(number));
      LineReader reader(file_, number, line);
      try {
        reader.tokenize();
        if (!reader.empty()) read_line(reader);
      } catch (const LineError& e) {
        result_.diagnostics.push_back(e.diagnostic);
        (test_ ? test_broken_ : header_broken_) = true;
      }
    }
    finish_test();
    for (auto& d : result_.diagnostics) d = with_character_columns(std::move(d));
    return std::move(result_);
  }

 private:
  struct Setting {
    std::optional<Date> as_of;
    std::optional<std::filesystem::path> policy;
    SourcePosition policy_position;
    std::string policy_line;
    int as_of_line = 0;
  };

  void read_line(LineReader& r) {
    const Token& first = r.peek();
    if (first.kind == Token::Kind::date) return read_event(r);
    if (first.kind != Token::Kind::string && is_digit(first.text[0])) r.date("the event's date");
    if (first.kind == Token::Kind::name) {
      if (first.text == "policy") return read_policy(r);
      if (first.text == "as") return read_as_of(r);
      if (first.text == "test") return read_test(r);
      if (first.text == "case") return read_case(r);
      if (first.text == "expect") return read_expect(r);
      std::string close = closest_name(first.text, line_keywords);
      if (!close.empty())
        r.fail(first, "unknown keyword " + backquoted(first.text) + "; did you mean " +
                          backquoted(close) + "?");
    }
    r.fail(first,
           "a line is `test`, `case`, `expect`, `policy`, `as of` or an event starting with its "
           "date, not " +
               backquoted(first.text));
  }

  Setting& scope() { return test_ ? test_setting_ : file_setting_; }

  void read_policy(LineReader& r) {
    const Token& keyword = r.take();
    const Token& path = r.string("the policy file");
    r.finish_line();
    Setting& s = scope();
    if (s.policy)
      r.fail(keyword, std::string(test_ ? "this test" : "this file") +
                          " already names its policy (line " +
                          std::to_string(s.policy_position.line) + ")");
    s.policy = (folder_ / path.text).lexically_normal();
    s.policy_position = r.position(path);
    s.policy_line = r.line();
  }

  void read_as_of(LineReader& r) {
    const Token& keyword = r.take();
    r.expect_word("of", "expected `as of DATE`");
    Date d = r.date("the as-of date");
    r.finish_line();
    Setting& s = scope();
    if (s.as_of)
      r.fail(keyword, std::string(test_ ? "this test" : "this file") +
                          " already has an as-of date (line " + std::to_string(s.as_of_line) + ")");
    s.as_of = d;
    s.as_of_line = r.position(keyword).line;
  }

  void read_test(LineReader& r) {
    finish_test();
    const Token& keyword = r.take();
    // Started before the rest of the line is read, so the lines after a malformed `test` line
    // still belong to a (broken) test instead of each being an error of its own.
    test_.emplace();
    test_->position = r.position(keyword);
    test_line_ = r.line();
    test_setting_ = {};
    test_broken_ = false;
    const Token& name = r.string("the test's name");
    r.finish_line();
    test_->name = name.text;
    if (name.text.empty()) r.fail(name, "a test needs a name");
  }

  PolicyTest& current_test(LineReader& r) {
    if (!test_) r.fail(r.peek(), "this line belongs to a test: start one with `test \"NAME\"`");
    return *test_;
  }

  void read_case(LineReader& r) {
    PolicyTest& test = current_test(r);
    const Token& keyword = r.take();
    if (r.at_end()) r.fail_here("expected the case's id");
    const Token& id = r.take();
    if (id.kind == Token::Kind::symbol) r.fail(id, "expected the case's id");
    TestCase c;
    c.id = id.text;
    c.position = r.position(keyword);
    c.source_line = r.line();
    if (r.peek_is("born")) {
      r.take();
      c.date_of_birth = r.date("the date of birth");
    }
    if (r.peek_is("with")) {
      r.take();
      c.attributes = r.attributes();
    }
    r.finish_line();
    if (implicit_case_)
      r.fail(keyword,
             "this test already has events or expectations for the implicit case C1: put a "
             "`case` line before them");
    for (const TestCase& other : test.cases)
      if (other.id == c.id)
        r.fail(id, "case " + backquoted(c.id) + " is already in this test (line " +
                       std::to_string(other.position.line) + ")");
    test.cases.push_back(std::move(c));
  }

  // The case events and expectations belong to: the last `case`, or the implicit C1.
  TestCase& current_case(LineReader& r) {
    PolicyTest& test = current_test(r);
    if (test.cases.empty()) {
      TestCase c;
      c.id = "C1";
      c.position = test.position;
      c.source_line = test_line_;
      test.cases.push_back(std::move(c));
      implicit_case_ = true;
    }
    return test.cases.back();
  }

  void read_event(LineReader& r) {
    TestCase& c = current_case(r);
    TestEvent e;
    e.date = r.date("the event's date");
    const Token& type = r.name("the event's type after its date");
    e.type = type.text;
    e.position = r.position(type);
    e.source_line = r.line();
    if (r.peek_is("recorded")) {
      r.take();
      e.recorded = r.date("the recorded date");
    }
    if (r.peek_is("with")) {
      r.take();
      e.attributes = r.attributes();
    }
    r.finish_line();
    c.events.push_back(std::move(e));
  }

  void read_expect(LineReader& r) {
    TestCase& c = current_case(r);
    r.take();
    ExpectedObligation x;
    x.source_line = r.line();
    if (r.peek_is("no")) {
      r.take();
      x.none = true;
    }
    const Token& rule = r.name("a rule id");
    x.rule = rule.text;
    x.position = r.position(rule);
    if (!x.none) {
      r.expect_word("from", "expected `from DATE`, the trigger date");
      x.trigger_date = r.date("the trigger date");
      r.expect_word("due", "expected `due DATE`, the due date");
      x.due = r.date("the due date");
      if (r.at_end()) r.fail_here("expected a status: met, late, missed, pending or lapsed");
      const Token& status = r.take();
      auto known = std::find(status_names.begin(), status_names.end(), status.text);
      if (known == status_names.end())
        r.fail(status, "unknown status " + backquoted(status.text) +
                           suggestion(status.text, status_names) +
                           (closest_name(status.text, status_names).empty()
                                ? " (a status is met, late, missed, pending or lapsed)"
                                : ""));
      x.status = static_cast<Status>(known - status_names.begin());
      bool fulfilled = x.status == Status::met || x.status == Status::late;
      if (r.peek_is("on")) {
        const Token& on = r.take();
        if (!fulfilled)
          r.fail(on, "a " + status.text +
                         " obligation was not fulfilled: only met and late take `on DATE`");
        x.fulfilled_date = r.date("the date it was fulfilled");
      } else if (fulfilled) {
        r.fail_here("a " + status.text + " obligation needs `on DATE`, the date it was fulfilled");
      }
    }
    r.finish_line();
    for (const ExpectedObligation& other : c.expectations)
      if (other.rule == x.rule && other.none != x.none)
        r.fail(rule, "`expect no " + x.rule + "` and an expected " + x.rule +
                         " obligation contradict each other (line " +
                         std::to_string(other.position.line) + ")");
    c.expectations.push_back(std::move(x));
  }

  void error_at_test(const std::string& message) {
    Diagnostic d;
    d.position = test_->position;
    d.message = message;
    d.source_line = test_line_;
    d.caret_width = 4;
    result_.diagnostics.push_back(std::move(d));
    test_broken_ = true;
  }

  void finish_test() {
    if (!test_) return;
    if (test_broken_) {  // its errors are reported; what it lacks may be a consequence
      test_.reset();
      implicit_case_ = false;
      return;
    }
    const Setting& t = test_setting_;
    const Setting& f = file_setting_;
    if (t.policy || f.policy) {
      const Setting& s = t.policy ? t : f;
      test_->policy = *s.policy;
      test_->policy_position = s.policy_position;
      test_->policy_source_line = s.policy_line;
    } else if (header_broken_) {  // a malformed line at the top may have been the policy
      test_broken_ = true;
    } else {
      error_at_test(
          "this test has no policy: add `policy \"FILE\"` at the top of the file or in "
          "the test");
    }
    if (t.as_of || f.as_of)
      test_->as_of = t.as_of ? *t.as_of : *f.as_of;
    else if (header_broken_)
      test_broken_ = true;
    else
      error_at_test(
          "this test has no as-of date: add `as of DATE` at the top of the file or in "
          "the test");
    bool any_expectation = std::any_of(test_->cases.begin(), test_->cases.end(),
                                       [](const TestCase& c) { return !c.expectations.empty(); });
    if (!any_expectation) error_at_test("this test expects nothing: add an `expect` line");
    if (!test_broken_) result_.suite.tests.push_back(std::move(*test_));
    test_.reset();
    implicit_case_ = false;
  }

  std::string file_;
  std::filesystem::path folder_;
  ParsedPolicyTests result_;
  Setting file_setting_;
  Setting test_setting_;
  std::optional<PolicyTest> test_;
  std::string test_line_;
  bool test_broken_ = false;
  bool header_broken_ = false;  // an error in a line before the first test
  bool implicit_case_ = false;
};

}  // namespace

ParsedPolicyTests parse_policy_tests(const std::string& text, const std::string& file) {
  return TestFileParser(file).parse(text);
}

ParsedPolicyTests read_policy_tests(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    ParsedPolicyTests result;
    result.suite.file = file;
    Diagnostic d;
    d.position = {file, 0, 0};  // the whole file
    d.message = "cannot read test file " + backquoted(file);
    result.diagnostics.push_back(std::move(d));
    return result;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_policy_tests(text.str(), file);
}

}  // namespace duly
