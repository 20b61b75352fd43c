// A syntax tree as indented text, one node per line with its position (`@line:column`), so
// that golden files (tests/fixtures/parse/NAME.golden) pin the parser's output shape: what each
// construct parses to, every field, every position, every comment kept for `duly fmt`.
#pragma once

#include "grammar/syntax_tree.hpp"

#include <string>

namespace duly::syntax {

std::string dump(const File& file);

}  // namespace duly::syntax
