// A cases CSV file (case_id, date_of_birth, attributes) with a fixed events file (the first
// 300 rows of Camden's sample: every area's events for a dozen cases), so that ages, `when`
// conditions on case attributes and the `by` keys all read what the fuzzer wrote.
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path events = [] {
    const std::string all = duly::fuzz::read_whole(DULY_SOURCE_DIR "/examples/data/camden/events.csv");
    std::size_t end = 0;
    for (int line = 0; line < 300 && end != std::string::npos; ++line) end = all.find('\n', end + 1);
    return duly::fuzz::write_scratch("fixed-events.csv", all.substr(0, end + 1));
  }();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  duly::fuzz::read_both_date_styles(duly::fuzz::write_scratch("cases.csv", bytes), events,
                                    /*file_is_cases=*/true);
  return 0;
}
