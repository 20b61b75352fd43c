// Reading a policy's files: the top-level one, then every `include`, each resolved relative to
// the directory of the file that names it. A file reached twice (directly and through another
// include) is read once; an include that leads back to a file still being read is a cycle. The
// items of all files are laid out in the order the policy reads them, an included file's items
// where its first `include` stands, which is what "defined before" means for overrides.
#include "engine/check/check.hpp"

#include "grammar/parse.hpp"

#include <duly/limits.hpp>

#include <fstream>
#include <sstream>
#include <variant>

namespace duly::check {

namespace {

std::filesystem::path identity(const std::filesystem::path& path) {
  std::error_code ignored;
  auto absolute = std::filesystem::absolute(path, ignored);
  return (absolute.empty() ? path : absolute).lexically_normal();
}

// A policy file's text, or why it cannot be read: empty when it merely cannot be (missing,
// no permission), else the reason after the file's name. A directory opens as a stream and reads as
// nothing, so it is named rather than taken for an empty policy; a file over the size limit is
// refused before it is read.
std::variant<std::string, std::string> read_text_or_why(const std::filesystem::path& path,
                                                        const ReadFile& read_file) {
  using Result = std::variant<std::string, std::string>;
  const auto why = [](std::string text) { return Result(std::in_place_index<1>, std::move(text)); };
  if (read_file) {
    auto text = read_file(path);
    if (!text) return why("");
    return Result(std::in_place_index<0>, std::move(*text));
  }
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) return why("is a directory, not a policy file");
  const auto size = std::filesystem::file_size(path, error);
  if (!error && size > max_policy_file_bytes)
    return why("is " + std::to_string(size / (1024 * 1024)) + " MiB; a policy file may be at most " +
               std::to_string(max_policy_file_bytes / (1024 * 1024)) + " MiB");
  std::ifstream in(path, std::ios::binary);
  if (!in) return why("");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return why("");
  return Result(std::in_place_index<0>, text.str());
}

class IncludeReader {
 public:
  IncludeReader(const ReadFile& read_file, Sources& sources, Reporter& reporter)
      : read_file_(read_file), sources_(sources), reporter_(reporter) {}

  // Parses `text` as the file `path` and lays out its items, following its includes.
  void read(const std::filesystem::path& path, std::string_view text) {
    text = syntax::without_byte_order_mark(text);
    std::size_t index = sources_.files.size();
    SourceFile& file = sources_.files.emplace_back();
    file.path = path.generic_string();
    file.key = identity(path);
    file.text = SourceText(file.path, std::string(text));
    if (refuse_long_line(file)) return;
    auto parsed = syntax::parse(text, file.path);
    file.tree = std::move(parsed.file);
    for (auto& d : parsed.diagnostics) reporter_.add(std::move(d));

    reading_.push_back(index);
    for (const auto& item : file.tree.items) {
      sources_.items.push_back({&item, index});
      if (const auto* include = std::get_if<syntax::Include>(&item.kind)) follow(index, *include);
    }
    reading_.pop_back();
  }

 private:
  // A line past the limit is almost always a file that is not a policy (a minified export):
  // the file is not parsed, so its names are unknown and their errors are not given.
  bool refuse_long_line(const SourceFile& file) {
    for (int line = 1; line <= file.text.line_count(); ++line) {
      const std::size_t length = file.text.line(line).size();
      if (length <= max_policy_line_length) continue;
      reporter_.names_incomplete();
      reporter_.add(Diagnostic{Severity::error, SourcePosition{file.path, line, 1},
                               "line " + std::to_string(line) + " is " + std::to_string(length) +
                                   " bytes long; a policy line may be at most " +
                                   std::to_string(max_policy_line_length) +
                                   " (is this a policy file?)",
                               std::string(file.text.line(line).substr(0, 60)) + "…", 1});
      return true;
    }
    return false;
  }

  void follow(std::size_t from, const syntax::Include& include) {
    std::filesystem::path target(include.file.text);
    if (target.is_relative())
      target = std::filesystem::path(sources_.files[from].path).parent_path() / target;
    target = target.lexically_normal();
    const auto key = identity(target);

    for (std::size_t i = 0; i < reading_.size(); ++i) {
      if (sources_.files[reading_[i]].key != key) continue;
      std::string chain;
      for (std::size_t j = i; j < reading_.size(); ++j)
        chain += sources_.files[reading_[j]].path + " -> ";
      chain += target.generic_string();
      reporter_.error(include.file.position, width_of(include.file), "include cycle: " + chain);
      return;
    }
    for (const auto& file : sources_.files)
      if (file.key == key) return;  // read already: its names are known, its rules in place
    if (reading_.size() >= max_include_depth) {
      reporter_.names_incomplete();
      reporter_.error(include.file.position, width_of(include.file),
                      "includes nest more than " + std::to_string(max_include_depth) +
                          " files deep (the limit): " + backquoted(target.generic_string()) +
                          " is not read");
      return;
    }

    auto text = read_text_or_why(target, read_file_);
    if (text.index() == 1) {
      reporter_.names_incomplete();
      const std::string& why = std::get<1>(text);
      reporter_.error(include.file.position, width_of(include.file),
                      why.empty() ? "cannot read included file " + backquoted(target.generic_string())
                                  : "included file " + backquoted(target.generic_string()) + " " + why);
      return;
    }
    read(target, std::get<0>(text));
  }

  const ReadFile& read_file_;
  Sources& sources_;
  Reporter& reporter_;
  std::vector<std::size_t> reading_;  // the chain of files being read, for cycles
};

}  // namespace

void read_sources(const std::filesystem::path& top, const std::optional<std::string>& text,
                  const ReadFile& read_file, Sources& sources, Reporter& reporter) {
  IncludeReader reader(read_file, sources, reporter);
  if (text) {
    reader.read(top, *text);
    return;
  }
  auto read = read_text_or_why(top, read_file);
  if (read.index() == 1) {
    SourcePosition nowhere{top.generic_string(), 0, 0};  // the whole file
    const std::string& why = std::get<1>(read);
    reporter.error(nowhere, 1,
                   why.empty() ? "cannot read policy file " + backquoted(top.generic_string())
                               : "policy file " + backquoted(top.generic_string()) + " " + why);
    return;
  }
  reader.read(top, std::get<0>(read));
}

}  // namespace duly::check
