// `duly due` (duly/reminders.hpp): the reminder list on the Camden sample, pinned in golden files
// and checked row for row against `duly check`'s own obligations: every pending one due in the
// window and every missed one due in the overdue window, nothing else, with the older overdue
// ones counted.
#include "tests/support/csv_line.hpp"
#include "tests/support/golden.hpp"
#include "tests/support/run_duly.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using duly_test::check_golden;
using duly_test::duly;
using duly_test::Run;

const std::string camden =
    "policies/camden.policy examples/data/camden/events.csv --cases "
    "examples/data/camden/cases.csv --as-of 2024-06-30";
const std::filesystem::path golden_dir =
    std::filesystem::path(DULY_SOURCE_DIR) / "tests/golden/due";

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// YYYY-MM-DD as a day count, enough to compare and subtract within a few years.
int day_number(const std::string& iso) {
  int y = std::stoi(iso.substr(0, 4)), m = std::stoi(iso.substr(5, 2)), d = std::stoi(iso.substr(8, 2));
  // Days from civil (Howard Hinnant's algorithm).
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

TEST_CASE("duly due lists exactly what duly check finds due soon or overdue", "[due]") {
  const Run check = duly("check " + camden + " --format csv");
  REQUIRE(check.status == 0);
  const int as_of = day_number("2024-06-30");
  std::multiset<std::string> expected;
  std::size_t older = 0;
  for (const auto& line : lines(check.out)) {
    const auto cells = duly_test::csv_cells(line);
    if (cells[0] == "case_id") continue;
    const int left = day_number(cells[5]) - as_of;
    const bool soon = cells[8] == "pending" && left >= 0 && left <= 14;
    const bool overdue = cells[8] == "missed" && left < 0 && left >= -60;
    if (cells[8] == "missed" && left < -60) ++older;
    if (soon || overdue) expected.insert(line + "," + std::to_string(left));
  }
  const Run due = duly("due " + camden + " --format csv");
  REQUIRE(due.status == 0);
  auto rows = lines(due.out);
  REQUIRE(!rows.empty());
  CHECK(rows[0] ==
        "case_id,rule,rule_name,trigger_event,trigger_date,due,fulfilled_event,fulfilled_date,"
        "status,days_late,days_left");
  std::multiset<std::string> listed(rows.begin() + 1, rows.end());
  CHECK(listed == expected);
  CHECK(expected.size() > 10);
  const Run table = duly("due " + camden);
  CHECK(table.out.find(std::to_string(older) + " older overdue obligations not listed (due before "
                       "2024-05-01)") != std::string::npos);
}

TEST_CASE("duly due: the table by worker, and CSV and JSON by team, pinned", "[due]") {
  const Run table = duly("due " + camden);
  CHECK(table.status == 0);
  check_golden(table.out, golden_dir / "camden.table.golden");
  const Run csv = duly("due " + camden + " --by team --within 7d --overdue-within 2w --format csv");
  CHECK(csv.status == 0);
  check_golden(csv.out, golden_dir / "camden.by_team.csv.golden");
  const Run json = duly("due " + camden + " --by team --within 7d --format json");
  CHECK(json.status == 0);
  check_golden(json.out, golden_dir / "camden.by_team.jsonl.golden");
}

TEST_CASE("duly due refuses a window that is not a number of days", "[due]") {
  const Run bad = duly("due " + camden + " --within fortnight");
  CHECK(bad.status == 2);
  CHECK(bad.err ==
        "error: --within \"fortnight\" is not a number of days (such as 14d, or 2w for weeks)\n");
  CHECK(duly("due " + camden + " --by month").status == 2);
}

TEST_CASE("duly due --format html: one page with the list, data escaped", "[due]") {
  const Run html = duly("due " + camden + " --format html");
  CHECK(html.status == 0);
  check_golden(html.out, golden_dir / "camden.html.golden");
  CHECK(html.out.find("28 due soon, 19 overdue, in 24 cases") != std::string::npos);
  // A value from the data holding markup shows as text: team A2 of the explain fixture.
  const Run escaped = duly("due tests/golden/explain/explain.policy tests/golden/explain/events.csv "
                           "--cases tests/golden/explain/cases.csv --as-of 2024-04-20 --by team "
                           "--format html");
  CHECK(escaped.status == 0);
  CHECK(escaped.out.find("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>") != std::string::npos);
  CHECK(escaped.out.find("<script>alert") == std::string::npos);
}
