// `duly fmt`'s printer: a syntax tree back to policy text in the one canonical layout (described
// at the top of format.cpp). Printing never fails; the text it gives parses back to the same
// tree, comments included (tests/support/tree_equal.hpp checks it), and printing that again
// gives the same text.
#pragma once

#include "grammar/syntax_tree.hpp"

#include <string>

namespace duly::syntax {

// The whole file, ending with exactly one newline (empty for a file with nothing in it).
std::string format(const File& file);

// One piece, as it is printed inside a rule: for messages and tests.
std::string format(const Condition& condition);
std::string format(const EventRef& events);
std::string format(const Duration& duration);
std::string format(const RuleBody& body);

// A comparison operator as written: `=`, `!=`, `<`, `<=`, `>`, `>=`.
const char* operator_text(CompareOp op);

}  // namespace duly::syntax
