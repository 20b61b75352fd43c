// Running the built `duly` program from a test, as a user would from the repository root: its
// exit status, stdout and stderr. Shared by the tests of the command line and of the docs.
#pragma once

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace duly_test {

namespace fs = std::filesystem;

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A scratch folder of its own, removed at the end.
struct ScratchFolder {
  fs::path path;
  ScratchFolder() {
    static int count = 0;
    path = fs::temp_directory_path() /
           ("duly_cli_test_" + std::to_string(getpid()) + "_" + std::to_string(++count));
    fs::create_directories(path);
  }
  ~ScratchFolder() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

struct Run {
  int status = -1;
  std::string out, err;
};

// Runs `duly ARGUMENTS` from the repository root (ARGUMENTS as a shell would split them).
inline Run duly(const std::string& arguments) {
  static ScratchFolder scratch;
  const fs::path err = scratch.path / "stderr";
  const std::string command =
      "cd '" DULY_SOURCE_DIR "' && '" DULY_BINARY "' " + arguments + " 2>'" + err.string() + "'";
  Run run;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
    run.out.append(buffer, n);
  const int status = pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.err = read_file(err);
  return run;
}

}  // namespace duly_test
