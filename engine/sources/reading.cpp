// The parts of reading case data that do not depend on the format: blocks of a file, dates in
// the accepted styles, the checks of an events row and the record of bad rows. Also the entry
// point that picks the format of an events file from its name.
#include "engine/sources/reading.hpp"

#include <spdlog/logger.h>

#include "engine/time/civil_date.hpp"

#include <cerrno>
#include <algorithm>
#include <cstring>

namespace duly {
namespace sources {
namespace {

constexpr std::size_t initial_block = 1 << 20;

inline bool is_digit(char c) { return static_cast<unsigned char>(c - '0') < 10; }

bool has_iso_shape(std::string_view t) {
  return t.size() == 10 && t[4] == '-' && t[7] == '-' && is_digit(t[0]) && is_digit(t[1]) &&
         is_digit(t[2]) && is_digit(t[3]) && is_digit(t[5]) && is_digit(t[6]) && is_digit(t[8]) &&
         is_digit(t[9]);
}

bool has_uk_shape(std::string_view t) {
  auto first = t.find('/');
  if (first == std::string_view::npos) return false;
  auto second = t.find('/', first + 1);
  if (second == std::string_view::npos) return false;
  auto all_digits = [](std::string_view part, std::size_t least, std::size_t most) {
    if (part.size() < least || part.size() > most) return false;
    for (char c : part)
      if (!is_digit(c)) return false;
    return true;
  };
  return all_digits(t.substr(0, first), 1, 2) &&
         all_digits(t.substr(first + 1, second - first - 1), 1, 2) &&
         all_digits(t.substr(second + 1), 4, 4);
}

// parse_iso_date without going through Boost: the same answers (checked in [sources]), by
// arithmetic alone, since every event has one or two dates.
std::optional<Date> fast_iso_date(std::string_view t) {
  if (!has_iso_shape(t)) return std::nullopt;
  auto digit = [&](std::size_t i) { return t[i] - '0'; };
  const int year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const int month = digit(5) * 10 + digit(6);
  const int day = digit(8) * 10 + digit(9);
  // The years make_date accepts.
  if (year < 1400 || month < 1 || month > 12 || day < 1 || day > civil::month_length(year, month))
    return std::nullopt;
  return civil::from_civil(year, month, day);
}

}  // namespace

BlockReader::BlockReader(const std::filesystem::path& file, const ReadOptions& options)
    : name_(file.string()), options_(options.on_progress ? &options : nullptr) {
  file_ = std::fopen(name_.c_str(), "rb");
  if (!file_) {
    open_error_ = std::strerror(errno);
    eof_ = true;
    return;
  }
  std::error_code error;
  size_ = std::filesystem::file_size(file, error);
  if (error) size_ = 0;
  buffer_.resize(initial_block);
  read_more();
}

BlockReader::BlockReader(std::string_view text, std::string name)
    : memory_(text), name_(std::move(name)), size_(text.size()) {
  buffer_.resize(initial_block);
  read_more();
}

BlockReader::~BlockReader() {
  if (file_) std::fclose(file_);
}

bool BlockReader::read_more() {
  if (eof_) return false;
  const std::size_t unread = end_ - begin_;
  if (begin_ > 0) std::memmove(buffer_.data(), buffer_.data() + begin_, unread);
  begin_ = 0;
  end_ = unread;
  // A row longer than the block (a long quoted cell, or a broken quote that runs on): grow.
  if (end_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);
  std::size_t got = 0;
  if (memory_) {
    got = std::min(buffer_.size() - end_, memory_->size() - static_cast<std::size_t>(read_));
    std::memcpy(buffer_.data() + end_, memory_->data() + read_, got);
  } else {
    got = std::fread(buffer_.data() + end_, 1, buffer_.size() - end_, file_);
  }
  end_ += got;
  read_ += got;
  if (options_) options_->on_progress(name_, read_, std::max(size_, read_));
  if (got == 0) {
    eof_ = true;
    return false;
  }
  return true;
}

FileTally::FileTally(const std::filesystem::path& file, ReadReport& report)
    : file_(file.string()), report_(report), input_(report.inputs.size()) {
  report_.inputs.push_back({file_, 0, 0});
}

void FileTally::count_row() { ++report_.inputs[input_].rows; }

void FileTally::reject(const RowError& error, int first_line, std::string_view text) {
  ++report_.inputs[input_].rejected;
  // The readers count bytes; the message counts characters (docs/cli.md, "Data in"), on the error's
  // own physical line of the row.
  std::string_view line = text;
  for (int k = first_line; k < error.line && !line.empty(); ++k) {
    const std::size_t newline = line.find('\n');
    line = newline == std::string_view::npos ? std::string_view() : line.substr(newline + 1);
  }
  line = line.substr(0, line.find('\n'));
  const int column = error.column > 0 ? character_column(line, error.column) : error.column;
  report_.errors.push_back(Diagnostic{Severity::error, SourcePosition{file_, error.line, column},
                                      error.message, std::string(), 1});
  report_.rejected.push_back(RejectedRow{file_, first_line, std::string(text), error.message});
}

void FileTally::file_error(std::string message, int line, int column) {
  report_.errors.push_back(Diagnostic{Severity::error, SourcePosition{file_, line, column},
                                      std::move(message), std::string(), 1});
}

std::string quote_value(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  out += '"';
  return out;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string csv_cell(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string cell = "\"";
  for (char c : text) {
    if (c == '"') cell += '"';
    cell += c;
  }
  cell += '"';
  return cell;
}

void append_utf8(std::string& out, char32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

std::optional<Date> read_date(const Field& field, std::string_view column, DateStyle style,
                              RowError& error) {
  if (auto date = fast_iso_date(field.text)) return date;
  if (style == DateStyle::uk)
    if (auto date = parse_uk_date(field.text)) return date;
  error.line = field.line;
  error.column = field.column;
  error.message = std::string(column) + " " + quote_value(field.text) + " is not a date";
  // A well-formed day that does not exist (2019-02-30) needs no hint about the format.
  const bool well_formed =
      has_iso_shape(field.text) || (style == DateStyle::uk && has_uk_shape(field.text));
  if (well_formed) return std::nullopt;
  if (style == DateStyle::uk)
    error.message += " (expected YYYY-MM-DD or DD/MM/YYYY)";
  else if (parse_uk_date(field.text))
    // The format seen, and the flag that reads it: a UK export is the usual cause.
    error.message += " (expected YYYY-MM-DD; it looks like DD/MM/YYYY, which --dates uk reads)";
  else
    error.message += " (expected YYYY-MM-DD)";
  return std::nullopt;
}

std::optional<RowError> add_event_row(const EventRow& row, const DataPosition& position,
                                      TimelineSink& sink, const ReadOptions& options,
                                      ReadReport& report) {
  auto missing = [](const Field& field, std::string_view column) {
    return RowError{std::string(column) + " is missing", field.line, field.column};
  };
  if (row.case_id.text.empty()) return missing(row.case_id, "case_id");
  if (row.event.text.empty()) return missing(row.event, "event");
  if (row.date.text.empty()) return missing(row.date, "date");
  RowError error;
  auto date = read_date(row.date, "date", options.dates, error);
  if (!date) return error;
  std::optional<Date> recorded;
  if (!row.recorded.text.empty()) {
    recorded = read_date(row.recorded, "recorded", options.dates, error);
    if (!recorded) return error;
  }
  add_event(sink,
            EventRecord{row.case_id.text, row.event.text, *date, recorded, row.attributes, position},
            report);
  return std::nullopt;
}

}  // namespace sources

void add_event(TimelineSink& sink, const EventRecord& event, ReadReport& report) {
  if (sink.add_event(event)) return;
  ++report.undeclared_events;
  auto type = report.undeclared_types.find(event.type);
  if (type == report.undeclared_types.end())
    type = report.undeclared_types.emplace(std::string(event.type), 0).first;
  ++type->second;
}

void add_warning(ReadReport& report, std::string_view kind, const DataPosition& position,
                 std::string message) {
  auto count = report.warning_counts.find(kind);
  if (count == report.warning_counts.end())
    count = report.warning_counts.emplace(std::string(kind), 0).first;
  ++count->second;
  if (!position.path.empty()) message += " (element " + std::string(position.path) + ")";
  report.warnings.push_back(
      {std::string(kind), Diagnostic{Severity::warning,
                                     SourcePosition{std::string(position.file), position.line, 0},
                                     std::move(message), std::string(), 1}});
}

void read_events_csv_text(std::string_view text, const std::string& name, TimelineSink& sink,
                          ReadReport& report, const ReadOptions& options) {
  sources::ReadLog log(options, report, "events (CSV text)");
  sources::FileTally tally(name, report);
  sources::BlockReader reader(text, name);
  sources::read_csv_events(reader, tally, sink, report, options);
}

void read_cases_csv_text(std::string_view text, const std::string& name, TimelineSink& sink,
                         ReadReport& report, const ReadOptions& options) {
  sources::ReadLog log(options, report, "cases (CSV text)");
  sources::FileTally tally(name, report);
  sources::BlockReader reader(text, name);
  sources::read_csv_cases(reader, tally, sink, options);
}

void read_events_file(const std::filesystem::path& file, TimelineSink& sink, ReadReport& report,
                      const ReadOptions& options) {
  auto extension = file.extension().string();
  for (char& c : extension)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  const bool json_lines = extension == ".jsonl" || extension == ".ndjson";
  sources::ReadLog log(options, report, json_lines ? "events (JSON Lines)" : "events (CSV)");
  if (json_lines)
    sources::read_json_lines_events(file, sink, report, options);
  else
    sources::read_csv_events(file, sink, report, options);
}

namespace sources {

bool opened(const BlockReader& reader, FileTally& tally) {
  if (reader.is_open()) return true;
  tally.file_error("cannot open the file: " + reader.open_error(), 0, 0);
  return false;
}

ReadLog::~ReadLog() {
  if (!options_.logger || report_.inputs.empty()) return;
  const auto& input = report_.inputs.back();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started_)
                      .count();
  options_.logger->info("read {} {}: {} rows, {} rejected, in {} ms", what_, input.file, input.rows,
                        input.rejected, ms);
}

}  // namespace sources

}  // namespace duly
