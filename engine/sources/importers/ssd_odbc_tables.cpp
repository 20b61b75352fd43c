// SSD tables read straight from the authority's database over ODBC: SQL Server (SystemC,
// Mosaic) or PostgreSQL (Eclipse). Only the columns duly maps are selected, in key order so that
// a row's number is the same on every run; the catalog says which tables and columns are there,
// so a missing one is reported the same way as a missing CSV file or header cell.
#include "engine/sources/importers/odbc.hpp"
#include "engine/sources/importers/ssd_tables.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>

namespace duly::sources {
namespace {

// The connection string as it may be printed: a password's value replaced by ***.
std::string without_password(const std::string& connection) {
  static const std::regex password(R"(((?:^|;)\s*(?:pwd|password)\s*=)(\{[^}]*\}|[^;]*))",
                                   std::regex::icase);
  return std::regex_replace(connection, password, "$1***");
}

// A row as CSV, for --rejects: the selected columns' cells (NULL as an empty one).
std::string csv_line(const odbc::Connection::Rows& rows) {
  std::string out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i) out += ',';
    if (const auto& cell = rows.cell(i)) out += csv_cell(*cell);
  }
  return out;
}

class OdbcSsdTable : public SsdTable {
 public:
  OdbcSsdTable(std::string name, std::string key, std::vector<std::size_t> columns,
               odbc::Connection::Rows rows, ReadReport& report)
      : name_(std::move(name)),
        key_name_(std::move(key)),
        columns_(std::move(columns)),
        rows_(std::move(rows)),
        tally_(name_, report) {}

  const std::string& name() const override { return name_; }

  bool next() override {
    try {
      if (!rows_.next()) return false;
    } catch (const odbc::Error& error) {
      // The rest of the table cannot be read: said against it, and the rows so far kept.
      tally_.file_error("reading row " + std::to_string(row_ + 1) + ": " + error.what(), 0, 0);
      return false;
    }
    ++row_;
    tally_.count_row();
    const auto& key = rows_.cell(0);
    key_ = key_name_ + "=" + (key ? *key : std::string("NULL"));
    return true;
  }

  Field field(std::size_t i) const override {
    if (columns_[i] == absent) return {};
    const auto& cell = rows_.cell(columns_[i]);
    if (!cell) return {{}, row_, 0, false};  // NULL: an absent value, as an empty cell
    return {*cell, row_, 0, true};
  }

  DataPosition position() const override { return {name_, row_, key_}; }

  void reject(const RowError& error) override {
    tally_.reject({error.message + " (" + key_ + ")", row_, 0}, row_, csv_line(rows_));
  }

  static constexpr std::size_t absent = static_cast<std::size_t>(-1);

 private:
  std::string name_, key_name_, key_;
  std::vector<std::size_t> columns_;  // by the request's column: its place in the query
  odbc::Connection::Rows rows_;
  FileTally tally_;
  int row_ = 0;
};

class OdbcSsdTables : public SsdTables {
 public:
  OdbcSsdTables(std::string connection, std::string schema, ReadReport& report)
      : connection_string_(std::move(connection)), schema_(std::move(schema)), report_(report) {}

  std::string where() const override {
    return "schema " + schema_ + (connection_ ? " of " + dbms_ : std::string());
  }

  bool list(std::vector<std::string>& tables) override {
    try {
      connection_ = std::make_unique<odbc::Connection>(connection_string_);
      dbms_ = connection_->dbms_name();
      for (const auto& table : connection_->tables(schema_)) {
        tables.push_back(lower_ascii(table));
        spelling_[lower_ascii(table)] = table;
      }
    } catch (const odbc::Error& error) {
      fail(error.what());
      return false;
    }
    if (tables.empty()) {
      fail("schema " + schema_ + " has no tables (is it the SSD's schema? --ssd-schema names it)");
      return false;
    }
    std::sort(tables.begin(), tables.end());
    return true;
  }

  std::unique_ptr<SsdTable> open(const TableRequest& request) override {
    auto spelt = spelling_.find(std::string(request.table));
    if (spelt == spelling_.end()) return nullptr;
    const std::string name = schema_ + "." + spelt->second;
    try {
      std::vector<std::string> present;  // as the catalog spells them
      for (const auto& column : connection_->columns(schema_, spelt->second))
        present.push_back(column);
      auto find = [&](std::string_view wanted) {
        return std::find_if(present.begin(), present.end(),
                            [&](const std::string& c) { return lower_ascii(c) == wanted; });
      };
      std::string missing, select;
      std::vector<std::size_t> columns;
      std::size_t selected = 0;
      for (std::string_view wanted : request.columns) {
        auto at = find(wanted);
        if (at == present.end()) {
          columns.push_back(OdbcSsdTable::absent);
          if (std::count(request.required.begin(), request.required.end(), wanted))
            missing += (missing.empty() ? "" : ", ") + std::string(wanted);
          continue;
        }
        columns.push_back(selected++);
        select += (select.empty() ? "" : ", ") + connection_->quoted(*at);
      }
      if (!missing.empty() || select.empty()) {
        FileTally(name, report_)
            .file_error("the table lacks " + (missing.empty() ? std::string("every column duly reads") : missing) +
                            ", which duly needs to read it",
                        0, 0);
        return nullptr;
      }
      std::string order;
      for (std::size_t i = 1; i <= selected; ++i) order += (i > 1 ? ", " : "") + std::to_string(i);
      std::string unread;
      for (const auto& column : present)
        if (std::find(request.columns.begin(), request.columns.end(), lower_ascii(column)) ==
            request.columns.end())
          unread += (unread.empty() ? "" : ", ") + column;
      if (!unread.empty()) report_.notes.push_back(name + ": columns not read: " + unread);
      // The first column asked for that is there is the table's key (the SSD's own first, or
      // the name Mosaic gives it): rows come in its order, then in the order of the others, so
      // that a row's number is the same on every run even where the key is not unique.
      const std::string key(*std::find_if(request.columns.begin(), request.columns.end(),
                                          [&](std::string_view c) { return find(c) != present.end(); }));
      const std::string sql = "SELECT " + select + " FROM " + connection_->quoted(schema_) + "." +
                              connection_->quoted(spelt->second) + " ORDER BY " + order;
      return std::make_unique<OdbcSsdTable>(name, key, std::move(columns), connection_->query(sql),
                                            report_);
    } catch (const odbc::Error& error) {
      FileTally(name, report_).file_error(error.what(), 0, 0);
      return nullptr;
    }
  }

 private:
  void fail(const std::string& why) {
    FileTally(without_password(connection_string_), report_).file_error(why, 0, 0);
  }

  std::string connection_string_, schema_, dbms_;
  ReadReport& report_;
  std::unique_ptr<odbc::Connection> connection_;
  std::map<std::string, std::string> spelling_;  // lower case -> as the catalog spells it
};

}  // namespace

std::unique_ptr<SsdTables> ssd_odbc_tables(const std::string& connection, const std::string& schema,
                                           ReadReport& report) {
  return std::make_unique<OdbcSsdTables>(connection, schema, report);
}

}  // namespace duly::sources
