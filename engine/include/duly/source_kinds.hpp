// Data sources by name, for `--source KIND PATH`: the built-in ones (duly's own events and cases
// files, the DfE returns of docs/importers.md) and any a host registers. The table is shared by
// the whole process and safe to use from several threads.
#pragma once

#include <duly/sources.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace duly {

struct SourceKind {
  std::string name;         // "ssda903"
  std::string path;         // what PATH names, for help: "DIR" or "FILE"
  std::string description;  // one line: "SSDA903 return (children looked after): ..."
  // Makes the source; opening it must not fail (a missing file is reported when it is read).
  std::function<std::unique_ptr<DataSource>(const std::filesystem::path& path)> open;
};

// Built in: `events` (an events file, CSV or JSON Lines), `cases` (a cases file), `ssda903`
// (a folder of the SSDA903 return's CSV tables), `cin-census` (a CIN census XML file).
//
// Adds a kind; throws std::invalid_argument when its name is empty, holds a space, or is taken
// (a built-in kind is never replaced), or when `open` is empty.
void register_source_kind(SourceKind kind);

// Every kind, built-in and registered, sorted by name.
std::vector<SourceKind> source_kinds();

// Thrown by open_source for a name no kind has; the message lists the kinds and suggests the
// closest ("unknown source kind `ssda930`; did you mean `ssda903`?").
class UnknownSourceKind : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

std::unique_ptr<DataSource> open_source(std::string_view kind, const std::filesystem::path& path);

}  // namespace duly
