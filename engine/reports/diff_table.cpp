// The table of a diff (docs/cli.md, `duly diff`): the run under both policies, then one row per
// rule id of either (its compliance under each and the change in percentage points, or `added`
// or `removed`, and how many of its obligations changed), grouped by `--by` keys as the summary
// table is; then the cases whose obligations changed, each with its first changes. Everything
// comes from the PolicyDiff's counts at finish(), so nothing is kept per obligation.
#include <duly/policy_diff.hpp>

#include "engine/reports/diff_writers.hpp"
#include "engine/reports/groups.hpp"
#include "engine/reports/output.hpp"
#include "engine/reports/table_layout.hpp"

#include <string>
#include <vector>

namespace duly::reports {

namespace {

// rule, name, old, new, change, changed
constexpr Align rule_columns[] = {Align::left, Align::left,  Align::left,
                                  Align::left, Align::right, Align::right};
// case, changed, changes
constexpr Align case_columns[] = {Align::left, Align::right, Align::left};

std::string change_text(const RuleDiff& rule, const RuleDiffCounts& counts, bool group) {
  if (rule.in_old && rule.in_new)
    return compliance_change_text(counts.old_counts, counts.new_counts);
  if (group) return "";  // the rule's row says it
  return rule.in_new ? "added" : "removed";
}

std::vector<std::string> rule_row(const RuleDiff& rule, std::string id, std::string name,
                                  const RuleDiffCounts& counts, bool group) {
  return {std::move(id),
          std::move(name),
          rule.in_old ? compliance_text(counts.old_counts) : "",
          rule.in_new ? compliance_text(counts.new_counts) : "",
          change_text(rule, counts, group),
          std::to_string(counts.changed)};
}

// "met (due 2024-04-17)", or "no obligation".
std::string side_text(const std::optional<Status>& status, const std::optional<Date>& due) {
  if (!status || !due) return "no obligation";
  return std::string(to_string(*status)) + " (due " + to_iso_string(*due) + ")";
}

// "D1 strategy_discussion 2024-03-25: met (due 2024-04-17) → late (due 2024-04-10)".
std::string change_line(const ObligationChange& change) {
  std::string line = change.rule + " ";
  if (!change.trigger_event.empty()) line += change.trigger_event + " ";
  return line + to_iso_string(change.trigger_date) + ": " +
         side_text(change.old_status, change.old_due) + " → " +
         side_text(change.new_status, change.new_due);
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

class DiffTableWriter final : public PolicyDiffWriter {
 public:
  DiffTableWriter(const PolicyDiff& diff, const RunDescription& old_run,
                  const RunDescription& new_run, std::ostream& out)
      : diff_(diff), header_(render_run_description(old_run, new_run)), out_(out) {}

  void add_case(const CaseDiff& /*diff*/) override {}  // the PolicyDiff counts

  void finish() override {
    std::string text = header_;
    text += '\n';
    rules_table(text);
    text += '\n';
    const std::string none = no_differences_text(diff_);
    if (!none.empty()) {
      text += none + "\n";
    } else {
      changed_cases_table(text);
      text += '\n';
      text += plural(diff_.cases(), "case, ", "cases, ") + std::to_string(diff_.old_obligations()) +
              (diff_.old_obligations() == 1 ? " obligation" : " obligations") + " under old and " +
              std::to_string(diff_.new_obligations()) + " under new, " +
              std::to_string(diff_.changed()) + " changed\n";
    }
    out_.append(text);
    out_.flush();
  }

 private:
  void rules_table(std::string& text) const {
    const GroupKeys keys(diff_.settings().by);
    std::vector<std::vector<std::string>> rows;
    rows.push_back({"rule", keys.name_header(), "old", "new", "change", "changed"});
    for (const RuleDiff& rule : diff_.rules()) {
      rows.push_back(rule_row(rule, rule.id, rule.name, rule.totals, false));
      for (const auto& [key, counts] : rule.groups)
        rows.push_back(rule_row(rule, "", "  " + GroupKeys::label(key), counts, true));
    }
    lay_out(std::move(rows), rule_columns, 1, text);
  }

  void changed_cases_table(std::string& text) const {
    text += "cases whose obligations changed: " + std::to_string(diff_.changed_case_count()) +
            " of " + std::to_string(diff_.cases()) + "\n";
    std::vector<std::vector<std::string>> rows;
    rows.push_back({"case", "changed", "first changes"});
    for (const ChangedCase& c : diff_.changed_cases()) {
      for (std::size_t i = 0; i < c.first_changes.size(); ++i)
        rows.push_back({i == 0 ? c.id : "", i == 0 ? std::to_string(c.changed) : "",
                        change_line(c.first_changes[i])});
      if (c.changed > c.first_changes.size())
        rows.push_back(
            {"", "", "… and " + std::to_string(c.changed - c.first_changes.size()) + " more"});
    }
    lay_out(std::move(rows), case_columns, no_name_column, text);
    const std::size_t unlisted = diff_.changed_case_count() - diff_.changed_cases().size();
    if (unlisted > 0) text += "… and " + plural(unlisted, "more case", "more cases") + "\n";
  }

  const PolicyDiff& diff_;
  std::string header_;
  OutputBuffer out_;
};

}  // namespace

std::unique_ptr<PolicyDiffWriter> make_diff_table_writer(const PolicyDiff& diff,
                                                         const RunDescription& old_run,
                                                         const RunDescription& new_run,
                                                         std::ostream& out) {
  return std::make_unique<DiffTableWriter>(diff, old_run, new_run, out);
}

}  // namespace duly::reports
