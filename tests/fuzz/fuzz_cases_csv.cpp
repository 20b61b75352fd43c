// A cases CSV file (case_id, date_of_birth, attributes) with a fixed events file of every
// Camden event type, so that ages, `when` conditions on case attributes and the `by` keys all
// read what the fuzzer wrote.
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path events = duly::fuzz::write_scratch(
      "fixed-events.csv", duly::fuzz::read_whole(DULY_SOURCE_DIR "/examples/data/camden/events.csv"));
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  duly::fuzz::read_both_date_styles(duly::fuzz::write_scratch("cases.csv", bytes), events,
                                    /*file_is_cases=*/true);
  return 0;
}
