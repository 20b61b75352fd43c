// JSON Lines events files: one flat object per line. The parser is written for that one shape
// (an object of strings, numbers, booleans and nulls) rather than built on a general JSON
// library, because it must keep numbers as written (3.50 stays "3.50"), give the column of
// every mistake, and not allocate per value on millions of lines.
#include "engine/sources/reading.hpp"

#include <duly/limits.hpp>

#include <cstring>
#include <deque>

namespace duly {
namespace sources {
namespace {

enum class Kind { string, number, boolean, null, composite };

struct JsonField {
  std::string_view key;
  std::string_view value;  // strings unescaped; numbers and booleans as written
  Kind kind = Kind::null;
  int key_column = 0;
  int value_column = 0;
};

// Parses one line into fields; a message (without "invalid JSON: ") and column on failure.
class LineParser {
 public:
  bool parse(std::string_view line, std::vector<JsonField>& fields) {
    fields.clear();
    begin_ = p_ = line.data();
    end_ = begin_ + line.size();
    scratch_used_ = 0;
    skip_space();
    if (p_ == end_ || *p_ != '{')
      return fail(p_ < end_ && (*p_ == '[' || *p_ == '"' || *p_ == '-' || is_digit(*p_))
                      ? "row is not a JSON object"
                      : "invalid JSON: expected '{'");
    ++p_;
    skip_space();
    if (p_ < end_ && *p_ == '}') {
      ++p_;
      return finish();
    }
    for (;;) {
      skip_space();
      JsonField field;
      field.key_column = column();
      if (p_ == end_ || *p_ != '"') return fail("invalid JSON: expected a key in double quotes");
      if (!string(field.key)) return false;
      skip_space();
      if (p_ == end_ || *p_ != ':') return fail("invalid JSON: expected ':' after the key");
      ++p_;
      skip_space();
      field.value_column = column();
      if (!value(field)) return false;
      fields.push_back(field);
      // The row is bad whatever follows; the caller names the key in its message.
      if (field.kind == Kind::composite) return true;
      skip_space();
      if (p_ < end_ && *p_ == ',') {
        ++p_;
        continue;
      }
      if (p_ < end_ && *p_ == '}') {
        ++p_;
        return finish();
      }
      return fail(p_ == end_ ? "invalid JSON: the line ends inside the object"
                             : "invalid JSON: expected ',' or '}'");
    }
  }

  const std::string& message() const { return message_; }
  int error_column() const { return error_column_; }

 private:
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }
  int column() const { return static_cast<int>(p_ - begin_) + 1; }
  void skip_space() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\r')) ++p_;
  }
  bool fail(const char* message) {
    message_ = message;
    error_column_ = column();
    return false;
  }
  bool finish() {
    skip_space();
    return p_ == end_ || fail("invalid JSON: unexpected text after the object");
  }

  bool value(JsonField& field) {
    if (p_ == end_) return fail("invalid JSON: expected a value");
    const char c = *p_;
    if (c == '"') {
      field.kind = Kind::string;
      return string(field.value);
    }
    if (c == '-' || is_digit(c)) {
      field.kind = Kind::number;
      return number(field.value);
    }
    if (c == '{' || c == '[') {
      field.kind = Kind::composite;
      return true;
    }
    for (std::string_view word : {"true", "false", "null"}) {
      if (static_cast<std::size_t>(end_ - p_) >= word.size() &&
          std::memcmp(p_, word.data(), word.size()) == 0) {
        const char* after = p_ + word.size();
        if (after < end_ && ((*after >= 'a' && *after <= 'z') || is_digit(*after))) break;
        field.kind = word == "null" ? Kind::null : Kind::boolean;
        field.value = std::string_view(p_, word.size());
        p_ = after;
        return true;
      }
    }
    return fail("invalid JSON: expected a value");
  }

  // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, kept as written.
  bool number(std::string_view& out) {
    const char* start = p_;
    if (*p_ == '-') ++p_;
    if (p_ == end_ || !is_digit(*p_)) return fail("invalid JSON: invalid number");
    if (*p_ == '0') {
      ++p_;
    } else {
      while (p_ < end_ && is_digit(*p_)) ++p_;
    }
    if (p_ < end_ && *p_ == '.') {
      ++p_;
      if (p_ == end_ || !is_digit(*p_)) return fail("invalid JSON: invalid number");
      while (p_ < end_ && is_digit(*p_)) ++p_;
    }
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || !is_digit(*p_)) return fail("invalid JSON: invalid number");
      while (p_ < end_ && is_digit(*p_)) ++p_;
    }
    if (p_ < end_ && (is_digit(*p_) || *p_ == '.' || (*p_ >= 'a' && *p_ <= 'z')))
      return fail("invalid JSON: invalid number");
    out = std::string_view(start, static_cast<std::size_t>(p_ - start));
    return true;
  }

  // A string at p_ (on its opening quote); a view of the line unless it has escapes.
  bool string(std::string_view& out) {
    const char* quote = p_;
    const char* start = ++p_;
    while (p_ < end_ && *p_ != '"' && *p_ != '\\' && static_cast<unsigned char>(*p_) >= 0x20) ++p_;
    if (p_ < end_ && *p_ == '"') {
      out = std::string_view(start, static_cast<std::size_t>(p_ - start));
      ++p_;
      return true;
    }
    if (scratch_.size() <= scratch_used_) scratch_.emplace_back();
    std::string& text = scratch_[scratch_used_++];
    text.assign(start, p_);
    for (;;) {
      if (p_ == end_) {
        p_ = quote;
        return fail("invalid JSON: unterminated string");
      }
      const char c = *p_;
      if (c == '"') break;
      if (static_cast<unsigned char>(c) < 0x20)
        return fail("invalid JSON: control character in a string");
      if (c != '\\') {
        text += c;
        ++p_;
        continue;
      }
      if (++p_ == end_) continue;  // reported as unterminated
      switch (*p_) {
        case '"':
          text += '"';
          break;
        case '\\':
          text += '\\';
          break;
        case '/':
          text += '/';
          break;
        case 'b':
          text += '\b';
          break;
        case 'f':
          text += '\f';
          break;
        case 'n':
          text += '\n';
          break;
        case 'r':
          text += '\r';
          break;
        case 't':
          text += '\t';
          break;
        case 'u': {
          --p_;
          unsigned code = 0;
          if (!hex4(code)) return false;
          if (code >= 0xD800 && code <= 0xDBFF) {
            unsigned low = 0;
            if (end_ - p_ < 3 || p_[1] != '\\' || p_[2] != 'u')
              return fail("invalid JSON: unpaired surrogate in \\u escape");
            ++p_;
            if (!hex4(low)) return false;
            if (low < 0xDC00 || low > 0xDFFF)
              return fail("invalid JSON: unpaired surrogate in \\u escape");
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
          } else if (code >= 0xDC00 && code <= 0xDFFF) {
            return fail("invalid JSON: unpaired surrogate in \\u escape");
          }
          append_utf8(text, code);
          break;
        }
        default:
          --p_;
          return fail("invalid JSON: invalid escape sequence");
      }
      ++p_;
    }
    ++p_;
    out = text;
    return true;
  }

  // p_ on the backslash of \uXXXX; leaves p_ on the last hex digit.
  bool hex4(unsigned& code) {
    if (end_ - p_ < 6) return fail("invalid JSON: invalid \\u escape");
    for (int i = 2; i < 6; ++i) {
      const char c = p_[i];
      unsigned digit;
      if (c >= '0' && c <= '9')
        digit = static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        digit = static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        digit = static_cast<unsigned>(c - 'A' + 10);
      else
        return fail("invalid JSON: invalid \\u escape");
      code = code * 16 + digit;
    }
    p_ += 5;
    return true;
  }

  const char* begin_ = nullptr;
  const char* p_ = nullptr;
  const char* end_ = nullptr;
  std::deque<std::string> scratch_;  // unescaped strings of this line; a deque keeps views valid
  std::size_t scratch_used_ = 0;
  std::string message_;
  int error_column_ = 0;
};

bool is_blank(std::string_view line) {
  for (char c : line)
    if (c != ' ' && c != '\t' && c != '\r') return false;
  return true;
}

// The row's meaning from its fields; an error for a field of the wrong type or a repeated key.
std::optional<RowError> event_row_of(const std::vector<JsonField>& fields, int line,
                                     EventRow& row) {
  row.case_id = row.event = row.date = row.recorded = Field{};
  row.attributes.clear();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const JsonField& f = fields[i];
    for (std::size_t j = 0; j < i; ++j)
      if (fields[j].key == f.key)
        return RowError{"key " + quote_value(f.key) + " appears twice", line, f.key_column};
    Field value{f.value, line, f.value_column, f.kind != Kind::null};
    if (f.kind == Kind::null) value.text = {};
    auto must_be = [&](const char* what) {
      return RowError{quote_value(f.key) + " must be " + what, line, f.value_column};
    };
    if (f.key == "case_id") {
      if (f.kind != Kind::string && f.kind != Kind::number && f.kind != Kind::null)
        return must_be("a string or a number");
      row.case_id = value;
    } else if (f.key == "event" || f.key == "date" || f.key == "recorded") {
      if (f.kind != Kind::string && f.kind != Kind::null) return must_be("a string");
      (f.key == "event" ? row.event : f.key == "date" ? row.date : row.recorded) = value;
    } else {
      if (f.kind == Kind::composite) return must_be("a string, a number or a boolean");
      if (f.kind != Kind::null) row.attributes.emplace_back(f.key, value.text);
    }
  }
  // A missing key is reported at the start of the line; a null one at its null.
  for (Field* field : {&row.case_id, &row.event, &row.date})
    if (field->line == 0) {
      field->line = line;
      field->column = 1;
    }
  return std::nullopt;
}

// A line past max_row_bytes: a bad row, never read whole into a JSON parser.
RowError too_long(int line_number) {
  return RowError{"line is longer than " + std::to_string(max_row_bytes >> 20) +
                      " MiB (the limit): not a JSON Lines file?",
                  line_number, 1};
}

}  // namespace

void read_json_lines_events(const std::filesystem::path& file, TimelineSink& sink,
                            ReadReport& report, const ReadOptions& options) {
  FileTally tally(file, report);
  BlockReader reader(file, options);
  if (!opened(reader, tally)) return;
  if (reader.unread().starts_with("\xEF\xBB\xBF")) reader.consume(3);
  LineParser parser;
  std::vector<JsonField> fields;
  EventRow row;
  for (int line_number = 1;; ++line_number) {
    std::string_view unread = reader.unread();
    const char* newline = static_cast<const char*>(std::memchr(unread.data(), '\n', unread.size()));
    if (newline && static_cast<std::size_t>(newline - unread.data()) > max_row_bytes) {
      tally.count_row();
      tally.reject(too_long(line_number), line_number,
                   std::string(unread.substr(0, 200)) + "…");
      reader.consume(static_cast<std::size_t>(newline - unread.data()) + 1);
      continue;
    }
    if (!newline && !reader.at_eof()) {
      if (unread.size() > max_row_bytes) {
        // A line past the limit is a bad row, skipped without reading it all into memory.
        tally.count_row();
        const std::string start = std::string(unread.substr(0, 200)) + "…";
        tally.reject(too_long(line_number), line_number, start);
        for (;;) {
          reader.consume(reader.unread().size());
          if (!reader.read_more()) break;
          const std::string_view more = reader.unread();
          if (const void* nl = std::memchr(more.data(), '\n', more.size())) {
            reader.consume(static_cast<std::size_t>(static_cast<const char*>(nl) - more.data()) + 1);
            break;
          }
        }
        continue;
      }
      reader.read_more();
      --line_number;
      continue;
    }
    if (unread.empty()) break;
    std::string_view line =
        newline ? unread.substr(0, static_cast<std::size_t>(newline - unread.data())) : unread;
    reader.consume(newline ? line.size() + 1 : line.size());
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (is_blank(line)) continue;
    tally.count_row();
    std::optional<RowError> error;
    if (!parser.parse(line, fields))
      error = RowError{parser.message(), line_number, parser.error_column()};
    else if (!(error = event_row_of(fields, line_number, row)))
      error = add_event_row(row, DataPosition{tally.file(), line_number, {}}, sink, options, report);
    if (error) tally.reject(*error, line_number, line);
  }
}

}  // namespace sources
}  // namespace duly
