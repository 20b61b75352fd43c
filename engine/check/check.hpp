// The checking pass, shared between its parts: the files of one policy (read and parsed once,
// in the order the policy reads them), the collector of diagnostics, and the vocabulary of
// declared names that every later pass resolves against. Each pass lives in its own file:
// includes.cpp, declarations.cpp, settings.cpp, conditions.cpp, filters.cpp, periods.cpp,
// rules.cpp, indicators.cpp, usage.cpp; engine/check/load.cpp runs them in that order.
#pragma once

#include <duly/calendar.hpp>
#include <duly/diagnostic.hpp>
#include <duly/policy.hpp>

#include "engine/diagnostics/source_text.hpp"
#include "grammar/syntax_tree.hpp"

#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duly::check {

// One policy file, read once.
struct SourceFile {
  std::string path;           // as shown in messages: relative paths stay relative
  std::filesystem::path key;  // absolute and normal: the same file reached two ways is one file
  SourceText text;            // for the line under a message's caret
  syntax::File tree;
};

// One item of the whole policy, in the order the policy reads it: an included file's items
// stand where its `include` is, so "defined before" means earlier in this order.
struct PolicyItem {
  const syntax::Item* item = nullptr;
  std::size_t file = 0;  // index into Sources::files
};

struct Sources {
  std::deque<SourceFile> files;  // the top-level file first, then in the order first read
  std::vector<PolicyItem> items;

  const SourceFile* find(const std::string& path) const;
};

// Collects errors and warnings with the text of their line, and gives them back in file order,
// then line order.
class Reporter {
 public:
  explicit Reporter(const Sources& sources) : sources_(sources) {}

  void error(const SourcePosition& at, int width, std::string message);
  void warning(const SourcePosition& at, int width, std::string message);
  void add(Diagnostic diagnostic);  // one made elsewhere (the parser's)
  // An unknown name, or an override of an unknown rule: not reported when an included file
  // could not be read, since that file may have declared it (its error says what is wrong).
  void unknown_name(const SourcePosition& at, int width, std::string message);
  void names_incomplete() { names_incomplete_ = true; }
  bool has_errors() const { return errors_ > 0; }
  int error_count() const { return errors_; }
  std::vector<Diagnostic> sorted() const;

 private:
  const Sources& sources_;
  std::vector<Diagnostic> diagnostics_;
  int errors_ = 0;
  std::size_t errors_not_kept_ = 0;  // past max_policy_errors: counted, not kept
  bool names_incomplete_ = false;
};

// Every declared name, by kind, with ids in declaration order (the policy's order).
struct Vocabulary {
  std::vector<EventType> event_types;
  // Every declaration of each event type, for the unused-name warning (a type may be
  // declared identically in two files).
  std::vector<std::vector<SourcePosition>> event_declarations;
  std::vector<std::string> attribute_names;
  std::vector<CaseAttribute> case_attributes;
  std::vector<std::string> period_names;
  std::vector<std::vector<SourcePosition>> period_declarations;
  std::vector<const syntax::PeriodDecl*> period_decls;  // the first declaration of each

  std::optional<EventTypeId> find_event(std::string_view name) const;
  std::optional<AttributeId> find_attribute(std::string_view name) const;
  std::optional<CaseAttributeId> find_case_attribute(std::string_view name) const;
  std::optional<PeriodId> find_period(std::string_view name) const;
  bool declares(EventTypeId type, AttributeId attribute) const;

  std::vector<std::string> event_names() const;
  std::vector<std::string> case_attribute_names() const;
  std::vector<std::string> attributes_of(const std::vector<EventTypeId>& types) const;
};

// The settings that belong to the top-level file.
struct Settings {
  std::string name;
  std::shared_ptr<const WorkingDayCalendar> calendar;  // null after an error
  bool count_trigger_day = false;
};

// `name` in backquotes, as every message writes names.
std::string backquoted(std::string_view name);
// "; did you mean `x`?" or "".
std::string suggestion(const std::string& name, const std::vector<std::string>& candidates);
// "tests/a.policy:3:7", for messages that point at a second place.
std::string where(const SourcePosition& position);
int width_of(const syntax::Name& name);
int width_of(const syntax::Value& value);
// The value as written, for messages: "s47" in quotes, numbers and dates as they are.
std::string spelling(const syntax::Value& value);

// --- the passes, in the order load_policy runs them ---

// Reads a policy file's text; nothing when it cannot be read. Null: the file system. The
// loader hands in its host's hook (LoadOptions::read_file), so checking never sees the options.
using ReadFile = std::function<std::optional<std::string>(const std::filesystem::path&)>;

// includes.cpp: reads the top-level file (from `text` when given) and every file it includes,
// once each, reporting missing files, include cycles and the parser's diagnostics.
void read_sources(const std::filesystem::path& top, const std::optional<std::string>& text,
                  const ReadFile& read_file, Sources& sources, Reporter& reporter);

// declarations.cpp: events, their attributes, case attributes and period names.
Vocabulary collect_declarations(const Sources& sources, Reporter& reporter);

// settings.cpp: the policy's name, calendar and counting convention.
Settings read_settings(const Sources& sources, const CalendarRegistry& calendars,
                       Reporter& reporter);

// conditions.cpp: resolves a condition's names and checks its types. In an event scope (`where`,
// `requires`) a bare name is an attribute of the events in `event_types`, else a case
// attribute; in a state scope (`when`) it is a case attribute. Nothing after an error.
struct ConditionScope {
  bool of_events = false;
  std::vector<EventTypeId> event_types;  // of_events: the types every name must belong to
};
std::optional<Condition> resolve_condition(const syntax::Condition& condition,
                                           const ConditionScope& scope,
                                           const Vocabulary& vocabulary, Reporter& reporter);
Literal make_literal(const syntax::Value& value);

// filters.cpp: event references, triggers and durations.
std::optional<EventFilter> resolve_filter(const syntax::EventRef& ref, const Vocabulary& vocabulary,
                                          Reporter& reporter);
std::optional<Trigger> resolve_trigger(const syntax::Trigger& trigger, const Vocabulary& vocabulary,
                                       Reporter& reporter);
std::optional<Duration> resolve_duration(const syntax::Duration& duration, Reporter& reporter);

// periods.cpp: the body of every declared period.
std::vector<Period> build_periods(const Vocabulary& vocabulary, Reporter& reporter);

// rules.cpp: every rule, with overrides and drops applied, in the policy's order; the ids that
// `drop rule` removed go into `dropped` (sorted).
std::vector<Rule> build_rules(const Sources& sources, const Vocabulary& vocabulary,
                              Reporter& reporter, std::vector<std::string>& dropped);

// indicators.cpp: every indicator, in the policy's order; ids are shared with rules.
std::vector<Indicator> build_indicators(const Sources& sources, const Vocabulary& vocabulary,
                                        Reporter& reporter);

// usage.cpp: warnings for events and periods declared in `linted_file` and used nowhere.
void warn_unused(const Vocabulary& vocabulary, const std::vector<Period>& periods,
                 const std::vector<Rule>& rules, const std::vector<Indicator>& indicators,
                 const std::string& linted_file, Reporter& reporter);

}  // namespace duly::check
