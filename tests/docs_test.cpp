// Figures the docs state about runs on the shipped samples, read from the docs' own text and
// compared with a real run, so that changing either the doc or the engine fails here: the
// sample's README (obligations by status, compliance range, children and events), the
// T51 figure of docs/policies.md, what docs/importers.md and docs/cli.md say of the sample
// DfE returns, and what docs/cli.md says `duly diff` finds between two shipped policies.
#include "tests/support/run_duly.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

using duly_test::duly;
using duly_test::read_file;

const std::string camden =
    "policies/camden.policy examples/data/camden/events.csv --cases "
    "examples/data/camden/cases.csv --as-of 2024-06-30";

// "3,965" -> 3965
long number(const std::string& text) {
  std::string digits;
  for (char c : text)
    if (c != ',') digits += c;
  return std::stol(digits);
}

// The groups of the first match of `pattern` in the text (group 0: the whole match), its
// whitespace taken as single spaces (the prose is wrapped); fails the test when the text no
// longer says it.
std::vector<std::string> find_in(const std::string& text, const std::string& pattern) {
  const std::string flat = std::regex_replace(text, std::regex("\\s+"), " ");
  std::smatch match;
  INFO("pattern: " << pattern);
  REQUIRE(std::regex_search(flat, match, std::regex(pattern)));
  return {match.begin(), match.end()};
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("examples/data/README.md states the Camden sample's real counts", "[docs]") {
  const std::string doc = read_file(DULY_SOURCE_DIR "/examples/data/README.md");
  const auto size = find_in(doc, "([0-9]+) children, ([0-9,]+) events");
  const auto figures =
      find_in(doc,
              "finds ([0-9,]+) obligations across all ([0-9]+) of Camden's rules \\(([0-9,]+) met, "
              "([0-9,]+) late, ([0-9,]+) missed, ([0-9,]+) pending, ([0-9,]+) lapsed\\), with "
              "compliance between ([0-9]+)% and ([0-9]+)% per rule");

  const auto csv = duly("check " + camden + " --format csv");
  REQUIRE(csv.status == 0);
  std::map<std::string, long> by_status;
  long obligations = 0;
  for (const auto& line : lines_of(csv.out)) {
    if (line.rfind("case_id,", 0) == 0) continue;
    // status is the next-to-last column; no status text holds a comma.
    const auto last = line.rfind(',');
    const auto before = line.rfind(',', last - 1);
    ++by_status[line.substr(before + 1, last - before - 1)];
    ++obligations;
  }
  CHECK(number(figures[1]) == obligations);
  CHECK(number(figures[3]) == by_status["met"]);
  CHECK(number(figures[4]) == by_status["late"]);
  CHECK(number(figures[5]) == by_status["missed"]);
  CHECK(number(figures[6]) == by_status["pending"]);
  CHECK(number(figures[7]) == by_status["lapsed"]);

  // The table: the input rows, the number of rules, and the lowest and highest compliance.
  const auto table = duly("check " + camden);
  REQUIRE(table.status == 0);
  const auto rows =
      find_in(table.out, "cases\\.csv \\(([0-9]+) rows\\).*events\\.csv \\(([0-9]+) rows\\)");
  CHECK(number(size[1]) == number(rows[1]));
  CHECK(number(size[2]) == number(rows[2]));
  std::vector<double> compliance;
  for (const auto& line : lines_of(table.out)) {
    std::smatch m;
    if (line.rfind("total ", 0) == 0) continue;  // the row over every rule is no rule
    if (std::regex_search(line, m, std::regex("  ([0-9.]+)% \\([0-9]+/[0-9]+\\)$")))
      compliance.push_back(std::stod(m[1]));
  }
  CHECK(number(figures[2]) == static_cast<long>(compliance.size()));
  REQUIRE(!compliance.empty());
  CHECK(number(figures[8]) ==
        static_cast<long>(*std::min_element(compliance.begin(), compliance.end())));
  CHECK(number(figures[9]) ==
        static_cast<long>(*std::max_element(compliance.begin(), compliance.end())));
}

TEST_CASE("docs/policies.md states T51's real figure on the Camden sample", "[docs]") {
  const std::string doc = read_file(DULY_SOURCE_DIR "/docs/policies.md");
  const auto figure = find_in(doc, "\\(`T51 \\.\\.\\. ([0-9]+ of [0-9]+ \\([0-9.]+%\\))`\\)");
  const auto run = duly(
      "check policies/north_somerset.policy examples/data/camden/events.csv "
      "--cases examples/data/camden/cases.csv --as-of 2024-06-30");
  REQUIRE(run.status == 0);
  bool found = false;
  for (const auto& line : lines_of(run.out))
    if (line.rfind("T51 ", 0) == 0) {
      found = true;
      CHECK(line.substr(line.size() - figure[1].size()) == figure[1]);
    }
  CHECK(found);
}

TEST_CASE("docs/importers.md and docs/cli.md state what duly makes of the sample returns",
          "[docs]") {
  const std::string importers = read_file(DULY_SOURCE_DIR "/docs/importers.md");
  const std::string cli = read_file(DULY_SOURCE_DIR "/docs/cli.md");
  duly_test::ScratchFolder scratch;
  const std::string events = (scratch.path / "events.csv").string();
  const std::string cases = (scratch.path / "cases.csv").string();
  const auto run =
      duly("events --source ssda903 tests/data/ssda903 --out " + events + " --cases-out " + cases);
  REQUIRE(run.status == 0);
  const std::string err = std::regex_replace(run.err, std::regex("\\s+"), " ");
  // The reference date note, the count of oddities and the figures of `duly events`.
  const auto note = find_in(importers, "reference date ([0-9-]+), the end of the collection year "
                                       "of the latest episode date \\(([0-9-]+)\\)");
  CHECK(err.find("reference date " + note[1] + ", the end of the collection year of the latest "
                 "episode date (" + note[2] + ")") != std::string::npos);
  const auto oddities = find_in(importers, "the data is kept, with ([0-9]+) oddities: dates after "
                                           "the reference date: ([0-9]+)");
  CHECK(err.find("with " + oddities[1] + " oddities: dates after the reference date: " +
                 oddities[2] + ";") != std::string::npos);
  const auto wrote = find_in(cli, "`wrote ([0-9]+) events to events.csv`, `wrote ([0-9]+) cases to");
  CHECK(err.find("wrote " + wrote[1] + " events to " + events) != std::string::npos);
  CHECK(err.find("wrote " + wrote[2] + " cases to " + cases) != std::string::npos);

  // The cross-check example, line for line.
  const auto check = duly("check policies/returns.policy --source cin-census "
                          "tests/data/cin-census/CIN_Census_2024.xml --as-of 2024-03-31");
  REQUIRE(check.status == 0);
  const auto example = find_in(importers, "(cross-check: InitialCPCtarget [^\\n]*?1 differs) "
                                          "(DfEX0000001: [^`]*?\\(-1 day\\))");
  CHECK(check.err.find(example[1] + "\n") != std::string::npos);
  CHECK(check.err.find("  " + example[2] + "  tests/data/cin-census/CIN_Census_2024.xml:55\n") !=
        std::string::npos);
}

TEST_CASE("docs/cli.md states the Camden reminder list's real figures", "[docs]") {
  const std::string cli = read_file(DULY_SOURCE_DIR "/docs/cli.md");
  const auto run = duly("due " + camden);
  REQUIRE(run.status == 0);
  const auto counts = find_in(cli, "`([0-9]+ obligations due within 14 days, [0-9]+ overdue within 60 "
                                   "days, in [0-9]+ cases)`");
  CHECK(run.out.find(counts[1] + "\n") != std::string::npos);
  const auto older = find_in(cli, "`([0-9]+ older overdue obligations not listed \\(due before "
                                  "2024-05-01\\))`");
  CHECK(run.out.find(older[1] + "\n") != std::string::npos);
}

TEST_CASE("docs/cli.md states what duly diff finds between Camden's and North Somerset's policies",
          "[docs]") {
  const std::string cli = read_file(DULY_SOURCE_DIR "/docs/cli.md");
  // The example is the doc's own command, run as written.
  const auto command = find_in(cli,
                               "duly diff (policies/camden\\.policy policies/north_somerset\\."
                               "policy examples/data/camden/events\\.csv) \\\\ (--cases "
                               "examples/data/camden/cases\\.csv --as-of 2024-06-30)");
  const auto run = duly("diff " + command[1] + " " + command[2]);
  REQUIRE(run.status == 0);
  CHECK(run.err.empty());
  const auto figures = find_in(
      cli,
      "so `N12` goes from `([0-9.]+% \\([0-9]+/[0-9]+\\))` to `([0-9.]+% \\([0-9]+/[0-9]+\\))`, "
      "`([+-][0-9.]+ pp)`; Camden's ([0-9]+) rules of its own are `removed` and North "
      "Somerset's ([0-9]+) `added`, and ([0-9]+) obligations change in all ([0-9]+) cases");
  bool found = false;
  std::size_t removed = 0, added = 0;
  for (const auto& line : lines_of(run.out)) {
    if (line.rfind("N12 ", 0) == 0) {
      found = true;
      // Compliance under each, then the change, in that order along the line.
      const auto old_at = line.find("  " + figures[1] + "  ");
      const auto new_at = line.find("  " + figures[2] + "  ", old_at + 1);
      const auto change_at = line.find("  " + figures[3] + "  ", new_at + 1);
      CHECK(old_at != std::string::npos);
      CHECK(new_at != std::string::npos);
      CHECK(change_at != std::string::npos);
    }
    if (std::regex_search(line, std::regex("^[^ ]+ .*  removed +[0-9]+$"))) ++removed;
    if (std::regex_search(line, std::regex("^[^ ]+ .*  added +[0-9]+$"))) ++added;
  }
  CHECK(found);
  CHECK(number(figures[4]) == static_cast<long>(removed));
  CHECK(number(figures[5]) == static_cast<long>(added));
  CHECK(run.out.find("cases whose obligations changed: " + figures[7] + " of " + figures[7] +
                     "\n") != std::string::npos);
  CHECK(run.out.find(", " + figures[6] + " changed\n") != std::string::npos);
}
