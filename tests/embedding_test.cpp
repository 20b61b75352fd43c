// What an embedding host can get wrong, and the clear error it gets instead of a crash: a
// timeline evaluated or reported with a policy it was not built for (a service that reloads its
// policies), a null policy, a case index past the end. Also the version a host can ask for, and
// the umbrella header, which must compile on its own.
#include <duly/duly.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace {

const char* policy_text = R"(policy "Embedded"
event strategy_discussion has outcome
event icpcc
rule T14 "ICPCC within 15 working days of the strategy discussion":
  icpcc within 15 working days after strategy_discussion where outcome = "s47"
)";

std::shared_ptr<const duly::Policy> load() {
  auto loaded = duly::load_policy_text(policy_text, "embedded.policy");
  REQUIRE(loaded.policy);
  return loaded.policy;
}

duly::Date day(const char* text) { return *duly::parse_iso_date(text); }

duly::Timeline one_case(std::shared_ptr<const duly::Policy> policy) {
  duly::TimelineBuilder builder(std::move(policy));
  builder.add_event("C1", "strategy_discussion", day("2024-03-04"), std::nullopt,
                    {{"outcome", "s47"}});
  builder.add_event("C1", "icpcc", day("2024-03-27"), std::nullopt, {});
  return builder.finish();
}

}  // namespace

TEST_CASE("a timeline holds the policy it was built for, and outlives the caller's copy",
          "[embedding]") {
  auto policy = load();
  const duly::Policy* built_for = policy.get();
  duly::Timeline timeline = one_case(std::move(policy));
  // The host dropped its last handle on the policy (a reload replaced it): the timeline keeps
  // it alive, so evaluating with it reads valid names.
  REQUIRE(timeline.policy().get() == built_for);
  auto obligations = duly::evaluate(timeline.policy(), timeline, day("2024-06-30"));
  REQUIRE(obligations.size() == 1);
  CHECK(obligations[0].status == duly::Status::late);
  CHECK(obligations[0].days_late == 2);
}

TEST_CASE("a timeline evaluated with another policy, even a reload of the same file, is an error",
          "[embedding]") {
  auto old_policy = load();
  duly::Timeline timeline = one_case(old_policy);
  auto reloaded = load();
  CHECK_THROWS_MATCHES(
      duly::evaluate(reloaded, timeline, day("2024-06-30")), std::invalid_argument,
      Catch::Matchers::Message("duly: the timeline was built for an earlier load of policy "
                               "\"Embedded\" (embedded.policy): build the timeline with the policy "
                               "you evaluate it with"));
  duly::Evaluator evaluator(reloaded, day("2024-06-30"));
  std::vector<duly::IndicatorInstance> rows;
  CHECK_THROWS_AS(evaluator.evaluate_indicators(timeline, 0, rows), std::invalid_argument);

  auto other = duly::load_policy_text("policy \"Other\"\nevent icpcc\n", "other.policy");
  REQUIRE(other.policy);
  CHECK_THROWS_MATCHES(
      duly::evaluate(other.policy, timeline, day("2024-06-30")), std::invalid_argument,
      Catch::Matchers::Message("duly: the timeline was built for policy \"Embedded\" "
                               "(embedded.policy), not for \"Other\" (other.policy): build the "
                               "timeline with the policy you evaluate it with"));
  // A Timeline that no builder made has no policy at all.
  CHECK_THROWS_AS(duly::evaluate(old_policy, duly::Timeline{}, day("2024-06-30")),
                  std::invalid_argument);
}

TEST_CASE("a report writer refuses a timeline of another policy", "[embedding]") {
  auto policy = load();
  duly::Timeline timeline = one_case(policy);
  auto obligations = duly::evaluate(policy, timeline, day("2024-06-30"));
  auto reloaded = load();
  const duly::RunDescription run = duly::describe_run(*reloaded, day("2024-06-30"), {});
  for (auto format :
       {duly::ReportFormat::table, duly::ReportFormat::csv, duly::ReportFormat::json_lines}) {
    std::ostringstream out;
    duly::ReportSettings settings;
    settings.format = format;
    auto writer = duly::make_report_writer(settings, *reloaded, run, out);
    CHECK_THROWS_AS(writer->add_case(timeline, obligations), std::invalid_argument);
  }
}

TEST_CASE("a null policy is an error, not a crash", "[embedding]") {
  std::shared_ptr<const duly::Policy> none;
  CHECK_THROWS_MATCHES(duly::Evaluator(none, day("2024-06-30")), std::invalid_argument,
                       Catch::Matchers::Message("duly::Evaluator: the policy is null "
                                                "(load_policy gives none for a policy with "
                                                "errors)"));
  CHECK_THROWS_AS(duly::TimelineBuilder(none), std::invalid_argument);
  auto policy = load();
  duly::Timeline timeline = one_case(policy);
  CHECK_THROWS_AS(duly::evaluate(none, timeline, day("2024-06-30")), std::invalid_argument);
  CHECK_THROWS_AS(duly::evaluate_indicators(none, timeline, day("2024-06-30")),
                  std::invalid_argument);
}

TEST_CASE("a case index past the end is an error, not a crash", "[embedding]") {
  auto policy = load();
  duly::Timeline timeline = one_case(policy);
  duly::Evaluator evaluator(policy, day("2024-06-30"));
  std::vector<duly::Obligation> out;
  CHECK_NOTHROW(evaluator.evaluate_case(timeline, 0, out));
  CHECK_THROWS_MATCHES(
      evaluator.evaluate_case(timeline, 1, out), std::out_of_range,
      Catch::Matchers::Message("duly: case index 1 is out of range: the timeline has 1 case"));
  std::vector<duly::IndicatorInstance> rows;
  CHECK_THROWS_AS(evaluator.evaluate_indicators(timeline, 7, rows), std::out_of_range);
}

TEST_CASE("the library's version is the headers' version", "[embedding]") {
  CHECK(std::string(duly::version()) == DULY_VERSION);
  CHECK(std::string(DULY_VERSION) == std::to_string(DULY_VERSION_MAJOR) + "." +
                                         std::to_string(DULY_VERSION_MINOR) + "." +
                                         std::to_string(DULY_VERSION_PATCH));
}

TEST_CASE("the umbrella header includes every public header", "[embedding]") {
  std::ifstream umbrella(DULY_SOURCE_DIR "/engine/include/duly/duly.hpp");
  std::stringstream text;
  text << umbrella.rdbuf();
  for (const auto& entry :
       std::filesystem::directory_iterator(DULY_SOURCE_DIR "/engine/include/duly")) {
    const std::string name = entry.path().filename().string();
    if (name == "duly.hpp") continue;
    INFO(name);
    CHECK(text.str().find("#include <duly/" + name + ">") != std::string::npos);
  }
}
