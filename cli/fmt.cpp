// `duly fmt [--check | --diff] FILE…`: rewrite policy files in the one canonical layout (the
// library's format_policy, which keeps every comment and never changes what a policy means).
// With --check nothing is written: the files that would change are listed, as `gofmt -l` does,
// so CI can fail on an unformatted policy; --diff shows each change as a unified diff instead.
// `-` formats standard input to standard output, for editors.
#include "commands.hpp"
#include "reporting.hpp"

#include <duly/format.hpp>

#include <algorithm>
#include <cstdint>
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
  bool diff = false;
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The change from `before` to `after` as a unified diff with 3 lines of context, as `diff -u`
// writes it: policy files are small, so the longest common subsequence of their lines is found
// by the plain quadratic table.
std::string unified_diff(const std::string& file, const std::string& before,
                         const std::string& after) {
  const auto a = lines_of(before), b = lines_of(after);
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::uint32_t>> common(n + 1, std::vector<std::uint32_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      common[i][j] = a[i] == b[j] ? common[i + 1][j + 1] + 1
                                  : std::max(common[i + 1][j], common[i][j + 1]);
  struct Edit {
    char kind;  // ' ', '-', '+'
    std::size_t i, j;  // lines of a and b before it
  };
  std::vector<Edit> edits;
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j])
      edits.push_back({' ', i++, j++});
    else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1]))
      edits.push_back({'-', i++, j});  // removals before additions, as diff -u writes them
    else
      edits.push_back({'+', i, j++});
  }
  std::string out = "--- " + file + "\n+++ " + file + " (formatted)\n";
  constexpr std::size_t context = 3;
  std::vector<std::size_t> changes;  // indices of edits that are not context
  for (std::size_t k = 0; k < edits.size(); ++k)
    if (edits[k].kind != ' ') changes.push_back(k);
  // Changes no more than 2 * context lines apart share a hunk.
  for (std::size_t c = 0; c < changes.size();) {
    std::size_t last = c;
    while (last + 1 < changes.size() && changes[last + 1] - changes[last] <= 2 * context + 1) ++last;
    const std::size_t begin = changes[c] >= context ? changes[c] - context : 0;
    const std::size_t end = std::min(edits.size(), changes[last] + context + 1);
    std::size_t a_count = 0, b_count = 0;
    for (std::size_t e = begin; e < end; ++e) {
      if (edits[e].kind != '+') ++a_count;
      if (edits[e].kind != '-') ++b_count;
    }
    out += "@@ -" + std::to_string(edits[begin].i + (a_count ? 1 : 0)) + "," +
           std::to_string(a_count) + " +" + std::to_string(edits[begin].j + (b_count ? 1 : 0)) +
           "," + std::to_string(b_count) + " @@\n";
    for (std::size_t e = begin; e < end; ++e)
      out += edits[e].kind + (edits[e].kind == '+' ? b[edits[e].j] : a[edits[e].i]) + "\n";
    c = last + 1;
  }
  return out;
}

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
    if (file == "-") {
      // Standard input to standard output, always written whole (an editor replaces its buffer).
      std::ostringstream in;
      in << std::cin.rdbuf();
      const auto result = duly::format_policy(in.str(), "<stdin>");
      std::cerr << duly::render(result.diagnostics, errors_in_full);
      if (duly::has_errors(result.diagnostics)) {
        bad_input = true;
        continue;
      }
      if (options.diff && result.text != in.str()) {
        std::cout << unified_diff("<stdin>", in.str(), result.text);
        would_change = true;
      } else if (options.check) {
        if (result.text != in.str()) std::cout << "<stdin>\n";
        would_change = would_change || result.text != in.str();
      } else if (!options.diff) {
        std::cout << result.text;
      }
      continue;
    }
    const auto text = read_text(file);
    if (!text) {
      std::cerr << "error: cannot read `" << file << "`\n";
      bad_input = true;
      continue;
    }
    const auto result = duly::format_policy(*text, file);
    std::cerr << duly::render(result.diagnostics, errors_in_full);
    if (duly::has_errors(result.diagnostics)) {
      bad_input = true;
      continue;
    }
    if (result.text == *text) continue;
    if (options.diff) {
      std::cout << unified_diff(file, *text, result.text);
      would_change = true;
    } else if (options.check) {
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
  app->add_option("file", options->files, "Policy files; `-` formats standard input to standard "
                                          "output")
      ->required();
  auto* check = app->add_flag("--check", options->check,
                              "Write nothing; list the files that would change, and exit 1 if "
                              "any would");
  app->add_flag("--diff", options->diff,
                "Write nothing; show each change as a unified diff, and exit 1 if any file would "
                "change")
      ->excludes(check);
  app->footer(
      "Exit status: 0 done (with --check or --diff: every file already canonical); 1 with "
      "--check or --diff, a file would change; 2 a file does not parse or cannot be read or written.\n\n"
      "Examples:\n"
      "  duly fmt policies/camden.policy\n"
      "  duly fmt --check policies/*.policy\n"
      "  duly fmt --diff policies/camden.policy\n"
      "  duly fmt - < draft.policy > tidy.policy");
  return {app, [options](const duly::Logger&) { return run_fmt(*options); }};
}
