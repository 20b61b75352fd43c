// The summary table: per rule, in the policy's order, the counts of each status and the
// compliance, with one indented row per group when `--by` keys are given; then, when the policy
// has indicators, the same for each indicator's repeats of instances. Only counts are kept while
// cases stream past (one StatusCounts per rule and group, one IndicatorCounts per indicator and
// group); the tables are laid out at the end, when the widths of their columns are known.
#include "engine/reports/groups.hpp"
#include "engine/reports/output.hpp"
#include "engine/reports/writers.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace duly::reports {

namespace {

// Names longer than this are cut: Camden's longest rule name is 130 characters, and a name
// column that wide pushes the counts off a terminal. The CSV and JSON reports keep every name
// whole.
constexpr std::size_t name_width_cap = 60;

std::string fit_name(std::string name) { return cut_to_width(std::move(name), name_width_cap); }

// One line of a table: text cells left-aligned, counts right-aligned, and the last text cell.
struct Row {
  std::string id, name;
  std::vector<std::string> counts;
  std::string last;
};

// Two spaces between columns, nothing after the last; names cut to name_width_cap first.
void lay_out(std::vector<Row> rows, std::string& text) {
  std::size_t id_width = 0, name_width = 0;
  std::vector<std::size_t> count_width(rows.empty() ? 0 : rows.front().counts.size());
  for (Row& row : rows) {
    row.name = fit_name(std::move(row.name));
    id_width = std::max(id_width, display_width(row.id));
    name_width = std::max(name_width, display_width(row.name));
    for (std::size_t i = 0; i < count_width.size(); ++i)
      count_width[i] = std::max(count_width[i], row.counts[i].size());
  }
  for (const Row& row : rows) {
    text += row.id;
    text.append(id_width - display_width(row.id) + 2, ' ');
    text += row.name;
    text.append(name_width - display_width(row.name), ' ');
    for (std::size_t i = 0; i < count_width.size(); ++i) {
      text.append(count_width[i] - row.counts[i].size() + 2, ' ');
      text += row.counts[i];
    }
    text += "  ";
    text += row.last;
    text += '\n';
  }
}

class SummaryWriter final : public ReportWriter {
 public:
  SummaryWriter(const ReportSettings& settings, const Policy& policy, const RunDescription& run,
                std::ostream& out)
      : policy_(policy), run_(run), groups_by_(settings.by), out_(out) {
    totals_.resize(policy.rules().size());
    groups_.resize(policy.rules().size());
    indicator_totals_.resize(policy.indicators().size());
    indicator_groups_.resize(policy.indicators().size());
  }

  void add_case(const Timeline& timeline, std::span<const Obligation> obligations) override {
    timeline.require_policy(policy_);  // the obligations index into this policy's rules
    ++cases_;
    for (const Obligation& o : obligations) {
      ++obligations_;
      totals_[o.rule_index].add(o.status);
      if (groups_by_.empty()) continue;
      auto& groups = groups_[o.rule_index];
      const std::string& key = groups_by_.key(timeline, o.case_index, o.due);
      auto found = groups.find(key);
      if (found == groups.end()) found = groups.emplace(key, StatusCounts{}).first;
      found->second.add(o.status);
    }
  }

  void add_indicators(const Timeline& timeline, std::span<const IndicatorInstance> rows) override {
    timeline.require_policy(policy_);
    for (const IndicatorInstance& row : rows) {
      indicator_totals_[row.indicator_index].add(row.repeat);
      if (groups_by_.empty()) continue;
      auto& groups = indicator_groups_[row.indicator_index];
      const std::string& key = groups_by_.key(timeline, row.case_index, row.start);
      auto found = groups.find(key);
      if (found == groups.end()) found = groups.emplace(key, IndicatorCounts{}).first;
      found->second.add(row.repeat);
    }
  }

  void finish() override {
    std::string text = render_run_description(run_);
    text += '\n';
    std::string name_header = "name";
    const auto& by = groups_by_.by();
    for (std::size_t k = 0; k < by.size(); ++k) name_header += (k == 0 ? " / " : ", ") + by[k];

    std::vector<Row> rows;
    rows.push_back(
        {"rule", name_header, {"met", "late", "missed", "pending", "lapsed"}, "compliance"});
    for (std::size_t r = 0; r < policy_.rules().size(); ++r) {
      const Rule& rule = policy_.rules()[r];
      rows.push_back(counts_row(rule.id, rule.name, totals_[r]));
      for (const auto& [key, counts] : groups_[r])
        rows.push_back(counts_row("", group_label(key), counts));
    }
    lay_out(std::move(rows), text);

    if (!policy_.indicators().empty()) {
      text += '\n';
      rows.clear();
      rows.push_back({"indicator", name_header, {}, "repeats"});
      for (std::size_t i = 0; i < policy_.indicators().size(); ++i) {
        const Indicator& indicator = policy_.indicators()[i];
        rows.push_back({indicator.id, indicator.name, {}, indicator_text(indicator_totals_[i])});
        for (const auto& [key, counts] : indicator_groups_[i])
          rows.push_back({"", group_label(key), {}, indicator_text(counts)});
      }
      lay_out(std::move(rows), text);
    }

    text += '\n';
    text += std::to_string(cases_) + (cases_ == 1 ? " case, " : " cases, ") +
            std::to_string(obligations_) + (obligations_ == 1 ? " obligation\n" : " obligations\n");
    out_.append(text);
    out_.flush();
  }

 private:
  static Row counts_row(std::string id, std::string name, const StatusCounts& c) {
    return {std::move(id),
            std::move(name),
            {std::to_string(c.met), std::to_string(c.late), std::to_string(c.missed),
             std::to_string(c.pending), std::to_string(c.lapsed)},
            compliance_text(c)};
  }

  static std::string group_label(const std::string& key) { return "  " + GroupKeys::label(key); }

  const Policy& policy_;
  RunDescription run_;
  GroupKeys groups_by_;
  OutputBuffer out_;
  std::vector<StatusCounts> totals_;                                      // by rule
  std::vector<std::map<std::string, StatusCounts, std::less<>>> groups_;  // by rule, by key
  std::vector<IndicatorCounts> indicator_totals_;                         // by indicator
  std::vector<std::map<std::string, IndicatorCounts, std::less<>>> indicator_groups_;
  std::size_t cases_ = 0, obligations_ = 0;
};

}  // namespace

std::unique_ptr<ReportWriter> make_summary_writer(const ReportSettings& settings,
                                                  const Policy& policy, const RunDescription& run,
                                                  std::ostream& out) {
  return std::make_unique<SummaryWriter>(settings, policy, run, out);
}

}  // namespace duly::reports
