// The report writers on hand-built obligations: the obligations CSV (the columns of docs/cli.md,
// RFC 4180 quoting, empty cells, `--by` columns), JSON Lines (the same keys in the same order, null
// for nothing, days_late a number), the summary table (counts, compliance with its counts, `-` for
// no denominator, groups under each rule), the indicators section after the rules (repeats of
// instances, `-` for none, the same groups), the cut of long names in the table alone, and the
// run description every report states.
#include <duly/report.hpp>

#include "engine/check/policy_key.hpp"
#include "tests/support/golden.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <sstream>
#include <string>
#include <vector>

using namespace duly;

// The summary tables' golden files (tests/support/golden.hpp).
const std::filesystem::path golden_report =
    std::filesystem::path(DULY_SOURCE_DIR) / "tests/golden/report";

namespace {

Date day(const char* iso) { return *parse_iso_date(iso); }

Policy::Parts report_parts() {
  Policy::Parts parts;
  parts.name = "Report test";
  parts.file = "report.policy";
  parts.calendar = std::make_shared<WorkingDayCalendar>(
      "england_and_wales", std::make_shared<EnglandAndWalesCalendar>());
  parts.event_types = {{"strategy_discussion", {}, {}}, {"icpcc", {}, {}}, {"visit", {}, {}}};
  parts.case_attributes = {{"team", {}}};
  Rule t14;
  t14.id = "T14";
  t14.name = "ICPCC within 15 working days, \"s47\" only";
  Rule t18;
  t18.id = "T18";
  t18.name = "Core groups every 6 weeks";
  Rule t25;
  t25.id = "T25";
  t25.name = "Visits";
  parts.rules = {t14, t18, t25};
  return parts;
}

std::shared_ptr<const Policy> report_policy() {
  return std::make_shared<const Policy>(PolicyKey{}, report_parts());
}

// The report policy with two indicators on one period: T51 with rows, T52 with none.
std::shared_ptr<const Policy> indicator_policy() {
  Policy::Parts parts = report_parts();
  Period cp_plan;
  cp_plan.name = "cp_plan";
  parts.periods = {cp_plan};
  Indicator t51;
  t51.id = "T51";
  t51.name = "Repeat child protection plan within 2 years";
  t51.within = Duration{2, TimeUnit::years};
  Indicator t52;
  t52.id = "T52";
  t52.name = "Repeat plan within 6 months";
  t52.within = Duration{6, TimeUnit::months};
  parts.indicators = {t51, t52};
  return std::make_shared<const Policy>(PolicyKey{}, std::move(parts));
}

struct Fixture {
  std::shared_ptr<const Policy> policy;
  Timeline timeline;
  std::vector<Obligation> obligations;
  std::vector<IndicatorInstance> indicator_rows;

  // The timeline is built for `p`, as a writer for `p` requires.
  explicit Fixture(std::shared_ptr<const Policy> p = report_policy()) : policy(std::move(p)) {
    TimelineBuilder builder(policy);
    builder.add_case("C1", std::nullopt, {{"team", "north"}, {"worker", "Ann, B"}});
    builder.add_case("C,2", std::nullopt, {});
    builder.add_case("C\"3", std::nullopt, {{"team", "south"}});
    timeline = builder.finish();
  }

  std::uint32_t index_of(std::string_view id) const {
    for (std::uint32_t i = 0; i < timeline.cases().size(); ++i)
      if (timeline.cases()[i].id == id) return i;
    FAIL("no case " << id);
    return 0;
  }

  Obligation make(std::string_view id, std::uint16_t rule, Status status, const char* trigger,
                  const char* due, std::optional<const char*> fulfilled = std::nullopt) {
    Obligation o;
    o.case_index = index_of(id);
    o.rule_index = rule;
    o.status = status;
    o.trigger_event = {EventLabel::Kind::event, 0, 0};
    o.trigger_date = day(trigger);
    o.due = day(due);
    if (fulfilled) {
      o.fulfilled_event = {EventLabel::Kind::event, 1, 0};
      o.fulfilled_date = day(*fulfilled);
      if (o.fulfilled_date > o.due) o.days_late = *o.fulfilled_date - o.due;
    }
    return o;
  }

  IndicatorInstance instance(std::string_view id, std::uint16_t indicator, const char* start,
                             bool repeat) {
    return {index_of(id), indicator, day(start), repeat};
  }

  // Feeds the writer case by case, as the command line does.
  std::string write(ReportFormat format, std::vector<std::string> by = {}) {
    std::ostringstream out;
    ReportSettings settings;
    settings.format = format;
    settings.by = std::move(by);
    const std::vector<InputSummary> inputs = {{"cases.csv", 3, 0}, {"events.csv", 1, 1}};
    auto writer = make_report_writer(settings, *policy,
                                     describe_run(*policy, day("2024-06-30"), inputs), out);
    for (std::uint32_t c = 0; c < timeline.cases().size(); ++c) {
      std::vector<Obligation> of_case;
      for (const auto& o : obligations)
        if (o.case_index == c) of_case.push_back(o);
      writer->add_case(timeline, of_case);
      std::vector<IndicatorInstance> rows_of_case;
      for (const auto& row : indicator_rows)
        if (row.case_index == c) rows_of_case.push_back(row);
      writer->add_indicators(timeline, rows_of_case);
    }
    writer->finish();
    return out.str();
  }
};

}  // namespace

TEST_CASE("compliance is met over met, late and missed, with the counts beside it", "[report]") {
  StatusCounts counts;
  CHECK(compliance_text(counts) == "-");
  counts.pending = 4;
  counts.lapsed = 2;
  CHECK(compliance_text(counts) == "-");
  counts.met = 27;
  counts.late = 1;
  counts.missed = 1;
  CHECK(compliance_text(counts) == "93.1% (27/29)");
  CHECK(compliance_text(StatusCounts{2, 1, 0, 0, 0}) == "66.7% (2/3)");
  CHECK(compliance_text(StatusCounts{1, 15, 0, 0, 0}) == "6.3% (1/16)");  // 6.25: half up
  CHECK(compliance_text(StatusCounts{0, 0, 3, 0, 0}) == "0.0% (0/3)");
  CHECK(compliance_text(StatusCounts{5, 0, 0, 9, 0}) == "100.0% (5/5)");
}

TEST_CASE("the obligations CSV has the columns of docs/cli.md, quoting and empty cells",
          "[report]") {
  Fixture f;
  f.obligations = {
      f.make("C1", 0, Status::met, "2024-03-04", "2024-03-25", "2024-03-22"),
      f.make("C1", 0, Status::late, "2024-04-01", "2024-04-22", "2024-04-25"),
      f.make("C,2", 1, Status::missed, "2024-01-02", "2024-02-13"),
      f.make("C\"3", 2, Status::pending, "2024-06-30", "2024-06-30"),
  };
  f.obligations[3].trigger_event = {EventLabel::Kind::age, 0, 16};
  CHECK(f.write(ReportFormat::csv) ==
        "case_id,rule,rule_name,trigger_event,trigger_date,due,fulfilled_event,fulfilled_date,"
        "status,days_late\n"
        "\"C\"\"3\",T25,Visits,age 16,2024-06-30,2024-06-30,,,pending,\n"
        "\"C,2\",T18,Core groups every 6 weeks,strategy_discussion,2024-01-02,2024-02-13,,,"
        "missed,\n"
        "C1,T14,\"ICPCC within 15 working days, \"\"s47\"\" only\",strategy_discussion,"
        "2024-03-04,2024-03-25,icpcc,2024-03-22,met,\n"
        "C1,T14,\"ICPCC within 15 working days, \"\"s47\"\" only\",strategy_discussion,"
        "2024-04-01,2024-04-22,icpcc,2024-04-25,late,3\n");
}

TEST_CASE("by keys add one CSV column each: the due month or a cases-file column", "[report]") {
  Fixture f;
  f.obligations = {
      f.make("C1", 0, Status::met, "2024-03-04", "2024-03-25", "2024-03-22"),
      f.make("C,2", 1, Status::missed, "2024-01-02", "2024-02-13"),
  };
  CHECK(f.write(ReportFormat::csv, {"team", "month", "worker"}) ==
        "case_id,rule,rule_name,trigger_event,trigger_date,due,fulfilled_event,fulfilled_date,"
        "status,days_late,team,month,worker\n"
        "\"C,2\",T18,Core groups every 6 weeks,strategy_discussion,2024-01-02,2024-02-13,,,"
        "missed,,,2024-02,\n"
        "C1,T14,\"ICPCC within 15 working days, \"\"s47\"\" only\",strategy_discussion,"
        "2024-03-04,2024-03-25,icpcc,2024-03-22,met,,north,2024-03,\"Ann, B\"\n");
}

TEST_CASE("an obligations report with no obligations is its header alone", "[report]") {
  Fixture f;
  CHECK(f.write(ReportFormat::csv) ==
        "case_id,rule,rule_name,trigger_event,trigger_date,due,fulfilled_event,fulfilled_date,"
        "status,days_late\n");
  CHECK(f.write(ReportFormat::json_lines).empty());
}

TEST_CASE("JSON Lines: one object per obligation, the CSV's keys in order, null for nothing",
          "[report]") {
  Fixture f;
  f.obligations = {
      f.make("C1", 0, Status::late, "2024-04-01", "2024-04-22", "2024-04-25"),
      f.make("C\"3", 1, Status::missed, "2024-01-02", "2024-02-13"),
  };
  const std::string text = f.write(ReportFormat::json_lines, {"team", "month"});
  CHECK(text ==
        "{\"case_id\":\"C\\\"3\",\"rule\":\"T18\",\"rule_name\":\"Core groups every 6 weeks\","
        "\"trigger_event\":\"strategy_discussion\",\"trigger_date\":\"2024-01-02\",\"due\":"
        "\"2024-02-13\",\"fulfilled_event\":null,\"fulfilled_date\":null,\"status\":\"missed\","
        "\"days_late\":null,\"team\":\"south\",\"month\":\"2024-02\"}\n"
        "{\"case_id\":\"C1\",\"rule\":\"T14\",\"rule_name\":\"ICPCC within 15 working days, "
        "\\\"s47\\\" only\",\"trigger_event\":\"strategy_discussion\",\"trigger_date\":"
        "\"2024-04-01\",\"due\":\"2024-04-22\",\"fulfilled_event\":\"icpcc\",\"fulfilled_date\":"
        "\"2024-04-25\",\"status\":\"late\",\"days_late\":3,\"team\":\"north\",\"month\":"
        "\"2024-04\"}\n");

  // And any JSON reader agrees.
  std::istringstream lines(text);
  std::string line;
  std::vector<nlohmann::ordered_json> objects;
  while (std::getline(lines, line)) objects.push_back(nlohmann::ordered_json::parse(line));
  REQUIRE(objects.size() == 2);
  std::vector<std::string> keys;
  for (const auto& item : objects[0].items()) keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"case_id", "rule", "rule_name", "trigger_event",
                                         "trigger_date", "due", "fulfilled_event", "fulfilled_date",
                                         "status", "days_late", "team", "month"});
  CHECK(objects[1]["days_late"] == 3);
  CHECK(objects[1]["rule_name"] == "ICPCC within 15 working days, \"s47\" only");
  CHECK(objects[0]["case_id"] == "C\"3");
  CHECK(objects[0]["fulfilled_date"].is_null());
}

TEST_CASE("JSON strings escape control characters", "[report]") {
  Policy::Parts parts;
  parts.name = "x";
  parts.calendar = std::make_shared<WorkingDayCalendar>(
      "england_and_wales", std::make_shared<EnglandAndWalesCalendar>());
  parts.event_types = {{"visit", {}, {}}};
  Rule r;
  r.id = "R1";
  r.name = "tab\there\\back";
  parts.rules = {r};
  Fixture f(std::make_shared<const Policy>(PolicyKey{}, std::move(parts)));
  f.obligations = {f.make("C1", 0, Status::pending, "2024-06-30", "2024-07-01")};
  const std::string text = f.write(ReportFormat::json_lines);
  CHECK(text.find("\"rule_name\":\"tab\\there\\\\back\"") != std::string::npos);
  CHECK(nlohmann::json::parse(text)["rule_name"] == "tab\there\\back");
}

TEST_CASE("the summary table: the run, then per rule its counts and compliance", "[report]") {
  Fixture f;
  f.obligations = {
      f.make("C1", 0, Status::met, "2024-03-04", "2024-03-25", "2024-03-22"),
      f.make("C1", 0, Status::late, "2024-04-01", "2024-04-22", "2024-04-25"),
      f.make("C,2", 0, Status::missed, "2024-01-02", "2024-02-13"),
      f.make("C\"3", 1, Status::pending, "2024-06-30", "2024-07-30"),
      f.make("C\"3", 1, Status::lapsed, "2024-04-30", "2024-05-30"),
  };
  duly_test::check_golden(f.write(ReportFormat::table), golden_report / "summary.table.golden");
}

TEST_CASE("the summary groups each rule's rows by the --by keys together", "[report]") {
  Fixture f;
  f.obligations = {
      f.make("C1", 0, Status::met, "2024-03-04", "2024-03-25", "2024-03-22"),
      f.make("C1", 0, Status::late, "2024-04-01", "2024-04-22", "2024-04-25"),
      f.make("C,2", 0, Status::missed, "2024-01-02", "2024-03-13"),
      f.make("C\"3", 1, Status::met, "2024-06-01", "2024-06-30", "2024-06-02"),
  };
  const std::string text = f.write(ReportFormat::table, {"team", "month"});
  duly_test::check_golden(text.substr(text.find("rule ")),
                          golden_report / "summary.by_team_month.table.golden");
}

TEST_CASE("an indicator's figure is repeats of instances, with the percentage", "[report]") {
  CHECK(indicator_text(IndicatorCounts{}) == "-");
  CHECK(indicator_text(IndicatorCounts{40, 3}) == "3 of 40 (7.5%)");
  CHECK(indicator_text(IndicatorCounts{16, 1}) == "1 of 16 (6.3%)");  // 6.25: half up
  CHECK(indicator_text(IndicatorCounts{3, 2}) == "2 of 3 (66.7%)");
  CHECK(indicator_text(IndicatorCounts{5, 0}) == "0 of 5 (0.0%)");
  CHECK(indicator_text(IndicatorCounts{4, 4}) == "4 of 4 (100.0%)");
  IndicatorCounts counts;
  counts.add(false);
  counts.add(true);
  CHECK(indicator_text(counts) == "1 of 2 (50.0%)");
}

namespace {

// Five instances of T51 in three cases (two of them repeats), none of T52, one obligation.
Fixture indicator_fixture() {
  Fixture f(indicator_policy());
  f.obligations = {f.make("C1", 0, Status::met, "2024-03-04", "2024-03-25", "2024-03-22")};
  f.indicator_rows = {
      f.instance("C1", 0, "2022-03-01", false),  f.instance("C1", 0, "2022-03-20", true),
      f.instance("C,2", 0, "2023-05-02", false), f.instance("C\"3", 0, "2021-12-01", false),
      f.instance("C\"3", 0, "2023-05-20", true),
  };
  return f;
}

}  // namespace

TEST_CASE("the summary's indicators follow the rules, before the closing line", "[report]") {
  Fixture f = indicator_fixture();
  const std::string text = f.write(ReportFormat::table);
  duly_test::check_golden(text.substr(text.find("rule ")),
                          golden_report / "indicators.table.golden");

  // A policy without indicators has no section (the other summary tests pin that exactly).
  Fixture plain;
  CHECK(plain.write(ReportFormat::table).find("indicator") == std::string::npos);
}

TEST_CASE("the indicators' groups: month of the start, cases-file columns, (none), sorted",
          "[report]") {
  Fixture f = indicator_fixture();
  std::string text = f.write(ReportFormat::table, {"team", "month"});
  duly_test::check_golden(text.substr(text.find("indicator ")),
                          golden_report / "indicators.by_team_month.table.golden");
  text = f.write(ReportFormat::table, {"month"});
  duly_test::check_golden(text.substr(text.find("indicator ")),
                          golden_report / "indicators.by_month.table.golden");
  // The rules' groups are untouched by the indicator rows: month is still the due date's.
  CHECK(text.find("\n         2024-03                                   1     0       0        0"
                  "       0  100.0% (1/1)\n") != std::string::npos);
}

TEST_CASE("the obligations reports have no place for indicator rows and ignore them", "[report]") {
  Fixture with = indicator_fixture();
  Fixture without = indicator_fixture();
  without.indicator_rows.clear();
  CHECK(with.write(ReportFormat::csv, {"month"}) == without.write(ReportFormat::csv, {"month"}));
  CHECK(with.write(ReportFormat::json_lines) == without.write(ReportFormat::json_lines));
  CHECK(with.write(ReportFormat::csv).find("T51") == std::string::npos);
}

TEST_CASE("the table cuts names longer than 60 columns at a word, CSV keeps them whole",
          "[report]") {
  Policy::Parts parts = report_parts();
  const std::vector<std::string> names = {
      // The cut falls on a space: the first 59 characters are whole words.
      "Regulation 24 placements: visits every week until the first review, every 4 weeks "
      "until the carer is approved, then every 6 weeks",
      // The cut falls inside a word after a comma: the comma goes too; é is one column.
      "Réunion of the core group with the family and the children, as agreed at conference",
      std::string(60, 'x'),  // exactly 60: kept whole
      std::string(70, 'y'),  // one word too long: cut inside it
  };
  parts.rules.resize(names.size());
  for (std::size_t r = 0; r < names.size(); ++r) {
    parts.rules[r].id = "R" + std::to_string(r + 1);
    parts.rules[r].name = names[r];
  }
  Fixture f(std::make_shared<const Policy>(PolicyKey{}, std::move(parts)));
  // After the widest name: two spaces between columns, two more as `0` is right-aligned under
  // `met`.
  const std::string padding = "    ";
  const std::string text = f.write(ReportFormat::table);
  CHECK(text.find("R1     Regulation 24 placements: visits every week until the first…" + padding +
                  "0") != std::string::npos);
  CHECK(text.find("R2     Réunion of the core group with the family and the children… " + padding +
                  "0") != std::string::npos);
  CHECK(text.find("R3     " + std::string(60, 'x') + padding + "0") != std::string::npos);
  CHECK(text.find("R4     " + std::string(59, 'y') + "…" + padding + "0") != std::string::npos);

  f.obligations = {f.make("C1", 0, Status::met, "2024-03-04", "2024-03-25", "2024-03-22")};
  CHECK(f.write(ReportFormat::csv).find(",\"" + names[0] + "\",") != std::string::npos);

  // A group's label is cut the same way, its indent kept.
  Fixture g;
  g.timeline = [&] {
    TimelineBuilder builder(g.policy);
    builder.add_case("C1", std::nullopt,
                     {{"team",
                       "North and west locality, assessment and "
                       "intervention team number two"}});
    return builder.finish();
  }();
  g.obligations = {g.make("C1", 0, Status::met, "2024-03-04", "2024-03-25", "2024-03-22")};
  CHECK(g.write(ReportFormat::table, {"team"})
            .find("\n         North and west locality, assessment and intervention team…  ") !=
        std::string::npos);
}

TEST_CASE("the run description names the counting convention in force", "[report]") {
  RunDescription run;
  run.policy_name = "P";
  run.policy_file = "p.policy";
  run.as_of = day("2024-01-31");
  run.count_trigger_day = true;
  run.calendar = "england_and_wales";
  CHECK(render_run_description(run) ==
        "policy    P (p.policy)\n"
        "as of     2024-01-31\n"
        "counting  trigger day counted as day 1\n"
        "calendar  england_and_wales\n");
}

TEST_CASE("by keys that are already columns are refused, but month is not", "[report]") {
  CHECK(is_reserved_by_key("status"));
  CHECK(is_reserved_by_key("case_id"));
  CHECK_FALSE(is_reserved_by_key("month"));
  CHECK_FALSE(is_reserved_by_key("team"));
}

TEST_CASE("the obligations writers keep up with a million obligations a second",
          "[.][report-speed]") {
  Fixture f;
  const auto base = f.make("C1", 0, Status::late, "2024-04-01", "2024-04-22", "2024-04-25");
  std::vector<Obligation> batch(1000, base);
  // Counts what it is given and keeps nothing, so the writer alone is timed.
  struct CountingBuffer : std::streambuf {
    std::size_t bytes = 0;
    std::streamsize xsputn(const char*, std::streamsize n) override {
      bytes += static_cast<std::size_t>(n);
      return n;
    }
    int overflow(int c) override {
      ++bytes;
      return c;
    }
  };
  for (auto format : {ReportFormat::csv, ReportFormat::json_lines}) {
    CountingBuffer buffer;
    std::ostream out(&buffer);
    ReportSettings settings;
    settings.format = format;
    settings.by = {"team", "month"};
    auto writer = make_report_writer(settings, *f.policy, {}, out);
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 2000; ++i) writer->add_case(f.timeline, batch);
    writer->finish();
    const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
    WARN((format == ReportFormat::csv ? "csv: " : "json: ")
         << 2.0 / seconds.count() << "M obligations/s, " << buffer.bytes << " bytes");
    CHECK(seconds.count() < 2.0);
  }
}

TEST_CASE("period keys: ISO weeks across a year's end, financial years April to March",
          "[report]") {
  Fixture f;
  f.obligations = {
      f.make("C1", 0, Status::met, "2024-12-01", "2024-12-30", "2024-12-30"),  // 2025-W01
      f.make("C1", 0, Status::met, "2021-01-01", "2021-01-03", "2021-01-03"),  // 2020-W53
      f.make("C1", 0, Status::met, "2024-03-01", "2024-03-31", "2024-03-31"),  // 2023-24
      f.make("C1", 0, Status::met, "2024-03-01", "2024-04-01", "2024-04-01"),  // 2024-25
  };
  const std::string csv = f.write(ReportFormat::csv, {"week", "financial_year"});
  CHECK(csv.find(",2024-12-30,icpcc,2024-12-30,met,,2025-W01,2024-25\n") != std::string::npos);
  CHECK(csv.find(",2021-01-03,icpcc,2021-01-03,met,,2020-W53,2020-21\n") != std::string::npos);
  CHECK(csv.find(",2024-03-31,icpcc,2024-03-31,met,,2024-W13,2023-24\n") != std::string::npos);
  CHECK(csv.find(",2024-04-01,icpcc,2024-04-01,met,,2024-W14,2024-25\n") != std::string::npos);
  // Every financial year from the first to the last, the empty ones too.
  const std::string table = f.write(ReportFormat::table, {"financial_year"});
  for (const char* year : {"2020-21", "2021-22", "2022-23", "2023-24", "2024-25"})
    CHECK(table.find(std::string("\n         ") + year + " ") != std::string::npos);
  CHECK(is_period_key("week"));
  CHECK(!is_reserved_by_key("financial_year"));
  CHECK(is_reserved_by_key("days_left"));
}
