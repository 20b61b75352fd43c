// What every fuzz target shares: the shipped policies read once, the fuzzer's bytes written to
// a scratch file for the readers that take a path, and one evaluation of a timeline, so that
// every input reaches the rules as well as the reader.
#pragma once

#include <duly/data_checks.hpp>
#include <duly/evaluate.hpp>
#include <duly/load.hpp>
#include <duly/obligation.hpp>
#include <duly/policy.hpp>
#include <duly/report.hpp>
#include <duly/sources.hpp>
#include <duly/timeline.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

namespace duly::fuzz {

inline std::string read_whole(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::filesystem::path policies_dir() { return DULY_SOURCE_DIR "/policies"; }

// Camden's policy: it includes the national one and every event type and attribute, so every
// rule form meets the fuzzed data. Loaded once; a failure here is the harness's, not a finding.
inline const std::shared_ptr<const Policy>& camden_policy() {
  static const std::shared_ptr<const Policy> policy = [] {
    LoadResult loaded = load_policy(policies_dir() / "camden.policy");
    if (!loaded.policy) std::abort();
    return loaded.policy;
  }();
  return policy;
}

// A directory of this process's own (fuzzers run in parallel with -jobs), emptied at exit by
// nobody: it lives in /tmp and holds a few small files, rewritten on every input.
inline const std::filesystem::path& scratch_dir() {
  static const std::filesystem::path dir = [] {
    std::filesystem::path d = std::filesystem::temp_directory_path() /
                              ("duly-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

inline std::filesystem::path write_scratch(const std::string& name, std::string_view bytes) {
  std::filesystem::path path = scratch_dir() / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

// Checks the data against the policy, evaluates every case and writes every obligation as CSV,
// the summary table by month and the HTML page: the reports read every label and attribute an
// importer made.
inline void evaluate_and_report(const Timeline& timeline) {
  const std::shared_ptr<const Policy>& policy = camden_policy();
  DataCheckOptions checks;
  checks.as_of = *make_date(2024, 6, 30);
  checks.by = {"team"};
  ReadReport checked;
  check_data(timeline, checks, checked);
  Evaluator evaluator(policy, *make_date(2024, 6, 30));
  RunDescription run = describe_run(*policy, evaluator.as_of(), {});
  std::ostringstream csv, table, html;
  ReportSettings csv_settings;
  csv_settings.format = ReportFormat::csv;
  ReportSettings table_settings;
  table_settings.by = {"month"};
  ReportSettings html_settings;
  html_settings.format = ReportFormat::html;
  std::vector<std::unique_ptr<ReportWriter>> writers;
  writers.push_back(make_report_writer(csv_settings, *policy, run, csv));
  writers.push_back(make_report_writer(table_settings, *policy, run, table));
  writers.push_back(make_report_writer(html_settings, *policy, run, html));
  std::vector<Obligation> obligations;
  std::vector<IndicatorInstance> indicators;
  std::vector<PeriodInstance> periods;
  for (std::uint32_t c = 0; c < timeline.cases().size(); ++c) {
    obligations.clear();
    indicators.clear();
    periods.clear();
    evaluator.evaluate_case(timeline, c, obligations);
    evaluator.evaluate_indicators(timeline, c, indicators);
    evaluator.evaluate_periods(timeline, c, periods);
    for (auto& writer : writers) {
      writer->add_indicators(timeline, indicators);
      if (writer->wants_periods()) writer->add_periods(timeline, periods);
      writer->add_case(timeline, obligations);
    }
  }
  for (auto& writer : writers) writer->finish();
}

// Reads `file` (and first `cases`, when given) as `duly check` does, once with ISO dates and once
// with UK dates accepted, then checks, evaluates and reports each timeline.
inline void read_both_date_styles(const std::filesystem::path& file,
                                  const std::optional<std::filesystem::path>& cases,
                                  bool file_is_cases) {
  for (DateStyle style : {DateStyle::iso, DateStyle::uk}) {
    TimelineBuilder builder(camden_policy());
    ReadReport report;
    ReadOptions options;
    options.dates = style;
    if (file_is_cases) read_cases_file(file, builder, report, options);
    if (cases) read_events_file(*cases, builder, report, options);
    if (!file_is_cases) read_events_file(file, builder, report, options);
    evaluate_and_report(builder.finish());
  }
}

// The fuzzer's bytes split at each line "--8<--": for inputs that are several files.
inline std::vector<std::string_view> split_parts(std::string_view bytes, std::size_t most) {
  constexpr std::string_view cut = "\n--8<--\n";
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < most) {
    std::size_t at = bytes.find(cut);
    if (at == std::string_view::npos) break;
    parts.push_back(bytes.substr(0, at));
    bytes.remove_prefix(at + cut.size());
  }
  parts.push_back(bytes);
  return parts;
}

}  // namespace duly::fuzz
