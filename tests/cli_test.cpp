// The `duly` program as a user runs it: the built binary (DULY_BINARY), started from the
// repository root so that paths in its output are the relative ones the golden files hold.
// `duly check` on tests/golden/check/ must print exactly the expected reports; exit statuses,
// bad policies, bad rows, --rejects, `duly lint`, `duly fmt --check` and `--version` are
// pinned here too, and so is the README's promise that .ci/run runs what it shows. A policy with
// indicators (tests/golden/check/indicator/) pins the table's indicators section, its groups
// and the cut of a long rule name. `duly diff` on two small policies (tests/golden/diff/) must
// give exactly the rows that the two policies' `duly check` reports differ in, and the expected
// table, CSV and JSON Lines.
#include "tests/support/csv_line.hpp"
#include "tests/support/golden.hpp"
#include "tests/support/run_duly.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace {

namespace fs = std::filesystem;
using duly_test::duly;
using duly_test::read_file;
using duly_test::Run;
using duly_test::ScratchFolder;

const std::string golden = "tests/golden/check/";
const std::string check_forms = "check " + golden + "forms.policy " + golden +
                                "events.csv --cases " + golden + "cases.csv --as-of 2024-06-30";

// A golden file of tests/golden/check/ (tests/support/golden.hpp).
fs::path golden_file(const std::string& name) { return fs::path(DULY_SOURCE_DIR) / golden / name; }

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("duly check prints exactly the expected obligations CSV", "[cli]") {
  const Run run = duly(check_forms + " --format csv");
  CHECK(run.status == 0);
  duly_test::check_golden(run.out, golden_file("forms.csv.golden"));
  // The run is described on stderr, with the warnings, so stdout stays a clean CSV.
  duly_test::check_golden(run.err, golden_file("forms.csv.stderr.golden"));
}

TEST_CASE("duly check prints exactly the expected JSON Lines", "[cli]") {
  const Run run = duly(check_forms + " --format json");
  CHECK(run.status == 0);
  duly_test::check_golden(run.out, golden_file("forms.jsonl.golden"));
}

TEST_CASE("duly check prints exactly the expected summary table", "[cli]") {
  const Run run = duly(check_forms);
  CHECK(run.status == 0);
  duly_test::check_golden(run.out, golden_file("forms.table.golden"));
  duly_test::check_golden(duly(check_forms + " --format table").out,
                          golden_file("forms.table.golden"));
}

TEST_CASE("duly check --by team --by month groups the table and adds CSV columns", "[cli]") {
  duly_test::check_golden(duly(check_forms + " --by team --by month").out,
                          golden_file("forms.by_team_month.table.golden"));
  duly_test::check_golden(duly(check_forms + " --by team,month --format csv").out,
                          golden_file("forms.by_team_month.csv.golden"));
}

TEST_CASE("duly check prints the indicators after the rules, grouped like them", "[cli]") {
  const std::string folder = golden + "indicator/";
  const std::string check = "check " + folder + "indicator.policy " + folder +
                            "events.csv --cases " + folder + "cases.csv --as-of 2024-06-30";
  const Run run = duly(check);
  CHECK(run.status == 0);
  CHECK(run.err.empty());
  duly_test::check_golden(run.out, golden_file("indicator/indicator.table.golden"));
  duly_test::check_golden(duly(check + " --by team").out,
                          golden_file("indicator/indicator.by_team.table.golden"));
  duly_test::check_golden(duly(check + " --by month").out,
                          golden_file("indicator/indicator.by_month.table.golden"));
  // The obligations reports keep their columns: no indicator rows, and the full rule name.
  for (const char* format : {"csv", "json"}) {
    const Run obligations = duly(check + " --format " + format);
    CHECK(obligations.status == 0);
    CHECK_FALSE(contains(obligations.out, "T51"));
    CHECK(contains(obligations.out, "while a child protection plan lasts, however long"));
  }
}

TEST_CASE("duly check --out writes the report to a file and describes the run on stderr", "[cli]") {
  ScratchFolder scratch;
  const fs::path out = scratch.path / "obligations.csv";
  const Run run = duly(check_forms + " --format csv --out '" + out.string() + "'");
  CHECK(run.status == 0);
  CHECK(run.out.empty());
  duly_test::check_golden(read_file(out), golden_file("forms.csv.golden"));
  CHECK(contains(run.err, "policy    Golden: every form (tests/golden/check/forms.policy)"));
}

TEST_CASE("duly check --fail-on: 1 when it finds late (or worse) or missed, else 0", "[cli]") {
  CHECK(duly(check_forms + " --fail-on late --format csv").status == 1);
  CHECK(duly(check_forms + " --fail-on missed --format csv").status == 1);
  const std::string clean = "check " + golden + "forms.policy " + golden +
                            "events_met.csv --as-of 2024-06-30 --format csv";
  CHECK(duly(clean).status == 0);
  CHECK(duly(clean + " --fail-on late").status == 0);
  CHECK(duly(clean + " --fail-on missed").status == 0);
  // Late alone fails --fail-on late, not --fail-on missed.
  const std::string late = "check " + golden + "forms.policy " + golden +
                           "events_late.csv --as-of 2024-06-30 --format csv";
  CHECK(contains(duly(late).out, ",late,2\n"));
  CHECK(duly(late + " --fail-on late").status == 1);
  CHECK(duly(late + " --fail-on missed").status == 0);
  const Run run = duly(check_forms + " --fail-on missed");
  CHECK(contains(run.err, "failed: 3 missed (--fail-on missed)"));
  duly_test::check_golden(run.out,
                          golden_file("forms.table.golden"));  // the report is written all the same
}

TEST_CASE("duly check on a policy with errors evaluates nothing and exits 2", "[cli]") {
  const Run run = duly("check " + golden + "misspelt.policy " + golden +
                       "events.csv --as-of 2024-06-30 --format csv");
  CHECK(run.status == 2);
  CHECK(run.out.empty());
  CHECK(contains(run.err, "misspelt.policy:22:3: error: unknown event `core_grup`"));
}

TEST_CASE("duly check on bad rows names each one and evaluates nothing", "[cli]") {
  const Run run =
      duly("check " + golden + "forms.policy " + golden + "events_bad.csv --as-of 2024-06-30");
  CHECK(run.status == 2);
  CHECK(run.out.empty());
  CHECK(run.err ==
        "tests/golden/check/events_bad.csv:3:10: error: date \"2024-02-30\" is not a date\n"
        "tests/golden/check/events_bad.csv:4:10: error: date is missing\n"
        "error: nothing evaluated: 2 bad rows (--skip-invalid evaluates the good rows)\n");
}

namespace {

// An events file of 25 rows, each with an impossible date.
fs::path write_25_bad_rows(const ScratchFolder& scratch) {
  const fs::path events = scratch.path / "events.csv";
  std::ofstream out(events);
  out << "case_id,event,date\n";
  for (int i = 0; i < 25; ++i) out << "A" << i << ",visit,2024-13-01\n";
  return events;
}

std::size_t bad_date_messages(const std::string& err) {
  std::size_t shown = 0;
  for (std::size_t at = 0; (at = err.find("error: date", at)) != std::string::npos; ++at) ++shown;
  return shown;
}

}  // namespace

TEST_CASE("duly check shows the first 20 bad rows in full, then a count", "[cli]") {
  ScratchFolder scratch;
  const fs::path events = write_25_bad_rows(scratch);
  const Run run =
      duly("check " + golden + "forms.policy '" + events.string() + "' --as-of 2024-06-30");
  CHECK(run.status == 2);
  CHECK(bad_date_messages(run.err) == 20);
  CHECK(contains(run.err, "… and 5 more bad rows\n"));
  CHECK(contains(run.err, "error: nothing evaluated: 25 bad rows"));
}

TEST_CASE("duly check --skip-invalid evaluates the good rows and --rejects keeps the bad ones",
          "[cli]") {
  ScratchFolder scratch;
  const fs::path rejects = scratch.path / "rejects.csv";
  const Run run = duly("check " + golden + "forms.policy " + golden +
                       "events_bad.csv --as-of 2024-06-30 --format csv --skip-invalid --rejects '" +
                       rejects.string() + "'");
  CHECK(run.status == 0);
  CHECK(run.out ==
        "case_id,rule,rule_name,trigger_event,trigger_date,due,fulfilled_event,fulfilled_date,"
        "status,days_late\n"
        "A1,D1,ICPCC within 15 working days of a s47 strategy discussion,strategy_discussion,"
        "2024-03-04,2024-03-25,,,missed,\n"
        "B2,D1,ICPCC within 15 working days of a s47 strategy discussion,strategy_discussion,"
        "2024-05-01,2024-05-23,,,missed,\n");
  CHECK(read_file(rejects) ==
        "file,line,reason,row\n"
        "\"tests/golden/check/events_bad.csv\",3,\"date \"\"2024-02-30\"\" is not a date\","
        "\"A1,icpcc,2024-02-30,2024-03-22,\"\n"
        "\"tests/golden/check/events_bad.csv\",4,\"date is missing\",\"A1,visit,,2024-03-22,\"\n");
  // Nothing is dropped silently: the bad rows are on stderr too.
  CHECK(contains(run.err, "events_bad.csv:3:10: error: date \"2024-02-30\" is not a date"));
  CHECK(contains(run.err, "warning: 2 bad rows skipped"));
  CHECK(contains(run.err, "input     tests/golden/check/events_bad.csv (4 rows, 2 rejected)"));
}

TEST_CASE("duly check --skip-invalid without --rejects shows every bad row", "[cli]") {
  ScratchFolder scratch;
  const fs::path events = write_25_bad_rows(scratch);
  const std::string check = "check " + golden + "forms.policy '" + events.string() +
                            "' --as-of 2024-06-30 --skip-invalid";
  const Run run = duly(check);
  CHECK(run.status == 0);
  CHECK(bad_date_messages(run.err) == 25);  // no other record of them is kept
  // With --rejects the file holds them all, and stderr the first 20.
  const Run kept = duly(check + " --rejects '" + (scratch.path / "r.csv").string() + "'");
  CHECK(contains(kept.err, "… and 5 more bad rows\n"));
}

TEST_CASE("duly check names the undeclared event types, and refuses unknown --by columns", "[cli]") {
  ScratchFolder scratch;
  const fs::path events = scratch.path / "events.csv";
  {
    std::ofstream out(events);
    out << "case_id,event,date\nA1,strategy_discusion,2024-01-01\nA1,vist,2024-01-02\n"
           "A1,vist,2024-01-03\nA1,meeting,2024-01-04\n";
  }
  const std::string check = "check " + golden + "forms.policy '" + events.string() + "' --cases " +
                            golden + "cases.csv --as-of 2024-06-30";
  const Run run = duly(check + " --by team");
  CHECK(run.status == 0);
  CHECK(contains(run.err,
                 "warning: 4 events of types the policy does not declare ignored: `meeting` (1), "
                 "`strategy_discusion` (1; did you mean `strategy_discussion`?), `vist` (2; did "
                 "you mean `visit`?)\n"));
  // A report grouped by a column nobody has would be one group under a wrong heading.
  const Run tema = duly(check + " --by tema");
  CHECK(tema.status == 2);
  CHECK(tema.out.empty());
  CHECK(contains(tema.err,
                 "error: --by tema: the cases have no `tema` column; did you mean `team`? "
                 "(`month`, `week` and `financial_year` are periods of the due date)\n"));
}

TEST_CASE("duly check refuses usage mistakes with status 2", "[cli]") {
  CHECK(duly(check_forms + " --format xml").status == 2);
  CHECK(duly(check_forms + " --fail-on sometimes").status == 2);
  const Run bad_date =
      duly(check_forms.substr(0, check_forms.find("--as-of")) + "--as-of 30/06/2024");
  CHECK(bad_date.status == 2);
  CHECK(contains(bad_date.err, "--as-of \"30/06/2024\" is not a date"));
  CHECK(duly(check_forms + " --rejects r.csv").status == 2);  // without --skip-invalid
  CHECK(duly(check_forms + " --by status").status == 2);
  CHECK(duly(check_forms + " --by team --by team").status == 2);
  // The same events file twice would count every obligation twice.
  const Run twice = duly("check " + golden + "forms.policy " + golden + "events.csv " + golden +
                         "events.csv --as-of 2024-06-30");
  CHECK(twice.status == 2);
  CHECK(contains(twice.err, "error: events file `tests/golden/check/events.csv` is given twice"));
  const Run missing = duly("check " + golden + "forms.policy");
  CHECK(missing.status == 2);
  CHECK(contains(missing.err, "error: no data: name events files, or a source with --source KIND PATH"));
}

TEST_CASE("duly lint on a misspelt event: position, line, caret, suggestion, status 2", "[cli]") {
  const Run run = duly("lint " + golden + "misspelt.policy");
  CHECK(run.status == 2);
  CHECK(contains(run.err,
                 "tests/golden/check/misspelt.policy:22:3: error: unknown event `core_grup`; "
                 "did you mean `core_group`?\n"
                 "    core_grup every 6 weeks during cp_plan\n"
                 "    ^~~~~~~~~\n"));
  CHECK(contains(run.err, "tests/golden/check/misspelt.policy: 1 error\n"));
}

TEST_CASE("duly lint of a good policy is a quiet ok with its rule count", "[cli]") {
  const Run run = duly("lint " + golden + "forms.policy policies/examples/cp_timescales.policy");
  CHECK(run.status == 0);
  CHECK(run.out ==
        "tests/golden/check/forms.policy: ok (6 rules)\n"
        "policies/examples/cp_timescales.policy: ok (4 rules)\n");
  CHECK(run.err.empty());
  // Indicators are counted beside the rules, singular or plural.
  CHECK(duly("lint " + golden + "indicator/indicator.policy").out ==
        "tests/golden/check/indicator/indicator.policy: ok (1 rule, 2 indicators)\n");
  ScratchFolder scratch;
  const fs::path one = scratch.path / "one.policy";
  std::ofstream(one) << "policy \"One indicator\"\ncalendar england_and_wales\n"
                        "event cp_plan_start\nevent cp_plan_end\nevent visit\n"
                        "period cp_plan from cp_plan_start until cp_plan_end\n"
                        "rule R1 \"Visits\":\n  visit every 2 weeks during cp_plan\n"
                        "rule R2 \"More visits\":\n  visit every 4 weeks during cp_plan\n"
                        "indicator T51 \"Repeats\":\n  cp_plan repeated within 2 years\n";
  const Run single = duly("lint '" + one.string() + "'");
  CHECK(single.err.empty());
  CHECK(single.out == one.string() + ": ok (2 rules, 1 indicator)\n");
  // One bad file among good ones still fails the run.
  CHECK(duly("lint " + golden + "forms.policy " + golden + "misspelt.policy").status == 2);
}

TEST_CASE("duly fmt --check lists the files that would change and writes nothing", "[cli]") {
  ScratchFolder scratch;
  const fs::path fixtures = fs::path(DULY_SOURCE_DIR) / "tests/fixtures/format";
  const fs::path canonical = scratch.path / "canonical.policy";
  const fs::path messy = scratch.path / "messy.policy";
  fs::copy_file(fixtures / "layout.golden", canonical);
  fs::copy_file(fixtures / "layout.policy", messy);
  const std::string messy_text = read_file(messy);
  REQUIRE(messy_text != read_file(canonical));

  const Run clean = duly("fmt --check '" + canonical.string() + "'");
  CHECK(clean.status == 0);
  CHECK(clean.out.empty());

  const Run dirty = duly("fmt --check '" + canonical.string() + "' '" + messy.string() + "'");
  CHECK(dirty.status == 1);
  CHECK(dirty.out == messy.string() + "\n");
  CHECK(read_file(messy) == messy_text);

  // Without --check the file is rewritten in the canonical layout.
  CHECK(duly("fmt '" + messy.string() + "'").status == 0);
  CHECK(read_file(messy) == read_file(canonical));
  CHECK(duly("fmt --check '" + messy.string() + "'").status == 0);
}

TEST_CASE("duly fmt on a file that does not parse prints its errors and exits 2", "[cli]") {
  ScratchFolder scratch;
  const fs::path broken = scratch.path / "broken.policy";
  std::ofstream(broken) << "rule T1 \"Broken\":\n  visit within after\n";
  const std::string before = read_file(broken);
  const Run run = duly("fmt '" + broken.string() + "'");
  CHECK(run.status == 2);
  CHECK(contains(run.err, "broken.policy:2:"));
  CHECK(contains(run.err, "error:"));
  CHECK(read_file(broken) == before);
  CHECK(duly("fmt --check '" + broken.string() + "'").status == 2);
}

TEST_CASE("duly --version, --help, and unknown commands", "[cli]") {
  const Run version = duly("--version");
  CHECK(version.status == 0);
  CHECK(version.out == "duly 0.1.0\n");
  const Run help = duly("--help");
  CHECK(help.status == 0);
  CHECK(contains(help.out, "Examples:"));
  for (const char* command : {"check", "explain", "due", "diff", "events", "lint", "fmt", "test"}) {
    const Run command_help = duly(std::string(command) + " --help");
    CHECK(command_help.status == 0);
    CHECK(contains(command_help.out, "Examples:"));
  }
  const Run unknown = duly("frobnicate");
  CHECK(unknown.status == 2);
  CHECK(contains(unknown.err, "unknown command `frobnicate`"));
  CHECK(contains(unknown.err,
                 "(commands: check, explain, due, diff, events, lint, fmt, test)"));
  const Run misspelt = duly("explian");
  CHECK(misspelt.status == 2);
  CHECK(contains(misspelt.err, "unknown command `explian`; did you mean `explain`?"));
  CHECK(duly("").status == 2);
  CHECK(duly("check --no-such-option").status == 2);
}

namespace {

// The fenced code blocks of a Markdown file, in order, without their fences.
std::vector<std::string> fenced_blocks(const std::string& markdown) {
  std::vector<std::string> blocks;
  std::istringstream lines(markdown);
  std::string line, block;
  bool inside = false;
  while (std::getline(lines, line)) {
    if (line.rfind("```", 0) == 0) {
      if (inside) blocks.push_back(block);
      block.clear();
      inside = !inside;
    } else if (inside) {
      block += line + "\n";
    }
  }
  return blocks;
}

}  // namespace

TEST_CASE("README: .ci/run runs exactly the second block, the first runs a real check", "[cli]") {
  const fs::path root = DULY_SOURCE_DIR;
  const auto blocks = fenced_blocks(read_file(root / "README.md"));
  REQUIRE(blocks.size() >= 2);
  CHECK(read_file(root / ".ci/run") == "#!/usr/bin/env bash\nset -euo pipefail\n" + blocks[1]);
  CHECK((fs::status(root / ".ci/run").permissions() & fs::perms::owner_exec) != fs::perms::none);
  CHECK(contains(blocks[1], "ctest --test-dir build --output-on-failure"));
  // and the whole suite again under the sanitizers
  CHECK(contains(blocks[1], "-DDULY_SANITIZE=address,undefined"));
  CHECK(contains(blocks[1], "ctest --test-dir build-asan --output-on-failure"));

  // The first block is one command that ends by running the built duly on shipped files: run
  // those arguments with the binary under test.
  const std::string& first = blocks[0];
  CHECK(std::count(first.begin(), first.end(), '\n') == 1);
  const auto at = first.find("./build/duly ");
  REQUIRE(at != std::string::npos);
  const std::string arguments =
      first.substr(at + std::string("./build/duly ").size(), first.find('\n', at) - at - 13);
  const Run run = duly(arguments);
  CHECK(run.status == 0);
  CHECK(contains(run.out,
                 "policy    Camden children's social care timescales (policies/camden.policy)"));
  CHECK(contains(run.out, "46 cases, "));
  // A real report: rules of every area have obligations (T14 is Camden's override of N02).
  CHECK(contains(run.out, "N02    T14: ICPCC within 15 working days"));
  CHECK(run.err.find("warning") == std::string::npos);
}

TEST_CASE("duly --log-level shows what the library did, on stderr, and by default it is quiet",
          "[cli]") {
  const Run loud = duly("--log-level info lint policies/camden.policy");
  CHECK(loud.status == 0);
  CHECK(contains(loud.err,
                 "duly: info: loaded policy \"Camden children's social care "
                 "timescales\" from policies/camden.policy: 3 files, 51 rules"));
  const Run quiet = duly("lint policies/camden.policy");
  CHECK(quiet.status == 0);
  CHECK(quiet.err.empty());
  CHECK(duly("--log-level loud lint policies/camden.policy").status == 2);
}

TEST_CASE("every shipped policy lints with no error or warning and is in canonical layout",
          "[cli]") {
  const std::string shipped =
      "policies/events.policy policies/national.policy policies/camden.policy "
      "policies/cambridgeshire.policy policies/north_somerset.policy "
      "policies/examples/cp_timescales.policy bench/bench.policy";
  const Run lint = duly("lint " + shipped);
  CHECK(lint.status == 0);
  CHECK(lint.err.empty());
  CHECK(lint.out.find("warning") == std::string::npos);
  const Run fmt = duly("fmt --check " + shipped);
  CHECK(fmt.status == 0);
  CHECK(fmt.out.empty());
}

TEST_CASE("duly check --summary: rows that add up, per group and in total, CSV and JSON",
          "[cli][summary]") {
  ScratchFolder scratch;
  const std::string camden =
      "check policies/camden.policy examples/data/camden/events.csv --cases "
      "examples/data/camden/cases.csv --as-of 2024-06-30";
  const fs::path csv = scratch.path / "summary.csv", json = scratch.path / "summary.jsonl";
  REQUIRE(duly(camden + " --by team --summary " + csv.string()).status == 0);
  REQUIRE(duly(camden + " --by month --summary " + json.string()).status == 0);
  std::istringstream lines(read_file(csv));
  std::string line;
  std::getline(lines, line);
  CHECK(line == "level,rule,rule_name,team,met,late,missed,pending,lapsed,compliance");
  // Each rule's group rows add up to its own row, and the rules to the total.
  struct Counts {
    long n[5] = {};
  };
  std::map<std::string, Counts> rule_rows, group_sums;
  Counts rules_sum;
  while (std::getline(lines, line)) {
    const auto cells = duly_test::csv_cells(line);
    REQUIRE(cells.size() == 10);
    Counts counts;
    for (int i = 0; i < 5; ++i) counts.n[i] = std::stol(cells[4 + i]);
    if (cells[0] == "rule") {
      rule_rows[cells[1]] = counts;
      if (cells[1] != "total")
        for (int i = 0; i < 5; ++i) rules_sum.n[i] += counts.n[i];
    } else {
      for (int i = 0; i < 5; ++i) group_sums[cells[1]].n[i] += counts.n[i];
    }
  }
  REQUIRE(rule_rows.size() > 10);
  for (const auto& [rule, counts] : rule_rows) {
    INFO(rule);
    for (int i = 0; i < 5; ++i) CHECK(group_sums[rule].n[i] == counts.n[i]);
  }
  for (int i = 0; i < 5; ++i) CHECK(rule_rows["total"].n[i] == rules_sum.n[i]);

  // By month, every month from the first due date to the last, with no gap.
  std::set<std::string> months;
  std::istringstream json_lines(read_file(json));
  while (std::getline(json_lines, line)) {
    const auto row = nlohmann::json::parse(line);
    if (row["level"] == "group" && row["rule"] == "total") months.insert(row["month"].get<std::string>());
  }
  REQUIRE(months.size() > 12);
  int year = std::stoi(months.begin()->substr(0, 4)), month = std::stoi(months.begin()->substr(5, 2));
  for (const auto& m : months) {
    char expected[8];
    std::snprintf(expected, sizeof expected, "%04d-%02d", year, month);
    CHECK(m == expected);
    if (++month == 13) month = 1, ++year;
  }
}

TEST_CASE("progress: on a terminal while reading and evaluating, erased after, never in a log",
          "[cli][progress]") {
  const std::string check = "check policies/returns.policy --source ssda903 tests/data/ssda903 "
                            "--as-of 2019-03-31";
  // script(1) gives the program a terminal; the delay before the first line is set to 0.
  const std::string command = "cd '" DULY_SOURCE_DIR "' && DULY_PROGRESS_AFTER_MS=0 script -qec \"'" DULY_BINARY "' " +
                              check + " 2>&1 >/dev/null\" /dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string terminal;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) terminal.append(buffer, n);
  CHECK(pclose(pipe) == 0);
  CHECK(contains(terminal, "reading header.csv: "));
  CHECK(contains(terminal, "checked 256 of 2675 cases ("));
  CHECK(contains(terminal, "\r\033[K"));  // each line overwrites the last, and the last is erased
  // Not a terminal: nothing of it.
  const Run plain = duly(check);
  CHECK(plain.status == 0);
  CHECK(!contains(plain.err, "reading header.csv"));
  CHECK(!contains(plain.err, "checked 256"));
}

namespace {

const std::string diff_folder = "tests/golden/diff/";
const std::string diff_data =
    diff_folder + "events.csv --cases " + diff_folder + "cases.csv --as-of 2024-06-30";
const std::string diff_new =
    "diff " + diff_folder + "old.policy " + diff_folder + "new.policy " + diff_data;

fs::path diff_golden(const std::string& name) {
  return fs::path(DULY_SOURCE_DIR) / diff_folder / name;
}

// The cells of one CSV line (RFC 4180; no cell of these reports spans lines).
std::vector<std::string> csv_cells(const std::string& line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      cells.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  return cells;
}

std::string csv_line(const std::vector<std::string>& cells) {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line += ',';
    if (cells[i].find_first_of(",\"\n") == std::string::npos) {
      line += cells[i];
      continue;
    }
    line += '"';
    for (char c : cells[i]) line += c == '"' ? std::string("\"\"") : std::string(1, c);
    line += '"';
  }
  return line;
}

// What `duly diff OLD NEW DATA --format csv` must print, worked out from the two `duly check
// --format csv` reports alone, as docs/cli.md states the diff: obligations keyed by (case_id,
// rule, trigger_event, trigger_date), the k-th of a key under OLD paired with the k-th under
// NEW; a row per pair whose due date or status differs and per obligation without a partner,
// sorted by case_id, rule, trigger_date, trigger_event, then k.
std::string expected_diff_csv(const std::string& old_policy, const std::string& new_policy,
                              const std::string& data) {
  using Key = std::vector<std::string>;  // case_id, rule, trigger_event, trigger_date
  using Sides = std::pair<std::vector<std::pair<std::string, std::string>>,
                          std::vector<std::pair<std::string, std::string>>>;  // (due, status)
  std::map<Key, Sides> by_key;
  for (int side = 0; side < 2; ++side) {
    const Run check =
        duly("check " + (side == 0 ? old_policy : new_policy) + " " + data + " --format csv");
    REQUIRE(check.status == 0);
    std::istringstream lines(check.out);
    std::string line;
    std::getline(lines, line);
    REQUIRE(line.rfind("case_id,rule,rule_name,trigger_event,trigger_date,due,", 0) == 0);
    while (std::getline(lines, line)) {
      const auto cells = csv_cells(line);
      REQUIRE(cells.size() == 10);
      auto& list = side == 0 ? by_key[{cells[0], cells[1], cells[3], cells[4]}].first
                             : by_key[{cells[0], cells[1], cells[3], cells[4]}].second;
      list.emplace_back(cells[5], cells[8]);
    }
  }
  // Sorted by case_id, rule, trigger_date, then trigger_event.
  std::vector<std::pair<Key, const Sides*>> keys;
  for (const auto& [key, sides] : by_key) keys.push_back({key, &sides});
  std::stable_sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) {
    const Key &x = a.first, &y = b.first;
    return std::tie(x[0], x[1], x[3], x[2]) < std::tie(y[0], y[1], y[3], y[2]);
  });
  std::string out =
      "case_id,rule,trigger_event,trigger_date,old_due,old_status,new_due,new_status\n";
  for (const auto& [key, sides] : keys) {
    const auto& [olds, news] = *sides;
    for (std::size_t k = 0; k < std::max(olds.size(), news.size()); ++k) {
      const bool in_old = k < olds.size(), in_new = k < news.size();
      if (in_old && in_new && olds[k] == news[k]) continue;
      out += csv_line({key[0], key[1], key[2], key[3], in_old ? olds[k].first : "",
                       in_old ? olds[k].second : "", in_new ? news[k].first : "",
                       in_new ? news[k].second : ""}) +
             "\n";
    }
  }
  return out;
}

}  // namespace

TEST_CASE("duly diff's rows are those two duly check reports differ in", "[cli]") {
  const std::string old_policy = diff_folder + "old.policy",
                    new_policy = diff_folder + "new.policy";
  const Run run = duly(diff_new + " --format csv");
  CHECK(run.status == 0);
  const std::string expected = expected_diff_csv(old_policy, new_policy, diff_data);
  CHECK(run.out == expected);
  // A deadline of 10 working days instead of 15, across Easter 2024 and the May bank holiday:
  // met becomes late, pending becomes missed, and a due date moves with the status unchanged.
  CHECK(contains(run.out, "A1,D1,strategy_discussion,2024-03-25,2024-04-17,met,2024-04-10,late\n"));
  CHECK(contains(run.out,
                 "C3,D1,strategy_discussion,2024-06-10,2024-07-01,pending,2024-06-24,missed\n"));
  CHECK(contains(run.out, "B2,D1,strategy_discussion,2024-05-01,2024-05-23,met,2024-05-16,met\n"));
  // A rule NEW drops, and one it adds: the other side empty.
  CHECK(contains(run.out, "A1,M1,strategy_discussion,2024-03-25,2024-03-27,met,,\n"));
  CHECK(contains(run.out, "A1,C1,icpcc,2024-04-12,,,2024-04-22,met\n"));

  // The shipped example, two authorities' policies on the Camden sample, by the same reckoning.
  const std::string camden_data =
      "examples/data/camden/events.csv --cases examples/data/camden/cases.csv --as-of 2024-06-30";
  const Run camden = duly("diff policies/camden.policy policies/north_somerset.policy " +
                          camden_data + " --format csv");
  CHECK(camden.status == 0);
  CHECK(camden.out ==
        expected_diff_csv("policies/camden.policy", "policies/north_somerset.policy", camden_data));
}

TEST_CASE("duly diff prints exactly the expected table, CSV and JSON Lines", "[cli]") {
  const Run table = duly(diff_new);
  CHECK(table.status == 0);
  duly_test::check_golden(table.out, diff_golden("new.table.golden"));
  duly_test::check_golden(duly(diff_new + " --format table").out, diff_golden("new.table.golden"));
  const Run csv = duly(diff_new + " --format csv");
  duly_test::check_golden(csv.out, diff_golden("new.csv.golden"));
  // The data is read once: its warning (events NEW does not declare) is said once, per policy.
  duly_test::check_golden(csv.err, diff_golden("new.csv.stderr.golden"));
  const Run json = duly(diff_new + " --format json");
  CHECK(json.status == 0);
  duly_test::check_golden(json.out, diff_golden("new.jsonl.golden"));
  std::istringstream lines(json.out);
  std::size_t rows = 0;
  for (std::string line; std::getline(lines, line); ++rows)
    CHECK(nlohmann::json::parse(line).size() == 8);
  CHECK(rows + 1 == static_cast<std::size_t>(std::count(csv.out.begin(), csv.out.end(), '\n')));
  // Grouped by a cases-file column, as check groups its table.
  duly_test::check_golden(duly(diff_new + " --by team").out,
                          diff_golden("new.by_team.table.golden"));
}

TEST_CASE("duly diff of a policy with itself has no rows and says so", "[cli]") {
  const std::string self =
      "diff " + diff_folder + "old.policy " + diff_folder + "old.policy " + diff_data;
  const Run table = duly(self);
  CHECK(table.status == 0);
  CHECK(table.err.empty());
  duly_test::check_golden(table.out, diff_golden("old.self.table.golden"));
  const std::string none =
      "no differences: the 9 obligations of 4 cases have the same due dates and statuses under "
      "both policies\n";
  CHECK(contains(table.out, "\n\n" + none));
  const Run csv = duly(self + " --format csv");
  CHECK(csv.status == 0);
  CHECK(csv.out ==
        "case_id,rule,trigger_event,trigger_date,old_due,old_status,new_due,new_status\n");
  CHECK(contains(csv.err, "note: " + none));
  const Run json = duly(self + " --format json");
  CHECK(json.status == 0);
  CHECK(json.out.empty());
  CHECK(contains(json.err, "note: " + none));
}

TEST_CASE("duly diff refuses usage mistakes and bad input with status 2", "[cli]") {
  const Run one = duly("diff " + diff_folder + "old.policy");
  CHECK(one.status == 2);
  CHECK(contains(one.err, "Usage: duly diff"));
  CHECK(contains(one.err, "Run `duly diff --help`"));
  const Run no_data = duly("diff " + diff_folder + "old.policy " + diff_folder + "new.policy");
  CHECK(no_data.status == 2);
  CHECK(contains(no_data.err, "error: no data"));
  const Run by_csv = duly(diff_new + " --by team --format csv");
  CHECK(by_csv.status == 2);
  CHECK(contains(by_csv.err, "error: --by groups the table"));
  CHECK(by_csv.out.empty());
  CHECK(duly(diff_new + " --format xml").status == 2);
  CHECK(duly(diff_new + " --by status").status == 2);
  // A policy with errors: nothing read or compared.
  const Run bad =
      duly("diff " + diff_folder + "old.policy " + golden + "misspelt.policy " + diff_data);
  CHECK(bad.status == 2);
  CHECK(bad.out.empty());
  CHECK(contains(bad.err, "misspelt.policy:22:3: error: unknown event `core_grup`"));
  // Bad rows stop the diff, said once for both policies.
  const Run rows = duly("diff " + diff_folder + "old.policy " + diff_folder + "new.policy " +
                        golden + "events_bad.csv --as-of 2024-06-30");
  CHECK(rows.status == 2);
  CHECK(rows.err ==
        "warning: column `outcome` is not an attribute of any event of the policy (2 values "
        "ignored)\n"
        "tests/golden/check/events_bad.csv:3:10: error: date \"2024-02-30\" is not a date\n"
        "tests/golden/check/events_bad.csv:4:10: error: date is missing\n"
        "error: nothing compared: 2 bad rows (--skip-invalid compares the good rows)\n");
  const Run help = duly("diff --help");
  CHECK(help.status == 0);
  CHECK(contains(help.out, "Examples:"));
}

TEST_CASE("duly test: `expect no` of a dropped rule holds, an expectation of one is an error",
          "[cli][policy-test]") {
  ScratchFolder scratch;
  const fs::path file = scratch.path / "drops.test";
  const std::string dropped_test =
      "policy \"" DULY_SOURCE_DIR "/policies/returns.policy\"\n"
      "as of 2024-12-31\n\n"
      "test \"dropped\"\n"
      "  2024-03-11 icpcc with outcome = \"plan\"\n"
      "  expect no N03\n";
  std::ofstream(file) << dropped_test
                      << "\ntest \"expected of a dropped rule\"\n"
                         "  2024-03-11 icpcc with outcome = \"plan\"\n"
                         "  expect N03 from 2024-03-11 due 2024-03-25 missed\n";
  const Run run = duly("test " + file.string());
  CHECK(run.status == 2);
  CHECK(contains(run.err, "drops.test:10:10: error: the policy has no rule `N03`"));
  std::ofstream(file) << dropped_test;
  const Run ok = duly("test " + file.string());
  CHECK(ok.status == 0);
  CHECK(contains(ok.out, "PASS  dropped"));
}

TEST_CASE("duly fmt --diff shows the change as diff -u would; fmt - formats stdin to stdout",
          "[cli][fmt]") {
  const std::string untidy = "tests/golden/fmt/untidy.policy";
  const Run diff = duly("fmt --diff " + untidy);
  CHECK(diff.status == 1);  // a file would change; nothing is written
  duly_test::check_golden(diff.out, fs::path(DULY_SOURCE_DIR) / "tests/golden/fmt/untidy.diff.golden");
  CHECK(diff.out.rfind("--- tests/golden/fmt/untidy.policy\n+++ tests/golden/fmt/untidy.policy "
                       "(formatted)\n@@ -1,5 +1,6 @@\n", 0) == 0);
  const Run piped = duly("fmt - < " + untidy);
  CHECK(piped.status == 0);
  CHECK(piped.out == "policy \"x\"\nevent a\nevent b\n\nrule R \"r\":\n  b within 3 days after a\n");
  // Formatting the formatted text changes nothing: no diff, status 0.
  const Run tidy = duly("fmt --diff policies/camden.policy");
  CHECK(tidy.status == 0);
  CHECK(tidy.out.empty());
  CHECK(duly("fmt --check --diff " + untidy).status == 2);
  const Run broken = duly("fmt - < tests/golden/lint/misspelt_keyword.policy");
  CHECK(broken.status == 2);
  CHECK(contains(broken.err, "<stdin>:"));
}

TEST_CASE("a misspelt events column is named, with the attribute it is close to", "[cli]") {
  ScratchFolder scratch;
  const fs::path events = scratch.path / "events.csv";
  std::ofstream(events) << "case_id,event,date,seen_alon,at_home\n"
                           "C1,visit,2024-03-04,true,true\n"
                           "C1,visit,2024-03-18,false,\n"
                           "C2,visit,2024-03-18,,true\n";
  const Run run = duly("check policies/camden.policy " + events.string() + " --as-of 2024-06-30");
  CHECK(run.status == 0);
  CHECK(contains(run.err, "warning: column `seen_alon` is not an attribute of any event of the "
                          "policy; did you mean `seen_alone`? (2 values ignored)\n"));
  CHECK(!contains(run.err, "column `at_home`"));  // declared: used, not warned about
  // explain and due read the data the same way, and say the same.
  const Run due = duly("due policies/camden.policy " + events.string() + " --as-of 2024-06-30");
  CHECK(contains(due.err, "column `seen_alon` is not an attribute"));
}
