// The drawings of an HTML report (see html.hpp): the SVG elements they are made of, and the chart
// of compliance month by month. Each month is a bar of its met, late and missed obligations as
// shares of the whole, so the top of the met part is that month's compliance and every bar is on
// the same scale however many obligations fell due that month (the count is written above the bar
// when there is room, and is in each bar's tooltip).
#include "engine/reports/html.hpp"

#include "engine/time/civil_date.hpp"

#include <cstdio>

namespace duly::reports::html {

int month_number(Date date) {
  const YearMonthDay ymd = civil::to_civil(date);
  return ymd.year * 12 + static_cast<int>(ymd.month) - 1;
}

namespace {

int floor_div(int a, int b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

int year_of(int month) { return floor_div(month, 12); }
int month_of_year(int month) { return month - year_of(month) * 12; }  // 0 for January

// A chart's frame, in the units of its viewBox: the plot from left to right and top to bottom,
// the axes' labels around it. Text keeps its size whatever the width, so a wide chart is a
// longer axis, not a larger drawing.
struct Frame {
  double width, height, left, right, top, bottom;
};

Frame frame_of(ChartSize size) {
  if (size == ChartSize::wide) return {1100, 168, 40, 1090, 18, 128};
  return {360, 146, 34, 352, 16, 108};
}

// A count in few characters, for the row above the bars: 950, 1.2k, 12k, 1.3M.
std::string short_count(std::size_t n) {
  if (n < 1000) return std::to_string(n);
  if (n < 10000) return std::to_string(n / 1000) + "." + std::to_string(n % 1000 / 100) + "k";
  if (n < 1000000) return std::to_string(n / 1000) + "k";
  return std::to_string(n / 1000000) + "." + std::to_string(n % 1000000 / 100000) + "M";
}

// One month's bar: met at the bottom, then late, then missed, with its figures as a tooltip.
void month_bar(OutputBuffer& out, const Frame& f, const MonthCounts& month, double x,
               double bar_width) {
  const StatusCounts& c = month.counts;
  const double whole = static_cast<double>(c.counted());
  out.append("<g><title>");
  out.append(month_text(month.month));
  out.append(": ");
  out.append(compliance_text(c));
  out.append(" met; met ");
  out.append(grouped(c.met));
  out.append(", late ");
  out.append(grouped(c.late));
  out.append(", missed ");
  out.append(grouped(c.missed));
  out.append("</title>");
  double y = f.bottom;
  const std::pair<std::size_t, std::string_view> parts[] = {
      {c.met, "fill=\"#1d6a96\""},
      {c.late, "fill=\"url(#fill-late)\""},
      {c.missed, "fill=\"url(#fill-missed)\""}};
  for (const auto& [count, fill] : parts) {
    if (count == 0) continue;
    const double h = (f.bottom - f.top) * static_cast<double>(count) / whole;
    svg_rect(out, x, y - h, bar_width, h, fill);
    y -= h;
  }
  out.append("</g>\n");
}

constexpr std::string_view month_letters = "JFMAMJJASOND";

// Years along the foot, at each January (and the first month), every `step` years so that the
// labels do not run into each other; month initials above them when each month has room.
void month_axis(OutputBuffer& out, const Frame& f, int first, int last, double slot) {
  const bool letters = slot >= 11;
  const double year_y = f.bottom + (letters ? 26 : 15);
  if (letters)
    for (int m = first; m <= last; ++m)
      svg_text(out, f.left + (m - first + 0.5) * slot, f.bottom + 12,
               "text-anchor=\"middle\" class=\"tick\"",
               month_letters.substr(static_cast<std::size_t>(month_of_year(m)), 1));
  const double year_width = 12 * slot;
  const int step = year_width >= 30 ? 1 : year_width >= 15 ? 2 : year_width >= 6 ? 5 : 10;
  for (int m = first; m <= last; ++m) {
    const bool january = month_of_year(m) == 0;
    if (!january && m != first) continue;
    const double x = f.left + (m - first) * slot;
    svg_line(out, x, f.bottom, x, f.bottom + (letters ? 16 : 5), "stroke=\"#1b1f24\"");
    // The first month's year is written only when its January is far enough away.
    if (!january && (12 - month_of_year(m)) * slot < 28) continue;
    if (year_of(m) % step != 0 && m != first) continue;
    svg_text(out, x + 2, year_y, "class=\"tick\"", std::to_string(year_of(m)));
  }
}

}  // namespace

namespace {

void attributes(OutputBuffer& out, std::string_view more) {
  if (more.empty()) return;
  out.put(' ');
  out.append(more);
}

}  // namespace

void svg_rect(OutputBuffer& out, double x, double y, double w, double h, std::string_view more) {
  out.append("<rect x=\"");
  append_coordinate(out, x);
  out.append("\" y=\"");
  append_coordinate(out, y);
  out.append("\" width=\"");
  append_coordinate(out, w);
  out.append("\" height=\"");
  append_coordinate(out, h);
  out.put('"');
  attributes(out, more);
  out.append("/>");
}

void svg_line(OutputBuffer& out, double x1, double y1, double x2, double y2,
              std::string_view more) {
  out.append("<line x1=\"");
  append_coordinate(out, x1);
  out.append("\" y1=\"");
  append_coordinate(out, y1);
  out.append("\" x2=\"");
  append_coordinate(out, x2);
  out.append("\" y2=\"");
  append_coordinate(out, y2);
  out.put('"');
  attributes(out, more);
  out.append("/>\n");
}

void svg_text(OutputBuffer& out, double x, double y, std::string_view more,
              std::string_view content) {
  out.append("<text x=\"");
  append_coordinate(out, x);
  out.append("\" y=\"");
  append_coordinate(out, y);
  out.put('"');
  attributes(out, more);
  out.put('>');
  append_escaped(out, content);
  out.append("</text>\n");
}

std::string month_text(int month) {
  char text[24];
  std::snprintf(text, sizeof text, "%04d-%02d", year_of(month), month_of_year(month) + 1);
  return text;
}

void compliance_chart(OutputBuffer& out, std::span<const MonthCounts> months, int first, int last,
                      std::string_view label, ChartSize size) {
  const Frame f = frame_of(size);
  if (months.empty()) {
    out.append("<p>No obligation due yet has been met, late or missed.</p>\n");
    return;
  }
  out.append("<svg viewBox=\"0 0 ");
  append_coordinate(out, f.width);
  out.put(' ');
  append_coordinate(out, f.height);
  out.append("\" role=\"img\" aria-label=\"");
  append_escaped(out, label);
  out.append("\">\n");
  for (int percent : {0, 50, 100}) {
    const double y = f.bottom - (f.bottom - f.top) * percent / 100.0;
    svg_line(out, f.left, y, f.right, y,
             percent == 0 ? "stroke=\"#1b1f24\"" : "stroke=\"#d6dbe1\"");
    svg_text(out, f.left - 4, y + 3.5, "text-anchor=\"end\" class=\"tick\"",
             std::to_string(percent) + "%");
  }
  const double slot = (f.right - f.left) / (last - first + 1);
  const double bar_width = slot >= 3 ? slot * 0.78 : slot;
  for (const MonthCounts& month : months) {
    const double x = f.left + (month.month - first) * slot;
    month_bar(out, f, month, x + (slot - bar_width) / 2, bar_width);
    const std::string count = short_count(month.counts.counted());
    if (slot >= 4.4 * static_cast<double>(count.size()) + 1)
      svg_text(out, x + slot / 2, f.top - 4, "text-anchor=\"middle\" class=\"count\"", count);
  }
  month_axis(out, f, first, last, slot);
  out.append("</svg>\n");
}

void chart_legend(OutputBuffer& out) {
  out.append(
      "<div class=\"legend\" aria-label=\"key to the charts\">"
      "<span><svg width=\"14\" height=\"14\" viewBox=\"0 0 14 14\" aria-hidden=\"true\">"
      "<rect width=\"14\" height=\"14\" fill=\"#1d6a96\"/></svg>met (solid)</span>"
      "<span><svg width=\"14\" height=\"14\" viewBox=\"0 0 14 14\" aria-hidden=\"true\">"
      "<rect width=\"14\" height=\"14\" fill=\"url(#fill-late)\" stroke=\"#c77700\"/></svg>"
      "late (striped)</span>"
      "<span><svg width=\"14\" height=\"14\" viewBox=\"0 0 14 14\" aria-hidden=\"true\">"
      "<rect width=\"14\" height=\"14\" fill=\"url(#fill-missed)\"/></svg>"
      "missed (cross-hatched)</span>"
      "<span class=\"muted\">Each bar is one month of due dates; the top of its solid part is "
      "that month's compliance. The small figure above a bar is how many obligations it "
      "counts.</span></div>\n");
}

}  // namespace duly::reports::html
