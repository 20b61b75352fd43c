// The DfE return importers (docs/importers.md) on the real sample files of tests/data/ (fake
// data, MIT licence: tests/data/README.md), with figures this file computes on its own from the
// raw files (care periods, reviews more than 6 months after the previous one, overlapping
// episodes, reviews outside every care period; children and referrals in the census) compared
// with what duly made of them; every impossible row of the samples reported with its position;
// crafted bad files with golden outputs; and a source a host registers under its own name.
#include "tests/support/golden.hpp"
#include "tests/support/run_duly.hpp"

#include <duly/collected_timeline.hpp>
#include <duly/evaluate.hpp>
#include <duly/load.hpp>
#include <duly/source_kinds.hpp>
#include <duly/sources.hpp>
#include <duly/timeline.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <sstream>
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
const fs::path ssda903 = source_dir / "tests/data/ssda903";
const fs::path census = source_dir / "tests/data/cin-census";
const std::string importers = "tests/golden/importers/";

// --- An independent reading of the raw files: plain splitting and arithmetic, no duly code --

// The rows of a sample CSV by column name (the samples hold no quotes: checked).
std::vector<std::map<std::string, std::string>> raw_rows(const fs::path& file) {
  const std::string text = read_file(file);
  REQUIRE(text.find('"') == std::string::npos);
  std::istringstream in(text);
  std::string line;
  std::vector<std::string> names;
  std::vector<std::map<std::string, std::string>> rows;
  auto split = [](const std::string& l) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream s(l);
    while (std::getline(s, cell, ',')) cells.push_back(cell);
    if (!l.empty() && l.back() == ',') cells.push_back("");
    return cells;
  };
  std::getline(in, line);
  names = split(line);
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto cells = split(line);
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < names.size(); ++i) row[names[i]] = i < cells.size() ? cells[i] : "";
    rows.push_back(std::move(row));
  }
  return rows;
}

// DD/MM/YYYY as YYYYMMDD, which orders as the dates do; 0 for an empty cell.
int ymd(const std::string& uk) {
  if (uk.empty()) return 0;
  return std::stoi(uk.substr(6, 4)) * 10000 + std::stoi(uk.substr(3, 2)) * 100 +
         std::stoi(uk.substr(0, 2));
}

// YYYYMMDD plus calendar months, the day clamped to the month's length.
int plus_months(int date, int months) {
  int y = date / 10000, m = date / 100 % 100 + months;
  const int d = date % 100;
  y += (m - 1) / 12;
  m = (m - 1) % 12 + 1;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int lengths[] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return y * 10000 + m * 100 + std::min(d, lengths[m - 1]);
}

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

struct RawEpisode {
  int start, end;
  std::string rec;
};

// Each child's episodes in DECOM order (then file order).
std::map<std::string, std::vector<RawEpisode>> raw_episodes() {
  std::map<std::string, std::vector<RawEpisode>> by_child;
  for (const auto& row : raw_rows(ssda903 / "episodes.csv"))
    by_child[row.at("CHILD")].push_back({ymd(row.at("DECOM")), ymd(row.at("DEC")), row.at("REC")});
  for (auto& [child, list] : by_child)
    std::stable_sort(list.begin(), list.end(),
                     [](const RawEpisode& a, const RawEpisode& b) { return a.start < b.start; });
  return by_child;
}

// --- What duly made of the files ------------------------------------------------------------

struct Collected {
  duly::CollectedTimeline timeline;
  duly::ReadReport report;
  std::size_t events_of(const std::string& type) const {
    return static_cast<std::size_t>(
        std::count_if(timeline.events().begin(), timeline.events().end(),
                      [&](const auto& e) { return e.type == type; }));
  }
  std::size_t warnings(const std::string& kind) const {
    auto found = report.warning_counts.find(kind);
    return found == report.warning_counts.end() ? 0 : found->second;
  }
};

Collected read_source(const std::string& kind, const fs::path& path) {
  Collected c;
  duly::open_source(kind, path)->read(c.timeline, c.report, {});
  return c;
}

TEST_CASE("SSDA903 sample: every row read, none rejected, rows in = rows used + rejected",
          "[importers]") {
  const Collected c = read_source("ssda903", ssda903);
  REQUIRE(c.report.ok());
  REQUIRE(c.report.inputs.size() == 3);
  const char* files[] = {"header.csv", "episodes.csv", "reviews.csv"};
  for (std::size_t i = 0; i < 3; ++i) {
    INFO(files[i]);
    CHECK(c.report.inputs[i].file == (ssda903 / files[i]).string());
    CHECK(c.report.inputs[i].rows == raw_rows(ssda903 / files[i]).size());
    CHECK(c.report.inputs[i].rejected == 0);
  }
  CHECK(c.timeline.cases().size() == 2675);
  CHECK(c.events_of("cla_review") == raw_rows(ssda903 / "reviews.csv").size());
}

TEST_CASE("SSDA903 sample: care periods, placements and leaving care agree with the raw episodes",
          "[importers]") {
  std::size_t periods = 0, placements = 0, ceased = 0, overlaps = 0;
  for (const auto& [child, list] : raw_episodes()) {
    for (std::size_t k = 0; k < list.size(); ++k) {
      const RawEpisode& e = list[k];
      const bool starts = k == 0 || (list[k - 1].end != 0 && list[k - 1].rec != "X1");
      periods += starts;
      if (e.end != 0 && e.rec != "X1") ++ceased;
      if (k > 0 && (list[k - 1].end == 0 || e.start < list[k - 1].end)) ++overlaps;
    }
  }
  std::size_t placement_rows = 0;
  for (const auto& row : raw_rows(ssda903 / "episodes.csv")) placement_rows += row.at("RNE") != "L";
  const Collected c = read_source("ssda903", ssda903);
  CHECK(c.events_of("became_looked_after") == periods);
  CHECK(c.events_of("ceased_looked_after") == ceased);
  // Every period's first episode starts a placement, whatever its RNE; so do later non-L ones.
  placements = c.events_of("placement_start");
  CHECK(placements >= placement_rows);
  CHECK(placements <= placement_rows + periods);
  CHECK(c.warnings("overlapping care periods") + c.warnings("overlapping episodes") == overlaps);
  CHECK(periods > 2000);  // the sample's figure: a count of nothing would agree with nothing
}

TEST_CASE("SSDA903 sample: reviews outside every care period are each warned about",
          "[importers]") {
  const auto episodes = raw_episodes();
  std::size_t outside = 0;
  for (const auto& row : raw_rows(ssda903 / "reviews.csv")) {
    const int date = ymd(row.at("REVIEW"));
    bool inside = false;
    auto found = episodes.find(row.at("CHILD"));
    if (found != episodes.end()) {
      // The child's care periods: from a period's first episode to the DEC of the episode
      // that ends it (0: still open).
      std::vector<std::pair<int, int>> periods;
      const auto& list = found->second;
      for (std::size_t k = 0; k < list.size(); ++k) {
        if (k == 0 || (list[k - 1].end != 0 && list[k - 1].rec != "X1"))
          periods.push_back({list[k].start, 0});
        if (list[k].end != 0 && list[k].rec != "X1") periods.back().second = list[k].end;
      }
      for (const auto& [start, end] : periods)
        if (date >= start && (end == 0 || date <= end)) inside = true;
    }
    outside += !inside;
  }
  const Collected c = read_source("ssda903", ssda903);
  CHECK(c.warnings("reviews outside every care period") == outside);
  CHECK(outside > 0);
  // Each one is named with its file and line.
  const auto& w = c.report.warnings;
  const auto first = std::find_if(w.begin(), w.end(), [](const duly::DataWarning& d) {
    return d.kind == "reviews outside every care period";
  });
  REQUIRE(first != w.end());
  CHECK(first->diagnostic.position.file == (ssda903 / "reviews.csv").string());
  CHECK(first->diagnostic.position.line > 1);
  CHECK(first->diagnostic.message.find("is outside every care period") != std::string::npos);
}

TEST_CASE("SSDA903 sample: reviews more than 6 months after the previous one, counted by a rule",
          "[importers]") {
  std::map<std::string, std::vector<int>> reviews;
  for (const auto& row : raw_rows(ssda903 / "reviews.csv"))
    reviews[row.at("CHILD")].push_back(ymd(row.at("REVIEW")));
  std::size_t long_gaps = 0;
  for (auto& [child, dates] : reviews) {
    std::sort(dates.begin(), dates.end());
    for (std::size_t k = 1; k < dates.size(); ++k) long_gaps += dates[k] > plus_months(dates[k - 1], 6);
  }
  auto loaded = duly::load_policy(source_dir / importers / "review_gaps.policy");
  REQUIRE(loaded.policy);
  duly::TimelineBuilder builder(loaded.policy);
  duly::ReadReport report;
  duly::open_source("ssda903", ssda903)->read(builder, report, {});
  const duly::Timeline timeline = builder.finish();
  const auto obligations = duly::evaluate(loaded.policy, timeline, *duly::make_date(2040, 1, 1));
  const auto late = std::count_if(obligations.begin(), obligations.end(),
                                  [](const duly::Obligation& o) { return o.status == duly::Status::late; });
  CHECK(static_cast<std::size_t>(late) == long_gaps);
  CHECK(long_gaps > 1000);
}

TEST_CASE("SSDA903 sample: each event points at its row", "[importers]") {
  auto loaded = duly::load_policy(source_dir / "policies/returns.policy");
  REQUIRE(loaded.policy);
  duly::TimelineBuilder builder(loaded.policy);
  duly::ReadReport report;
  duly::open_source("ssda903", ssda903)->read(builder, report, {});
  const duly::Timeline timeline = builder.finish();
  // Child 566910: episodes on lines 2 and 3 of episodes.csv (the second a new placement, RNE
  // T), reviews on lines 2 to 4.
  const auto c = std::find_if(timeline.cases().begin(), timeline.cases().end(),
                              [](const duly::Case& k) { return k.id == "566910"; });
  REQUIRE(c != timeline.cases().end());
  std::vector<std::string> seen;
  for (const duly::Event& e : timeline.events_of(*c)) {
    const duly::DataPosition at = timeline.position_of(e);
    seen.push_back(loaded.policy->event_types()[e.type].name + " " +
                   fs::path(at.file).filename().string() + ":" + std::to_string(at.line));
    CHECK(at.path.empty());
  }
  CHECK(seen == std::vector<std::string>{"became_looked_after episodes.csv:2",
                                         "placement_start episodes.csv:2",
                                         "placement_start episodes.csv:3",
                                         "cla_review reviews.csv:2", "cla_review reviews.csv:3",
                                         "cla_review reviews.csv:4"});
}

TEST_CASE("CIN census samples: children and referrals agree with the raw XML", "[importers]") {
  for (const char* name : {"fake_CIN_data.xml", "CIN_Census_2024.xml", "CIN_Census_2026.xml"}) {
    INFO(name);
    const std::string text = read_file(census / name);
    const Collected c = read_source("cin-census", census / name);
    CHECK(c.report.ok());
    CHECK(c.timeline.cases().size() == occurrences(text, "<LAchildID>"));
    CHECK(c.events_of("referral") == occurrences(text, "<CINreferralDate>"));
    CHECK(c.events_of("cin_closure") == occurrences(text, "<CINclosureDate>"));
    CHECK(c.events_of("rcpcc") == occurrences(text, "<CPPreviewDate>"));
    CHECK(c.report.inputs.at(0).rejected == 0);
  }
  CHECK(read_source("cin-census", census / "fake_CIN_data.xml").timeline.cases().size() == 332);
}

TEST_CASE("CIN census sample: the impossible assessment and later dates are named, with the path",
          "[importers]") {
  const Collected c = read_source("cin-census", census / "CIN_Census_2024.xml");
  CHECK(c.warnings("assessments authorised before they started") == 1);
  CHECK(c.warnings("dates after the reference date") == 3);
  const auto& w = c.report.warnings;
  const auto found = std::find_if(w.begin(), w.end(), [](const duly::DataWarning& d) {
    return d.diagnostic.message.find("authorised on 2020-09-19, before it started on 2028-04-28") !=
           std::string::npos;
  });
  REQUIRE(found != w.end());
  CHECK(found->kind == "assessments authorised before they started");
  CHECK(found->diagnostic.position.line == 43);
  CHECK(found->diagnostic.message.find("(element /Message/Children/Child[1]/CINdetails[1]/Assessments[1]/"
                            "AssessmentAuthorisationDate)") != std::string::npos);
  // The 2026 module duly does not map is said, never dropped unseen.
  const Collected later = read_source("cin-census", census / "CIN_Census_2026.xml");
  const auto& notes = later.report.notes;
  CHECK(std::any_of(notes.begin(), notes.end(), [](const std::string& n) {
    return n.find("1 <PreProceedingsandFGDM> (in <CINdetails>) not read") != std::string::npos;
  }));
}

TEST_CASE("CIN census: events carry the element's line and path", "[importers]") {
  auto loaded = duly::load_policy(source_dir / "policies/returns.policy");
  REQUIRE(loaded.policy);
  duly::TimelineBuilder builder(loaded.policy);
  duly::ReadReport report;
  duly::open_source("cin-census", census / "CIN_Census_2024.xml")->read(builder, report, {});
  const duly::Timeline timeline = builder.finish();
  const auto type = loaded.policy->find_event_type("strategy_discussion");
  REQUIRE(type);
  const auto e = std::find_if(timeline.events().begin(), timeline.events().end(),
                              [&](const duly::Event& x) { return x.type == *type; });
  REQUIRE(e != timeline.events().end());
  const duly::DataPosition at = timeline.position_of(*e);
  CHECK(at.line == 55);
  CHECK(at.path == "/Message/Children/Child[1]/CINdetails[1]/Section47[1]/S47ActualStartDate");
  CHECK(report.targets.size() == 1);
}

// --- Crafted bad files: every error and warning, pinned -------------------------------------

TEST_CASE("duly events on a broken SSDA903 return names every bad row and writes nothing",
          "[importers][cli]") {
  ScratchFolder scratch;
  const Run run = duly("events --source ssda903 " + importers + "ssda903_bad --out " +
                       (scratch.path / "e.csv").string());
  CHECK(run.status == 2);
  check_golden(run.err, source_dir / importers / "ssda903_bad.stderr.golden");
  CHECK(!fs::exists(scratch.path / "e.csv"));
}

// `duly events --skip-invalid --rejects` on a source: the run and the three files it wrote.
struct Converted {
  Run run;
  std::string events, cases, rejects;
};

Converted convert_skipping_bad_rows(const std::string& source) {
  ScratchFolder scratch;
  const fs::path events = scratch.path / "e.csv", cases = scratch.path / "c.csv",
                 rejects = scratch.path / "r.csv";
  Converted c;
  c.run = duly("events --source " + source + " --out " + events.string() + " --cases-out " +
               cases.string() + " --skip-invalid --rejects " + rejects.string());
  c.events = read_file(events);
  c.cases = read_file(cases);
  c.rejects = read_file(rejects);
  return c;
}

// The three files against NAME.events.golden, NAME.cases.golden and NAME.rejects.golden.
void check_converted(const Converted& c, const std::string& name) {
  const fs::path base = source_dir / importers / name;
  check_golden(c.events, base.string() + ".events.golden");
  check_golden(c.cases, base.string() + ".cases.golden");
  check_golden(c.rejects, base.string() + ".rejects.golden");
}

TEST_CASE("duly events --skip-invalid on a broken SSDA903 return keeps the good rows",
          "[importers][cli]") {
  const Converted c = convert_skipping_bad_rows("ssda903 " + importers + "ssda903_bad");
  CHECK(c.run.status == 0);
  check_converted(c, "ssda903_bad");
}

TEST_CASE("duly events --skip-invalid on a broken CIN census keeps the good elements",
          "[importers][cli]") {
  const Converted c = convert_skipping_bad_rows("cin-census " + importers + "cin_bad.xml");
  CHECK(c.run.status == 0);
  // The scratch paths vary: keep the messages about the data.
  const std::string err = c.run.err.substr(0, c.run.err.find("warning: 4 bad rows skipped"));
  check_golden(err, source_dir / importers / "cin_bad.stderr.golden");
  check_converted(c, "cin_bad");
}

TEST_CASE("duly events on the 2026 CIN census sample: every module it maps, pinned",
          "[importers][cli]") {
  ScratchFolder scratch;
  const fs::path events = scratch.path / "e.csv", cases = scratch.path / "c.csv";
  const Run run = duly("events --source cin-census tests/data/cin-census/CIN_Census_2026.xml --out " +
                       events.string() + " --cases-out " + cases.string());
  CHECK(run.status == 0);
  check_golden(read_file(events), source_dir / importers / "cin_2026.events.golden");
  check_golden(read_file(cases), source_dir / importers / "cin_2026.cases.golden");
  check_golden(run.err.substr(0, run.err.find("wrote ")),
               source_dir / importers / "cin_2026.stderr.golden");
}

TEST_CASE("a CIN census that is not well-formed XML is an error with its line and column",
          "[importers][cli]") {
  const Run run = duly("events --source cin-census " + importers + "cin_broken.xml --out /dev/null");
  CHECK(run.status == 2);
  CHECK(run.err ==
        "tests/golden/importers/cin_broken.xml:4:5: error: not well-formed XML: Start-end tags "
        "mismatch\nerror: nothing written: an input file could not be read\n");
  const Run folder = duly("events --source ssda903 tests/golden/importers/nowhere --out /dev/null");
  CHECK(folder.status == 2);
  CHECK(folder.err.find("tests/golden/importers/nowhere: error: no such folder") != std::string::npos);
}

TEST_CASE("duly events --warnings FILE lists every oddity of the SSDA903 sample with its file and line",
          "[importers][cli]") {
  ScratchFolder scratch;
  const fs::path warnings = scratch.path / "w.csv";
  const Run run = duly("events --source ssda903 tests/data/ssda903 --out /dev/null --warnings " +
                       warnings.string());
  CHECK(run.status == 0);
  const Collected c = read_source("ssda903", ssda903);
  std::size_t counted = 0;
  for (const auto& [kind, count] : c.report.warning_counts) counted += count;
  std::istringstream lines(read_file(warnings));
  std::string line;
  std::getline(lines, line);
  CHECK(line == "file,line,kind,message");
  std::size_t rows = 0;
  while (std::getline(lines, line)) {
    ++rows;
    INFO(line);
    CHECK(line.rfind("\"tests/data/ssda903/", 0) == 0);  // every row names its file
    CHECK(line.find("\",0,") == std::string::npos);     // and a line
  }
  CHECK(rows == counted);
  CHECK(rows == c.report.warnings.size());
  CHECK(run.err.find("… and " + std::to_string(rows - 20) + " more warnings, listed in ") !=
        std::string::npos);
}

// --- duly check on the returns --------------------------------------------------------------

TEST_CASE("duly check policies/returns.policy --source ssda903 on the sample", "[importers][cli]") {
  const Run run = duly("check policies/returns.policy --source ssda903 tests/data/ssda903 "
                       "--as-of 2019-03-31");
  CHECK(run.status == 0);
  check_golden(run.out, source_dir / importers / "returns_ssda903.table.golden");
  check_golden(run.err, source_dir / importers / "returns_ssda903.stderr.golden");
}

TEST_CASE("duly check --source cin-census cross-checks the census's own ICPC target dates",
          "[importers][cli]") {
  const Run run = duly("check policies/returns.policy --source cin-census "
                       "tests/data/cin-census/CIN_Census_2024.xml --source cin-census " +
                       importers + "cin_bad.xml --skip-invalid --as-of 2024-03-31");
  CHECK(run.status == 0);
  check_golden(run.out, source_dir / importers / "returns_cin.table.golden");
  check_golden(run.err, source_dir / importers / "returns_cin.stderr.golden");
}

TEST_CASE("what duly events writes reads back to the same obligations as the source itself",
          "[importers][cli]") {
  ScratchFolder scratch;
  for (const std::string source : {"ssda903 tests/data/ssda903",
                                   "cin-census tests/data/cin-census/fake_CIN_data.xml"}) {
    INFO(source);
    const fs::path events = scratch.path / "e.csv", cases = scratch.path / "c.csv";
    REQUIRE(duly("events --source " + source + " --out " + events.string() + " --cases-out " +
                 cases.string())
                .status == 0);
    // The national policy: more rules, so more obligations to compare than the returns' own.
    const std::string check = "check policies/national.policy --as-of 2024-03-31 --format csv ";
    const Run direct = duly(check + "--source " + source);
    const Run converted = duly(check + events.string() + " --cases " + cases.string());
    CHECK(direct.status == 0);
    CHECK(converted.status == 0);
    CHECK(direct.out == converted.out);
    CHECK(std::count(direct.out.begin(), direct.out.end(), '\n') > 100);
  }
}

TEST_CASE("duly check and events refuse --source mistakes: an unknown kind (with a suggestion), a source twice, no data",
          "[importers][cli]") {
  const Run unknown = duly("check policies/returns.policy --source ssda930 tests/data/ssda903");
  CHECK(unknown.status == 2);
  CHECK(unknown.err ==
        "error: --source ssda930: unknown source kind `ssda930`; did you mean `ssda903`? (the "
        "kinds are cases, cin-census, events, odbc, ssd, ssda903)\n");
  const Run twice = duly("events --source ssda903 tests/data/ssda903 --source ssda903 "
                         "tests/data/ssda903 --out /dev/null");
  CHECK(twice.status == 2);
  CHECK(twice.err == "error: --source ssda903 `tests/data/ssda903` is given twice\n");
  const Run none = duly("events --out /dev/null");
  CHECK(none.status == 2);
  CHECK(none.err == "error: no data: name events files, or a source with --source KIND PATH\n");
  CHECK(duly("events --source ssda903 tests/data/ssda903").status == 2);  // no --out
}

// --- A host's own source ----------------------------------------------------------------------

// Two children from a host's own store, each event with a position the host chooses.
class MemorySource : public duly::DataSource {
 public:
  explicit MemorySource(fs::path path) : path_(std::move(path)) {}
  void read(duly::TimelineSink& sink, duly::ReadReport& report,
            const duly::ReadOptions&) override {
    report.inputs.push_back({path_.string(), 3, 0});
    const std::string file = path_.string();
    const std::vector<std::pair<std::string_view, std::string_view>> s47 = {{"outcome", "s47"}};
    sink.add_case({"M1", duly::make_date(2015, 3, 1), {}, {file, 1, {}}});
    duly::add_event(sink, {"M1", "strategy_discussion", *duly::make_date(2024, 3, 28), {}, s47,
                           {file, 2, "/store/M1/0"}},
                    report);
    duly::add_event(sink, {"M1", "icpcc", *duly::make_date(2024, 4, 23), {}, {}, {file, 3, {}}},
                    report);
    duly::add_event(sink, {"M1", "not_a_type", *duly::make_date(2024, 4, 23), {}, {}, {file, 4, {}}},
                    report);
  }

 private:
  fs::path path_;
};

TEST_CASE("a host registers a source of its own and reads it like a built-in one",
          "[importers]") {
  static bool registered = false;
  if (!registered) {
    duly::register_source_kind({"test-memory", "NAME", "a test's children in memory",
                                [](const fs::path& p) { return std::make_unique<MemorySource>(p); }});
    registered = true;
  }
  const auto kinds = duly::source_kinds();
  CHECK(std::any_of(kinds.begin(), kinds.end(),
                    [](const duly::SourceKind& k) { return k.name == "test-memory"; }));
  CHECK_THROWS_AS(duly::register_source_kind(
                      {"test-memory", "X", "again", [](const fs::path& p) {
                         return std::make_unique<MemorySource>(p);
                       }}),
                  std::invalid_argument);
  CHECK_THROWS_AS(duly::register_source_kind({"events", "X", "a built-in name",
                                              [](const fs::path& p) {
                                                return std::make_unique<MemorySource>(p);
                                              }}),
                  std::invalid_argument);
  CHECK_THROWS_AS(duly::register_source_kind({"no open", "X", "", {}}), std::invalid_argument);
  CHECK_THROWS_WITH(duly::open_source("test-memroy", "x"),
                    Catch::Contains("did you mean `test-memory`?"));

  auto loaded = duly::load_policy(source_dir / "policies/returns.policy");
  REQUIRE(loaded.policy);
  duly::TimelineBuilder builder(loaded.policy);
  duly::ReadReport report;
  duly::open_source("test-memory", "store")->read(builder, report, {});
  CHECK(report.undeclared_events == 1);
  CHECK(report.undeclared_types.at("not_a_type") == 1);
  const duly::Timeline timeline = builder.finish();
  const auto obligations = duly::evaluate(loaded.policy, timeline, *duly::make_date(2024, 6, 30));
  REQUIRE(obligations.size() == 1);
  const duly::Obligation& o = obligations[0];
  CHECK(loaded.policy->rules()[o.rule_index].id == "N02");
  CHECK(o.status == duly::Status::late);  // due Mon 22 April 2024 (Easter), held on the 23rd
  // The obligation's trigger points back at the host's record.
  REQUIRE(o.trigger_event.event != duly::no_event);
  const duly::DataPosition at = timeline.position_of(timeline.events()[o.trigger_event.event]);
  CHECK(at.file == "store");
  CHECK(at.line == 2);
  CHECK(at.path == "/store/M1/0");
  REQUIRE(o.fulfilled_event.event != duly::no_event);
  CHECK(timeline.position_of(timeline.events()[o.fulfilled_event.event]).line == 3);
}

}  // namespace
