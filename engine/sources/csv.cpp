// CSV (RFC 4180) events and cases files, and the CsvTable the importers read a return's tables
// with (csv_table.hpp). Cells are views into the block being read; only a quoted cell with
// doubled quotes is copied, to undo the doubling. A broken row is reported at its bad cell and
// skipped to the end of the physical line where the trouble is, so one stray quote does not
// swallow the rest of the file.
#include "engine/sources/csv_table.hpp"
#include "engine/sources/reading.hpp"

#include <duly/limits.hpp>

#include <algorithm>
#include <cstring>
#include <deque>
#include <optional>
#include <unordered_map>

namespace duly {
namespace sources {
namespace {

struct Cell {
  std::string_view text;
  int line = 0;
  int column = 0;
};

// Splits a file into rows of cells, one row per call to next().
class CsvScanner {
 public:
  enum class Status { row, bad_row, end };

  explicit CsvScanner(BlockReader& reader) : reader_(reader) {
    // A byte order mark is an artefact of the editor, not part of the first column's name.
    if (reader_.unread().starts_with("\xEF\xBB\xBF")) reader_.consume(3);
  }

  // The row's cells, text and first line stay valid until the next call.
  Status next() {
    reader_.consume(consumed_);
    consumed_ = 0;
    line_ = next_line_;
    for (;;) {
      Scan result = scan(reader_.unread(), reader_.at_eof());
      if (result == Scan::need_more) {
        if (reader_.unread().size() > max_row_bytes) return too_long();
        reader_.read_more();
        continue;
      }
      if (result == Scan::blank) {
        reader_.consume(consumed_);
        consumed_ = 0;
        line_ = next_line_;
        continue;
      }
      return result == Scan::end   ? Status::end
             : result == Scan::row ? Status::row
                                   : Status::bad_row;
    }
  }

  const std::vector<Cell>& cells() const { return cells_; }
  std::string_view text() const { return text_; }
  int first_line() const { return line_; }
  const RowError& error() const { return error_; }
  // Just past the row's last character, where a missing cell would have been.
  int end_line() const { return end_line_; }
  int end_column() const { return end_column_; }

 private:
  enum class Scan { row, bad_row, blank, end, need_more };

  // A row past max_row_bytes (a quote never closed swallowing the file, or not a CSV file at
  // all) is a bad row, without reading the rest of it into memory: its first physical line is
  // skipped and reading goes on at the next.
  Status too_long() {
    error_ = RowError{"row is longer than " + std::to_string(max_row_bytes >> 20) +
                          " MiB (the limit): a quoted cell never closed, or not a CSV file?",
                      line_, 1};
    constexpr std::size_t kept = 200;
    too_long_text_ = std::string(reader_.unread().substr(0, kept)) + "…";
    text_ = too_long_text_;
    for (;;) {
      const std::string_view unread = reader_.unread();
      const void* newline = std::memchr(unread.data(), '\n', unread.size());
      if (newline) {
        consumed_ = static_cast<std::size_t>(static_cast<const char*>(newline) - unread.data()) + 1;
        break;
      }
      reader_.consume(unread.size());
      if (!reader_.read_more()) {
        consumed_ = reader_.unread().size();
        break;
      }
    }
    next_line_ = line_ + 1;
    return Status::bad_row;
  }

  // How far scanning one row has got: the row starts at `begin`, the block ends at `end`
  // (the file's end when `eof`), and `p` is on line `line`, which starts at `line_start`.
  struct RowCursor {
    const char* begin;
    const char* end;
    bool eof;
    const char* p;
    int line;
    const char* line_start;
  };

  // One row from the start of `text`; need_more when the row may continue beyond it.
  Scan scan(std::string_view text, bool eof) {
    cells_.clear();
    const char* const begin = text.data();
    RowCursor row{begin, begin + text.size(), eof, begin, line_, begin};
    if (row.p == row.end) return eof ? Scan::end : Scan::need_more;
    if (auto blank = skip_blank_line(row)) return *blank;
    for (std::size_t index = 0;; ++index) {
      Cell cell{{}, row.line, static_cast<int>(row.p - row.line_start) + 1};
      const std::optional<Scan> done = row.p < row.end && *row.p == '"'
                                           ? scan_quoted_cell(row, cell, index)
                                           : scan_plain_cell(row, cell);
      if (done) return *done;
    }
  }

  // An empty line where a row would start is skipped (blank); a lone '\r' at the end of the
  // block may be the first half of one (need_more). Nothing when a row starts here.
  std::optional<Scan> skip_blank_line(const RowCursor& row) {
    const char* p = row.p;
    if (*p == '\n' || (*p == '\r' && p + 1 < row.end && p[1] == '\n')) {
      consumed_ = *p == '\n' ? 1 : 2;
      next_line_ = line_ + 1;
      return Scan::blank;
    }
    if (*p == '\r' && p + 1 == row.end && !row.eof) return Scan::need_more;
    return std::nullopt;
  }

  // An unquoted cell at row.p, up to a comma, a line break or the end: nothing when another
  // cell follows (row.p is then on it), else how the row ends.
  std::optional<Scan> scan_plain_cell(RowCursor& row, Cell& cell) {
    const char* const start = row.p;
    const char* p = row.p;
    for (; p < row.end; ++p) {
      const char c = *p;
      if (c == ',' || c == '\n' || c == '"') break;
      if (c == '\r') {
        if (p + 1 == row.end && !row.eof) return Scan::need_more;
        if (p + 1 < row.end && p[1] == '\n') break;
      }
    }
    if (p < row.end && *p == '"')
      return fail(row, p, row.line, row.line_start,
                  "quote inside an unquoted cell (quote the whole cell and double the quote)");
    cell.text = std::string_view(start, static_cast<std::size_t>(p - start));
    cells_.push_back(cell);
    if (p == row.end) {
      if (!row.eof) return Scan::need_more;
      return end_row(row, p, p);
    }
    if (*p == ',') {
      row.p = p + 1;
      return std::nullopt;
    }
    return end_row(row, p, p + (*p == '\n' ? 1 : 2));
  }

  // A quoted cell at row.p (its opening quote), which may run over line breaks: nothing when
  // another cell follows (row.p is then on it), else how the row ends.
  std::optional<Scan> scan_quoted_cell(RowCursor& row, Cell& cell, std::size_t index) {
    const char* const quote = row.p;
    const int quote_line = row.line;
    const char* const quote_line_start = row.line_start;
    auto unterminated = [&] {
      return fail(row, quote, quote_line, quote_line_start, "unterminated quoted cell");
    };
    const char* const content = ++row.p;
    bool doubled = false;
    for (;;) {
      if (row.p == row.end) return row.eof ? unterminated() : Scan::need_more;
      if (*row.p == '"') {
        if (row.p + 1 == row.end && !row.eof) return Scan::need_more;
        if (row.p + 1 < row.end && row.p[1] == '"') {
          doubled = true;
          row.p += 2;
          continue;
        }
        break;
      }
      if (*row.p == '\n') {
        ++row.line;
        row.line_start = row.p + 1;
      }
      ++row.p;
    }
    std::string_view raw(content, static_cast<std::size_t>(row.p - content));
    const char* const p = ++row.p;  // past the closing quote
    cell.text = doubled ? undouble(raw, index) : raw;
    if (p == row.end) {
      if (!row.eof) return Scan::need_more;
      cells_.push_back(cell);
      return end_row(row, p, p);
    }
    if (*p == ',') {
      cells_.push_back(cell);
      ++row.p;
      return std::nullopt;
    }
    if (*p == '\n' || (*p == '\r' && p + 1 < row.end && p[1] == '\n')) {
      cells_.push_back(cell);
      return end_row(row, p, p + (*p == '\n' ? 1 : 2));
    }
    if (*p == '\r' && p + 1 == row.end && !row.eof) return Scan::need_more;
    // Text after a quote that closed on a later line: far more likely a quote that was never
    // closed, which then paired with a quote on a later row.
    if (row.line > quote_line) return unterminated();
    return fail(row, p, row.line, row.line_start, "unexpected character after closing quote");
  }

  // The row ends at `row_end` (before its line break); the next row starts at `next`.
  Scan end_row(const RowCursor& row, const char* row_end, const char* next) {
    text_ = std::string_view(row.begin, static_cast<std::size_t>(row_end - row.begin));
    consumed_ = static_cast<std::size_t>(next - row.begin);
    next_line_ = row.line + 1;
    end_line_ = row.line;
    end_column_ = static_cast<int>(row_end - row.line_start) + 1;
    return Scan::row;
  }

  // A bad row, reported at `at` (on line `at_line`, which starts at `at_line_start`), runs to
  // the end of that physical line.
  Scan fail(const RowCursor& row, const char* at, int at_line, const char* at_line_start,
            std::string message) {
    const char* newline =
        static_cast<const char*>(std::memchr(at, '\n', static_cast<std::size_t>(row.end - at)));
    if (!newline && !row.eof) return Scan::need_more;
    const char* row_end = newline ? newline : row.end;
    const char* next = newline ? newline + 1 : row.end;
    if (row_end > row.begin && row_end[-1] == '\r' && newline) --row_end;
    error_ = RowError{std::move(message), at_line, static_cast<int>(at - at_line_start) + 1};
    text_ = std::string_view(row.begin, static_cast<std::size_t>(row_end - row.begin));
    consumed_ = static_cast<std::size_t>(next - row.begin);
    next_line_ = at_line + 1;
    return Scan::bad_row;
  }

  std::string_view undouble(std::string_view raw, std::size_t index) {
    if (unquoted_.size() <= index) unquoted_.resize(index + 1);
    std::string& out = unquoted_[index];
    out.clear();
    for (std::size_t i = 0; i < raw.size(); ++i) {
      out += raw[i];
      if (raw[i] == '"') ++i;  // the second of a doubled quote
    }
    return out;
  }

  BlockReader& reader_;
  std::vector<Cell> cells_;
  std::deque<std::string> unquoted_;  // by cell index; a deque so views survive growth
  std::string_view text_;
  std::string too_long_text_;  // what text_ shows of a row past the limit
  RowError error_;
  std::size_t consumed_ = 0;
  int line_ = 1, next_line_ = 1;
  int end_line_ = 0, end_column_ = 0;
};

// The columns of a file by name, from its header row.
struct Header {
  std::vector<std::string> names;
  std::size_t index_of(std::string_view name) const {
    return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
  }
  bool has(std::string_view name) const { return index_of(name) < names.size(); }
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Reads the header; false (after reporting why) when the file cannot be read on.
bool read_header(CsvScanner& scanner, FileTally& tally, std::vector<std::string_view> required,
                 Header& header) {
  switch (scanner.next()) {
    case CsvScanner::Status::end:
      tally.file_error("file is empty (expected a header row)", 1, 1);
      return false;
    case CsvScanner::Status::bad_row:
      tally.file_error("header: " + scanner.error().message, scanner.error().line,
                       scanner.error().column);
      return false;
    case CsvScanner::Status::row:
      break;
  }
  for (const Cell& cell : scanner.cells()) {
    std::string name(trim(cell.text));
    if (!name.empty() && header.has(name)) {
      tally.file_error("column " + quote_value(name) + " appears twice in the header", cell.line,
                       cell.column);
      return false;
    }
    header.names.push_back(std::move(name));
  }
  std::vector<std::string_view> absent;
  for (auto name : required)
    if (!header.has(name)) absent.push_back(name);
  if (absent.empty()) return true;
  std::string message = absent.size() == 1 ? "header has no column " : "header has no columns ";
  for (std::size_t i = 0; i < absent.size(); ++i)
    message += (i ? ", " : "") + quote_value(absent[i]);
  tally.file_error(std::move(message), scanner.first_line(), 1);
  return false;
}

// The error of a row whose number of cells differs from the header's, if it does.
std::optional<RowError> check_cell_count(const CsvScanner& scanner, const Header& header) {
  const auto& cells = scanner.cells();
  if (cells.size() == header.names.size()) return std::nullopt;
  RowError error{"row has " + std::to_string(cells.size()) +
                     (cells.size() == 1 ? " cell" : " cells") + " but the header has " +
                     std::to_string(header.names.size()),
                 scanner.end_line(), scanner.end_column()};
  if (cells.size() > header.names.size()) {
    error.line = cells[header.names.size()].line;
    error.column = cells[header.names.size()].column;
  }
  return error;
}

Field field_of(const CsvScanner& scanner, std::size_t index) {
  if (index >= scanner.cells().size()) return {};
  const Cell& cell = scanner.cells()[index];
  return {cell.text, cell.line, cell.column, true};
}

// The ids of one cases file with the line each was first on, to name the first line of a
// duplicate. The sink already knows which ids it has, so this is asked only about a duplicate,
// and the ids are indexed by a hash map only once the first duplicate comes (a cases file has
// hundreds of thousands of rows and usually no duplicate). A deque, so that the map's views of
// its strings stay valid as it grows.
class CaseIds {
 public:
  void add(std::string_view id, int line) {
    const auto& [kept, first] = lines_.emplace_back(id, line);
    if (indexed_) index_.emplace(kept, first);
  }
  std::optional<int> first_line(std::string_view id) {
    if (!indexed_) {
      index_.reserve(lines_.size() * 2);
      for (const auto& [kept, line] : lines_) index_.emplace(kept, line);
      indexed_ = true;
    }
    auto found = index_.find(id);
    if (found == index_.end()) return std::nullopt;
    return found->second;
  }

 private:
  std::deque<std::pair<std::string, int>> lines_;
  std::unordered_map<std::string_view, int> index_;  // the first line of each id, once needed
  bool indexed_ = false;
};

// Tells the sink how many events a large file holds, from its size and the rows of the first
// block (a tenth more, so that a file of slightly longer rows later still fits), and how many
// attribute values they hold at most (every attribute cell filled).
void expect_rows(const BlockReader& reader, std::size_t attribute_columns, TimelineSink& sink) {
  if (reader.at_eof()) return;  // the whole file is in the first block: small
  const std::uintmax_t size = reader.size();
  if (size == 0) return;
  const std::string_view block = reader.unread();
  const auto rows = static_cast<std::size_t>(std::count(block.begin(), block.end(), '\n'));
  if (rows == 0) return;
  const auto events =
      static_cast<std::size_t>(static_cast<double>(size) / block.size() * rows * 1.1);
  sink.expect_events(events, events * attribute_columns);
}

}  // namespace

void read_csv_events(const std::filesystem::path& file, TimelineSink& sink, ReadReport& report,
                     const ReadOptions& options) {
  FileTally tally(file, report);
  BlockReader reader(file, options);
  read_csv_events(reader, tally, sink, report, options);
}

void read_csv_events(BlockReader& reader, FileTally& tally, TimelineSink& sink, ReadReport& report,
                     const ReadOptions& options) {
  if (!opened(reader, tally)) return;
  CsvScanner scanner(reader);
  Header header;
  if (!read_header(scanner, tally, {"case_id", "event", "date"}, header)) return;
  const std::size_t case_id = header.index_of("case_id"), event = header.index_of("event"),
                    date = header.index_of("date"), recorded = header.index_of("recorded");
  std::vector<std::size_t> attribute_columns;
  for (std::size_t i = 0; i < header.names.size(); ++i)
    if (i != case_id && i != event && i != date && i != recorded && !header.names[i].empty())
      attribute_columns.push_back(i);

  expect_rows(reader, attribute_columns.size(), sink);

  EventRow row;
  row.attributes.resize(attribute_columns.size());
  for (std::size_t i = 0; i < attribute_columns.size(); ++i)
    row.attributes[i].first = header.names[attribute_columns[i]];
  for (;;) {
    auto status = scanner.next();
    if (status == CsvScanner::Status::end) break;
    tally.count_row();
    if (status == CsvScanner::Status::bad_row) {
      tally.reject(scanner.error(), scanner.first_line(), scanner.text());
      continue;
    }
    if (auto error = check_cell_count(scanner, header)) {
      tally.reject(*error, scanner.first_line(), scanner.text());
      continue;
    }
    const auto& cells = scanner.cells();
    row.case_id = field_of(scanner, case_id);
    row.event = field_of(scanner, event);
    row.date = field_of(scanner, date);
    row.recorded = field_of(scanner, recorded);
    for (std::size_t i = 0; i < attribute_columns.size(); ++i)
      row.attributes[i].second = cells[attribute_columns[i]].text;
    const DataPosition position{tally.file(), scanner.first_line(), {}};
    if (auto error = add_event_row(row, position, sink, options, report))
      tally.reject(*error, scanner.first_line(), scanner.text());
  }
}

void read_csv_cases(BlockReader& reader, FileTally& tally, TimelineSink& sink,
                    const ReadOptions& options) {
  if (!opened(reader, tally)) return;
  CsvScanner scanner(reader);
  Header header;
  if (!read_header(scanner, tally, {"case_id"}, header)) return;
  const std::size_t case_id = header.index_of("case_id"),
                    date_of_birth = header.index_of("date_of_birth");
  std::vector<std::size_t> attribute_columns;
  for (std::size_t i = 0; i < header.names.size(); ++i)
    if (i != case_id && i != date_of_birth && !header.names[i].empty())
      attribute_columns.push_back(i);

  std::vector<std::pair<std::string_view, std::string_view>> attributes(attribute_columns.size());
  for (std::size_t i = 0; i < attribute_columns.size(); ++i)
    attributes[i].first = header.names[attribute_columns[i]];
  CaseIds ids;  // this file's, for duplicates
  for (;;) {
    auto status = scanner.next();
    if (status == CsvScanner::Status::end) break;
    tally.count_row();
    if (status == CsvScanner::Status::bad_row) {
      tally.reject(scanner.error(), scanner.first_line(), scanner.text());
      continue;
    }
    auto error = check_cell_count(scanner, header);
    const Field id = field_of(scanner, case_id);
    if (!error && id.text.empty()) error = RowError{"case_id is missing", id.line, id.column};
    std::optional<Date> dob;
    if (!error) {
      const Field dob_field = field_of(scanner, date_of_birth);
      RowError date_error;
      if (!dob_field.text.empty() &&
          !(dob = read_date(dob_field, "date_of_birth", options.dates, date_error)))
        error = date_error;
    }
    if (!error && sink.has_case(id.text)) {
      if (auto earlier = ids.first_line(id.text))
        error = RowError{"case_id " + quote_value(id.text) + " appears twice (first on line " +
                             std::to_string(*earlier) + ")",
                         id.line, id.column};
      else
        error = RowError{"case_id " + quote_value(id.text) + " is already in another cases file",
                         id.line, id.column};
    }
    if (!error) ids.add(id.text, scanner.first_line());
    if (error) {
      tally.reject(*error, scanner.first_line(), scanner.text());
      continue;
    }
    for (std::size_t i = 0; i < attribute_columns.size(); ++i)
      attributes[i].second = scanner.cells()[attribute_columns[i]].text;
    sink.add_case(CaseRecord{id.text, dob, attributes, {tally.file(), scanner.first_line(), {}}});
  }
}

}  // namespace sources

void read_cases_file(const std::filesystem::path& file, TimelineSink& sink, ReadReport& report,
                     const ReadOptions& options) {
  sources::ReadLog log(options, report, "cases");
  sources::FileTally tally(file, report);
  sources::BlockReader reader(file, options);
  sources::read_csv_cases(reader, tally, sink, options);
}

}  // namespace duly

namespace duly::sources {

struct CsvTable::Impl {
  Impl(const std::filesystem::path& file, ReadReport& report, const ReadOptions& options)
      : tally(file, report), reader(file, options) {}
  FileTally tally;
  BlockReader reader;
  std::optional<CsvScanner> scanner;
  Header header;
};

CsvTable::CsvTable(const std::filesystem::path& file, ReadReport& report,
                   const ReadOptions& options)
    : impl_(std::make_unique<Impl>(file, report, options)) {}
CsvTable::~CsvTable() = default;

bool CsvTable::open(const std::vector<std::string_view>& required) {
  if (!opened(impl_->reader, impl_->tally)) return false;
  impl_->scanner.emplace(impl_->reader);
  return read_header(*impl_->scanner, impl_->tally, required, impl_->header);
}

bool CsvTable::next() {
  CsvScanner& scanner = *impl_->scanner;
  for (;;) {
    const auto status = scanner.next();
    if (status == CsvScanner::Status::end) return false;
    impl_->tally.count_row();
    if (status == CsvScanner::Status::bad_row) {
      impl_->tally.reject(scanner.error(), scanner.first_line(), scanner.text());
      continue;
    }
    if (auto error = check_cell_count(scanner, impl_->header)) {
      impl_->tally.reject(*error, scanner.first_line(), scanner.text());
      continue;
    }
    return true;
  }
}

const std::vector<std::string>& CsvTable::columns() const { return impl_->header.names; }

std::size_t CsvTable::column(std::string_view name) const {
  return impl_->header.has(name) ? impl_->header.index_of(name) : no_column;
}

Field CsvTable::field(std::size_t column) const {
  if (column == no_column) return {};
  return field_of(*impl_->scanner, column);
}

int CsvTable::line() const { return impl_->scanner->first_line(); }
std::string_view CsvTable::text() const { return impl_->scanner->text(); }
void CsvTable::reject(const RowError& error) { impl_->tally.reject(error, line(), text()); }
FileTally& CsvTable::tally() { return impl_->tally; }

}  // namespace duly::sources
