// `.test` files: parse one, then run its tests. Every `policy` line is served Camden's policy
// (or, for a name ending in "broken.policy", a policy that does not load), so the run reaches
// the comparison of expected and actual obligations and its rendering.
#include "tests/fuzz/fuzz_support.hpp"

#include <duly/policy_test.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string camden = duly::fuzz::read_whole(duly::fuzz::policies_dir() / "camden.policy");
  static const std::string national = duly::fuzz::read_whole(duly::fuzz::policies_dir() / "national.policy");
  static const std::string events = duly::fuzz::read_whole(duly::fuzz::policies_dir() / "events.policy");
  const std::string text(reinterpret_cast<const char*>(data), size);
  duly::ParsedPolicyTests parsed = duly::parse_policy_tests(text, "fuzz.test");
  duly::PolicyTestOptions options;
  options.load.read_file = [](const std::filesystem::path& path) -> std::optional<std::string> {
    const std::string name = path.filename().string();
    if (name == "events.policy") return events;
    if (name == "national.policy") return national;
    if (name.ends_with("broken.policy")) return std::string("rule X1 \"no\":\n  nothing within");
    return camden;
  };
  duly::PolicyTestRun run = duly::run_policy_tests({parsed.suite}, options);
  std::string shown;
  for (const duly::PolicyTestResult& result : run.results) shown += duly::render(result);
  shown += duly::summary_line(run);
  return 0;
}
