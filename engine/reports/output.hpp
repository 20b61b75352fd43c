// The byte-level writing shared by the reports: a buffer flushed to the stream in large blocks,
// dates and numbers written digit by digit, and the quoting of CSV cells and JSON strings. The
// reports write a million obligations a second and more, so nothing here goes through iostream
// formatting or allocates per cell.
#pragma once

#include <duly/date.hpp>

#include "engine/sources/reading.hpp"

#include <cstring>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace duly::reports {

class OutputBuffer {
 public:
  explicit OutputBuffer(std::ostream& out);
  // A buffer that writes into a string instead (a report's rows formatted on another thread,
  // duly/parallel.hpp): into() names the string, write_out() appends to it.
  OutputBuffer();
  void into(std::string& text) { text_ = &text; }
  OutputBuffer(const OutputBuffer&) = delete;
  OutputBuffer& operator=(const OutputBuffer&) = delete;

  void put(char c) {
    if (used_ == capacity) write_out();
    data_[used_++] = c;
  }
  void append(std::string_view text) {
    if (text.empty()) return;  // an empty view may hold a null pointer, which memcpy must not get
    if (text.size() > capacity - used_) {
      write_out();
      if (text.size() > capacity) {
        write(text.data(), text.size());
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
    if (out_) out_->flush();
  }
  // Writes what the buffer holds to its stream or string.
  void write_out() {
    write(data_.get(), used_);
    used_ = 0;
  }

 private:
  // Rows are written into a fixed array and the array goes to the stream a block at a time
  // (a quarter of a megabyte: few system calls, and still in the processor's cache); the slack
  // above block_size lets most rows finish without a check per cell overflowing.
  static constexpr std::size_t block_size = 1 << 18;
  static constexpr std::size_t capacity = block_size + (1 << 14);
  void write(const char* bytes, std::size_t size) {
    if (out_)
      out_->write(bytes, static_cast<std::streamsize>(size));
    else if (text_)
      text_->append(bytes, size);
  }
  std::ostream* out_ = nullptr;
  std::string* text_ = nullptr;
  std::unique_ptr<char[]> data_;
  std::size_t used_ = 0;
  // The ISO text of every day from 1970 to 2149, ten bytes each, made once per process (it is
  // only read after): a report writes several dates per row, and a copy is far cheaper than a
  // conversion.
  static constexpr int table_days = 65744;
  const char* iso_days_;
};

// A CSV cell as RFC 4180 wants it: quoted, with quotes doubled, only when it holds a comma, a
// quote or a line break (the sources' own, which write rejected database rows with it).
using sources::csv_cell;
void append_csv_cell(OutputBuffer& out, std::string_view text);
// A JSON string with its quotes; bytes of 0x80 and above pass through (UTF-8 stays UTF-8).
std::string json_string(std::string_view text);
void append_json_string(OutputBuffer& out, std::string_view text);

}  // namespace duly::reports
