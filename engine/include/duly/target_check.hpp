// The authority's own due dates against duly's: a return may carry the date the authority's
// system worked out for a timescale (the CIN census's InitialCPCtarget for the initial
// conference, duly/sources.hpp's AuthorityTarget). Where it differs from the due date duly
// computes for the same obligation, one of the two calendars is wrong (a missed bank holiday, a
// closure day, a different way of counting), which an analyst will want to know.
#pragma once

#include <duly/obligation.hpp>
#include <duly/policy.hpp>
#include <duly/sources.hpp>
#include <duly/timeline.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace duly {

struct TargetComparison {
  AuthorityTarget target;
  std::string rule;  // the rule whose due dates are compared (a deadline on target.target)
  std::size_t compared = 0, agree = 0;
  std::size_t without_target = 0;  // obligations whose trigger carries no (date) target
  struct Difference {
    std::string case_id;
    Date trigger_date;
    Date authority;  // the return's date
    Date due;        // duly's
    std::string file;
    int line = 0;
  };
  std::vector<Difference> differences;  // in the order the cases came
};

// Fed one case's obligations at a time, like a report writer.
class TargetCheck {
 public:
  // Compares, for each target, every deadline rule of `policy` triggered by target.event and
  // looking for target.target. Targets that no rule matches give no comparison.
  TargetCheck(const Policy& policy, std::vector<AuthorityTarget> targets);
  void add_case(const Timeline& timeline, std::span<const Obligation> obligations);
  const std::vector<TargetComparison>& results() const { return results_; }

 private:
  struct Match {
    std::size_t result;  // into results_
    std::uint16_t rule_index;
    AttributeId attribute;
  };
  std::vector<Match> matches_;
  std::vector<TargetComparison> results_;
};

// One paragraph per comparison: "InitialCPCtarget (strategy_discussion.initial_cpc_target)
// against rule N02's due date: 4 compared, 3 agree, 1 differs", then the first differences.
std::string render_target_check(const std::vector<TargetComparison>& results,
                                std::size_t differences_shown = 10);

}  // namespace duly
