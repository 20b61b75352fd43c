// The checking pass: accepted policies become the expected rule objects, with every modifier
// explicit; includes, overrides, drops and settings are merged as docs/language.md says; broken
// policies are rejected with every error, and the golden files in tests/golden/lint/ pin the exact
// text.
#include <duly/load.hpp>

#include "tests/support/golden.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

using namespace duly;

namespace {

// Policy files served from memory, keyed by the path the checker asks for.
struct MemoryFiles {
  std::map<std::string, std::string> texts;
  std::vector<std::string> reads;  // every path asked for, in order

  LoadOptions options() {
    LoadOptions options;
    options.read_file = [this](const std::filesystem::path& path) -> std::optional<std::string> {
      reads.push_back(path.generic_string());
      auto it = texts.find(path.generic_string());
      if (it == texts.end()) return std::nullopt;
      return it->second;
    };
    return options;
  }
};

const std::string vocabulary = R"(event strategy_discussion has outcome
event icpcc has outcome
event cp_report
event core_group
event rcpcc
event visit has seen_alone, at_home, seen_awake
event cp_plan_start
event cp_plan_end
event placement_start has permanent
event cla_review
event carer_approved
event referral has urgent
event assessment_completed
case has team
period cp_plan from cp_plan_start until cp_plan_end
)";

LoadResult load_text(const std::string& text, LoadOptions options = {}) {
  return load_policy_text(text, "test.policy", options);
}

std::string messages(const LoadResult& result) { return render(result.diagnostics); }

// Loads `vocabulary` plus one rule and gives the rule back.
Rule one_rule(const std::string& body) {
  auto result = load_text(vocabulary + "rule R1 \"one\":\n  " + body + "\n");
  INFO(messages(result));
  REQUIRE(result.policy);
  REQUIRE(result.policy->rules().size() == 1);
  return result.policy->rules().front();
}

// The first error of a policy with one broken rule.
std::string first_error(const std::string& body) {
  auto result = load_text(vocabulary + "rule R1 \"one\":\n  " + body + "\n");
  CHECK_FALSE(result.policy);
  REQUIRE_FALSE(result.diagnostics.empty());
  return result.diagnostics.front().message;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("docs/language.md's whole-file example loads with no error and no warning", "[check]") {
  auto path =
      std::filesystem::path(DULY_SOURCE_DIR) / "tests/fixtures/parse/language_whole_file.policy";
  REQUIRE(std::filesystem::exists(path));
  auto result = load_policy(path);
  INFO(messages(result));
  CHECK(result.diagnostics.empty());
  REQUIRE(result.policy);
  const Policy& policy = *result.policy;
  CHECK(policy.name() == "Camden CP timescales");
  CHECK(policy.calendar().name() == "england_and_wales");
  CHECK_FALSE(policy.count_trigger_day());
  CHECK(policy.event_types().size() == 7);
  REQUIRE(policy.periods().size() == 1);
  REQUIRE(policy.rules().size() == 4);
  CHECK(policy.rules()[0].id == "T14");
  CHECK(policy.rules()[0].name == "ICPCC within 15 working days of the strategy discussion");
  CHECK(policy.rules()[3].id == "T15");
}

TEST_CASE("a deadline keeps its target, duration, trigger and `where` on the trigger", "[check]") {
  auto rule =
      one_rule("icpcc within 15 working days after strategy_discussion where outcome = \"s47\"");
  const auto* deadline = std::get_if<Deadline>(&rule.form);
  REQUIRE(deadline);
  CHECK(deadline->within.amount == 15);
  CHECK(deadline->within.unit == TimeUnit::working_days);
  CHECK_FALSE(deadline->or_earlier);
  CHECK(deadline->target.types.size() == 1);
  CHECK_FALSE(deadline->target.where);
  REQUIRE(deadline->after.kind == Trigger::Kind::events);
  REQUIRE(deadline->after.events.where);
  const Condition& where = *deadline->after.events.where;
  CHECK(where.kind == Condition::Kind::compare);
  CHECK(where.operand.kind == Operand::Kind::event_attribute);
  REQUIRE(where.values.size() == 1);
  CHECK(where.values[0].text == "s47");
  CHECK_FALSE(where.values[0].number);
  CHECK_FALSE(rule.during);
  CHECK_FALSE(rule.when);
  CHECK(rule.position.line == 16);  // the id, after the 15 lines of vocabulary
  CHECK(rule.position.file == "test.policy");
}

TEST_CASE("deadline modifiers: or earlier, age triggers, during and when", "[check]") {
  auto rule =
      one_rule("visit within 10 days after age 16 or earlier during cp_plan when team = \"north\"");
  const auto& deadline = std::get<Deadline>(rule.form);
  CHECK(deadline.or_earlier);
  CHECK(deadline.after.kind == Trigger::Kind::age);
  CHECK(deadline.after.age == 16);
  CHECK(rule.during == PeriodId{0});
  REQUIRE(rule.when);
  CHECK(rule.when->operand.kind == Operand::Kind::case_attribute);
}

TEST_CASE("recurrences: single, by state, phases and count", "[check]") {
  SECTION("single, with a clock start") {
    auto rule = one_rule("core_group every 6 weeks after first core_group during cp_plan");
    const auto& r = std::get<Recurrence>(rule.form);
    CHECK(r.kind == Recurrence::Kind::single);
    REQUIRE(r.intervals.size() == 1);
    CHECK(r.intervals[0].every.amount == 6);
    CHECK(r.intervals[0].every.unit == TimeUnit::weeks);
    REQUIRE(r.clock_start);
    CHECK(r.clock_start->ordinal == Ordinal::first);
  }
  SECTION("by state, with the latest value of an event attribute") {
    auto rule = one_rule(
        "visit every 6 weeks, every 3 months when placement_start.permanent during cp_plan");
    const auto& r = std::get<Recurrence>(rule.form);
    CHECK(r.kind == Recurrence::Kind::by_state);
    REQUIRE(r.intervals.size() == 2);
    CHECK_FALSE(r.intervals[0].when);
    REQUIRE(r.intervals[1].when);
    CHECK(r.intervals[1].when->kind == Condition::Kind::truth);
    CHECK(r.intervals[1].when->operand.kind == Operand::Kind::latest_attribute);
    CHECK(r.intervals[1].when->operand.event_type == 8);  // placement_start
  }
  SECTION("phases") {
    auto rule = one_rule(
        "visit every 1 week until cla_review then every 4 weeks until carer_approved then every "
        "6 weeks during cp_plan");
    const auto& r = std::get<Recurrence>(rule.form);
    CHECK(r.kind == Recurrence::Kind::phases);
    REQUIRE(r.intervals.size() == 3);
    CHECK(r.intervals[0].until);
    CHECK(r.intervals[1].until);
    CHECK_FALSE(r.intervals[2].until);
    CHECK(r.intervals[2].every.amount == 6);
  }
  SECTION("count, with the noun in the plural or the singular") {
    for (const char* noun : {"visits", "visit"}) {
      auto rule =
          one_rule(std::string("visit where seen_awake every 2 ") + noun + " during cp_plan");
      const auto& r = std::get<Recurrence>(rule.form);
      CHECK(r.kind == Recurrence::Kind::count);
      CHECK(r.every_count == 2);
      CHECK(r.intervals.empty());
      REQUIRE(r.target.where);
    }
  }
}

TEST_CASE("recurrence errors", "[check]") {
  CHECK(first_error("core_group every 6 weeks") ==
        "a recurrence needs `during P`: the period its clock runs in");
  CHECK(first_error("visit where seen_awake every 2 core_groups during cp_plan") ==
        "`every N` counts `visit` events, so write `visits`, not `core_groups`");
  CHECK(first_error("visit every 0 weeks during cp_plan") ==
        "a duration must be at least 1 week, not `0 weeks`");
}

TEST_CASE("notice, each, recording and between", "[check]") {
  SECTION("a notice without a duration is due on the trigger's own day") {
    auto rule = one_rule("cp_report before second icpcc");
    const auto& n = std::get<Notice>(rule.form);
    CHECK(n.before.amount == 0);
    CHECK(n.before.unit == TimeUnit::days);
    CHECK(n.trigger.ordinal == Ordinal::second);
  }
  SECTION("a notice with a duration") {
    auto rule = one_rule("cp_report at least 2 days before icpcc");
    CHECK(std::get<Notice>(rule.form).before.amount == 2);
  }
  SECTION("each: `requires` sees the event's attributes, `when` the case's state") {
    auto rule = one_rule("each visit during cp_plan when age >= 3 years requires seen_alone");
    const auto& e = std::get<Each>(rule.form);
    CHECK(e.requirement.kind == Condition::Kind::truth);
    CHECK(e.requirement.operand.kind == Operand::Kind::event_attribute);
    REQUIRE(rule.when);
    CHECK(rule.when->operand.kind == Operand::Kind::age);
    CHECK(rule.when->op == CompareOp::greater_equal);
    REQUIRE(rule.when->values.size() == 1);
    CHECK(rule.when->values[0].number == 3.0);
  }
  SECTION("each event recorded within: every declared type") {
    auto result =
        load_text(vocabulary + "rule R1 \"x\":\n  each event recorded within 5 working days\n");
    INFO(messages(result));
    REQUIRE(result.policy);
    const auto& r = std::get<Recording>(result.policy->rules()[0].form);
    CHECK(r.target.types.size() == result.policy->event_types().size());
    CHECK(r.within.unit == TimeUnit::working_days);
    // `each event` uses every event: the one warning is about the unused period.
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].message == "period `cp_plan` is declared but no rule uses it");
  }
  SECTION("between consecutive, after second") {
    auto rule = one_rule("visit between consecutive rcpcc after second rcpcc");
    const auto& b = std::get<Between>(rule.form);
    CHECK(b.consecutive);
    CHECK_FALSE(b.end);
    REQUIRE(b.after);
    CHECK(b.after->ordinal == Ordinal::second);
  }
  SECTION("between S and E, with a parenthesized `where` on S") {
    auto rule = one_rule(
        "visit where seen_alone between referral where (urgent = true) and assessment_completed");
    const auto& b = std::get<Between>(rule.form);
    CHECK_FALSE(b.consecutive);
    REQUIRE(b.start.where);
    REQUIRE(b.start.where->values.size() == 1);
    CHECK(b.start.where->values[0].is_boolean);
    CHECK(b.start.where->values[0].truth);
    REQUIRE(b.end);
    REQUIRE(b.target.where);
  }
  SECTION("A or B: an attribute must belong to both, a case attribute is fine") {
    auto rule = one_rule("visit within 10 days after rcpcc or core_group where team = \"north\"");
    const auto& d = std::get<Deadline>(rule.form);
    CHECK(d.after.events.types.size() == 2);
    CHECK(d.after.events.where->operand.kind == Operand::Kind::case_attribute);
    CHECK(first_error("visit within 10 days after icpcc or core_group where outcome = \"x\"") ==
          "event `core_group` has no attribute `outcome` (an attribute in a condition on `A or B` "
          "must belong to every type)");
  }
}

TEST_CASE("literals are read in every way they can be", "[check]") {
  auto rule =
      one_rule("visit within 10 days after referral where urgent in [\"3\", 2024-03-31, \"no\"]");
  const auto& values = std::get<Deadline>(rule.form).after.events.where->values;
  REQUIRE(values.size() == 3);
  CHECK(values[0].number == 3.0);
  CHECK_FALSE(values[0].date);
  REQUIRE(values[1].date);
  CHECK(to_iso_string(*values[1].date) == "2024-03-31");
  CHECK_FALSE(values[2].number);
  CHECK_FALSE(values[2].is_boolean);
}

TEST_CASE("names and types in conditions", "[check]") {
  CHECK(first_error("visit within 10 days after core_grup") ==
        "unknown event `core_grup`; did you mean `core_group`?");
  CHECK(first_error("each visit requires seen_alon") ==
        "unknown attribute `seen_alon`; did you mean `seen_alone`?");
  CHECK(first_error("each visit requires outcome = \"x\"") ==
        "event `visit` has no attribute `outcome`");
  CHECK(first_error("each visit when seen_alone requires at_home") ==
        "`seen_alone` is not a case attribute; for the latest `visit`'s value, write "
        "`visit.seen_alone`");
  CHECK(first_error("each visit when tem = \"north\" requires at_home") ==
        "unknown case attribute `tem`; did you mean `team`?");
  CHECK(first_error("each visit when placement_start.permanant requires at_home") ==
        "event `placement_start` has no attribute `permanant`; did you mean `permanent`?");
  CHECK(first_error("each visit when age = \"x\" requires at_home") ==
        "`age` is a number of years and cannot be compared with `\"x\"`");
  CHECK(first_error("each visit requires at_home < true") ==
        "`<` cannot compare with `true`; a true/false value is tested with `=` or `!=`");
  CHECK(first_error("each visit requires at_home = 2024-02-30") ==
        "`2024-02-30` is not a real date");
  CHECK(first_error("visit within 10 days after core_group during cp_pln") ==
        "unknown period `cp_pln`; did you mean `cp_plan`?");
}

TEST_CASE("every error is reported, in file and line order", "[check]") {
  auto result = load_text(vocabulary +
                          "rule R1 \"a\":\n  visit within 0 days after core_grup\n"
                          "rule R2 \"b\":\n  each visit when tem = \"x\" requires seen_alon\n");
  REQUIRE_FALSE(result.policy);
  REQUIRE(result.diagnostics.size() == 4);
  CHECK(result.diagnostics[0].position.line == 17);
  CHECK(result.diagnostics[0].message == "a duration must be at least 1 day, not `0 days`");
  CHECK(result.diagnostics[1].message == "unknown event `core_grup`; did you mean `core_group`?");
  CHECK(result.diagnostics[1].caret_width == 9);
  CHECK(result.diagnostics[1].source_line == "  visit within 0 days after core_grup");
  CHECK(result.diagnostics[2].position.line == 19);
  CHECK(result.diagnostics[3].position.line == 19);
  CHECK(result.diagnostics[2].position.column < result.diagnostics[3].position.column);
}

TEST_CASE("includes: relative to the including file, read once, cycles, missing files", "[check]") {
  MemoryFiles files;
  SECTION("relative resolution and a file included twice is read once") {
    files.texts["la/local.policy"] =
        "policy \"Local\"\ninclude \"../national/national.policy\"\ninclude "
        "\"../shared/events.policy\"\n"
        "rule L1 \"local\":\n  cp_report at least 2 days before icpcc\n";
    files.texts["national/national.policy"] =
        "include \"../shared/events.policy\"\nrule N1 \"national\":\n  icpcc within 15 working "
        "days after strategy_discussion\n";
    files.texts["shared/events.policy"] =
        "event strategy_discussion has outcome\nevent icpcc\nevent cp_report\n";
    auto result = load_policy("la/local.policy", files.options());
    INFO(messages(result));
    REQUIRE(result.policy);
    CHECK(result.diagnostics.empty());
    CHECK(result.policy->files() == std::vector<std::string>{"la/local.policy",
                                                             "national/national.policy",
                                                             "shared/events.policy"});
    CHECK(files.reads == std::vector<std::string>{"la/local.policy", "national/national.policy",
                                                  "shared/events.policy"});
    REQUIRE(result.policy->rules().size() == 2);
    CHECK(result.policy->rules()[0].id == "N1");  // included rules stand where included
    CHECK(result.policy->rules()[0].position.file == "national/national.policy");
    CHECK(result.policy->rules()[1].id == "L1");
    CHECK(result.policy->name() == "Local");
  }
  SECTION("a cycle names the chain") {
    files.texts["a.policy"] = "include \"b.policy\"\nevent x\n";
    files.texts["b.policy"] = "include \"a.policy\"\n";
    auto result = load_policy("a.policy", files.options());
    CHECK_FALSE(result.policy);
    CHECK(messages(result) ==
          "b.policy:1:9: error: include cycle: a.policy -> b.policy -> a.policy\n"
          "  include \"a.policy\"\n"
          "          ^~~~~~~~~~\n");
  }
  SECTION("a missing file is an error at the include's string") {
    files.texts["dir/a.policy"] = "event x\ninclude \"nothere.policy\"\n";
    auto result = load_policy("dir/a.policy", files.options());
    CHECK_FALSE(result.policy);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].message == "cannot read included file `dir/nothere.policy`");
    CHECK(result.diagnostics[0].position.line == 2);
    CHECK(result.diagnostics[0].position.column == 9);
  }
  SECTION("the same name declared in two files") {
    files.texts["a.policy"] = "include \"b.policy\"\nevent x has p, q\nevent y has p\n";
    files.texts["b.policy"] = "event x has q, p\nevent y\n";
    auto result = load_policy("a.policy", files.options());
    CHECK_FALSE(result.policy);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].message ==
          "event `y` is declared again with different attributes (first declared at "
          "b.policy:2:7)");
  }
}

TEST_CASE("override and drop", "[check]") {
  MemoryFiles files;
  files.texts["national.policy"] =
      "event visit has at_home\nevent cin_start\nevent cin_end\n"
      "period cin_plan from cin_start until cin_end\n"
      "rule T07 \"Visits every 20 days\":\n  visit every 20 days during cin_plan\n"
      "rule T08 \"Home visits\":\n  each visit requires at_home\n"
      "rule T09 \"Visits within 5 days\":\n  visit within 5 days after cin_start\n";
  SECTION("an override replaces the body in place; a drop removes the rule") {
    files.texts["local.policy"] =
        "include \"national.policy\"\n"
        "override rule T07: visit where at_home every 28 days during cin_plan\n"
        "override rule T09 \"Visits within a week\": visit within 7 days after cin_start\n"
        "drop rule T08\n";
    auto result = load_policy("local.policy", files.options());
    INFO(messages(result));
    REQUIRE(result.policy);
    const auto& rules = result.policy->rules();
    REQUIRE(rules.size() == 2);
    CHECK(rules[0].id == "T07");
    CHECK(rules[0].name == "Visits every 20 days");
    CHECK(std::get<Recurrence>(rules[0].form).intervals[0].every.amount == 28);
    CHECK(rules[0].position.file == "local.policy");
    CHECK(rules[1].id == "T09");
    CHECK(rules[1].name == "Visits within a week");
    CHECK(std::get<Deadline>(rules[1].form).within.amount == 7);
  }
  SECTION("missing ids and duplicates") {
    files.texts["local.policy"] =
        "include \"national.policy\"\n"
        "override rule T7: visit within 7 days after cin_start\n"
        "drop rule T10\n"
        "rule T09 \"again\":\n  visit within 7 days after cin_start\n"
        "drop rule T08\n"
        "drop rule T08\n";
    auto result = load_policy("local.policy", files.options());
    CHECK_FALSE(result.policy);
    std::vector<std::string> got;
    for (const auto& d : result.diagnostics) got.push_back(d.message);
    CHECK(got == std::vector<std::string>{
                     "no rule `T7` to override; did you mean `T07`?", "no rule `T10` to drop",
                     "rule `T09` is already defined (at national.policy:9:6); to replace it, "
                     "write `override rule T09`",
                     "no rule `T08` to drop; did you mean `T07`?"});
  }
  SECTION("an override must come after the rule it replaces") {
    files.texts["local.policy"] =
        "override rule T07: visit every 28 days during cin_plan\ninclude \"national.policy\"\n";
    auto result = load_policy("local.policy", files.options());
    CHECK_FALSE(result.policy);
    REQUIRE_FALSE(result.diagnostics.empty());
    CHECK(result.diagnostics[0].message.rfind("no rule `T07` to override", 0) == 0);
  }
}

TEST_CASE("calendar and counting convention", "[check]") {
  MemoryFiles files;
  files.texts["events.policy"] = "event a\n";
  files.texts["x.policy"] = "calendar england_and_wales plus 2024-12-27\nevent b\n";
  files.texts["y.policy"] = "calendar england_and_wales plus 2025-12-29\nevent c\n";
  files.texts["counting.policy"] = "count the trigger day\nevent d\n";

  SECTION("no calendar anywhere: england_and_wales, trigger day not counted") {
    files.texts["top.policy"] = "include \"events.policy\"\n";
    auto result = load_policy("top.policy", files.options());
    REQUIRE(result.policy);
    CHECK(result.policy->calendar().name() == "england_and_wales");
    CHECK_FALSE(result.policy->count_trigger_day());
    CHECK(result.policy->name() == "top");  // the file's stem
    CHECK(result.policy->calendar().is_working_day(*parse_iso_date("2024-12-27")));
  }
  SECTION("an included file's calendar applies when the top-level file says nothing") {
    files.texts["top.policy"] = "include \"x.policy\"\ninclude \"counting.policy\"\n";
    auto result = load_policy("top.policy", files.options());
    REQUIRE(result.policy);
    CHECK_FALSE(result.policy->calendar().is_working_day(*parse_iso_date("2024-12-27")));
    CHECK(result.policy->count_trigger_day());
  }
  SECTION("included files that disagree are an error") {
    files.texts["top.policy"] = "include \"x.policy\"\ninclude \"y.policy\"\n";
    auto result = load_policy("top.policy", files.options());
    CHECK_FALSE(result.policy);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].message ==
          "included files disagree about the calendar: `england_and_wales` plus 2025-12-29 here, "
          "`england_and_wales` plus 2024-12-27 at x.policy:1:10; say which in the top-level file");
  }
  SECTION("the top-level file settles it") {
    files.texts["top.policy"] =
        "calendar england_and_wales plus 2026-01-02\ninclude \"x.policy\"\ninclude \"y.policy\"\n";
    auto result = load_policy("top.policy", files.options());
    INFO(messages(result));
    REQUIRE(result.policy);
    CHECK(result.policy->calendar().is_working_day(*parse_iso_date("2024-12-27")));
    CHECK_FALSE(result.policy->calendar().is_working_day(*parse_iso_date("2026-01-02")));
  }
  SECTION("unknown calendars and impossible closure days") {
    auto result = load_text("calendar englnd_and_wales\n");
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].message ==
          "unknown calendar `englnd_and_wales`; did you mean `england_and_wales`?");
    result = load_text("calendar england_and_wales plus 2025-02-29\n");
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].message == "`2025-02-29` is not a real date");
  }
  SECTION("a host's own calendar") {
    struct NoHolidays : Calendar {
      bool is_holiday(Date) const override { return false; }
    };
    auto registry = std::make_shared<CalendarRegistry>();
    registry->add("no_holidays", std::make_shared<NoHolidays>());
    LoadOptions options;
    options.calendars = registry;
    auto result = load_text("calendar no_holidays\n", options);
    REQUIRE(result.policy);
    CHECK(result.policy->calendar().name() == "no_holidays");
    CHECK(result.policy->calendar().is_working_day(*parse_iso_date("2024-12-25")));
  }
}

TEST_CASE("unused events and periods are warned about in the linted file only", "[check]") {
  MemoryFiles files;
  files.texts["events.policy"] = "event a\nevent b\nevent unused_there\nperiod p from a until b\n";
  SECTION("a vocabulary file alone gives no warning") {
    auto result = load_policy("events.policy", files.options());
    REQUIRE(result.policy);
    CHECK(result.diagnostics.empty());
  }
  SECTION("only names declared in the linted file") {
    files.texts["top.policy"] =
        "include \"events.policy\"\nevent unused_here\nperiod q from a until b\n"
        "rule R1 \"x\":\n  b within 3 days after a\n";
    auto result = load_policy("top.policy", files.options());
    REQUIRE(result.policy);
    CHECK(messages(result) ==
          "top.policy:2:7: warning: event `unused_here` is declared but no rule or period uses "
          "it\n  event unused_here\n        ^~~~~~~~~~~\n"
          "top.policy:3:8: warning: period `q` is declared but no rule uses it\n"
          "  period q from a until b\n         ^\n");
    auto options = files.options();
    options.warn_unused_in = "events.policy";
    result = load_policy("top.policy", options);
    REQUIRE(result.diagnostics.size() == 2);
    CHECK(result.diagnostics[0].message ==
          "event `unused_there` is declared but no rule or period uses it");
    CHECK(result.diagnostics[1].message == "period `p` is declared but no rule uses it");
  }
}

// Golden files: tests/golden/lint/NAME.policy beside NAME.golden, the exact rendered output
// (tests/support/golden.hpp).
TEST_CASE("golden lint messages", "[check][golden]") {
  const std::filesystem::path root(DULY_SOURCE_DIR);
  const std::filesystem::path dir = "tests/golden/lint";
  LoadOptions options;
  options.read_file = [&](const std::filesystem::path& path) -> std::optional<std::string> {
    if (!std::filesystem::exists(root / path)) return std::nullopt;
    return read_file(root / path);
  };
  int count = 0;
  std::vector<std::filesystem::path> policies;
  for (const auto& entry : std::filesystem::directory_iterator(root / dir))
    if (entry.path().extension() == ".policy" &&
        std::filesystem::exists(duly_test::golden_of(entry.path())))
      policies.push_back(entry.path().filename());
  std::sort(policies.begin(), policies.end());
  for (const auto& name : policies) {
    auto result = load_policy(dir / name, options);
    std::string got = render(result.diagnostics);
    duly_test::check_golden(got, duly_test::golden_of(root / dir / name));
    CHECK(!got.empty());
    ++count;
  }
  CHECK(count >= 15);
}

TEST_CASE("the policy's name, and names declared in two files", "[check]") {
  MemoryFiles files;
  files.texts["events.policy"] =
      "policy \"Shared events\"\nevent a\nevent b\nperiod p from a until b\n";
  SECTION("the first `policy` found when the top-level file has none") {
    files.texts["top.policy"] = "include \"events.policy\"\n";
    auto result = load_policy("top.policy", files.options());
    REQUIRE(result.policy);
    CHECK(result.policy->name() == "Shared events");
  }
  SECTION("the top-level file's own name wins, wherever it stands") {
    files.texts["top.policy"] = "include \"events.policy\"\npolicy \"Top\"\n";
    auto result = load_policy("top.policy", files.options());
    REQUIRE(result.policy);
    CHECK(result.policy->name() == "Top");
  }
  SECTION("identical declarations are one; different ones an error") {
    files.texts["top.policy"] =
        "include \"events.policy\"\nevent a\nperiod p from a until b\nperiod q from a until b\n"
        "period q from a where x until b\n";
    auto result = load_policy("top.policy", files.options());
    CHECK_FALSE(result.policy);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].message ==
          "period `q` is declared again differently (first declared at top.policy:4:8)");
  }
}

TEST_CASE("a syntax error rejects the policy, and the items that parsed are still checked",
          "[check]") {
  auto result = load_text(vocabulary +
                          "rule R1 \"a\":\n  icpcc withn 15 days after strategy_discussion\n"
                          "rule R2 \"b\":\n  icpcc within 15 days after strategy_discusion\n");
  CHECK_FALSE(result.policy);
  REQUIRE(result.diagnostics.size() == 2);
  CHECK(result.diagnostics[0].position.line == 17);  // the parser's
  CHECK(result.diagnostics[1].message ==
        "unknown event `strategy_discusion`; did you mean `strategy_discussion`?");
}

TEST_CASE("an unreadable top-level file and an impossible age", "[check]") {
  MemoryFiles files;
  auto result = load_policy("nowhere.policy", files.options());
  CHECK_FALSE(result.policy);
  CHECK(render(result.diagnostics) ==
        "nowhere.policy: error: cannot read policy file `nowhere.policy`\n");
  CHECK(first_error("visit within 3 days after age -1") == "an age must be 0 or more, not -1");
}

TEST_CASE("time in a period: resolved to a period, a birthday and a number of days",
          "[check][time-in]") {
  const std::string periods =
      "event became_looked_after\nevent ceased_looked_after\nevent pa_visit\ncase has team\n"
      "period cla from became_looked_after until ceased_looked_after\n"
      "period care_leaver from ceased_looked_after until age 25 when age >= 16 years and "
      "time in cla since age 14 >= 13 weeks\n";
  auto result = load_text(periods +
                          "rule R1 \"r\":\n  pa_visit every 8 weeks during care_leaver when "
                          "time in cla < 10 days or time in care_leaver != 1 week\n");
  INFO(messages(result));
  REQUIRE(result.policy);
  CHECK(result.diagnostics.empty());  // both periods are used: no warning
  const Period& care_leaver = result.policy->periods().at(1);
  REQUIRE(care_leaver.when);
  const Condition& time = care_leaver.when->children.at(1);
  CHECK(time.kind == Condition::Kind::compare);
  CHECK(time.op == CompareOp::greater_equal);
  CHECK(time.operand.kind == Operand::Kind::time_in);
  CHECK(time.operand.period == 0);
  CHECK(time.operand.since_age == 14);
  REQUIRE(time.values.size() == 1);
  CHECK(time.values[0].number == 91);  // 13 weeks, in days

  const Rule& rule = result.policy->rules().at(0);
  REQUIRE(rule.when);
  CHECK_FALSE(rule.when->children.at(0).operand.since_age);
  CHECK(rule.when->children.at(0).values[0].number == 10);
  CHECK(rule.when->children.at(1).operand.period == 1);
  CHECK(rule.when->children.at(1).values[0].number == 7);

  // Working days are no length of time either; a state-dependent interval's `when` may use it.
  CHECK(first_error("visit within 3 days after referral when time in cp_plan > 2 working days") ==
        "`time in` is a length of time: compare it with days or weeks, not working days");
  CHECK(first_error("visit within 3 days after referral when time in cp_plan > 2 years") ==
        "`time in` is a length of time: compare it with days or weeks, not years");
  CHECK(first_error("visit within 3 days after referral when time in cp_pan > 2 days") ==
        "unknown period `cp_pan`; did you mean `cp_plan`?");
  CHECK(first_error("visit within 3 days after referral where time in cp_plan > 2 days") ==
        "`time in` can be used only in `when`, not in `where` or `requires`: it is a state of "
        "the case on a day, not an attribute of an event");
  CHECK(one_rule("visit every 6 weeks, every 3 months when time in cp_plan > 52 weeks during "
                 "cp_plan")
            .form.index() == 1);
}

TEST_CASE("a period's `when` cannot read the time in itself", "[check][time-in]") {
  const std::string events = "event start\nevent stop\nevent visit\n";
  auto result = load_text(events +
                          "period a from start until stop when time in a > 1 day\n"
                          "rule R \"r\":\n  visit within 3 days after start during a\n");
  CHECK_FALSE(result.policy);
  CHECK(messages(result) ==
        "test.policy:4:45: error: period `a` cannot use the time in itself in its own `when`\n"
        "  period a from start until stop when time in a > 1 day\n"
        "                                              ^\n");
  result = load_text(events +
                     "period a from start until stop when age > 3 and time in c > 1 day\n"
                     "period b from start until stop when time in a > 1 day\n"
                     "period c from start until stop when time in b > 1 day\n");
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].message ==
        "period `a` depends on itself through `time in`: `a` -> `c` -> `b` -> `a`");
  CHECK(result.diagnostics[0].position.line == 4);
  // Reading another period is fine, in any order of declaration.
  result = load_text(events +
                     "period a from start until stop when time in b > 1 day\n"
                     "period b from start until stop\n");
  CHECK(result.policy);
}

TEST_CASE("indicators: a period, a duration, an id shared with rules", "[check][indicator]") {
  const std::string text = vocabulary +
                           "rule T18 \"Core groups\":\n"
                           "  core_group every 6 weeks during cp_plan\n"
                           "indicator T51 \"Repeat child protection plan within 2 years\":\n"
                           "  cp_plan repeated within 2 years\n"
                           "indicator T52 \"Repeat within 20 working days\":\n"
                           "  cp_plan repeated within 20 working days\n";
  auto result = load_text(text);
  INFO(messages(result));
  REQUIRE(result.policy);
  const auto& indicators = result.policy->indicators();
  REQUIRE(indicators.size() == 2);
  CHECK(indicators[0].id == "T51");
  CHECK(indicators[0].name == "Repeat child protection plan within 2 years");
  CHECK(indicators[0].period == 0);
  CHECK(indicators[0].within.amount == 2);
  CHECK(indicators[0].within.unit == TimeUnit::years);
  CHECK(indicators[0].position.line == 18);
  CHECK(indicators[0].position.column == 11);
  CHECK(indicators[1].within.unit == TimeUnit::working_days);
  CHECK(result.policy->rules().size() == 1);

  // Overriding an indicator is no more possible than dropping one.
  result = load_text(text + "override rule T51: core_group every 4 weeks during cp_plan\n");
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].message ==
        "`T51` is an indicator, not a rule: `override rule` and `drop rule` apply to rules only");

  // An indicator in an included file stands where the file is included.
  MemoryFiles files;
  files.texts["national.policy"] =
      vocabulary + "indicator N1 \"n\": cp_plan repeated within 1 year\n";
  files.texts["top.policy"] =
      "include \"national.policy\"\n"
      "indicator L1 \"l\": cp_plan repeated within 6 months\n";
  result = load_policy("top.policy", files.options());
  INFO(messages(result));
  REQUIRE(result.policy);
  REQUIRE(result.policy->indicators().size() == 2);
  CHECK(result.policy->indicators()[0].id == "N1");
  CHECK(result.policy->indicators()[1].id == "L1");
}

TEST_CASE("a period used only by an indicator or a `time in` is used", "[check][indicator]") {
  const std::string events =
      "event start\nevent stop\nevent visit\nperiod p from start until stop\n"
      "period q from start until stop\nperiod r from start until stop when time in q > 3 days\n";
  // An indicator alone makes the file more than a vocabulary: unused names are warned about.
  auto result = load_text(events + "indicator I1 \"i\": p repeated within 1 year\n");
  REQUIRE(result.policy);
  // `p` (the indicator's) and `q` (read by `time in`) are used; `r` and `visit` are not.
  CHECK(messages(result) ==
        "test.policy:3:7: warning: event `visit` is declared but no rule or period uses it\n"
        "  event visit\n        ^~~~~\n"
        "test.policy:6:8: warning: period `r` is declared but no rule uses it\n"
        "  period r from start until stop when time in q > 3 days\n         ^\n");
}

TEST_CASE("a byte order mark at the start of a policy is not part of it", "[check]") {
  const std::string bom = "\xEF\xBB\xBF";
  auto result = load_text(bom + vocabulary +
                          "rule R1 \"one\":\n  icpcc within 15 days after "
                          "strategy_discussion\n");
  REQUIRE(result.policy);
  // Columns on the first line count from after the mark, and the line shown has none.
  auto broken = load_text(bom + "event visit has seen\nrule R1 \"x\":\n  vist every 2 weeks\n");
  CHECK(render(broken.diagnostics).find("test.policy:3:3: error: unknown event `vist`") !=
        std::string::npos);
  auto first_line = load_text(bom + "evnt visit\n");
  REQUIRE_FALSE(first_line.diagnostics.empty());
  CHECK(first_line.diagnostics.front().position.column == 1);
  CHECK(first_line.diagnostics.front().source_line == "evnt visit");
}

TEST_CASE("columns and carets count characters, not bytes", "[check]") {
  // `é` is two bytes; the caret must still stand under `vist`.
  auto result = load_text("event visit has x\nrule A2 \"é\": vist every 2 weeks during p\n");
  CHECK(messages(result) ==
        "test.policy:2:14: error: unknown event `vist`; did you mean `visit`?\n"
        "  rule A2 \"é\": vist every 2 weeks during p\n"
        "               ^~~~\n"
        "test.policy:2:40: error: unknown period `p`\n"
        "  rule A2 \"é\": vist every 2 weeks during p\n"
        "                                         ^\n");
  // A tab before the place is kept in the caret line.
  auto tabbed = load_text("event visit\nrule A \"ü\":\n\tvist every 2 weeks during visit\n");
  CHECK(render(tabbed.diagnostics.front())
            .ends_with("\tvist every 2 weeks during visit\n  \t^~~~\n"));
}
