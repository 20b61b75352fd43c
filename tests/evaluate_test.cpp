// The evaluation engine against the readings of docs/language.md (readings 1 to 21) and
// the team's readings for `between` and `every N visits` (docs/language.md). Each test names
// the reading it pins; dates were worked out by hand against the 2024 bank holidays
// (Good Friday 29 Mar, Easter Monday 1 Apr, 6 May, 27 May, 26 Aug, 25 and 26 Dec).
#include "tests/support/evaluate_harness.hpp"

#include <catch2/catch.hpp>

#include <thread>

using duly::testing::evaluate_text;
using Lines = std::vector<std::string>;

namespace {

const std::string vocabulary = R"(
policy "engine tests"
calendar england_and_wales
event concern
event strategy_discussion has outcome
event icpcc has outcome
event cp_report
event invitation
event core_group
event rcpcc
event midway_review
event visit has seen_alone, at_home, seen_awake, child_seen
event cp_plan_start
event cp_plan_end
event referral has urgent
event assessment_completed
event became_looked_after
event ceased_looked_after
event placement_start has permanent
event cla_review
event carer_approved
event care_plan
event pathway_plan
case has team
period cp_plan from cp_plan_start until cp_plan_end
period cla from became_looked_after until ceased_looked_after
)";

std::string policy_with(const std::string& rule) {
  return vocabulary + "\nrule R \"under test\":\n  " + rule + "\n";
}

Lines run(const std::string& rule, const Lines& events, const std::string& as_of,
          const Lines& cases = {}) {
  return evaluate_text(policy_with(rule), events, as_of, cases).lines();
}

const std::string t14 =
    "icpcc within 15 working days after strategy_discussion where outcome = \"s47\"";

}  // namespace

TEST_CASE("Deadline: met, late, missed and pending (readings 1, 3, 5, 6)", "[evaluate][deadline]") {
  // Monday 4 March 2024 + 15 working days = Monday 25 March.
  CHECK(run(t14, {"C1 strategy_discussion 2024-03-04 outcome=s47", "C1 icpcc 2024-03-22"},
            "2024-04-30") ==
        Lines{"R strategy_discussion 2024-03-04 2024-03-25 icpcc 2024-03-22 met -"});
  CHECK(run(t14, {"C1 strategy_discussion 2024-03-04 outcome=s47", "C1 icpcc 2024-03-25"},
            "2024-04-30") ==
        Lines{"R strategy_discussion 2024-03-04 2024-03-25 icpcc 2024-03-25 met -"});
  CHECK(run(t14, {"C1 strategy_discussion 2024-03-04 outcome=s47", "C1 icpcc 2024-03-27"},
            "2024-04-30") ==
        Lines{"R strategy_discussion 2024-03-04 2024-03-25 icpcc 2024-03-27 late 2"});
  CHECK(run(t14, {"C1 strategy_discussion 2024-03-04 outcome=s47"}, "2024-04-30") ==
        Lines{"R strategy_discussion 2024-03-04 2024-03-25 - - missed -"});
  // Across the early-May bank holiday: 22 April + 15 working days = 14 May.
  CHECK(run(t14, {"C1 strategy_discussion 2024-04-22 outcome=s47"}, "2024-04-30") ==
        Lines{"R strategy_discussion 2024-04-22 2024-05-14 - - pending -"});
}

TEST_CASE("Deadline: working days across Easter and from a weekend (reading 1)",
          "[evaluate][deadline][working-days]") {
  // Thursday 28 March 2024: Good Friday and Easter Monday are skipped, day 1 is Tuesday 2 April.
  CHECK(run(t14, {"C1 strategy_discussion 2024-03-28 outcome=s47"}, "2024-03-29") ==
        Lines{"R strategy_discussion 2024-03-28 2024-04-22 - - pending -"});
  // Saturday 9 March: Monday 11 March is day 1, so day 15 is Tuesday 2 April.
  CHECK(run(t14, {"C1 strategy_discussion 2024-03-09 outcome=s47"}, "2024-03-10") ==
        Lines{"R strategy_discussion 2024-03-09 2024-04-02 - - pending -"});
  CHECK(run("icpcc within 1 working day after strategy_discussion",
            {"C1 strategy_discussion 2024-03-09"},
            "2024-03-10") == Lines{"R strategy_discussion 2024-03-09 2024-03-11 - - pending -"});
}

TEST_CASE("Deadline: an X on T's own day is met, where filters T (reading 3)",
          "[evaluate][deadline]") {
  CHECK(run(t14, {"C1 strategy_discussion 2024-03-04 outcome=s47", "C1 icpcc 2024-03-04"},
            "2024-04-30") ==
        Lines{"R strategy_discussion 2024-03-04 2024-03-25 icpcc 2024-03-04 met -"});
  // Not an s47 outcome: no obligation. String comparison is case-sensitive (reading 14).
  CHECK(run(t14, {"C1 strategy_discussion 2024-03-04 outcome=nfa"}, "2024-04-30").empty());
  CHECK(run(t14, {"C1 strategy_discussion 2024-03-04 outcome=S47"}, "2024-04-30").empty());
  // `X where C within ...` filters X.
  CHECK(run("icpcc where outcome = \"plan\" within 15 working days after strategy_discussion",
            {"C1 strategy_discussion 2024-03-04", "C1 icpcc 2024-03-05 outcome=none",
             "C1 icpcc 2024-03-06 outcome=plan"},
            "2024-04-30") ==
        Lines{"R strategy_discussion 2024-03-04 2024-03-25 icpcc 2024-03-06 met -"});
  // One X fulfils several obligations; duplicate triggers each create one (reading 15).
  CHECK(run(t14,
            {"C1 strategy_discussion 2024-03-04 outcome=s47",
             "C1 strategy_discussion 2024-03-04 outcome=s47", "C1 icpcc 2024-03-20"},
            "2024-04-30") ==
        Lines{"R strategy_discussion 2024-03-04 2024-03-25 icpcc 2024-03-20 met -",
              "R strategy_discussion 2024-03-04 2024-03-25 icpcc 2024-03-20 met -"});
}

TEST_CASE("As-of cut: later events have not happened (readings 4 and 5)", "[evaluate][as-of]") {
  const Lines events{"C1 strategy_discussion 2024-03-04 outcome=s47", "C1 icpcc 2024-03-27"};
  // The ICPCC is after the as-of date: it fulfils nothing yet.
  CHECK(run(t14, events, "2024-03-20") ==
        Lines{"R strategy_discussion 2024-03-04 2024-03-25 - - pending -"});
  // Due on the as-of date: still pending; the day after: missed.
  CHECK(run(t14, events, "2024-03-25") ==
        Lines{"R strategy_discussion 2024-03-04 2024-03-25 - - pending -"});
  CHECK(run(t14, events, "2024-03-26") ==
        Lines{"R strategy_discussion 2024-03-04 2024-03-25 - - missed -"});
  // An event dated on the as-of date has happened.
  CHECK(run(t14, events, "2024-03-27") ==
        Lines{"R strategy_discussion 2024-03-04 2024-03-25 icpcc 2024-03-27 late 2"});
  // A trigger after the as-of date creates nothing.
  CHECK(run(t14, {"C1 strategy_discussion 2024-05-01 outcome=s47"}, "2024-04-30").empty());
}

TEST_CASE("Months never snap to month ends (reading 2)", "[evaluate][months]") {
  CHECK(run("rcpcc within 1 month after icpcc", {"C1 icpcc 2024-01-31", "C1 rcpcc 2024-03-01"},
            "2024-06-01") == Lines{"R icpcc 2024-01-31 2024-02-29 rcpcc 2024-03-01 late 1"});
  CHECK(run("rcpcc within 3 months after icpcc", {"C1 icpcc 2023-11-30"}, "2023-12-01") ==
        Lines{"R icpcc 2023-11-30 2024-02-29 - - pending -"});
  CHECK(run("rcpcc within 1 year after icpcc", {"C1 icpcc 2024-02-29"}, "2024-03-01") ==
        Lines{"R icpcc 2024-02-29 2025-02-28 - - pending -"});
  // A chain of monthly gaps: each computed from the actual previous X.
  CHECK(run("rcpcc every 1 month during cp_plan",
            {"C1 cp_plan_start 2024-01-31", "C1 rcpcc 2024-02-29", "C1 rcpcc 2024-03-29"},
            "2024-04-01") == Lines{"R cp_plan_start 2024-01-31 2024-02-29 rcpcc 2024-02-29 met -",
                                   "R rcpcc 2024-02-29 2024-03-29 rcpcc 2024-03-29 met -",
                                   "R rcpcc 2024-03-29 2024-04-29 - - pending -"});
}

TEST_CASE("Deadline with during: instance, lapse and age triggers (readings 8, 16)",
          "[evaluate][deadline][during]") {
  const std::string rule = "pathway_plan within 3 months after age 16 during cla";
  const Lines cases{"C1 dob=2008-05-10"};
  CHECK(run(rule, {"C1 became_looked_after 2023-01-01", "C1 pathway_plan 2024-07-01"}, "2024-12-01",
            cases) == Lines{"R age 16 2024-05-10 2024-08-10 pathway_plan 2024-07-01 met -"});
  CHECK(run(rule, {"C1 became_looked_after 2023-01-01", "C1 pathway_plan 2024-09-01"}, "2024-12-01",
            cases) == Lines{"R age 16 2024-05-10 2024-08-10 pathway_plan 2024-09-01 late 22"});
  CHECK(run(rule, {"C1 became_looked_after 2023-01-01"}, "2024-12-01", cases) ==
        Lines{"R age 16 2024-05-10 2024-08-10 - - missed -"});
  CHECK(run(rule, {"C1 became_looked_after 2023-01-01"}, "2024-06-01", cases) ==
        Lines{"R age 16 2024-05-10 2024-08-10 - - pending -"});
  // The period ended before the due date, unmet: lapsed; an X after it does not count.
  CHECK(run(rule,
            {"C1 became_looked_after 2023-01-01", "C1 ceased_looked_after 2024-06-01",
             "C1 pathway_plan 2024-07-01"},
            "2024-12-01", cases) == Lines{"R age 16 2024-05-10 2024-08-10 - - lapsed -"});
  // Entered care at 17: the 16th birthday lies outside every instance and creates nothing.
  CHECK(run(rule, {"C1 became_looked_after 2025-06-01"}, "2025-12-01", cases).empty());
  // The birthday is after the as-of date: nothing yet. No date of birth: nothing.
  CHECK(run(rule, {"C1 became_looked_after 2023-01-01"}, "2024-05-09", cases).empty());
  CHECK(run(rule, {"C1 became_looked_after 2023-01-01"}, "2024-12-01").empty());
}

TEST_CASE("Deadline `when` is tested on T's day and does not cut the time (reading 8)",
          "[evaluate][deadline][when]") {
  const std::string rule = "core_group within 10 days after icpcc when age < 5 years";
  // Aged 4 on the ICPCC; turns 5 before the core group, which still counts.
  CHECK(run(rule, {"C1 icpcc 2024-03-01", "C1 core_group 2024-03-08"}, "2024-04-01",
            {"C1 dob=2019-03-05"}) ==
        Lines{"R icpcc 2024-03-01 2024-03-11 core_group 2024-03-08 met -"});
  // Aged 5 on the ICPCC: not selected; without a date of birth `age` conditions are false.
  CHECK(run(rule, {"C1 icpcc 2024-03-05"}, "2024-04-01", {"C1 dob=2019-03-05"}).empty());
  CHECK(run(rule, {"C1 icpcc 2024-03-05"}, "2024-04-01").empty());
  // Case attributes in `when`.
  CHECK(run("core_group within 10 days after icpcc when team = \"north\"",
            {"C1 icpcc 2024-03-01", "C2 icpcc 2024-03-01"}, "2024-03-05",
            {"C1 team=north", "C2 team=south"})
            .size() == 1);
}

TEST_CASE("`or earlier` accepts an X before T, after the previous T (reading 18)",
          "[evaluate][deadline][or-earlier]") {
  const std::string rule = "care_plan within 10 working days after became_looked_after or earlier";
  CHECK(run(rule, {"C1 care_plan 2024-02-20", "C1 became_looked_after 2024-03-01"}, "2024-06-01") ==
        Lines{"R became_looked_after 2024-03-01 2024-03-15 care_plan 2024-02-20 met -"});
  // The second T may only use X after the first T.
  CHECK(run(rule,
            {"C1 care_plan 2024-02-20", "C1 became_looked_after 2024-03-01",
             "C1 became_looked_after 2024-06-03"},
            "2024-07-01") ==
        Lines{"R became_looked_after 2024-03-01 2024-03-15 care_plan 2024-02-20 met -",
              "R became_looked_after 2024-06-03 2024-06-17 - - missed -"});
  // Without `or earlier` the earlier care plan does not count.
  CHECK(run("care_plan within 10 working days after became_looked_after",
            {"C1 care_plan 2024-02-20", "C1 became_looked_after 2024-03-01"},
            "2024-06-01") == Lines{"R became_looked_after 2024-03-01 2024-03-15 - - missed -"});
}

TEST_CASE("first and second (reading 17)", "[evaluate][ordinal]") {
  const Lines reviews{"C1 cla_review 2024-01-10", "C1 cla_review 2024-04-05",
                      "C1 cla_review 2024-09-01"};
  CHECK(run("second cla_review within 3 months after first cla_review", reviews, "2024-12-01") ==
        Lines{"R cla_review 2024-01-10 2024-04-10 cla_review 2024-04-05 met -"});
  CHECK(run("second cla_review within 3 months after first cla_review",
            {"C1 cla_review 2024-01-10", "C1 cla_review 2024-05-01"}, "2024-12-01") ==
        Lines{"R cla_review 2024-01-10 2024-04-10 cla_review 2024-05-01 late 21"});
  // `first X` with `during`: the earliest inside each instance.
  CHECK(run("core_group within 10 days after first icpcc during cp_plan",
            {"C1 cp_plan_start 2024-01-01", "C1 icpcc 2024-01-05", "C1 icpcc 2024-01-20",
             "C1 cp_plan_end 2024-02-01", "C1 cp_plan_start 2024-06-01", "C1 icpcc 2024-06-03",
             "C1 core_group 2024-06-05"},
            "2024-12-01") == Lines{"R icpcc 2024-01-05 2024-01-15 - - missed -",
                                   "R icpcc 2024-06-03 2024-06-13 core_group 2024-06-05 met -"});
}

TEST_CASE("Periods: instances, END day inside, several instances (reading 7)",
          "[evaluate][period]") {
  const std::string rule = "each visit during cp_plan requires seen_alone";
  // The END day is inside; a START while open opens nothing; END with none open is ignored.
  CHECK(run(rule,
            {"C1 cp_plan_end 2024-01-01", "C1 cp_plan_start 2024-01-10",
             "C1 cp_plan_start 2024-01-15", "C1 visit 2024-01-20 seen_alone=true",
             "C1 cp_plan_end 2024-02-01", "C1 visit 2024-02-01 seen_alone=no",
             "C1 visit 2024-02-02 seen_alone=yes", "C1 cp_plan_start 2024-03-01",
             "C1 visit 2024-03-02 seen_alone=Y"},
            "2024-04-01") == Lines{"R visit 2024-01-20 2024-01-20 visit 2024-01-20 met -",
                                   "R visit 2024-02-01 2024-02-01 - - missed -",
                                   "R visit 2024-03-02 2024-03-02 visit 2024-03-02 met -"});
  // START and END on one day: a one-day instance.
  CHECK(run(rule,
            {"C1 cp_plan_start 2024-01-10", "C1 cp_plan_end 2024-01-10",
             "C1 visit 2024-01-10 seen_alone=1", "C1 visit 2024-01-11 seen_alone=1"},
            "2024-04-01") == Lines{"R visit 2024-01-10 2024-01-10 visit 2024-01-10 met -"});
}

TEST_CASE("Each: met, missed, pending, with during and when (reading 12)", "[evaluate][each]") {
  const std::string t25 = "each visit during cp_plan when age >= 3 years requires seen_alone";
  const Lines events{"C1 cp_plan_start 2024-01-01", "C1 visit 2024-02-01 seen_alone=true",
                     "C1 visit 2024-03-01 seen_alone=no", "C1 visit 2024-04-01",
                     "C1 visit 2023-12-01 seen_alone=no"};
  CHECK(run(t25, events, "2024-04-01", {"C1 dob=2020-01-01"}) ==
        Lines{"R visit 2024-02-01 2024-02-01 visit 2024-02-01 met -",
              "R visit 2024-03-01 2024-03-01 - - missed -",
              "R visit 2024-04-01 2024-04-01 - - pending -"});
  // Under 3 on every visit: nothing.
  CHECK(run(t25, events, "2024-04-01", {"C1 dob=2022-01-01"}).empty());
  // COND sees the age on the event's date.
  CHECK(run("each visit requires child_seen and (age < 3 years or seen_alone)",
            {"C1 visit 2024-01-01 child_seen=yes", "C1 visit 2024-06-01 child_seen=yes"},
            "2024-12-01",
            {"C1 dob=2021-03-01"}) == Lines{"R visit 2024-01-01 2024-01-01 visit 2024-01-01 met -",
                                            "R visit 2024-06-01 2024-06-01 - - missed -"});
}

TEST_CASE("Recording: met, late, missed, pending, lapsed (readings 13, 4)",
          "[evaluate][recording]") {
  const std::string t11 = "each event recorded within 5 working days";
  // Monday 4 March + 5 working days = Monday 11 March.
  CHECK(run(t11,
            {"C1 visit 2024-03-04 recorded=2024-03-11", "C2 visit 2024-03-04 recorded=2024-03-12",
             "C3 visit 2024-03-04", "C4 visit 2024-03-04 recorded=2024-03-01",
             "C5 visit 2024-03-04 recorded=2024-04-01"},
            "2024-03-20") == Lines{"R visit 2024-03-04 2024-03-11 visit 2024-03-11 met -",
                                   "R visit 2024-03-04 2024-03-11 visit 2024-03-12 late 1",
                                   "R visit 2024-03-04 2024-03-11 - - missed -",
                                   "R visit 2024-03-04 2024-03-11 visit 2024-03-01 met -",
                                   "R visit 2024-03-04 2024-03-11 - - missed -"});
  CHECK(run(t11, {"C1 icpcc 2024-03-04"}, "2024-03-08") ==
        Lines{"R icpcc 2024-03-04 2024-03-11 - - pending -"});
  // With during: the plan ends before the due date, unrecorded: lapsed.
  CHECK(run("each event during cp_plan recorded within 2 days",
            {"C1 cp_plan_start 2024-05-01", "C1 visit 2024-05-09", "C1 cp_plan_end 2024-05-10"},
            "2024-06-01") == Lines{"R cp_plan_start 2024-05-01 2024-05-03 - - missed -",
                                   "R visit 2024-05-09 2024-05-11 - - lapsed -",
                                   "R cp_plan_end 2024-05-10 2024-05-12 - - lapsed -"});
  // `during` and `when` may follow `recorded within` too (docs reading D14).
  CHECK(run("each visit recorded within 2 days during cp_plan when team = \"north\"",
            {"C1 cp_plan_start 2024-05-01", "C1 visit 2024-04-09", "C1 visit 2024-05-09",
             "C1 cp_plan_end 2024-05-10", "C2 cp_plan_start 2024-05-01", "C2 visit 2024-05-09"},
            "2024-06-01", {"C1 team=north", "C2 team=south"}) ==
        Lines{"R visit 2024-05-09 2024-05-11 - - lapsed -"});
}

TEST_CASE("Notice: met, late, missed, pending, scheduled triggers (reading 11)",
          "[evaluate][notice]") {
  const std::string t15 = "cp_report at least 2 days before icpcc";
  CHECK(run(t15, {"C1 icpcc 2024-03-22", "C1 cp_report 2024-03-19"}, "2024-04-01") ==
        Lines{"R icpcc 2024-03-22 2024-03-20 cp_report 2024-03-19 met -"});
  CHECK(run(t15, {"C1 icpcc 2024-03-22", "C1 cp_report 2024-03-20"}, "2024-04-01") ==
        Lines{"R icpcc 2024-03-22 2024-03-20 cp_report 2024-03-20 met -"});
  CHECK(run(t15, {"C1 icpcc 2024-03-22", "C1 cp_report 2024-03-22"}, "2024-04-01") ==
        Lines{"R icpcc 2024-03-22 2024-03-20 cp_report 2024-03-22 late 2"});
  CHECK(run(t15, {"C1 icpcc 2024-03-22", "C1 cp_report 2024-03-23"}, "2024-04-01") ==
        Lines{"R icpcc 2024-03-22 2024-03-20 - - missed -"});
  // A scheduled conference: pending until its due date passes, then missed.
  CHECK(run(t15, {"C1 icpcc 2024-05-10"}, "2024-05-01") ==
        Lines{"R icpcc 2024-05-10 2024-05-08 - - pending -"});
  CHECK(run(t15, {"C1 icpcc 2024-05-10"}, "2024-05-08") ==
        Lines{"R icpcc 2024-05-10 2024-05-08 - - pending -"});
  CHECK(run(t15, {"C1 icpcc 2024-05-10"}, "2024-05-09") ==
        Lines{"R icpcc 2024-05-10 2024-05-08 - - missed -"});
  // A report written after the as-of date has not happened.
  CHECK(run(t15, {"C1 icpcc 2024-05-10", "C1 cp_report 2024-05-07"}, "2024-05-06") ==
        Lines{"R icpcc 2024-05-10 2024-05-08 - - pending -"});
  // Each T takes only the X after the previous T; Ts on one day share them.
  CHECK(run(t15,
            {"C1 icpcc 2024-03-22", "C1 icpcc 2024-04-22", "C1 cp_report 2024-03-19",
             "C1 icpcc 2024-04-22"},
            "2024-05-01") == Lines{"R icpcc 2024-03-22 2024-03-20 cp_report 2024-03-19 met -",
                                   "R icpcc 2024-04-22 2024-04-20 - - missed -",
                                   "R icpcc 2024-04-22 2024-04-20 - - missed -"});
  // Working days before: Monday 8 April 2024, 5 working days earlier skips Easter: 28 March.
  CHECK(run("invitation at least 5 working days before icpcc", {"C1 icpcc 2024-04-08"},
            "2024-03-01") == Lines{"R icpcc 2024-04-08 2024-03-28 - - pending -"});
  // first/second of a notice's triggers count scheduled ones too (docs reading D8).
  CHECK(run("pathway_plan before second cla_review",
            {"C1 cla_review 2024-01-10", "C1 cla_review 2024-05-10"},
            "2024-05-01") == Lines{"R cla_review 2024-05-10 2024-05-10 - - pending -"});
  CHECK(run("cp_report at least 2 days before first icpcc", {"C1 icpcc 2024-05-10"},
            "2024-05-01") == Lines{"R icpcc 2024-05-10 2024-05-08 - - pending -"});
  // But a deadline's `first` is never a scheduled event: nothing has happened yet.
  CHECK(run("core_group within 10 days after first icpcc", {"C1 icpcc 2024-05-10"}, "2024-05-01")
            .empty());
  // `X before T`: due on T's own day.
  CHECK(run("pathway_plan before second cla_review",
            {"C1 cla_review 2024-01-10", "C1 cla_review 2024-05-10", "C1 pathway_plan 2024-05-10"},
            "2024-06-01") ==
        Lines{"R cla_review 2024-05-10 2024-05-10 pathway_plan 2024-05-10 met -"});
}

TEST_CASE("Recurrence: gaps, clock start, met/late/missed/pending/lapsed (readings 9, 10, 21)",
          "[evaluate][recurrence]") {
  const std::string t18 = "core_group every 6 weeks after first core_group during cp_plan";
  const Lines events{"C1 cp_plan_start 2024-01-01", "C1 core_group 2024-01-10",
                     "C1 core_group 2024-02-15", "C1 core_group 2024-02-15",
                     "C1 core_group 2024-04-05"};
  const Lines gaps{"R core_group 2024-01-10 2024-02-21 core_group 2024-02-15 met -",
                   "R core_group 2024-02-15 2024-03-28 core_group 2024-04-05 late 8"};
  auto with = [](Lines l, const std::string& last) {
    l.push_back(last);
    return l;
  };
  CHECK(run(t18, events, "2024-05-01") ==
        with(gaps, "R core_group 2024-04-05 2024-05-17 - - pending -"));
  CHECK(run(t18, events, "2024-06-01") ==
        with(gaps, "R core_group 2024-04-05 2024-05-17 - - missed -"));
  // The plan closed before the open gap's due date: lapsed; after it: missed.
  CHECK(run(t18, with(events, "C1 cp_plan_end 2024-05-10"), "2024-06-01") ==
        with(gaps, "R core_group 2024-04-05 2024-05-17 - - lapsed -"));
  CHECK(run(t18, with(events, "C1 cp_plan_end 2024-05-20"), "2024-06-01") ==
        with(gaps, "R core_group 2024-04-05 2024-05-17 - - missed -"));
  // No S in the window: no obligations.
  CHECK(run(t18, {"C1 cp_plan_start 2024-01-01"}, "2024-06-01").empty());
  // Without `after first`, the clock starts at the period's START; an X on that day opens no gap.
  CHECK(run("visit where at_home every 10 days during cp_plan",
            {"C1 cp_plan_start 2024-01-01", "C1 visit 2024-01-01 at_home=yes",
             "C1 visit 2024-01-05 at_home=no", "C1 visit 2024-01-08 at_home=yes"},
            "2024-01-12") == Lines{"R cp_plan_start 2024-01-01 2024-01-11 visit 2024-01-08 met -",
                                   "R visit 2024-01-08 2024-01-18 - - pending -"});
  // Events outside the period do not count.
  CHECK(run("visit every 10 days during cp_plan",
            {"C1 visit 2023-12-30", "C1 cp_plan_start 2024-01-01", "C1 cp_plan_end 2024-01-05",
             "C1 visit 2024-01-07"},
            "2024-02-01") == Lines{"R cp_plan_start 2024-01-01 2024-01-11 - - lapsed -"});
}

TEST_CASE("Recurrence windows cut by `when` (reading 9)", "[evaluate][recurrence][when]") {
  const std::string rule = "visit every 6 weeks during cp_plan when age < 5 years";
  const Lines cases{"C1 dob=2019-06-15"};  // turns 5 on 15 June 2024: the window ends 14 June
  CHECK(run(rule, {"C1 cp_plan_start 2024-01-01", "C1 visit 2024-02-01"}, "2024-08-01", cases) ==
        Lines{"R cp_plan_start 2024-01-01 2024-02-12 visit 2024-02-01 met -",
              "R visit 2024-02-01 2024-03-14 - - missed -"});
  CHECK(run(rule, {"C1 cp_plan_start 2024-01-01", "C1 visit 2024-05-20", "C1 visit 2024-07-01"},
            "2024-08-01",
            cases) == Lines{"R cp_plan_start 2024-01-01 2024-02-12 visit 2024-05-20 late 98",
                            "R visit 2024-05-20 2024-07-01 - - lapsed -"});
  // On the as-of date the birthday is still to come: the window is open.
  CHECK(run(rule, {"C1 cp_plan_start 2024-01-01", "C1 visit 2024-05-20"}, "2024-06-01", cases) ==
        Lines{"R cp_plan_start 2024-01-01 2024-02-12 visit 2024-05-20 late 98",
              "R visit 2024-05-20 2024-07-01 - - pending -"});
  // A birthday the day after the as-of date ends the window on the as-of date: it has closed
  // (reading 5: ended on or before the as-of date), so the open gap lapses.
  CHECK(run(rule, {"C1 cp_plan_start 2024-05-01", "C1 visit 2024-05-20"}, "2024-06-14", cases) ==
        Lines{"R cp_plan_start 2024-05-01 2024-06-12 visit 2024-05-20 met -",
              "R visit 2024-05-20 2024-07-01 - - lapsed -"});
  // A day earlier it is still to come: open, pending.
  CHECK(run(rule, {"C1 cp_plan_start 2024-05-01", "C1 visit 2024-05-20"}, "2024-06-13", cases) ==
        Lines{"R cp_plan_start 2024-05-01 2024-06-12 visit 2024-05-20 met -",
              "R visit 2024-05-20 2024-07-01 - - pending -"});
  // A window that would open the day after the as-of date (`age >= 5`) has not opened.
  CHECK(run("visit every 6 weeks during cp_plan when age >= 5 years",
            {"C1 cp_plan_start 2024-05-01", "C1 visit 2024-05-20"}, "2024-06-14", cases)
            .empty());
  // Before the birth (a pre-birth plan) there is no age: the window opens on the birth day.
  CHECK(run("visit every 6 weeks during cp_plan when age < 3 years",
            {"C1 cp_plan_start 2024-01-01", "C1 visit 2024-03-01"}, "2024-04-01",
            {"C1 dob=2024-02-15"}) ==
        Lines{"R cp_plan_start 2024-02-15 2024-03-28 visit 2024-03-01 met -",
              "R visit 2024-03-01 2024-04-12 - - pending -"});
  // No date of birth: `age < 5` is false, no window.
  CHECK(run(rule, {"C1 cp_plan_start 2024-01-01", "C1 visit 2024-02-01"}, "2024-08-01").empty());
}

TEST_CASE("State-dependent intervals and phases (reading 19)",
          "[evaluate][recurrence][intervals]") {
  const std::string t39 =
      "visit every 6 weeks, every 3 months when placement_start.permanent during cla";
  const Lines events{"C1 became_looked_after 2024-01-01",
                     "C1 placement_start 2024-01-01 permanent=false", "C1 visit 2024-02-01",
                     "C1 placement_start 2024-02-10 permanent=true", "C1 visit 2024-04-20"};
  const Lines expected{"R became_looked_after 2024-01-01 2024-02-12 visit 2024-02-01 met -",
                       "R visit 2024-02-01 2024-03-14 visit 2024-04-20 late 37",
                       "R visit 2024-04-20 2024-07-20 - - pending -"};
  CHECK(run(t39, events, "2024-06-01") == expected);
  CHECK(run("visit every 6 weeks during cla, every 3 months when placement_start.permanent", events,
            "2024-06-01") == expected);

  const std::string t40 =
      "visit every 1 week until cla_review then every 4 weeks until carer_approved then every 6 "
      "weeks during cla";
  CHECK(run(t40,
            {"C1 became_looked_after 2024-01-01", "C1 visit 2024-01-05", "C1 visit 2024-01-12",
             "C1 cla_review 2024-01-15", "C1 visit 2024-02-05", "C1 carer_approved 2024-02-20",
             "C1 visit 2024-03-01"},
            "2024-03-02") ==
        Lines{"R became_looked_after 2024-01-01 2024-01-08 visit 2024-01-05 met -",
              "R visit 2024-01-05 2024-01-12 visit 2024-01-12 met -",
              "R visit 2024-01-12 2024-01-19 visit 2024-02-05 late 17",
              "R visit 2024-02-05 2024-03-04 visit 2024-03-01 met -",
              "R visit 2024-03-01 2024-04-12 - - pending -"});
  // The carer was approved before the first review: the 4-weekly phase is skipped.
  CHECK(run(t40,
            {"C1 became_looked_after 2024-01-01", "C1 carer_approved 2024-01-10",
             "C1 cla_review 2024-01-15", "C1 visit 2024-02-05"},
            "2024-02-06") ==
        Lines{"R became_looked_after 2024-01-01 2024-01-08 visit 2024-02-05 late 28",
              "R visit 2024-02-05 2024-03-18 - - pending -"});
}

TEST_CASE("count the trigger day (reading 20)", "[evaluate][counting]") {
  const std::string counted = "count the trigger day\n";
  auto run_counted = [&](const std::string& rule, const Lines& events, const std::string& as_of) {
    return evaluate_text(counted + policy_with(rule), events, as_of).lines();
  };
  // Monday 4 March is day 1: day 15 is Friday 22 March.
  CHECK(run_counted(t14, {"C1 strategy_discussion 2024-03-04 outcome=s47"}, "2024-03-05") ==
        Lines{"R strategy_discussion 2024-03-04 2024-03-22 - - pending -"});
  // A Saturday start is not a working day: the 15th working day after it, as without.
  CHECK(run_counted(t14, {"C1 strategy_discussion 2024-03-09 outcome=s47"}, "2024-03-10") ==
        Lines{"R strategy_discussion 2024-03-09 2024-04-02 - - pending -"});
  CHECK(run_counted("core_group within 10 days after icpcc", {"C1 icpcc 2024-03-22"},
                    "2024-03-23") == Lines{"R icpcc 2024-03-22 2024-03-31 - - pending -"});
  CHECK(run_counted("core_group within 1 week after icpcc", {"C1 icpcc 2024-03-22"},
                    "2024-03-23") == Lines{"R icpcc 2024-03-22 2024-03-28 - - pending -"});
  // Months and notices are not affected.
  CHECK(run_counted("rcpcc within 3 months after icpcc", {"C1 icpcc 2024-03-22"}, "2024-03-23") ==
        Lines{"R icpcc 2024-03-22 2024-06-22 - - pending -"});
  CHECK(run_counted("cp_report at least 2 days before icpcc", {"C1 icpcc 2024-03-22"},
                    "2024-03-01") == Lines{"R icpcc 2024-03-22 2024-03-20 - - pending -"});
  // Recurrences and recording rules are.
  CHECK(run_counted("visit every 10 days during cp_plan", {"C1 cp_plan_start 2024-01-01"},
                    "2024-01-02") == Lines{"R cp_plan_start 2024-01-01 2024-01-10 - - pending -"});
  CHECK(run_counted("each visit recorded within 2 days", {"C1 visit 2024-01-01"}, "2024-01-02") ==
        Lines{"R visit 2024-01-01 2024-01-02 - - pending -"});
  // The birthday itself never moves; a deadline in days counted from it is shorter like any
  // other (docs reading D15).
  CHECK(evaluate_text(counted + policy_with("pathway_plan within 10 days after age 16"), {},
                      "2024-05-11", {"C1 dob=2008-05-10"})
            .lines() == Lines{"R age 16 2024-05-10 2024-05-19 - - pending -"});
}

TEST_CASE("Between consecutive T, after second S (team readings B1 to B5)", "[evaluate][between]") {
  const std::string t23 = "midway_review between consecutive rcpcc";
  CHECK(run(t23,
            {"C1 rcpcc 2024-01-10", "C1 midway_review 2024-04-01", "C1 rcpcc 2024-07-10",
             "C1 midway_review 2024-07-10", "C1 rcpcc 2025-01-10"},
            "2025-02-01") == Lines{"R rcpcc 2024-01-10 2024-07-10 midway_review 2024-04-01 met -",
                                   "R rcpcc 2024-07-10 2025-01-10 - - missed -"});
  // The later event on the as-of date: pending.
  CHECK(run(t23, {"C1 rcpcc 2024-01-10", "C1 rcpcc 2024-07-10"}, "2024-07-10") ==
        Lines{"R rcpcc 2024-01-10 2024-07-10 - - pending -"});
  // Only pairs from the second review on.
  CHECK(run("midway_review between consecutive cla_review after second cla_review",
            {"C1 cla_review 2024-01-10", "C1 cla_review 2024-04-10", "C1 cla_review 2024-10-10",
             "C1 midway_review 2024-07-01"},
            "2024-12-01") ==
        Lines{"R cla_review 2024-04-10 2024-10-10 midway_review 2024-07-01 met -"});
}

TEST_CASE("Between S and E: both days count (team readings B1 to B5)", "[evaluate][between]") {
  const std::string t06 = "visit where child_seen between referral and assessment_completed";
  CHECK(run(t06,
            {"C1 referral 2024-03-01", "C1 visit 2024-03-01 child_seen=yes",
             "C1 assessment_completed 2024-04-01"},
            "2024-05-01") == Lines{"R referral 2024-03-01 2024-04-01 visit 2024-03-01 met -"});
  CHECK(run(t06,
            {"C1 referral 2024-03-01", "C1 visit 2024-03-05 child_seen=no",
             "C1 assessment_completed 2024-04-01", "C1 visit 2024-04-02 child_seen=yes"},
            "2024-05-01") == Lines{"R referral 2024-03-01 2024-04-01 - - missed -"});
  // No assessment yet: no pair.
  CHECK(run(t06, {"C1 referral 2024-03-01"}, "2024-05-01").empty());
  CHECK(run("visit where child_seen between referral where (urgent = true) and "
            "assessment_completed",
            {"C1 referral 2024-03-01 urgent=no", "C1 referral 2024-03-02 urgent=yes",
             "C1 assessment_completed 2024-04-01"},
            "2024-04-01") == Lines{"R referral 2024-03-02 2024-04-01 - - pending -"});
}

TEST_CASE("every N visits (team reading B6)", "[evaluate][recurrence][count]") {
  const std::string t10 = "visit where seen_awake every 2 visits during cp_plan when age < 3 years";
  CHECK(run(t10,
            {"C1 cp_plan_start 2024-01-01", "C1 visit 2024-01-05 seen_awake=yes",
             "C1 visit 2024-01-10 seen_awake=no", "C1 visit 2024-01-15",
             "C1 visit 2024-01-20 seen_awake=true", "C1 visit 2024-01-25"},
            "2024-01-25", {"C1 dob=2022-06-01"}) ==
        Lines{"R visit 2024-01-05 2024-01-10 visit 2024-01-05 met -",
              "R visit 2024-01-10 2024-01-15 - - missed -",
              "R visit 2024-01-15 2024-01-20 visit 2024-01-20 met -",
              "R visit 2024-01-20 2024-01-25 visit 2024-01-20 met -"});
  CHECK(run(t10, {"C1 cp_plan_start 2024-01-01", "C1 visit 2024-01-05", "C1 visit 2024-01-25"},
            "2024-01-25",
            {"C1 dob=2022-06-01"}) == Lines{"R visit 2024-01-05 2024-01-25 - - pending -"});
}

TEST_CASE("Conditions: booleans, missing values, numbers, dates, in (reading 14)",
          "[evaluate][condition]") {
  auto count = [](const std::string& requirement, const std::string& attributes) {
    auto lines = run("each visit requires " + requirement, {"C1 visit 2024-01-01 " + attributes},
                     "2024-02-01");
    REQUIRE(lines.size() == 1);
    return lines.front().find(" met ") != std::string::npos;
  };
  CHECK(count("seen_alone", "seen_alone=YES"));
  CHECK(count("seen_alone", "seen_alone=y"));
  CHECK(count("seen_alone", "seen_alone=1"));
  CHECK_FALSE(count("seen_alone", "seen_alone=0"));
  CHECK_FALSE(count("seen_alone", "at_home=true"));  // missing
  CHECK(count("seen_alone = false", "seen_alone=no"));
  CHECK_FALSE(count("seen_alone = true", "at_home=true"));
  CHECK(count("seen_alone != true", "at_home=true"));  // != is not (=): true when missing
  CHECK_FALSE(count("not seen_alone", "seen_alone=yes"));
  CHECK(count("at_home in [\"a\", \"b\"]", "at_home=b"));
  CHECK_FALSE(count("at_home in [\"a\", \"b\"]", "seen_alone=b"));
  CHECK(count("at_home > 9", "at_home=10"));             // numeric: 10 > 9
  CHECK(count("at_home > \"9\"", "at_home=10"));         // untyped: both read as numbers, 10 > 9
  CHECK_FALSE(count("at_home > \"9\"", "at_home=10a"));  // as text: "10a" < "9"
  CHECK(count("at_home < 2024-02-01", "at_home=2024-01-15"));
  CHECK(count("at_home > \"abc\"", "at_home=abd"));   // text
  CHECK_FALSE(count("at_home < 3", "seen_alone=1"));  // missing is false
}

TEST_CASE("Several cases are kept apart and sorted (reading 15, the report order)",
          "[evaluate][cases]") {
  auto result =
      evaluate_text(policy_with(t14),
                    {"C2 strategy_discussion 2024-03-04 outcome=s47",
                     "C10 strategy_discussion 2024-03-04 outcome=s47", "C10 icpcc 2024-03-05",
                     "C1 strategy_discussion 2024-03-11 outcome=s47"},
                    "2024-03-20", {"C1 dob=2020-01-01"});
  CHECK(result.lines(true) ==
        Lines{"C1 R strategy_discussion 2024-03-11 2024-04-03 - - pending -",
              "C10 R strategy_discussion 2024-03-04 2024-03-25 icpcc 2024-03-05 met -",
              "C2 R strategy_discussion 2024-03-04 2024-03-25 - - pending -"});
}

TEST_CASE("One policy evaluated from several threads gives the same obligations",
          "[evaluate][threads]") {
  Lines events;
  for (int c = 0; c < 200; ++c) {
    std::string id = "C" + std::to_string(c);
    events.push_back(id + " cp_plan_start 2024-01-01");
    for (int v = 0; v < 20; ++v) {
      int month = v % 12 + 1, day = 10 + (c + v) % 18;
      events.push_back(id + " visit 2024-" + (month < 10 ? "0" : "") + std::to_string(month) + "-" +
                       std::to_string(day) + " seen_alone=" + ((c + v) % 3 ? "yes" : "no"));
    }
  }
  auto result = evaluate_text(policy_with("visit where seen_alone every 3 weeks during cp_plan"),
                              events, "2024-12-31");
  REQUIRE(result.obligations.size() > 1000);
  const Lines reference = result.lines(true);
  // Each thread has its own Evaluator over the one shared Policy and Timeline.
  std::vector<Lines> seen(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      duly::Evaluator evaluator(result.policy, duly::testing::day("2024-12-31"));
      std::vector<duly::Obligation> mine;
      for (std::uint32_t c = 0; c < result.timeline.cases().size(); ++c)
        evaluator.evaluate_case(result.timeline, c, mine);
      duly::testing::Evaluation view;
      view.policy = result.policy;
      view.obligations = std::move(mine);
      for (const auto& o : view.obligations)
        seen[t].push_back(std::string(result.timeline.cases()[o.case_index].id) + " " +
                          duly::to_iso_string(o.trigger_date) + " " + duly::to_iso_string(o.due) +
                          " " + std::string(duly::to_string(o.status)));
    });
  for (auto& th : threads) th.join();
  Lines expected;
  for (const auto& o : result.obligations)
    expected.push_back(std::string(result.timeline.cases()[o.case_index].id) + " " +
                       duly::to_iso_string(o.trigger_date) + " " + duly::to_iso_string(o.due) +
                       " " + std::string(duly::to_string(o.status)));
  for (const auto& s : seen) CHECK(s == expected);
  CHECK(reference.size() == expected.size());
}

// --- Time in a period (docs reading D10) and indicators (docs reading D11) -------------------

namespace {

// T45: care leavers are those who left care aged 16 or over after at least 13 weeks looked
// after since their 14th birthday.
const std::string care_leaver =
    "period care_leaver from ceased_looked_after until age 25 when age >= 16 years and "
    "time in cla since age 14 >= 13 weeks\n";

Lines run_care_leaver(const std::string& rule, const Lines& events, const std::string& as_of,
                      const Lines& cases) {
  return evaluate_text(vocabulary + care_leaver + "\nrule R \"under test\":\n  " + rule + "\n",
                       events, as_of, cases)
      .lines();
}

}  // namespace

TEST_CASE("time in: a care leaver needs 13 weeks looked after since 14 (T45, reading D10)",
          "[evaluate][time-in]") {
  const std::string rule =
      "pathway_plan within 3 months after ceased_looked_after during care_leaver";
  const Lines cases{"C1 dob=2006-01-01"};
  // 1 March to 30 May 2022: 91 days, both ends inside. The `when` is tested on the START day.
  const Lines thirteen_weeks{"C1 became_looked_after 2022-03-01",
                             "C1 ceased_looked_after 2022-05-30"};
  auto with = [](Lines l, const std::string& extra) {
    l.push_back(extra);
    return l;
  };
  CHECK(run_care_leaver(rule, with(thirteen_weeks, "C1 pathway_plan 2022-07-01"), "2023-01-01",
                        cases) ==
        Lines{"R ceased_looked_after 2022-05-30 2022-08-30 pathway_plan 2022-07-01 met -"});
  CHECK(run_care_leaver(rule, with(thirteen_weeks, "C1 pathway_plan 2022-09-05"), "2023-01-01",
                        cases) ==
        Lines{"R ceased_looked_after 2022-05-30 2022-08-30 pathway_plan 2022-09-05 late 6"});
  CHECK(run_care_leaver(rule, thirteen_weeks, "2023-01-01", cases) ==
        Lines{"R ceased_looked_after 2022-05-30 2022-08-30 - - missed -"});
  CHECK(run_care_leaver(rule, thirteen_weeks, "2022-06-15", cases) ==
        Lines{"R ceased_looked_after 2022-05-30 2022-08-30 - - pending -"});
  // Turned 25 (the period's END) on 15 July 2022, before the due date: lapsed.
  CHECK(run_care_leaver(rule, thirteen_weeks, "2023-01-01", {"C1 dob=1997-07-15"}) ==
        Lines{"R ceased_looked_after 2022-05-30 2022-08-30 - - lapsed -"});

  // 90 days (ceased 29 May) or 12 weeks (84 days, ceased 23 May): no care_leaver instance, so
  // a rule during it creates nothing.
  CHECK(run_care_leaver(rule,
                        {"C1 became_looked_after 2022-03-01", "C1 ceased_looked_after 2022-05-29"},
                        "2023-01-01", cases)
            .empty());
  CHECK(run_care_leaver(rule,
                        {"C1 became_looked_after 2022-03-01", "C1 ceased_looked_after 2022-05-23"},
                        "2023-01-01", cases)
            .empty());
  // Left care at 15 after long enough: not a care leaver (`age >= 16 years` on the START day).
  CHECK(run_care_leaver(rule, thirteen_weeks, "2023-01-01", {"C1 dob=2007-01-01"}).empty());
  // No date of birth: `age` and `time in ... since age 14` are missing, so no instance.
  CHECK(run_care_leaver(rule, thirteen_weeks, "2023-01-01", {}).empty());
}

TEST_CASE("time in: since the birthday, several instances, open instances (reading D10)",
          "[evaluate][time-in]") {
  const std::string rule =
      "pathway_plan within 10 days after cla_review when time in cla since age 14 >= 13 weeks";
  const Lines cases{"C1 dob=2006-01-01"};  // 14 on 1 January 2020
  // Looked after 1 Oct 2019 to 1 Mar 2020: 153 days, of which 61 since the 14th birthday.
  const Lines before_14{"C1 became_looked_after 2019-10-01", "C1 ceased_looked_after 2020-03-01",
                        "C1 cla_review 2020-06-01"};
  CHECK(run(rule, before_14, "2021-01-01", cases).empty());
  CHECK(run("pathway_plan within 10 days after cla_review when time in cla >= 13 weeks", before_14,
            "2021-01-01", cases) == Lines{"R cla_review 2020-06-01 2020-06-11 - - missed -"});
  // A second instance of 30 days makes 91, summed; of 29 days, 90.
  auto second = [&](const std::string& end) {
    Lines events = before_14;
    events.push_back("C1 became_looked_after 2021-01-01");
    events.push_back("C1 ceased_looked_after " + end);
    events.push_back("C1 cla_review 2021-06-01");
    return events;
  };
  CHECK(run(rule, second("2021-01-30"), "2022-01-01", cases) ==
        Lines{"R cla_review 2021-06-01 2021-06-11 - - missed -"});
  CHECK(run(rule, second("2021-01-29"), "2022-01-01", cases).empty());
  // An open instance counts up to the day in question: 90 days on 31 March, 91 on 1 April.
  CHECK(run(rule, {"C1 became_looked_after 2022-01-01", "C1 cla_review 2022-03-31"}, "2022-06-01",
            cases)
            .empty());
  CHECK(run(rule, {"C1 became_looked_after 2022-01-01", "C1 cla_review 2022-04-01"}, "2022-06-01",
            cases) == Lines{"R cla_review 2022-04-01 2022-04-11 - - missed -"});
  // Time after the day in question does not count.
  CHECK(run(rule,
            {"C1 became_looked_after 2022-03-01", "C1 cla_review 2022-03-15",
             "C1 ceased_looked_after 2022-12-01"},
            "2023-01-01", cases)
            .empty());
  // No date of birth: missing, so `>=` is false and `!=` true; without `since` it is counted.
  const Lines long_stay{"C1 became_looked_after 2022-01-01", "C1 cla_review 2022-06-01"};
  CHECK(run(rule, long_stay, "2023-01-01").empty());
  CHECK(run("pathway_plan within 10 days after cla_review when time in cla since age 14 != 13 "
            "weeks",
            long_stay, "2023-01-01") == Lines{"R cla_review 2022-06-01 2022-06-11 - - missed -"});
  CHECK(run("pathway_plan within 10 days after cla_review when time in cla > 100 days", long_stay,
            "2023-01-01") == Lines{"R cla_review 2022-06-01 2022-06-11 - - missed -"});
}

TEST_CASE("time in: a recurrence window starts or ends the day the count crosses (reading D10)",
          "[evaluate][time-in][recurrence]") {
  // 10 days looked after on 10 January: the window opens that day.
  CHECK(run("visit every 4 weeks during cla when time in cla >= 10 days",
            {"C1 became_looked_after 2024-01-01", "C1 visit 2024-01-20"}, "2024-03-01") ==
        Lines{"R became_looked_after 2024-01-10 2024-02-07 visit 2024-01-20 met -",
              "R visit 2024-01-20 2024-02-17 - - missed -"});
  // ... and a window of fewer than 10 days closes on 9 January.
  CHECK(run("visit every 4 weeks during cla when time in cla < 10 days",
            {"C1 became_looked_after 2024-01-01", "C1 visit 2024-01-05"}, "2024-03-01") ==
        Lines{"R became_looked_after 2024-01-01 2024-01-29 visit 2024-01-05 met -",
              "R visit 2024-01-05 2024-02-02 - - lapsed -"});
  // Counted from the 14th birthday (15 January): 10 days on 24 January.
  CHECK(run("visit every 4 weeks during cla when time in cla since age 14 >= 10 days",
            {"C1 became_looked_after 2024-01-01", "C1 visit 2024-01-30"}, "2024-03-01",
            {"C1 dob=2010-01-15"}) ==
        Lines{"R became_looked_after 2024-01-24 2024-02-21 visit 2024-01-30 met -",
              "R visit 2024-01-30 2024-02-27 - - missed -"});
}

namespace {

// One line per indicator row: "T51 C1 2020-01-01 repeat" or "... first".
Lines indicator_rows(const std::string& within, const Lines& events, const std::string& as_of) {
  auto evaluation = evaluate_text(vocabulary +
                                      "\nindicator T51 \"Repeat child protection plan\":\n"
                                      "  cp_plan repeated within " +
                                      within + "\n",
                                  events, as_of);
  const auto rows =
      duly::evaluate_indicators(evaluation.policy, evaluation.timeline, duly::testing::day(as_of));
  Lines out;
  for (const auto& row : rows)
    out.push_back(evaluation.policy->indicators()[row.indicator_index].id + " " +
                  std::string(evaluation.timeline.cases()[row.case_index].id) + " " +
                  duly::to_iso_string(row.start) + (row.repeat ? " repeat" : " first"));
  return out;
}

}  // namespace

TEST_CASE("Indicators: a repeat starts within D after an earlier instance ended (T51, D11)",
          "[evaluate][indicator]") {
  const Lines first_plan{"C1 cp_plan_start 2020-01-01", "C1 cp_plan_end 2020-06-01"};
  auto with = [](Lines l, const Lines& extra) {
    l.insert(l.end(), extra.begin(), extra.end());
    return l;
  };
  // One plan: counted, no repeat. Nothing for a case without plans.
  CHECK(indicator_rows("2 years", with(first_plan, {"C2 visit 2021-01-01"}), "2024-01-01") ==
        Lines{"T51 C1 2020-01-01 first"});
  // Exactly 2 years after the end (1 June 2022) is within; a day more is not.
  CHECK(
      indicator_rows("2 years", with(first_plan, {"C1 cp_plan_start 2022-06-01"}), "2024-01-01") ==
      Lines{"T51 C1 2020-01-01 first", "T51 C1 2022-06-01 repeat"});
  CHECK(
      indicator_rows("2 years", with(first_plan, {"C1 cp_plan_start 2022-06-02"}), "2024-01-01") ==
      Lines{"T51 C1 2020-01-01 first", "T51 C1 2022-06-02 first"});
  // Months follow the policy's duration rules: 29 Feb 2020 + 2 years = 28 Feb 2022.
  const Lines leap{"C1 cp_plan_start 2020-01-01", "C1 cp_plan_end 2020-02-29"};
  CHECK(
      indicator_rows("2 years", with(leap, {"C1 cp_plan_start 2022-02-28"}), "2024-01-01").back() ==
      "T51 C1 2022-02-28 repeat");
  CHECK(
      indicator_rows("2 years", with(leap, {"C1 cp_plan_start 2022-03-01"}), "2024-01-01").back() ==
      "T51 C1 2022-03-01 first");
  // A plan still open has not ended: a START while it is open opens nothing (reading 7), and
  // the open plan counts once, as no repeat.
  CHECK(indicator_rows("2 years", {"C1 cp_plan_start 2020-01-01", "C1 cp_plan_start 2021-01-01"},
                       "2024-01-01") == Lines{"T51 C1 2020-01-01 first"});
  // A plan that starts after the as-of date has not started.
  CHECK(indicator_rows("2 years", with(first_plan, {"C1 cp_plan_start 2022-01-01"}),
                       "2021-12-31") == Lines{"T51 C1 2020-01-01 first"});
}

TEST_CASE("Indicators: three instances, several cases, several indicators (D11)",
          "[evaluate][indicator]") {
  const Lines events{"C1 cp_plan_start 2019-01-01", "C1 cp_plan_end 2019-03-01",
                     "C1 cp_plan_start 2020-01-01", "C1 cp_plan_end 2020-02-01",
                     "C1 cp_plan_start 2023-01-01", "C2 cp_plan_start 2021-05-01",
                     "C2 cp_plan_end 2021-05-01",   "C2 cp_plan_start 2021-05-20"};
  // The third plan starts 11 months after the second ended, but more than 2 years after it: only
  // the latest earlier end counts. A plan of one day ends on its start day.
  CHECK(indicator_rows("2 years", events, "2024-01-01") ==
        Lines{"T51 C1 2019-01-01 first", "T51 C1 2020-01-01 repeat", "T51 C1 2023-01-01 first",
              "T51 C2 2021-05-01 first", "T51 C2 2021-05-20 repeat"});
  CHECK(indicator_rows("2 weeks", events, "2024-01-01") ==
        Lines{"T51 C1 2019-01-01 first", "T51 C1 2020-01-01 first", "T51 C1 2023-01-01 first",
              "T51 C2 2021-05-01 first", "T51 C2 2021-05-20 first"});

  // Evaluator::evaluate_indicators appends one case's rows, by indicator in policy order.
  auto evaluation =
      evaluate_text(vocabulary +
                        "indicator A \"a\": cp_plan repeated within 1 year\n"
                        "indicator B \"b\": cla repeated within 1 year\n",
                    {"C1 cp_plan_start 2020-01-01", "C1 became_looked_after 2019-01-01",
                     "C1 ceased_looked_after 2019-02-01", "C1 became_looked_after 2019-06-01"},
                    "2024-01-01");
  duly::Evaluator evaluator(evaluation.policy, duly::testing::day("2024-01-01"));
  std::vector<duly::IndicatorInstance> rows;
  evaluator.evaluate_indicators(evaluation.timeline, 0, rows);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].indicator_index == 0);
  CHECK(rows[0].start == duly::testing::day("2020-01-01"));
  CHECK_FALSE(rows[0].repeat);
  CHECK(rows[1].indicator_index == 1);
  CHECK_FALSE(rows[1].repeat);
  CHECK(rows[2].indicator_index == 1);
  CHECK(rows[2].start == duly::testing::day("2019-06-01"));
  CHECK(rows[2].repeat);
  // Indicators create no obligations.
  CHECK(evaluation.obligations.empty());
}

TEST_CASE("Periods: the instances the rules see, for a report's picture", "[evaluate][periods]") {
  const auto e = evaluate_text(policy_with("core_group every 6 weeks during cp_plan"),
                               {"C1 cp_plan_start 2024-01-08", "C1 cp_plan_end 2024-03-01",
                                "C1 cp_plan_start 2024-05-02", "C1 became_looked_after 2024-07-01"},
                               "2024-06-30");
  duly::Evaluator evaluator(e.policy, duly::testing::day("2024-06-30"));
  std::vector<duly::PeriodInstance> instances;
  evaluator.evaluate_periods(e.timeline, 0, instances);
  // cla starts after the as-of date: not yet an instance.
  REQUIRE(instances.size() == 2);
  CHECK(e.policy->periods()[instances[0].period].name == "cp_plan");
  CHECK(instances[0].start == duly::testing::day("2024-01-08"));
  CHECK(instances[0].end == duly::testing::day("2024-03-01"));
  CHECK(instances[1].start == duly::testing::day("2024-05-02"));
  CHECK(!instances[1].end);
  CHECK(instances[1].started_by.kind == duly::EventLabel::Kind::event);
  CHECK(e.timeline.events()[instances[1].started_by.event].date == duly::testing::day("2024-05-02"));
}
