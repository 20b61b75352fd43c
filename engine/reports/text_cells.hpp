// Cells of the plain-text tables (the summary, the reminder list): widths counted in characters,
// long names cut at a word (private to the reports).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace duly::reports {

// Names longer than this are cut: Camden's longest rule name is 130 characters, and a name
// column that wide pushes the counts off a terminal. The CSV and JSON reports keep every name
// whole.
inline constexpr std::size_t name_width_cap = 60;

// The width of a cell on a terminal: one column per UTF-8 code point.
std::size_t display_width(std::string_view text);

// A name cell no wider than `cap`: a longer one keeps the words that fit before a `…` (without
// the spaces and commas that ended them); a first word too long to fit is cut inside.
std::string fit_name(std::string name, std::size_t cap = name_width_cap);

}  // namespace duly::reports
