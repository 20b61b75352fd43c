// The reminder list (`duly due`): what falls due soon and what is overdue, from the obligations
// of an evaluation. Every `pending` obligation due from the as-of date to as-of + within, and every
// `missed` one (due, not done) due in the `overdue_within` days before the as-of date, are
// listed; older overdue ones are only counted. Grouped by the values of the case columns asked
// for (a worker, a team), then by case (the most urgent case first), each case's by due date.
#pragma once

#include <duly/date.hpp>
#include <duly/obligation.hpp>
#include <duly/policy.hpp>
#include <duly/report.hpp>
#include <duly/timeline.hpp>

#include <cstddef>
#include <iosfwd>
#include <span>
#include <string>
#include <vector>

namespace duly {

struct ReminderWindow {
  Date as_of;
  int within_days = 14;          // pending obligations due on as_of .. as_of + within_days
  int overdue_within_days = 60;  // missed ones due on as_of - overdue_within_days .. as_of - 1
};

// Days from the as-of date to the due date: negative when overdue.
int days_left(const Obligation& obligation, Date as_of);

class ReminderList {
 public:
  // `group_by`: case columns (Timeline::case_column) to group by, in order; may be empty.
  ReminderList(ReminderWindow window, std::vector<std::string> group_by);

  // One case's obligations, as Evaluator::evaluate_case gives them.
  void add_case(const Timeline& timeline, std::span<const Obligation> obligations);

  struct Group {
    std::vector<std::string> values;  // of group_by; "" where the case has none
    std::vector<std::uint32_t> cases;  // case indices, the most urgent first
  };
  // The listed obligations in list order: by group (values as text, cases with no value last),
  // then case (earliest due date, then case id), then due date, then report order.
  std::vector<Obligation> listed() const;
  std::vector<Group> groups() const;

  const ReminderWindow& window() const { return window_; }
  const std::vector<std::string>& group_by() const { return group_by_; }
  std::size_t due_soon() const { return due_soon_; }          // pending, listed
  std::size_t overdue() const { return overdue_; }            // missed, listed
  std::size_t older_overdue() const { return older_overdue_; }  // missed before the window
  std::size_t cases_listed() const { return entries_.size(); }

 private:
  struct CaseEntry {
    std::uint32_t case_index;
    std::string id;
    std::vector<std::string> values;
    std::vector<Obligation> obligations;  // by due date, then report order
  };
  std::vector<std::size_t> order() const;  // entries_ in list order

  ReminderWindow window_;
  std::vector<std::string> group_by_;
  std::vector<CaseEntry> entries_;
  std::size_t due_soon_ = 0, overdue_ = 0, older_overdue_ = 0;
};

// The list as a table for a terminal: the run description, the window, then each group and case
// with its obligations (due, days left, status, rule, name, what started it), then a footer
// with the counts (older overdue ones included).
std::string render_reminder_table(const ReminderList& list, const Policy& policy,
                                  const Timeline& timeline, const RunDescription& run);

// The list as one self-contained HTML page: the run, the window, the counts, and one sortable,
// filterable table of the obligations listed, in the list's order.
void write_reminder_page(const ReminderList& list, const Policy& policy, const Timeline& timeline,
                         const RunDescription& run, std::ostream& out);

// The list as the obligations CSV or JSON Lines of docs/cli.md with `days_left` after `days_late`,
// then one column per `by` key (settings.format: csv or json_lines).
void write_reminder_rows(const ReminderList& list, const Timeline& timeline, const Policy& policy,
                         const ReportSettings& settings, std::ostream& out);

}  // namespace duly
