// Every word the policy language reserves, once. The grammar's `reserved_word` (grammar.hpp)
// matches exactly these words, and the parser's suggestions (parse.cpp) are drawn from them:
// which words start a declaration (where parsing resumes after an error, and the "did you mean"
// for a misspelt declaration) and which continue an item (the "did you mean" for a misspelt word
// just after one). docs/language.md describes what each means.
#pragma once

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace duly::grammar {

struct Keyword {
  std::string_view word;
  bool starts_declaration = false;  // written at the start of a top-level item
  bool continues_item = false;      // may follow a complete clause of an item (`where`, `or`)
};

// In the order suggestions try them: when two words are equally close to a misspelling, the
// earlier one is offered.
inline constexpr Keyword keywords[] = {
    // Declarations.
    {"policy", true},
    {"calendar", true},
    {"count", true},
    {"include", true},
    {"event", true},
    {"case", true},
    {"period", true},
    {"rule", true},
    {"override", true},
    {"drop", true},
    {"indicator", true},
    // Words that continue a declaration after a clause that could have ended it.
    {"where", false, true},
    {"or", false, true},
    {"and", false, true},
    {"during", false, true},
    {"when", false, true},
    {"earlier", false, true},
    {"after", false, true},
    {"then", false, true},
    {"until", false, true},
    {"requires", false, true},
    {"recorded", false, true},
    {"within", false, true},
    {"every", false, true},
    {"plus", false, true},
    {"has", false, true},
    {"years", false, true},
    {"before", false, true},
    {"between", false, true},
    {"repeated", false, true},
    {"since", false, true},
    // The rest.
    {"the"},
    {"trigger"},
    {"day"},
    {"days"},
    {"from"},
    {"at"},
    {"least"},
    {"not"},
    {"in"},
    {"first"},
    {"second"},
    {"each"},
    {"consecutive"},
    {"age"},
    {"year"},
    {"week"},
    {"weeks"},
    {"month"},
    {"months"},
    {"working"},
    {"true"},
    {"false"},
    {"time"},
};

constexpr bool is_reserved(std::string_view word) {
  return std::any_of(std::begin(keywords), std::end(keywords),
                     [word](const Keyword& k) { return k.word == word; });
}

// The words that start a declaration, in table order.
inline std::vector<std::string> declaration_keywords() {
  std::vector<std::string> words;
  for (const Keyword& k : keywords)
    if (k.starts_declaration) words.emplace_back(k.word);
  return words;
}

// The words that may continue an item after a clause that could have ended it, in table order.
inline std::vector<std::string> continuation_keywords() {
  std::vector<std::string> words;
  for (const Keyword& k : keywords)
    if (k.continues_item) words.emplace_back(k.word);
  return words;
}

}  // namespace duly::grammar
