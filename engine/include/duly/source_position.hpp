// Where a piece of policy text came from. Every object built from policy text keeps one, so an
// error found long after parsing (an unknown period, an override of a missing rule) still
// points at the text a policy lead wrote.
#pragma once

#include <string>

namespace duly {

struct SourcePosition {
  std::string file;  // as the user named it (relative paths stay relative)
  int line = 0;      // 1-based
  // 1-based. Two units are in use today: positions kept on the syntax tree and the objects
  // built from it count bytes of the line (what the parser counts); the position of a
  // Diagnostic counts characters (with_character_columns turns one into the other).
  int column = 0;

  friend bool operator==(const SourcePosition&, const SourcePosition&) = default;
};

}  // namespace duly
