// Why one case's obligations have their statuses (`duly explain`): for each obligation, the rule
// and the line of the policy that made it, the event that created it and where in the data it
// came from, the period instance it belongs to, the due-date arithmetic with every day it
// skipped, what fulfilled it (and where) or that nothing did, and the status. Built from the
// obligations and period instances of the evaluation (duly/evaluate.hpp), never a second one.
#pragma once

#include <duly/date.hpp>
#include <duly/indicator.hpp>
#include <duly/obligation.hpp>
#include <duly/policy.hpp>
#include <duly/timeline.hpp>

#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace duly {

// Where a piece of data came from, as text that outlives the timeline.
struct DataPlace {
  std::string file;
  int line = 0;
  std::string path;  // an XML element's path; empty for CSV and JSON Lines
};

struct ObligationExplanation {
  Obligation obligation;
  std::string rule_id, rule_name;
  SourcePosition rule_position;  // of the rule (or the override that replaced it)
  std::string trigger;           // "strategy_discussion", "age 16"
  std::optional<DataPlace> trigger_place;
  std::string due_working;  // "15 working days after Thu 2024-03-21, skipping … = Mon 2024-04-15"
  std::string period;       // the rule's `during` period, or ""
  std::optional<PeriodInstance> instance;  // the instance of it the obligation belongs to
  std::string fulfilled;                   // the fulfilling event's type, or ""
  std::optional<DataPlace> fulfilled_place;
  std::string why;  // the status in words: "late: held 1 day after the due date"
};

struct CaseExplanation {
  std::string case_id;
  std::optional<Date> date_of_birth;
  std::vector<std::pair<std::string, std::string>> attributes;  // the cases file's columns
  std::string policy_name, policy_file;
  Date as_of;
  std::vector<ObligationExplanation> obligations;  // in report order
};

// `obligations` and `periods` are one case's, from an Evaluator with the same as-of date.
CaseExplanation explain_case(const Policy& policy, const Timeline& timeline,
                             std::uint32_t case_index, Date as_of,
                             std::span<const Obligation> obligations,
                             std::span<const PeriodInstance> periods);

// Plain text a social worker can read: the case, then one block per obligation.
std::string render_explanation_text(const CaseExplanation& explanation);
// One JSON object (with a final newline), for a case-management system.
std::string render_explanation_json(const CaseExplanation& explanation);

}  // namespace duly
