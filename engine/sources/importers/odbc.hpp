// A database reached through ODBC (unixODBC's driver manager, and whichever driver the connection
// string names: PostgreSQL's psqlODBC, Microsoft's ODBC Driver for SQL Server, FreeTDS), private
// to the library. Just what reading tables needs: connect, ask the catalog which tables and
// columns a schema has, run a query and read its rows as text. Every cell is fetched as UTF-16
// and handed on as UTF-8, so a team name with an accent reads the same from every driver.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace duly::sources::odbc {

// What the driver manager or the driver said, all its diagnostic records joined:
// "[unixODBC][Driver Manager]Data source name not found and no default driver specified".
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Connection {
 public:
  // Connects with SQLDriverConnect; throws Error when it cannot.
  explicit Connection(const std::string& connection_string);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  std::string dbms_name() const;  // "PostgreSQL", "Microsoft SQL Server"
  // The tables (and views) of a schema, and the columns of one table in their order, as the
  // catalog spells them; empty when there are none.
  std::vector<std::string> tables(const std::string& schema) const;
  std::vector<std::string> columns(const std::string& schema, const std::string& table) const;
  // `name` quoted as an identifier the way this database quotes them ("x" or [x]).
  std::string quoted(std::string_view name) const;

  // The rows of a query, one at a time; a cell is nullopt for SQL NULL.
  class Rows {
   public:
    ~Rows();
    Rows(Rows&&) noexcept;
    Rows& operator=(Rows&&) = delete;
    bool next();  // false after the last row; throws Error
    std::size_t size() const { return cells_.size(); }
    const std::optional<std::string>& cell(std::size_t column) const { return cells_[column]; }

   private:
    friend class Connection;
    explicit Rows(void* statement, std::size_t columns);
    void* statement_;
    std::vector<std::optional<std::string>> cells_;
  };
  Rows query(const std::string& sql) const;

 private:
  void* environment_ = nullptr;
  void* connection_ = nullptr;
};

}  // namespace duly::sources::odbc
