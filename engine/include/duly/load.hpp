// From policy text to a checked, immutable Policy: parse every file (following includes),
// check names, overrides, types and dates, and build the rule objects. A policy with any error
// is rejected whole, with every error found.
#pragma once

#include <duly/calendar.hpp>
#include <duly/diagnostic.hpp>
#include <duly/policy.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace spdlog {
class logger;
}

namespace duly {

struct LoadOptions {
  // Where `calendar NAME` is looked up. Null: a registry with only the built-in calendars.
  std::shared_ptr<const CalendarRegistry> calendars;
  // Reads an included file (path as resolved relative to the including file); nothing when it
  // cannot be read. Null: read from the file system. Tests and hosts may serve text from memory.
  std::function<std::optional<std::string>(const std::filesystem::path&)> read_file;
  // Warnings about unused names are given only for names declared in this file (the file being
  // linted); empty: the top-level file.
  std::string warn_unused_in;
  // Where to log what was read and built (duly/logging.hpp); null: nothing is logged.
  std::shared_ptr<spdlog::logger> logger;
};

struct LoadResult {
  std::shared_ptr<const Policy> policy;  // null when there were errors
  std::vector<Diagnostic> diagnostics;   // errors and warnings, in file and line order
};

LoadResult load_policy(const std::filesystem::path& file, const LoadOptions& options = {});
// The same, from text in memory; `file` names it in messages and anchors relative includes.
LoadResult load_policy_text(const std::string& text, const std::filesystem::path& file,
                            const LoadOptions& options = {});

}  // namespace duly
