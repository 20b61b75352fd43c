// Columns of the table reports (see table_layout.hpp).
#include "engine/reports/table_layout.hpp"

#include <algorithm>

namespace duly::reports {

namespace {

// Names longer than this are cut: Camden's longest rule name is 130 characters, and a name
// column that wide pushes the counts off a terminal. The CSV and JSON reports keep every name
// whole.
constexpr std::size_t name_width_cap = 60;

bool starts_code_point(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (char c : text)
    if (starts_code_point(c)) ++width;
  return width;
}

std::string fit_name(std::string name) {
  if (display_width(name) <= name_width_cap) return name;
  // `limit`: the byte where the code point after the first name_width_cap - 1 starts, so that
  // the kept text and the `…` fill the cap at most.
  std::size_t limit = 0, width = 0;
  for (; limit < name.size(); ++limit)
    if (starts_code_point(name[limit]) && width++ == name_width_cap - 1) break;
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

void lay_out(std::vector<std::vector<std::string>> rows, std::span<const Align> align,
             std::size_t name_column, std::string& text) {
  std::vector<std::size_t> width(align.size(), 0);
  for (auto& row : rows) {
    if (name_column < row.size()) row[name_column] = fit_name(std::move(row[name_column]));
    for (std::size_t i = 0; i < align.size(); ++i)
      width[i] = std::max(width[i], display_width(row[i]));
  }
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < align.size(); ++i) {
      const std::size_t padding = width[i] - display_width(row[i]);
      if (i > 0) text += "  ";
      if (align[i] == Align::right) text.append(padding, ' ');
      text += row[i];
      if (align[i] == Align::left && i + 1 < align.size()) text.append(padding, ' ');
    }
    text += '\n';
  }
}

}  // namespace duly::reports
