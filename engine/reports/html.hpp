// The pieces of an HTML report, for any writer that makes one (`duly check --format html`, and
// later reports of their own): the escaping every text from data goes through, the page with its
// inline style and script, the run description, sortable and filterable tables, the chart of
// compliance by month and the picture of one case. Everything is written into an OutputBuffer and
// the page needs nothing outside itself: no network, no external script, font or style sheet.
#pragma once

#include <duly/date.hpp>
#include <duly/indicator.hpp>
#include <duly/obligation.hpp>
#include <duly/policy.hpp>
#include <duly/report.hpp>
#include <duly/timeline.hpp>

#include "engine/reports/output.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace duly::reports::html {

// ---- Text

// `text` as HTML text or a quoted attribute value: `&`, `<`, `>`, `"` and `'` become entities,
// so a case id or an attribute holding markup shows as the characters it holds. Every text from
// data or from a policy goes through one of these two.
std::string escape(std::string_view text);
void append_escaped(OutputBuffer& out, std::string_view text);

// A count for a person: 1234567 -> "1,234,567".
std::string grouped(std::size_t n);

// compliance_text or indicator_text cut before its first space: ("93.1%", "(27/29)"); the whole
// text and nothing for one without a space ("-").
std::pair<std::string_view, std::string_view> split_share(std::string_view text);

// A coordinate of a drawing, to one decimal place, without a trailing ".0".
void append_coordinate(OutputBuffer& out, double value);

// ---- The page

// Opens a page: the doctype, a content security policy that lets nothing be fetched, the style
// sheet, a script that marks the page when any script fails (`data-script-error` on <html>, for
// tests), `title` (text), the patterns the drawings fill with, and <main>.
void begin_page(OutputBuffer& out, std::string_view title);
// Closes <main>, adds the script that makes every `table.sortable` sortable by a click on a
// heading and filterable by the text box before it (and marks it `data-sortable="ready"`), and
// closes the page.
void end_page(OutputBuffer& out);

// The run description (duly/report.hpp) as a list of facts: policy, as of, counting, calendar,
// inputs with their row counts.
void run_description(OutputBuffer& out, const RunDescription& run);

// ---- Tables

struct Column {
  enum class Kind : std::uint8_t {
    text,    // left-aligned, sorted as text
    number,  // right-aligned, sorted by value
    share,   // a share (compliance, repeats): left-aligned so its bars and figures line up
  };
  std::string_view heading;  // text
  Kind kind = Kind::text;
};

// The status columns every table of counts ends with: met, late, missed, pending, lapsed,
// compliance.
std::span<const Column> status_columns();

// A text box that filters the rows of table `id` (a name of the program's, not from data) and
// the table's head, opening its body; `what` says what a row is ("rules").
void begin_table(OutputBuffer& out, std::string_view id, std::string_view what,
                 std::span<const Column> first_columns, std::span<const Column> more_columns = {});
// Ends the body and opens the foot (rows that stay last whatever the sort).
void begin_table_foot(OutputBuffer& out);
void end_table(OutputBuffer& out, bool has_foot);

void begin_row(OutputBuffer& out);
void end_row(OutputBuffer& out);
void text_cell(OutputBuffer& out, std::string_view text);
void number_cell(OutputBuffer& out, std::size_t n);
// A number that may be negative (days left), sorted by value.
void signed_number_cell(OutputBuffer& out, long long n);
// The six cells of status_columns(): the counts, then compliance_text with a bar as long as the
// compliance (sorted by the compliance; `-` sorts first), its percentage in a box of its own
// width so that the figures of a column line up.
void status_cells(OutputBuffer& out, const StatusCounts& counts);
// The last of those cells alone: compliance_text with its bar; `compact` puts the counts on a
// second line, in small type, for a table with a compliance column per group.
void compliance_cell(OutputBuffer& out, const StatusCounts& counts, bool compact = false);
// An indicator's figure: indicator_text, sorted by the share of repeats.
void indicator_cell(OutputBuffer& out, const IndicatorCounts& counts);

// ---- Drawing

// The SVG elements the drawings are made of, at coordinates of their viewBox. `more` holds
// further attributes, written as given: the program's own text (`fill="#1d6a96"`), never data.
// A text's content is escaped.
void svg_rect(OutputBuffer& out, double x, double y, double w, double h, std::string_view more);
void svg_line(OutputBuffer& out, double x1, double y1, double x2, double y2, std::string_view more);
void svg_text(OutputBuffer& out, double x, double y, std::string_view more,
              std::string_view content);

// ---- The chart of compliance by month

// A month as a number: year * 12 + month - 1, so that consecutive months differ by one.
int month_number(Date date);
std::string month_text(int month);  // "2024-03"

struct MonthCounts {
  int month = 0;  // month_number
  StatusCounts counts;
};

// A small chart, for one of many side by side, or a wide one across the page.
enum class ChartSize : std::uint8_t { small, wide };

// One bar per month from `first` to `last` (month numbers; `months` sorted, within them): the
// month's met, late and missed obligations as shares of a full bar, met at the bottom, so that
// the top of the met part is the month's compliance. Met is solid, late striped and missed
// cross-hatched, so the chart reads in black and white; each bar's tooltip gives its figures.
// Axes: 0, 50 and 100% up the side, the years (and the months when there is room) along the
// foot. `label` (text) names the chart for a screen reader.
void compliance_chart(OutputBuffer& out, std::span<const MonthCounts> months, int first, int last,
                      std::string_view label, ChartSize size = ChartSize::small);
// The key to the chart's fills.
void chart_legend(OutputBuffer& out);

// ---- The picture of one case

// What a picture of a case shows, copied out of the timeline and the evaluation so that it
// outlives them: the writer keeps a few of these while cases stream past.
struct CasePicture {
  std::uint32_t case_index = 0;  // the case's place in its timeline, for ties
  std::string id;
  std::vector<std::pair<std::string, std::string>> facts;  // (column, value) shown beside the id
  std::vector<std::pair<Date, EventTypeId>> events;        // those on or before the as-of date
  std::vector<PeriodInstance> periods;
  std::vector<Obligation> obligations;
  std::size_t late = 0, missed = 0;
};

// A case's picture from what the evaluation gave: its obligations and period instances (those of
// other cases are left out), and the values of `fact_columns` (cases-file columns; `month` is not
// one and is skipped).
CasePicture make_case_picture(const Timeline& timeline, std::uint32_t case_index,
                              std::span<const Obligation> obligations,
                              std::span<const PeriodInstance> periods, Date as_of,
                              std::span<const std::string> fact_columns);

// The case's heading, its picture (a time axis; a band per period instance, one line for each
// period; the events as marks on one line; a line per rule with obligations, each obligation a
// marker at its due date whose shape says its status, late and missed ones labelled, a late one
// with its delay drawn to the day it was fulfilled; the as-of date as a dashed line) and a table
// of its late and missed obligations. `anchor` is the section's id (a name of the program's).
void case_picture(OutputBuffer& out, const Policy& policy, const CasePicture& picture, Date as_of,
                  std::string_view anchor);
// The key to the markers and bands of the pictures.
void case_legend(OutputBuffer& out);

}  // namespace duly::reports::html
