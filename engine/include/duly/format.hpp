// `duly fmt` for a host program: policy text in, the same policy in the canonical layout out
// (the layout is described in grammar/format.cpp). Formatting never changes what a policy
// means, and keeps every comment.
#pragma once

#include <duly/diagnostic.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace duly {

struct FormatResult {
  std::string text;                     // empty when the input does not parse
  std::vector<Diagnostic> diagnostics;  // the parser's errors (and any warnings)
};

// `path` names the text in diagnostics; the file is not read.
FormatResult format_policy(std::string_view text, const std::string& path);

}  // namespace duly
