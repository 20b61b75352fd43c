// The same case timelines under two policies (`duly diff`, docs/cli.md): what a change of policy
// would change. Each case's obligations under OLD and under NEW are paired by their rule id,
// trigger event and trigger date, the k-th obligation with a key under OLD with the k-th under
// NEW in report order; a pair whose due date or status differs, and an obligation the other
// policy does not have, is a change. A PolicyDiff is fed one case at a time, like a report
// writer, and keeps only counts (per rule id and group) and the first changed cases, so memory
// holds one case's obligations under each policy, never all of them.
#pragma once

#include <duly/date.hpp>
#include <duly/evaluate.hpp>
#include <duly/obligation.hpp>
#include <duly/policy.hpp>
#include <duly/report.hpp>
#include <duly/timeline.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace duly {

// One case's obligations under one policy, as Evaluator::evaluate_case gives them (in report
// order), with the timeline they index. A null timeline: the policy's timeline has no such case
// (none of its events is of a type the policy declares, and no cases file names it), so it has
// no obligations there.
struct CaseObligations {
  const Timeline* timeline = nullptr;
  std::uint32_t case_index = 0;  // into timeline->cases()
  std::span<const Obligation> obligations;
};

// One obligation under both policies, or under one of them.
struct ObligationPair {
  const Obligation* old_obligation = nullptr;  // null: only NEW has it
  const Obligation* new_obligation = nullptr;  // null: only OLD has it

  // Under one policy only, or with another due date or status: a row of the CSV report.
  bool changed() const;
};

// One case's pairs, in the report order of a diff: by rule id, trigger date and trigger event
// (as text), the pairs of one key in each policy's report order.
struct CaseDiff {
  std::string_view case_id;
  CaseObligations old_case, new_case;
  std::span<const ObligationPair> pairs;
  std::size_t changed = 0;  // pairs that changed
};

// What one rule id (or one group of it) gives under each policy, and how many of its pairs
// changed: an obligation of a changed pair counts under its own policy's group, the change
// under NEW's (under OLD's when NEW has no obligation).
struct RuleDiffCounts {
  StatusCounts old_counts, new_counts;
  std::size_t changed = 0;
};

struct RuleDiff {
  std::string id;
  std::string name;  // NEW's name of the rule, or OLD's when NEW lacks it
  bool in_old = false, in_new = false;
  RuleDiffCounts totals;
  // By the group of DiffSettings::by (the values of the keys, as the summary table groups);
  // empty without keys.
  std::map<std::string, RuleDiffCounts, std::less<>> groups;
};

// A change as the table lists it: the pair's key and each side's due date and status (none on
// the side that has no obligation).
struct ObligationChange {
  std::string rule;
  std::string trigger_event;  // label_text: an event type, `age N`, or empty
  Date trigger_date;
  std::optional<Date> old_due, new_due;
  std::optional<Status> old_status, new_status;
};

struct ChangedCase {
  std::string id;
  std::size_t changed = 0;
  std::vector<ObligationChange> first_changes;  // at most DiffSettings::changes_kept
};

struct DiffSettings {
  // Group each rule's figures by these keys, as ReportSettings::by does: `month` (the due date's;
  // each obligation under its own policy's due date) or any column of the cases file.
  std::vector<std::string> by;
  std::size_t cases_kept = 20;   // changed cases kept for the table, in case order
  std::size_t changes_kept = 3;  // changes kept of each
};

class PolicyDiff {
 public:
  // Both policies must outlive the diff.
  PolicyDiff(const Policy& old_policy, const Policy& new_policy, DiffSettings settings = {});
  ~PolicyDiff();
  PolicyDiff(PolicyDiff&&) noexcept;
  PolicyDiff& operator=(PolicyDiff&&) noexcept;

  // Pairs one case's obligations under each policy and counts them. Both sides are the same case
  // (throws std::invalid_argument when their ids differ, or neither has a timeline, or a
  // timeline was built for another policy). The result points into the obligations given and is
  // valid until the next call.
  const CaseDiff& add_case(const CaseObligations& old_case, const CaseObligations& new_case);

  const Policy& old_policy() const;
  const Policy& new_policy() const;
  const DiffSettings& settings() const;
  // Every rule id of either policy, sorted as text.
  const std::vector<RuleDiff>& rules() const;
  // The first DiffSettings::cases_kept cases with a change, in the order added.
  const std::vector<ChangedCase>& changed_cases() const;
  std::size_t cases() const;               // added so far
  std::size_t changed_case_count() const;  // of them, with a change
  std::size_t old_obligations() const;
  std::size_t new_obligations() const;
  std::size_t changed() const;  // changed pairs: the rows of the CSV report

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Writes a diff as cases arrive. The stream is flushed by finish(), after which nothing more may
// be added.
class PolicyDiffWriter {
 public:
  virtual ~PolicyDiffWriter() = default;
  // One case, as PolicyDiff::add_case returned it.
  virtual void add_case(const CaseDiff& diff) = 0;
  virtual void finish() = 0;
};

// ReportFormat::table: the run description of both policies, then per rule id its compliance
// under each and the change, then the changed cases, all from `diff` at finish(). csv and
// json_lines: one row per changed pair, as cases come, with exactly the columns (html gives the
// table: there is no HTML comparison)
// case_id,rule,trigger_event,trigger_date,old_due,old_status,new_due,new_status. `diff` and
// `out` must outlive the writer.
std::unique_ptr<PolicyDiffWriter> make_policy_diff_writer(ReportFormat format,
                                                          const PolicyDiff& diff,
                                                          const RunDescription& old_run,
                                                          const RunDescription& new_run,
                                                          std::ostream& out);

// Every case of either timeline (two timelines of the same data, built for the two policies),
// in order of id, evaluated by each evaluator (a case one timeline lacks has no obligations
// there), handed to `diff` and then to `writer`. `progress`, when given, is called after each
// case with the cases done and the total.
void diff_timelines(const Timeline& old_timeline, Evaluator& old_evaluator,
                    const Timeline& new_timeline, Evaluator& new_evaluator, PolicyDiff& diff,
                    PolicyDiffWriter& writer,
                    const std::function<void(std::size_t done, std::size_t total)>& progress = {});

// "no differences: the 9 obligations of 4 cases have the same due dates and statuses under both
// policies", or empty when something changed.
std::string no_differences_text(const PolicyDiff& diff);

}  // namespace duly
