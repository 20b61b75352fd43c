// Golden files, one convention for every test: the expected output of an input `NAME.EXT` is
// `NAME.golden` beside it, or `NAME.VARIANT.golden` where one input gives several outputs
// (`forms.csv.golden`, `forms.table.golden`). Compared byte for byte.
//
// One way to refresh them all after a deliberate change: `DULY_UPDATE_GOLDEN=1 ctest --test-dir
// build` makes every comparison write the actual output instead of checking it; then read each
// changed file (`git diff tests/`) before committing it.
#pragma once

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace duly_test {

inline bool updating_golden_files() { return std::getenv("DULY_UPDATE_GOLDEN") != nullptr; }

// The golden file of an input: `dir/NAME.EXT` -> `dir/NAME.golden`.
inline std::filesystem::path golden_of(const std::filesystem::path& input) {
  return std::filesystem::path(input).replace_extension(".golden");
}

// Checks `actual` against the golden file, or writes it there under DULY_UPDATE_GOLDEN.
inline void check_golden(const std::string& actual, const std::filesystem::path& golden) {
  INFO("golden file " << golden.string());
  if (updating_golden_files()) {
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(golden, std::ios::binary);
  REQUIRE(in);
  std::ostringstream expected;
  expected << in.rdbuf();
  CHECK(actual == expected.str());
}

}  // namespace duly_test
