// Running parsed policy tests: load each distinct policy once, check every test against the
// policy it names (rule ids, event types, attributes: a typo in a test is an error at its line,
// never a test that passes for the wrong reason), then build each test's timeline in memory,
// evaluate it at the test's as-of date and compare, per case and per rule an `expect` names,
// the multiset of (trigger_date, due, status, fulfilled_date).
#include <duly/evaluate.hpp>
#include <duly/policy_test.hpp>
#include <duly/timeline.hpp>

#include <algorithm>
#include <map>
#include <tuple>

namespace duly {
namespace {

std::string backquoted(const std::string& text) { return "`" + text + "`"; }

std::string suggestion(const std::string& name, const std::vector<std::string>& candidates) {
  std::string best = closest_name(name, candidates);
  return best.empty() ? "" : "; did you mean " + backquoted(best) + "?";
}

Diagnostic error_at(const SourcePosition& position, const std::string& source_line, int width,
                    std::string message) {
  Diagnostic d;
  d.position = position;
  d.message = std::move(message);
  d.source_line = source_line;
  d.caret_width = std::max(1, width);
  return with_character_columns(std::move(d));
}

int width_of(const std::string& name) { return static_cast<int>(name.size()); }

// The width of the quoted string that starts at a 1-based column.
int string_width(const std::string& line, int column) {
  std::size_t start = static_cast<std::size_t>(column - 1), i = start + 1;
  while (i < line.size() && line[i] != '"') i += line[i] == '\\' ? 2 : 1;
  return static_cast<int>(std::min(i + 1, line.size()) - start);
}

// Every name a test uses must be one its policy declares: the TimelineBuilder would otherwise
// drop an undeclared event or attribute silently.
void check_against_policy(const PolicyTest& test, const Policy& policy,
                          std::vector<Diagnostic>& out) {
  std::vector<std::string> event_names, case_attributes, rule_ids;
  for (const auto& e : policy.event_types()) event_names.push_back(e.name);
  for (const auto& a : policy.case_attributes()) case_attributes.push_back(a.name);
  for (const auto& r : policy.rules()) rule_ids.push_back(r.id);

  for (const TestCase& c : test.cases) {
    for (const TestAttribute& a : c.attributes)
      if (!policy.find_case_attribute(a.name))
        out.push_back(error_at(a.position, c.source_line, width_of(a.name),
                               "the policy declares no case attribute " + backquoted(a.name) +
                                   suggestion(a.name, case_attributes)));
    for (const TestEvent& e : c.events) {
      auto type = policy.find_event_type(e.type);
      if (!type) {
        out.push_back(error_at(e.position, e.source_line, width_of(e.type),
                               "the policy declares no event " + backquoted(e.type) +
                                   suggestion(e.type, event_names)));
        continue;
      }
      const EventType& declared = policy.event_types()[*type];
      std::vector<std::string> own;
      for (AttributeId id : declared.attributes) own.push_back(policy.attribute_names()[id]);
      for (const TestAttribute& a : e.attributes)
        if (std::find(own.begin(), own.end(), a.name) == own.end())
          out.push_back(error_at(a.position, e.source_line, width_of(a.name),
                                 "event " + backquoted(e.type) + " has no attribute " +
                                     backquoted(a.name) + suggestion(a.name, own)));
    }
    for (const ExpectedObligation& x : c.expectations)
      if (!policy.find_rule(x.rule) &&
          // A dropped rule makes no obligation: `expect no` of it holds, and tests the drop.
          !(x.none && std::binary_search(policy.dropped_rules().begin(),
                                         policy.dropped_rules().end(), x.rule)))
        out.push_back(error_at(
            x.position, x.source_line, width_of(x.rule),
            "the policy has no rule " + backquoted(x.rule) + suggestion(x.rule, rule_ids)));
  }
}

using Key = std::tuple<Date, Date, Status, std::optional<Date>>;

Key key_of(const ExpectedObligation& x) {
  return {x.trigger_date, x.due, x.status, x.fulfilled_date};
}
Key key_of(const Obligation& o) { return {o.trigger_date, o.due, o.status, o.fulfilled_date}; }

std::string line_of(const std::string& rule, const Key& k) {
  return expect_line(rule, std::get<0>(k), std::get<1>(k), std::get<2>(k), std::get<3>(k));
}

// Multiset comparison of one (case, rule); nothing when they agree.
std::optional<TestMismatch> compare(const std::string& case_id, const std::string& rule,
                                    std::vector<Key> expected, std::vector<Key> actual) {
  std::sort(expected.begin(), expected.end());
  std::sort(actual.begin(), actual.end());
  if (expected == actual) return std::nullopt;

  // Identical obligations side by side, then what is left of each side paired in date order,
  // so a wrong due date or status shows as one row.
  std::vector<std::pair<Key, TestMismatch::Row>> rows;
  std::vector<Key> only_expected, only_actual;
  std::size_t i = 0, j = 0;
  while (i < expected.size() || j < actual.size()) {
    if (i < expected.size() && j < actual.size() && expected[i] == actual[j]) {
      std::string text = line_of(rule, expected[i]);
      rows.push_back({expected[i], {text, text, true}});
      ++i, ++j;
    } else if (j == actual.size() || (i < expected.size() && expected[i] < actual[j])) {
      only_expected.push_back(expected[i++]);
    } else {
      only_actual.push_back(actual[j++]);
    }
  }
  for (std::size_t k = 0; k < std::max(only_expected.size(), only_actual.size()); ++k) {
    TestMismatch::Row row;
    Key order;
    if (k < only_actual.size()) {
      row.actual = line_of(rule, only_actual[k]);
      order = only_actual[k];
    }
    if (k < only_expected.size()) {
      row.expected = line_of(rule, only_expected[k]);
      order = only_expected[k];
    }
    rows.push_back({order, row});
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });

  TestMismatch mismatch;
  mismatch.case_id = case_id;
  mismatch.rule = rule;
  for (auto& [order, row] : rows) mismatch.rows.push_back(std::move(row));
  // An empty side reads as the line that would expect exactly that.
  if (expected.empty()) mismatch.rows.front().expected = "expect no " + rule;
  if (actual.empty()) mismatch.rows.front().actual = "expect no " + rule;
  return mismatch;
}

PolicyTestResult run_test(const PolicyTest& test, const std::shared_ptr<const Policy>& policy) {
  TimelineBuilder builder(policy);
  for (const TestCase& c : test.cases) {
    std::vector<std::pair<std::string, std::string>> attributes;
    for (const TestAttribute& a : c.attributes) attributes.emplace_back(a.name, a.value);
    builder.add_case(c.id, c.date_of_birth, attributes);
  }
  for (const TestCase& c : test.cases)
    for (const TestEvent& e : c.events) {
      std::vector<std::pair<std::string_view, std::string_view>> attributes;
      for (const TestAttribute& a : e.attributes) attributes.emplace_back(a.name, a.value);
      builder.add_event(c.id, e.type, e.date, e.recorded, attributes);
    }
  Timeline timeline = builder.finish();

  Evaluator evaluator(policy, test.as_of);
  // Obligations by (case id, rule id).
  std::map<std::pair<std::string, std::string>, std::vector<Key>> actual;
  std::vector<Obligation> obligations;
  for (std::uint32_t i = 0; i < timeline.cases().size(); ++i) {
    obligations.clear();
    evaluator.evaluate_case(timeline, i, obligations);
    const std::string case_id(timeline.cases()[i].id);
    for (const Obligation& o : obligations)
      actual[{case_id, policy->rules()[o.rule_index].id}].push_back(key_of(o));
  }

  PolicyTestResult result;
  result.name = test.name;
  result.position = test.position;
  for (const TestCase& c : test.cases) {
    std::vector<std::string> rules;  // in the order first named
    for (const ExpectedObligation& x : c.expectations)
      if (std::find(rules.begin(), rules.end(), x.rule) == rules.end()) rules.push_back(x.rule);
    for (const std::string& rule : rules) {
      std::vector<Key> expected;
      for (const ExpectedObligation& x : c.expectations)
        if (x.rule == rule && !x.none) expected.push_back(key_of(x));
      auto found = actual.find({c.id, rule});
      std::vector<Key> got = found == actual.end() ? std::vector<Key>{} : found->second;
      if (auto mismatch = compare(c.id, rule, std::move(expected), std::move(got)))
        result.mismatches.push_back(std::move(*mismatch));
    }
  }
  result.passed = result.mismatches.empty();
  return result;
}

std::string policy_key(const std::filesystem::path& path) {
  std::error_code ignored;
  auto canonical = std::filesystem::weakly_canonical(path, ignored);
  return (canonical.empty() ? path : canonical).generic_string();
}

}  // namespace

PolicyTestRun run_policy_tests(const std::vector<PolicyTestSuite>& suites,
                               const PolicyTestOptions& options) {
  PolicyTestRun run;
  // Each distinct policy is loaded once and shared by every test that names it.
  std::map<std::string, LoadResult> policies;
  std::vector<Diagnostic> test_errors;
  for (const PolicyTestSuite& suite : suites)
    for (const PolicyTest& test : suite.tests) {
      const std::string key = policy_key(test.policy);
      auto found = policies.find(key);
      if (found == policies.end()) {
        found = policies.emplace(key, load_policy(test.policy, options.load)).first;
        if (!found->second.policy)
          run.diagnostics.insert(run.diagnostics.end(), found->second.diagnostics.begin(),
                                 found->second.diagnostics.end());
      }
      if (!found->second.policy) {
        // Once per `policy` line, however many tests it serves.
        bool reported = std::any_of(test_errors.begin(), test_errors.end(), [&](const auto& d) {
          return d.position == test.policy_position;
        });
        if (!reported)
          test_errors.push_back(
              error_at(test.policy_position, test.policy_source_line,
                       string_width(test.policy_source_line, test.policy_position.column),
                       "policy " + backquoted(test.policy.generic_string()) +
                           " has errors, so its tests cannot run"));
        continue;
      }
      check_against_policy(test, *found->second.policy, test_errors);
    }
  run.diagnostics.insert(run.diagnostics.end(), test_errors.begin(), test_errors.end());
  if (has_errors(run.diagnostics)) return run;

  for (const PolicyTestSuite& suite : suites)
    for (const PolicyTest& test : suite.tests) {
      if (!options.filter.empty() && test.name.find(options.filter) == std::string::npos) {
        ++run.filtered_out;
        continue;
      }
      run.results.push_back(run_test(test, policies.at(policy_key(test.policy)).policy));
      ++(run.results.back().passed ? run.passed : run.failed);
    }
  return run;
}

}  // namespace duly
