// The Standard Safeguarding Dataset as a folder of CSV files: the input is the mapped tables in
// the order below, cut at lines `--8<--` (fewer parts: the later tables are absent; an empty part
// is an empty file). Read with the `ssd` source, then evaluated and reported.
#include "tests/fuzz/fuzz_support.hpp"

#include <duly/source_kinds.hpp>
#include <duly/sources.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::filesystem::path folder = duly::fuzz::scratch_dir() / "ssd";
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  const char* tables[] = {"ssd_person",         "ssd_involvements",        "ssd_department",
                          "ssd_professionals",  "ssd_contacts",            "ssd_cin_episodes",
                          "ssd_cin_assessments", "ssd_cin_plans",          "ssd_s47_enquiry",
                          "ssd_initial_cp_conference", "ssd_cp_plans",     "ssd_cp_reviews",
                          "ssd_cp_visits",      "ssd_cla_visits",          "ssd_cin_visits",
                          "ssd_cla_episodes",   "ssd_cla_placement",       "ssd_cla_reviews",
                          "ssd_cla_health"};
  constexpr std::size_t count = sizeof tables / sizeof tables[0];
  std::vector<std::string_view> parts = duly::fuzz::split_parts(bytes, count);
  for (std::size_t i = 0; i < parts.size(); ++i)
    duly::fuzz::write_scratch(std::string("ssd/") + tables[i] + ".csv", parts[i]);
  duly::TimelineBuilder builder(duly::fuzz::camden_policy());
  duly::ReadReport report;
  duly::open_source("ssd", folder)->read(builder, report, {});
  duly::fuzz::evaluate_and_report(builder.finish());
  return 0;
}
