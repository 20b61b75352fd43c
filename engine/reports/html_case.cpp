// The picture of one case in an HTML report (see html.hpp): what happened to the child and what
// was due, on one time axis. A line for each period of the policy the case was in (a band per
// instance), a line of its events, and a line for each rule with obligations in the case, each
// obligation a marker at its due date whose shape says its status: a late one is labelled with
// its delay and drawn on to the day it was done, a missed one is labelled. Below it, the late and
// missed obligations as a table, for the exact dates.
#include "engine/reports/html.hpp"

#include "engine/reports/groups.hpp"
#include "engine/reports/text_cells.hpp"
#include "engine/time/civil_date.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace duly::reports::html {

CasePicture make_case_picture(const Timeline& timeline, std::uint32_t case_index,
                              std::span<const Obligation> obligations,
                              std::span<const PeriodInstance> periods, Date as_of,
                              std::span<const std::string> fact_columns) {
  const Case& c = timeline.cases()[case_index];
  CasePicture picture;
  picture.case_index = case_index;
  picture.id = std::string(c.id);
  for (const std::string& column : fact_columns) {
    if (column == "month") continue;
    const auto value = timeline.case_column(c, column);
    picture.facts.emplace_back(column, value ? std::string(*value) : std::string(no_value));
  }
  for (const Event& e : timeline.events_of(c))
    if (e.date <= as_of) picture.events.emplace_back(e.date, e.type);
  for (const PeriodInstance& p : periods)
    if (p.case_index == case_index) picture.periods.push_back(p);
  for (const Obligation& o : obligations) {
    if (o.case_index != case_index) continue;
    picture.obligations.push_back(o);
    if (o.status == Status::late) ++picture.late;
    if (o.status == Status::missed) ++picture.missed;
  }
  return picture;
}

namespace {

// The picture's frame, in the units of its viewBox: lane labels on the left, the time axis along
// the top, then the lanes.
constexpr double width = 1000;
constexpr double plot_left = 250, plot_right = 985;
constexpr double axis_height = 26;
constexpr double lane_height = 22, rule_lane_height = 32;
// How many late and missed obligations a case's table lists; the picture shows them all.
constexpr std::size_t findings_rows_cap = 50;
// How much of a rule's name its lane's label shows (the tooltip and the table hold it whole).
constexpr std::size_t lane_name_width = 42;

constexpr std::array<std::string_view, 12> month_names = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Days to the picture's x coordinate. The last day of the range ends at plot_right.
struct TimeScale {
  Date first, last;
  double x(Date date) const {
    const double days = static_cast<double>(last - first + 1);
    return plot_left + (plot_right - plot_left) * static_cast<double>(date - first) / days;
  }
  double per_day() const {
    return (plot_right - plot_left) / static_cast<double>(last - first + 1);
  }
};

// From the earliest to the latest day the picture shows (the as-of date at least), with a little
// room on each side.
TimeScale scale_of(const CasePicture& picture, Date as_of) {
  Date first = as_of, last = as_of;
  auto take = [&](Date d) {
    first = std::min(first, d);
    last = std::max(last, d);
  };
  for (const auto& [date, type] : picture.events) take(date);
  for (const PeriodInstance& p : picture.periods) {
    take(p.start);
    if (p.end) take(*p.end);
  }
  for (const Obligation& o : picture.obligations) {
    take(o.trigger_date);
    take(o.due);
    if (o.fulfilled_date) take(*o.fulfilled_date);
  }
  const int room = std::max(3, (last - first) / 50);
  return {Date{first.days - room}, Date{last.days + room}};
}

// Ticks every `step` months, the smallest step whose labels have room: the month's name (with the
// year at each January and at the first label), or the year alone for steps of a year or more.
void time_axis(OutputBuffer& out, const TimeScale& scale, double lanes_bottom) {
  const double month_width = scale.per_day() * 30.44;
  int step = 1;
  for (int candidate : {1, 2, 3, 6, 12, 24, 60, 120}) {
    step = candidate;
    if (candidate * month_width >= (candidate >= 12 ? 40 : 60)) break;
  }
  const int first_month = month_number(scale.first) + 1, last_month = month_number(scale.last);
  bool first_label = true;
  for (int m = first_month; m <= last_month; ++m) {
    if (((m % step) + step) % step != 0) continue;
    const int year = m >= 0 ? m / 12 : (m - 11) / 12;
    const int month = m - year * 12;
    const double x = scale.x(civil::from_civil(year, month + 1, 1));
    svg_line(out, x, axis_height - 6, x, lanes_bottom, "stroke=\"#d6dbe1\"");
    std::string label;
    if (step >= 12) {
      label = std::to_string(year);
    } else {
      label = month_names[static_cast<std::size_t>(month)];
      if (month == 0 || first_label) label += " " + std::to_string(year);
    }
    first_label = false;
    svg_text(out, x + 3, axis_height - 10, "class=\"tick\"", label);
  }
  svg_line(out, plot_left, axis_height - 0.5, plot_right, axis_height - 0.5, "stroke=\"#1b1f24\"");
}

// A lane's label on the left: the name, and a short note after it in lighter text.
void lane_label(OutputBuffer& out, double y, std::string_view name, std::string_view note,
                std::string_view tooltip) {
  out.append("<text x=\"4\" y=\"");
  append_coordinate(out, y);
  out.append("\" class=\"lane\">");
  if (!tooltip.empty()) {
    out.append("<title>");
    append_escaped(out, tooltip);
    out.append("</title>");
  }
  append_escaped(out, name);
  if (!note.empty()) {
    out.append(" <tspan>");
    append_escaped(out, note);
    out.append("</tspan>");
  }
  out.append("</text>\n");
}

// The lines of a picture, top to bottom: one per period of the policy the case was in, the
// events, one per rule with obligations in the case (each in the policy's order).
struct Lane {
  enum class Kind : std::uint8_t { period, events, rule };
  Kind kind;
  std::size_t index;  // into Policy::periods() or Policy::rules()
  double top, height;
};

std::vector<Lane> lanes_of(const Policy& policy, const CasePicture& picture) {
  std::vector<bool> periods(policy.periods().size()), rules(policy.rules().size());
  for (const PeriodInstance& p : picture.periods) periods[p.period] = true;
  for (const Obligation& o : picture.obligations) rules[o.rule_index] = true;
  std::vector<Lane> lanes;
  double top = axis_height;
  auto add = [&](Lane::Kind kind, std::size_t index, double height) {
    lanes.push_back({kind, index, top, height});
    top += height;
  };
  for (std::size_t p = 0; p < periods.size(); ++p)
    if (periods[p]) add(Lane::Kind::period, p, lane_height);
  add(Lane::Kind::events, 0, lane_height);
  for (std::size_t r = 0; r < rules.size(); ++r)
    if (rules[r]) add(Lane::Kind::rule, r, rule_lane_height);
  return lanes;
}

// A period's instances in the case, a band each; one still open on the as-of date runs to it
// with a dashed edge.
void period_lane(OutputBuffer& out, const Policy& policy, const CasePicture& picture,
                 const TimeScale& scale, Date as_of, const Lane& lane) {
  const std::string& name = policy.periods()[lane.index].name;
  lane_label(out, lane.top + 15, name, "period", "");
  for (const PeriodInstance& instance : picture.periods) {
    if (instance.period != lane.index) continue;
    const Date end = instance.end.value_or(as_of);
    const double x = scale.x(instance.start);
    out.append("<g><title>");
    append_escaped(out, name);
    out.append(": ");
    out.date(instance.start);
    if (instance.end) {
      out.append(" to ");
      out.date(*instance.end);
    } else {
      out.append(" onwards, open on the as-of date");
    }
    out.append("</title>");
    svg_rect(out, x, lane.top + 4, std::max(2.0, scale.x(Date{end.days + 1}) - x), lane.height - 8,
             instance.end ? "class=\"band\"" : "class=\"band open\"");
    out.append("</g>\n");
  }
}

// The case's events as marks on one line, each with its date and type as a tooltip.
void event_lane(OutputBuffer& out, const Policy& policy, const CasePicture& picture,
                const TimeScale& scale, const Lane& lane) {
  lane_label(out, lane.top + 15, "events", std::to_string(picture.events.size()), "");
  for (const auto& [date, type] : picture.events) {
    const double x = scale.x(date) + scale.per_day() / 2;
    out.append("<g><title>");
    out.date(date);
    out.put(' ');
    append_escaped(out, policy.event_types()[type].name);
    out.append("</title>");
    svg_line(out, x, lane.top + 4, x, lane.top + lane.height - 4, "class=\"event\"");
    out.append("</g>\n");
  }
}

// The marker of an obligation at (x, y), by status: met a filled circle, late a filled triangle,
// missed a cross, pending an open circle, lapsed an open square.
void status_marker(OutputBuffer& out, Status status, double x, double y) {
  auto point = [&](double px, double py) {
    append_coordinate(out, px);
    out.put(',');
    append_coordinate(out, py);
    out.put(' ');
  };
  switch (status) {
    case Status::met:
      out.append("<circle cx=\"");
      append_coordinate(out, x);
      out.append("\" cy=\"");
      append_coordinate(out, y);
      out.append("\" r=\"3.6\" class=\"s-met\"/>");
      break;
    case Status::late:
      out.append("<polygon points=\"");
      point(x, y - 5.5);
      point(x + 5, y + 3.5);
      point(x - 5, y + 3.5);
      out.append("\" class=\"s-late\"/>");
      break;
    case Status::missed:
      out.append("<path d=\"M");
      point(x - 4.5, y - 4.5);
      out.append("L");
      point(x + 4.5, y + 4.5);
      out.append("M");
      point(x + 4.5, y - 4.5);
      out.append("L");
      point(x - 4.5, y + 4.5);
      out.append("\" class=\"s-missed\"/>");
      break;
    case Status::pending:
      out.append("<circle cx=\"");
      append_coordinate(out, x);
      out.append("\" cy=\"");
      append_coordinate(out, y);
      out.append("\" r=\"3.4\" class=\"s-open\"/>");
      break;
    case Status::lapsed:
      svg_rect(out, x - 3.2, y - 3.2, 6.4, 6.4, "class=\"s-open\"");
      break;
  }
}

// The text of a late obligation's label, and of its delay in the table.
std::string days_text(int days) { return std::to_string(days) + (days == 1 ? " day" : " days"); }

std::string short_label(const Obligation& o) {
  if (o.status == Status::missed) return "missed";
  return "late " + std::to_string(o.days_late.value_or(0)) + "d";
}

void obligation_tooltip(OutputBuffer& out, const Policy& policy, const Obligation& o) {
  out.append("<title>");
  append_escaped(out, policy.rules()[o.rule_index].id);
  out.put(' ');
  out.append(to_string(o.status));
  out.append(": due ");
  out.date(o.due);
  if (o.fulfilled_date) {
    out.append(", done ");
    out.date(*o.fulfilled_date);
  }
  if (o.days_late) {
    out.append(" (");
    out.append(days_text(*o.days_late));
    out.append(" late)");
  }
  const std::string trigger = label_text(policy, o.trigger_event);
  if (!trigger.empty()) {
    out.append("; from ");
    append_escaped(out, trigger);
    out.put(' ');
    out.date(o.trigger_date);
  }
  out.append("</title>");
}

// The obligations of one rule on one line: a thin line from each trigger to its due date, then
// the markers (late and missed drawn last, so nothing covers them), and a label above each late
// or missed marker that has room.
void obligation_marks(OutputBuffer& out, const Policy& policy, std::span<const Obligation> of_rule,
                      const TimeScale& scale, double top) {
  const double y = top + 22;
  out.append("<path class=\"window\" d=\"");
  for (const Obligation& o : of_rule) {
    out.put('M');
    append_coordinate(out, scale.x(o.trigger_date));
    out.put(' ');
    append_coordinate(out, y);
    out.put('H');
    append_coordinate(out, scale.x(o.due));
  }
  out.append("\"/>\n");
  for (int pass = 0; pass < 2; ++pass) {
    for (const Obligation& o : of_rule) {
      const bool finding = o.status == Status::late || o.status == Status::missed;
      if (finding != (pass == 1)) continue;
      const double x = scale.x(o.due) + scale.per_day() / 2;
      out.append("<g>");
      obligation_tooltip(out, policy, o);
      if (o.status == Status::late && o.fulfilled_date)
        svg_line(out, x, y, scale.x(*o.fulfilled_date) + scale.per_day() / 2, y, "class=\"delay\"");
      status_marker(out, o.status, x, y);
      out.append("</g>\n");
    }
  }
  double free_from = plot_left;
  for (const Obligation& o : of_rule) {
    if (o.status != Status::late && o.status != Status::missed) continue;
    const double x = scale.x(o.due) + scale.per_day() / 2 - 4;
    const std::string label = short_label(o);
    if (x < free_from) continue;
    svg_text(out, x, top + 11, "class=\"label\"", label);
    free_from = x + 5.6 * static_cast<double>(label.size()) + 6;
  }
}

std::string findings_note(std::size_t late, std::size_t missed) {
  std::string note;
  if (late > 0) note = std::to_string(late) + " late";
  if (missed > 0) note += (note.empty() ? "" : ", ") + std::to_string(missed) + " missed";
  return note;
}

// A rule's obligations in the case, labelled with the rule's id and its late and missed count.
void rule_lane(OutputBuffer& out, const Policy& policy, const CasePicture& picture,
               const TimeScale& scale, const Lane& lane, std::vector<Obligation>& of_rule) {
  of_rule.clear();
  std::size_t late = 0, missed = 0;
  for (const Obligation& o : picture.obligations) {
    if (o.rule_index != lane.index) continue;
    of_rule.push_back(o);
    late += o.status == Status::late;
    missed += o.status == Status::missed;
  }
  const Rule& rule = policy.rules()[lane.index];
  lane_label(out, lane.top + 14, rule.id, findings_note(late, missed), rule.name);
  svg_text(out, 4, lane.top + 27, "class=\"name\"", fit_name(rule.name, lane_name_width));
  obligation_marks(out, policy, of_rule, scale, lane.top);
}

// The late and missed obligations of the case, one row each, in report order.
void findings_table(OutputBuffer& out, const Policy& policy, const CasePicture& picture) {
  const std::size_t findings = picture.late + picture.missed;
  out.append("<details><summary>");
  out.append(std::to_string(findings));
  out.append(findings == 1 ? " late or missed obligation" : " late and missed obligations");
  out.append("</summary>\n");
  out.append(
      "<table>\n<thead><tr><th scope=\"col\">rule</th><th scope=\"col\">name</th>"
      "<th scope=\"col\">from</th><th class=\"n\" scope=\"col\">due</th>"
      "<th class=\"n\" scope=\"col\">done</th><th scope=\"col\">status</th>"
      "<th class=\"n\" scope=\"col\">late by</th></tr></thead>\n<tbody>\n");
  std::size_t rows = 0;
  for (const Obligation& o : picture.obligations) {
    if (o.status != Status::late && o.status != Status::missed) continue;
    if (rows++ == findings_rows_cap) {
      out.append("<tr><td colspan=\"7\">… and ");
      out.append(std::to_string(findings - findings_rows_cap));
      out.append(" more (<code>--format csv</code> lists every obligation)</td></tr>\n");
      break;
    }
    const Rule& rule = policy.rules()[o.rule_index];
    out.append("<tr><td class=\"id\">");
    append_escaped(out, rule.id);
    out.append("</td><td>");
    append_escaped(out, rule.name);
    out.append("</td><td>");
    append_escaped(out, label_text(policy, o.trigger_event));
    out.put(' ');
    out.date(o.trigger_date);
    out.append("</td><td class=\"n\">");
    out.date(o.due);
    out.append("</td><td class=\"n\">");
    if (o.fulfilled_date) out.date(*o.fulfilled_date);
    out.append("</td><td>");
    out.append(to_string(o.status));
    out.append("</td><td class=\"n\">");
    if (o.days_late) out.append(days_text(*o.days_late));
    out.append("</td></tr>\n");
    out.row_done();
  }
  out.append("</tbody>\n</table>\n</details>\n");
}

}  // namespace

void case_picture(OutputBuffer& out, const Policy& policy, const CasePicture& picture, Date as_of,
                  std::string_view anchor) {
  out.append("<section class=\"case\" id=\"");
  out.append(anchor);
  out.append("\">\n<h3>");
  append_escaped(out, picture.id);
  out.append(" <span class=\"muted\">");
  for (const auto& [column, value] : picture.facts) {
    append_escaped(out, column);
    out.put(' ');
    append_escaped(out, value);
    out.append(" · ");
  }
  out.append(findings_note(picture.late, picture.missed));
  out.append("</span></h3>\n");

  const TimeScale scale = scale_of(picture, as_of);
  const std::vector<Lane> lanes = lanes_of(policy, picture);
  const double lanes_bottom = lanes.back().top + lanes.back().height;
  const double height = lanes_bottom + 16;
  out.append("<svg viewBox=\"0 0 ");
  append_coordinate(out, width);
  out.put(' ');
  append_coordinate(out, height);
  out.append("\" role=\"img\" aria-label=\"Timeline of case ");
  append_escaped(out, picture.id);
  out.append("\">\n");
  // Shading first, then the axis's lines over it, then what each line holds over both.
  for (std::size_t i = 0; i < lanes.size(); i += 2) {
    svg_rect(out, 0, lanes[i].top, width, lanes[i].height, "fill=\"#f4f6f8\"");
    out.put('\n');
  }
  time_axis(out, scale, lanes_bottom);
  std::vector<Obligation> of_rule;
  for (const Lane& lane : lanes) {
    switch (lane.kind) {
      case Lane::Kind::period:
        period_lane(out, policy, picture, scale, as_of, lane);
        break;
      case Lane::Kind::events:
        event_lane(out, policy, picture, scale, lane);
        break;
      case Lane::Kind::rule:
        rule_lane(out, policy, picture, scale, lane, of_rule);
        break;
    }
  }
  const double x = scale.x(as_of) + scale.per_day() / 2;
  svg_line(out, x, axis_height, x, lanes_bottom, "stroke=\"#1b1f24\" stroke-dasharray=\"4 3\"");
  svg_text(out, x, height - 3, "text-anchor=\"middle\" class=\"tick\"",
           "as of " + to_iso_string(as_of));
  out.append("</svg>\n");
  findings_table(out, policy, picture);
  out.append("</section>\n");
  out.row_done();
}

void case_legend(OutputBuffer& out) {
  auto swatch = [&](std::string_view drawing, std::string_view text) {
    out.append(
        "<span><svg width=\"16\" height=\"14\" viewBox=\"-8 -7 16 14\" aria-hidden=\"true\">");
    out.append(drawing);
    out.append("</svg>");
    out.append(text);
    out.append("</span>");
  };
  out.append("<div class=\"legend\" aria-label=\"key to the case timelines\">");
  swatch("<circle r=\"3.6\" class=\"s-met\"/>", "met");
  swatch("<polygon points=\"0,-5.5 5,3.5 -5,3.5\" class=\"s-late\"/>",
         "late (the bar runs on to the day it was done)");
  swatch("<path d=\"M-4.5,-4.5L4.5,4.5M4.5,-4.5L-4.5,4.5\" class=\"s-missed\"/>", "missed");
  swatch("<circle r=\"3.4\" class=\"s-open\"/>", "pending");
  swatch("<rect x=\"-3.2\" y=\"-3.2\" width=\"6.4\" height=\"6.4\" class=\"s-open\"/>", "lapsed");
  swatch("<rect x=\"-7\" y=\"-4\" width=\"14\" height=\"8\" class=\"band\"/>",
         "a period (dashed: open on the as-of date)");
  swatch("<line x1=\"0\" y1=\"-5\" x2=\"0\" y2=\"5\" class=\"event\"/>", "an event");
  out.append(
      "<span class=\"muted\">Markers stand at due dates; a thin line joins each to what "
      "started it.</span></div>\n");
}

}  // namespace duly::reports::html
