// A CIN census XML file, read with the `cin-census` source, then evaluated and reported.
#include "tests/fuzz/fuzz_support.hpp"

#include <duly/source_kinds.hpp>
#include <duly/sources.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::filesystem::path file = duly::fuzz::write_scratch("census.xml", bytes);
  duly::TimelineBuilder builder(duly::fuzz::camden_policy());
  duly::ReadReport report;
  duly::open_source("cin-census", file)->read(builder, report, {});
  duly::fuzz::evaluate_and_report(builder.finish());
  return 0;
}
