// Logging: the library writes only to the logger the host hands it, never to spdlog's default
// logger, and is silent without one.
#include <duly/load.hpp>
#include <duly/logging.hpp>
#include <duly/sources.hpp>
#include <duly/timeline.hpp>

#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

const char* policy_text = R"(policy "logged"
event visit
period p from visit until visit
rule R "visits":
  visit every 3 weeks during p
)";

std::shared_ptr<spdlog::logger> logger_into(std::ostringstream& out) {
  auto logger = std::make_shared<spdlog::logger>(
      "duly", std::make_shared<spdlog::sinks::ostream_sink_mt>(out));
  logger->set_pattern("%n %l %v");
  logger->set_level(spdlog::level::debug);
  return logger;
}

}  // namespace

TEST_CASE("the library logs to the host's logger and never to spdlog's default", "[logging]") {
  std::ostringstream host_log, default_log;
  auto previous_default = spdlog::default_logger();
  spdlog::set_default_logger(logger_into(default_log));

  duly::LoadOptions load;
  load.logger = logger_into(host_log);
  auto loaded = duly::load_policy_text(policy_text, "logged.policy", load);
  REQUIRE(loaded.policy);

  const auto events = std::filesystem::temp_directory_path() / "duly_logging_events.csv";
  std::ofstream(events) << "case_id,event,date\nC1,visit,2024-01-01\nC1,visit,2024-02-30\n";
  duly::TimelineBuilder builder(loaded.policy);
  duly::ReadReport report;
  duly::ReadOptions read;
  read.logger = load.logger;
  duly::read_events_file(events, builder, report, read);

  spdlog::set_default_logger(previous_default);
  CHECK(host_log.str().find("duly info loaded policy \"logged\" from logged.policy: 1 files, 1 "
                            "rules, 0 indicators, calendar england_and_wales") !=
        std::string::npos);
  CHECK(host_log.str().find("duly info read events (CSV) " + events.string() +
                            ": 2 rows, 1 rejected, in ") != std::string::npos);
  CHECK(default_log.str().empty());

  // Without a logger: nothing anywhere, and the same result.
  std::ostringstream quiet_default;
  spdlog::set_default_logger(logger_into(quiet_default));
  auto quiet = duly::load_policy_text(policy_text, "logged.policy");
  spdlog::set_default_logger(previous_default);
  CHECK(quiet.policy);
  CHECK(quiet_default.str().empty());
}

TEST_CASE("make_stderr_logger is named duly and not registered", "[logging]") {
  auto logger = duly::make_stderr_logger(spdlog::level::warn);
  CHECK(logger->name() == "duly");
  CHECK(logger->level() == spdlog::level::warn);
  CHECK(spdlog::get("duly") == nullptr);
}
