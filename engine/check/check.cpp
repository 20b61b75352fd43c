// What every part of the checking pass shares: the collector of diagnostics (which captures the
// text of the line, so a message can be printed long after the file is gone), look-ups in the
// vocabulary, and the way names are quoted in messages.
#include "engine/check/check.hpp"
#include "engine/check/index_of_name.hpp"

#include <duly/limits.hpp>

#include <algorithm>

namespace duly::check {

const SourceFile* Sources::find(const std::string& path) const {
  for (const auto& file : files)
    if (file.path == path) return &file;
  return nullptr;
}

namespace {
Diagnostic make(Severity severity, const SourcePosition& at, int width, std::string message) {
  Diagnostic d;
  d.severity = severity;
  d.position = at;
  d.message = std::move(message);
  d.caret_width = std::max(1, width);
  return d;
}
}  // namespace

void Reporter::error(const SourcePosition& at, int width, std::string message) {
  add(make(Severity::error, at, width, std::move(message)));
}

void Reporter::warning(const SourcePosition& at, int width, std::string message) {
  add(make(Severity::warning, at, width, std::move(message)));
}

void Reporter::unknown_name(const SourcePosition& at, int width, std::string message) {
  if (!names_incomplete_) error(at, width, std::move(message));
}

void Reporter::add(Diagnostic diagnostic) {
  if (diagnostic.source_line.empty() && diagnostic.position.line > 0) {
    if (const SourceFile* file = sources_.find(diagnostic.position.file)) {
      if (diagnostic.position.line <= file->text.line_count())
        diagnostic.source_line = file->text.line(diagnostic.position.line);
    }
  }
  if (diagnostic.severity == Severity::error && ++errors_ > static_cast<int>(max_policy_errors)) {
    ++errors_not_kept_;
    return;
  }
  // Positions from the parser and the syntax tree count bytes; messages count characters.
  diagnostics_.push_back(with_character_columns(std::move(diagnostic)));
}

std::vector<Diagnostic> Reporter::sorted() const {
  // File order is the order the policy read its files (the top-level file first); a message
  // about no file in particular (an unreadable top-level file) comes first.
  auto file_rank = [this](const std::string& path) -> std::size_t {
    for (std::size_t i = 0; i < sources_.files.size(); ++i)
      if (sources_.files[i].path == path) return i + 1;
    return 0;
  };
  std::vector<Diagnostic> out = diagnostics_;
  std::stable_sort(out.begin(), out.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    auto ka = std::make_tuple(file_rank(a.position.file), a.position.line, a.position.column);
    auto kb = std::make_tuple(file_rank(b.position.file), b.position.line, b.position.column);
    return ka < kb;
  });
  // An error at the very place of an earlier one follows from it (a name unknown because its
  // declaration was wrong, the rule's next check of the same word): the first says what is wrong.
  std::vector<Diagnostic> kept;
  for (auto& d : out) {
    const bool repeat = !kept.empty() && d.severity == Severity::error &&
                        kept.back().severity == Severity::error && d.position.line > 0 &&
                        kept.back().position.file == d.position.file &&
                        kept.back().position.line == d.position.line &&
                        kept.back().position.column == d.position.column;
    if (!repeat) kept.push_back(std::move(d));
  }
  if (errors_not_kept_ > 0)
    kept.push_back({Severity::error, SourcePosition{sources_.files.empty() ? "" : sources_.files[0].path, 0, 0},
                    std::to_string(errors_not_kept_) + " more errors not kept (a load keeps at most " +
                        std::to_string(max_policy_errors) + ")",
                    "", 1});
  return kept;
}

std::optional<EventTypeId> Vocabulary::find_event(std::string_view name) const {
  return index_of_name(event_types, name, [](const EventType& e) { return e.name; });
}

std::optional<AttributeId> Vocabulary::find_attribute(std::string_view name) const {
  return index_of_name(attribute_names, name, [](const std::string& a) { return a; });
}

std::optional<CaseAttributeId> Vocabulary::find_case_attribute(std::string_view name) const {
  return index_of_name(case_attributes, name, [](const CaseAttribute& a) { return a.name; });
}

std::optional<PeriodId> Vocabulary::find_period(std::string_view name) const {
  return index_of_name(period_names, name, [](const std::string& p) { return p; });
}

bool Vocabulary::declares(EventTypeId type, AttributeId attribute) const {
  const auto& list = event_types[type].attributes;
  return std::find(list.begin(), list.end(), attribute) != list.end();
}

std::vector<std::string> Vocabulary::event_names() const {
  std::vector<std::string> names;
  for (const auto& e : event_types) names.push_back(e.name);
  return names;
}

std::vector<std::string> Vocabulary::case_attribute_names() const {
  std::vector<std::string> names;
  for (const auto& a : case_attributes) names.push_back(a.name);
  return names;
}

std::vector<std::string> Vocabulary::attributes_of(const std::vector<EventTypeId>& types) const {
  std::vector<std::string> names;
  for (EventTypeId type : types)
    for (AttributeId a : event_types[type].attributes) names.push_back(attribute_names[a]);
  return names;
}

std::string backquoted(std::string_view name) { return "`" + std::string(name) + "`"; }

std::string suggestion(const std::string& name, const std::vector<std::string>& candidates) {
  std::string best = closest_name(name, candidates);
  return best.empty() ? "" : "; did you mean " + backquoted(best) + "?";
}

std::string where(const SourcePosition& position) {
  return position.file + ":" + std::to_string(position.line) + ":" +
         std::to_string(position.column);
}

int width_of(const syntax::Name& name) { return static_cast<int>(name.text.size()); }

int width_of(const syntax::Value& value) { return static_cast<int>(spelling(value).size()); }

std::string spelling(const syntax::Value& value) {
  if (value.kind == syntax::Value::Kind::string) return "\"" + value.text + "\"";
  return value.text;
}

}  // namespace duly::check
