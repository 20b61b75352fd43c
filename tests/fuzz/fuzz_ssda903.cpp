// An SSDA903 return: the input is header.csv, episodes.csv and reviews.csv in turn, cut at
// lines `--8<--` (fewer parts: the later tables are absent). Read with the `ssda903` source,
// then evaluated and reported.
#include "tests/fuzz/fuzz_support.hpp"

#include <duly/source_kinds.hpp>
#include <duly/sources.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::filesystem::path folder = duly::fuzz::scratch_dir() / "ssda903";
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  const char* tables[] = {"header.csv", "episodes.csv", "reviews.csv"};
  std::vector<std::string_view> parts = duly::fuzz::split_parts(bytes, 3);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    duly::fuzz::write_scratch(std::string("ssda903/") + tables[i], parts[i]);
  }
  duly::TimelineBuilder builder(duly::fuzz::camden_policy());
  duly::ReadReport report;
  duly::open_source("ssda903", folder)->read(builder, report, {});
  duly::fuzz::evaluate_and_report(builder.finish());
  return 0;
}
