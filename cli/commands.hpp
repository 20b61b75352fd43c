// The commands of the `duly` program, one file each under cli/; main.cpp parses the command
// line and calls one of these. Each returns the process's exit status.
#pragma once

#include <string>
#include <vector>

// `duly test FILE_OR_DIR... [--filter TEXT]` (cli/test.cpp, docs/testing.md): 0 every test
// passed, 1 one failed, 2 a malformed test file, a policy with errors, or no test to run.
int run_test_command(const std::vector<std::string>& paths, const std::string& filter);
