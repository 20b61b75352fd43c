// `duly fmt`: golden inputs beside their canonical text, and, on every policy the project has
// (parser fixtures, format fixtures, shipped policies), the three promises of a formatter: the
// output reads back as the same policy, formatting it again changes nothing, and no comment is
// lost. Also the printer's parentheses on hand-built trees, and tree_equal itself.
#include <duly/format.hpp>

#include "grammar/format.hpp"
#include "grammar/parse.hpp"
#include "tests/support/tree_equal.hpp"

#include "tests/support/golden.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace duly;
using namespace duly::syntax;

namespace {

const fs::path source_dir = DULY_SOURCE_DIR;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool ends_with(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The files in `dir` (not its subfolders) whose names end with `suffix`, sorted.
std::vector<fs::path> files_in(const fs::path& dir, std::string_view suffix) {
  std::vector<fs::path> files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && ends_with(entry.path().filename().string(), suffix)) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

File parsed(const std::string& text) {
  ParseResult result = parse(text, "test.policy");
  INFO(render(result.diagnostics));
  REQUIRE_FALSE(has_errors(result.diagnostics));
  return result.file;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.pop_back();
  }
  return text;
}

std::vector<std::string> comment_texts(const File& file) {
  std::vector<std::string> texts;
  for (const Item& item : file.items) {
    for (const Comment& comment : item.leading_comments) texts.push_back(trimmed(comment.text));
    for (const Comment& comment : item.trailing_comments) texts.push_back(trimmed(comment.text));
  }
  for (const Comment& comment : file.final_comments) texts.push_back(trimmed(comment.text));
  return texts;
}

// Checks the formatter's promises on one policy text; false when the text itself does not
// parse (a fixture of a syntax error), which the caller counts.
bool check_formatting(const std::string& text, const std::string& name) {
  ParseResult original = parse(text, name);
  if (has_errors(original.diagnostics)) return false;
  INFO("policy: " << name);

  std::string once = format(original.file);
  INFO("formatted:\n" << once);
  ParseResult reread = parse(once, name);
  INFO(render(reread.diagnostics));
  REQUIRE_FALSE(has_errors(reread.diagnostics));
  INFO("difference: " << tree_difference(original.file, reread.file));
  CHECK(tree_equal(original.file, reread.file));
  CHECK(format(reread.file) == once);

  // Every comment, in order, as written (comments the layout joins on one line stay in order).
  std::size_t from = 0;
  for (const std::string& comment : comment_texts(original.file)) {
    std::size_t found = once.find(comment, from);
    INFO("comment: " << comment);
    CHECK(found != std::string::npos);
    if (found != std::string::npos) from = found + comment.size();
  }
  if (!once.empty()) {
    CHECK(once.back() == '\n');
    CHECK_FALSE(ends_with(once, "\n\n"));
    CHECK(once.front() != '\n');
  }
  CHECK(once.find("\n\n\n") == std::string::npos);
  return true;
}

Condition truth(const std::string& attribute) {
  Condition condition;
  condition.kind = Condition::Kind::truth;
  condition.operand.name.text = attribute;
  return condition;
}

Condition combined(Condition::Kind kind, std::vector<Condition> children) {
  Condition condition;
  condition.kind = kind;
  condition.children = std::move(children);
  return condition;
}

EventRef events(const std::string& type) {
  EventRef ref;
  ref.types.push_back(Name{type, {}});
  return ref;
}

}  // namespace

TEST_CASE("Golden inputs print as their canonical text", "[format]") {
  auto inputs = files_in(source_dir / "tests/fixtures/format", ".policy");
  REQUIRE(inputs.size() >= 6);
  for (const fs::path& input : inputs) {
    FormatResult result = format_policy(read_text(input), input.string());
    INFO(render(result.diagnostics));
    duly_test::check_golden(result.text, duly_test::golden_of(input));
  }
}

TEST_CASE("Formatting keeps meaning and comments, and is idempotent, on every policy", "[format]") {
  struct Source {
    fs::path dir;
    std::string_view suffix;
    std::size_t minimum;  // so that an empty or missing folder cannot pass unnoticed
  };
  const std::vector<Source> sources = {
      {source_dir / "tests/fixtures/format", ".policy", 7},
      {source_dir / "tests/fixtures/format", ".golden", 7},  // canonical texts are policies too
      {source_dir / "tests/fixtures/parse", ".policy", 8},
      {source_dir / "policies", ".policy", 4},
  };
  std::size_t formatted = 0;
  for (const Source& source : sources) {
    auto files = files_in(source.dir, source.suffix);
    INFO("folder: " << source.dir.string());
    CHECK(files.size() >= source.minimum);
    for (const fs::path& file : files) {
      if (check_formatting(read_text(file), file.string())) ++formatted;
    }
  }
  CHECK(formatted >= 26);
}

TEST_CASE("Every example of the language reference survives formatting", "[format]") {
  const char* examples[] = {
      R"(# Camden: child protection timescales (camden-qa-induction-and-iro-report.txt)
policy "Camden CP timescales"
calendar england_and_wales            # weekends and bank holidays are not working days

event strategy_discussion has outcome
event icpcc has outcome
event cp_report
event core_group
event visit has seen_alone, at_home
event cp_plan_start
event cp_plan_end

period cp_plan from cp_plan_start until cp_plan_end

rule T14 "ICPCC within 15 working days of the strategy discussion":
  icpcc within 15 working days after strategy_discussion where outcome = "s47"

rule T18 "Core groups at least every 6 weeks":
  core_group every 6 weeks after first core_group during cp_plan

rule T25 "Over-3s seen alone at every visit":
  each visit during cp_plan when age >= 3 years requires seen_alone

rule T15 "Report 2 days before the conference":
  cp_report at least 2 days before icpcc
)",
      "calendar england_and_wales plus 2024-12-27, 2025-12-29\n",
      "count the trigger day\n",
      "event visit has at_home, seen_alone, seen_awake, unannounced, child_seen\ncase has team, "
      "worker\n",
      "include \"national.policy\"\noverride rule T07: visit where at_home every 28 days during "
      "cin_plan\ndrop rule T08\n",
      "override rule T07 \"new name\": visit every 28 days during cin_plan\n",
      "rule A \"a\": visit every 6 weeks, every 3 months when placement_start.permanent\n",
      "rule A \"a\": visit every 1 week until cla_review then every 4 weeks until carer_approved "
      "then every 6 weeks\n",
      "rule A \"a\": visit every 6 weeks, every 3 months when placement_start.permanent during "
      "cla\n",
      "rule A \"a\": visit every 1 week until cla_review then every 4 weeks until carer_approved "
      "then every 6 weeks during cla\n",
      "rule A \"a\": visit every 6 weeks during cla, every 3 months when "
      "placement_start.permanent\n",
      "rule A \"a\": visit where child_seen between referral where (urgent = true) and "
      "assessment_completed\n",
      "rule A \"a\": rcpcc or core_group within 10 days after first icpcc where outcome = "
      "\"s47\"\n",
      "rule T10 \"a\": visit where seen_awake every 2 visits during cp_plan\n",
      "rule T44 \"a\": permanency_plan before second review\n",
      "rule T35 \"a\": review between consecutive review after second review\n",
      "rule A \"a\": each visit requires team = \"north\"\n",
      "rule A \"a\": each event recorded within 5 working days\n",
      "rule A \"a\": x within 1 day after age 16\n",
      "rule A \"a\": x within 1 working day after y or earlier\n",
      "rule A \"a\": x within 1 week after y\nrule B \"b\": x within 1 month after y\nrule C "
      "\"c\": x within 1 year after y\n",
      "rule A \"a\": each visit when age < 5 years and not (outcome in [\"a\", \"b\"] or x != 2) "
      "requires y\n",
      "period leaving from age 16 until age 18\nperiod p from s where c until e when team = "
      "\"north\"\n",
  };
  int number = 0;
  for (const char* example : examples) {
    ++number;
    CHECK(check_formatting(example, "example " + std::to_string(number)));
  }
}

TEST_CASE("The printer adds parentheses only where meaning needs them", "[format]") {
  Condition a = truth("a"), b = truth("b"), c = truth("c");
  using Kind = Condition::Kind;
  CHECK(format(combined(Kind::all_of, {combined(Kind::any_of, {a, b}), c})) == "(a or b) and c");
  CHECK(format(combined(Kind::any_of, {combined(Kind::all_of, {a, b}), c})) == "a and b or c");
  CHECK(format(combined(Kind::negation, {combined(Kind::all_of, {a, b})})) == "not (a and b)");
  CHECK(format(combined(Kind::negation, {combined(Kind::any_of, {a, b})})) == "not (a or b)");
  CHECK(format(combined(Kind::negation, {combined(Kind::negation, {a})})) == "not not a");
  CHECK(format(combined(Kind::all_of, {combined(Kind::negation, {a}), b})) == "not a and b");
  Condition kept = combined(Kind::all_of, {a, b});
  kept.parenthesized = true;
  CHECK(format(combined(Kind::any_of, {kept, c})) == "(a and b) or c");

  // The S of `between S and E`: a top-level `and` there would be the `and E` of `between`.
  RuleBody body;
  Between between;
  between.target = events("visit");
  between.start = events("referral");
  between.start.where = combined(Kind::all_of, {a, b});
  between.end = events("assessment");
  body.form = between;
  CHECK(format(body) == "visit between referral where (a and b) and assessment");
  std::get<Between>(body.form).start.where = a;
  CHECK(format(body) == "visit between referral where a and assessment");
  std::get<Between>(body.form).start.where = combined(Kind::any_of, {a, b});
  std::get<Between>(body.form).end->where = combined(Kind::any_of, {a, b});
  CHECK(format(body) == "visit between referral where (a or b) and assessment where a or b");
}

TEST_CASE("The printer spells units, strings and ages canonically", "[format]") {
  Duration one{1, TimeUnit::working_days, false, {}};
  CHECK(format(one) == "1 working day");
  Duration three{3, TimeUnit::weeks, true, {}};
  CHECK(format(three) == "3 weeks");

  Condition compare;
  compare.kind = Condition::Kind::compare;
  compare.operand.kind = Operand::Kind::age;
  compare.operand.name.text = "age";
  compare.op = CompareOp::less;
  compare.values.push_back(Value{Value::Kind::number, "3", {}});
  CHECK(format(compare) == "age < 3 years");
  compare.values.front().text = "1";
  CHECK(format(compare) == "age < 1 year");
  compare.operand = Operand{Operand::Kind::attribute, Name{"team", {}}, {}, {}, {}};
  compare.op = CompareOp::not_equal;
  compare.values.front() = Value{Value::Kind::string, R"(a "b" \ c)", {}};
  CHECK(format(compare) == R"(team != "a \"b\" \\ c")");

  // The during-first spelling is printed in full.
  RuleBody body;
  Recurrence recurrence;
  recurrence.target = events("visit");
  recurrence.intervals.push_back(Interval{Duration{6, TimeUnit::weeks, false, {}}, {}, {}, {}});
  recurrence.intervals.push_back(
      Interval{Duration{3, TimeUnit::months, false, {}}, truth("permanent"), {}, {}});
  recurrence.during_before_intervals = true;
  body.form = recurrence;
  body.during = Name{"cla", {}};
  CHECK(format(body) == "visit every 6 weeks, every 3 months when permanent during cla");
}

TEST_CASE("tree_equal sees every change of meaning, and nothing else", "[format]") {
  const std::string text = R"(policy "P"
event visit has seen_alone, outcome
event review
period cp from review until review
rule T1 "a":
  visit within 15 working days after first review where outcome = "s47" and seen_alone
rule T2 "b":
  each visit when age >= 3 years requires seen_alone
)";
  File original = parsed(text);
  CHECK(tree_equal(original, original));

  // Layout, comments, unit spelling and parentheses that change nothing are not differences.
  File relaid = parsed(R"(# a comment
policy   "P"


event visit has seen_alone,outcome  # trailing
event review
period cp from review until review
rule T1 "a": visit within 15 working day after first review where (outcome = "s47") and (seen_alone)
rule T2 "b":
  each visit when (age >= 3 years) requires seen_alone
)");
  INFO(tree_difference(original, relaid));
  CHECK(tree_equal(original, relaid));

  auto deadline = [](File& file) -> Deadline& {
    return std::get<Deadline>(std::get<RuleDecl>(file.items[4].kind).body.form);
  };
  {
    File changed = original;
    deadline(changed).within.amount = 16;
    CHECK_FALSE(tree_equal(original, changed));
    CHECK(tree_difference(original, changed).find("15 vs 16") != std::string::npos);
  }
  {
    File changed = original;
    deadline(changed).target.types[0].text = "visits";
    CHECK_FALSE(tree_equal(original, changed));
  }
  {
    File changed = original;
    deadline(changed).after.events.ordinal = Ordinal::second;
    CHECK_FALSE(tree_equal(original, changed));
  }
  {
    File changed = original;
    deadline(changed).within.unit = TimeUnit::days;
    CHECK_FALSE(tree_equal(original, changed));
  }
  {
    File changed = original;
    Condition& where = *deadline(changed).after.events.where;
    REQUIRE(where.kind == Condition::Kind::all_of);
    where.kind = Condition::Kind::any_of;  // `and` becomes `or`
    CHECK_FALSE(tree_equal(original, changed));
  }
  {
    File changed = original;
    Condition& where = *deadline(changed).after.events.where;
    where.children[0].op = CompareOp::not_equal;
    CHECK_FALSE(tree_equal(original, changed));
  }
  {
    File changed = original;
    deadline(changed).after.events.where->children[0].values[0].text = "s17";
    CHECK_FALSE(tree_equal(original, changed));
  }
  {
    File changed = original;
    auto& each = std::get<Each>(std::get<RuleDecl>(changed.items[5].kind).body.form);
    (void)each;
    std::get<RuleDecl>(changed.items[5].kind).body.when->values[0].text = "4";
    CHECK_FALSE(tree_equal(original, changed));
  }
  {
    File changed = original;
    std::get<RuleDecl>(changed.items[5].kind).id.text = "T3";
    CHECK_FALSE(tree_equal(original, changed));
  }
  {
    File changed = original;
    changed.items.pop_back();
    CHECK_FALSE(tree_equal(original, changed));
  }
}

TEST_CASE("format_policy gives no text for a policy that does not parse", "[format]") {
  FormatResult result = format_policy("rule T1 \"a\": visit within after\n", "bad.policy");
  CHECK(result.text.empty());
  CHECK(has_errors(result.diagnostics));

  FormatResult good = format_policy("policy  \"x\"\n\n\n", "good.policy");
  CHECK(good.text == "policy \"x\"\n");
  CHECK(format_policy("\n\n\npolicy \"x\"   \n\n", "p").text == "policy \"x\"\n");
  CHECK(format_policy("", "empty").text.empty());
  CHECK(format_policy("# only  \n\n\n\n# comments\n", "c").text == "# only\n\n# comments\n");
}
