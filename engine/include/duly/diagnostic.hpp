// An error or warning about input a person wrote (a policy, a test file, a data row), in the
// form compilers use: `file:line:column: error: message`, the line itself, and a caret under
// the place. The source line is captured when the diagnostic is made, so rendering needs no
// access to the file.
#pragma once

#include <duly/source_position.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace duly {

enum class Severity { error, warning };

struct Diagnostic {
  Severity severity = Severity::error;
  // The column counts characters, not bytes (docs/cli.md, "Data in": the column is the character
  // position of the cell), so that `Zoë` before the place does not move the caret.
  SourcePosition position;
  std::string message;      // "unknown event 'core_grup'; did you mean 'core_group'?"
  std::string source_line;  // the whole line at position.line, without its newline; may be empty
  int caret_width = 1;      // how many characters the caret underlines (at least 1)
};

// The 1-based character column of a 1-based byte column of a UTF-8 line (a column past the end
// of the line counts one a byte there).
int character_column(std::string_view line, int byte_column);

// A diagnostic made with a byte column and width (what parsers count) turned to characters,
// using its source line; unchanged without one.
Diagnostic with_character_columns(Diagnostic diagnostic);

// "file:line:column: error: message\n  <line>\n  ^~~~\n" ("file: error: message" for line 0, a
// problem with the whole file such as one that cannot be opened): the caret line lines up under the
// source line (tabs in the source are kept in the caret line's indentation so they line up).
// Without a source line, only the first line is printed.
std::string render(const Diagnostic& diagnostic);
std::string render(const std::vector<Diagnostic>& diagnostics);
// The same, in proportion: the first `errors_in_full` errors (and the warnings among them), then
// `… and N more errors` (a policy with a hundred mistakes should not fill a screen).
std::string render(const std::vector<Diagnostic>& diagnostics, std::size_t errors_in_full);

bool has_errors(const std::vector<Diagnostic>& diagnostics);

// The closest of `candidates` to `name` within a small edit distance (at most 2, and less than
// half the name's length), or "" when none is close: the "did you mean" of every message.
std::string closest_name(const std::string& name, const std::vector<std::string>& candidates);
// Up to `at_most` of them by the same measure, all at the nearest distance found, in the order of
// `candidates` (several suggestions, as for an unknown case id).
std::vector<std::string> closest_names(const std::string& name,
                                       const std::vector<std::string>& candidates,
                                       std::size_t at_most);

}  // namespace duly
