// Reading a policy's files: the top-level one, then every `include`, each resolved relative to
// the directory of the file that names it. A file reached twice (directly and through another
// include) is read once; an include that leads back to a file still being read is a cycle. The
// items of all files are laid out in the order the policy reads them, an included file's items
// where its first `include` stands, which is what "defined before" means for overrides.
#include "engine/check/check.hpp"

#include "grammar/parse.hpp"

#include <fstream>
#include <sstream>

namespace duly::check {

namespace {

std::filesystem::path identity(const std::filesystem::path& path) {
  std::error_code ignored;
  auto absolute = std::filesystem::absolute(path, ignored);
  return (absolute.empty() ? path : absolute).lexically_normal();
}

std::optional<std::string> read_text(const std::filesystem::path& path, const ReadFile& read_file) {
  if (read_file) return read_file(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return text.str();
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

    auto text = read_text(target, read_file_);
    if (!text) {
      reporter_.names_incomplete();
      reporter_.error(include.file.position, width_of(include.file),
                      "cannot read included file " + backquoted(target.generic_string()));
      return;
    }
    read(target, *text);
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
  auto read = read_text(top, read_file);
  if (!read) {
    SourcePosition nowhere{top.generic_string(), 0, 0};  // the whole file
    reporter.error(nowhere, 1, "cannot read policy file " + backquoted(top.generic_string()));
    return;
  }
  reader.read(top, *read);
}

}  // namespace duly::check
