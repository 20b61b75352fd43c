// Policy text in, syntax tree out: the first arrow of the pipeline. Parsing goes one top-level
// item at a time, so that a broken item costs one diagnostic and the items after it still
// parse; comments are kept on the tree for `duly fmt`. Names are not checked here.
#pragma once

#include <duly/diagnostic.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "grammar/syntax_tree.hpp"

namespace duly::syntax {

struct ParseResult {
  File file;  // every item that parsed
  std::vector<duly::Diagnostic> diagnostics;
};

// `path` is written into every position (and File::path) as given.
ParseResult parse(std::string_view text, const std::string& path);

// The text without a leading UTF-8 byte order mark, which some Windows editors write: it is an
// artefact of the editor, not a character of the policy. Every reader of policy and test text
// drops it before parsing and before keeping lines for messages, so columns stay right.
inline std::string_view without_byte_order_mark(std::string_view text) {
  return text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text;
}

}  // namespace duly::syntax
