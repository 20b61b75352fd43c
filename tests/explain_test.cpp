// `duly explain` (duly/explain.hpp): golden explanations of a working-day deadline across Easter,
// a month clamp, a notice, a recurrence that lapses with its period and a recording rule; the
// same obligations as `duly check` gives for the case; an unknown case id with suggestions.
#include "tests/support/golden.hpp"
#include "tests/support/run_duly.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sstream>
#include <string>

namespace {

using duly_test::check_golden;
using duly_test::duly;
using duly_test::Run;

const std::string fixture = "tests/golden/explain/";
const std::string data = fixture + "explain.policy " + fixture + "events.csv --cases " + fixture +
                         "cases.csv --as-of 2024-06-30";
const std::filesystem::path golden_dir = std::filesystem::path(DULY_SOURCE_DIR) / fixture;

}  // namespace

TEST_CASE("duly explain spells out every obligation of a case", "[explain]") {
  const Run a1 = duly("explain " + data + " --case A1");
  CHECK(a1.status == 0);
  CHECK(a1.err.empty());
  check_golden(a1.out, golden_dir / "A1.text.golden");
  // The issue's own example of the working, across Easter.
  CHECK(a1.out.find("15 working days after Thu 2024-03-21, skipping Fri 2024-03-29 Good Friday "
                    "and Mon 2024-04-01 Easter Monday = Mon 2024-04-15") != std::string::npos);
  const Run a2 = duly("explain " + data + " --case A2");
  CHECK(a2.status == 0);
  check_golden(a2.out, golden_dir / "A2.text.golden");
  CHECK(a2.out.find("3 months after Wed 2024-01-31 (there is no 31 April 2024: the last day of "
                    "the month) = Tue 2024-04-30") != std::string::npos);
}

TEST_CASE("duly explain --format json is one object a system can read", "[explain]") {
  const Run run = duly("explain " + data + " --case A2 --format json");
  CHECK(run.status == 0);
  check_golden(run.out, golden_dir / "A2.json.golden");
  const auto json = nlohmann::json::parse(run.out);
  CHECK(json["case_id"] == "A2");
  CHECK(json["attributes"]["team"] == "<script>alert(1)</script>");  // data, kept as text
  CHECK(json["obligations"].size() == 3);
  CHECK(json["obligations"][0]["trigger_at"]["line"] == 10);
}

TEST_CASE("duly explain gives exactly the obligations duly check gives for the case", "[explain]") {
  const Run check = duly("check " + data + " --format csv");
  REQUIRE(check.status == 0);
  for (const std::string id : {"A1", "A2"}) {
    INFO(id);
    const Run run = duly("explain " + data + " --case " + id + " --format json");
    REQUIRE(run.status == 0);
    const auto json = nlohmann::json::parse(run.out);
    std::string rows;
    for (const auto& o : json["obligations"]) {
      auto cell = [&](const char* key) {
        const auto& v = o[key];
        return v.is_null() ? std::string() : v.is_string() ? v.get<std::string>() : v.dump();
      };
      rows += id + "," + cell("rule") + "," + cell("rule_name") + "," + cell("trigger_event") +
              "," + cell("trigger_date") + "," + cell("due") + "," + cell("fulfilled_event") +
              "," + cell("fulfilled_date") + "," + cell("status") + "," + cell("days_late") + "\n";
    }
    std::string expected;
    std::istringstream lines(check.out);
    for (std::string line; std::getline(lines, line);)
      if (line.rfind(id + ",", 0) == 0) expected += line + "\n";
    CHECK(rows == expected);
    CHECK(!rows.empty());
  }
}

TEST_CASE("duly explain of an unknown case is an error naming the closest ids", "[explain]") {
  const Run run = duly("explain " + data + " --case A11");
  CHECK(run.status == 2);
  CHECK(run.out.empty());
  CHECK(run.err == "error: no case `A11` in the data (2 cases); did you mean `A1`?\n");
  const Run far = duly("explain " + data + " --case nobody");
  CHECK(far.status == 2);
  CHECK(far.err == "error: no case `nobody` in the data (2 cases)\n");
}
