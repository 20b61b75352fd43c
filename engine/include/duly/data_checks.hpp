// What a timeline leaves its policy unable to see, and data that cannot be right, found after
// reading and before evaluating. A misspelt column, a cases file without dates of birth or an
// attribute no export carries does not stop a check: it quietly makes rules fail or vanish. So
// each is said, once, naming the column and the rules it touches (docs/cli.md, "Warnings about
// the data"), and `--strict` can make a scheduled run refuse them.
#pragma once

#include <duly/date.hpp>
#include <duly/sources.hpp>
#include <duly/timeline.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace duly {

struct DataCheckOptions {
  // Events after this day of a type no rule waits for (a referral; not a review, a visit or a
  // conference, which may be booked ahead) are warned about. Set it only when the day is today
  // or later: a check of an earlier day on a newer export rightly sees later events, as `duly
  // check` does. Empty: not checked.
  std::optional<Date> as_of;
  // Cases columns a report groups by: used, so not warned about as undeclared.
  std::vector<std::string> by;
  // Event columns the policy does not declare, with how many values each lost
  // (TimelineBuilder::undeclared_attributes()).
  std::map<std::string, std::size_t, std::less<>> undeclared_attributes;
  // Whether a cases file (or a source of cases) was read: without one, rules that use ages
  // are said to see no ages at all.
  bool cases_read = true;
};

// Adds what the data leaves the policy unable to see to `report.findings` (in this order:
// event columns no event declares, cases columns no case attribute declares, attributes rules
// read that no data provides, ages without dates of birth) and implausible events to
// `report.warnings`, one per event with its position, counted by kind: recorded before the
// event happened, after the as-of date and not scheduled, before the case's date of birth.
void check_data(const Timeline& timeline, const DataCheckOptions& options, ReadReport& report);

}  // namespace duly
