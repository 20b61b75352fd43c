// Comparing two policies on one reading of the data (duly/policy_diff.hpp, docs/cli.md `duly
// diff`): obligations paired by rule id, trigger event and trigger date, the k-th with the k-th
// among equal keys; changes (another due date or status, or one side only); a case that one
// policy's timeline lacks; the counts per rule id (the union, sorted), per group, and of the
// changed cases; the change in percentage points; the run description of two policies; and the
// CSV and JSON Lines rows.
#include <duly/collected_timeline.hpp>
#include <duly/load.hpp>
#include <duly/policy_diff.hpp>
#include <duly/sources.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

using namespace duly;

namespace {

Date day(const char* iso) { return *parse_iso_date(iso); }

std::shared_ptr<const Policy> policy(const std::string& text) {
  auto loaded = load_policy_text(text, "test.policy");
  INFO(render(loaded.diagnostics));
  REQUIRE(loaded.policy);
  return loaded.policy;
}

// A policy named `name` on the England and Wales calendar: its declarations and rules as given.
std::shared_ptr<const Policy> policy_of(const std::string& name, const std::string& body) {
  return policy("policy \"" + name + "\"\ncalendar england_and_wales\n" + body);
}

const std::string fifteen_days =
    "policy \"Fifteen\"\ncalendar england_and_wales\n"
    "event strategy_discussion\nevent icpcc\nevent visit\nevent minutes\n"
    "rule D1 \"ICPCC\":\n  icpcc within 15 working days after strategy_discussion\n"
    "rule M1 \"Minutes\":\n  minutes within 2 days after strategy_discussion\n"
    "rule V1 \"Visit\":\n  visit within 5 working days after strategy_discussion\n";
const std::string ten_days =
    "policy \"Ten\"\ncalendar england_and_wales\n"
    "event strategy_discussion\nevent icpcc\nevent visit\n"
    "rule V1 \"Visit\":\n  visit within 5 working days after strategy_discussion\n"
    "rule D1 \"ICPCC in ten\":\n  icpcc within 10 working days after strategy_discussion\n"
    "rule A1 \"Visit after the ICPCC\":\n  visit within 10 days after icpcc\n";

// One reading ("C1 visit 2024-03-01" lines, "C1 visit 2024-03-01 2024-03-04" when recorded), a
// timeline per policy, compared on 2024-06-30.
struct Comparison {
  std::shared_ptr<const Policy> old_policy, new_policy;
  Timeline old_timeline, new_timeline;
  PolicyDiff diff;
  std::vector<std::string> rows;  // the CSV report's rows, header first

  Comparison(std::shared_ptr<const Policy> o, std::shared_ptr<const Policy> n,
             const std::vector<std::string>& events, DiffSettings settings = {},
             const std::vector<std::string>& teams = {})
      : old_policy(std::move(o)),
        new_policy(std::move(n)),
        diff(*old_policy, *new_policy, settings) {
    CollectedTimeline read;
    for (const auto& team : teams) {  // "C1 north"
      const std::string id = team.substr(0, team.find(' ')),
                        value = team.substr(team.find(' ') + 1);
      const std::pair<std::string_view, std::string_view> attribute{"team", value};
      read.add_case({id, std::nullopt, {&attribute, 1}, {}});
    }
    for (const auto& line : events) {  // case, type, date, and the day recorded if any
      std::istringstream words(line);
      std::string id, type, date, recorded;
      words >> id >> type >> date >> recorded;
      read.add_event({id,
                      type,
                      day(date.c_str()),
                      recorded.empty() ? std::nullopt : std::optional(day(recorded.c_str())),
                      {},
                      {}});
    }
    old_timeline = build(read, old_policy);
    new_timeline = build(read, new_policy);
    Evaluator old_evaluator(old_policy, day("2024-06-30")),
        new_evaluator(new_policy, day("2024-06-30"));
    std::ostringstream csv;
    auto writer = make_policy_diff_writer(ReportFormat::csv, diff, {}, {}, csv);
    diff_timelines(old_timeline, old_evaluator, new_timeline, new_evaluator, diff, *writer);
    writer->finish();
    std::istringstream lines(csv.str());
    for (std::string row; std::getline(lines, row);) rows.push_back(row);
  }

  static Timeline build(const CollectedTimeline& read, std::shared_ptr<const Policy> policy) {
    TimelineBuilder builder(std::move(policy));
    ReadReport report;
    read.replay(builder, report);
    return builder.finish();
  }

  const RuleDiff& rule(const std::string& id) const {
    for (const auto& r : diff.rules())
      if (r.id == id) return r;
    FAIL("no rule " << id);
    return diff.rules().front();
  }
};

}  // namespace

TEST_CASE("obligations pair by rule id, trigger event and trigger date; changes are rows",
          "[policy_diff]") {
  // 2024-03-25 plus 10 working days crosses Easter (29 March, 1 April): due 2024-04-10, and
  // 2024-04-17 with 15.
  Comparison c(policy(fifteen_days), policy(ten_days),
               {"A1 strategy_discussion 2024-03-25", "A1 minutes 2024-03-26", "A1 visit 2024-03-27",
                "A1 icpcc 2024-04-12"});
  CHECK(c.rows ==
        std::vector<std::string>{
            "case_id,rule,trigger_event,trigger_date,old_due,old_status,new_due,new_status",
            "A1,A1,icpcc,2024-04-12,,,2024-04-22,missed",
            "A1,D1,strategy_discussion,2024-03-25,2024-04-17,met,2024-04-10,late",
            "A1,M1,strategy_discussion,2024-03-25,2024-03-27,met,,",
        });
  CHECK(c.diff.cases() == 1);
  CHECK(c.diff.old_obligations() == 3);
  CHECK(c.diff.new_obligations() == 3);
  CHECK(c.diff.changed() == 3);  // V1 is the same under both: no row

  // Every rule id of either policy, sorted as text; NEW's name where NEW has the rule.
  std::vector<std::string> ids;
  for (const auto& r : c.diff.rules()) ids.push_back(r.id);
  CHECK(ids == std::vector<std::string>{"A1", "D1", "M1", "V1"});
  CHECK(c.rule("A1").in_new);
  CHECK_FALSE(c.rule("A1").in_old);
  CHECK(c.rule("M1").in_old);
  CHECK_FALSE(c.rule("M1").in_new);
  CHECK(c.rule("D1").name == "ICPCC in ten");
  CHECK(c.rule("M1").name == "Minutes");
  CHECK(c.rule("D1").totals.old_counts.met == 1);
  CHECK(c.rule("D1").totals.new_counts.late == 1);
  CHECK(c.rule("D1").totals.changed == 1);
  CHECK(c.rule("V1").totals.changed == 0);

  // The changed case, with its changes in the rows' order.
  REQUIRE(c.diff.changed_cases().size() == 1);
  const ChangedCase& a1 = c.diff.changed_cases()[0];
  CHECK(a1.id == "A1");
  CHECK(a1.changed == 3);
  REQUIRE(a1.first_changes.size() == 3);
  CHECK(a1.first_changes[1].rule == "D1");
  CHECK(a1.first_changes[1].trigger_event == "strategy_discussion");
  CHECK(a1.first_changes[1].old_due == day("2024-04-17"));
  CHECK(a1.first_changes[1].new_status == Status::late);
  CHECK_FALSE(a1.first_changes[2].new_due);
  CHECK(no_differences_text(c.diff).empty());
}

TEST_CASE("the k-th obligation of a key under OLD pairs with the k-th under NEW", "[policy_diff]") {
  // Two visits on one day give two W1 obligations with one key: the one recorded the next day
  // comes first in report order (by fulfilment), the one recorded 4 days later second, under
  // both policies. Paired in that order, each keeps its status and only the due date changes.
  const auto old_policy =
      policy_of("Old", "event visit\nrule W1 \"Visits\":\n  each visit recorded within 3 days\n");
  const auto new_policy =
      policy_of("New", "event visit\nrule W1 \"Visits\":\n  each visit recorded within 2 days\n");
  const std::vector<std::string> visits = {"B1 visit 2024-05-01 2024-05-05",
                                           "B1 visit 2024-05-01 2024-05-02"};
  Comparison c(old_policy, new_policy, visits);
  CHECK(c.rows ==
        std::vector<std::string>{
            "case_id,rule,trigger_event,trigger_date,old_due,old_status,new_due,new_status",
            "B1,W1,visit,2024-05-01,2024-05-04,met,2024-05-03,met",
            "B1,W1,visit,2024-05-01,2024-05-04,late,2024-05-03,late",
        });

  // Against itself: nothing changes, and the text says so.
  Comparison same(old_policy, old_policy, visits);
  CHECK(same.rows.size() == 1);  // the header
  CHECK(same.diff.changed() == 0);
  CHECK(same.diff.changed_case_count() == 0);
  CHECK(no_differences_text(same.diff) ==
        "no differences: the 2 obligations of 1 case have the same due dates and statuses under "
        "both policies");
}

TEST_CASE("a case one policy's timeline lacks has no obligations there", "[policy_diff]") {
  // C2's only events are minutes, which NEW does not declare: NEW's timeline has no C2.
  Comparison c(policy(fifteen_days), policy(ten_days),
               {"C1 visit 2024-03-01", "C2 minutes 2024-03-01", "C3 strategy_discussion 2024-06-03",
                "C3 visit 2024-06-04"});
  CHECK(c.old_timeline.cases().size() == 3);
  CHECK(c.new_timeline.cases().size() == 2);
  CHECK(c.diff.cases() == 3);
  // C2 has no obligations under either (minutes follow a strategy discussion), so no rows; C3's
  // D1 is pending under 15 days and missed under 10 (2024-06-17).
  CHECK(c.rows ==
        std::vector<std::string>{
            "case_id,rule,trigger_event,trigger_date,old_due,old_status,new_due,new_status",
            "C3,D1,strategy_discussion,2024-06-03,2024-06-24,missed,2024-06-17,missed",
            "C3,M1,strategy_discussion,2024-06-03,2024-06-05,missed,,",
        });
}

TEST_CASE("PolicyDiff refuses cases that are not one case under both policies", "[policy_diff]") {
  Comparison c(policy(fifteen_days), policy(ten_days),
               {"C1 visit 2024-03-01", "C2 visit 2024-03-01"});
  PolicyDiff diff(*c.old_policy, *c.new_policy);
  CHECK_THROWS_AS(diff.add_case({&c.old_timeline, 0, {}}, {&c.new_timeline, 1, {}}),
                  std::invalid_argument);
  CHECK_THROWS_AS(diff.add_case({}, {}), std::invalid_argument);
  // Timelines swapped: each was built for the other policy.
  CHECK_THROWS_AS(diff.add_case({&c.new_timeline, 0, {}}, {&c.old_timeline, 0, {}}),
                  std::invalid_argument);
  CHECK(diff.add_case({&c.old_timeline, 0, {}}, {}).case_id == "C1");
}

TEST_CASE("groups: each side under its own due month, the change under NEW's", "[policy_diff]") {
  // A1's strategy discussion on 2024-04-24: 15 working days fall in May (2024-05-16, past the
  // bank holiday of 6 May), 3 in April (2024-04-29). B2's on 2024-04-05: both in April.
  auto icpcc_within = [](const std::string& days) {
    return policy_of(
        days, "event strategy_discussion\nevent icpcc\nrule D1 \"ICPCC\":\n  icpcc within " + days +
                  " working days after strategy_discussion\n");
  };
  DiffSettings settings;
  settings.by = {"team", "month"};
  Comparison c(icpcc_within("15"), icpcc_within("3"),
               {"A1 strategy_discussion 2024-04-24", "A1 icpcc 2024-05-10",
                "B2 strategy_discussion 2024-04-05", "B2 icpcc 2024-04-08"},
               settings, {"A1 north", "B2 south"});
  const auto& groups = c.rule("D1").groups;
  REQUIRE(groups.size() == 3);
  auto group = [&](const std::string& team, const std::string& month) -> const RuleDiffCounts& {
    auto found = groups.find(team + '\x1f' + month);
    REQUIRE(found != groups.end());
    return found->second;
  };
  // A1: met by 2024-05-16 under OLD, late for 2024-04-29 under NEW, the change in April.
  CHECK(group("north", "2024-05").old_counts.met == 1);
  CHECK(group("north", "2024-05").new_counts.counted() == 0);
  CHECK(group("north", "2024-05").changed == 0);
  CHECK(group("north", "2024-04").old_counts.counted() == 0);
  CHECK(group("north", "2024-04").new_counts.late == 1);
  CHECK(group("north", "2024-04").changed == 1);
  // B2: met under both, by 2024-04-26 and by 2024-04-10: a change of due date.
  CHECK(group("south", "2024-04").old_counts.met == 1);
  CHECK(group("south", "2024-04").new_counts.met == 1);
  CHECK(group("south", "2024-04").changed == 1);
  CHECK(c.rule("D1").totals.changed == 2);
}

TEST_CASE("the changed cases kept are the first ones, each with its first changes",
          "[policy_diff]") {
  DiffSettings settings;
  settings.cases_kept = 2;
  settings.changes_kept = 1;
  Comparison c(policy(fifteen_days), policy(ten_days),
               {"A1 strategy_discussion 2024-03-25", "B2 strategy_discussion 2024-03-25",
                "C3 strategy_discussion 2024-03-25"},
               settings);
  CHECK(c.diff.changed_case_count() == 3);
  REQUIRE(c.diff.changed_cases().size() == 2);
  CHECK(c.diff.changed_cases()[1].id == "B2");
  CHECK(c.diff.changed_cases()[1].changed == 2);  // D1 and M1 (V1: missed under both)
  CHECK(c.diff.changed_cases()[1].first_changes.size() == 1);
}

TEST_CASE("the change in compliance is the difference of the printed percentages",
          "[policy_diff]") {
  StatusCounts before, after;
  CHECK(compliance_change_text(before, after) == "-");
  before.met = 2;
  before.late = 1;  // 66.7%
  CHECK(compliance_change_text(before, after) == "-");
  after.met = 1;
  after.missed = 2;  // 33.3%
  CHECK(compliance_change_text(before, after) == "-33.4 pp");
  CHECK(compliance_change_text(after, before) == "+33.4 pp");
  CHECK(compliance_change_text(before, before) == "0.0 pp");
}

TEST_CASE("the run of a comparison names both policies and says what they disagree on",
          "[policy_diff]") {
  RunDescription old_run{"Old", "old.policy",        day("2024-06-30"),
                         false, "england_and_wales", {{"events.csv", 12, 1}}};
  RunDescription new_run = old_run;
  new_run.policy_name = "New";
  new_run.policy_file = "new.policy";
  CHECK(render_run_description(old_run, new_run) ==
        "old       Old (old.policy)\n"
        "new       New (new.policy)\n"
        "as of     2024-06-30\n"
        "counting  trigger day not counted\n"
        "calendar  england_and_wales\n"
        "input     events.csv (12 rows, 1 rejected)\n");
  new_run.count_trigger_day = true;
  new_run.calendar = "closed_one_monday";
  const std::string text = render_run_description(old_run, new_run);
  CHECK(text.find("counting  old: trigger day not counted; new: trigger day counted as day 1\n") !=
        std::string::npos);
  CHECK(text.find("calendar  old: england_and_wales; new: closed_one_monday\n") !=
        std::string::npos);
}

TEST_CASE("the JSON Lines rows have the CSV's keys, null where the CSV is empty", "[policy_diff]") {
  Comparison c(policy(fifteen_days), policy(ten_days),
               {"A,1 strategy_discussion 2024-03-25", "A,1 icpcc 2024-04-12"});
  CHECK(c.rows.at(1).rfind("\"A,1\",A1,icpcc,", 0) == 0);  // quoted as RFC 4180 wants

  std::ostringstream out;
  PolicyDiff diff(*c.old_policy, *c.new_policy);
  auto writer = make_policy_diff_writer(ReportFormat::json_lines, diff, {}, {}, out);
  Evaluator old_evaluator(c.old_policy, day("2024-06-30")),
      new_evaluator(c.new_policy, day("2024-06-30"));
  diff_timelines(c.old_timeline, old_evaluator, c.new_timeline, new_evaluator, diff, *writer);
  writer->finish();
  std::istringstream lines(out.str());
  std::vector<nlohmann::json> rows;
  for (std::string line; std::getline(lines, line);) rows.push_back(nlohmann::json::parse(line));
  REQUIRE(rows.size() == c.rows.size() - 1);
  // The keys in the CSV's order (nlohmann::json sorts them, so the text is compared).
  CHECK(out.str().rfind(
            "{\"case_id\":\"A,1\",\"rule\":\"A1\",\"trigger_event\":\"icpcc\",\"trigger_date\":"
            "\"2024-04-12\",\"old_due\":null,\"old_status\":null,\"new_due\":\"2024-04-22\","
            "\"new_status\":\"missed\"}\n",
            0) == 0);
  CHECK(rows[2]["new_due"].is_null());
  CHECK(rows[2]["old_status"] == "missed");
}
