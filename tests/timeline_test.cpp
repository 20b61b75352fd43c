// The in-memory timeline: readings of a value (make_value, reading 14), names resolved against
// the policy, events grouped by case in (date, input row) order (reading 17), and the counts of
// unknown cases (reading 15) and undeclared event types.
#include <duly/timeline.hpp>

#include "engine/check/policy_key.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace duly;

namespace {

Date day(const char* iso) { return *parse_iso_date(iso); }

std::shared_ptr<const Policy> small_policy() {
  Policy::Parts parts;
  parts.name = "test";
  parts.attribute_names = {"outcome", "seen_alone", "at_home"};
  parts.event_types = {{"strategy_discussion", {0}, {}}, {"icpcc", {0}, {}}, {"visit", {1, 2}, {}}};
  parts.case_attributes = {{"team", {}}, {"area", {}}};
  return std::make_shared<const Policy>(PolicyKey{}, std::move(parts));
}

using Attributes = std::vector<std::pair<std::string_view, std::string_view>>;

std::string type_name(const Policy& policy, const Event& e) {
  return policy.event_types()[e.type].name;
}

}  // namespace

TEST_CASE("make_value reads numbers strictly", "[timeline]") {
  CHECK(make_value("42").is_number);
  CHECK(make_value("42").number == 42);
  CHECK(make_value("-3.5").number == -3.5);
  CHECK(make_value("-3.5").is_number);
  CHECK(make_value("+7").is_number);
  CHECK(make_value("+7").number == 7);
  CHECK(make_value("007").is_number);
  for (const char* text : {"", "-", "1e5", ".5", "5.", "0x10", "1,000", " 1", "1 ", "s47", "1.2.3"})
    CHECK_FALSE(make_value(text).is_number);
  CHECK(make_value("s47").number == 0);
}

TEST_CASE("make_value reads ISO dates", "[timeline]") {
  Value v = make_value("2024-03-04");
  CHECK(v.is_date);
  CHECK(v.date == day("2024-03-04"));
  CHECK_FALSE(v.is_number);
  CHECK_FALSE(make_value("2019-02-30").is_date);
  CHECK_FALSE(make_value("04/03/2024").is_date);
  CHECK(make_value("2024-03-04").text == "2024-03-04");
}

TEST_CASE("make_value reads booleans: true, yes, y and 1 in any case", "[timeline]") {
  for (const char* text : {"true", "TRUE", "True", "yes", "YES", "Yes", "y", "Y", "1"})
    CHECK(make_value(text).truth);
  for (const char* text : {"false", "no", "n", "0", "", "2", "01", "yes ", "truth", "t", "on"})
    CHECK_FALSE(make_value(text).truth);
}

TEST_CASE("events are grouped by case and sorted by date, then input row", "[timeline]") {
  auto policy = small_policy();
  TimelineBuilder builder(policy);
  // Rows across "several files": the row is global, in the order added.
  CHECK(builder.add_event("C2", "visit", day("2024-03-10"), {}, {}));                 // 0
  CHECK(builder.add_event("C1", "icpcc", day("2024-03-22"), {}, {}));                 // 1
  CHECK(builder.add_event("C1", "strategy_discussion", day("2024-03-04"), {}, {}));   // 2
  CHECK(builder.add_event("C10", "visit", day("2024-01-01"), {}, {}));                // 3
  CHECK(builder.add_event("C1", "visit", day("2024-03-22"), {}, {}));                 // 4
  CHECK(builder.add_event("C1", "strategy_discussion", day("2024-03-22"), {}, {}));   // 5
  CHECK(builder.add_event("C2", "visit", day("2024-03-01"), day("2024-03-02"), {}));  // 6
  Timeline timeline = builder.finish();

  REQUIRE(timeline.cases().size() == 3);
  // As strings: C1 < C10 < C2.
  CHECK(timeline.cases()[0].id == "C1");
  CHECK(timeline.cases()[1].id == "C10");
  CHECK(timeline.cases()[2].id == "C2");

  auto c1 = timeline.events_of(timeline.cases()[0]);
  REQUIRE(c1.size() == 4);
  CHECK(c1[0].row == 2);
  CHECK(type_name(*policy, c1[0]) == "strategy_discussion");
  // Three events on 22 March, in input order.
  CHECK(c1[1].row == 1);
  CHECK(c1[2].row == 4);
  CHECK(c1[3].row == 5);
  CHECK(type_name(*policy, c1[1]) == "icpcc");
  CHECK(type_name(*policy, c1[2]) == "visit");

  auto c2 = timeline.events_of(timeline.cases()[2]);
  REQUIRE(c2.size() == 2);
  CHECK(c2[0].date == day("2024-03-01"));
  CHECK(c2[0].recorded == day("2024-03-02"));
  CHECK(c2[1].recorded == no_date);
  CHECK(timeline.events().size() == 7);
  // Cases only known from events: not in a cases file, no date of birth, no attributes.
  for (const Case& c : timeline.cases()) {
    CHECK_FALSE(c.in_cases_file);
    CHECK_FALSE(c.date_of_birth);
    CHECK(c.attributes.size() == 2);
    CHECK_FALSE(c.attributes[0]);
  }
  // No cases file at all: nothing to warn about.
  CHECK(builder.events_of_unknown_cases() == 0);
}

TEST_CASE("only declared attributes are kept, and empty ones are absent", "[timeline]") {
  auto policy = small_policy();
  TimelineBuilder builder(policy);
  builder.add_event(
      "C1", "visit", day("2024-03-28"), {},
      Attributes{
          {"seen_alone", "true"}, {"notes", "long text"}, {"at_home", ""}, {"outcome", "s47"}});
  builder.add_event("C1", "visit", day("2024-03-29"), {},
                    Attributes{{"seen_alone", "Y"}, {"notes", ""}, {"at_home", "no"}});
  Timeline timeline = builder.finish();
  auto events = timeline.events_of(timeline.cases()[0]);
  REQUIRE(events.size() == 2);
  // "outcome" is declared for other event types: lookups are by AttributeId, one namespace.
  REQUIRE(events[0].attribute_count == 2);
  const AttributeId outcome = *policy->find_attribute("outcome");
  const AttributeId seen_alone = *policy->find_attribute("seen_alone");
  const AttributeId at_home = *policy->find_attribute("at_home");
  REQUIRE(timeline.find(events[0], seen_alone));
  CHECK(timeline.find(events[0], seen_alone)->truth);
  CHECK(timeline.find(events[0], seen_alone)->text == "true");
  CHECK(timeline.find(events[0], outcome)->text == "s47");
  CHECK(timeline.find(events[0], at_home) == nullptr);
  CHECK(timeline.find(events[1], seen_alone)->truth);
  CHECK_FALSE(timeline.find(events[1], at_home)->truth);
  CHECK(timeline.find(events[1], outcome) == nullptr);
  CHECK(timeline.attributes_of(events[1]).size() == 2);
}

TEST_CASE("repeated values are stored once", "[timeline]") {
  auto policy = small_policy();
  TimelineBuilder builder(policy);
  for (int i = 0; i < 100; ++i) {
    std::string text = "true";  // a fresh string each time, as a reader's buffer would be
    builder.add_event("C" + std::to_string(i % 7), "visit", day("2024-03-28") + i, {},
                      Attributes{{"seen_alone", text}, {"at_home", i % 2 ? "yes" : "no"}});
  }
  Timeline timeline = builder.finish();
  const AttributeId seen_alone = *policy->find_attribute("seen_alone");
  const char* first = nullptr;
  for (const Event& e : timeline.events()) {
    const Value* v = timeline.find(e, seen_alone);
    REQUIRE(v);
    if (!first) first = v->text.data();
    CHECK(v->text.data() == first);
  }
}

TEST_CASE("events of undeclared types are counted, not kept", "[timeline]") {
  TimelineBuilder builder(small_policy());
  CHECK(builder.add_event("C1", "visit", day("2024-03-28"), {}, {}));
  CHECK_FALSE(builder.add_event("C1", "core_grup", day("2024-03-28"), {}, {}));
  CHECK_FALSE(builder.add_event("C3", "phone_call", day("2024-03-28"), {}, {}));
  CHECK(builder.undeclared_event_count() == 2);
  Timeline timeline = builder.finish();
  CHECK(timeline.events().size() == 1);
  CHECK(timeline.cases().size() == 1);  // C3 had no declared event
  // The next declared event still gets the next row: rows count declared events added.
  CHECK(timeline.events()[0].row == 0);
}

TEST_CASE("cases from the cases file, and events of unknown cases counted", "[timeline]") {
  auto policy = small_policy();
  TimelineBuilder builder(policy);
  builder.add_case("C2", day("2015-06-01"), {{"team", "North"}, {"worker", "Ana"}, {"area", ""}});
  builder.add_case("C1", std::nullopt, {{"worker", "Bo"}, {"team", "South"}});
  builder.add_case("C9", day("2010-01-01"), {});  // a case with no events is kept
  CHECK(builder.has_case("C1"));
  CHECK_FALSE(builder.has_case("C7"));
  builder.add_case("C1", day("2001-01-01"), {{"team", "West"}});  // ignored: first row wins
  builder.add_event("C7", "visit", day("2024-03-01"), {}, {});
  builder.add_event("C7", "visit", day("2024-03-02"), {}, {});
  builder.add_event("C2", "visit", day("2024-03-03"), {}, {});
  CHECK_FALSE(builder.has_case("C7"));  // known from events only
  // An event before its case's row: still the same case.
  builder.add_event("C9", "icpcc", day("2024-03-04"), {}, {});
  Timeline timeline = builder.finish();
  CHECK(builder.events_of_unknown_cases() == 2);

  const auto& cases = timeline.cases();
  REQUIRE(cases.size() == 4);
  CHECK(cases[0].id == "C1");
  CHECK(cases[0].in_cases_file);
  CHECK_FALSE(cases[0].date_of_birth);
  CHECK(cases[0].attributes[0]->text == "South");
  CHECK_FALSE(cases[0].attributes[1]);
  CHECK(cases[1].id == "C2");
  CHECK(cases[1].date_of_birth == day("2015-06-01"));
  CHECK(cases[1].event_count == 1);
  CHECK(cases[2].id == "C7");
  CHECK_FALSE(cases[2].in_cases_file);
  CHECK(cases[2].event_count == 2);
  CHECK(cases[2].first_event == 1);
  CHECK(cases[3].id == "C9");
  CHECK(cases[3].event_count == 1);

  // Every column of the cases file is there for reports, declared or not.
  CHECK(timeline.case_column(cases[0], "worker") == "Bo");
  CHECK(timeline.case_column(cases[1], "worker") == "Ana");
  CHECK(timeline.case_column(cases[1], "team") == "North");
  CHECK_FALSE(timeline.case_column(cases[1], "area"));  // empty
  CHECK_FALSE(timeline.case_column(cases[1], "colour"));
  CHECK_FALSE(timeline.case_column(cases[2], "team"));  // unknown case
  CHECK_FALSE(timeline.case_column(cases[3], "team"));
}

TEST_CASE("the builder is empty after finish", "[timeline]") {
  TimelineBuilder builder(small_policy());
  builder.add_event("C1", "visit", day("2024-03-01"), {}, Attributes{{"at_home", "yes"}});
  Timeline first = builder.finish();
  builder.add_event("C2", "visit", day("2024-03-01"), {}, Attributes{{"at_home", "yes"}});
  Timeline second = builder.finish();
  REQUIRE(second.cases().size() == 1);
  CHECK(second.cases()[0].id == "C2");
  CHECK(second.value(second.attributes_of(second.events()[0])[0]).text == "yes");
  // The first timeline still owns its texts.
  CHECK(first.cases()[0].id == "C1");
  CHECK(first.value(first.attributes_of(first.events()[0])[0]).text == "yes");
}

TEST_CASE("a large timeline keeps every event and its attributes", "[timeline]") {
  auto policy = small_policy();
  TimelineBuilder builder(policy);
  const int n = 200000;  // more than one block of pending events
  for (int i = 0; i < n; ++i) {
    std::string id = "C" + std::to_string(i % 1000);
    std::string note = std::to_string(i);
    builder.add_event(id, i % 2 ? "visit" : "icpcc", day("2024-01-01") + (n - i) % 300, {},
                      Attributes{{"outcome", note}});
  }
  Timeline timeline = builder.finish();
  REQUIRE(timeline.events().size() == static_cast<std::size_t>(n));
  REQUIRE(timeline.cases().size() == 1000);
  const AttributeId outcome = *policy->find_attribute("outcome");
  std::size_t checked = 0;
  for (const Case& c : timeline.cases()) {
    auto events = timeline.events_of(c);
    for (std::size_t i = 0; i < events.size(); ++i) {
      // The attribute followed its event through the sort, and the event is its case's.
      if (timeline.find(events[i], outcome)->text != std::to_string(events[i].row)) FAIL();
      if (c.id != "C" + std::to_string(events[i].row % 1000)) FAIL();
      if (i > 0) {
        bool ordered = events[i - 1].date < events[i].date ||
                       (events[i - 1].date == events[i].date && events[i - 1].row < events[i].row);
        if (!ordered) FAIL();
      }
      ++checked;
    }
  }
  CHECK(checked == static_cast<std::size_t>(n));
}

TEST_CASE("each event keeps its file and line, from files read one after another or mixed",
          "[timeline]") {
  TimelineBuilder builder(small_policy());
  // a.csv, then b.csv, then a.csv again (a host may interleave sources).
  const char* files[] = {"a.csv", "a.csv", "b.csv", "b.csv", "b.csv", "a.csv"};
  for (int i = 0; i < 6; ++i) {
    const std::string id = i % 2 ? "C1" : "C2";
    builder.add_event(EventRecord{id, "visit", day("2024-03-01") + (6 - i), {}, {},
                                  DataPosition{files[i], 10 + i, {}}});
  }
  builder.expect_events(1000);  // a hint between reads changes nothing
  builder.add_event(EventRecord{"C1", "icpcc", day("2024-01-01"), {}, {},
                                DataPosition{"c.csv", 2, {}}});
  const Timeline timeline = builder.finish();
  REQUIRE(timeline.events().size() == 7);
  std::size_t checked = 0;
  for (const Event& e : timeline.events()) {
    const DataPosition at = timeline.position_of(e);
    const std::string file = e.row < 6 ? files[e.row] : "c.csv";
    CHECK(std::string(at.file) == file);
    CHECK(at.line == (e.row < 6 ? 10 + static_cast<int>(e.row) : 2));
    ++checked;
  }
  CHECK(checked == 7);
  CHECK(timeline.inputs() == std::vector<std::string>{"a.csv", "b.csv", "c.csv"});
}
