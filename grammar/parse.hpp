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

}  // namespace duly::syntax
