// The reminder list (see reminders.hpp): which obligations it lists, in what order, and the
// table for a terminal. The CSV and JSON rows are the obligations reports' own, with days_left.
#include <duly/reminders.hpp>

#include <duly/duration.hpp>

#include "engine/reports/table_layout.hpp"
#include "engine/reports/text_cells.hpp"

#include <algorithm>
#include <numeric>
#include <ostream>

namespace duly {

int days_left(const Obligation& obligation, Date as_of) { return obligation.due - as_of; }

ReminderList::ReminderList(ReminderWindow window, std::vector<std::string> group_by)
    : window_(window), group_by_(std::move(group_by)) {}

void ReminderList::add_case(const Timeline& timeline, std::span<const Obligation> obligations) {
  CaseEntry* entry = nullptr;
  for (const Obligation& o : obligations) {
    const int left = days_left(o, window_.as_of);
    const bool soon = o.status == Status::pending && left >= 0 && left <= window_.within_days;
    const bool overdue =
        o.status == Status::missed && left < 0 && -left <= window_.overdue_within_days;
    if (o.status == Status::missed && -left > window_.overdue_within_days) ++older_overdue_;
    if (!soon && !overdue) continue;
    ++(soon ? due_soon_ : overdue_);
    if (!entry || entry->case_index != o.case_index) {
      const Case& c = timeline.cases()[o.case_index];
      CaseEntry e{o.case_index, std::string(c.id), {}, {}};
      for (const auto& key : group_by_)
        e.values.emplace_back(timeline.case_column(c, key).value_or(std::string_view()));
      entries_.push_back(std::move(e));
      entry = &entries_.back();
    }
    entry->obligations.push_back(o);
  }
  if (entry)  // Obligations arrive in report order; stable, so equal due dates keep it.
    std::stable_sort(entry->obligations.begin(), entry->obligations.end(),
                     [](const Obligation& a, const Obligation& b) { return a.due < b.due; });
}

std::vector<std::size_t> ReminderList::order() const {
  std::vector<std::size_t> order(entries_.size());
  std::iota(order.begin(), order.end(), 0);
  auto key_less = [](const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (std::size_t k = 0; k < a.size(); ++k) {
      if (a[k] == b[k]) continue;
      if (a[k].empty() != b[k].empty()) return b[k].empty();  // no value: last
      return a[k] < b[k];
    }
    return false;
  };
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    const CaseEntry& a = entries_[x];
    const CaseEntry& b = entries_[y];
    if (a.values != b.values) return key_less(a.values, b.values);
    const Date due_a = a.obligations.front().due, due_b = b.obligations.front().due;
    if (due_a != due_b) return due_a < due_b;
    return a.id < b.id;
  });
  return order;
}

std::vector<Obligation> ReminderList::listed() const {
  std::vector<Obligation> out;
  for (std::size_t i : order())
    out.insert(out.end(), entries_[i].obligations.begin(), entries_[i].obligations.end());
  return out;
}

std::vector<ReminderList::Group> ReminderList::groups() const {
  std::vector<Group> out;
  for (std::size_t i : order()) {
    const CaseEntry& e = entries_[i];
    if (out.empty() || out.back().values != e.values) out.push_back({e.values, {}});
    out.back().cases.push_back(e.case_index);
  }
  return out;
}

namespace {

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string render_reminder_table(const ReminderList& list, const Policy& policy,
                                  const Timeline& timeline, const RunDescription& run) {
  const ReminderWindow& w = list.window();
  std::string text = render_run_description(run);
  text += "due       " + to_iso_string(w.as_of) + " to " +
          to_iso_string(w.as_of + w.within_days) + " (within " +
          plural(static_cast<std::size_t>(w.within_days), "day", "days") + ")\n";
  text += "overdue   since " + to_iso_string(w.as_of - w.overdue_within_days) + " (within " +
          plural(static_cast<std::size_t>(w.overdue_within_days), "day", "days") + ")\n";
  const std::vector<Obligation> listed = list.listed();
  std::size_t next = 0;
  for (const auto& group : list.groups()) {
    if (!list.group_by().empty()) {
      text += "\n";
      for (std::size_t k = 0; k < group.values.size(); ++k)
        text += (k ? ", " : "") + list.group_by()[k] + " " +
                (group.values[k].empty() ? "(none)" : group.values[k]);
      text += "\n";
    }
    for (std::uint32_t c : group.cases) {
      const Case& the_case = timeline.cases()[c];
      text += "\n  case " + std::string(the_case.id) + "\n";
      // Indented under their case: the indent is part of the first cell.
      std::vector<std::vector<std::string>> rows = {
          {"    due", "days left", "status", "rule", "name", "from"}};
      for (; next < listed.size() && listed[next].case_index == c; ++next) {
        const Obligation& o = listed[next];
        const Rule& rule = policy.rules()[o.rule_index];
        rows.push_back({"    " + day_text(o.due), std::to_string(days_left(o, w.as_of)),
                        o.status == Status::missed ? "overdue" : "due", rule.id,
                        reports::fit_name(rule.name, 50),
                        label_text(policy, o.trigger_event) + " " + to_iso_string(o.trigger_date)});
      }
      static constexpr reports::Align align[] = {reports::Align::left, reports::Align::right,
                                                 reports::Align::left, reports::Align::left,
                                                 reports::Align::left, reports::Align::left};
      reports::lay_out(std::move(rows), align, reports::no_name_column, text);
    }
  }
  text += "\n";
  if (listed.empty()) text += "nothing due or overdue in the window\n";
  text += plural(list.due_soon(), "obligation", "obligations") + " due within " +
          plural(static_cast<std::size_t>(w.within_days), "day", "days") + ", " +
          plural(list.overdue(), "overdue", "overdue") + " within " +
          plural(static_cast<std::size_t>(w.overdue_within_days), "day", "days") + ", in " +
          plural(list.cases_listed(), "case", "cases") + "\n";
  if (list.older_overdue() > 0)
    text += plural(list.older_overdue(), "older overdue obligation", "older overdue obligations") +
            " not listed (due before " + to_iso_string(w.as_of - w.overdue_within_days) + ")\n";
  return text;
}

void write_reminder_rows(const ReminderList& list, const Timeline& timeline, const Policy& policy,
                         const ReportSettings& settings, std::ostream& out) {
  ReportSettings rows = settings;
  rows.days_left_from = list.window().as_of;
  const RunDescription run = describe_run(policy, list.window().as_of, {});
  auto writer = make_report_writer(rows, policy, run, out);
  const std::vector<Obligation> listed = list.listed();
  writer->add_case(timeline, listed);
  writer->finish();
}

}  // namespace duly
