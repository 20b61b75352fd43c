// The reminder list as one HTML page (`duly due --format html`), built from the pieces every HTML
// report shares (html.hpp): the run description, the window, then one sortable, filterable table
// of every obligation listed, grouped as the list is, with the counts above it.
#include <duly/reminders.hpp>

#include <duly/duration.hpp>

#include "engine/reports/html.hpp"
#include "engine/reports/output.hpp"

#include <ostream>

namespace duly {

void write_reminder_page(const ReminderList& list, const Policy& policy, const Timeline& timeline,
                         const RunDescription& run, std::ostream& stream) {
  using namespace reports;
  OutputBuffer out(stream);
  const ReminderWindow& w = list.window();
  html::begin_page(out, "What falls due: " + policy.name());
  out.append("<h1>What falls due</h1><p class=\"lead\">");
  html::append_escaped(out, policy.name());
  out.append(": obligations due from ");
  out.append(to_iso_string(w.as_of));
  out.append(" to ");
  out.append(to_iso_string(w.as_of + w.within_days));
  out.append(", and those overdue since ");
  out.append(to_iso_string(w.as_of - w.overdue_within_days));
  out.append(".</p>");
  html::run_description(out, run);
  out.append("<p>");
  out.append(html::grouped(list.due_soon()));
  out.append(" due soon, ");
  out.append(html::grouped(list.overdue()));
  out.append(" overdue, in ");
  out.append(html::grouped(list.cases_listed()));
  out.append(list.cases_listed() == 1 ? " case" : " cases");
  if (list.older_overdue() > 0) {
    out.append("; ");
    out.append(html::grouped(list.older_overdue()));
    out.append(" older overdue obligations not listed (due before ");
    out.append(to_iso_string(w.as_of - w.overdue_within_days));
    out.append(")");
  }
  out.append(".</p>");

  std::vector<html::Column> columns;
  for (const auto& key : list.group_by()) columns.push_back({key, html::Column::Kind::text});
  static constexpr html::Column more[] = {
      {"case", html::Column::Kind::text},     {"due", html::Column::Kind::text},
      {"days left", html::Column::Kind::number}, {"status", html::Column::Kind::text},
      {"rule", html::Column::Kind::text},     {"name", html::Column::Kind::text},
      {"from", html::Column::Kind::text}};
  html::begin_table(out, "reminders", "obligations", columns, more);
  const std::vector<Obligation> listed = list.listed();
  std::size_t next = 0;
  for (const auto& group : list.groups())
    for (std::uint32_t c : group.cases)
      for (; next < listed.size() && listed[next].case_index == c; ++next) {
        const Obligation& o = listed[next];
        const Rule& rule = policy.rules()[o.rule_index];
        html::begin_row(out);
        for (const auto& value : group.values) html::text_cell(out, value.empty() ? "(none)" : value);
        html::text_cell(out, timeline.cases()[c].id);
        html::text_cell(out, to_iso_string(o.due));
        html::signed_number_cell(out, days_left(o, w.as_of));
        html::text_cell(out, o.status == Status::missed ? "overdue" : "due");
        html::text_cell(out, rule.id);
        html::text_cell(out, rule.name);
        html::text_cell(out, label_text(policy, o.trigger_event) + " " +
                                 to_iso_string(o.trigger_date));
        html::end_row(out);
      }
  html::end_table(out, false);
  if (listed.empty()) out.append("<p>Nothing is due or overdue in the window.</p>");
  html::end_page(out);
  out.flush();
}

}  // namespace duly
