// An events JSON Lines file, read as `duly check` reads it (ISO dates, then again with UK dates
// accepted) for Camden's policy, then checked, evaluated and reported.
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  duly::fuzz::read_both_date_styles(duly::fuzz::write_scratch("events.jsonl", bytes), std::nullopt,
                                    /*file_is_cases=*/false);
  return 0;
}
