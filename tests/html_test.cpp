// The HTML report (`duly check --format html`, docs/cli.md) and its pieces (engine/reports/
// html.hpp): the escaping every value from data goes through, the figures as the page writes
// them, the chart of compliance by month, the picture of a case from a real evaluation; then the
// page of the golden policy byte for byte (tests/golden/check/forms.by_team.html.golden), a case
// id and a team holding markup shown as text, the cap on the cases drawn (worst first, the rest
// counted), the summary's figures against the table's on the Camden sample, and the writer's hook
// for period instances, fed by a host as the command line feeds it. The page in a real browser
// is tests/html/chromium_test.cmake.
#include <duly/evaluate.hpp>
#include <duly/load.hpp>
#include <duly/report.hpp>

#include "engine/reports/html.hpp"
#include "tests/support/golden.hpp"
#include "tests/support/run_duly.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
namespace html = duly::reports::html;
using duly_test::Run;
using duly_test::ScratchFolder;

const std::string golden = "tests/golden/check/";
const std::string camden =
    "check policies/camden.policy examples/data/camden/events.csv --cases "
    "examples/data/camden/cases.csv --as-of 2024-06-30";

duly::Date day(const char* iso) { return *duly::parse_iso_date(iso); }

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (std::size_t at = 0; (at = text.find(part, at)) != std::string::npos; at += part.size())
    ++count;
  return count;
}

// A policy of one rule and one period.
const std::string visits_policy =
    "policy \"Visits\"\ncalendar england_and_wales\nevent plan_start\nevent plan_end\n"
    "event visit\nperiod plan from plan_start until plan_end\n"
    "rule V1 \"Visits every 2 weeks\":\n  visit every 2 weeks during plan\n";

fs::path write_visits_policy(const fs::path& folder) {
  const fs::path policy = folder / "visits.policy";
  std::ofstream(policy) << visits_policy;
  return policy;
}

// What a piece writes into an OutputBuffer.
template <typename Write>
std::string written(Write write) {
  std::ostringstream out;
  {
    duly::reports::OutputBuffer buffer(out);
    write(buffer);
    buffer.flush();
  }
  return out.str();
}

}  // namespace

TEST_CASE("HTML escaping: the five characters that end a text or an attribute", "[html]") {
  CHECK(html::escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
  CHECK(html::escape("\"&'") == "&quot;&amp;&#39;");
  CHECK(html::escape("north east") == "north east");
  CHECK(html::escape("") == "");
  CHECK(html::escape("Zoë & co") == "Zoë &amp; co");  // UTF-8 passes through
  CHECK(html::escape("&amp;") == "&amp;amp;");        // an entity in the data is text too
  // The buffered form writes the same.
  CHECK(written([](auto& out) {
          html::append_escaped(out, "a<b>\"c\"&'d'");
          html::append_escaped(out, "plain");
        }) == "a&lt;b&gt;&quot;c&quot;&amp;&#39;d&#39;plain");
}

TEST_CASE("HTML figures: counts grouped by thousands, shares cut at their counts", "[html]") {
  CHECK(html::grouped(0) == "0");
  CHECK(html::grouped(999) == "999");
  CHECK(html::grouped(1000) == "1,000");
  CHECK(html::grouped(1234567) == "1,234,567");
  CHECK(html::split_share("93.1% (27/29)") ==
        std::pair<std::string_view, std::string_view>("93.1%", "(27/29)"));
  CHECK(html::split_share("-") == std::pair<std::string_view, std::string_view>("-", ""));
  CHECK(html::month_text(html::month_number(day("2024-03-31"))) == "2024-03");
  CHECK(html::month_number(day("2024-01-01")) - html::month_number(day("2023-12-31")) == 1);
  CHECK(written([](auto& out) {
          for (double v : {0.0, 12.34, 12.36, -3.0, 199.95}) {
            html::append_coordinate(out, v);
            out.put(' ');
          }
        }) == "0 12.3 12.4 -3 200 ");
}

TEST_CASE("the chart: a bar per month with its figures, axes, fills that read in black and white",
          "[html]") {
  const int march = html::month_number(day("2024-03-01"));
  std::vector<html::MonthCounts> months = {{march, {3, 1, 0, 0, 0}}, {march + 2, {0, 0, 2, 0, 0}}};
  const std::string chart = written([&](auto& out) {
    html::compliance_chart(out, months, march - 2, march + 3, "T14: <compliance>");
  });
  const char* parts[] = {
      "<svg viewBox=\"0 0 360 146\" role=\"img\" aria-label=\"T14: &lt;compliance&gt;\">",
      // Each bar's figures as its tooltip.
      "<title>2024-03: 75.0% (3/4) met; met 3, late 1, missed 0</title>",
      "<title>2024-05: 0.0% (0/2) met; met 0, late 0, missed 2</title>",
      // Met solid, late striped, missed cross-hatched: patterns of the page, not colours alone.
      "fill=\"url(#fill-late)\"", "fill=\"url(#fill-missed)\"",
      // The axes; six months have room for their initials and their counts.
      ">0%<", ">50%<", ">100%<", ">2024<", "class=\"count\">4</text>", "class=\"tick\">M</text>"};
  for (const char* part : parts) CHECK(contains(chart, part));
  // A wide chart is a longer axis with text of the same size.
  const std::string wide = written([&](auto& out) {
    html::compliance_chart(out, months, march - 2, march + 3, "all", html::ChartSize::wide);
  });
  CHECK(contains(wide, "<svg viewBox=\"0 0 1100 168\""));
  CHECK(contains(wide, "class=\"count\">4</text>"));
  // No figures, no chart.
  CHECK_FALSE(
      contains(written([](auto& out) { html::compliance_chart(out, {}, 0, 0, "x"); }), "<svg"));
}

TEST_CASE("a case's picture: its periods, events and obligations, the late and missed listed",
          "[html]") {
  auto loaded = duly::load_policy_text(visits_policy, "visits.policy");
  REQUIRE(loaded.policy);
  duly::TimelineBuilder builder(loaded.policy);
  builder.add_case("<b>A1</b>", std::nullopt, {{"team", "north & east"}});
  builder.add_event("<b>A1</b>", "plan_start", day("2024-05-01"), std::nullopt, {});
  builder.add_event("<b>A1</b>", "visit", day("2024-05-20"), std::nullopt, {});
  builder.add_event("<b>A1</b>", "visit", day("2024-07-20"), std::nullopt, {});  // after as-of
  const duly::Timeline timeline = builder.finish();
  const duly::Date as_of = day("2024-06-30");
  duly::Evaluator evaluator(loaded.policy, as_of);
  std::vector<duly::Obligation> obligations;
  std::vector<duly::PeriodInstance> periods;
  evaluator.evaluate_case(timeline, 0, obligations);
  evaluator.evaluate_periods(timeline, 0, periods);
  const std::vector<std::string> facts = {"team", "month"};
  const html::CasePicture picture =
      html::make_case_picture(timeline, 0, obligations, periods, as_of, facts);
  CHECK(picture.id == "<b>A1</b>");
  CHECK(picture.facts ==
        std::vector<std::pair<std::string, std::string>>{{"team", "north & east"}});
  CHECK(picture.events.size() == 2);  // the visit after the as-of date has not happened
  CHECK(picture.late == 1);
  CHECK(picture.missed == 1);

  const std::string drawn = written(
      [&](auto& out) { html::case_picture(out, *loaded.policy, picture, as_of, "case-1"); });
  const char* parts[] = {
      "<section class=\"case\" id=\"case-1\">\n<h3>&lt;b&gt;A1&lt;/b&gt; "
      "<span class=\"muted\">team north &amp; east · 1 late, 1 missed</span>",
      // The plan, still open, as a dashed band; the visit as a mark.
      "<title>plan: 2024-05-01 onwards, open on the as-of date</title>", "class=\"band open\"",
      "<title>2024-05-20 visit</title>",
      // The obligations: the late one with its delay, both labelled, both in the table.
      "<title>V1 late: due 2024-05-15, done 2024-05-20 (5 days late); from plan_start "
      "2024-05-01</title>",
      "class=\"label\">late 5d</text>", "class=\"label\">missed</text>",
      "<summary>2 late and missed obligations</summary>", ">as of 2024-06-30</text>"};
  for (const char* part : parts) CHECK(contains(drawn, part));
}

TEST_CASE("duly check --format html prints exactly the expected page", "[html]") {
  const Run run =
      duly_test::duly("check " + golden + "forms.policy " + golden + "events.csv --cases " +
                      golden + "cases.csv --as-of 2024-06-30 --by team --format html");
  CHECK(run.status == 0);
  duly_test::check_golden(run.out,
                          fs::path(DULY_SOURCE_DIR) / golden / "forms.by_team.html.golden");
  // The page states the run itself, and stderr says it too, as for every report but the table.
  CHECK(contains(run.out, "<dt>as of</dt><dd>2024-06-30</dd>"));
  CHECK(contains(run.err, "policy    Golden: every form (tests/golden/check/forms.policy)"));
  // Self-contained: nothing is fetched, no script or style comes from elsewhere.
  CHECK_FALSE(contains(run.out, "http://"));
  CHECK_FALSE(contains(run.out, "https://"));
  CHECK_FALSE(contains(run.out, "src="));
  CHECK_FALSE(contains(run.out, "<link"));
  CHECK(contains(run.out, "default-src 'none'"));
}

TEST_CASE("a case id and a team holding markup show as text in the HTML report", "[html]") {
  ScratchFolder scratch;
  const fs::path policy = write_visits_policy(scratch.path);
  const fs::path cases = scratch.path / "cases.csv";
  const fs::path events = scratch.path / "events.csv";
  std::ofstream(cases) << "case_id,team\n<script>alert(1)</script>,\"\"\"&'\"\n";
  std::ofstream(events) << "case_id,event,date\n<script>alert(1)</script>,plan_start,2024-01-01\n"
                           "<script>alert(1)</script>,visit,2024-01-20\n";
  const Run run =
      duly_test::duly("check '" + policy.string() + "' '" + events.string() + "' --cases '" +
                      cases.string() + "' --as-of 2024-06-30 --by team --format html");
  CHECK(run.status == 0);
  CHECK_FALSE(contains(run.out, "<script>alert"));
  CHECK_FALSE(contains(run.out, "\"&'"));
  // The case is drawn (its visits are late and missed), its id and team as text.
  CHECK(contains(run.out,
                 "<h3>&lt;script&gt;alert(1)&lt;/script&gt; <span class=\"muted\">team "
                 "&quot;&amp;&#39; · "));
  CHECK(contains(run.out, "aria-label=\"Timeline of case &lt;script&gt;alert(1)&lt;/script&gt;\""));
  // The team is a heading of the breakdown and a value in its table.
  CHECK(contains(run.out, "<th scope=\"col\">&quot;&amp;&#39;</th>"));
  CHECK(contains(run.out, "<td>&quot;&amp;&#39;</td>"));
  // The page's own scripts are the only ones: the error marker and the table script.
  CHECK(occurrences(run.out, "<script>") == 2);
}

TEST_CASE("the HTML report draws at most 100 cases, the worst first, and counts the rest",
          "[html]") {
  ScratchFolder scratch;
  const fs::path policy = write_visits_policy(scratch.path);
  const fs::path events = scratch.path / "events.csv";
  {
    // 105 cases with a plan since January and no visit: the first visit is missed. K105 also
    // has three late visits before it; K001 one late visit, and its plan ends before the next.
    std::ofstream out(events);
    out << "case_id,event,date\n";
    for (int i = 1; i <= 105; ++i) {
      char id[16];
      std::snprintf(id, sizeof id, "K%03d", i);
      out << id << ",plan_start,2024-01-01\n";
      if (i == 105)
        out << id << ",visit,2024-01-20\n"
            << id << ",visit,2024-02-10\n"
            << id << ",visit,2024-03-01\n";
      if (i == 1) out << id << ",visit,2024-01-20\n" << id << ",plan_end,2024-01-25\n";
    }
  }
  const Run run = duly_test::duly("check '" + policy.string() + "' '" + events.string() +
                                  "' --as-of 2024-06-30 --format html");
  CHECK(run.status == 0);
  CHECK(occurrences(run.out, "<section class=\"case\"") == 100);
  CHECK(contains(run.out,
                 "105 cases have a late or missed obligation; the 100 with the most are "
                 "drawn here, the most late and missed first. 5 more cases are not drawn"));
  // The worst is first; among equals the earlier cases are kept; the least bad is left out.
  const std::pair<int, const char*> drawn[] = {{1, "K105"}, {2, "K002"}, {100, "K100"}};
  for (const auto& [place, id] : drawn)
    CHECK(contains(run.out, "<section class=\"case\" id=\"case-" + std::to_string(place) +
                                "\">\n<h3>" + id + " "));
  for (const char* id : {"K001", "K101", "K104"})
    CHECK_FALSE(contains(run.out, std::string("<h3>") + id + " "));
}

TEST_CASE("the HTML summary states the table's figures, rule by rule, on the Camden sample",
          "[html]") {
  const Run table = duly_test::duly(camden);
  const Run page = duly_test::duly(camden + " --format html");
  REQUIRE(table.status == 0);
  REQUIRE(page.status == 0);
  // Each rule line of the table: its id, then after the counts its compliance, "80.8% (21/26)".
  const std::regex rule_line("\\n([A-Z][0-9A-Za-z]*) .*  ([0-9.]+%) (\\([0-9]+/[0-9]+\\))");
  std::size_t rules = 0;
  for (std::sregex_iterator it(table.out.begin(), table.out.end(), rule_line), end; it != end;
       ++it, ++rules) {
    const std::string id = (*it)[1], percent = (*it)[2], counts = (*it)[3];
    INFO(id);
    const auto row = page.out.find("<tr><td class=\"id\">" + id + "</td>");
    REQUIRE(row != std::string::npos);
    const std::string cells = page.out.substr(row, page.out.find("</tr>", row) - row);
    CHECK(contains(cells, "<span class=\"pct\">" + percent + "</span> " + counts));
  }
  CHECK(rules == 51);
  CHECK(contains(page.out, "<b>46</b><span>cases</span>"));
  CHECK(contains(page.out, "<b>4,746</b><span>obligations</span>"));
  // A chart per rule, and the cases drawn.
  CHECK(occurrences(page.out, "<div class=\"chart\">") == 51);
  CHECK(occurrences(page.out, "<section class=\"case\"") == 42);
}

TEST_CASE("a host feeds the HTML writer period instances through its hook", "[html]") {
  ScratchFolder scratch;
  auto loaded = duly::load_policy(write_visits_policy(scratch.path).string());
  REQUIRE(loaded.policy);
  duly::TimelineBuilder builder(loaded.policy);
  builder.add_event("A1", "plan_start", *duly::parse_iso_date("2024-05-01"), std::nullopt, {});
  builder.add_event("A1", "visit", *duly::parse_iso_date("2024-05-20"), std::nullopt, {});
  builder.add_event("A1", "plan_end", *duly::parse_iso_date("2024-06-10"), std::nullopt, {});
  const duly::Timeline timeline = builder.finish();
  const duly::Date as_of = *duly::parse_iso_date("2024-06-30");

  duly::ReportSettings settings;
  settings.format = duly::ReportFormat::html;
  std::ostringstream out;
  auto writer = duly::make_report_writer(settings, *loaded.policy,
                                         duly::describe_run(*loaded.policy, as_of, {}), out);
  REQUIRE(writer->wants_periods());
  duly::Evaluator evaluator(loaded.policy, as_of);
  std::vector<duly::PeriodInstance> periods;
  std::vector<duly::Obligation> obligations;
  evaluator.evaluate_periods(timeline, 0, periods);
  evaluator.evaluate_case(timeline, 0, obligations);
  REQUIRE(periods.size() == 1);
  writer->add_periods(timeline, periods);
  writer->add_case(timeline, obligations);
  writer->finish();
  // The plan is a band from its start to its end, in the case's picture.
  CHECK(contains(out.str(), "<title>plan: 2024-05-01 to 2024-06-10</title>"));
  CHECK(contains(out.str(), "V1 late: due 2024-05-15, done 2024-05-20 (5 days late)"));

  // The other writers want no periods.
  for (auto format :
       {duly::ReportFormat::table, duly::ReportFormat::csv, duly::ReportFormat::json_lines}) {
    settings.format = format;
    std::ostringstream ignored;
    CHECK_FALSE(duly::make_report_writer(settings, *loaded.policy, {}, ignored)->wants_periods());
  }
}
