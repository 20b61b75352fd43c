// Tests of `duly test` (docs/testing.md): parsing every line kind of a `.test` file, the exact
// text of its errors, checking a test against its policy, the multiset comparison of expected
// and actual obligations, and, through the built `duly` binary, the golden output of passing,
// failing and malformed files in tests/golden/policy_test/ (tests/support/golden.hpp).
#include <duly/policy_test.hpp>

#include "tests/support/golden.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace duly;

namespace {

const std::string golden = std::string(DULY_SOURCE_DIR) + "/tests/golden/policy_test/";

Date day(const char* text) { return *parse_iso_date(text); }

ParsedPolicyTests parse(const std::string& text) { return parse_policy_tests(text, "t.test"); }

std::string first_error(const std::string& text) {
  auto parsed = parse(text);
  return parsed.diagnostics.empty() ? "" : render(parsed.diagnostics.front());
}

// Tests of the golden tiny.policy, written here in memory.
PolicyTestRun run_text(const std::string& text, const std::string& filter = "") {
  auto parsed =
      parse_policy_tests("policy \"tiny.policy\"\nas of 2024-06-30\n" + text, golden + "unit.test");
  INFO(render(parsed.diagnostics));
  REQUIRE(parsed.diagnostics.empty());
  PolicyTestOptions options;
  options.filter = filter;
  return run_policy_tests({parsed.suite}, options);
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Command {
  std::string output;  // stdout and stderr
  int exit = -1;
};

Command run_duly(const std::string& arguments) {
  std::string line =
      std::string("cd '") + DULY_SOURCE_DIR + "' && '" + DULY_BINARY + "' " + arguments + " 2>&1";
  Command result;
  FILE* pipe = popen(line.c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buffer;
  std::size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.output.append(buffer.data(), n);
  int status = pclose(pipe);
  result.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// The binary's output for one test file must be the `.golden` beside it, byte for byte.
void check_test_output(const std::string& name, int exit) {
  Command run = run_duly("test tests/golden/policy_test/" + name + ".test");
  INFO(run.output);
  CHECK(run.exit == exit);
  duly_test::check_golden(run.output, golden + name + ".golden");
}

}  // namespace

TEST_CASE("every line kind of a test file is read", "[policy-test]") {
  auto parsed = parse(R"(# a comment
policy "../camden.policy"   # the policy under test
as of 2024-06-30

test "all of it"
  case C7 born 2015-02-28 with team = "north", size = 3
    2024-03-04 strategy_discussion recorded 2024-03-06 with outcome = "say \"s47\"", n = -2.5, ok = true, on = 2024-01-31
    2024-03-05 icpcc
    expect T14 from 2024-03-04 due 2024-03-25 met on 2024-03-25
    expect T15 from 2024-03-04 due 2024-03-25 late on 2024-03-26
    expect T16 from 2024-03-04 due 2024-03-25 missed
    expect T17 from 2024-03-04 due 2024-07-25 pending
    expect T18 from 2024-03-04 due 2024-03-25 lapsed
    expect no T19
  case C8
    expect no T14

test "second"
  policy "other.policy"
  as of 2023-01-01
  2024-01-01 visit
  expect no V01
)");
  INFO(render(parsed.diagnostics));
  REQUIRE(parsed.diagnostics.empty());
  REQUIRE(parsed.suite.tests.size() == 2);

  const PolicyTest& all = parsed.suite.tests[0];
  CHECK(all.name == "all of it");
  CHECK(all.position == SourcePosition{"t.test", 5, 1});
  CHECK(all.policy == std::filesystem::path("../camden.policy"));
  CHECK(all.policy_position == SourcePosition{"t.test", 2, 8});
  CHECK(all.as_of == day("2024-06-30"));
  REQUIRE(all.cases.size() == 2);

  const TestCase& c7 = all.cases[0];
  CHECK(c7.id == "C7");
  CHECK(c7.date_of_birth == day("2015-02-28"));
  REQUIRE(c7.attributes.size() == 2);
  CHECK(c7.attributes[0].name == "team");
  CHECK(c7.attributes[0].value == "north");
  CHECK(c7.attributes[1].value == "3");
  REQUIRE(c7.events.size() == 2);
  const TestEvent& e = c7.events[0];
  CHECK(e.date == day("2024-03-04"));
  CHECK(e.type == "strategy_discussion");
  CHECK(e.position == SourcePosition{"t.test", 7, 16});
  CHECK(e.recorded == day("2024-03-06"));
  REQUIRE(e.attributes.size() == 4);
  CHECK(e.attributes[0].value == "say \"s47\"");
  CHECK(e.attributes[1].value == "-2.5");
  CHECK(e.attributes[2].value == "true");
  CHECK(e.attributes[3].name == "on");
  CHECK(e.attributes[3].value == "2024-01-31");
  CHECK_FALSE(c7.events[1].recorded);

  REQUIRE(c7.expectations.size() == 6);
  const ExpectedObligation& met = c7.expectations[0];
  CHECK(met.rule == "T14");
  CHECK_FALSE(met.none);
  CHECK(met.trigger_date == day("2024-03-04"));
  CHECK(met.due == day("2024-03-25"));
  CHECK(met.status == Status::met);
  CHECK(met.fulfilled_date == day("2024-03-25"));
  CHECK(met.position == SourcePosition{"t.test", 9, 12});
  CHECK(c7.expectations[1].status == Status::late);
  CHECK(c7.expectations[2].status == Status::missed);
  CHECK_FALSE(c7.expectations[2].fulfilled_date);
  CHECK(c7.expectations[3].status == Status::pending);
  CHECK(c7.expectations[4].status == Status::lapsed);
  CHECK(c7.expectations[5].none);
  CHECK(c7.expectations[5].rule == "T19");
  CHECK(all.cases[1].id == "C8");

  // Settings inside a test apply to it alone; without a `case` line the case is C1.
  const PolicyTest& second = parsed.suite.tests[1];
  CHECK(second.policy == std::filesystem::path("other.policy"));
  CHECK(second.policy_position.line == 19);
  CHECK(second.as_of == day("2023-01-01"));
  REQUIRE(second.cases.size() == 1);
  CHECK(second.cases[0].id == "C1");
  CHECK_FALSE(second.cases[0].date_of_birth);
}

TEST_CASE("policy paths are relative to the test file", "[policy-test]") {
  auto parsed = parse_policy_tests(
      "policy \"../camden.policy\"\nas of 2024-06-30\ntest \"x\"\n  expect no T14\n",
      "policies/tests/t14.test");
  REQUIRE(parsed.suite.tests.size() == 1);
  CHECK(parsed.suite.tests[0].policy.generic_string() == "policies/camden.policy");
}

TEST_CASE("a byte order mark at the start of a test file is not part of it", "[policy-test]") {
  auto parsed =
      parse("\xEF\xBB\xBFpolicy \"p.policy\"\nas of 2024-06-30\ntest \"x\"\n  expect no T14\n");
  CHECK(parsed.diagnostics.empty());
  REQUIRE(parsed.suite.tests.size() == 1);
  CHECK(parsed.suite.tests[0].policy.filename() == "p.policy");
}

TEST_CASE("malformed lines are errors with the line and a caret", "[policy-test]") {
  const std::string head = "policy \"p.policy\"\nas of 2024-06-30\ntest \"x\"\n";
  CHECK(first_error(head + "  expect T14 from 2024-03-04 due 2024-03-25 mised\n") ==
        "t.test:4:45: error: unknown status `mised`; did you mean `missed`?\n"
        "    expect T14 from 2024-03-04 due 2024-03-25 mised\n"
        "                                              ^~~~~\n");
  CHECK(first_error(head + "  expect T14 from 2024-03-04 due 2024-03-25 done\n") ==
        "t.test:4:45: error: unknown status `done` (a status is met, late, missed, pending or "
        "lapsed)\n"
        "    expect T14 from 2024-03-04 due 2024-03-25 done\n"
        "                                              ^~~~\n");
  CHECK(first_error(head + "  expct no T14\n") ==
        "t.test:4:3: error: unknown keyword `expct`; did you mean `expect`?\n"
        "    expct no T14\n"
        "    ^~~~~\n");
  CHECK(first_error(head + "  2024-02-30 visit\n") ==
        "t.test:4:3: error: `2024-02-30` is not a date: February 2024 has 29 days\n"
        "    2024-02-30 visit\n"
        "    ^~~~~~~~~~\n");
  CHECK(first_error("as of 2023-02-29\n") ==
        "t.test:1:7: error: `2023-02-29` is not a date: February 2023 has 28 days\n"
        "  as of 2023-02-29\n"
        "        ^~~~~~~~~~\n");
  CHECK(first_error(head + "  2024-03-01 visit with seen = yes\n") ==
        "t.test:4:32: error: text values are written in double quotes: \"yes\"\n"
        "    2024-03-01 visit with seen = yes\n"
        "                                 ^~~\n");
  CHECK(first_error(head + "  2024-03-01 visit with seen = \"yes\n") ==
        "t.test:4:32: error: this string has no closing `\"`\n"
        "    2024-03-01 visit with seen = \"yes\n"
        "                                 ^\n");
  CHECK(first_error(head + "  expect T14 from 2024-03-04 due 2024-03-25 late\n") ==
        "t.test:4:49: error: a late obligation needs `on DATE`, the date it was fulfilled\n"
        "    expect T14 from 2024-03-04 due 2024-03-25 late\n"
        "                                                  ^\n");
  CHECK(first_error(head + "  expect T14 from 2024-03-04 2024-03-25 missed\n") ==
        "t.test:4:30: error: expected `due DATE`, the due date\n"
        "    expect T14 from 2024-03-04 2024-03-25 missed\n"
        "                               ^~~~~~~~~~\n");
  CHECK(first_error(head + "  visit on 2024-03-01\n") ==
        "t.test:4:3: error: a line is `test`, `case`, `expect`, `policy`, `as of` or an event "
        "starting with its date, not `visit`\n"
        "    visit on 2024-03-01\n"
        "    ^~~~~\n");
  CHECK(first_error("2024-03-01 visit\n") ==
        "t.test:1:1: error: this line belongs to a test: start one with `test \"NAME\"`\n"
        "  2024-03-01 visit\n"
        "  ^~~~~~~~~~\n");
  CHECK(first_error(head + "  expect no T14 # fine\n  expect no T14 extra\n") ==
        "t.test:5:17: error: unexpected `extra` at the end of the line\n"
        "    expect no T14 extra\n"
        "                  ^~~~~\n");
}

TEST_CASE("a test must say what it expects, of which policy, on which day", "[policy-test]") {
  auto parsed = parse("test \"bare\"\n  2024-03-01 visit\n");
  REQUIRE(parsed.diagnostics.size() == 3);
  CHECK(parsed.diagnostics[0].message.find("no policy") != std::string::npos);
  CHECK(parsed.diagnostics[1].message.find("no as-of date") != std::string::npos);
  CHECK(parsed.diagnostics[2].message == "this test expects nothing: add an `expect` line");
  CHECK(parsed.diagnostics[2].position == SourcePosition{"t.test", 1, 1});
  CHECK(parsed.suite.tests.empty());

  // A malformed `policy` line at the top is one error, not one more for every test.
  auto unquoted = parse(
      "policy camden.policy\nas of 2024-06-30\n"
      "test \"a\"\n  expect no T1\ntest \"b\"\n  expect no T1\n");
  REQUIRE(unquoted.diagnostics.size() == 1);
  CHECK(unquoted.diagnostics[0].message ==
        "expected the policy file in double quotes, found `camden.policy`");
  CHECK(unquoted.suite.tests.empty());

  // Every error of a file is reported, not only the first; the good tests are kept.
  auto several = parse(
      "policy \"p.policy\"\nas of 2024-06-30\n"
      "test \"a\"\n  expect T1 from 2024-01-01 due 2024-01-02 mised\n"
      "test \"b\"\n  expect no T1\n"
      "test \"c\"\n  case A\n  case A\n  expect no T1\n"
      "test \"d\"\n  expect no T1\n  expect T1 from 2024-01-01 due 2024-01-02 missed\n");
  REQUIRE(several.diagnostics.size() == 3);
  CHECK(several.diagnostics[0].position.line == 4);
  CHECK(several.diagnostics[1].message == "case `A` is already in this test (line 8)");
  CHECK(several.diagnostics[2].position.line == 13);
  REQUIRE(several.suite.tests.size() == 1);
  CHECK(several.suite.tests[0].name == "b");
}

TEST_CASE("names a test uses must be declared by its policy", "[policy-test]") {
  auto parsed = parse_policy_tests(
      "policy \"tiny.policy\"\nas of 2024-06-30\ntest \"x\"\n"
      "  case A with tem = \"north\"\n"
      "  2024-03-04 strategy_discusion with outcome = \"s47\"\n"
      "  2024-03-25 icpcc with outcom = \"plan\"\n"
      "  expect T41 from 2024-03-04 due 2024-03-25 missed\n",
      golden + "unit.test");
  REQUIRE(parsed.diagnostics.empty());
  auto run = run_policy_tests({parsed.suite});
  REQUIRE(run.diagnostics.size() == 4);
  CHECK(run.diagnostics[0].message ==
        "the policy declares no case attribute `tem`; did you mean `team`?");
  CHECK(run.diagnostics[0].position.line == 4);
  CHECK(run.diagnostics[1].message ==
        "the policy declares no event `strategy_discusion`; did you mean `strategy_discussion`?");
  CHECK(run.diagnostics[1].caret_width == 18);
  CHECK(run.diagnostics[2].message ==
        "event `icpcc` has no attribute `outcom`; did you mean `outcome`?");
  CHECK(run.diagnostics[3].message == "the policy has no rule `T41`; did you mean `T14`?");
  CHECK(run.diagnostics[3].position == SourcePosition{golden + "unit.test", 7, 10});
  CHECK(run.results.empty());  // nothing runs after an error
}

TEST_CASE("a policy that does not load stops the run with its errors", "[policy-test]") {
  auto parsed = parse_policy_tests(
      "policy \"bad.policy\"\nas of 2024-06-30\ntest \"a\"\n  expect no R02\n"
      "test \"b\"\n  expect no R02\n",
      golden + "malformed/unit.test");
  REQUIRE(parsed.diagnostics.empty());
  auto run = run_policy_tests({parsed.suite});
  REQUIRE(run.diagnostics.size() == 2);
  CHECK(run.diagnostics[0].message == "unknown event `cp_reprt`; did you mean `cp_report`?");
  CHECK(run.diagnostics[1].position.line == 1);  // once for the `policy` line, not per test
  CHECK(run.diagnostics[1].caret_width == 12);
  CHECK(run.results.empty());
}

TEST_CASE("obligations are compared as multisets per case and rule", "[policy-test]") {
  const std::string two_discussions =
      "  2024-03-04 strategy_discussion with outcome = \"s47\"\n"
      "  2024-03-05 strategy_discussion with outcome = \"s47\"\n"
      "  2024-03-20 icpcc\n";
  SECTION("in any order") {
    auto run = run_text("test \"x\"\n" + two_discussions +
                        "  expect T14 from 2024-03-05 due 2024-03-26 met on 2024-03-20\n"
                        "  expect T14 from 2024-03-04 due 2024-03-25 met on 2024-03-20\n");
    REQUIRE(run.results.size() == 1);
    CHECK(run.results[0].passed);
    CHECK(run.passed == 1);
  }
  SECTION("one expected where two are created fails") {
    auto run = run_text("test \"x\"\n" + two_discussions +
                        "  expect T14 from 2024-03-04 due 2024-03-25 met on 2024-03-20\n");
    REQUIRE(run.results.size() == 1);
    CHECK_FALSE(run.results[0].passed);
    REQUIRE(run.results[0].mismatches.size() == 1);
    const TestMismatch& m = run.results[0].mismatches[0];
    CHECK(m.case_id == "C1");
    CHECK(m.rule == "T14");
    REQUIRE(m.rows.size() == 2);
    CHECK(m.rows[0].same);
    CHECK_FALSE(m.rows[1].same);
    CHECK(m.rows[1].expected.empty());
    CHECK(m.rows[1].actual == "expect T14 from 2024-03-05 due 2024-03-26 met on 2024-03-20");
  }
  SECTION("the same obligation twice is not the same as once") {
    auto run = run_text(
        "test \"x\"\n  2024-03-04 strategy_discussion with outcome = \"s47\"\n"
        "  expect T14 from 2024-03-04 due 2024-03-25 missed\n"
        "  expect T14 from 2024-03-04 due 2024-03-25 missed\n");
    CHECK(run.failed == 1);
  }
  SECTION("rules not named are not compared") {
    auto run = run_text(
        "test \"x\"\n  2024-05-10 icpcc\n  2024-05-01 cp_plan_start\n"
        "  expect no T14\n");
    CHECK(run.passed == 1);
  }
  SECTION("expect no RULE") {
    auto run = run_text("test \"x\"\n  2024-05-10 icpcc\n  expect no R02\n");
    REQUIRE(run.results.size() == 1);
    CHECK_FALSE(run.results[0].passed);
    REQUIRE(run.results[0].mismatches.size() == 1);
    CHECK(run.results[0].mismatches[0].rows[0].expected == "expect no R02");
    CHECK(run.results[0].mismatches[0].rows[0].actual ==
          "expect R02 from 2024-05-10 due 2024-05-08 missed");
  }
  SECTION("each case is compared on its own") {
    auto run = run_text(
        "test \"x\"\n  case A born 2015-05-01 with team = \"north\"\n"
        "    2024-05-08 cp_report\n    2024-05-10 icpcc\n"
        "    expect R02 from 2024-05-10 due 2024-05-08 met on 2024-05-08\n"
        "  case B\n    2024-05-10 icpcc\n"
        "    expect R02 from 2024-05-10 due 2024-05-08 missed\n");
    CHECK(run.passed == 1);
  }
}

TEST_CASE("a deliberately wrong expectation fails, and says why", "[policy-test]") {
  auto run = run_text(
      "test \"T14: wrong due date\"\n"
      "  2024-03-04 strategy_discussion with outcome = \"s47\"\n"
      "  2024-03-25 icpcc\n"
      "  expect T14 from 2024-03-04 due 2024-03-22 late on 2024-03-25\n");
  REQUIRE(run.results.size() == 1);
  CHECK(run.failed == 1);
  CHECK(summary_line(run) == "0 passed, 1 failed");
  CHECK(render(run.results[0]) ==
        "FAIL  T14: wrong due date\n"
        "  at " +
            golden +
            "unit.test:3\n"
            "  case C1, rule T14\n"
            "      expected                                                       actual\n"
            "    ! expect T14 from 2024-03-04 due 2024-03-22 late on 2024-03-25   "
            "expect T14 from 2024-03-04 due 2024-03-25 met on 2024-03-25\n");
}

TEST_CASE("a filter runs only the tests whose name contains the text", "[policy-test]") {
  const std::string tests =
      "test \"T14 missed\"\n  2024-03-04 strategy_discussion with outcome = \"s47\"\n"
      "  expect T14 from 2024-03-04 due 2024-03-25 missed\n"
      "test \"R02 wrong\"\n  2024-05-10 icpcc\n  expect no R02\n"
      "test \"T14 nothing\"\n  expect no T14\n";
  auto run = run_text(tests, "T14");
  CHECK(run.passed == 2);
  CHECK(run.failed == 0);
  CHECK(run.filtered_out == 1);
  REQUIRE(run.results.size() == 2);
  CHECK(run.results[1].name == "T14 nothing");
  CHECK(render(run.results[1]) == "PASS  T14 nothing\n");

  auto none = run_text(tests, "nothing like it");
  CHECK(none.results.empty());
  CHECK(none.filtered_out == 3);
}

TEST_CASE("duly test prints PASS, FAIL and errors as the golden files say", "[policy-test]") {
  check_test_output("passing", 0);
  check_test_output("failing", 1);
  check_test_output("malformed/syntax", 2);
  check_test_output("malformed/names", 2);
  check_test_output("malformed/bad_policy", 2);
  check_test_output("malformed/no_policy", 2);
}

TEST_CASE("duly test searches folders, filters, and fails without tests", "[policy-test]") {
  Command filtered =
      run_duly("test tests/golden/policy_test/passing.test --filter \"T14: the ICPCC\"");
  CHECK(filtered.exit == 0);
  CHECK(filtered.output ==
        "PASS  T14: the ICPCC on the 15th working day is met\n"
        "PASS  T14: the ICPCC a day after the 15th working day is late\n"
        "6 tests filtered out by --filter \"T14: the ICPCC\"\n"
        "2 passed, 0 failed\n");

  Command nothing = run_duly("test tests/golden/policy_test/passing.test --filter zzz");
  CHECK(nothing.exit == 2);
  CHECK(nothing.output == "error: no test name contains \"zzz\" (8 tests filtered out)\n");

  // A folder: every .test under it, recursively, in sorted order (malformed/ makes it fail).
  Command folder = run_duly("test tests/golden/policy_test");
  CHECK(folder.exit == 2);
  auto no_policy = folder.output.find("tests/golden/policy_test/malformed/no_policy.test:");
  auto syntax = folder.output.find("tests/golden/policy_test/malformed/syntax.test:");
  CHECK(no_policy != std::string::npos);
  CHECK(syntax != std::string::npos);
  CHECK(no_policy < syntax);

  const auto empty_folder = std::filesystem::temp_directory_path() / "duly_policy_test_empty";
  std::filesystem::create_directories(empty_folder);
  Command empty = run_duly("test '" + empty_folder.string() + "'");
  CHECK(empty.exit == 2);
  CHECK(empty.output == "error: no .test file under `" + empty_folder.string() + "`\n");

  Command missing = run_duly("test no/such/place");
  CHECK(missing.exit == 2);
}

TEST_CASE("the example of docs/testing.md passes against the shipped Camden policy",
          "[policy-test]") {
  const std::string doc = read_text(std::string(DULY_SOURCE_DIR) + "/docs/testing.md");
  auto start = doc.find("```\n");
  REQUIRE(start != std::string::npos);
  start += 4;
  const std::string example = doc.substr(start, doc.find("```", start) - start);
  auto parsed = parse_policy_tests(
      example, std::string(DULY_SOURCE_DIR) + "/policies/tests/docs_testing_example.test");
  INFO(render(parsed.diagnostics));
  REQUIRE(parsed.diagnostics.empty());
  REQUIRE(parsed.suite.tests.size() == 3);
  auto run = run_policy_tests({parsed.suite});
  INFO(render(run.diagnostics));
  REQUIRE(run.diagnostics.empty());
  CHECK(run.passed == 3);
  CHECK(run.failed == 0);
}
