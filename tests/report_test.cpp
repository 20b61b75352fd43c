// The report writers on hand-built obligations: the obligations CSV (data.md's columns, RFC 4180
// quoting, empty cells, `--by` columns), JSON Lines (the same keys in the same order, null for
// nothing, days_late a number), the summary table (counts, compliance with its counts, `-` for
// no denominator, groups under each rule) and the run description every report states.
#include <duly/report.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <sstream>
#include <string>
#include <vector>

using namespace duly;

namespace {

Date day(const char* iso) { return *parse_iso_date(iso); }

std::shared_ptr<const Policy> report_policy() {
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
  return std::make_shared<const Policy>(std::move(parts));
}

struct Fixture {
  std::shared_ptr<const Policy> policy = report_policy();
  Timeline timeline;
  std::vector<Obligation> obligations;

  Fixture() {
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

  // Feeds the writer case by case, as the command line does.
  std::string write(ReportFormat format, std::vector<std::string> by = {}) {
    std::ostringstream out;
    ReportSettings settings;
    settings.format = format;
    settings.by = std::move(by);
    ReadReport read;
    read.inputs = {{"cases.csv", 3, 0}, {"events.csv", 1, 1}};
    auto writer =
        make_report_writer(settings, *policy, describe_run(*policy, day("2024-06-30"), read), out);
    for (std::uint32_t c = 0; c < timeline.cases().size(); ++c) {
      std::vector<Obligation> of_case;
      for (const auto& o : obligations)
        if (o.case_index == c) of_case.push_back(o);
      writer->add_case(timeline, of_case);
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

TEST_CASE("the obligations CSV has data.md's columns, quoting and empty cells", "[report]") {
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

TEST_CASE("--by adds one CSV column per key: the due month or a cases-file column", "[report]") {
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
  Fixture f;
  Policy::Parts parts;
  parts.name = "x";
  parts.calendar = std::make_shared<WorkingDayCalendar>(
      "england_and_wales", std::make_shared<EnglandAndWalesCalendar>());
  parts.event_types = {{"visit", {}, {}}};
  Rule r;
  r.id = "R1";
  r.name = "tab\there\\back";
  parts.rules = {r};
  f.policy = std::make_shared<const Policy>(std::move(parts));
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
  CHECK(f.write(ReportFormat::table) ==
        "policy    Report test (report.policy)\n"
        "as of     2024-06-30\n"
        "counting  trigger day not counted\n"
        "calendar  england_and_wales\n"
        "input     cases.csv (3 rows)\n"
        "input     events.csv (1 row, 1 rejected)\n"
        "\n"
        "rule  name                                      met  late  missed  pending  lapsed  "
        "compliance\n"
        "T14   ICPCC within 15 working days, \"s47\" only    1     1       1        0       0  "
        "33.3% (1/3)\n"
        "T18   Core groups every 6 weeks                   0     0       0        1       1  -\n"
        "T25   Visits                                      0     0       0        0       0  -\n"
        "\n"
        "3 cases, 5 obligations\n");
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
  CHECK(text.substr(text.find("rule ")) ==
        "rule  name / team, month                        met  late  missed  pending  lapsed  "
        "compliance\n"
        "T14   ICPCC within 15 working days, \"s47\" only    1     1       1        0       0  "
        "33.3% (1/3)\n"
        "        (none), 2024-03                           0     0       1        0       0  "
        "0.0% (0/1)\n"
        "        north, 2024-03                            1     0       0        0       0  "
        "100.0% (1/1)\n"
        "        north, 2024-04                            0     1       0        0       0  "
        "0.0% (0/1)\n"
        "T18   Core groups every 6 weeks                   1     0       0        0       0  "
        "100.0% (1/1)\n"
        "        south, 2024-06                            1     0       0        0       0  "
        "100.0% (1/1)\n"
        "T25   Visits                                      0     0       0        0       0  -\n"
        "\n"
        "3 cases, 4 obligations\n");
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

TEST_CASE("--by keys that are already columns are refused; month is not", "[report]") {
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
