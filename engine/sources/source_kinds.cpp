// The table of source kinds: the built-in ones, made on first use, and those a host adds.
#include <duly/source_kinds.hpp>

#include <duly/diagnostic.hpp>

#include "engine/sources/builtin_sources.hpp"

#include <algorithm>
#include <mutex>

namespace duly {
namespace {

struct Registry {
  std::mutex mutex;
  std::vector<SourceKind> kinds;  // sorted by name
  std::size_t built_in = 0;
};

Registry& registry() {
  static Registry* table = [] {
    auto* r = new Registry;  // never destroyed: a host may read sources during exit
    r->kinds = {
        {"cases", "FILE", "a cases file (CSV: case_id, optional date_of_birth, attributes)",
         sources::cases_file_source},
        {"cin-census", "FILE",
         "the CIN census return (children in need), XML: referrals, assessments, section 47 "
         "enquiries, conferences, plans",
         sources::cin_census_source},
        {"events", "FILE", "an events file (CSV, or JSON Lines for .jsonl and .ndjson)",
         sources::events_file_source},
        {"odbc", "CONNECTION",
         "the Standard Safeguarding Dataset's ssd_* tables in a database, over ODBC (the "
         "connection string; --ssd-schema names the schema)",
         sources::ssd_odbc_source},
        {"ssd", "DIR",
         "the Standard Safeguarding Dataset: a folder of CSV files, one per ssd_* table "
         "(ssd_person.csv, ssd_cin_episodes.csv, ...)",
         sources::ssd_source},
        {"ssda903", "DIR",
         "the SSDA903 return (children looked after): header.csv, episodes.csv, reviews.csv",
         sources::ssda903_source},
    };
    r->built_in = r->kinds.size();
    return r;
  }();
  return *table;
}

}  // namespace

void register_source_kind(SourceKind kind) {
  if (kind.name.empty() || kind.name.find_first_of(" \t\n") != std::string::npos)
    throw std::invalid_argument("duly::register_source_kind: the name `" + kind.name +
                                "` is empty or holds a space");
  if (!kind.open)
    throw std::invalid_argument("duly::register_source_kind: `" + kind.name +
                                "` has no function to open it");
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  auto at = std::lower_bound(r.kinds.begin(), r.kinds.end(), kind.name,
                             [](const SourceKind& k, const std::string& name) { return k.name < name; });
  if (at != r.kinds.end() && at->name == kind.name)
    throw std::invalid_argument("duly::register_source_kind: a source kind named `" + kind.name +
                                "` is already registered");
  r.kinds.insert(at, std::move(kind));
}

std::vector<SourceKind> source_kinds() {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  return r.kinds;
}

std::unique_ptr<DataSource> open_source(std::string_view kind, const std::filesystem::path& path) {
  std::function<std::unique_ptr<DataSource>(const std::filesystem::path&)> open;
  std::vector<std::string> names;
  {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    for (const SourceKind& k : r.kinds) {
      if (k.name == kind) open = k.open;
      names.push_back(k.name);
    }
  }
  if (open) return open(path);  // outside the lock: a host's function may register kinds
  std::string message = "unknown source kind `" + std::string(kind) + "`";
  const std::string close = closest_name(std::string(kind), names);
  if (!close.empty()) message += "; did you mean `" + close + "`?";
  message += " (the kinds are";
  for (std::size_t i = 0; i < names.size(); ++i) message += (i ? ", " : " ") + names[i];
  throw UnknownSourceKind(message + ")");
}

}  // namespace duly
