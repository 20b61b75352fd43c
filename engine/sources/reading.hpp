// What the CSV and JSON Lines readers share (private to the library): reading a file in
// blocks, the meaning of an events row once its cells are found, and the bookkeeping of bad
// rows. Keeping the meaning here means both formats give the same messages for the same
// mistakes.
#pragma once

#include <duly/sources.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace duly::sources {

// Logs one file read, with its counts and time, when it goes out of scope (however the reader
// returns), if the options carry a logger.
class ReadLog {
 public:
  ReadLog(const ReadOptions& options, const ReadReport& report, const char* what)
      : options_(options), report_(report), what_(what) {}
  ~ReadLog();
  ReadLog(const ReadLog&) = delete;
  ReadLog& operator=(const ReadLog&) = delete;

 private:
  const ReadOptions& options_;
  const ReadReport& report_;
  const char* what_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

// A file read in blocks, so memory does not grow with the file: the reader looks at unread(),
// consumes what it has used, and asks for more when a row runs past the end of the block.
class BlockReader {
 public:
  // `options.on_progress`, if set, hears of each block read.
  explicit BlockReader(const std::filesystem::path& file, const ReadOptions& options = {});
  // Text held in memory, read as a file would be (it must outlive the reader).
  BlockReader(std::string_view text, std::string name);
  ~BlockReader();
  BlockReader(const BlockReader&) = delete;
  BlockReader& operator=(const BlockReader&) = delete;

  bool is_open() const { return file_ != nullptr || memory_; }
  // The whole input's size in bytes (0 when a file's cannot be known).
  std::uintmax_t size() const { return size_; }
  const std::string& open_error() const { return open_error_; }

  std::string_view unread() const { return {buffer_.data() + begin_, end_ - begin_}; }
  bool at_eof() const { return eof_; }
  void consume(std::size_t n) { begin_ += n; }
  // Keeps the unread text (moving it to the front, which invalidates views of it) and reads
  // more after it; false at the end of the file.
  bool read_more();

 private:
  std::FILE* file_ = nullptr;
  std::optional<std::string_view> memory_;  // the text, when not a file
  std::string open_error_;
  std::string name_;
  const ReadOptions* options_ = nullptr;  // for on_progress
  std::uintmax_t size_ = 0, read_ = 0;
  std::vector<char> buffer_;
  std::size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
};

// A cell of a row and where it starts (1-based line and byte column).
struct Field {
  std::string_view text;
  int line = 0;
  int column = 0;
  bool present = false;  // false: no such column, a missing key or JSON null
};

struct RowError {
  std::string message;
  int line = 0;
  int column = 0;
};

// The rows of one file as they go into a ReadReport.
class FileTally {
 public:
  FileTally(const std::filesystem::path& file, ReadReport& report);
  const std::string& file() const { return file_; }
  void count_row();
  // A bad row: an error (at the bad cell) and the row verbatim for --rejects.
  void reject(const RowError& error, int first_line, std::string_view text);
  // A problem with the file itself (unreadable, bad header): an error, no row.
  void file_error(std::string message, int line, int column);

 private:
  std::string file_;
  ReadReport& report_;
  std::size_t input_;
};

// Whether the reader could open its file; when not, the error is recorded against the whole
// file (line 0), as for every reader.
bool opened(const BlockReader& reader, FileTally& tally);

// ASCII letters in lower case (names of tables, columns and codes, matched without case).
std::string lower_ascii(std::string_view text);

// A cell for a CSV line: as it is, or quoted (quotes doubled) when it holds a comma, a quote or
// a line break. The reports write with it, and a database row rejected is written with it.
std::string csv_cell(std::string_view text);

// A code point written as UTF-8 (a JSON \u escape, a cell an ODBC driver hands over as UTF-16).
void append_utf8(std::string& out, char32_t code);

// `"text"` with quotes, backslashes and line breaks escaped, to quote a value in a message.
std::string quote_value(std::string_view text);

// A date cell in the accepted styles; the error names the column and the value.
std::optional<Date> read_date(const Field& field, std::string_view column, DateStyle style,
                              RowError& error);

// The cells of one events row, whatever the file's format.
struct EventRow {
  Field case_id, event, date, recorded;
  std::vector<std::pair<std::string_view, std::string_view>> attributes;  // empty: absent
};

// Checks the row and hands it to the sink, at `position` (its file and first line); the error
// of a bad row (which is not added).
std::optional<RowError> add_event_row(const EventRow& row, const DataPosition& position,
                                      TimelineSink& sink, const ReadOptions& options,
                                      ReadReport& report);

void read_csv_events(const std::filesystem::path& file, TimelineSink& sink, ReadReport& report,
                     const ReadOptions& options);
// The same from an opened reader, its rows counted in `tally`.
void read_csv_events(BlockReader& reader, FileTally& tally, TimelineSink& sink, ReadReport& report,
                     const ReadOptions& options);
void read_csv_cases(BlockReader& reader, FileTally& tally, TimelineSink& sink,
                    const ReadOptions& options);
void read_json_lines_events(const std::filesystem::path& file, TimelineSink& sink,
                            ReadReport& report, const ReadOptions& options);

}  // namespace duly::sources
