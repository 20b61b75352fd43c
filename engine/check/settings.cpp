// The settings of the whole policy: its name, its calendar (with local closure days) and its
// counting convention. They belong to the top-level file; where it says nothing, the included
// files' settings apply, and included files that disagree about the calendar are an error.
// With no calendar anywhere the policy uses `england_and_wales`.
#include "engine/check/check.hpp"

#include <algorithm>

namespace duly::check {

namespace {

struct CalendarChoice {
  const syntax::CalendarDecl* decl = nullptr;
  SourcePosition position;
  std::vector<Date> extra_days;
};

std::string describe(const syntax::CalendarDecl& decl) {
  std::string text = backquoted(decl.calendar.text);
  if (!decl.extra_days.empty()) {
    text += " plus ";
    for (std::size_t i = 0; i < decl.extra_days.size(); ++i)
      text += (i ? ", " : "") + decl.extra_days[i].text;
  }
  return text;
}

// The calendar's name must be registered and every closure day a real date.
std::optional<CalendarChoice> check_calendar(const syntax::CalendarDecl& decl,
                                             const CalendarRegistry& calendars,
                                             Reporter& reporter) {
  bool ok = true;
  if (!calendars.find(decl.calendar.text)) {
    reporter.error(decl.calendar.position, width_of(decl.calendar),
                   "unknown calendar " + backquoted(decl.calendar.text) +
                       suggestion(decl.calendar.text, calendars.names()));
    ok = false;
  }
  CalendarChoice choice{&decl, decl.calendar.position, {}};
  for (const auto& day : decl.extra_days) {
    auto date = parse_iso_date(day.text);
    if (day.kind != syntax::Value::Kind::date && !date) {
      reporter.error(
          day.position, width_of(day),
          "a closure day must be a date written YYYY-MM-DD, not " + backquoted(spelling(day)));
      ok = false;
    } else if (!date) {
      reporter.error(day.position, width_of(day), backquoted(day.text) + " is not a real date");
      ok = false;
    } else {
      choice.extra_days.push_back(*date);
    }
  }
  std::sort(choice.extra_days.begin(), choice.extra_days.end());
  choice.extra_days.erase(std::unique(choice.extra_days.begin(), choice.extra_days.end()),
                          choice.extra_days.end());
  if (!ok) return std::nullopt;
  return choice;
}

struct CalendarConflict {
  const syntax::CalendarDecl* decl;
  const syntax::CalendarDecl* first;
  SourcePosition first_position;
};

bool same_calendar(const CalendarChoice& a, const CalendarChoice& b) {
  return a.decl->calendar.text == b.decl->calendar.text && a.extra_days == b.extra_days;
}

}  // namespace

Settings read_settings(const Sources& sources, const CalendarRegistry& calendars,
                       Reporter& reporter) {
  Settings settings;
  const std::string* top_name = nullptr;
  const std::string* first_name = nullptr;
  std::optional<CalendarChoice> top_calendar, included_calendar;
  bool calendar_failed = false;
  bool top_counts = false, included_counts = false;
  std::vector<CalendarConflict> conflicts;

  for (const auto& [item, file] : sources.items) {
    const bool top = file == 0;
    if (const auto* name = std::get_if<syntax::PolicyName>(&item->kind)) {
      if (top && !top_name) top_name = &name->name;
      if (!first_name) first_name = &name->name;
    } else if (const auto* decl = std::get_if<syntax::CalendarDecl>(&item->kind)) {
      auto choice = check_calendar(*decl, calendars, reporter);
      if (!choice) {
        calendar_failed = true;
        continue;
      }
      auto& slot = top ? top_calendar : included_calendar;
      if (!slot) {
        slot = choice;
      } else if (!same_calendar(*slot, *choice)) {
        // Two different calendars in the top-level file, or in included files with nothing in
        // the top-level file to settle it (checked below, once the top-level file is known).
        if (top) {
          reporter.error(decl->calendar.position, width_of(decl->calendar),
                         "the calendar is already " + describe(*slot->decl) + " (at " +
                             where(slot->position) + ")");
          calendar_failed = true;
        } else {
          conflicts.push_back({decl, slot->decl, slot->position});
        }
      }
    } else if (std::holds_alternative<syntax::CountTriggerDay>(item->kind)) {
      (top ? top_counts : included_counts) = true;
    }
  }

  if (!top_calendar) {
    for (const auto& conflict : conflicts)
      reporter.error(conflict.decl->calendar.position, width_of(conflict.decl->calendar),
                     "included files disagree about the calendar: " + describe(*conflict.decl) +
                         " here, " + describe(*conflict.first) + " at " +
                         where(conflict.first_position) + "; say which in the top-level file");
    if (!conflicts.empty()) calendar_failed = true;
  }

  if (top_name)
    settings.name = *top_name;
  else if (first_name)
    settings.name = *first_name;
  else if (!sources.files.empty())
    settings.name = std::filesystem::path(sources.files.front().path).stem().string();

  // Only `count the trigger day` can be written, never its opposite, so files cannot disagree
  // about it: any file of the policy that says it makes it so.
  settings.count_trigger_day = top_counts || included_counts;

  if (!calendar_failed) {
    const auto& chosen = top_calendar ? top_calendar : included_calendar;
    std::string name = chosen ? chosen->decl->calendar.text : "england_and_wales";
    std::vector<Date> extra = chosen ? chosen->extra_days : std::vector<Date>{};
    if (auto holidays = calendars.find(name))
      settings.calendar = WorkingDayCalendar::shared(name, holidays, extra);
    else
      reporter.error({sources.files.empty() ? "" : sources.files.front().path, 1, 1}, 1,
                     "the calendar " + backquoted(name) + " is not registered");
  }
  return settings;
}

}  // namespace duly::check
