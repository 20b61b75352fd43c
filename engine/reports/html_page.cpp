// The text, page and table pieces of an HTML report (see html.hpp): escaping, the page with its
// inline style sheet and scripts, the run description, and tables of counts that sort and filter.
#include "engine/reports/html.hpp"

#include <cmath>
#include <cstdint>

namespace duly::reports::html {

void signed_number_cell(OutputBuffer& out, long long n) {
  out.append("<td class=\"n\" data-v=\"");
  out.number(n);
  out.append("\">");
  if (n < 0) out.put('-');
  out.append(grouped(static_cast<std::size_t>(n < 0 ? -n : n)));
  out.append("</td>");
}

namespace {

// The five characters that could end a text or an attribute value early.
constexpr std::string_view special = "&<>\"'";

std::string_view entity(char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    default:
      return "&#39;";
  }
}

// Read by people on screen and on paper: numbers line up (tabular figures, right-aligned), the
// statuses keep one colour each throughout, and no figure relies on its colour alone (the
// drawings use patterns and shapes, the tables print their numbers).
constexpr std::string_view style_sheet =
    R"css(:root{--ink:#1b1f24;--muted:#56606b;--line:#d6dbe1;--met:#1d6a96;--late:#c77700;--missed:#a4161a;--band:#dde6ee;--band-edge:#4c6a85}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"DejaVu Sans",sans-serif;color:var(--ink);background:#fff}
main{max-width:1200px;margin:0 auto;padding:28px 32px 64px}
h1{font-size:26px;line-height:1.2;margin:0 0 6px}
h2{font-size:20px;margin:40px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--ink)}
h3{font-size:15px;margin:22px 0 4px}
p{margin:6px 0}
.muted{color:var(--muted)}
nav{margin:10px 0 0;font-size:14px}
nav a{margin-right:16px;color:var(--met)}
dl.run{display:grid;grid-template-columns:max-content 1fr;gap:1px 18px;margin:12px 0 0;font-size:14px}
dl.run dt{font-weight:600}
dl.run dd{margin:0;color:var(--muted)}
.figures{display:flex;flex-wrap:wrap;gap:12px;margin:20px 0 4px}
.figure{flex:1 1 150px;border:1px solid var(--line);border-left:4px solid var(--ink);padding:8px 14px}
.figure b{display:block;font-size:24px;line-height:1.2;font-variant-numeric:tabular-nums}
.figure span{font-size:13px;color:var(--muted)}
.figure.late{border-left-color:var(--late)}
.figure.missed{border-left-color:var(--missed)}
.figure.met{border-left-color:var(--met)}
table{border-collapse:collapse;width:100%;font-size:14px;font-variant-numeric:tabular-nums}
th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{font-size:13px;font-weight:600;color:var(--muted);border-bottom:2px solid var(--ink);white-space:nowrap;cursor:pointer;user-select:none}
thead th:focus{outline:2px solid var(--met)}
thead th[aria-sort=ascending]::after{content:" \25B2"}
thead th[aria-sort=descending]::after{content:" \25BC"}
th.n,td.n{text-align:right;white-space:nowrap}
td.share{white-space:nowrap}
td.compact small{display:block;margin-left:72px;font-size:12px;color:var(--muted)}
.narrow{overflow-x:auto}
.narrow table{width:auto;min-width:50%}
td.share .pct{display:inline-block;min-width:3.3em;text-align:right;font-weight:600}
td.id{white-space:nowrap;font-weight:600}
td.name{min-width:18em}
tfoot td{font-weight:700;border-top:2px solid var(--ink);border-bottom:0}
tbody tr:hover{background:#f4f6f8}
.bar{display:inline-block;width:64px;height:11px;border:1px solid var(--ink);vertical-align:-1px;margin-right:8px;background:#fff}
.bar i{display:block;height:100%;background:var(--met)}
.filter{display:flex;gap:12px;align-items:center;margin:8px 0 6px;font-size:14px}
.filter input{font:inherit;padding:4px 8px;width:300px;border:1px solid var(--muted);border-radius:3px}
.legend{display:flex;flex-wrap:wrap;gap:6px 20px;align-items:center;font-size:13px;margin:8px 0 14px}
.legend span{display:inline-flex;align-items:center;gap:6px}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:18px 24px}
.chart{border:1px solid var(--line);padding:10px 12px 6px}
.chart h3{margin:0 0 4px}
.chart h3 span{font-weight:400;color:var(--muted)}
.chart p{font-size:13px;color:var(--muted);margin:0 0 4px}
.chart svg,.case svg{display:block;width:100%;height:auto;overflow:visible}
.legend svg{flex:none}
svg text{font-family:inherit;fill:var(--ink);font-size:11px}
svg .tick{font-size:9px}
svg .count{font-size:8px;fill:var(--muted)}
svg .label{font-size:10px}
svg .lane{font-size:11px}
svg .lane tspan{font-size:10px;fill:var(--muted)}
svg .lane{font-weight:600}
svg .lane tspan{font-weight:400}
svg .name{font-size:9.5px;fill:var(--muted)}
.s-met{fill:var(--met)}
.s-late{fill:var(--late);stroke:var(--ink);stroke-width:.8}
.s-missed{fill:none;stroke:var(--missed);stroke-width:2.6}
.s-open{fill:#fff;stroke:var(--muted);stroke-width:1.3}
.delay{stroke:var(--late);stroke-width:3}
.window{fill:none;stroke:#b9c2cc}
.event{stroke:var(--ink);stroke-width:1.2}
.band{fill:var(--band);stroke:var(--band-edge)}
.band.open{stroke-dasharray:4 2}
.case{margin:28px 0 0;padding-top:14px;border-top:1px solid var(--line)}
.case h3{font-size:17px;margin:0 0 4px}
.case details{margin-top:6px;font-size:14px}
.case summary{cursor:pointer;color:var(--met)}
.case table{margin-top:6px}
@media print{.filter{display:none}.chart,.case{break-inside:avoid}main{max-width:none;padding:0}}
)css";

// Marks the page when a script fails, so that a test reading the rendered page sees it.
constexpr std::string_view error_marker =
    R"js(window.addEventListener("error",function(e){document.documentElement.setAttribute("data-script-error",String(e.message))});)js";

// Sorting and filtering, on every `table.sortable`: a click (or Enter) on a heading sorts by that
// column, again the other way; a cell's `data-v` is its value to sort by, else its text. The text
// box before a table hides the rows that do not hold every word typed.
constexpr std::string_view table_script = R"js((function () {
  "use strict";
  function value(cell) {
    var v = cell.getAttribute("data-v");
    return v === null ? cell.textContent.trim().toLowerCase() : parseFloat(v);
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var body = table.tBodies[0];
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    heads.forEach(function (th, column) {
      th.tabIndex = 0;
      function sort() {
        var up = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = value(a.cells[column]), y = value(b.cells[column]);
          return (x < y ? -1 : x > y ? 1 : 0) * (up ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
      });
    });
    var filter = document.querySelector('input[data-filter="' + table.id + '"]');
    var count = document.querySelector('[data-count="' + table.id + '"]');
    if (filter) filter.addEventListener("input", function () {
      var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var text = row.textContent.toLowerCase();
        row.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
        if (!row.hidden) shown++;
      });
      if (count) count.textContent = shown + " of " + body.rows.length + " shown";
    });
    table.setAttribute("data-sortable", "ready");
  });
})();
)js";

// The fills of the drawings, defined once per page and referred to by every chart and picture:
// late is striped, missed cross-hatched, so that neither depends on its colour.
constexpr std::string_view patterns =
    R"svg(<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>
<pattern id="fill-late" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="5" height="5" fill="#f6dfb8"/><rect width="2.4" height="5" fill="#c77700"/></pattern>
<pattern id="fill-missed" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="5" fill="#a4161a"/><path d="M0 0L5 5M5 0L0 5" stroke="#fff" stroke-width="1.1"/></pattern>
</defs></svg>
)svg";

}  // namespace

std::string escape(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  std::size_t start = 0;
  for (std::size_t at; (at = text.find_first_of(special, start)) != std::string_view::npos;
       start = at + 1) {
    escaped.append(text.substr(start, at - start));
    escaped.append(entity(text[at]));
  }
  escaped.append(text.substr(start));
  return escaped;
}

void append_escaped(OutputBuffer& out, std::string_view text) {
  if (text.find_first_of(special) == std::string_view::npos)
    out.append(text);
  else
    out.append(escape(text));
}

std::string grouped(std::size_t n) {
  std::string digits = std::to_string(n);
  for (std::size_t at = digits.size(); at > 3;) {
    at -= 3;
    digits.insert(at, 1, ',');
  }
  return digits;
}

std::pair<std::string_view, std::string_view> split_share(std::string_view text) {
  const std::size_t space = text.find(' ');
  if (space == std::string_view::npos) return {text, {}};
  return {text.substr(0, space), text.substr(space + 1)};
}

void append_coordinate(OutputBuffer& out, double value) {
  const long long tenths = std::llround(value * 10);
  if (tenths < 0) out.put('-');
  const unsigned long long magnitude = tenths < 0 ? 0ULL - static_cast<unsigned long long>(tenths)
                                                  : static_cast<unsigned long long>(tenths);
  out.number(static_cast<long long>(magnitude / 10));
  if (magnitude % 10 != 0) {
    out.put('.');
    out.put(static_cast<char>('0' + magnitude % 10));
  }
}

void begin_page(OutputBuffer& out, std::string_view title) {
  out.append(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n<title>");
  append_escaped(out, title);
  out.append("</title>\n<script>");
  out.append(error_marker);
  out.append("</script>\n<style>\n");
  out.append(style_sheet);
  out.append("</style>\n</head>\n<body>\n");
  out.append(patterns);
  out.append("<main>\n");
}

void end_page(OutputBuffer& out) {
  out.append("</main>\n<script>\n");
  out.append(table_script);
  out.append("</script>\n</body>\n</html>\n");
}

void run_description(OutputBuffer& out, const RunDescription& run) {
  out.append("<dl class=\"run\">\n<dt>policy</dt><dd>");
  append_escaped(out, run.policy_name);
  out.append(" (");
  append_escaped(out, run.policy_file);
  out.append(")</dd>\n<dt>as of</dt><dd>");
  out.date(run.as_of);
  out.append("</dd>\n<dt>counting</dt><dd>");
  out.append(run.count_trigger_day ? "trigger day counted as day 1" : "trigger day not counted");
  out.append("</dd>\n<dt>calendar</dt><dd>");
  append_escaped(out, run.calendar);
  out.append("</dd>\n");
  for (const InputSummary& input : run.inputs) {
    out.append("<dt>input</dt><dd>");
    append_escaped(out, input.file);
    out.append(" (");
    out.append(grouped(input.rows));
    out.append(input.rows == 1 ? " row" : " rows");
    if (input.rejected > 0) {
      out.append(", ");
      out.append(grouped(input.rejected));
      out.append(" rejected");
    }
    out.append(")</dd>\n");
  }
  out.append("</dl>\n");
}

std::span<const Column> status_columns() {
  using Kind = Column::Kind;
  static constexpr Column columns[] = {{"met", Kind::number},    {"late", Kind::number},
                                       {"missed", Kind::number}, {"pending", Kind::number},
                                       {"lapsed", Kind::number}, {"compliance", Kind::share}};
  return columns;
}

namespace {

void heading_cells(OutputBuffer& out, std::span<const Column> columns) {
  for (const Column& column : columns) {
    out.append(column.kind == Column::Kind::number ? "<th class=\"n\" scope=\"col\">"
                                                   : "<th scope=\"col\">");
    append_escaped(out, column.heading);
    out.append("</th>");
  }
}

}  // namespace

void begin_table(OutputBuffer& out, std::string_view id, std::string_view what,
                 std::span<const Column> first_columns, std::span<const Column> more_columns) {
  out.append("<div class=\"filter\"><input type=\"search\" data-filter=\"");
  out.append(id);
  out.append("\" placeholder=\"Filter ");
  append_escaped(out, what);
  out.append("\" aria-label=\"Filter ");
  append_escaped(out, what);
  out.append("\"><span class=\"muted\" data-count=\"");
  out.append(id);
  out.append("\">Click a heading to sort</span></div>\n<table class=\"sortable\" id=\"");
  out.append(id);
  out.append("\">\n<thead><tr>");
  heading_cells(out, first_columns);
  heading_cells(out, more_columns);
  out.append("</tr></thead>\n<tbody>\n");
}

void begin_table_foot(OutputBuffer& out) { out.append("</tbody>\n<tfoot>\n"); }

void end_table(OutputBuffer& out, bool has_foot) {
  out.append(has_foot ? "</tfoot>\n</table>\n" : "</tbody>\n</table>\n");
}

void begin_row(OutputBuffer& out) { out.append("<tr>"); }

void end_row(OutputBuffer& out) {
  out.append("</tr>\n");
  out.row_done();
}

void text_cell(OutputBuffer& out, std::string_view text) {
  out.append("<td>");
  append_escaped(out, text);
  out.append("</td>");
}

void number_cell(OutputBuffer& out, std::size_t n) {
  out.append("<td class=\"n\" data-v=\"");
  out.number(static_cast<long long>(n));
  out.append("\">");
  out.append(grouped(n));
  out.append("</td>");
}

namespace {

// A share in tenths of a percent, rounded half up as compliance_text rounds it (report.cpp).
std::size_t tenths_of_percent(std::size_t numerator, std::size_t denominator) {
  return (2000 * numerator + denominator) / (2 * denominator);
}

enum class Share : std::uint8_t { plain, bar, compact_bar };

// A cell of a share, with a bar as long as it unless plain; `-1` sorts the cell without one
// first.
void share_cell(OutputBuffer& out, std::size_t numerator, std::size_t denominator,
                const std::string& text, Share look) {
  const bool bar = look != Share::plain;
  out.append(look == Share::compact_bar ? "<td class=\"share compact\" data-v=\""
                                        : "<td class=\"share\" data-v=\"");
  if (denominator == 0) {
    out.append("-1\">");
    out.append(text);
    out.append("</td>");
    return;
  }
  // The sort value keeps more places than the text, so that 1/3 and 2/6 stay level and 33.33%
  // sorts above 33.3%.
  const std::size_t millionths = (1000000 * numerator + denominator / 2) / denominator;
  out.number(static_cast<long long>(millionths / 10000));
  out.put('.');
  char places[4] = {static_cast<char>('0' + millionths / 1000 % 10),
                    static_cast<char>('0' + millionths / 100 % 10),
                    static_cast<char>('0' + millionths / 10 % 10),
                    static_cast<char>('0' + millionths % 10)};
  out.append(std::string_view(places, 4));
  out.append("\">");
  if (bar) {
    out.append("<span class=\"bar\" aria-hidden=\"true\"><i style=\"width:");
    const std::size_t tenths = tenths_of_percent(numerator, denominator);
    out.number(static_cast<long long>(tenths / 10));
    out.put('.');
    out.put(static_cast<char>('0' + tenths % 10));
    out.append("%\"></i></span>");
  }
  const auto [percent, counts] = split_share(text);
  if (bar) {
    out.append("<span class=\"pct\">");
    out.append(percent);
    out.append(look == Share::compact_bar ? "</span><small>" : "</span> ");
    out.append(counts);
    if (look == Share::compact_bar) out.append("</small>");
  } else {
    out.append(text);
  }
  out.append("</td>");
}

}  // namespace

void status_cells(OutputBuffer& out, const StatusCounts& counts) {
  number_cell(out, counts.met);
  number_cell(out, counts.late);
  number_cell(out, counts.missed);
  number_cell(out, counts.pending);
  number_cell(out, counts.lapsed);
  compliance_cell(out, counts);
}

void compliance_cell(OutputBuffer& out, const StatusCounts& counts, bool compact) {
  share_cell(out, counts.met, counts.counted(), compliance_text(counts),
             compact ? Share::compact_bar : Share::bar);
}

void indicator_cell(OutputBuffer& out, const IndicatorCounts& counts) {
  share_cell(out, counts.repeats, counts.instances, indicator_text(counts), Share::plain);
}

}  // namespace duly::reports::html
