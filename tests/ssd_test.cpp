// The Standard Safeguarding Dataset importer (docs/importers.md, "The Standard Safeguarding
// Dataset") on folders of CSV exports: a crafted SystemC-shaped folder (tests/data/ssd/) with
// every mapping, placeholder, flag spelling and bad row in it, a Mosaic-shaped one
// (tests/data/ssd-mosaic/: tables keyed by referral or plan, outcomes as text), the sample of
// examples/data/ssd/, tables missing and a file of health check types. The same tables read from
// PostgreSQL over ODBC are tests/postgres/ssd_test.sh (ctest: postgres.ssd).
#include "tests/support/golden.hpp"
#include "tests/support/run_duly.hpp"

#include <duly/collected_timeline.hpp>
#include <duly/source_kinds.hpp>
#include <duly/sources.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using duly_test::check_golden;
using duly_test::duly;
using duly_test::read_file;
using duly_test::Run;
using duly_test::ScratchFolder;

const fs::path source_dir = DULY_SOURCE_DIR;
const std::string golden = "tests/golden/ssd/";

struct Converted {
  Run run;
  std::string events, cases, rejects;
};

// `duly events` on a source, with --skip-invalid and --rejects: the run and the files it wrote.
Converted convert(const std::string& source, const std::string& more = "") {
  ScratchFolder scratch;
  const fs::path events = scratch.path / "e.csv", cases = scratch.path / "c.csv",
                 rejects = scratch.path / "r.csv";
  Converted c;
  c.run = duly("events --source " + source + " --out " + events.string() + " --cases-out " +
               cases.string() + " --skip-invalid --rejects " + rejects.string() + " " + more);
  c.events = read_file(events);
  c.cases = read_file(cases);
  c.rejects = read_file(rejects);
  return c;
}

// The messages about the data, without the lines naming scratch files.
std::string data_messages(const std::string& err) {
  return err.substr(0, err.find("warning: ") != std::string::npos &&
                               err.find(" bad row") != std::string::npos
                           ? err.rfind("warning: ", err.find(" bad row"))
                           : err.find("wrote "));
}

void check_converted(const Converted& c, const std::string& name) {
  const std::string base = (source_dir / golden / name).string();
  check_golden(c.events, base + ".events.golden");
  check_golden(c.cases, base + ".cases.golden");
  check_golden(c.rejects, base + ".rejects.golden");
  check_golden(data_messages(c.run.err), base + ".stderr.golden");
}

// The lines of a CSV text whose first cell is `id`.
std::vector<std::string> rows_of(const std::string& csv, const std::string& id) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < csv.size()) {
    std::size_t end = csv.find('\n', at);
    if (end == std::string::npos) end = csv.size();
    const std::string line = csv.substr(at, end - at);
    if (line.rfind(id + ",", 0) == 0) out.push_back(line);
    at = end + 1;
  }
  return out;
}

// The non-empty cells of the event `case_id,type,date` of an events CSV (one without quotes),
// by column; empty when there is no such event.
std::map<std::string, std::string> event_of(const std::string& csv, const std::string& key) {
  auto split = [](const std::string& line) {
    std::vector<std::string> cells;
    std::size_t at = 0;
    for (;;) {
      const std::size_t comma = line.find(',', at);
      cells.push_back(line.substr(at, comma - at));
      if (comma == std::string::npos) return cells;
      at = comma + 1;
    }
  };
  const auto header = split(csv.substr(0, csv.find('\n')));
  const auto rows = rows_of(csv, key.substr(0, key.find(',')));
  std::map<std::string, std::string> out;
  for (const auto& row : rows) {
    if (row.rfind(key + ",", 0) != 0) continue;
    const auto cells = split(row);
    for (std::size_t i = 3; i < cells.size() && i < header.size(); ++i)
      if (!cells[i].empty()) out[header[i]] = cells[i];
  }
  return out;
}

using Cells = std::map<std::string, std::string>;

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST_CASE("SSD, SystemC shape: every mapped table read, every bad row named, pinned",
          "[ssd][cli]") {
  const Converted c = convert("ssd tests/data/ssd");
  CHECK(c.run.status == 0);
  check_converted(c, "systemc");
  // Each rejected row is counted once, and named with its file and line.
  CHECK(count_of(c.rejects, "\n\"tests/data/ssd/") == 12);
  CHECK(c.run.err.find("warning: 12 bad rows skipped") != std::string::npos);
}

TEST_CASE("SSD: what each rule of the mapping makes of a row", "[ssd][cli]") {
  const Converted c = convert("ssd tests/data/ssd");
  // An unborn child is known by its expected date of birth; SSD_PH is no value; Y and No are
  // flags; the team and worker come from the open involvement, named through ssd_department
  // and ssd_professionals (an id that neither names stays an id).
  CHECK(rows_of(c.cases, "P1") == std::vector<std::string>{"P1,2015-04-02,F,WBRI,A123456789012,false,South,Zoë Worker,,,"});
  CHECK(rows_of(c.cases, "P2") == std::vector<std::string>{"P2,2024-09-30,M,NOBT,,,,,UN1,true,"});
  CHECK(rows_of(c.cases, "P3") == std::vector<std::string>{"P3,2010-01-15,M,,,true,North,Ada Worker,,,"});
  CHECK(rows_of(c.cases, "P5") == std::vector<std::string>{"P5,2019-06-01,U,,,false,T9,W9,,,2024-01-05"});
  // A visit in ssd_cp_visits and again in ssd_cin_visits (same id, or same child and day) is
  // one visit; the CIN-only visit keeps its table as its setting.
  const auto p1 = rows_of(c.events, "P1");
  CHECK(std::count_if(p1.begin(), p1.end(), [](const std::string& r) { return r.find(",visit,") != std::string::npos; }) == 3);
  CHECK(event_of(c.events, "P1,visit,2023-04-01") ==
        Cells{{"child_seen", "true"}, {"seen_alone", "true"}, {"bedroom_seen", "false"}, {"setting", "cp"}});
  CHECK(event_of(c.events, "P1,visit,2023-02-25") ==
        Cells{{"child_seen", "true"}, {"seen_alone", "false"}, {"bedroom_seen", "true"}, {"setting", "cin"}});
  // An episode ceasing with X1 does not end the care period; the placement table gives each
  // placement, U4 permanent and P1 with parents.
  CHECK(count_of(c.events, "P3,became_looked_after,") == 2);
  CHECK(count_of(c.events, "P3,ceased_looked_after,") == 1);
  CHECK(event_of(c.events, "P3,placement_start,2023-08-01") ==
        Cells{{"placement_type", "U4"}, {"placement_provider", "PR4"}, {"placement_postcode", "CON"},
              {"urn", "SC654321"}, {"permanent", "true"}, {"placed_with_parents", "false"}});
  CHECK(event_of(c.events, "P3,placement_start,2024-05-01") ==
        Cells{{"placement_type", "P1"}, {"placement_provider", "PR0"}, {"permanent", "false"},
              {"placed_with_parents", "true"}});
  // Cancelled and undated reviews, undone and unmapped health checks are not events.
  CHECK(count_of(c.events, "P3,cla_review,") == 2);
  CHECK(c.events.find("P3,health_assessment,2023-12-01") == std::string::npos);
  CHECK(c.events.find("P3,initial_health_assessment,2024-05-20") != std::string::npos);
  // The conference's target date goes on the strategy discussion of its enquiry, even when the
  // conference is not held yet.
  CHECK(event_of(c.events, "P3,strategy_discussion,2022-04-04") ==
        Cells{{"outcome", "s47"}, {"initial_cpc_target", "2022-04-26"}});
  // A check attended is done; one planned needs no date and is no event.
  CHECK(c.events.find("P3,dental_check,2024-06-01") != std::string::npos);
  CHECK(c.rejects.find("H7,") == std::string::npos);
  // A CIN plan that ends before it starts is rejected, as CP plans and care episodes are.
  CHECK(c.rejects.find("CP3,R1,P1,") != std::string::npos);
  // The assessment's 1900-01-01 authorisation is no date: its start alone is an event.
  CHECK(count_of(c.events, "P3,assessment_start,") == 1);
  CHECK(count_of(c.events, "P3,assessment_completed,") == 0);
}

TEST_CASE("SSD: without --skip-invalid a bad row stops duly events, and nothing is written",
          "[ssd][cli]") {
  ScratchFolder scratch;
  const Run run = duly("events --source ssd tests/data/ssd --out " + (scratch.path / "e.csv").string());
  CHECK(run.status == 2);
  CHECK(run.err.find("tests/data/ssd/ssd_person.csv:5:11: error: pers_dob \"31/02/2012\" is not a date") !=
        std::string::npos);
  CHECK(!fs::exists(scratch.path / "e.csv"));
}

TEST_CASE("SSD, Mosaic shape: visits, reviews and involvements keyed by referral or plan",
          "[ssd][cli]") {
  const Converted c = convert("ssd tests/data/ssd-mosaic");
  CHECK(c.run.status == 0);
  check_converted(c, "mosaic");
  // The CIN visit names referral 501 in cinv_cin_plan_id, the CP review and visit plan 401,
  // the placement period of care POC9: each is its child's.
  CHECK(c.events.find("1001,visit,2024-01-10,") != std::string::npos);
  CHECK(c.events.find("1001,rcpcc,2024-06-20,") != std::string::npos);
  CHECK(c.events.find("1001,visit,2024-04-02,") != std::string::npos);
  CHECK(c.events.find("1002,placement_start,2024-05-01,") != std::string::npos);
  // Mosaic's outcome text, and the team of the involvement found through its referral.
  CHECK(event_of(c.events, "1001,contact,2024-01-05") == Cells{{"outcome", "referral"}, {"source", "Police"}});
  CHECK(rows_of(c.cases, "1001") == std::vector<std::string>{"1001,2012-05-05,Female,WBRI,ORG12"});
}

TEST_CASE("SSD: duly check policies/ssd.policy on the sample of examples/data/ssd", "[ssd][cli]") {
  const Run run = duly("check policies/ssd.policy --source ssd examples/data/ssd --as-of 2025-12-31");
  CHECK(run.status == 0);
  check_golden(run.out, source_dir / golden / "sample.table.golden");
  check_golden(run.err, source_dir / golden / "sample.stderr.golden");
}

TEST_CASE("SSD: a missing table is a note, and a warning naming the rules it would have fed",
          "[ssd][cli]") {
  ScratchFolder scratch;
  const fs::path folder = scratch.path / "ssd";
  fs::copy(source_dir / "examples/data/ssd", folder);
  fs::remove(folder / "ssd_cp_reviews.csv");
  fs::remove(folder / "ssd_cla_health.csv");
  fs::remove(folder / "ssd_person.csv");
  const Run run = duly("check policies/ssd.policy --source ssd " + folder.string() + " --as-of 2025-12-31");
  CHECK(run.status == 0);
  const std::string f = folder.string();
  CHECK(run.err.find("note: " + f + ": no ssd_cp_reviews.csv, so no rcpcc events from it\n") != std::string::npos);
  CHECK(run.err.find("warning: " + f + " has no ssd_cp_reviews, so there are no rcpcc events from it, "
                     "which rules N04 and N05 read\n") != std::string::npos);
  CHECK(run.err.find("warning: " + f + " has no ssd_cla_health, so there are no health_assessment events "
                     "from it, which rules N12, N13 and N14 read\n") != std::string::npos);
  CHECK(run.err.find("note: " + f + ": no ssd_person.csv, so no cases: no dates of birth") != std::string::npos);
  // Still a report, of what the tables there can show.
  CHECK(run.out.find("N02 ") != std::string::npos);
}

TEST_CASE("SSD: --ssd-health-checks names the events of the authority's own check types",
          "[ssd][cli]") {
  ScratchFolder scratch;
  const fs::path checks = scratch.path / "checks.csv";
  std::ofstream(checks) << "check_type,event\n# Mosaic's three literals\nHealth Check,health_assessment\n"
                           "Health Assessment,initial_health_assessment\nno comma here\n";
  const Converted c = convert("ssd tests/data/ssd-mosaic", "--ssd-health-checks " + checks.string());
  CHECK(c.run.status == 0);
  CHECK(c.events.find("1002,initial_health_assessment,2024-05-24") != std::string::npos);
  CHECK(c.events.find("1002,health_assessment,2024-06-11") != std::string::npos);
  // The file replaces the usual names: Dental Check is no longer one.
  CHECK(c.events.find("dental_check") == std::string::npos);
  CHECK(c.run.err.find("1 row is not an event: check type \"Dental Check\"") != std::string::npos);
  CHECK(c.run.err.find(checks.string() + ":5:1: error: expected `check type,event`") != std::string::npos);
}

TEST_CASE("SSD: a folder that is not there, a table without its key column", "[ssd][cli]") {
  const Run nowhere = duly("events --source ssd tests/data/nowhere --out /dev/null");
  CHECK(nowhere.status == 2);
  CHECK(nowhere.err.find("tests/data/nowhere: error: no such folder") != std::string::npos);
  ScratchFolder scratch;
  std::ofstream(scratch.path / "ssd_cin_episodes.csv") << "cine_referral_id,cine_referral_date\nR1,2024-01-01\n";
  const Run keyless = duly("events --source ssd " + scratch.path.string() + " --out /dev/null");
  CHECK(keyless.status == 2);
  CHECK(keyless.err.find((scratch.path / "ssd_cin_episodes.csv").string() +
                         ":1:1: error: the header lacks cine_person_id, which duly needs to read this table") !=
        std::string::npos);
}

TEST_CASE("SSD over ODBC: a connection that fails says why, with its password hidden",
          "[ssd][cli]") {
  const Run run = duly("events --source odbc 'Driver={No Such Driver};Server=127.0.0.1;Uid=duly;Pwd=secret' "
                       "--out /dev/null");
  CHECK(run.status == 2);
  CHECK(run.err.find("Driver={No Such Driver};Server=127.0.0.1;Uid=duly;Pwd=***: error: cannot connect: ") !=
        std::string::npos);
  CHECK(run.err.find("secret") == std::string::npos);
  CHECK(run.err.find("Driver Manager") != std::string::npos);  // unixODBC's own words
}

TEST_CASE("SSD: the source kinds are listed, and a host reads them like any other", "[ssd]") {
  std::set<std::string> names;
  for (const auto& kind : duly::source_kinds()) names.insert(kind.name);
  CHECK(names.count("ssd"));
  CHECK(names.count("odbc"));
  duly::CollectedTimeline collected;
  duly::ReadReport report;
  duly::open_source("ssd", source_dir / "tests/data/ssd-mosaic")->read(collected, report, {});
  CHECK(report.errors.size() == 1);  // the visit of a referral ssd_cin_episodes lacks
  CHECK(report.rejected.size() == 1);
  std::size_t rejected = 0;
  for (const auto& input : report.inputs) rejected += input.rejected;
  CHECK(rejected == 1);
  // Two tables are missing that give events of the shipped vocabulary.
  std::set<std::string> missing;
  for (const auto& table : report.missing_tables) missing.insert(table.name);
  CHECK(missing == std::set<std::string>{"ssd_cin_assessments", "ssd_cla_reviews", "ssd_cla_visits"});
}

}  // namespace
