// The layout of the table reports (the summary of `duly check`, the comparison of `duly diff`):
// columns two spaces apart, each left- or right-aligned, widths counted in UTF-8 characters so
// that names with accents line up, and the name column cut to fit a terminal (text_cells.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace duly::reports {

enum class Align : std::uint8_t { left, right };

inline constexpr std::size_t no_name_column = static_cast<std::size_t>(-1);

// Appends `rows` to `text`, one line each: every row has one cell per entry of `align`; cells of
// column `name_column` (if not no_name_column) are cut with fit_name (text_cells.hpp) first. Columns are two spaces
// apart and a left-aligned last column is not padded, so no line ends in spaces.
void lay_out(std::vector<std::vector<std::string>> rows, std::span<const Align> align,
             std::size_t name_column, std::string& text);

}  // namespace duly::reports
