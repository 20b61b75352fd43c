// `duly fmt` behind the public API: parse, and print the tree back unless the text had errors
// (a policy that does not parse has no canonical form, and guessing would lose text).
#include <duly/format.hpp>

#include "grammar/format.hpp"
#include "grammar/parse.hpp"

namespace duly {

FormatResult format_policy(std::string_view text, const std::string& path) {
  // A byte order mark is dropped: the canonical layout has none.
  syntax::ParseResult parsed = syntax::parse(syntax::without_byte_order_mark(text), path);
  FormatResult result;
  for (auto& d : parsed.diagnostics)
    result.diagnostics.push_back(with_character_columns(std::move(d)));
  if (!has_errors(result.diagnostics)) result.text = syntax::format(parsed.file);
  return result;
}

}  // namespace duly
