// SSD tables as a folder of CSV files, one per table and named after it (`ssd_person.csv`), with
// the SSD's column names as headers: what SQL Server Management Studio, `bcp` or PostgreSQL's
// `\copy ... CSV HEADER` write. Column names are matched without regard to case, as both
// databases treat them.
#include "engine/sources/csv_table.hpp"
#include "engine/sources/importers/ssd_tables.hpp"

#include <algorithm>

namespace duly::sources {
namespace {

namespace fs = std::filesystem;

class CsvSsdTable : public SsdTable {
 public:
  CsvSsdTable(const fs::path& file, ReadReport& report, const ReadOptions& options)
      : table_(file, report, options), name_(file.string()) {}

  // Reads the header; false after saying which required column is missing.
  bool open(const TableRequest& request, ReadReport& report) {
    if (!table_.open({})) return false;
    std::vector<std::string> names;
    for (const auto& column : table_.columns()) names.push_back(lower_ascii(column));
    std::vector<std::string> missing;
    for (std::string_view wanted : request.columns) {
      auto at = std::find(names.begin(), names.end(), wanted);
      columns_.push_back(at == names.end() ? CsvTable::no_column
                                           : static_cast<std::size_t>(at - names.begin()));
      if (at == names.end() && std::count(request.required.begin(), request.required.end(), wanted))
        missing.emplace_back(wanted);
    }
    if (!missing.empty()) {
      std::string list;
      for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
      table_.tally().file_error("the header lacks " + list + ", which duly needs to read this table",
                                1, 1);
      return false;
    }
    std::string unread;
    for (std::size_t i = 0; i < names.size(); ++i)
      if (!names[i].empty() && std::find(columns_.begin(), columns_.end(), i) == columns_.end())
        unread += (unread.empty() ? "" : ", ") + table_.columns()[i];
    if (!unread.empty()) report.notes.push_back(name_ + ": columns not read: " + unread);
    return true;
  }

  const std::string& name() const override { return name_; }
  bool next() override { return table_.next(); }
  Field field(std::size_t i) const override { return table_.field(columns_[i]); }
  DataPosition position() const override { return {table_.tally().file(), table_.line(), {}}; }
  void reject(const RowError& error) override { table_.reject(error); }

 private:
  mutable CsvTable table_;  // tally() is not const, position() only reads it
  std::string name_;
  std::vector<std::size_t> columns_;  // by the request's column
};

class CsvSsdTables : public SsdTables {
 public:
  CsvSsdTables(fs::path folder, ReadReport& report, const ReadOptions& options)
      : folder_(std::move(folder)), report_(report), options_(options) {}

  std::string where() const override { return folder_.string(); }

  bool list(std::vector<std::string>& tables) override {
    std::error_code error;
    if (!fs::is_directory(folder_, error)) {
      FileTally tally(folder_, report_);
      tally.file_error(fs::exists(folder_, error)
                           ? "not a folder: --source ssd names a folder of CSV files, one per "
                             "SSD table (ssd_person.csv, ...)"
                           : "no such folder",
                       0, 0);
      return false;
    }
    for (const auto& entry : fs::directory_iterator(folder_, error))
      if (lower_ascii(entry.path().extension().string()) == ".csv")
        tables.push_back(entry.path().stem().string());
    std::sort(tables.begin(), tables.end());
    return true;
  }

  std::unique_ptr<SsdTable> open(const TableRequest& request) override {
    const fs::path file = folder_ / (std::string(request.table) + ".csv");
    std::error_code error;
    if (!fs::exists(file, error)) return nullptr;
    auto table = std::make_unique<CsvSsdTable>(file, report_, options_);
    if (!table->open(request, report_)) return nullptr;
    return table;
  }

 private:
  fs::path folder_;
  ReadReport& report_;
  const ReadOptions& options_;
};

}  // namespace

std::unique_ptr<SsdTables> ssd_csv_tables(const std::filesystem::path& folder, ReadReport& report,
                                          const ReadOptions& options) {
  return std::make_unique<CsvSsdTables>(folder, report, options);
}

}  // namespace duly::sources
