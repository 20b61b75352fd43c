// Writing a collected timeline as events and cases CSV, with the reports' buffer and quoting.
#include <duly/timeline_csv.hpp>

#include "engine/reports/output.hpp"

#include <algorithm>
#include <ostream>

namespace duly {
namespace {

// The attributes in the order of `names`: one cell each, empty where the row has none.
void attribute_cells(reports::OutputBuffer& out, const std::vector<std::string>& names,
                     const CollectedTimeline::Attributes& attributes) {
  for (const auto& name : names) {
    out.put(',');
    auto found = std::find_if(attributes.begin(), attributes.end(),
                              [&](const auto& a) { return a.first == name; });
    if (found != attributes.end()) reports::append_csv_cell(out, found->second);
  }
}

void header_cells(reports::OutputBuffer& out, const std::vector<std::string>& names) {
  for (const auto& name : names) {
    out.put(',');
    reports::append_csv_cell(out, name);
  }
  out.put('\n');
}

}  // namespace

void write_events_csv(const CollectedTimeline& timeline, std::ostream& stream) {
  const auto& events = timeline.events();
  const bool recorded = std::any_of(events.begin(), events.end(),
                                    [](const auto& e) { return e.recorded.has_value(); });
  reports::OutputBuffer out(stream);
  out.append(recorded ? "case_id,event,date,recorded" : "case_id,event,date");
  header_cells(out, timeline.event_attribute_names());
  for (const auto& e : events) {
    reports::append_csv_cell(out, e.case_id);
    out.put(',');
    reports::append_csv_cell(out, e.type);
    out.put(',');
    out.date(e.date);
    if (recorded) {
      out.put(',');
      if (e.recorded) out.date(*e.recorded);
    }
    attribute_cells(out, timeline.event_attribute_names(), e.attributes);
    out.put('\n');
    out.row_done();
  }
  out.flush();
}

void write_cases_csv(const CollectedTimeline& timeline, std::ostream& stream) {
  reports::OutputBuffer out(stream);
  out.append("case_id,date_of_birth");
  header_cells(out, timeline.case_attribute_names());
  for (const auto& c : timeline.cases()) {
    reports::append_csv_cell(out, c.id);
    out.put(',');
    if (c.date_of_birth) out.date(*c.date_of_birth);
    attribute_cells(out, timeline.case_attribute_names(), c.attributes);
    out.put('\n');
    out.row_done();
  }
  out.flush();
}

}  // namespace duly
