// Explaining one case's obligations (see explain.hpp). The due-date working is the time stage's
// (explain_add_duration); this file picks, for each rule form, which date and duration the due
// date came from, and puts the pieces in words.
#include <duly/explain.hpp>

#include <duly/duration.hpp>

#include "engine/reports/output.hpp"

#include <algorithm>
#include <variant>

namespace duly {
namespace {

std::string types_text(const Policy& policy, const EventFilter& filter) {
  std::string text;
  for (std::size_t i = 0; i < filter.types.size(); ++i)
    text += (i ? " or " : "") + policy.event_types()[filter.types[i]].name;
  return text;
}

std::string plural(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// How the due date follows from the rule: the arithmetic when there is some, checked against the
// obligation's own due date (the evaluation's), which always wins.
std::string due_working(const Policy& policy, const Rule& rule, const Obligation& o) {
  const WorkingDayCalendar& calendar = policy.calendar();
  const bool counted = policy.count_trigger_day();
  const std::string plain = "due " + day_text(o.due);
  auto checked = [&](const DueDateWorking& working, const std::string& before) {
    return working.due == o.due ? before + working.text : plain;
  };
  return std::visit(
      [&](const auto& form) -> std::string {
        using Form = std::decay_t<decltype(form)>;
        if constexpr (std::is_same_v<Form, Deadline>) {
          return checked(explain_add_duration(o.trigger_date, form.within, calendar, counted), "") +
                 (form.or_earlier ? " (an earlier " + types_text(policy, form.target) + " counts too)"
                                  : "");
        } else if constexpr (std::is_same_v<Form, Recurrence>) {
          if (form.kind == Recurrence::Kind::count)
            return "due on " + day_text(o.due) + ", the " + std::to_string(form.every_count) +
                   "th " + types_text(policy, form.target) + " in a row counted from " +
                   day_text(o.trigger_date);
          // The interval in force: the one whose arithmetic gives the evaluation's due date.
          for (const Interval& interval : form.intervals) {
            const auto working = explain_add_duration(o.trigger_date, interval.every, calendar, counted);
            if (working.due == o.due) return working.text;
          }
          return plain;
        } else if constexpr (std::is_same_v<Form, Notice>) {
          if (form.before.amount == 0)
            return "due by the " + types_text(policy, form.trigger) + " itself, on " +
                   day_text(o.due);
          return checked(explain_subtract_duration(o.trigger_date, form.before, calendar), "");
        } else if constexpr (std::is_same_v<Form, Recording>) {
          return checked(explain_add_duration(o.trigger_date, form.within, calendar, counted),
                         "recorded within ");
        } else if constexpr (std::is_same_v<Form, Each>) {
          return "due on the day of the " + types_text(policy, form.target) + " itself, " +
                 day_text(o.due);
        } else {
          return "due by the next " +
                 types_text(policy, form.end ? *form.end : form.start) + ", on " + day_text(o.due);
        }
      },
      rule.form);
}

// The instance of the rule's period that the obligation belongs to: the one holding its trigger
// date, else its due date.
std::optional<PeriodInstance> instance_of(const Rule& rule, const Obligation& o,
                                          std::span<const PeriodInstance> periods) {
  if (!rule.during) return std::nullopt;
  auto holding = [&](Date day) -> std::optional<PeriodInstance> {
    for (const PeriodInstance& p : periods)
      if (p.period == *rule.during && day >= p.start && (!p.end || day <= *p.end)) return p;
    return std::nullopt;
  };
  if (auto p = holding(o.trigger_date)) return p;
  return holding(o.due);
}

std::optional<DataPlace> place_of(const Timeline& timeline, const EventLabel& label) {
  if (label.kind != EventLabel::Kind::event || label.event == no_event) return std::nullopt;
  const DataPosition at = timeline.position_of(timeline.events()[label.event]);
  if (at.file.empty()) return std::nullopt;
  return DataPlace{std::string(at.file), at.line, std::string(at.path)};
}

// The status in words, with the days that make it.
std::string why(const Obligation& o, Date as_of, const std::optional<PeriodInstance>& instance) {
  switch (o.status) {
    case Status::met:
      return "met: fulfilled on " + day_text(*o.fulfilled_date) +
             (*o.fulfilled_date == o.due
                  ? ", the due date"
                  : ", " + plural(o.due - *o.fulfilled_date, "day", "days") + " before the due date");
    case Status::late:
      return "late: fulfilled on " + day_text(*o.fulfilled_date) + ", " +
             plural(*o.days_late, "day", "days") + " after the due date";
    case Status::missed:
      return "missed: nothing fulfilled it, and the due date passed " +
             plural(as_of - o.due, "day", "days") + " before the as-of date";
    case Status::pending:
      return o.due == as_of ? "pending: due on the as-of date itself"
                            : "pending: due in " + plural(o.due - as_of, "day", "days");
    case Status::lapsed:
      return "lapsed: the period ended" +
             (instance && instance->end ? " on " + day_text(*instance->end) : std::string()) +
             ", before the due date, with nothing fulfilling it";
  }
  return {};
}

std::string place_text(const std::optional<DataPlace>& place) {
  if (!place) return {};
  std::string text = " (" + place->file + ":" + std::to_string(place->line);
  if (!place->path.empty()) text += ", " + place->path;
  return text + ")";
}

}  // namespace

CaseExplanation explain_case(const Policy& policy, const Timeline& timeline,
                             std::uint32_t case_index, Date as_of,
                             std::span<const Obligation> obligations,
                             std::span<const PeriodInstance> periods) {
  timeline.require_policy(policy);
  timeline.require_case(case_index);
  const Case& c = timeline.cases()[case_index];
  CaseExplanation out;
  out.case_id = std::string(c.id);
  out.date_of_birth = c.date_of_birth;
  for (const auto& column : timeline.case_columns())
    if (auto value = timeline.case_column(c, column)) out.attributes.emplace_back(column, *value);
  out.policy_name = policy.name();
  out.policy_file = policy.file();
  out.as_of = as_of;
  for (const Obligation& o : obligations) {
    if (o.case_index != case_index) continue;
    const Rule& rule = policy.rules()[o.rule_index];
    ObligationExplanation e;
    e.obligation = o;
    e.rule_id = rule.id;
    e.rule_name = rule.name;
    e.rule_position = rule.position;
    e.trigger = label_text(policy, o.trigger_event);
    e.trigger_place = place_of(timeline, o.trigger_event);
    e.due_working = due_working(policy, rule, o);
    if (rule.during) e.period = policy.periods()[*rule.during].name;
    e.instance = instance_of(rule, o, periods);
    e.fulfilled = label_text(policy, o.fulfilled_event);
    e.fulfilled_place = place_of(timeline, o.fulfilled_event);
    e.why = why(o, as_of, e.instance);
    out.obligations.push_back(std::move(e));
  }
  return out;
}

std::string render_explanation_text(const CaseExplanation& x) {
  std::string out = "case " + x.case_id;
  std::string details;
  if (x.date_of_birth) details = "born " + day_text(*x.date_of_birth);
  for (const auto& [name, value] : x.attributes)
    details += (details.empty() ? "" : ", ") + name + " " + value;
  if (!details.empty()) out += " (" + details + ")";
  out += "\npolicy " + x.policy_name + " (" + x.policy_file + "), as of " + day_text(x.as_of) + "\n";
  std::size_t counts[5] = {};
  for (const auto& e : x.obligations) ++counts[static_cast<int>(e.obligation.status)];
  out += plural(static_cast<int>(x.obligations.size()), "obligation", "obligations");
  const char* names[] = {"met", "late", "missed", "pending", "lapsed"};
  std::string tally;
  for (int s = 0; s < 5; ++s)
    if (counts[s]) tally += (tally.empty() ? "" : ", ") + std::to_string(counts[s]) + " " + names[s];
  out += tally.empty() ? "\n" : ": " + tally + "\n";
  for (const auto& e : x.obligations) {
    const Obligation& o = e.obligation;
    out += "\n" + e.rule_id + "  " + e.rule_name + "  (" + e.rule_position.file + ":" +
           std::to_string(e.rule_position.line) + ")\n";
    out += "  trigger    " + e.trigger + " on " + day_text(o.trigger_date) +
           place_text(e.trigger_place) + "\n";
    out += "  due        " + e.due_working + "\n";
    if (!e.period.empty()) {
      out += "  during     " + e.period;
      if (e.instance)
        out += " from " + day_text(e.instance->start) +
               (e.instance->end ? " to " + day_text(*e.instance->end) : ", still open");
      out += "\n";
    }
    out += "  fulfilled  " +
           (o.fulfilled_date ? e.fulfilled + " on " + day_text(*o.fulfilled_date) +
                                   place_text(e.fulfilled_place)
                             : std::string("nothing")) +
           "\n";
    out += "  status     " + e.why + "\n";
  }
  return out;
}

std::string render_explanation_json(const CaseExplanation& x) {
  using reports::json_string;
  auto date_or_null = [](const std::optional<Date>& d) {
    return d ? "\"" + to_iso_string(*d) + "\"" : std::string("null");
  };
  auto text_or_null = [](const std::string& t) { return t.empty() ? "null" : json_string(t); };
  auto place = [](const std::optional<DataPlace>& p) {
    if (!p) return std::string("null");
    return "{\"file\":" + json_string(p->file) + ",\"line\":" + std::to_string(p->line) +
           ",\"path\":" + (p->path.empty() ? "null" : json_string(p->path)) + "}";
  };
  std::string out = "{\"case_id\":" + json_string(x.case_id) +
                    ",\"date_of_birth\":" + date_or_null(x.date_of_birth) + ",\"attributes\":{";
  for (std::size_t i = 0; i < x.attributes.size(); ++i)
    out += (i ? "," : "") + json_string(x.attributes[i].first) + ":" +
           json_string(x.attributes[i].second);
  out += "},\"policy\":{\"name\":" + json_string(x.policy_name) +
         ",\"file\":" + json_string(x.policy_file) + "},\"as_of\":\"" + to_iso_string(x.as_of) +
         "\",\"obligations\":[";
  for (std::size_t i = 0; i < x.obligations.size(); ++i) {
    const auto& e = x.obligations[i];
    const Obligation& o = e.obligation;
    out += (i ? "," : "") + std::string("{\"rule\":") + json_string(e.rule_id) +
           ",\"rule_name\":" + json_string(e.rule_name) +
           ",\"rule_at\":{\"file\":" + json_string(e.rule_position.file) +
           ",\"line\":" + std::to_string(e.rule_position.line) + "}" +
           ",\"trigger_event\":" + text_or_null(e.trigger) + ",\"trigger_date\":\"" +
           to_iso_string(o.trigger_date) + "\",\"trigger_at\":" + place(e.trigger_place) +
           ",\"due\":\"" + to_iso_string(o.due) + "\",\"due_working\":" + json_string(e.due_working) +
           ",\"period\":";
    if (e.instance)
      out += "{\"name\":" + json_string(e.period) + ",\"start\":\"" +
             to_iso_string(e.instance->start) + "\",\"end\":" + date_or_null(e.instance->end) + "}";
    else
      out += e.period.empty() ? "null" : "{\"name\":" + json_string(e.period) + ",\"start\":null,\"end\":null}";
    out += ",\"fulfilled_event\":" + text_or_null(e.fulfilled) +
           ",\"fulfilled_date\":" + date_or_null(o.fulfilled_date) +
           ",\"fulfilled_at\":" + place(e.fulfilled_place) + ",\"status\":\"" +
           std::string(to_string(o.status)) + "\",\"days_late\":" +
           (o.days_late ? std::to_string(*o.days_late) : "null") + ",\"why\":" + json_string(e.why) +
           "}";
  }
  return out + "]}\n";
}

}  // namespace duly
