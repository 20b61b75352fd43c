// Columns of the table reports (see table_layout.hpp).
#include "engine/reports/table_layout.hpp"

#include "engine/reports/text_cells.hpp"

#include <algorithm>

namespace duly::reports {

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
