// The line table of a loaded text, and the conversion of byte offsets to lines and to columns
// counted in characters.
#include "engine/diagnostics/source_text.hpp"

#include <algorithm>

namespace duly {

namespace {

// Continuation bytes (10xxxxxx) belong to the character before them.
bool starts_character(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

}  // namespace

SourceText::SourceText(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

std::size_t SourceText::line_start(int line) const {
  return line_starts_.at(static_cast<std::size_t>(line - 1));
}

std::string_view SourceText::line(int line) const {
  const std::size_t start = line_start(line);
  std::size_t end = line < line_count() ? line_start(line + 1) - 1 : text_.size();
  if (end > start && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(start, end - start);
}

int SourceText::line_of(std::size_t byte) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte);
  return static_cast<int>(it - line_starts_.begin());
}

int SourceText::byte_column_of(std::size_t byte) const {
  return static_cast<int>(byte - line_start(line_of(byte))) + 1;
}

int SourceText::character_column_of(std::size_t byte) const {
  const std::size_t start = line_start(line_of(byte));
  const std::size_t end = std::min(byte, text_.size());
  int characters_before = 0;
  for (std::size_t i = start; i < end; ++i)
    if (starts_character(text_[i])) ++characters_before;
  if (end < text_.size() && !starts_character(text_[end])) return std::max(1, characters_before);
  return characters_before + 1 + static_cast<int>(byte - end);
}

}  // namespace duly
