// What one input of a run gave: the file (or source) it came from and how many rows it had,
// good and bad. Reading fills it (ReadReport::inputs, duly/sources.hpp); a report only states
// it (RunDescription, duly/report.hpp), so reports need nothing else of how data was read.
#pragma once

#include <cstddef>
#include <string>

namespace duly {

struct InputSummary {
  std::string file;
  std::size_t rows = 0;      // data rows read (header excluded), good and bad
  std::size_t rejected = 0;  // bad rows
};

}  // namespace duly
