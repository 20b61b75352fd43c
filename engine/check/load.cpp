// load_policy: the checking pass from first to last. Read and parse every file, gather the
// vocabulary and the settings, resolve periods, rules and indicators, warn about unused names, and
// build the immutable Policy only when no error was found. Every pass runs even after an error, so
// one run reports every error it can.
#include <duly/load.hpp>

#include "engine/check/check.hpp"
#include "engine/check/policy_key.hpp"

#include <spdlog/logger.h>

namespace duly {

namespace {

std::string linted_file(const check::Sources& sources, const LoadOptions& options) {
  if (sources.files.empty()) return "";
  if (options.warn_unused_in.empty()) return sources.files.front().path;
  std::error_code ignored;
  std::filesystem::path wanted(options.warn_unused_in);
  auto key = std::filesystem::absolute(wanted, ignored).lexically_normal();
  for (const auto& file : sources.files)
    if (file.key == key || file.path == options.warn_unused_in) return file.path;
  return "";
}

LoadResult load(const std::filesystem::path& file, const std::optional<std::string>& text,
                const LoadOptions& options) {
  check::Sources sources;
  check::Reporter reporter(sources);
  check::read_sources(file, text, options.read_file, sources, reporter);

  auto calendars = options.calendars ? options.calendars : std::make_shared<CalendarRegistry>();
  auto vocabulary = check::collect_declarations(sources, reporter);
  auto settings = check::read_settings(sources, *calendars, reporter);
  auto periods = check::build_periods(vocabulary, reporter);
  std::vector<std::string> dropped;
  auto rules = check::build_rules(sources, vocabulary, reporter, dropped);
  auto indicators = check::build_indicators(sources, vocabulary, reporter);
  // After an error, names used by a broken rule look unused: warn only about a sound policy.
  if (!reporter.has_errors())
    check::warn_unused(vocabulary, periods, rules, indicators, linted_file(sources, options),
                       reporter);

  LoadResult result;
  result.diagnostics = reporter.sorted();
  if (reporter.has_errors() || !settings.calendar) {
    if (options.logger)
      options.logger->info("policy {} rejected: {} diagnostics", file.string(),
                           result.diagnostics.size());
    return result;
  }

  Policy::Parts parts;
  parts.name = std::move(settings.name);
  parts.file = sources.files.front().path;
  for (const auto& source : sources.files) parts.files.push_back(source.path);
  parts.calendar = std::move(settings.calendar);
  parts.count_trigger_day = settings.count_trigger_day;
  parts.dropped_rules = std::move(dropped);
  parts.event_types = std::move(vocabulary.event_types);
  parts.attribute_names = std::move(vocabulary.attribute_names);
  parts.case_attributes = std::move(vocabulary.case_attributes);
  parts.periods = std::move(periods);
  parts.rules = std::move(rules);
  parts.indicators = std::move(indicators);
  result.policy = std::make_shared<const Policy>(PolicyKey{}, std::move(parts));
  if (options.logger) {
    const Policy& policy = *result.policy;
    for (const auto& read : policy.files()) options.logger->debug("read policy file {}", read);
    options.logger->info(
        "loaded policy \"{}\" from {}: {} files, {} rules, {} indicators, "
        "calendar {}{}",
        policy.name(), policy.file(), policy.files().size(), policy.rules().size(),
        policy.indicators().size(), policy.calendar().name(),
        policy.count_trigger_day() ? ", trigger day counted" : "");
  }
  return result;
}

}  // namespace

LoadResult load_policy(const std::filesystem::path& file, const LoadOptions& options) {
  return load(file, std::nullopt, options);
}

LoadResult load_policy_text(const std::string& text, const std::filesystem::path& file,
                            const LoadOptions& options) {
  return load(file, text, options);
}

}  // namespace duly
