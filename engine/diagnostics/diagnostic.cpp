// Rendering diagnostics the way compilers do, and the "did you mean" suggestion.
#include <duly/diagnostic.hpp>

#include <algorithm>

namespace duly {

std::string render(const Diagnostic& d) {
  // Line 0: about the file as a whole (it cannot be opened), no place in it to name.
  std::string out = d.position.file + ":";
  if (d.position.line > 0) {
    out += std::to_string(d.position.line) + ":";
    // Column 0: a whole row or element is meant (an importer's check across its fields).
    if (d.position.column > 0) out += std::to_string(d.position.column) + ":";
  }
  out += std::string(" ") + (d.severity == Severity::error ? "error: " : "warning: ") + d.message +
         "\n";
  if (d.source_line.empty()) return out;
  out += "  " + d.source_line + "\n  ";
  // One space per character before the place (tabs kept, so the caret lines up under a
  // tab-indented line).
  int before = std::max(1, d.position.column) - 1;
  for (std::size_t i = 0; before > 0; ++i) {
    if (i < d.source_line.size() && (static_cast<unsigned char>(d.source_line[i]) & 0xC0) == 0x80)
      continue;  // the rest of a character already counted
    out += i < d.source_line.size() && d.source_line[i] == '\t' ? '\t' : ' ';
    --before;
  }
  out += '^';
  for (int i = 1; i < d.caret_width; ++i) out += '~';
  out += '\n';
  return out;
}

int character_column(std::string_view line, int byte_column) {
  const std::size_t bytes = byte_column > 1 ? static_cast<std::size_t>(byte_column - 1) : 0;
  int column = 1;
  for (std::size_t i = 0; i < bytes; ++i)
    // Continuation bytes (10xxxxxx) belong to the character before them.
    if (i >= line.size() || (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  return column;
}

Diagnostic with_character_columns(Diagnostic d) {
  if (d.source_line.empty()) return d;
  const int start = d.position.column;
  d.position.column = character_column(d.source_line, start);
  d.caret_width =
      std::max(1, character_column(d.source_line, start + d.caret_width) - d.position.column);
  return d;
}

std::string render(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += render(d);
  return out;
}

std::string render(const std::vector<Diagnostic>& diagnostics, std::size_t errors_in_full) {
  std::string out;
  std::size_t errors = 0;
  std::size_t held_back = 0;
  for (const auto& d : diagnostics) {
    if (d.severity == Severity::error && ++errors > errors_in_full) {
      ++held_back;
      continue;
    }
    if (errors > errors_in_full) continue;  // warnings after the last error shown
    out += render(d);
  }
  if (held_back > 0)
    out += "… and " + std::to_string(held_back) + (held_back == 1 ? " more error\n" : " more errors\n");
  return out;
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

namespace {

// Optimal string alignment distance: an adjacent swap (`cor_egroup`) costs one, as a person
// would count the typo.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i)
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[n][m];
}

}  // namespace

std::string closest_name(const std::string& name, const std::vector<std::string>& candidates) {
  const auto best = closest_names(name, candidates, 1);
  return best.empty() ? std::string() : best.front();
}

std::vector<std::string> closest_names(const std::string& name,
                                       const std::vector<std::string>& candidates,
                                       std::size_t at_most) {
  std::vector<std::pair<std::size_t, const std::string*>> close;
  for (const auto& candidate : candidates) {
    if (candidate == name) continue;
    const std::size_t distance = edit_distance(name, candidate);
    if (distance <= 2 && distance * 2 < std::max(name.size(), candidate.size()))
      close.emplace_back(distance, &candidate);
  }
  // The nearest first; among equals, the order of the candidates (stable).
  std::stable_sort(close.begin(), close.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  // Only the nearest: a name one edit away makes those two away no likelier.
  std::vector<std::string> out;
  for (std::size_t i = 0; i < close.size() && i < at_most && close[i].first == close[0].first; ++i)
    out.push_back(*close[i].second);
  return out;
}

}  // namespace duly
