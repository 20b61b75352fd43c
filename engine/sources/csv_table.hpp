// A CSV file of a return read as a table (private to the library): the header, then each row
// whose shape is right (its quotes closed, as many cells as the header), with its cells by
// column, its line and its text for --rejects. A row of the wrong shape is rejected here, so an
// importer sees only rows it can read, and counts and rejects the rest the same way duly's own
// readers do.
#pragma once

#include "engine/sources/reading.hpp"

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace duly::sources {

class CsvTable {
 public:
  static constexpr std::size_t no_column = static_cast<std::size_t>(-1);

  // `options` (its on_progress) must outlive the table.
  CsvTable(const std::filesystem::path& file, ReadReport& report, const ReadOptions& options);
  ~CsvTable();
  CsvTable(const CsvTable&) = delete;
  CsvTable& operator=(const CsvTable&) = delete;

  // Opens the file and reads its header; false (after reporting why against the file) when
  // it cannot be read, or lacks one of the required columns.
  bool open(const std::vector<std::string_view>& required);
  // The next row of the right shape, counted; false at the end of the file.
  bool next();

  const std::vector<std::string>& columns() const;  // the header's names, trimmed
  std::size_t column(std::string_view name) const;  // no_column when absent
  // The cell of the current row in that column (absent for no_column).
  Field field(std::size_t column) const;
  std::string_view cell(std::size_t column) const { return field(column).text; }
  int line() const;             // the current row's first line
  std::string_view text() const;  // the current row verbatim
  // Rejects the current row with this error (at the cell it names).
  void reject(const RowError& error);
  FileTally& tally();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace duly::sources
