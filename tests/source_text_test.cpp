// The one model of a loaded text that the parser, the checker and the `.test` reader share:
// where its lines start and end (LF, CR LF, a lone CR), and byte offsets turned to lines and to
// columns counted in characters.
#include <catch2/catch.hpp>

#include "engine/diagnostics/source_text.hpp"

using duly::SourceText;

TEST_CASE("a line ends at LF, and a CR before the LF is no part of the line") {
  SourceText text("p.policy", "event visit\r\nevent referral\nrule");
  REQUIRE(text.line_count() == 3);
  CHECK(text.line(1) == "event visit");
  CHECK(text.line(2) == "event referral");
  CHECK(text.line(3) == "rule");
  CHECK(text.line_start(2) == 13);
  CHECK(text.line_of(12) == 1);  // the LF belongs to the line it ends
  CHECK(text.line_of(13) == 2);
  CHECK(text.path() == "p.policy");
}

TEST_CASE("a lone CR ends no line, and the line shown keeps it") {
  SourceText text("p.policy", "event a\revent b\nx\r");
  REQUIRE(text.line_count() == 2);
  CHECK(text.line(1) == "event a\revent b");
  CHECK(text.line_of(9) == 1);
  // A CR that ends the text ends the last line, as one before an LF does.
  CHECK(text.line(2) == "x");
}

TEST_CASE("the end of a text that ends in a newline is on an empty last line") {
  SourceText text("p.policy", "a\n");
  REQUIRE(text.line_count() == 2);
  CHECK(text.line(2).empty());
  CHECK(text.line_of(2) == 2);
  CHECK(SourceText().line_count() == 1);
  CHECK(SourceText().line(1).empty());
}

TEST_CASE("columns count bytes for the parser and characters for messages") {
  // `ë` and `é` are two bytes each in UTF-8; `→` is three.
  SourceText text("p.policy", "x\r\nZoë visité → y");
  const std::size_t line_two = 3;
  CHECK(text.byte_column_of(line_two) == 1);
  CHECK(text.character_column_of(line_two) == 1);
  const std::size_t v = line_two + std::string_view("Zoë ").size();
  CHECK(text.byte_column_of(v) == 6);
  CHECK(text.character_column_of(v) == 5);
  const std::size_t y = text.text().size() - 1;
  CHECK(text.character_column_of(y) == 14);
  CHECK(text.byte_column_of(y) == 18);
  // A byte inside a character counts with it.
  CHECK(text.character_column_of(line_two + 3) == 3);
  // The end of the text is one past its last character.
  CHECK(text.character_column_of(text.text().size()) == 15);
}
