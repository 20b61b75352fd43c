// Every fuzz target's entry point, built with the regular compiler into one program that runs a
// target on files: `duly_fuzz_replay events_csv FILE_OR_DIR…`. The tests run it on each target's
// seed corpus and on tests/fuzz/regressions/<target>/, the inputs a fuzzing run once found
// wrong, so each stays a regular test long after the fuzzer that found it has stopped.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

// Each target's LLVMFuzzerTestOneInput, renamed by its compile definitions (CMakeLists.txt).
#define DULY_FUZZ_TARGET(name) extern "C" int replay_##name(const std::uint8_t*, std::size_t);
DULY_FUZZ_TARGET(fuzz_policy)
DULY_FUZZ_TARGET(fuzz_policy_test)
DULY_FUZZ_TARGET(fuzz_events_csv)
DULY_FUZZ_TARGET(fuzz_events_jsonl)
DULY_FUZZ_TARGET(fuzz_cases_csv)
DULY_FUZZ_TARGET(fuzz_ssda903)
DULY_FUZZ_TARGET(fuzz_ssd)
DULY_FUZZ_TARGET(fuzz_cin_census)

namespace {

using Entry = int (*)(const std::uint8_t*, std::size_t);

int run_file(Entry entry, const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::cout << file.generic_string() << " (" << bytes.size() << " bytes)\n";
  return entry(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

}  // namespace

int main(int argc, char** argv) {
  const std::map<std::string, Entry> targets = {
      {"policy", replay_fuzz_policy},         {"policy_test", replay_fuzz_policy_test},
      {"events_csv", replay_fuzz_events_csv}, {"events_jsonl", replay_fuzz_events_jsonl},
      {"cases_csv", replay_fuzz_cases_csv},   {"ssda903", replay_fuzz_ssda903},
      {"ssd", replay_fuzz_ssd},
      {"cin_census", replay_fuzz_cin_census}};
  if (argc < 2 || !targets.count(argv[1])) {
    std::cerr << "usage: duly_fuzz_replay TARGET FILE_OR_DIR… (TARGET: policy, policy_test, "
                 "events_csv, events_jsonl, cases_csv, ssda903, ssd, cin_census)\n";
    return 2;
  }
  const Entry entry = targets.at(argv[1]);
  std::size_t files = 0;
  for (int i = 2; i < argc; ++i) {
    const std::filesystem::path path = argv[i];
    if (!std::filesystem::is_directory(path)) {
      run_file(entry, path);
      ++files;
      continue;
    }
    std::vector<std::filesystem::path> inside;
    for (const auto& e : std::filesystem::directory_iterator(path))
      if (e.is_regular_file()) inside.push_back(e.path());
    std::sort(inside.begin(), inside.end());
    for (const auto& file : inside) {
      run_file(entry, file);
      ++files;
    }
  }
  std::cout << files << (files == 1 ? " input" : " inputs") << " ran without a fault\n";
  return 0;
}
