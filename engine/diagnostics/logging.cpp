// The stderr logger the command-line program hands the library (see duly/logging.hpp).
#include <duly/logging.hpp>

#include <spdlog/logger.h>
#include <spdlog/sinks/stdout_sinks.h>

namespace duly {

Logger make_stderr_logger(spdlog::level::level_enum level) {
  auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  auto logger = std::make_shared<spdlog::logger>("duly", std::move(sink));
  logger->set_pattern("%n: %l: %v");
  logger->set_level(level);
  return logger;
}

}  // namespace duly
