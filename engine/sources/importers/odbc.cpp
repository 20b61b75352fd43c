// ODBC through unixODBC: the handles, their errors, the catalog and rows fetched as text.
#include "engine/sources/importers/odbc.hpp"
#include "engine/sources/reading.hpp"

#include <sql.h>
#include <sqlext.h>

#include <cstring>
#include <locale.h>

namespace duly::sources::odbc {
namespace {

// Drivers turn text into UTF-16 with the C library's multibyte functions, in the thread's locale
// (psqlODBC does): under a program's "C" locale, a name with an accent fails to convert. So
// every ODBC call runs in a UTF-8 locale for its thread alone (uselocale), leaving the host's
// own locale as it was.
class Utf8Locale {
 public:
  Utf8Locale() {
    static const locale_t utf8 = [] {
      locale_t l = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
      return l ? l : newlocale(LC_CTYPE_MASK, "en_US.UTF-8", static_cast<locale_t>(0));
    }();
    if (utf8) previous_ = uselocale(utf8);
  }
  ~Utf8Locale() {
    if (previous_) uselocale(previous_);
  }
  Utf8Locale(const Utf8Locale&) = delete;
  Utf8Locale& operator=(const Utf8Locale&) = delete;

 private:
  locale_t previous_ = static_cast<locale_t>(0);
};

// Every diagnostic record of a handle, "[state] message" joined with "; ".
std::string diagnostics(SQLSMALLINT type, SQLHANDLE handle) {
  std::string out;
  for (SQLSMALLINT record = 1;; ++record) {
    SQLCHAR state[6] = {};
    SQLCHAR text[1024] = {};
    SQLINTEGER native = 0;
    SQLSMALLINT length = 0;
    const SQLRETURN r = SQLGetDiagRec(type, handle, record, state, &native, text,
                                      sizeof text, &length);
    if (!SQL_SUCCEEDED(r)) break;
    if (!out.empty()) out += "; ";
    out += reinterpret_cast<const char*>(text);
  }
  return out.empty() ? "the ODBC call failed without saying why" : out;
}

void check(SQLRETURN r, SQLSMALLINT type, SQLHANDLE handle, const std::string& what) {
  if (SQL_SUCCEEDED(r) || r == SQL_NO_DATA) return;
  throw Error(what + ": " + diagnostics(type, handle));
}

// UTF-16 (SQLWCHAR, two bytes in unixODBC) to UTF-8; an unpaired surrogate becomes U+FFFD.
void append_utf16(std::string& out, const SQLWCHAR* text, std::size_t units) {
  for (std::size_t i = 0; i < units; ++i) {
    char32_t c = text[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < units && text[i + 1] >= 0xDC00 &&
        text[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (text[i + 1] - 0xDC00);
      ++i;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;
    }
    append_utf8(out, c);
  }
}

// One cell as text, in as many pieces as it takes; nullopt for NULL.
std::optional<std::string> fetch_cell(SQLHSTMT statement, SQLUSMALLINT column) {
  std::string out;
  SQLWCHAR buffer[2048];
  for (;;) {
    SQLLEN indicator = 0;
    const SQLRETURN r =
        SQLGetData(statement, column, SQL_C_WCHAR, buffer, sizeof buffer, &indicator);
    if (r == SQL_NO_DATA) break;  // every piece read
    check(r, SQL_HANDLE_STMT, statement, "reading a cell");
    if (indicator == SQL_NULL_DATA) return std::nullopt;
    const std::size_t room = sizeof buffer / sizeof buffer[0] - 1;  // less the terminator
    const bool whole = r == SQL_SUCCESS;
    std::size_t units = room;
    if (indicator != SQL_NO_TOTAL && static_cast<std::size_t>(indicator) / sizeof(SQLWCHAR) < room)
      units = static_cast<std::size_t>(indicator) / sizeof(SQLWCHAR);
    append_utf16(out, buffer, units);
    if (whole) break;
  }
  return out;
}

struct Statement {
  SQLHSTMT handle = SQL_NULL_HSTMT;
  explicit Statement(SQLHDBC connection) {
    check(SQLAllocHandle(SQL_HANDLE_STMT, connection, &handle), SQL_HANDLE_DBC, connection,
          "allocating a statement");
  }
  ~Statement() {
    if (handle) SQLFreeHandle(SQL_HANDLE_STMT, handle);
  }
  SQLHSTMT release() {
    SQLHSTMT h = handle;
    handle = SQL_NULL_HSTMT;
    return h;
  }
};

SQLCHAR* text(const std::string& s) {
  return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s.c_str()));
}

// The values of one column of a catalog result set, matched exactly against `name` when given
// (catalog arguments are patterns, where `_` matches any character).
std::vector<std::string> catalog_column(SQLHSTMT statement, SQLUSMALLINT column,
                                        const std::string* table, SQLUSMALLINT table_column) {
  std::vector<std::string> out;
  for (;;) {
    const SQLRETURN r = SQLFetch(statement);
    if (r == SQL_NO_DATA) break;
    check(r, SQL_HANDLE_STMT, statement, "reading the catalog");
    auto value = fetch_cell(statement, column);
    if (table) {
      auto of = fetch_cell(statement, table_column);
      if (!of || *of != *table) continue;
    }
    if (value) out.push_back(*value);
  }
  return out;
}

}  // namespace

Connection::Connection(const std::string& connection_string) {
  Utf8Locale utf8;
  SQLHENV env = SQL_NULL_HENV;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env)))
    throw Error("cannot start ODBC (SQLAllocHandle failed)");
  environment_ = env;
  check(SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0),
        SQL_HANDLE_ENV, env, "setting the ODBC version");
  SQLHDBC dbc = SQL_NULL_HDBC;
  check(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc), SQL_HANDLE_ENV, env, "allocating a connection");
  connection_ = dbc;
  SQLCHAR out[1024];
  SQLSMALLINT out_length = 0;
  const SQLRETURN r = SQLDriverConnect(dbc, nullptr, text(connection_string), SQL_NTS, out,
                                       sizeof out, &out_length, SQL_DRIVER_NOPROMPT);
  if (!SQL_SUCCEEDED(r)) {
    const std::string why = diagnostics(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
    connection_ = environment_ = nullptr;
    throw Error("cannot connect: " + why);
  }
  // Read only: duly never writes to the authority's database.
  SQLSetConnectAttr(dbc, SQL_ATTR_ACCESS_MODE, reinterpret_cast<SQLPOINTER>(SQL_MODE_READ_ONLY), 0);
}

Connection::~Connection() {
  if (connection_) {
    SQLDisconnect(connection_);
    SQLFreeHandle(SQL_HANDLE_DBC, connection_);
  }
  if (environment_) SQLFreeHandle(SQL_HANDLE_ENV, environment_);
}

std::string Connection::dbms_name() const {
  SQLCHAR name[256] = {};
  SQLSMALLINT length = 0;
  check(SQLGetInfo(connection_, SQL_DBMS_NAME, name, sizeof name, &length), SQL_HANDLE_DBC,
        connection_, "asking the database's name");
  return reinterpret_cast<const char*>(name);
}

std::string Connection::quoted(std::string_view name) const {
  SQLCHAR quote[8] = {};
  SQLSMALLINT length = 0;
  SQLGetInfo(connection_, SQL_IDENTIFIER_QUOTE_CHAR, quote, sizeof quote, &length);
  const char q = quote[0] == ' ' || quote[0] == 0 ? '"' : static_cast<char>(quote[0]);
  const char close = q == '[' ? ']' : q;
  std::string out(1, q);
  for (char c : name) {
    out += c;
    if (c == close) out += c;  // a quote inside the name is doubled
  }
  return out + close;
}

std::vector<std::string> Connection::tables(const std::string& schema) const {
  Utf8Locale utf8;
  Statement s(connection_);
  std::string types = "TABLE,VIEW";
  check(SQLTables(s.handle, nullptr, 0, text(schema), SQL_NTS, nullptr, 0, text(types), SQL_NTS),
        SQL_HANDLE_STMT, s.handle, "listing the tables of schema " + schema);
  return catalog_column(s.handle, 3, nullptr, 0);  // TABLE_NAME
}

std::vector<std::string> Connection::columns(const std::string& schema,
                                             const std::string& table) const {
  Utf8Locale utf8;
  Statement s(connection_);
  check(SQLColumns(s.handle, nullptr, 0, text(schema), SQL_NTS, text(table), SQL_NTS, nullptr, 0),
        SQL_HANDLE_STMT, s.handle, "listing the columns of " + schema + "." + table);
  return catalog_column(s.handle, 4, &table, 3);  // COLUMN_NAME, of TABLE_NAME
}

Connection::Rows Connection::query(const std::string& sql) const {
  Utf8Locale utf8;
  Statement s(connection_);
  check(SQLExecDirect(s.handle, text(sql), SQL_NTS), SQL_HANDLE_STMT, s.handle,
        "running `" + sql + "`");
  SQLSMALLINT columns = 0;
  check(SQLNumResultCols(s.handle, &columns), SQL_HANDLE_STMT, s.handle, "counting columns");
  return Rows(s.release(), static_cast<std::size_t>(columns));
}

Connection::Rows::Rows(void* statement, std::size_t columns)
    : statement_(statement), cells_(columns) {}

Connection::Rows::Rows(Rows&& other) noexcept
    : statement_(other.statement_), cells_(std::move(other.cells_)) {
  other.statement_ = nullptr;
}

Connection::Rows::~Rows() {
  if (statement_) SQLFreeHandle(SQL_HANDLE_STMT, statement_);
}

bool Connection::Rows::next() {
  Utf8Locale utf8;
  const SQLRETURN r = SQLFetch(statement_);
  if (r == SQL_NO_DATA) return false;
  check(r, SQL_HANDLE_STMT, statement_, "reading a row");
  for (std::size_t i = 0; i < cells_.size(); ++i)
    cells_[i] = fetch_cell(statement_, static_cast<SQLUSMALLINT>(i + 1));
  return true;
}

}  // namespace duly::sources::odbc
