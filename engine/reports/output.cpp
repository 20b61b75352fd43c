// Digits, dates and quoting for the report writers (see output.hpp).
#include "engine/reports/output.hpp"

#include "engine/time/civil_date.hpp"

#include <algorithm>

namespace duly::reports {

namespace {

void two_digits(char* at, int n) {
  at[0] = static_cast<char>('0' + n / 10);
  at[1] = static_cast<char>('0' + n % 10);
}

// Writes YYYY-MM (7 characters) into `at`; false for years that need other than four digits.
bool year_month(char* at, const YearMonthDay& ymd) {
  if (ymd.year < 0 || ymd.year > 9999) return false;
  two_digits(at, ymd.year / 100);
  two_digits(at + 2, ymd.year % 100);
  at[4] = '-';
  two_digits(at + 5, ymd.month);
  return true;
}

// The table of ISO texts, filled on first use (a static's initialisation is thread-safe).
const char* iso_days(int days) {
  static const std::unique_ptr<char[]> table = [days] {
    std::unique_ptr<char[]> texts(new char[static_cast<std::size_t>(days) * 10]);
    for (int d = 0; d < days; ++d) {
      const YearMonthDay ymd = civil::to_civil(Date{d});
      char* text = texts.get() + d * 10;
      year_month(text, ymd);
      text[7] = '-';
      two_digits(text + 8, ymd.day);
    }
    return texts;
  }();
  return table.get();
}

}  // namespace

OutputBuffer::OutputBuffer(std::ostream& out)
    : out_(&out), data_(new char[capacity]), iso_days_(iso_days(table_days)) {}

OutputBuffer::OutputBuffer() : data_(new char[capacity]), iso_days_(iso_days(table_days)) {}

void OutputBuffer::date(Date date) {
  if (date.days >= 0 && date.days < table_days) {
    append(std::string_view(iso_days_ + date.days * 10, 10));
    return;
  }
  const YearMonthDay ymd = civil::to_civil(date);
  char text[10];
  if (!year_month(text, ymd)) {
    append(to_iso_string(date));
    return;
  }
  text[7] = '-';
  two_digits(text + 8, ymd.day);
  append(std::string_view(text, sizeof text));
}

void OutputBuffer::month(Date date) {
  if (date.days >= 0 && date.days < table_days) {
    append(std::string_view(iso_days_ + date.days * 10, 7));
    return;
  }
  const YearMonthDay ymd = civil::to_civil(date);
  char text[7];
  if (!year_month(text, ymd)) {
    const std::string iso = to_iso_string(date);
    append(std::string_view(iso).substr(0, iso.size() - 3));
    return;
  }
  append(std::string_view(text, sizeof text));
}

void OutputBuffer::number(long long n) {
  char text[24];
  char* end = text + sizeof text;
  char* at = end;
  const bool negative = n < 0;
  unsigned long long u =
      negative ? 0ULL - static_cast<unsigned long long>(n) : static_cast<unsigned long long>(n);
  do {
    *--at = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (negative) *--at = '-';
  append(std::string_view(at, static_cast<std::size_t>(end - at)));
}

void append_csv_cell(OutputBuffer& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos)
    out.append(text);
  else
    out.append(csv_cell(text));
}

std::string json_string(std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string s = "\"";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        s += "\\\"";
        break;
      case '\\':
        s += "\\\\";
        break;
      case '\n':
        s += "\\n";
        break;
      case '\r':
        s += "\\r";
        break;
      case '\t':
        s += "\\t";
        break;
      default:
        if (byte < 0x20) {
          s += "\\u00";
          s += hex[byte >> 4];
          s += hex[byte & 15];
        } else {
          s += c;
        }
    }
  }
  s += '"';
  return s;
}

void append_json_string(OutputBuffer& out, std::string_view text) {
  bool plain = true;
  for (char c : text)
    if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) {
      plain = false;
      break;
    }
  if (plain) {
    out.put('"');
    out.append(text);
    out.put('"');
  } else {
    out.append(json_string(text));
  }
}

}  // namespace duly::reports
