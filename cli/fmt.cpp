// `duly fmt [--check] FILE…`: rewrite policy files in the one canonical layout (the library's
// format_policy, which keeps every comment and never changes what a policy means). With
// --check nothing is written: the files that would change are listed, as `gofmt -l` does, so
// CI can fail on an unformatted policy.
#include "commands.hpp"

#include <duly/format.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct FmtOptions {
  std::vector<std::string> files;
  bool check = false;
};

std::optional<std::string> read_text(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return text.str();
}

// Writes beside the file and renames over it, so a failure leaves the old file whole.
bool replace_text(const std::string& file, const std::string& text) {
  const fs::path temporary = file + ".duly-fmt.tmp";
  {
    std::ofstream out(temporary, std::ios::binary);
    out << text;
    out.flush();
    if (!out) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
      return false;
    }
  }
  std::error_code error;
  fs::permissions(temporary, fs::status(file, error).permissions(), error);
  fs::rename(temporary, file, error);
  if (error) fs::remove(temporary, error);
  return !error;
}

int run_fmt(const FmtOptions& options) {
  bool bad_input = false, would_change = false;
  for (const auto& file : options.files) {
    const auto text = read_text(file);
    if (!text) {
      std::cerr << "error: cannot read `" << file << "`\n";
      bad_input = true;
      continue;
    }
    const auto result = duly::format_policy(*text, file);
    std::cerr << duly::render(result.diagnostics);
    if (duly::has_errors(result.diagnostics)) {
      bad_input = true;
      continue;
    }
    if (result.text == *text) continue;
    if (options.check) {
      std::cout << file << "\n";
      would_change = true;
    } else if (!replace_text(file, result.text)) {
      std::cerr << "error: cannot write `" << file << "`\n";
      bad_input = true;
    }
  }
  return bad_input ? 2 : would_change ? 1 : 0;
}

}  // namespace

Command add_fmt_command(CLI::App& program) {
  auto options = std::make_shared<FmtOptions>();
  CLI::App* app = program.add_subcommand("fmt", "Rewrite policy files in the canonical layout");
  app->add_option("file", options->files, "Policy files")->required();
  app->add_flag("--check", options->check,
                "Write nothing; list the files that would change, and exit 1 if any would");
  app->footer(
      "Exit status: 0 done (with --check: every file already canonical); 1 with --check, a "
      "file would change; 2 a file does not parse or cannot be read or written.\n\n"
      "Examples:\n"
      "  duly fmt policies/camden.policy\n"
      "  duly fmt --check policies/*.policy");
  return {app, [options](const duly::Logger&) { return run_fmt(*options); }};
}
