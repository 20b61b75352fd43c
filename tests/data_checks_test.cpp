// Nothing lost silently: each way a new user loses data without a word gets its message (golden
// files in tests/golden/mistakes/), `--strict` turns the warnings into exit status 2, what cannot
// be right is refused, policy errors come in proportion, and every limit of duly/limits.hpp is
// met with a message that names it.
#include "tests/support/golden.hpp"
#include "tests/support/run_duly.hpp"

#include <duly/data_checks.hpp>
#include <duly/limits.hpp>
#include <duly/load.hpp>
#include <duly/sources.hpp>
#include <duly/timeline.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace {

namespace fs = std::filesystem;
using duly_test::Run;
using duly_test::ScratchFolder;

const std::string folder = "tests/golden/mistakes/";
const std::string check_visits = "check " + folder + "visits.policy ";

fs::path golden_file(const std::string& name) {
  return fs::path(DULY_SOURCE_DIR) / "tests/golden/mistakes" / name;
}

Run run_cli(const std::string& arguments) { return duly_test::duly(arguments); }

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Runs `duly check` on the visits policy with these data arguments: status 0 and exactly the
// golden stderr; then again with --strict: status 2, nothing on stdout, and the refusal.
void check_warned(const std::string& data, const std::string& golden,
                  const std::string& as_of = "2024-06-30") {
  INFO(data);
  const std::string command = check_visits + data + " --as-of " + as_of;
  const Run run = run_cli(command);
  CHECK(run.status == 0);
  duly_test::check_golden(run.err, golden_file(golden));
  const Run strict = run_cli(command + " --strict");
  CHECK(strict.status == 2);
  CHECK(strict.out.empty());
  CHECK(contains(strict.err, "error: nothing evaluated: --strict, and the data drew "));
}

duly::LoadResult load(const std::string& text) { return duly::load_policy_text(text, "t.policy"); }

}  // namespace

TEST_CASE("clean data draws no warning, and --strict lets it through", "[mistakes]") {
  const Run run = run_cli(check_visits + folder + "events.csv --cases " + folder +
                       "cases.csv --as-of 2024-06-30 --strict");
  CHECK(run.status == 0);
  CHECK(run.err.empty());
  CHECK(contains(run.out, "M2"));
}

TEST_CASE("a misspelt events column is named with the attribute it is close to", "[mistakes]") {
  // seen_alon: every "seen alone" check would fail, the rule dropping to 0%.
  check_warned(folder + "events_misspelt.csv --cases " + folder + "cases.csv",
               "misspelt_column.stderr.golden");
}

TEST_CASE("a cases file without date_of_birth says which rules lose their ages", "[mistakes]") {
  // dob and teem: both columns named, with what each is close to; M2's ages and M3's team lost.
  check_warned(folder + "events.csv --cases " + folder + "cases_dob.csv",
               "cases_dob.stderr.golden");
}

TEST_CASE("no cases file, with rules that use ages and case attributes, is said", "[mistakes]") {
  check_warned(folder + "events.csv", "no_cases.stderr.golden");
}

TEST_CASE("implausible events are counted warnings with their lines", "[mistakes]") {
  // Recorded before it happened, after the as-of date and not waited for by any rule, more
  // than a pregnancy before the date of birth.
  // An as-of date in the future, so that events after it cannot have happened yet.
  check_warned(folder + "events_odd.csv --cases " + folder + "cases.csv",
               "implausible.stderr.golden", "2090-01-01");
  // A check of an earlier day on a newer export rightly sees later events: not said.
  const Run past = run_cli(check_visits + folder + "events_odd.csv --cases " + folder +
                           "cases.csv --as-of 2024-06-30");
  CHECK(past.status == 0);
  CHECK_FALSE(contains(past.err, "as-of"));
  CHECK(contains(past.err, "events recorded before they happened: 1"));
}

TEST_CASE("what cannot be right is refused with status 2", "[mistakes]") {
  ScratchFolder scratch;
  const std::string data = " " + folder + "events.csv --as-of 2024-06-30";
  {
    const Run run = run_cli("check " + scratch.path.string() + data);
    CHECK(run.status == 2);
    CHECK(run.err == scratch.path.generic_string() + ": error: policy file `" +
                         scratch.path.generic_string() + "` is a directory, not a policy file\n");
  }
  {
    const Run run = run_cli("check " + folder + "empty.policy" + data);
    CHECK(run.status == 2);
    CHECK(run.err == "error: policy `" + folder + "empty.policy` has no rules and no indicators: "
                     "nothing to check\n");
  }
  {
    const Run run = run_cli("check " + folder + "declarations.policy" + data);
    CHECK(run.status == 2);
    CHECK(run.err == "error: policy `" + folder + "declarations.policy` has no rules and no "
                     "indicators: nothing to check (a file of declarations is included by a "
                     "policy, not checked)\n");
    // lint still checks such a file: it is a vocabulary for others.
    CHECK(run_cli("lint " + folder + "declarations.policy").status == 0);
  }
  {
    // The same events under two names would count every obligation twice.
    const Run run = run_cli(check_visits + folder + "events.csv " + folder + "events_copy.csv");
    CHECK(run.status == 2);
    CHECK(run.err == "error: events files `" + folder + "events.csv` and `" + folder +
                         "events_copy.csv` hold the same events (every obligation would be "
                         "counted twice)\n");
    const fs::path link = scratch.path / "linked.csv";
    fs::create_symlink(fs::absolute(folder + "events.csv"), link);
    CHECK(run_cli(check_visits + folder + "events.csv '" + link.string() + "'").status == 2);
  }
  {
    const Run run = run_cli(check_visits + folder + "events.csv --cases " + folder +
                         "cases.csv --by teem --as-of 2024-06-30");
    CHECK(run.status == 2);
    CHECK(contains(run.err, "error: --by teem: the cases have no `teem` column; did you mean "
                            "`team`?"));
  }
}

TEST_CASE("policy errors come in proportion: the first 20 in full, then a count", "[mistakes]") {
  const Run run = run_cli("lint " + folder + "thirty_errors.policy");
  CHECK(run.status == 2);
  duly_test::check_golden(run.err, golden_file("thirty_errors.stderr.golden"));
  CHECK(std::count(run.err.begin(), run.err.end(), '^') == 20);
  CHECK(contains(run.err, "… and 10 more errors\n"));
  const Run all = run_cli("lint --all " + folder + "thirty_errors.policy");
  CHECK(std::count(all.err.begin(), all.err.end(), '^') == 30);
  const Run checked = run_cli(check_visits.substr(0, 6) + folder + "thirty_errors.policy " + folder +
                           "events.csv");
  CHECK(checked.status == 2);
  CHECK(contains(checked.err, "… and 10 more errors\n"));
}

TEST_CASE("an error at the place of an earlier one is not repeated", "[mistakes]") {
  // However many checks trip over the same misspelt word, it is one mistake.
  const auto loaded = load(
      "event visit\nrule R1 \"r\":\n  vist within 5 days after vist\n");
  REQUIRE_FALSE(loaded.policy);
  std::map<std::pair<int, int>, int> at;
  for (const auto& d : loaded.diagnostics) ++at[{d.position.line, d.position.column}];
  for (const auto& [position, count] : at) CHECK(count == 1);
}

TEST_CASE("the limits of duly/limits.hpp are refused with messages that name them", "[mistakes]") {
  SECTION("includes nested past the limit") {
    duly::LoadOptions options;
    options.read_file = [](const fs::path& path) -> std::optional<std::string> {
      const int n = std::stoi(path.stem().string().substr(1));
      return "include \"f" + std::to_string(n + 1) + ".policy\"\n";
    };
    const auto loaded = duly::load_policy_text("include \"f1.policy\"\n", "f0.policy", options);
    REQUIRE_FALSE(loaded.policy);
    bool named = false;
    for (const auto& d : loaded.diagnostics)
      named |= contains(d.message, "includes nest more than 32 files deep (the limit)");
    CHECK(named);
  }
  SECTION("a line past the limit") {
    const auto loaded =
        load("policy \"p\"\n# " + std::string(duly::max_policy_line_length, 'x') + "\n");
    REQUIRE_FALSE(loaded.policy);
    REQUIRE(loaded.diagnostics.size() == 1);
    CHECK(loaded.diagnostics[0].position.line == 2);
    CHECK(contains(loaded.diagnostics[0].message,
                   "line 2 is 10002 bytes long; a policy line may be at most 10000"));
    CHECK(loaded.diagnostics[0].source_line.size() < 100);
  }
  SECTION("more errors than a load keeps") {
    std::string text = "event visit\n";
    for (std::size_t i = 0; i < duly::max_policy_errors + 5; ++i)
      text += "rule R" + std::to_string(i) + " \"r\":\n  vist within 5 days after visit\n";
    const auto loaded = load(text);
    REQUIRE_FALSE(loaded.policy);
    CHECK(loaded.diagnostics.size() == duly::max_policy_errors + 1);
    CHECK(loaded.diagnostics.back().message ==
          "5 more errors not kept (a load keeps at most 1000)");
  }
  SECTION("a policy file past the size limit") {
    ScratchFolder scratch;
    const fs::path big = scratch.path / "big.policy";
    {
      std::ofstream out(big, std::ios::binary);
      const std::string line(99, '#');
      for (std::uintmax_t written = 0; written <= duly::max_policy_file_bytes; written += 100)
        out << line << '\n';
    }
    const auto loaded = duly::load_policy(big);
    REQUIRE_FALSE(loaded.policy);
    REQUIRE(loaded.diagnostics.size() == 1);
    CHECK(contains(loaded.diagnostics[0].message,
                   "is 16 MiB; a policy file may be at most 16 MiB"));
  }
  SECTION("a summary by month over more periods than it fills") {
    // A fuzzer's find: one date in 1900 among 2024's made a row for every month between.
    ScratchFolder scratch;
    const fs::path events = scratch.path / "events.csv";
    std::ofstream(events) << "case_id,event,date\nA1,referral,1900-01-08\nB2,referral,2024-02-01\n";
    const Run run = run_cli(check_visits + "'" + events.string() + "' --as-of 2024-06-30 --by month");
    CHECK(run.status == 0);
    CHECK(contains(run.out, "periods without obligations are not listed: 1900-03 to 2024-04 is "
                            "more than 400 periods\n"));
    CHECK(std::count(run.out.begin(), run.out.end(), '\n') < 20);
  }
  SECTION("a CSV row and a JSON line past the limit are bad rows, and reading goes on") {
    ScratchFolder scratch;
    const std::string huge(duly::max_row_bytes + 10, 'x');
    const fs::path csv = scratch.path / "events.csv";
    std::ofstream(csv, std::ios::binary)
        << "case_id,event,date\nA1,visit,\"" << huge << "\nA1,visit,2024-01-02\n";
    const fs::path jsonl = scratch.path / "events.jsonl";
    std::ofstream(jsonl, std::ios::binary)
        << "{\"case_id\":\"" << huge << "\"}\n{\"case_id\":\"A1\",\"event\":\"visit\",\"date\":"
        << "\"2024-01-02\"}\n";
    const auto policy = load("event visit\nrule R \"r\":\n  each visit recorded within 1 day\n");
    REQUIRE(policy.policy);
    for (const fs::path& file : {csv, jsonl}) {
      INFO(file.filename());
      duly::TimelineBuilder builder(policy.policy);
      duly::ReadReport report;
      duly::read_events_file(file, builder, report);
      REQUIRE(report.errors.size() == 1);
      CHECK(contains(report.errors[0].message, "longer than 16 MiB (the limit)"));
      CHECK(report.errors[0].position.line == (file == csv ? 2 : 1));
      REQUIRE(report.rejected.size() == 1);
      CHECK(report.rejected[0].text.size() < 300);
      CHECK(builder.finish().events().size() == 1);  // the row after it is read
    }
  }
}

TEST_CASE("check_data finds ages and attributes read anywhere in a rule", "[mistakes]") {
  // Ages through a period's age trigger, an attribute through `latest`, a case attribute in a
  // `when`: each is found, so each missing one is said.
  const auto loaded = load(
      "case has team\n"
      "event placement_start has permanent\n"
      "event visit\n"
      "event cla_start\n"
      "event cla_end\n"
      "period leaving from age 16 until age 18\n"
      "period cla from cla_start until cla_end\n"
      "rule L1 \"Visits while leaving care\":\n"
      "  visit every 6 weeks during leaving when placement_start.permanent = \"true\"\n"
      "rule L2 \"Visits in the north\":\n"
      "  visit every 4 weeks during cla when team = \"north\"\n");
  REQUIRE(loaded.policy);
  duly::TimelineBuilder builder(loaded.policy);
  builder.add_case("C1", std::nullopt, {});
  builder.add_event("C1", "placement_start", *duly::parse_iso_date("2024-01-01"), std::nullopt, {});
  builder.add_event("C1", "visit", *duly::parse_iso_date("2024-01-02"), std::nullopt, {});
  const duly::Timeline timeline = builder.finish();
  duly::ReadReport report;
  duly::check_data(timeline, {}, report);
  std::vector<std::string> messages;
  for (const auto& f : report.findings) messages.push_back(f.kind + ": " + f.message);
  CHECK(messages == std::vector<std::string>{
                        "attribute never given: no event has a value for `permanent`, which "
                        "rule L1 reads: every condition on it is false",
                        "attribute never given: no case has a value for `team`, which rule L2 "
                        "reads: every condition on it is false",
                        "no ages: rule L1 uses ages, and no case has a date_of_birth: its age "
                        "conditions are false for every case (1 case, 2 events)"});
  REQUIRE(report.findings.size() == 3);
  CHECK(report.findings[2].rules == std::vector<std::string>{"L1"});
}

TEST_CASE("with --strict, a return's oddities stop every command that reads data", "[mistakes]") {
  ScratchFolder scratch;
  const std::string census = " --source cin-census tests/data/cin-census/CIN_Census_2024.xml";
  const std::string out = " --out '" + (scratch.path / "events.csv").string() + "'";
  CHECK(run_cli("events" + census + out).status == 0);
  const Run events = run_cli("events" + census + out + " --strict");
  CHECK(events.status == 2);
  CHECK(contains(events.err, "error: nothing written: --strict, and the data drew 4 warnings (above)\n"));
  for (const std::string command : {"check", "due"}) {
    INFO(command);
    const Run run = run_cli(command + " policies/returns.policy" + census +
                            " --as-of 2024-03-31 --strict");
    CHECK(run.status == 2);
    CHECK(run.out.empty());
    CHECK(contains(run.err, "--strict, and the data drew "));
  }
}
