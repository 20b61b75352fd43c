// The pieces of an HTML report (engine/reports/html.hpp): the escaping every value from data goes
// through, the figures as the page writes them, the chart of compliance by month, and the
// picture of a case from a real evaluation.
#include <duly/evaluate.hpp>
#include <duly/load.hpp>
#include <duly/report.hpp>

#include "engine/reports/html.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace {

namespace html = duly::reports::html;

duly::Date day(const char* iso) { return *duly::parse_iso_date(iso); }

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
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
  // No figures, no chart.
  CHECK_FALSE(
      contains(written([](auto& out) { html::compliance_chart(out, {}, 0, 0, "x"); }), "<svg"));
}

TEST_CASE("a case's picture: its periods, events and obligations, the late and missed listed",
          "[html]") {
  auto loaded = duly::load_policy_text(
      "policy \"Visits\"\ncalendar england_and_wales\nevent plan_start\nevent plan_end\n"
      "event visit\nperiod plan from plan_start until plan_end\n"
      "rule V1 \"Visits every 2 weeks\":\n  visit every 2 weeks during plan\n",
      "visits.policy");
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
