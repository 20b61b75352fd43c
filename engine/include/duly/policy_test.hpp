// Unit tests of a policy (docs/testing.md): small hand-written timelines in `.test` files, each
// with the obligations it should produce. Parsing a file gives a PolicyTestSuite whose every
// part keeps its position, so an expectation naming a rule the policy does not have is an error
// at its own line; running suites loads each distinct policy once, evaluates each test's
// timeline at its as-of date and compares, per case and per rule named by an `expect`, the
// multiset of (trigger_date, due, status, fulfilled_date). `duly test` is a thin client of
// this header; a host can run policy tests the same way.
#pragma once

#include <duly/date.hpp>
#include <duly/diagnostic.hpp>
#include <duly/load.hpp>
#include <duly/obligation.hpp>
#include <duly/policy.hpp>
#include <duly/source_position.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace duly {

// `name = value` after `with`; the value is the text a data file would hold (a string's
// content without quotes and escapes, a number or a date as written, `true`/`false`).
struct TestAttribute {
  std::string name;
  std::string value;
  SourcePosition position;  // of the name
};

// `DATE EVENT [recorded DATE] [with ATTR = VALUE, ...]`
struct TestEvent {
  Date date;
  std::string type;
  std::optional<Date> recorded;
  std::vector<TestAttribute> attributes;
  SourcePosition position;  // of the event type
  std::string source_line;
};

// `expect RULE from DATE due DATE STATUS [on DATE]`, or `expect no RULE` (none = true).
struct ExpectedObligation {
  std::string rule;
  bool none = false;
  Date trigger_date;
  Date due;
  Status status = Status::pending;
  std::optional<Date> fulfilled_date;
  SourcePosition position;  // of the rule id
  std::string source_line;
};

// One case (child) of a test, with its events and expectations.
struct TestCase {
  std::string id;
  std::optional<Date> date_of_birth;
  std::vector<TestAttribute> attributes;
  std::vector<TestEvent> events;
  std::vector<ExpectedObligation> expectations;
  SourcePosition position;  // of the `case` line, or of the `test` line for the implicit C1
  std::string source_line;
};

struct PolicyTest {
  std::string name;
  std::filesystem::path policy;    // resolved against the test file's folder, lexically normal
  SourcePosition policy_position;  // of the `policy` line in force
  std::string policy_source_line;
  Date as_of;
  std::vector<TestCase> cases;  // in the order written
  SourcePosition position;      // of the `test` keyword
};

struct PolicyTestSuite {
  std::string file;  // as named by the caller
  std::vector<PolicyTest> tests;
};

struct ParsedPolicyTests {
  PolicyTestSuite suite;                // only the well-formed tests when there are errors
  std::vector<Diagnostic> diagnostics;  // in line order
};

// `file` names the text in messages and anchors the relative `policy` paths.
ParsedPolicyTests parse_policy_tests(const std::string& text, const std::string& file);
// The same from a file; an unreadable file is one error.
ParsedPolicyTests read_policy_tests(const std::string& file);

// One line of the comparison, in the spelling of an `expect` line so it can be copied back
// into the test: `expect T14 from 2024-03-04 due 2024-03-25 met on 2024-03-25`.
std::string expect_line(const std::string& rule, Date trigger_date, Date due, Status status,
                        const std::optional<Date>& fulfilled_date);

// A (case, rule) whose obligations differ from the expected ones. Rows pair identical
// obligations first, then the remaining expected and actual ones in date order; an empty side
// is "" (or `expect no RULE` when that side has no obligation at all).
struct TestMismatch {
  std::string case_id;
  std::string rule;
  struct Row {
    std::string expected;
    std::string actual;
    bool same = false;
  };
  std::vector<Row> rows;
};

struct PolicyTestResult {
  std::string name;
  SourcePosition position;  // of the `test` line
  bool passed = false;
  std::vector<TestMismatch> mismatches;
};

struct PolicyTestOptions {
  std::string filter;  // run only the tests whose name contains this text; empty: all
  LoadOptions load;    // how policies are loaded
};

struct PolicyTestRun {
  // Errors that stop the run: a policy that does not load (its own diagnostics, then one at
  // each `policy` line naming it), a rule id or event type or attribute the policy lacks.
  // When there is any error, no test runs.
  std::vector<Diagnostic> diagnostics;
  std::vector<PolicyTestResult> results;  // in file order, then test order
  std::size_t passed = 0;
  std::size_t failed = 0;
  std::size_t filtered_out = 0;
};

// Loads each distinct policy once (shared by every test naming it), checks every test against
// its policy, then runs the tests that pass the filter.
PolicyTestRun run_policy_tests(const std::vector<PolicyTestSuite>& suites,
                               const PolicyTestOptions& options = {});

// The report of one result: `PASS  name`, or `FAIL  name`, `  at FILE:LINE` and the
// side-by-side comparison of every mismatch; each line ends with a newline.
std::string render(const PolicyTestResult& result);
// `N passed, N failed`, without a newline.
std::string summary_line(const PolicyTestRun& run);

}  // namespace duly
