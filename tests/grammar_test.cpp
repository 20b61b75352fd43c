// The policy-language parser: the grammar is sound (analyze), every example of the language
// reference and every complete sketch of the timescales parses (tests/fixtures/parse/), the
// trees say what docs/language.md says the text means, and bad text gets the messages, positions
// and recovery a policy lead needs.
#include <catch2/catch.hpp>

#include <tao/pegtl/contrib/analyze.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "grammar/grammar.hpp"
#include "grammar/keywords.hpp"
#include "grammar/parse.hpp"
#include "tests/support/golden.hpp"
#include "tests/support/tree_dump.hpp"

namespace {

using namespace duly::syntax;

std::string fixture_path(const std::string& name) {
  return std::string(DULY_SOURCE_DIR) + "/tests/fixtures/parse/" + name;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

ParseResult parse_fixture(const std::string& name) {
  return parse(read_file(fixture_path(name)), name);
}

// The body of the only rule of `text`, which must parse cleanly.
RuleBody rule_body(const std::string& text) {
  auto result = parse(text, "inline.policy");
  INFO(duly::render(result.diagnostics));
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.file.items.size() == 1);
  const auto* rule = std::get_if<RuleDecl>(&result.file.items[0].kind);
  REQUIRE(rule != nullptr);
  return rule->body;
}

const RuleDecl& find_rule(const File& file, const std::string& id) {
  for (const auto& item : file.items)
    if (const auto* rule = std::get_if<RuleDecl>(&item.kind); rule && rule->id.text == id)
      return *rule;
  FAIL("no rule " << id);
  throw std::logic_error("unreachable");
}

std::vector<std::string> type_names(const EventRef& ref) {
  std::vector<std::string> names;
  for (const auto& n : ref.types) names.push_back(n.text);
  return names;
}

// The only diagnostic of `text`.
duly::Diagnostic only_error(const std::string& text) {
  auto result = parse(text, "bad.policy");
  INFO(duly::render(result.diagnostics));
  REQUIRE(result.diagnostics.size() == 1);
  return result.diagnostics[0];
}

}  // namespace

TEST_CASE("the grammar has no rule that can loop without consuming input", "[grammar]") {
  CHECK(tao::pegtl::analyze<duly::grammar::file>() == 0);
  CHECK(tao::pegtl::analyze<duly::grammar::item>() == 0);
}

TEST_CASE("every fixture of the language reference and the timescales parses", "[grammar]") {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(DULY_SOURCE_DIR) +
                                                               "/tests/fixtures/parse")) {
    if (entry.path().extension() != ".policy") continue;
    ++count;
    auto result = parse(read_file(entry.path().string()), entry.path().filename().string());
    INFO(entry.path().filename().string() << "\n" << duly::render(result.diagnostics));
    CHECK(result.diagnostics.empty());
    CHECK(!result.file.items.empty());
  }
  CHECK(count >= 10);
}

// The tree each fixture parses to, as tests/support/tree_dump.hpp prints it, beside the fixture
// as NAME.golden: the parser's output shape pinned by files (tests/support/golden.hpp).
TEST_CASE("every fixture parses to the tree its golden file shows", "[grammar][golden]") {
  std::vector<std::filesystem::path> fixtures;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(DULY_SOURCE_DIR) + "/tests/fixtures/parse"))
    if (entry.path().extension() == ".policy") fixtures.push_back(entry.path());
  std::sort(fixtures.begin(), fixtures.end());
  CHECK(fixtures.size() >= 10);
  for (const auto& fixture : fixtures) {
    auto result = parse(read_file(fixture.string()), fixture.filename().string());
    REQUIRE(result.diagnostics.empty());
    duly_test::check_golden(dump(result.file), duly_test::golden_of(fixture));
  }
}

TEST_CASE("the whole file of docs/language.md", "[grammar]") {
  auto result = parse_fixture("language_whole_file.policy");
  REQUIRE(result.diagnostics.empty());
  const auto& items = result.file.items;
  REQUIRE(items.size() == 14);
  CHECK(result.file.path == "language_whole_file.policy");

  CHECK(std::get<PolicyName>(items[0].kind).name == "Camden CP timescales");
  REQUIRE(items[0].leading_comments.size() == 1);
  CHECK(items[0].leading_comments[0].text ==
        "# Camden: child protection timescales (camden-qa-induction-and-iro-report.txt)");
  CHECK(items[0].leading_comments[0].own_line);
  CHECK(!items[0].blank_line_before);

  const auto& calendar = std::get<CalendarDecl>(items[1].kind);
  CHECK(calendar.calendar.text == "england_and_wales");
  CHECK(calendar.extra_days.empty());
  REQUIRE(items[1].trailing_comments.size() == 1);
  CHECK(items[1].trailing_comments[0].text == "# weekends and bank holidays are not working days");
  CHECK(!items[1].trailing_comments[0].own_line);
  CHECK(items[1].trailing_comments[0].position.line == 3);
  CHECK(items[1].trailing_comments[0].position.column == 39);

  const auto& strategy = std::get<EventDecl>(items[2].kind);
  CHECK(strategy.event.text == "strategy_discussion");
  REQUIRE(strategy.attributes.size() == 1);
  CHECK(strategy.attributes[0].text == "outcome");
  CHECK(strategy.attributes[0].position.line == 5);
  CHECK(strategy.attributes[0].position.column == 31);
  CHECK(items[2].blank_line_before);
  CHECK(!items[3].blank_line_before);
  const auto& visit = std::get<EventDecl>(items[6].kind);
  REQUIRE(visit.attributes.size() == 2);
  CHECK(visit.attributes[1].text == "at_home");

  const auto& period = std::get<PeriodDecl>(items[9].kind);
  CHECK(period.period.text == "cp_plan");
  CHECK(type_names(period.start.events) == std::vector<std::string>{"cp_plan_start"});
  CHECK(type_names(period.end.events) == std::vector<std::string>{"cp_plan_end"});
  CHECK(items[9].blank_line_before);

  // rule T14, on lines 15 and 16
  CHECK(items[10].position.line == 15);
  CHECK(items[10].position.column == 1);
  CHECK(items[10].last_line == 16);
  CHECK(items[10].blank_line_before);
  const auto& t14 = std::get<RuleDecl>(items[10].kind);
  CHECK(t14.id.text == "T14");
  CHECK(t14.id.position.column == 6);
  CHECK(t14.name == "ICPCC within 15 working days of the strategy discussion");
  CHECK(t14.body.position.line == 16);
  CHECK(t14.body.position.column == 3);
  const auto& deadline = std::get<Deadline>(t14.body.form);
  CHECK(type_names(deadline.target) == std::vector<std::string>{"icpcc"});
  CHECK(!deadline.target.where);
  CHECK(deadline.within.amount == 15);
  CHECK(deadline.within.unit == TimeUnit::working_days);
  CHECK(!deadline.within.singular);
  CHECK(deadline.within.position.column == 16);
  REQUIRE(deadline.after.kind == Trigger::Kind::events);
  CHECK(type_names(deadline.after.events) == std::vector<std::string>{"strategy_discussion"});
  CHECK(deadline.after.position.column == 38);
  // Exact reading 3: the where filters T.
  REQUIRE(deadline.after.events.where);
  const auto& where = *deadline.after.events.where;
  CHECK(where.kind == Condition::Kind::compare);
  CHECK(where.operand.kind == Operand::Kind::attribute);
  CHECK(where.operand.name.text == "outcome");
  CHECK(where.op == CompareOp::equal);
  REQUIRE(where.values.size() == 1);
  CHECK(where.values[0].kind == Value::Kind::string);
  CHECK(where.values[0].text == "s47");
  CHECK(where.values[0].position.column == 74);
  CHECK(!deadline.or_earlier);

  const auto& t18 = std::get<RuleDecl>(items[11].kind);
  const auto& recurrence = std::get<Recurrence>(t18.body.form);
  REQUIRE(recurrence.intervals.size() == 1);
  CHECK(recurrence.intervals[0].every.amount == 6);
  CHECK(recurrence.intervals[0].every.unit == TimeUnit::weeks);
  CHECK(recurrence.intervals[0].position.column == 14);
  REQUIRE(recurrence.after);
  CHECK(recurrence.after->ordinal == Ordinal::first);
  CHECK(type_names(*recurrence.after) == std::vector<std::string>{"core_group"});
  REQUIRE(t18.body.during);
  CHECK(t18.body.during->text == "cp_plan");
  CHECK(!recurrence.during_before_intervals);

  const auto& t25 = std::get<RuleDecl>(items[12].kind);
  const auto& each = std::get<Each>(t25.body.form);
  CHECK(type_names(each.target) == std::vector<std::string>{"visit"});
  CHECK(t25.body.during->text == "cp_plan");
  REQUIRE(t25.body.when);
  CHECK(t25.body.when->operand.kind == Operand::Kind::age);
  CHECK(t25.body.when->op == CompareOp::greater_equal);
  CHECK(t25.body.when->values[0].text == "3");
  CHECK(t25.body.when->values[0].kind == Value::Kind::number);
  CHECK(each.requirement.kind == Condition::Kind::truth);
  CHECK(each.requirement.operand.name.text == "seen_alone");

  const auto& t15 = std::get<RuleDecl>(items[13].kind);
  const auto& notice = std::get<Notice>(t15.body.form);
  REQUIRE(notice.before);
  CHECK(notice.before->amount == 2);
  CHECK(notice.before->unit == TimeUnit::days);
  CHECK(type_names(notice.trigger) == std::vector<std::string>{"icpcc"});
  CHECK(items[13].last_line == 25);
  CHECK(result.file.final_comments.empty());
}

TEST_CASE("declarations", "[grammar]") {
  auto result = parse_fixture("language_fragments.policy");
  REQUIRE(result.diagnostics.empty());
  const auto& items = result.file.items;
  const auto& calendar = std::get<CalendarDecl>(items[1].kind);
  REQUIRE(calendar.extra_days.size() == 2);
  CHECK(calendar.extra_days[0].kind == Value::Kind::date);
  CHECK(calendar.extra_days[0].text == "2024-12-27");
  CHECK(calendar.extra_days[1].text == "2025-12-29");
  CHECK(std::holds_alternative<CountTriggerDay>(items[2].kind));
  CHECK(std::get<EventDecl>(items[3].kind).attributes.size() == 5);
  const auto& case_decl = std::get<CaseDecl>(items[4].kind);
  REQUIRE(case_decl.attributes.size() == 2);
  CHECK(case_decl.attributes[1].text == "worker");

  const PeriodDecl* cp_plan = nullptr;
  const PeriodDecl* adolescence = nullptr;
  for (const auto& item : items)
    if (const auto* period = std::get_if<PeriodDecl>(&item.kind)) {
      if (period->period.text == "cp_plan") cp_plan = period;
      if (period->period.text == "adolescence") adolescence = period;
    }
  REQUIRE(cp_plan);
  REQUIRE(cp_plan->start.events.where);
  CHECK(cp_plan->start.events.where->op == CompareOp::not_equal);
  REQUIRE(cp_plan->when);
  CHECK(cp_plan->when->operand.name.text == "team");
  REQUIRE(adolescence);
  CHECK(adolescence->start.kind == Trigger::Kind::age);
  CHECK(adolescence->start.age == 13);
  CHECK(adolescence->end.age == 18);

  auto composition = parse_fixture("composition.policy");
  REQUIRE(composition.diagnostics.empty());
  REQUIRE(composition.file.items.size() == 4);
  CHECK(std::get<Include>(composition.file.items[0].kind).file.text == "national.policy");
  const auto& t07 = std::get<OverrideDecl>(composition.file.items[1].kind);
  CHECK(t07.id.text == "T07");
  CHECK(!t07.name);
  CHECK(std::holds_alternative<Recurrence>(t07.body.form));
  CHECK(std::get<DropDecl>(composition.file.items[2].kind).id.text == "T08");
  const auto& n05 = std::get<OverrideDecl>(composition.file.items[3].kind);
  CHECK(n05.name == std::optional<std::string>("T02: visits every 20 days"));
}

TEST_CASE("deadlines: or earlier, birthdays, ordinals, alternatives", "[grammar]") {
  auto result = parse_fixture("language_fragments.policy");
  REQUIRE(result.diagnostics.empty());
  const auto& file = result.file;

  const auto& f12 = std::get<Deadline>(find_rule(file, "F12").body.form);
  CHECK(f12.or_earlier);
  CHECK(type_names(f12.after.events) == std::vector<std::string>{"became_looked_after"});

  const auto& f13 = find_rule(file, "F13").body;
  const auto& birthday = std::get<Deadline>(f13.form);
  CHECK(birthday.after.kind == Trigger::Kind::age);
  CHECK(birthday.after.age == 16);
  CHECK(birthday.within.unit == TimeUnit::months);
  CHECK(f13.during->text == "cla");

  const auto& f02 = std::get<Deadline>(find_rule(file, "F02").body.form);
  CHECK(f02.target.ordinal == Ordinal::second);
  CHECK(f02.after.events.ordinal == Ordinal::first);

  // `where` filters the whole alternative before it.
  const auto& f01 = std::get<Deadline>(find_rule(file, "F01").body.form);
  CHECK(type_names(f01.target) == std::vector<std::string>{"rcpcc", "core_group"});
  REQUIRE(f01.target.where);
  CHECK(f01.target.where->values[0].text == "plan");

  // The units, singular.
  CHECK(std::get<Deadline>(find_rule(file, "F07").body.form).within.singular);
  const auto& f08 = std::get<Deadline>(find_rule(file, "F08").body.form).within;
  CHECK(f08.unit == TimeUnit::working_days);
  CHECK(f08.singular);
  CHECK(std::get<Deadline>(find_rule(file, "F09").body.form).within.unit == TimeUnit::weeks);
  CHECK(std::get<Deadline>(find_rule(file, "F10").body.form).within.unit == TimeUnit::months);
  const auto& f11 = std::get<Deadline>(find_rule(file, "F11").body.form).within;
  CHECK(f11.unit == TimeUnit::years);
  CHECK(f11.singular);

  // X where C within D after T: the where filters X.
  const auto& f25 = std::get<Deadline>(find_rule(file, "F25").body.form);
  REQUIRE(f25.target.where);
  CHECK(!f25.after.events.where);

  // T38: an alternative as the trigger.
  auto looked_after = parse_fixture("looked_after.policy");
  REQUIRE(looked_after.diagnostics.empty());
  const auto& t38 = std::get<Deadline>(find_rule(looked_after.file, "T38").body.form);
  CHECK(type_names(t38.after.events) ==
        std::vector<std::string>{"became_looked_after", "placement_start"});
}

TEST_CASE("a condition runs as far as it can, but not into `or earlier`", "[grammar]") {
  auto body =
      rule_body("rule R \"r\": visit where at_home or core_group within 5 days after referral");
  const auto& deadline = std::get<Deadline>(body.form);
  CHECK(type_names(deadline.target) == std::vector<std::string>{"visit"});
  REQUIRE(deadline.target.where);
  CHECK(deadline.target.where->kind == Condition::Kind::any_of);
  REQUIRE(deadline.target.where->children.size() == 2);
  CHECK(deadline.target.where->children[1].kind == Condition::Kind::truth);
  CHECK(deadline.target.where->children[1].operand.name.text == "core_group");

  body =
      rule_body("rule R \"r\": visit within 5 days after referral where urgent = true or earlier");
  const auto& earlier = std::get<Deadline>(body.form);
  CHECK(earlier.or_earlier);
  REQUIRE(earlier.after.events.where);
  CHECK(earlier.after.events.where->kind == Condition::Kind::compare);
  CHECK(earlier.after.events.where->values[0].kind == Value::Kind::boolean);
  CHECK(earlier.after.events.where->values[0].text == "true");

  // The checker rejects it; the parser takes it.
  body = rule_body("rule R \"r\": each visit when age = \"x\" requires at_home");
  CHECK(body.when->operand.kind == Operand::Kind::age);
  CHECK(body.when->values[0].kind == Value::Kind::string);
}

TEST_CASE("conditions: precedence, parentheses, lists, dotted operands", "[grammar]") {
  auto result = parse_fixture("language_fragments.policy");
  REQUIRE(result.diagnostics.empty());
  const auto& file = result.file;

  // age > 1 and age <= 17 years or team != "south"  ==  (… and …) or …
  const auto& f06 = find_rule(file, "F06").body;
  REQUIRE(f06.when);
  const auto& any = *f06.when;
  CHECK(any.kind == Condition::Kind::any_of);
  REQUIRE(any.children.size() == 2);
  CHECK(any.children[0].kind == Condition::Kind::all_of);
  REQUIRE(any.children[0].children.size() == 2);
  CHECK(any.children[0].children[0].op == CompareOp::greater);
  CHECK(any.children[0].children[1].op == CompareOp::less_equal);
  CHECK(any.children[0].children[1].values[0].text == "17");
  CHECK(any.children[1].op == CompareOp::not_equal);
  CHECK(any.children[1].values[0].text == "south");
  CHECK(any.position.line == f06.position.line);
  const auto& requirement = std::get<Each>(f06.form).requirement;
  CHECK(requirement.kind == Condition::Kind::compare);
  CHECK(requirement.values[0].kind == Value::Kind::boolean);

  // T09: child_seen and (age < 3 years or seen_alone)
  auto cin = parse_fixture("cin.policy");
  REQUIRE(cin.diagnostics.empty());
  const auto& t09 = std::get<Each>(find_rule(cin.file, "T09").body.form).requirement;
  CHECK(t09.kind == Condition::Kind::all_of);
  REQUIRE(t09.children.size() == 2);
  CHECK(!t09.parenthesized);
  const auto& inner = t09.children[1];
  CHECK(inner.kind == Condition::Kind::any_of);
  CHECK(inner.parenthesized);
  CHECK(inner.children[0].operand.kind == Operand::Kind::age);
  CHECK(inner.children[0].op == CompareOp::less);

  // in [...]
  const auto& f04 = std::get<Deadline>(find_rule(file, "F04").body.form);
  const auto& list = *f04.after.events.where;
  CHECK(list.kind == Condition::Kind::in_list);
  REQUIRE(list.values.size() == 2);
  CHECK(list.values[0].text == "a");
  CHECK(list.values[1].text == "b");

  // not, and a dotted operand
  const auto& f03 = find_rule(file, "F03").body;
  REQUIRE(f03.when);
  CHECK(f03.when->kind == Condition::Kind::all_of);
  const auto& negation = f03.when->children[1];
  CHECK(negation.kind == Condition::Kind::negation);
  const auto& dotted = negation.children[0];
  CHECK(dotted.kind == Condition::Kind::truth);
  CHECK(dotted.operand.kind == Operand::Kind::event_attribute);
  CHECK(dotted.operand.name.text == "placement_start");
  CHECK(dotted.operand.attribute.text == "permanent");
  CHECK(dotted.operand.attribute.position.column ==
        dotted.operand.name.position.column +
            static_cast<int>(std::string("placement_start.").size()));

  // Escapes in strings, dates and decimals as values.
  auto body = rule_body(
      "rule R \"a \\\"quoted\\\" \\\\ name\": each visit requires note = \"say \\\"hi\\\"\" "
      "and start >= 2024-02-30 and score < -2.5");
  const auto& all = std::get<Each>(body.form).requirement;
  REQUIRE(all.children.size() == 3);
  CHECK(all.children[0].values[0].text == "say \"hi\"");
  CHECK(all.children[1].values[0].kind == Value::Kind::date);
  CHECK(all.children[1].values[0].text == "2024-02-30");
  CHECK(all.children[2].values[0].kind == Value::Kind::number);
  CHECK(all.children[2].values[0].text == "-2.5");
  auto titled = parse("rule R \"a \\\"quoted\\\" \\\\ name\": visit before icpcc", "t.policy");
  CHECK(std::get<RuleDecl>(titled.file.items.at(0).kind).name == "a \"quoted\" \\ name");
}

TEST_CASE("between: S and E, consecutive", "[grammar]") {
  auto result = parse_fixture("language_fragments.policy");
  REQUIRE(result.diagnostics.empty());

  // S's where does not swallow the `and E`.
  const auto& f05 = std::get<Between>(find_rule(result.file, "F05").body.form);
  CHECK(type_names(f05.target) == std::vector<std::string>{"visit"});
  REQUIRE(f05.target.where);
  CHECK(f05.target.where->operand.name.text == "child_seen");
  CHECK(!f05.consecutive);
  CHECK(type_names(f05.start) == std::vector<std::string>{"referral"});
  REQUIRE(f05.start.where);
  CHECK(f05.start.where->parenthesized);
  CHECK(f05.start.where->operand.name.text == "urgent");
  REQUIRE(f05.end);
  CHECK(type_names(*f05.end) == std::vector<std::string>{"assessment_completed"});
  CHECK(!f05.end->where);

  const auto& f22 = std::get<Between>(find_rule(result.file, "F22").body.form);
  CHECK(f22.consecutive);
  CHECK(type_names(f22.start) == std::vector<std::string>{"cla_review"});
  CHECK(!f22.end);
  REQUIRE(f22.after);
  CHECK(f22.after->ordinal == Ordinal::second);

  // Without parentheses, `or` still stays in S.
  auto body = rule_body(
      "rule R \"r\": visit between referral where urgent = true or late and assessment_completed");
  const auto& between = std::get<Between>(body.form);
  REQUIRE(between.start.where);
  CHECK(between.start.where->kind == Condition::Kind::any_of);
  CHECK(type_names(*between.end) == std::vector<std::string>{"assessment_completed"});
}

TEST_CASE("recurrences: state-dependent, phases, counts, the alternate spelling", "[grammar]") {
  auto result = parse_fixture("language_fragments.policy");
  REQUIRE(result.diagnostics.empty());
  const auto& file = result.file;

  const auto& f14 = find_rule(file, "F14").body;
  const auto& full = std::get<Recurrence>(f14.form);
  REQUIRE(full.intervals.size() == 2);
  CHECK(!full.intervals[0].when);
  CHECK(full.intervals[1].every.amount == 3);
  CHECK(full.intervals[1].every.unit == TimeUnit::months);
  REQUIRE(full.intervals[1].when);
  CHECK(full.intervals[1].when->operand.kind == Operand::Kind::event_attribute);
  CHECK(!full.during_before_intervals);
  CHECK(f14.during->text == "cla");

  const auto& f15 = find_rule(file, "F15").body;
  const auto& alternate = std::get<Recurrence>(f15.form);
  REQUIRE(alternate.intervals.size() == 2);
  CHECK(alternate.during_before_intervals);
  CHECK(f15.during->text == "cla");
  CHECK(alternate.intervals[1].when);
  // The second interval starts at its `every`, after the comma.
  CHECK(alternate.intervals[1].position.column == 35);

  const auto& f16 = find_rule(file, "F16").body;
  const auto& phases = std::get<Recurrence>(f16.form);
  REQUIRE(phases.intervals.size() == 3);
  CHECK(phases.intervals[0].every.amount == 1);
  CHECK(phases.intervals[0].every.singular);
  REQUIRE(phases.intervals[0].until);
  CHECK(type_names(*phases.intervals[0].until) == std::vector<std::string>{"cla_review"});
  REQUIRE(phases.intervals[1].until);
  CHECK(type_names(*phases.intervals[1].until) == std::vector<std::string>{"carer_approved"});
  CHECK(!phases.intervals[2].until);
  CHECK(phases.intervals[2].every.amount == 6);
  CHECK(f16.during->text == "cla");

  const auto& f17 = find_rule(file, "F17").body;
  const auto& count = std::get<Recurrence>(f17.form);
  CHECK(count.intervals.empty());
  CHECK(count.every_count == 2);
  CHECK(count.count_noun.text == "visits");
  REQUIRE(count.target.where);
  CHECK(f17.during->text == "cp_plan");
  CHECK(f17.when->op == CompareOp::less);

  auto looked_after = parse_fixture("looked_after.policy");
  REQUIRE(looked_after.diagnostics.empty());
  const auto& t34 = std::get<Recurrence>(find_rule(looked_after.file, "T34").body.form);
  CHECK(t34.after->ordinal == Ordinal::second);
}

TEST_CASE("each and recording rules", "[grammar]") {
  auto recording = parse_fixture("recording.policy");
  REQUIRE(recording.diagnostics.empty());
  const auto& t11 = std::get<Recording>(find_rule(recording.file, "T11").body.form);
  CHECK(t11.target.every_type);
  CHECK(t11.target.types.empty());
  CHECK(t11.within.unit == TimeUnit::working_days);
  const auto& t12 = find_rule(recording.file, "T12").body;
  CHECK(std::get<Recording>(t12.form).target.every_type);
  CHECK(t12.during->text == "cp_plan");
}

TEST_CASE("comments and blank lines are kept for fmt", "[grammar]") {
  const std::string text =
      "# heading\n"
      "\n"
      "policy \"p\"  # trailing\n"
      "\n"
      "\n"
      "# about visits\n"
      "# more\n"
      "\n"
      "event visit has at_home, # first\n"
      "  seen_alone  # second\n"
      "rule R \"r\":\n"
      "  # inside the rule\n"
      "  visit every 3 weeks\n"
      "    during plan  \n"
      "\n"
      "# the end\n"
      "# really\n";
  auto result = parse(text, "c.policy");
  REQUIRE(result.diagnostics.empty());
  const auto& items = result.file.items;
  REQUIRE(items.size() == 3);
  REQUIRE(items[0].leading_comments.size() == 1);
  CHECK(!items[0].blank_line_before);
  CHECK(items[0].blank_line_after_leading_comments);
  CHECK(items[0].trailing_comments.at(0).text == "# trailing");

  CHECK(items[1].blank_line_before);
  REQUIRE(items[1].leading_comments.size() == 2);
  CHECK(items[1].leading_comments[0].blank_line_before);
  CHECK(!items[1].leading_comments[1].blank_line_before);
  CHECK(items[1].blank_line_after_leading_comments);
  CHECK(items[1].last_line == 10);
  REQUIRE(items[1].trailing_comments.size() == 2);
  CHECK(items[1].trailing_comments[1].text == "# second");

  CHECK(!items[2].blank_line_before);
  CHECK(items[2].last_line == 14);
  REQUIRE(items[2].trailing_comments.size() == 1);
  CHECK(items[2].trailing_comments[0].own_line);

  REQUIRE(result.file.final_comments.size() == 2);
  CHECK(result.file.blank_line_before_final_comments);
  CHECK(result.file.final_comments[1].text == "# really");

  // A `#` in a string is no comment.
  auto hashed = parse("policy \"no # comment\"\n", "h.policy");
  REQUIRE(hashed.diagnostics.empty());
  CHECK(std::get<PolicyName>(hashed.file.items.at(0).kind).name == "no # comment");
  CHECK(hashed.file.items[0].trailing_comments.empty());
}

TEST_CASE("a misspelt keyword gets the closest keyword valid there", "[grammar]") {
  auto d = only_error(
      "rule T14 \"ICPCC\":\n"
      "  icpcc withn 15 working days after strategy_discussion\n");
  CHECK(d.message ==
        "expected `within`, `every`, `at least`, `before` or `between` after `icpcc`; did you "
        "mean `within`?");
  CHECK(d.position.file == "bad.policy");
  CHECK(d.position.line == 2);
  CHECK(d.position.column == 9);
  CHECK(d.caret_width == 5);
  CHECK(d.source_line == "  icpcc withn 15 working days after strategy_discussion");
  CHECK(duly::render(d) ==
        "bad.policy:2:9: error: expected `within`, `every`, `at least`, `before` or `between` "
        "after `icpcc`; did you mean `within`?\n"
        "    icpcc withn 15 working days after strategy_discussion\n"
        "          ^~~~~\n");

  d = only_error("evnt visit\n");
  CHECK(
      d.message ==
      "expected a declaration (`event`, `case`, `period`, `rule`, `indicator`, `override`, `drop`, "
      "`include`, `calendar`, `policy` or `count the trigger day`); did you mean `event`?");
  CHECK(d.position.column == 1);
  CHECK(d.caret_width == 4);

  d = only_error("rule R \"r\": visit within 5 workng days after referral\n");
  CHECK(d.message ==
        "expected a unit of time after `5`: `days`, `working days`, `weeks`, `months` or "
        "`years`; did you mean `working`?");

  d = only_error("rule R \"r\": visit within 5 days after referral wher urgent = true\n");
  CHECK(d.message == "unexpected `wher` after the end of the rule; did you mean `where`?");
  CHECK(d.position.column == 48);

  d = only_error("rule R \"r\": each visit requirs seen_alone\n");
  CHECK(d.message ==
        "expected `requires` or `recorded within` after `visit`; did you mean `requires`?");

  d = only_error("rule R \"r\": visit at lest 2 days before icpcc\n");
  CHECK(d.message == "expected `least` after `at`; did you mean `least`?");
}

TEST_CASE("the token before an error is not offered as the word meant", "[grammar]") {
  auto d = only_error(
      "rule R \"r\": visit within 2 days after referral when (urgent\n"
      "  urgant\n");
  CHECK(d.message == "expected `)` to close the condition after `urgent`");
  CHECK(d.position.line == 1);
  CHECK(d.position.column == 60);  // just after `urgent`
}

namespace keyword_table {

namespace g = duly::grammar;

template <typename Rule>
bool matches_whole(std::string_view word) {
  tao::pegtl::memory_input<> in(word.data(), word.data() + word.size(), "");
  return tao::pegtl::parse<tao::pegtl::seq<Rule, tao::pegtl::eof>>(in);
}

// Every rule of the grammar that spells one keyword.
template <typename... Rules>
struct Spellings {
  static bool any_spells(std::string_view word) { return (matches_whole<Rules>(word) || ...); }
  // Each rule spells some word of the table.
  static bool all_in_table() {
    auto in_table = [](auto matches) {
      return std::any_of(std::begin(g::keywords), std::end(g::keywords),
                         [&](const g::Keyword& k) { return matches(k.word); });
    };
    return (in_table([](std::string_view w) { return matches_whole<Rules>(w); }) && ...);
  }
};

using GrammarKeywords =
    Spellings<g::kw_policy, g::kw_calendar, g::kw_plus, g::kw_count, g::kw_the, g::kw_trigger,
              g::kw_day, g::kw_include, g::kw_event, g::kw_has, g::kw_case, g::kw_period,
              g::kw_from, g::kw_until, g::kw_when, g::kw_where, g::kw_rule, g::kw_override,
              g::kw_drop, g::kw_within, g::kw_after, g::kw_before, g::kw_at, g::kw_least, g::kw_or,
              g::kw_and, g::kw_not, g::kw_in, g::kw_during, g::kw_every, g::kw_then, g::kw_each,
              g::kw_requires, g::kw_recorded, g::kw_between, g::kw_consecutive, g::kw_earlier,
              g::kw_age, g::kw_year, g::kw_years, g::kw_working, g::kw_time, g::kw_since,
              g::kw_indicator, g::kw_repeated, g::unit_day, g::unit_days, g::unit_week,
              g::unit_weeks, g::unit_month, g::unit_months, g::unit_year, g::unit_years,
              g::ordinal_first, g::ordinal_second, g::true_literal, g::false_literal>;

}  // namespace keyword_table

TEST_CASE("the keyword table is the grammar's: every keyword is reserved, and only those",
          "[grammar]") {
  using namespace keyword_table;
  for (const g::Keyword& k : g::keywords) {
    INFO(k.word);
    CHECK(matches_whole<g::reserved_word>(k.word));
    CHECK_FALSE(matches_whole<g::name_word>(k.word));
    CHECK(GrammarKeywords::any_spells(k.word));
    // A keyword is no keyword with anything after it: `events` is a name.
    CHECK(matches_whole<g::name_word>(std::string(k.word) + "s") ==
          !duly::grammar::is_reserved(std::string(k.word) + "s"));
    CHECK_FALSE(matches_whole<g::reserved_word>(std::string(k.word) + "_x"));
  }
  CHECK(GrammarKeywords::all_in_table());
  CHECK_FALSE(matches_whole<g::reserved_word>("Event"));
  CHECK_FALSE(matches_whole<g::reserved_word>("visit"));
}

TEST_CASE("the parser's suggestions come from the keyword table", "[grammar]") {
  // A misspelt declaration: the table's declaration words.
  CHECK(only_error("indicatr T51 \"x\": cp_plan repeated within 2 years\n").message ==
        "expected a declaration (`event`, `case`, `period`, `rule`, `indicator`, `override`, "
        "`drop`, `include`, `calendar`, `policy` or `count the trigger day`); did you mean "
        "`indicator`?");
  // A misspelt word after a complete rule: the table's words that continue an item.
  CHECK(only_error("rule R \"r\": visit within 5 days after referral durng cla\n").message ==
        "unexpected `durng` after the end of the rule; did you mean `during`?");
}

TEST_CASE("names are lower case and never keywords", "[grammar]") {
  auto d = only_error("event Visit has at_home\n");
  CHECK(d.message ==
        "expected an event name after `event`; names are lower case: write `visit`, not `Visit`");
  CHECK(d.position.column == 7);
  CHECK(d.caret_width == 5);

  d = only_error("rule R \"r\": visit within 5 days after Referral\n");
  CHECK(d.message ==
        "expected an event name or `age N` after `after`; names are lower case: write "
        "`referral`, not `Referral`");

  d = only_error("event period\n");
  CHECK(d.message ==
        "expected an event name after `event`; `period` is a keyword and cannot be a name");
}

TEST_CASE("missing pieces: colon, rule name, duration, unit, string end", "[grammar]") {
  auto d =
      only_error("rule T14 \"ICPCC\" icpcc within 15 working days after strategy_discussion\n");
  CHECK(d.message == "expected `:` after the rule name");
  CHECK(d.position.line == 1);
  CHECK(d.position.column == 18);
  CHECK(d.caret_width == 5);

  // The colon is missing at the end of a line: point just after the name.
  d = only_error("rule T14 \"ICPCC\"\n  icpcc within 15 working days after strategy_discussion\n");
  CHECK(d.message == "expected `:` after the rule name");
  CHECK(d.position.line == 1);
  CHECK(d.position.column == 17);
  CHECK(d.caret_width == 1);
  CHECK(d.source_line == "rule T14 \"ICPCC\"");

  d = only_error("rule T14: icpcc within 15 working days after strategy_discussion\n");
  CHECK(d.message == "expected a quoted rule name after `rule T14`");
  CHECK(d.position.column == 9);

  d = only_error("rule R \"r\": visit within after referral\n");
  CHECK(d.message == "expected a duration such as `15 working days` after `within`");
  CHECK(d.position.column == 26);
  CHECK(d.caret_width == 5);

  d = only_error("rule R \"r\": visit within 15 after referral\n");
  CHECK(d.message ==
        "expected a unit of time after `15`: `days`, `working days`, `weeks`, `months` or "
        "`years`");
  CHECK(d.position.column == 29);
  CHECK(d.caret_width == 5);

  d = only_error("policy \"Camden\nevent visit\n");
  CHECK(d.message == "unterminated string: expected a closing `\"` on the same line");
  CHECK(d.position.line == 1);
  CHECK(d.position.column == 8);
  CHECK(d.caret_width == 7);

  d = only_error("rule R \"r\": visit every 6 weeks, every 3 months during cla\n");
  CHECK(d.message ==
        "expected `when` and a condition after `months`: every interval after the first says "
        "when it applies");

  d = only_error("period cp_plan from cp_plan_start\n");
  CHECK(d.message == "expected `until` and the event that ends the period after `cp_plan_start`");
  CHECK(d.position.column == 34);
}

TEST_CASE("every broken item is reported and the good ones still parse", "[grammar]") {
  const std::string text =
      "event visit has at_home\n"              // 1 good
      "evnt referral\n"                        // 2 broken: unknown declaration
      "  has urgent\n"                         // 3 (skipped)
      "event icpcc\n"                          // 4 good
      "rule T1 \"a\" visit before icpcc\n"     // 5 broken: no colon
      "\n"                                     // 6
      "rule T2 \"b\":\n"                       // 7 good
      "  visit within 5 days after icpcc\n"    // 8
      "rule T3 \"c\":\n"                       // 9 broken: no duration
      "  visit within days after icpcc\n"      // 10
      "  # still T3's text\n"                  // 11
      "period plan from icpcc until visit\n";  // 12 good
  auto result = parse(text, "many.policy");
  REQUIRE(result.diagnostics.size() == 3);
  CHECK(result.diagnostics[0].position.line == 2);
  CHECK(result.diagnostics[0].position.column == 1);
  CHECK(result.diagnostics[1].position.line == 5);
  CHECK(result.diagnostics[1].position.column == 13);
  CHECK(result.diagnostics[1].message == "expected `:` after the rule name");
  CHECK(result.diagnostics[2].position.line == 10);
  CHECK(result.diagnostics[2].position.column == 16);
  CHECK(result.diagnostics[2].message ==
        "expected a duration such as `15 working days` after `within`");
  REQUIRE(result.file.items.size() == 4);
  CHECK(std::get<EventDecl>(result.file.items[0].kind).event.text == "visit");
  CHECK(std::get<EventDecl>(result.file.items[1].kind).event.text == "icpcc");
  CHECK(std::get<RuleDecl>(result.file.items[2].kind).id.text == "T2");
  CHECK(std::get<PeriodDecl>(result.file.items[3].kind).period.text == "plan");
  CHECK(duly::has_errors(result.diagnostics));
}

TEST_CASE("empty files, comment-only files, CRLF line ends", "[grammar]") {
  auto empty = parse("", "e.policy");
  CHECK(empty.diagnostics.empty());
  CHECK(empty.file.items.empty());

  auto comments = parse("# only\n\n# comments\n", "c.policy");
  CHECK(comments.diagnostics.empty());
  REQUIRE(comments.file.final_comments.size() == 2);
  CHECK(!comments.file.blank_line_before_final_comments);
  CHECK(comments.file.final_comments[1].blank_line_before);

  auto crlf =
      parse("event visit has at_home # note\r\nrule R \"r\":\r\n  visit every 3 weeks during p\r\n",
            "w.policy");
  INFO(duly::render(crlf.diagnostics));
  REQUIRE(crlf.diagnostics.empty());
  REQUIRE(crlf.file.items.size() == 2);
  CHECK(crlf.file.items[0].trailing_comments.at(0).text == "# note");
  CHECK(crlf.file.items[1].last_line == 3);
}

TEST_CASE("where the caret goes when something is missing", "[grammar]") {
  // At the end of the text: just after the last token.
  auto d = only_error("rule R \"r\": visit every 3 weeks during");
  CHECK(d.message == "expected a period name after `during`");
  CHECK(d.position.column == 39);

  // A wrong token on the next line is pointed at where it is.
  d = only_error("rule R \"r\":\n  15 days\n");
  CHECK(d.message == "expected an event name or `each` to start the rule after `:`");
  CHECK(d.position.line == 2);
  CHECK(d.position.column == 3);

  // An item cut short by the next declaration: just after its last token.
  auto result = parse("rule R \"r\":\nevent visit\n", "cut.policy");
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].position.line == 1);
  CHECK(result.diagnostics[0].position.column == 12);
  REQUIRE(result.file.items.size() == 1);
  CHECK(std::holds_alternative<EventDecl>(result.file.items[0].kind));

  d = only_error("rule R \"r\": each visit requires (a or b\n");
  CHECK(d.message == "expected `)` to close the condition after `b`");

  d = only_error("event visité\n");
  CHECK(
      d.message ==
      "expected an event name after `event`; names are made of the letters a to z, digits and `_`");
  CHECK(d.caret_width == 7);  // bytes
}

TEST_CASE("recovery stops at a line in the first column, so a misspelt keyword is reported",
          "[grammar]") {
  auto result = parse(
      "event visit\n"
      "rule R \"r\":\n"
      "  visit withn 3 days after visit\n"
      "evnt foo\n"
      "event referral\n",
      "recover.policy");
  REQUIRE(result.diagnostics.size() == 2);
  CHECK(result.diagnostics[0].position.line == 3);
  CHECK(result.diagnostics[1].position.line == 4);
  CHECK(result.diagnostics[1].position.column == 1);
  CHECK(result.diagnostics[1].message.ends_with("did you mean `event`?"));
  // The good declarations on either side still parse.
  CHECK(result.file.items.size() == 2);
}

TEST_CASE("time in a period: the operand, `since age`, and a length of time",
          "[grammar][time-in]") {
  auto result = parse(
      "period care_leaver from ceased_looked_after until age 25 when age >= 16 years and "
      "time in cla since age 14 >= 13 weeks\n",
      "inline.policy");
  INFO(duly::render(result.diagnostics));
  REQUIRE(result.diagnostics.empty());
  const auto& period = std::get<PeriodDecl>(result.file.items.at(0).kind);
  REQUIRE(period.when);
  REQUIRE(period.when->kind == Condition::Kind::all_of);
  const Condition& time = period.when->children.at(1);
  CHECK(time.kind == Condition::Kind::compare);
  CHECK(time.operand.kind == Operand::Kind::time_in);
  CHECK(time.operand.name.text == "cla");
  CHECK(time.operand.name.position.column == 91);
  CHECK(time.operand.since_age == 14);
  CHECK(time.op == CompareOp::greater_equal);
  CHECK(time.values.empty());
  REQUIRE(time.length);
  CHECK(time.length->amount == 13);
  CHECK(time.length->unit == TimeUnit::weeks);
  CHECK(time.position.column == 83);

  // Without `since`, every operator, in a rule's `when` and inside `not (...)`.
  auto body = rule_body(
      "rule R \"r\": visit within 5 days after referral when not (time in cla < "
      "10 days or time in cla != 1 day)\n");
  REQUIRE(body.when);
  const Condition& inner = body.when->children.at(0);
  REQUIRE(inner.kind == Condition::Kind::any_of);
  CHECK_FALSE(inner.children[0].operand.since_age);
  CHECK(inner.children[0].op == CompareOp::less);
  CHECK(inner.children[0].length->amount == 10);
  CHECK(inner.children[1].op == CompareOp::not_equal);
  CHECK(inner.children[1].length->singular);

  // The grammar takes months (the checker rejects them, with a message about lengths).
  body =
      rule_body("rule R \"r\": visit within 5 days after referral when time in cla > 3 months\n");
  CHECK(body.when->length->unit == TimeUnit::months);
}

TEST_CASE("time in: what a broken one gets", "[grammar][time-in]") {
  auto d = only_error("rule R \"r\": visit within 5 days after referral when time cla > 3 days\n");
  CHECK(d.message == "expected `in` and a period after `time`, as in `time in cla >= 13 weeks`");
  CHECK(d.position.column == 58);

  d = only_error("rule R \"r\": visit within 5 days after referral when time in > 3 days\n");
  CHECK(d.message == "expected a period name after `time in`");
  CHECK(d.position.column == 61);

  d = only_error("rule R \"r\": visit within 5 days after referral when time in Cla > 3 days\n");
  CHECK(d.message ==
        "expected a period name after `time in`; names are lower case: write `cla`, not `Cla`");

  d = only_error(
      "rule R \"r\": visit within 5 days after referral when time in cla since 14 > 3 days\n");
  CHECK(d.message == "expected `age` after `since`, as in `since age 14`");
  CHECK(d.position.column == 71);

  d = only_error("rule R \"r\": visit within 5 days after referral when time in cla\n");
  CHECK(d.message == "expected a comparison such as `>= 13 weeks` after `cla`");
  CHECK(duly::render(d) ==
        "bad.policy:1:64: error: expected a comparison such as `>= 13 weeks` after `cla`\n"
        "  rule R \"r\": visit within 5 days after referral when time in cla\n"
        "  " +
            std::string(63, ' ') + "^\n");

  d = only_error("rule R \"r\": visit within 5 days after referral when time in cla >= 13\n");
  CHECK(d.message ==
        "expected a unit of time after `13`: `days`, `working days`, `weeks`, `months` or "
        "`years`");

  d = only_error("rule R \"r\": visit within 5 days after referral when time in cla >= \"13\"\n");
  CHECK(d.message == "expected a length of time such as `13 weeks` after `>=`");

  d = only_error("event time\n");
  CHECK(d.message ==
        "expected an event name after `event`; `time` is a keyword and cannot be a name");
}

TEST_CASE("indicators: `indicator ID \"NAME\": P repeated within D`", "[grammar][indicator]") {
  auto result = parse(
      "indicator T51 \"Repeat child protection plan within 2 years\":\n"
      "  cp_plan repeated within 2 years  # a comment\n"
      "indicator R2 \"one line\": cp_plan repeated within 1 week\n",
      "inline.policy");
  INFO(duly::render(result.diagnostics));
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.file.items.size() == 2);
  const auto& t51 = std::get<IndicatorDecl>(result.file.items[0].kind);
  CHECK(t51.id.text == "T51");
  CHECK(t51.id.position.column == 11);
  CHECK(t51.name == "Repeat child protection plan within 2 years");
  CHECK(t51.period.text == "cp_plan");
  CHECK(t51.period.position.line == 2);
  CHECK(t51.body_position.line == 2);
  CHECK(t51.within.amount == 2);
  CHECK(t51.within.unit == TimeUnit::years);
  CHECK(result.file.items[0].trailing_comments.size() == 1);
  const auto& r2 = std::get<IndicatorDecl>(result.file.items[1].kind);
  CHECK(r2.within.unit == TimeUnit::weeks);
  CHECK(r2.within.singular);

  auto d = only_error("indicator \"Repeat\": cp_plan repeated within 2 years\n");
  CHECK(d.message == "expected an indicator id such as `T51` after `indicator`");
  d = only_error("indicator T51: cp_plan repeated within 2 years\n");
  CHECK(d.message == "expected a quoted indicator name after `indicator T51`");
  d = only_error("indicator T51 \"Repeat\"\n  cp_plan repeated within 2 years\n");
  CHECK(d.message == "expected `:` after the indicator name");
  CHECK(d.position.line == 1);
  CHECK(d.position.column == 23);
  d = only_error("indicator T51 \"Repeat\": repeated within 2 years\n");
  CHECK(d.message ==
        "expected a period name after `:`, as in `cp_plan repeated within 2 years`; `repeated` is "
        "a keyword and cannot be a name");
  d = only_error("indicator T51 \"Repeat\": cp_plan repeatd within 2 years\n");
  CHECK(d.message ==
        "expected `repeated within` and a duration after `cp_plan`, as in `cp_plan repeated "
        "within 2 years`; did you mean `repeated`?");
  d = only_error("indicator T51 \"Repeat\": cp_plan repeated in 2 years\n");
  CHECK(d.message == "expected `within` after `repeated`");
  d = only_error("indicator T51 \"Repeat\": cp_plan repeated within years\n");
  CHECK(d.message == "expected a duration such as `15 working days` after `within`");
  d = only_error("indicatr T51 \"Repeat\": cp_plan repeated within 2 years\n");
  CHECK(d.message.ends_with("did you mean `indicator`?"));
  d = only_error("indicator T51 \"Repeat\": cp_plan repeated within 2 years during cla\n");
  CHECK(d.message == "unexpected `during` after the end of the indicator");
}

TEST_CASE("conditions nested too deep for the stack are one error, not a crash", "[grammar]") {
  auto nested = [](int parens, int nots) {
    return "rule R \"x\":\n  b within 3 days after a where " + std::string(parens, '(') +
           [&] {
             std::string s;
             for (int i = 0; i < nots; ++i) s += "not ";
             return s;
           }() +
           "x" + std::string(parens, ')') + "\n";
  };
  CHECK(parse(nested(60, 40), "deep.policy").diagnostics.empty());
  auto parens = parse(nested(2000, 0), "deep.policy");
  REQUIRE(parens.diagnostics.size() == 1);
  CHECK(parens.diagnostics[0].message ==
        "conditions nested more than 100 deep (in parentheses and `not`s); write the condition "
        "flatter");
  CHECK(parens.diagnostics[0].position.line == 2);
  CHECK(parens.diagnostics[0].position.column == 33 + 100);  // the 101st parenthesis
  auto nots = parse(nested(0, 20000), "deep.policy");
  REQUIRE(nots.diagnostics.size() == 1);
  CHECK(nots.diagnostics[0].position.column == 33 + 4 * 100);  // the 101st `not`
  // Parentheses and `not`s in strings and comments do not count.
  CHECK(parse("# " + std::string(300, '(') + "\nrule R \"" + std::string(300, '(') +
                  "\":\n  b within 3 days after a\n",
              "deep.policy")
            .diagnostics.empty());
}

TEST_CASE("error recovery always moves forward: a string broken by a lone CR", "[grammar]") {
  // Found by fuzzing: the grammar ends a string at CR, the scanner of strings ended them only at
  // LF, so the second item's broken string was taken for the first's, on line 1, and parsing
  // resumed where it started, for ever.
  const auto result = parse("\"ab\nrule R \"\r\"", "cr.policy");
  REQUIRE(result.diagnostics.size() == 2);
  CHECK(result.diagnostics[1].message ==
        "unterminated string: expected a closing `\"` on the same line");
  CHECK(result.diagnostics[1].position.line == 2);
  CHECK(result.diagnostics[1].position.column == 8);
  // Other shapes of the same disagreement end too, each with its errors.
  for (const std::string text : {"\"ab\npolicy \"x\ry\"", "policy \"\r\"\r\nrule \"\r",
                                 "\"\r\"\r\"\n\"\r", "rule R \"a\\\r\":\n"}) {
    INFO(text);
    CHECK(!parse(text, "cr.policy").diagnostics.empty());
  }
}
