// The byte-level writing shared by the reports: a buffer flushed to the stream in large blocks,
// dates and numbers written digit by digit, and the quoting of CSV cells and JSON strings. The
// reports write a million obligations a second and more, so nothing here goes through iostream
// formatting or allocates per cell.
#pragma once

#include <duly/date.hpp>

#include <cstring>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace duly::reports {

class OutputBuffer {
 public:
  explicit OutputBuffer(std::ostream& out);
  OutputBuffer(const OutputBuffer&) = delete;
  OutputBuffer& operator=(const OutputBuffer&) = delete;

  void put(char c) {
    if (used_ == capacity) write_out();
    data_[used_++] = c;
  }
  void append(std::string_view text) {
    if (text.size() > capacity - used_) {
      write_out();
      if (text.size() > capacity) {
        out_.write(text.data(), static_cast<std::streamsize>(text.size()));
        return;
      }
    }
    std::memcpy(data_.get() + used_, text.data(), text.size());
    used_ += text.size();
  }
  void date(Date date);   // YYYY-MM-DD
  void month(Date date);  // YYYY-MM
  void number(long long n);
  // Called after each row: writes the buffer out once it holds a block.
  void row_done() {
    if (used_ >= block_size) write_out();
  }
  void flush() {
    write_out();
    out_.flush();
  }

 private:
  // Rows are written into a fixed array and the array goes to the stream a block at a time;
  // the slack above block_size lets most rows finish without a check per cell overflowing.
  static constexpr std::size_t block_size = 1 << 16;
  static constexpr std::size_t capacity = block_size + (1 << 14);
  void write_out() {
    out_.write(data_.get(), static_cast<std::streamsize>(used_));
    used_ = 0;
  }
  std::ostream& out_;
  std::unique_ptr<char[]> data_;
  std::size_t used_ = 0;
  // The ISO text of every day from 1970 to 2149, ten bytes each, made once per buffer: a
  // report writes several dates per row, and a copy is far cheaper than a conversion.
  static constexpr int table_days = 65744;
  std::unique_ptr<char[]> iso_days_;
};

// The width of a text on a terminal, or in characters: one column per UTF-8 code point.
std::size_t display_width(std::string_view text);
// A name no wider than `width` (at least 2): a longer one keeps the words that fit before a `…`
// (without the spaces and commas that ended them); a first word too long to fit is cut inside.
// Leading spaces (a group's indent in the summary table) are no word boundary.
std::string cut_to_width(std::string name, std::size_t width);

// A CSV cell as RFC 4180 wants it: quoted, with quotes doubled, only when it holds a comma, a
// quote or a line break.
std::string csv_cell(std::string_view text);
void append_csv_cell(OutputBuffer& out, std::string_view text);
// A JSON string with its quotes; bytes of 0x80 and above pass through (UTF-8 stays UTF-8).
std::string json_string(std::string_view text);
void append_json_string(OutputBuffer& out, std::string_view text);

}  // namespace duly::reports
