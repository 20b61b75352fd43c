// One loaded text (a policy file, a `.test` file) as every reader of it sees it: its lines, the
// line a caret is drawn under, and where a byte of it is. The parser, the checker and the `.test`
// reader all use this one type, so they agree on what a line is and on how columns are counted.
//
// A line ends at LF; one CR at the end of a line (before its LF, or at the end of the text)
// belongs to the line end, not to the line (files written on Windows). A CR anywhere else ends no
// line: the grammar reads it as a blank, and the line shown in a message keeps it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace duly {

class SourceText {
 public:
  // `path` is written into every position as given (relative paths stay relative).
  SourceText(std::string path, std::string text);
  SourceText() : SourceText("", "") {}

  const std::string& path() const { return path_; }
  std::string_view text() const { return text_; }

  // Lines are 1-based. A text ending in a newline has an empty last line after it, so that the
  // end of the text has a line too.
  int line_count() const { return static_cast<int>(line_starts_.size()); }
  std::size_t line_start(int line) const;
  // The line without its end (LF, CR LF, or a CR ending the text): the line a caret is drawn
  // under.
  std::string_view line(int line) const;

  // The 1-based line of a byte offset (the end of the text is on the last line).
  int line_of(std::size_t byte) const;
  // The 1-based column of a byte offset, in bytes: what PEGTL counts.
  int byte_column_of(std::size_t byte) const;
  // The 1-based column of a byte offset, in characters: what messages show. A byte inside a
  // UTF-8 sequence is counted with the character it belongs to.
  int character_column_of(std::size_t byte) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<std::size_t> line_starts_;
};

}  // namespace duly
