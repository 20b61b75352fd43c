// Policy text: load it (an `include` of events.policy is served the shipped file, any other
// include the input itself, so include cycles are reached), then format it and load the result.
// What must hold: formatting is idempotent, and the formatted text loads exactly when the
// input did, with as many errors: formatting changes the layout, never the meaning.
#include "tests/fuzz/fuzz_support.hpp"

#include <duly/format.hpp>

namespace {

duly::LoadOptions options_for(const std::string& self) {
  static const std::string events = duly::fuzz::read_whole(duly::fuzz::policies_dir() / "events.policy");
  duly::LoadOptions options;
  options.read_file = [self](const std::filesystem::path& path) -> std::optional<std::string> {
    if (path.filename() == "events.policy") return events;
    if (path.filename() == "missing.policy") return std::nullopt;
    return self;
  };
  return options;
}

std::size_t errors(const std::vector<duly::Diagnostic>& diagnostics) {
  std::size_t n = 0;
  for (const auto& d : diagnostics) n += d.severity == duly::Severity::error;
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  duly::LoadResult loaded = duly::load_policy_text(text, "fuzz.policy", options_for(text));
  duly::FormatResult formatted = duly::format_policy(text, "fuzz.policy");
  if (errors(formatted.diagnostics) > 0) return 0;  // does not parse: nothing to format
  duly::FormatResult again = duly::format_policy(formatted.text, "fuzz.policy");
  if (errors(again.diagnostics) > 0 || again.text != formatted.text) std::abort();  // not idempotent
  duly::LoadResult reloaded =
      duly::load_policy_text(formatted.text, "fuzz.policy", options_for(formatted.text));
  if ((loaded.policy == nullptr) != (reloaded.policy == nullptr)) std::abort();
  if (errors(loaded.diagnostics) != errors(reloaded.diagnostics)) std::abort();
  return 0;
}
