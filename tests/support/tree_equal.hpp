// Whether two syntax trees say the same thing: the check that `duly fmt` changed the layout of
// a policy and nothing else. Positions, comments, blank lines, the file's path, how a unit was
// written (`1 week` or `1 weeks`), which spelling of a recurrence was used, and parentheses that
// do not change meaning (`(a and b) and c` is `a and b and c`) are all ignored.
#pragma once

#include "grammar/syntax_tree.hpp"

#include <string>

namespace duly::syntax {

bool tree_equal(const File& a, const File& b);

// The first difference, for a test failure ("item 4 (rule T14): within: amount 15 vs 16"), or
// "" when the trees are equal.
std::string tree_difference(const File& a, const File& b);

}  // namespace duly::syntax
