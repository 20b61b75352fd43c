// How the library logs. It writes only to a spdlog logger that the host hands it in
// LoadOptions or ReadOptions (null: silent), by convention named "duly". It never touches
// spdlog's default logger nor registers anything in spdlog's registry, so a host keeps full
// control of sinks and levels, and two hosts in one process cannot disturb each other.
#pragma once

#include <spdlog/common.h>

#include <memory>

namespace spdlog {
class logger;
}

namespace duly {

using Logger = std::shared_ptr<spdlog::logger>;

// A logger named "duly" that writes `duly: message` lines to stderr at `level` and above; not
// registered with spdlog. What the command-line program uses.
Logger make_stderr_logger(spdlog::level::level_enum level);

}  // namespace duly
