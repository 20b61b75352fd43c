// The summary: per rule, in the policy's order, the counts of each status and the compliance,
// with one indented row per group when `--by` keys are given, and a total over every rule;
// then, when the policy has indicators, the same for each indicator's repeats of instances. Only
// counts are kept while cases stream past (one StatusCounts per rule and group, one
// IndicatorCounts per indicator and group). At the end, a period key (`--by month`, `week`,
// `financial_year`) is filled in: every period from the first to the last seen gets a row, empty
// ones included, so that a trend has no gaps. Two writers show the counts: the table, and rows
// of CSV or JSON Lines for spreadsheets (`--summary FILE`).
#include "engine/reports/groups.hpp"
#include "engine/reports/output.hpp"
#include "engine/reports/table_layout.hpp"
#include "engine/reports/time_keys.hpp"
#include "engine/reports/writers.hpp"

#include <duly/limits.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace duly::reports {

namespace {

// A group: the row's value of each `--by` key ("" when the case has none, which sorts first and
// prints as "(none)").
using GroupKey = std::vector<std::string>;

template <typename Counts>
using Groups = std::map<GroupKey, Counts>;

// Counting, shared by both writers.
class SummaryCounter {
 public:
  SummaryCounter(const ReportSettings& settings, const Policy& policy)
      : policy_(policy), by_(settings.by), keys_(settings.by) {
    totals_.resize(policy.rules().size());
    groups_.resize(policy.rules().size());
    indicator_totals_.resize(policy.indicators().size());
    indicator_groups_.resize(policy.indicators().size());
    for (const auto& key : by_) time_keys_.push_back(time_key_of(key));
  }

  void add_case(const Timeline& timeline, std::span<const Obligation> obligations) {
    timeline.require_policy(policy_);  // the obligations index into this policy's rules
    ++cases_;
    for (const Obligation& o : obligations) {
      ++obligations_;
      totals_[o.rule_index].add(o.status);
      all_.add(o.status);
      if (by_.empty()) continue;
      const GroupKey& key = group_key(timeline, o.case_index, o.due, rule_range_);
      add_to(groups_[o.rule_index], key).add(o.status);
      add_to(all_groups_, key).add(o.status);
    }
  }

  void add_indicators(const Timeline& timeline, std::span<const IndicatorInstance> rows) {
    timeline.require_policy(policy_);
    for (const IndicatorInstance& row : rows) {
      indicator_totals_[row.indicator_index].add(row.repeat);
      if (by_.empty()) continue;
      add_to(indicator_groups_[row.indicator_index],
             group_key(timeline, row.case_index, row.start, indicator_range_))
          .add(row.repeat);
    }
  }

  // Every period from the first to the last seen (among the rules' due dates, or among the
  // indicators' starts), for each combination of the other keys that a rule (or indicator) has:
  // the empty periods get rows of zeros.
  void fill_periods() {
    for (std::size_t k = 0; k < by_.size(); ++k) {
      if (!time_keys_[k]) continue;
      const auto rules = labels(k, rule_range_), indicators = labels(k, indicator_range_);
      for (auto& groups : groups_) fill(groups, k, rules);
      fill(all_groups_, k, rules);
      for (auto& groups : indicator_groups_) fill(groups, k, indicators);
    }
  }

  const Policy& policy() const { return policy_; }
  const std::vector<std::string>& by() const { return by_; }
  // When periods were not filled: the range that was too long ("1900-01 to 2024-06").
  const std::string& unfilled() const { return unfilled_; }
  const std::vector<StatusCounts>& totals() const { return totals_; }
  const std::vector<Groups<StatusCounts>>& groups() const { return groups_; }
  const StatusCounts& all() const { return all_; }
  const Groups<StatusCounts>& all_groups() const { return all_groups_; }
  const std::vector<IndicatorCounts>& indicator_totals() const { return indicator_totals_; }
  const std::vector<Groups<IndicatorCounts>>& indicator_groups() const { return indicator_groups_; }
  std::size_t cases() const { return cases_; }
  std::size_t obligations() const { return obligations_; }

 private:
  // The first and last date seen, by key.
  struct Range {
    std::vector<std::optional<Date>> first, last;
  };

  // Every period of the range, or none when there are more than max_filled_periods (a date in
  // 1900 among 2024's would otherwise list a row of zeros for every month between).
  std::vector<std::string> labels(std::size_t k, const Range& range) {
    std::vector<std::string> out;
    if (range.first.size() <= k || !range.first[k]) return out;
    for (Date d = *range.first[k]; d <= *range.last[k]; d = next_period(*time_keys_[k], d)) {
      if (out.size() == max_filled_periods) {
        unfilled_ = time_label(*time_keys_[k], *range.first[k]) + " to " +
                    time_label(*time_keys_[k], *range.last[k]);
        return {};
      }
      out.push_back(time_label(*time_keys_[k], d));
    }
    return out;
  }

  template <typename Counts>
  static Counts& add_to(Groups<Counts>& groups, const GroupKey& key) {
    auto found = groups.find(key);
    if (found == groups.end()) found = groups.emplace(key, Counts{}).first;
    return found->second;
  }

  template <typename Counts>
  static void fill(Groups<Counts>& groups, std::size_t k, const std::vector<std::string>& labels) {
    std::set<GroupKey> others;  // the other keys' values, with this key's part blanked
    for (const auto& [key, counts] : groups) {
      GroupKey other = key;
      other[k].clear();
      others.insert(std::move(other));
    }
    for (GroupKey key : others)
      for (const auto& label : labels) {
        key[k] = label;
        groups.try_emplace(key);
      }
  }

  // The group of a row of case `case_index` (groups.hpp: its `--by` values, a period key being
  // the period of `date`, an obligation's due date or an indicator instance's start), noting the
  // range of dates each period key has seen.
  const GroupKey& group_key(const Timeline& timeline, std::uint32_t case_index, Date date,
                            Range& range) {
    for (std::size_t k = 0; k < by_.size(); ++k) {
      if (!time_keys_[k]) continue;
      range.first.resize(by_.size());
      range.last.resize(by_.size());
      if (!range.first[k] || date < *range.first[k]) range.first[k] = date;
      if (!range.last[k] || date > *range.last[k]) range.last[k] = date;
    }
    return keys_.parts(timeline, case_index, date);
  }

  const Policy& policy_;
  std::vector<std::string> by_;
  std::vector<std::optional<TimeKey>> time_keys_;  // by key: a period, or a cases-file column
  std::vector<StatusCounts> totals_;               // by rule
  std::vector<Groups<StatusCounts>> groups_;       // by rule, by key
  StatusCounts all_;                               // every rule
  Groups<StatusCounts> all_groups_;
  std::vector<IndicatorCounts> indicator_totals_;  // by indicator
  std::vector<Groups<IndicatorCounts>> indicator_groups_;
  Range rule_range_, indicator_range_;            // of the period keys
  GroupKeys keys_;
  std::size_t cases_ = 0, obligations_ = 0;
  std::string unfilled_;  // the range too long to fill, when one was
};

std::string group_label(const GroupKey& key) {
  std::string label = "  ";
  for (std::size_t k = 0; k < key.size(); ++k)
    label += (k ? ", " : "") + (key[k].empty() ? std::string(no_value) : key[k]);
  return label;
}

// One line of a table: the id, the name, the five counts, then the compliance (or repeats).
using Row = std::vector<std::string>;

Row counts_row(std::string id, std::string name, const StatusCounts& c) {
  return {std::move(id),           std::move(name),          std::to_string(c.met),
          std::to_string(c.late),  std::to_string(c.missed), std::to_string(c.pending),
          std::to_string(c.lapsed), compliance_text(c)};
}

constexpr Align counts_align[] = {Align::left,  Align::left,  Align::right, Align::right,
                                  Align::right, Align::right, Align::right, Align::left};
constexpr Align repeats_align[] = {Align::left, Align::left, Align::left};

class SummaryWriter final : public ReportWriter {
 public:
  SummaryWriter(const ReportSettings& settings, const Policy& policy, const RunDescription& run,
                std::ostream& out)
      : counter_(settings, policy), run_(run), out_(out) {}

  void add_case(const Timeline& timeline, std::span<const Obligation> obligations) override {
    counter_.add_case(timeline, obligations);
  }
  void add_indicators(const Timeline& timeline, std::span<const IndicatorInstance> rows) override {
    counter_.add_indicators(timeline, rows);
  }

  void finish() override {
    counter_.fill_periods();
    const Policy& policy = counter_.policy();
    const auto& by = counter_.by();
    std::string text = render_run_description(run_);
    text += '\n';
    std::string name_header = "name";
    for (std::size_t k = 0; k < by.size(); ++k) name_header += (k == 0 ? " / " : ", ") + by[k];

    std::vector<Row> rows;
    rows.push_back(
        {"rule", name_header, "met", "late", "missed", "pending", "lapsed", "compliance"});
    for (std::size_t r = 0; r < policy.rules().size(); ++r) {
      const Rule& rule = policy.rules()[r];
      rows.push_back(counts_row(rule.id, rule.name, counter_.totals()[r]));
      for (const auto& [key, counts] : counter_.groups()[r])
        rows.push_back(counts_row("", group_label(key), counts));
    }
    // Across every rule: a headline figure, and the check that the groups add up.
    rows.push_back(counts_row("total", "All rules", counter_.all()));
    for (const auto& [key, counts] : counter_.all_groups())
      rows.push_back(counts_row("", group_label(key), counts));
    lay_out(std::move(rows), counts_align, 1, text);

    if (!policy.indicators().empty()) {
      text += '\n';
      rows.clear();
      rows.push_back({"indicator", name_header, "repeats"});
      for (std::size_t i = 0; i < policy.indicators().size(); ++i) {
        const Indicator& indicator = policy.indicators()[i];
        rows.push_back(
            {indicator.id, indicator.name, indicator_text(counter_.indicator_totals()[i])});
        for (const auto& [key, counts] : counter_.indicator_groups()[i])
          rows.push_back({"", group_label(key), indicator_text(counts)});
      }
      lay_out(std::move(rows), repeats_align, 1, text);
    }

    if (!counter_.unfilled().empty())
      text += "\nperiods without obligations are not listed: " + counter_.unfilled() + " is more than " +
              std::to_string(max_filled_periods) + " periods\n";
    text += '\n';
    const std::size_t cases = counter_.cases(), obligations = counter_.obligations();
    text += std::to_string(cases) + (cases == 1 ? " case, " : " cases, ") +
            std::to_string(obligations) + (obligations == 1 ? " obligation\n" : " obligations\n");
    out_.append(text);
    out_.flush();
  }

 private:
  SummaryCounter counter_;
  RunDescription run_;
  OutputBuffer out_;
};

// The summary's figures as rows (`--summary FILE`): level,rule,rule_name, the `--by` keys, the
// five counts and the compliance as a number (one decimal place, empty when nothing counts).
class SummaryRowsWriter final : public ReportWriter {
 public:
  SummaryRowsWriter(const ReportSettings& settings, const Policy& policy, std::ostream& out)
      : counter_(settings, policy), json_(settings.format == ReportFormat::json_lines), out_(out) {}

  void add_case(const Timeline& timeline, std::span<const Obligation> obligations) override {
    counter_.add_case(timeline, obligations);
  }

  void finish() override {
    counter_.fill_periods();
    const Policy& policy = counter_.policy();
    if (!json_) {
      out_.append("level,rule,rule_name");
      for (const auto& key : counter_.by()) {
        out_.put(',');
        append_csv_cell(out_, key);
      }
      out_.append(",met,late,missed,pending,lapsed,compliance\n");
    }
    for (std::size_t r = 0; r < policy.rules().size(); ++r) {
      const Rule& rule = policy.rules()[r];
      row("rule", rule.id, rule.name, nullptr, counter_.totals()[r]);
      for (const auto& [key, counts] : counter_.groups()[r])
        row("group", rule.id, rule.name, &key, counts);
    }
    row("rule", "total", "All rules", nullptr, counter_.all());
    for (const auto& [key, counts] : counter_.all_groups())
      row("group", "total", "All rules", &key, counts);
    out_.flush();
  }

 private:
  void row(std::string_view level, std::string_view id, std::string_view name,
           const GroupKey* key, const StatusCounts& c) {
    const auto& by = counter_.by();
    const std::size_t counts[] = {c.met, c.late, c.missed, c.pending, c.lapsed};
    static constexpr std::string_view count_names[] = {"met", "late", "missed", "pending",
                                                       "lapsed"};
    if (json_) {
      out_.append("{\"level\":\"");
      out_.append(level);
      out_.append("\",\"rule\":");
      append_json_string(out_, id);
      out_.append(",\"rule_name\":");
      append_json_string(out_, name);
      for (std::size_t k = 0; k < by.size(); ++k) {
        out_.put(',');
        append_json_string(out_, by[k]);
        out_.put(':');
        if (key)
          append_json_string(out_, (*key)[k]);
        else
          out_.append("null");
      }
      for (std::size_t i = 0; i < 5; ++i) {
        out_.append(",\"");
        out_.append(count_names[i]);
        out_.append("\":");
        out_.number(static_cast<long long>(counts[i]));
      }
      out_.append(",\"compliance\":");
      out_.append(c.counted() ? percent(c) : "null");
      out_.append("}\n");
    } else {
      out_.append(level);
      out_.put(',');
      append_csv_cell(out_, id);
      out_.put(',');
      append_csv_cell(out_, name);
      for (std::size_t k = 0; k < by.size(); ++k) {
        out_.put(',');
        if (key) append_csv_cell(out_, (*key)[k]);
      }
      for (std::size_t count : counts) {
        out_.put(',');
        out_.number(static_cast<long long>(count));
      }
      out_.put(',');
      if (c.counted()) out_.append(percent(c));
      out_.put('\n');
    }
    out_.row_done();
  }

  // compliance_text's percentage without its `%` and counts: "93.1".
  static std::string percent(const StatusCounts& c) {
    std::string text = compliance_text(c);
    return text.substr(0, text.find('%'));
  }

  SummaryCounter counter_;
  bool json_;
  OutputBuffer out_;
};

}  // namespace

std::unique_ptr<ReportWriter> make_summary_writer(const ReportSettings& settings,
                                                  const Policy& policy, const RunDescription& run,
                                                  std::ostream& out) {
  return std::make_unique<SummaryWriter>(settings, policy, run, out);
}

}  // namespace duly::reports

namespace duly {

std::unique_ptr<ReportWriter> make_summary_rows_writer(const ReportSettings& settings,
                                                       const Policy& policy, std::ostream& out) {
  return std::make_unique<reports::SummaryRowsWriter>(settings, policy, out);
}

}  // namespace duly
