// Cells of the plain-text tables (see text_cells.hpp).
#include "engine/reports/text_cells.hpp"

#include <algorithm>

namespace duly::reports {
namespace {

bool starts_code_point(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (char c : text)
    if (starts_code_point(c)) ++width;
  return width;
}

std::string fit_name(std::string name, std::size_t cap) {
  if (display_width(name) <= cap) return name;
  // `limit`: the byte where the code point after the first cap - 1 starts, so that the kept
  // text and the `…` fill the cap at most.
  std::size_t limit = 0, width = 0;
  for (; limit < name.size(); ++limit)
    if (starts_code_point(name[limit]) && width++ == cap - 1) break;
  // A group's label starts with its indent, which is no word boundary.
  const std::size_t indent = std::min(name.find_first_not_of(' '), limit);
  std::size_t cut = name.rfind(' ', limit);
  if (cut == std::string::npos || cut <= indent) cut = limit;
  while (cut > indent && (name[cut - 1] == ' ' || name[cut - 1] == ',' || name[cut - 1] == ';' ||
                          name[cut - 1] == ':'))
    --cut;
  name.resize(cut);
  return name + "…";
}

}  // namespace duly::reports
