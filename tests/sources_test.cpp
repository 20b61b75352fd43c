// Reading events and cases files (docs/cli.md, "Data in"): RFC 4180 CSV, JSON Lines, date styles,
// and bad rows. Files whose exact bytes matter (CRLF, a byte order mark) are written by the tests;
// the bad files live in tests/golden/data/ beside the exact diagnostics they must produce.
#include <duly/collected_timeline.hpp>
#include <duly/sources.hpp>
#include <duly/timeline_csv.hpp>

#include "engine/check/policy_key.hpp"

#include "tests/support/golden.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace duly;
namespace fs = std::filesystem;

namespace {

ReadOptions uk_dates() {
  ReadOptions options;
  options.dates = DateStyle::uk;
  return options;
}

}  // namespace

namespace {

Date day(const char* iso) { return *parse_iso_date(iso); }

std::shared_ptr<const Policy> small_policy() {
  Policy::Parts parts;
  parts.name = "test";
  parts.attribute_names = {"outcome", "seen_alone", "at_home", "score", "note"};
  parts.event_types = {
      {"strategy_discussion", {0}, {}}, {"icpcc", {0}, {}}, {"visit", {1, 2, 3, 4}, {}}};
  parts.case_attributes = {{"team", {}}};
  return std::make_shared<const Policy>(PolicyKey{}, std::move(parts));
}

// A file with exactly these bytes, in a directory of this test run.
fs::path write_file(const std::string& name, const std::string& bytes) {
  fs::path dir = fs::temp_directory_path() / "duly_sources_test";
  fs::create_directories(dir);
  fs::path file = dir / name;
  std::ofstream(file, std::ios::binary) << bytes;
  return file;
}

struct Read {
  std::shared_ptr<const Policy> policy = small_policy();
  TimelineBuilder builder{policy};
  ReadReport report;
  Timeline timeline;

  const Case* find_case(std::string_view id) const {
    for (const Case& c : timeline.cases())
      if (c.id == id) return &c;
    return nullptr;
  }
  // The text of an attribute of the i-th event of a case, or "<absent>".
  std::string attribute(std::string_view id, std::size_t i, const char* name) const {
    const Case* c = find_case(id);
    REQUIRE(c);
    REQUIRE(i < c->event_count);
    const Value* v = timeline.find(timeline.events_of(*c)[i], *policy->find_attribute(name));
    return v ? std::string(v->text) : "<absent>";
  }
  std::string type(std::string_view id, std::size_t i) const {
    return policy->event_types()[timeline.events_of(*find_case(id))[i].type].name;
  }
};

}  // namespace

TEST_CASE("CSV events: quoting, CRLF, a byte order mark and columns in any order", "[sources]") {
  Read r;
  const std::string csv =
      "\xEF\xBB\xBF"
      "date,note,event,case_id,recorded,outcome,seen_alone\r\n"
      "2024-03-04,,strategy_discussion,C0001,2024-03-05,s47,\r\n"
      "2024-03-28,\"said \"\"hello\"\", then left\",visit,C0001,,,true\r\n"
      "2024-03-22,\"two\r\nlines\",icpcc,\"C0001\",2024-03-25,plan,\r\n"
      "2024-03-29,\"a, b\",visit,C0002,,,\"\"";  // no final newline
  read_events_file(write_file("good.csv", csv), r.builder, r.report);
  INFO(render(r.report.errors));
  REQUIRE(r.report.ok());
  r.timeline = r.builder.finish();
  REQUIRE(r.report.inputs.size() == 1);
  CHECK(r.report.inputs[0].rows == 4);
  CHECK(r.report.inputs[0].rejected == 0);

  REQUIRE(r.timeline.cases().size() == 2);
  const Case& c1 = *r.find_case("C0001");
  REQUIRE(c1.event_count == 3);
  CHECK(r.type("C0001", 0) == "strategy_discussion");
  CHECK(r.timeline.events_of(c1)[0].date == day("2024-03-04"));
  CHECK(r.timeline.events_of(c1)[0].recorded == day("2024-03-05"));
  CHECK(r.attribute("C0001", 0, "outcome") == "s47");
  CHECK(r.attribute("C0001", 0, "seen_alone") == "<absent>");  // empty cell
  CHECK(r.attribute("C0001", 0, "note") == "<absent>");
  CHECK(r.type("C0001", 1) == "icpcc");
  CHECK(r.attribute("C0001", 1, "note") == "two\r\nlines");  // a line break inside quotes
  CHECK(r.type("C0001", 2) == "visit");
  CHECK(r.attribute("C0001", 2, "note") == "said \"hello\", then left");
  CHECK(r.attribute("C0001", 2, "seen_alone") == "true");
  CHECK(r.timeline.events_of(c1)[2].recorded == no_date);
  CHECK(r.attribute("C0002", 0, "note") == "a, b");
  CHECK(r.attribute("C0002", 0, "seen_alone") == "<absent>");  // "" is empty too
}

TEST_CASE("CSV: LF line ends, blank lines skipped, recorded column optional", "[sources]") {
  Read r;
  read_events_file(write_file("lf.csv",
                              "case_id,event,date\n"
                              "C1,visit,2024-01-02\n"
                              "\n"
                              "C1,visit,2024-01-01\n"
                              "\n"),
                   r.builder, r.report);
  REQUIRE(r.report.ok());
  CHECK(r.report.inputs[0].rows == 2);
  r.timeline = r.builder.finish();
  REQUIRE(r.timeline.events().size() == 2);
  CHECK(r.timeline.events()[0].date == day("2024-01-01"));
  CHECK(r.timeline.events()[0].row == 1);
}

TEST_CASE("events of several files are ordered by date, then input row", "[sources]") {
  Read r;
  read_events_file(write_file("first.csv",
                              "case_id,event,date,outcome\n"
                              "C1,icpcc,2024-03-22,first file\n"
                              "C2,visit,2024-03-01,\n"),
                   r.builder, r.report);
  read_events_file(write_file("second.jsonl",
                              "{\"case_id\":\"C1\",\"event\":\"strategy_discussion\","
                              "\"date\":\"2024-03-22\",\"outcome\":\"second file\"}\n"
                              "{\"case_id\":\"C1\",\"event\":\"visit\",\"date\":\"2024-03-21\"}\n"),
                   r.builder, r.report);
  REQUIRE(r.report.ok());
  REQUIRE(r.report.inputs.size() == 2);
  CHECK(r.report.inputs[1].file.ends_with("second.jsonl"));
  CHECK(r.report.inputs[1].rows == 2);
  r.timeline = r.builder.finish();
  CHECK(r.type("C1", 0) == "visit");
  CHECK(r.attribute("C1", 1, "outcome") == "first file");
  CHECK(r.attribute("C1", 2, "outcome") == "second file");
  CHECK(r.timeline.events_of(*r.find_case("C1"))[2].row == 2);
}

TEST_CASE("JSON Lines: strings, numbers as written, booleans, null", "[sources]") {
  Read r;
  read_events_file(
      write_file("good.ndjson",
                 "{\"case_id\": \"C1\", \"event\": \"visit\", \"date\": \"2024-03-28\", "
                 "\"seen_alone\": true, \"at_home\": false, \"score\": 3.50, \"note\": null}\n"
                 "\n"
                 "  {\"event\":\"visit\",\"date\":\"2024-03-29\",\"case_id\":42,"
                 "\"score\":-1e3,\"note\":\"caf\\u00e9 \\\"ok\\\"\\n\",\"unknown\":[1,2]}  \r\n"
                 "{\"case_id\":\"C1\",\"event\":\"icpcc\",\"date\":\"2024-03-30\","
                 "\"recorded\":null,\"outcome\":3}"),
      r.builder, r.report);
  // "unknown" is an attribute no policy declares, but an array is still not a value.
  INFO(render(r.report.errors));
  REQUIRE(r.report.errors.size() == 1);
  CHECK(render(r.report.errors[0])
            .ends_with(":3:104: error: \"unknown\" must be a string, a number or a boolean\n"));
  CHECK(r.report.inputs[0].rows == 3);
  CHECK(r.report.inputs[0].rejected == 1);
  r.timeline = r.builder.finish();
  CHECK(r.attribute("C1", 0, "seen_alone") == "true");
  CHECK(r.attribute("C1", 0, "at_home") == "false");
  CHECK(r.attribute("C1", 0, "score") == "3.50");
  CHECK(r.attribute("C1", 0, "note") == "<absent>");
  CHECK(r.attribute("C1", 1, "outcome") == "3");
  CHECK(r.timeline.events_of(*r.find_case("C1"))[1].recorded == no_date);

  Read again;
  read_events_file(write_file("numbers.jsonl",
                              "{\"event\":\"visit\",\"date\":\"2024-03-29\",\"case_id\":42,"
                              "\"score\":-1e3,\"note\":\"caf\\u00e9 \\\"ok\\\"\\n\"}\n"),
                   again.builder, again.report);
  REQUIRE(again.report.ok());
  again.timeline = again.builder.finish();
  CHECK(again.attribute("42", 0, "score") == "-1e3");
  CHECK(again.attribute("42", 0, "note") == "caf\xC3\xA9 \"ok\"\n");
}

TEST_CASE("UK dates are accepted only with DateStyle::uk", "[sources]") {
  const std::string csv =
      "case_id,event,date,recorded\n"
      "C1,visit,04/03/2024,5/3/2024\n"
      "C1,visit,2024-03-06,\n";
  Read iso;
  read_events_file(write_file("uk.csv", csv), iso.builder, iso.report);
  REQUIRE(iso.report.errors.size() == 1);
  CHECK(iso.report.errors[0].message ==
        "date \"04/03/2024\" is not a date (expected YYYY-MM-DD; it looks like DD/MM/YYYY, "
        "which --dates uk reads)");

  Read uk;
  read_events_file(write_file("uk.csv", csv), uk.builder, uk.report, uk_dates());
  REQUIRE(uk.report.ok());
  uk.timeline = uk.builder.finish();
  auto events = uk.timeline.events_of(uk.timeline.cases()[0]);
  REQUIRE(events.size() == 2);
  CHECK(events[0].date == day("2024-03-04"));
  CHECK(events[0].recorded == day("2024-03-05"));
  CHECK(events[1].date == day("2024-03-06"));

  Read impossible;
  read_events_file(write_file("uk_bad.csv", "case_id,event,date\nC1,visit,31/02/2024\n"),
                   impossible.builder, impossible.report, uk_dates());
  REQUIRE(impossible.report.errors.size() == 1);
  CHECK(impossible.report.errors[0].message == "date \"31/02/2024\" is not a date");
}

TEST_CASE("cases file: date of birth, attributes, unknown cases", "[sources]") {
  Read r;
  read_cases_file(write_file("cases.csv",
                             "case_id,team,date_of_birth,worker\n"
                             "C1,North,2015-06-01,Ana\n"
                             "C2,,,\"Bo, Jr\"\n"),
                  r.builder, r.report);
  read_events_file(write_file("events.csv",
                              "case_id,event,date\n"
                              "C1,visit,2024-03-01\n"
                              "C3,visit,2024-03-01\n"
                              "C3,icpcc,2024-03-02\n"
                              "C4,meeting,2024-03-02\n"
                              "C4,meeting,2024-03-03\n"),
                   r.builder, r.report);
  REQUIRE(r.report.ok());
  CHECK(r.report.undeclared_events == 2);
  r.timeline = r.builder.finish();
  CHECK(r.builder.events_of_unknown_cases() == 2);
  REQUIRE(r.timeline.cases().size() == 3);
  const Case& c1 = *r.find_case("C1");
  CHECK(c1.date_of_birth == day("2015-06-01"));
  CHECK(c1.attributes[0]->text == "North");
  CHECK(r.timeline.case_column(c1, "worker") == "Ana");
  const Case& c2 = *r.find_case("C2");
  CHECK_FALSE(c2.date_of_birth);
  CHECK_FALSE(c2.attributes[0]);
  CHECK(r.timeline.case_column(c2, "worker") == "Bo, Jr");
  CHECK_FALSE(r.find_case("C3")->in_cases_file);
}

TEST_CASE("a file that cannot be opened is an error", "[sources]") {
  Read r;
  read_events_file("no/such/events.csv", r.builder, r.report);
  REQUIRE(r.report.errors.size() == 1);
  CHECK(render(r.report.errors[0]) ==
        "no/such/events.csv: error: cannot open the file: No such file or directory\n");
  REQUIRE(r.report.inputs.size() == 1);
  CHECK(r.report.inputs[0].rows == 0);
}

TEST_CASE("bad rows are rejected verbatim with their reason, good rows kept", "[sources]") {
  Read r;
  const std::string csv =
      "case_id,event,date,note\r\n"
      "C1,visit,2024-03-01,fine\r\n"
      "C1,visit,2024-02-30,\"a note\r\nover two lines\"\r\n"
      "C1,visit,2024-03-02,\"never closed\r\n"
      "C2,visit,2024-03-03,fine\r\n"
      ",visit,2024-03-04,\r\n";
  read_events_file(write_file("mixed.csv", csv), r.builder, r.report);
  REQUIRE(r.report.rejected.size() == 3);
  REQUIRE(r.report.errors.size() == 3);
  CHECK(r.report.inputs[0].rows == 5);
  CHECK(r.report.inputs[0].rejected == 3);

  CHECK(r.report.rejected[0].line == 3);
  CHECK(r.report.rejected[0].text == "C1,visit,2024-02-30,\"a note\r\nover two lines\"");
  CHECK(r.report.rejected[0].reason == "date \"2024-02-30\" is not a date");
  CHECK(r.report.rejected[1].line == 5);
  CHECK(r.report.rejected[1].text == "C1,visit,2024-03-02,\"never closed");
  CHECK(r.report.rejected[1].reason == "unterminated quoted cell");
  CHECK(r.report.rejected[2].line == 7);
  CHECK(r.report.rejected[2].text == ",visit,2024-03-04,");
  CHECK(r.report.rejected[2].reason == "case_id is missing");
  CHECK(r.report.rejected[0].file == r.report.inputs[0].file);

  CHECK(render(r.report.errors[1]).ends_with("mixed.csv:5:21: error: unterminated quoted cell\n"));
  r.timeline = r.builder.finish();
  CHECK(r.timeline.events().size() == 2);  // C1 on 1 March and C2
}

TEST_CASE("a long quoted cell spanning read blocks", "[sources]") {
  Read r;
  std::string note(3 << 20, 'x');  // longer than a read block
  note[1000] = '\n';
  std::string csv = "case_id,event,date,note\nC1,visit,2024-03-01,\"" + note + "\"\n";
  for (int i = 0; i < 50000; ++i) csv += "C2,visit,2024-03-02,\"n\"\"" + std::to_string(i) + "\"\n";
  csv += "C3,visit,2024-03-02,last\n";
  read_events_file(write_file("long.csv", csv), r.builder, r.report);
  REQUIRE(r.report.ok());
  r.timeline = r.builder.finish();
  CHECK(r.attribute("C1", 0, "note") == note);
  CHECK(r.attribute("C2", 49999, "note") == "n\"49999");
  CHECK(r.attribute("C3", 0, "note") == "last");
}

// Every file in tests/golden/data/ beside its .golden diagnostics. Files named cases_* are
// cases files; the rest are events files.
TEST_CASE("columns in messages count characters, not bytes", "[sources]") {
  Read r;
  // `é` is two bytes: the date cell is the 10th character but the 11th byte.
  read_events_file(write_file("accents.csv",
                              "case_id,event,date\nCé,visit,2024-02-30\n"
                              "Cé2,\"vi\nsé\",2024-02-31\n"),
                   r.builder, r.report);
  REQUIRE(r.report.errors.size() == 2);
  CHECK(r.report.errors[0].position.line == 2);
  CHECK(r.report.errors[0].position.column == 10);
  // On the second physical line of a row, counted from that line's start.
  CHECK(r.report.errors[1].position.line == 4);
  CHECK(r.report.errors[1].position.column == 5);
}

TEST_CASE("golden bad data files give exactly the expected diagnostics", "[sources]") {
  const fs::path dir = fs::path(DULY_SOURCE_DIR) / "tests" / "golden" / "data";
  std::vector<fs::path> inputs;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() != ".golden") inputs.push_back(entry.path());
  std::sort(inputs.begin(), inputs.end());
  CHECK(inputs.size() >= 6);
  for (const fs::path& input : inputs) {
    Read r;
    ReadOptions options;
    if (input.filename().string().find("_uk") != std::string::npos) options.dates = DateStyle::uk;
    if (input.filename().string().starts_with("cases_"))
      read_cases_file(input, r.builder, r.report, options);
    else
      read_events_file(input, r.builder, r.report, options);
    std::string actual = render(r.report.errors);
    // Positions name the file as given; the expected text names it relative to the folder.
    const std::string prefix = (dir / "").string();
    for (std::size_t at; (at = actual.find(prefix)) != std::string::npos;)
      actual.erase(at, prefix.size());
    duly_test::check_golden(actual, duly_test::golden_of(input));
    CHECK_FALSE(r.report.errors.empty());
  }
}

TEST_CASE("reading speed, reported, not asserted", "[.][timing]") {
  std::string csv = "case_id,event,date,recorded,outcome,seen_alone,at_home\n";
  const int n = 1000000;
  for (int i = 0; i < n; ++i) {
    csv += "C" + std::to_string(100000 + i % 50000) + (i % 3 ? ",visit," : ",icpcc,") +
           to_iso_string(day("2023-01-01") + i % 700) + "," +
           to_iso_string(day("2023-01-02") + i % 700) + (i % 3 ? ",," : ",plan,") +
           (i % 3 ? "true,yes\n" : ",\n");
  }
  const fs::path file = write_file("timing.csv", csv);
  Read r;
  auto start = std::chrono::steady_clock::now();
  read_events_file(file, r.builder, r.report);
  r.timeline = r.builder.finish();
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  WARN(n << " events (" << csv.size() / 1e6 << " MB) read in " << seconds
         << " s: " << n / seconds / 1e6 << " million events per second");
  CHECK(r.timeline.events().size() == static_cast<std::size_t>(n));
}

TEST_CASE("dates in files read exactly as parse_iso_date reads them", "[sources]") {
  std::vector<std::string> texts = {"2000-02-29", "1900-02-29", "2024-02-29", "2023-02-29",
                                    "1399-12-31", "1400-01-01", "9999-12-31", "2024-04-31",
                                    "2024-00-10", "2024-13-01", "2024-12-00", "1969-12-31"};
  for (Date d = day("1890-01-01"); d < day("2110-01-01"); d = d + 37)
    texts.push_back(to_iso_string(d));
  std::string csv = "case_id,event,date,note\n";
  for (const auto& text : texts) csv += "C1,visit," + text + "," + text + "\n";
  Read r;
  read_events_file(write_file("dates.csv", csv), r.builder, r.report);
  r.timeline = r.builder.finish();
  std::size_t good = 0;
  for (const auto& text : texts)
    if (parse_iso_date(text)) ++good;
  CHECK(r.report.errors.size() == texts.size() - good);
  CHECK(r.timeline.events().size() == good);
  const AttributeId note = *r.policy->find_attribute("note");
  for (const Event& e : r.timeline.events()) {
    const Value* text = r.timeline.find(e, note);
    REQUIRE(text);
    CHECK(parse_iso_date(text->text) == e.date);
  }
}

TEST_CASE("CRLF rows across read block boundaries", "[sources]") {
  std::string csv = "case_id,event,date,note\r\n";
  const int n = 120000;  // about 4 MB: several read blocks, boundaries at every kind of byte
  for (int i = 0; i < n; ++i)
    csv += "C" + std::to_string(i % 97) + ",visit,2024-03-01,\"" + std::string(i % 13, 'a') +
           (i % 5 == 0 ? "\"\"" : "") + std::to_string(i) + "\"\r\n";
  Read r;
  read_events_file(write_file("crlf_blocks.csv", csv), r.builder, r.report);
  REQUIRE(r.report.ok());
  CHECK(r.report.inputs[0].rows == static_cast<std::size_t>(n));
  r.timeline = r.builder.finish();
  REQUIRE(r.timeline.events().size() == static_cast<std::size_t>(n));
  const AttributeId note = *r.policy->find_attribute("note");
  for (const Event& e : r.timeline.events()) {
    const int i = static_cast<int>(e.row);
    const std::string expected =
        std::string(i % 13, 'a') + (i % 5 == 0 ? "\"" : "") + std::to_string(i);
    if (r.timeline.find(e, note)->text != expected) FAIL("row " << i);
  }
}

TEST_CASE("a header alone is a file without rows", "[sources]") {
  Read r;
  read_events_file(write_file("header_only.csv",
                              "\xEF\xBB\xBF"
                              "case_id,event,date"),
                   r.builder, r.report);
  CHECK(r.report.ok());
  CHECK(r.report.inputs[0].rows == 0);
  Read j;
  read_events_file(write_file("empty.jsonl", "\n\n"), j.builder, j.report);
  CHECK(j.report.ok());
  CHECK(j.report.inputs[0].rows == 0);
}

TEST_CASE("every event keeps its file and first line, in CSV and in JSON Lines", "[sources]") {
  Read r;
  // Line 4 is a row whose quoted cell runs onto line 5; line 6 is blank.
  const auto csv = write_file("positions.csv",
                              "case_id,event,date,outcome\n"
                              "C1,strategy_discussion,2024-03-04,s47\n"
                              "C1,icpcc,2024-03-22,plan\n"
                              "C2,visit,2024-03-29,\"two\nlines\"\n"
                              "\n"
                              "C2,visit,2024-03-01,\n");
  const auto jsonl = write_file("positions.jsonl",
                                "{\"case_id\":\"C1\",\"event\":\"visit\",\"date\":\"2024-03-05\"}\n"
                                "\n"
                                "{\"case_id\":\"C2\",\"event\":\"visit\",\"date\":\"2024-03-30\"}\n");
  read_events_file(csv, r.builder, r.report);
  read_events_file(jsonl, r.builder, r.report);
  REQUIRE(r.report.ok());
  r.timeline = r.builder.finish();
  auto where = [&](std::string_view id, std::size_t i) {
    const DataPosition at = r.timeline.position_of(r.timeline.events_of(*r.find_case(id))[i]);
    CHECK(at.path.empty());
    return fs::path(at.file).filename().string() + ":" + std::to_string(at.line);
  };
  CHECK(where("C1", 0) == "positions.csv:2");
  CHECK(where("C1", 1) == "positions.jsonl:1");  // 2024-03-05, between the two CSV rows
  CHECK(where("C1", 2) == "positions.csv:3");
  CHECK(where("C2", 0) == "positions.csv:7");
  CHECK(where("C2", 1) == "positions.csv:4");
  CHECK(where("C2", 2) == "positions.jsonl:3");
  CHECK(r.timeline.inputs().size() == 2);
}

TEST_CASE("a CollectedTimeline keeps every event as read, and its CSV reads back the same",
          "[sources]") {
  const auto csv = write_file("collect.csv",
                              "case_id,event,date,recorded,note,unknown_column\n"
                              "C2,visit,2024-03-29,,\"a, \"\"b\"\"\",x\n"
                              "C1,not_declared_anywhere,2024-03-04,2024-03-05,,\n"
                              "C1,visit,2024-03-01,,\"two\nlines\",\n");
  const auto cases = write_file("collect_cases.csv", "case_id,date_of_birth,team\nC1,2015-01-02,north\n");
  CollectedTimeline first;
  ReadReport report;
  read_cases_file(cases, first, report);
  read_events_file(csv, first, report);
  REQUIRE(report.ok());
  CHECK(report.undeclared_events == 0);  // no policy: every type is kept
  first.sort();
  REQUIRE(first.events().size() == 3);
  CHECK(first.events()[0].case_id == "C1");
  CHECK(first.events()[0].type == "visit");  // by date within the case
  CHECK(first.events()[0].line == 4);
  CHECK(first.events()[2].attributes ==
        CollectedTimeline::Attributes{{"note", "a, \"b\""}, {"unknown_column", "x"}});
  CHECK(first.event_attribute_names() == std::vector<std::string>{"note", "unknown_column"});

  std::ostringstream events_out, cases_out;
  write_events_csv(first, events_out);
  write_cases_csv(first, cases_out);
  CHECK(events_out.str() ==
        "case_id,event,date,recorded,note,unknown_column\n"
        "C1,visit,2024-03-01,,\"two\nlines\",\n"
        "C1,not_declared_anywhere,2024-03-04,2024-03-05,,\n"
        "C2,visit,2024-03-29,,\"a, \"\"b\"\"\",x\n");
  CHECK(cases_out.str() == "case_id,date_of_birth,team\nC1,2015-01-02,north\n");

  CollectedTimeline second;
  read_cases_file(write_file("again_cases.csv", cases_out.str()), second, report);
  read_events_file(write_file("again.csv", events_out.str()), second, report);
  REQUIRE(report.ok());
  second.sort();
  REQUIRE(second.events().size() == first.events().size());
  for (std::size_t i = 0; i < first.events().size(); ++i) {
    CHECK(second.events()[i].case_id == first.events()[i].case_id);
    CHECK(second.events()[i].type == first.events()[i].type);
    CHECK(second.events()[i].date == first.events()[i].date);
    CHECK(second.events()[i].recorded == first.events()[i].recorded);
    CHECK(second.events()[i].attributes == first.events()[i].attributes);
  }
  CHECK(second.cases().at(0).attributes == first.cases().at(0).attributes);
}

namespace {

// Everything a Timeline holds of its cases and events, as text: what a replay must reproduce.
std::string timeline_text(const Timeline& timeline) {
  const Policy& policy = *timeline.policy();
  std::ostringstream out;
  for (const Case& c : timeline.cases()) {
    out << c.id << " dob=" << (c.date_of_birth ? to_iso_string(*c.date_of_birth) : "-")
        << " in_cases_file=" << c.in_cases_file
        << " team=" << timeline.case_column(c, "team").value_or("-")
        << " worker=" << timeline.case_column(c, "worker").value_or("-") << "\n";
    for (const Event& e : timeline.events_of(c)) {
      const DataPosition at = timeline.position_of(e);
      out << "  " << policy.event_types()[e.type].name << " " << to_iso_string(e.date)
          << (e.recorded == no_date ? "" : " recorded " + to_iso_string(e.recorded)) << " at "
          << fs::path(at.file).filename().string() << ":" << at.line;
      for (const EventAttribute& a : timeline.attributes_of(e))
        out << " " << policy.attribute_names()[a.attribute] << "=" << timeline.value(a).text;
      out << "\n";
    }
  }
  return out.str();
}

}  // namespace

TEST_CASE("a CollectedTimeline replayed into a TimelineBuilder builds what reading the files does",
          "[sources]") {
  const auto cases = write_file("replay_cases.csv",
                                "case_id,team,date_of_birth,worker\n"
                                "C2,north,2015-06-01,Ana\n"
                                "C9,,,Bo\n");
  const auto csv = write_file("replay.csv",
                              "case_id,event,date,recorded,outcome,score\n"
                              "C2,visit,2024-03-29,,,7\n"
                              "C1,strategy_discussion,2024-03-04,2024-03-05,s47,\n"
                              "C1,meeting,2024-03-04,,,\n"
                              "C1,icpcc,2024-03-04,,plan,\n"
                              "C3,vist,2024-03-01,,,\n");
  const auto jsonl =
      write_file("replay.jsonl",
                 "{\"case_id\":\"C1\",\"event\":\"visit\",\"date\":\"2024-03-04\"}\n"
                 "{\"case_id\":\"C2\",\"event\":\"meeting\",\"date\":\"2024-03-30\"}\n");
  auto read_all = [&](TimelineSink& sink, ReadReport& report) {
    read_cases_file(cases, sink, report);
    read_events_file(csv, sink, report);
    read_events_file(jsonl, sink, report);
  };
  Read direct;
  read_all(direct.builder, direct.report);
  REQUIRE(direct.report.ok());
  direct.timeline = direct.builder.finish();

  CollectedTimeline collected;
  ReadReport read;
  read_all(collected, read);
  REQUIRE(read.ok());
  CHECK(read.undeclared_events == 0);

  // Replayed as read: the same timeline, event for event, and the same undeclared types counted.
  Read replayed;
  collected.replay(replayed.builder, replayed.report);
  CHECK(replayed.report.inputs.empty());  // the reading was reported once, by the reading
  CHECK(replayed.report.undeclared_events == direct.report.undeclared_events);
  CHECK(replayed.report.undeclared_types == direct.report.undeclared_types);
  CHECK(replayed.report.undeclared_types.at("meeting") == 2);
  replayed.timeline = replayed.builder.finish();
  CHECK(replayed.builder.events_of_unknown_cases() == direct.builder.events_of_unknown_cases());
  const std::string expected = timeline_text(direct.timeline);
  CHECK(timeline_text(replayed.timeline) == expected);
  CHECK(replayed.timeline.inputs() == direct.timeline.inputs());
  // The three events of C1 on 2024-03-04 keep the order read, whatever the file.
  CHECK(expected.find(
            "strategy_discussion 2024-03-04 recorded 2024-03-05 at replay.csv:3 outcome=s47\n"
            "  icpcc 2024-03-04 at replay.csv:5 outcome=plan\n"
            "  visit 2024-03-04 at replay.jsonl:1\n") != std::string::npos);

  // Replayed after sort(): the same cases and events in the same order.
  collected.sort();
  Read sorted;
  collected.replay(sorted.builder, sorted.report);
  CHECK(sorted.report.undeclared_types == direct.report.undeclared_types);
  sorted.timeline = sorted.builder.finish();
  CHECK(timeline_text(sorted.timeline) == expected);

  // Two builders for two policies from one reading: each counts what its own policy lacks.
  Policy::Parts parts;
  parts.name = "visits only";
  parts.event_types = {{"visit", {}, {}}, {"meeting", {}, {}}};
  TimelineBuilder visits(std::make_shared<const Policy>(PolicyKey{}, std::move(parts)));
  ReadReport visits_report;
  collected.replay(visits, visits_report);
  CHECK(visits_report.undeclared_types ==
        std::map<std::string, std::size_t, std::less<>>{
            {"icpcc", 1}, {"strategy_discussion", 1}, {"vist", 1}});
}

TEST_CASE("CSV text in memory reads as a file does, named as the host names it", "[sources]") {
  // Larger than a block, so that the reader goes back for more; a bad row in the middle.
  std::string events = "case_id,event,date,seen_alone\n";
  for (int i = 0; i < 20000; ++i)
    events += "C" + std::to_string(i % 50) + ",visit,2024-01-" + (i == 7000 ? std::string("32") : "10") +
              ",true\n";
  const std::string cases = "case_id,date_of_birth\nC1,2015-02-03\nC1,2016-01-01\n";
  CollectedTimeline from_text, from_file;
  ReadReport text_report, file_report;
  read_cases_csv_text(cases, "cases", from_text, text_report);
  read_events_csv_text(events, "events", from_text, text_report);
  const fs::path dir = fs::temp_directory_path() / "duly_csv_text_test";
  fs::create_directories(dir);
  std::ofstream(dir / "events.csv") << events;
  std::ofstream(dir / "cases.csv") << cases;
  read_cases_file(dir / "cases.csv", from_file, file_report);
  read_events_file(dir / "events.csv", from_file, file_report);
  std::ostringstream a, b;
  write_events_csv(from_text, a);
  write_events_csv(from_file, b);
  CHECK(a.str() == b.str());
  REQUIRE(text_report.errors.size() == 2);
  REQUIRE(file_report.errors.size() == 2);
  CHECK(render(text_report.errors[0]) == "cases:3:1: error: case_id \"C1\" appears twice (first on line 2)\n");
  CHECK(render(text_report.errors[1]) == "events:7002:10: error: date \"2024-01-32\" is not a date\n");
  CHECK(text_report.inputs[1].file == "events");
  CHECK(text_report.inputs[1].rows == 20000);
  CHECK(text_report.inputs[1].rejected == 1);
  CHECK(text_report.rejected[1].text == "C0,visit,2024-01-32,true");
  fs::remove_all(dir);
}
