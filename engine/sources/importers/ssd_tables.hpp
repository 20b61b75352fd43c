// The tables of a Standard Safeguarding Dataset, wherever they are kept (private to the
// library): a folder with one CSV file per table (ssd_csv_tables.cpp) or a schema of a database
// reached over ODBC (ssd_odbc_tables.cpp). The SSD importer (ssd.cpp) asks for a table and the
// columns it maps, and reads the rows as text by column, so the mapping is written once for both.
#pragma once

#include "engine/sources/reading.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace duly::sources {

// The columns a reader wants of a table: all of `columns`, of which `required` (a subset) must be
// there for the table to be read at all.
struct TableRequest {
  std::string_view table;  // "ssd_cin_visits"
  std::vector<std::string_view> columns;
  std::vector<std::string_view> required;
};

// One table being read. A row is counted as it is read; every row is used or rejected.
class SsdTable {
 public:
  virtual ~SsdTable() = default;
  // The file (`ssd/ssd_cin_visits.csv`) or the table (`ssd_development.ssd_cin_visits`), as
  // diagnostics name it.
  virtual const std::string& name() const = 0;
  // The next row; false after the last.
  virtual bool next() = 0;
  // The current row's cell in the request's column `i` (not present when the table lacks it).
  virtual Field field(std::size_t i) const = 0;
  // Where the current row is: its file and line, or its table and its row number in key order
  // with the key in `path` (`cinv_cin_visit_id=V20`).
  virtual DataPosition position() const = 0;
  // Rejects the current row with this error.
  virtual void reject(const RowError& error) = 0;
};

// A folder or a database schema of SSD tables.
class SsdTables {
 public:
  virtual ~SsdTables() = default;
  // Where the tables are, for messages: `ssd/` or `schema ssd_development of PostgreSQL`.
  virtual std::string where() const = 0;
  // The tables there, by their SSD names (`ssd_person`), to say which are not read; false
  // (after reporting why) when the folder or the database cannot be read at all.
  virtual bool list(std::vector<std::string>& tables) = 0;
  // Opens a table; null when it is not there (the importer says so), or when it lacks a required
  // column (reported here, against the table). Columns of the table that the request does not
  // name are said in a note: they are not read.
  virtual std::unique_ptr<SsdTable> open(const TableRequest& request) = 0;
};

std::unique_ptr<SsdTables> ssd_csv_tables(const std::filesystem::path& folder, ReadReport& report,
                                          const ReadOptions& options);
// Connects when listing; a connection that fails is an error against the connection string
// (its password hidden).
std::unique_ptr<SsdTables> ssd_odbc_tables(const std::string& connection, const std::string& schema,
                                           ReadReport& report);

}  // namespace duly::sources
