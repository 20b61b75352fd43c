// The summary table: per rule, in the policy's order, the counts of each status and the
// compliance, with one indented row per group when `--by` keys are given. Only counts are kept
// while cases stream past (one StatusCounts per rule and group); the table is laid out at the
// end, when the widths of its columns are known.
#include "engine/civil_date.hpp"
#include "engine/reports/output.hpp"
#include "engine/reports/writers.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace duly::reports {

namespace {

// Groups are keyed by their values joined with this byte, which no CSV cell of a case file
// holds in practice; it sorts before every printable character, so "north" precedes
// "north east".
constexpr char key_separator = '\x1f';
constexpr std::string_view no_value = "(none)";

// The width of a cell on a terminal: one column per UTF-8 code point.
std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
  return width;
}

class SummaryWriter final : public ReportWriter {
 public:
  SummaryWriter(const ReportSettings& settings, const Policy& policy, const RunDescription& run,
                std::ostream& out)
      : policy_(policy), run_(run), by_(settings.by), out_(out) {
    totals_.resize(policy.rules().size());
    groups_.resize(policy.rules().size());
    for (const auto& key : by_) by_month_.push_back(key == "month");
  }

  void add_case(const Timeline& timeline, std::span<const Obligation> obligations) override {
    ++cases_;
    bool have_case = false;
    std::uint32_t current_case = 0;
    for (const Obligation& o : obligations) {
      ++obligations_;
      totals_[o.rule_index].add(o.status);
      if (by_.empty()) continue;
      if (!have_case || o.case_index != current_case) {
        have_case = true;
        current_case = o.case_index;
        case_key_parts(timeline, timeline.cases()[o.case_index]);
      }
      key_.clear();
      for (std::size_t k = 0; k < by_.size(); ++k) {
        if (k > 0) key_ += key_separator;
        if (by_month_[k]) {
          const YearMonthDay due = civil::to_civil(o.due);
          char month[24];
          std::snprintf(month, sizeof month, "%04d-%02d", due.year, due.month);
          key_ += month;
        } else {
          key_ += parts_[k];
        }
      }
      auto& groups = groups_[o.rule_index];
      auto found = groups.find(key_);
      if (found == groups.end()) found = groups.emplace(key_, StatusCounts{}).first;
      found->second.add(o.status);
    }
  }

  void finish() override {
    std::string text = render_run_description(run_);
    text += '\n';
    std::vector<Row> rows;
    std::string name_header = "name";
    for (std::size_t k = 0; k < by_.size(); ++k) name_header += (k == 0 ? " / " : ", ") + by_[k];
    rows.push_back(
        {"rule", name_header, {"met", "late", "missed", "pending", "lapsed"}, "compliance"});
    for (std::size_t r = 0; r < policy_.rules().size(); ++r) {
      const Rule& rule = policy_.rules()[r];
      rows.push_back(counts_row(rule.id, rule.name, totals_[r]));
      for (const auto& [key, counts] : groups_[r])
        rows.push_back(counts_row("", group_label(key), counts));
    }
    lay_out(rows, text);
    text += '\n';
    text += std::to_string(cases_) + (cases_ == 1 ? " case, " : " cases, ") +
            std::to_string(obligations_) + (obligations_ == 1 ? " obligation\n" : " obligations\n");
    out_.append(text);
    out_.flush();
  }

 private:
  struct Row {
    std::string rule, name;
    std::array<std::string, 5> counts;
    std::string compliance;
  };

  static Row counts_row(std::string rule, std::string name, const StatusCounts& c) {
    return {std::move(rule),
            std::move(name),
            {std::to_string(c.met), std::to_string(c.late), std::to_string(c.missed),
             std::to_string(c.pending), std::to_string(c.lapsed)},
            compliance_text(c)};
  }

  void case_key_parts(const Timeline& timeline, const Case& c) {
    parts_.assign(by_.size(), std::string());
    for (std::size_t k = 0; k < by_.size(); ++k) {
      if (by_month_[k]) continue;
      auto value = timeline.case_column(c, by_[k]);
      // An absent value keeps the empty key part (sorting first) and prints as "(none)".
      if (value) parts_[k] = *value;
    }
  }

  static std::string group_label(const std::string& key) {
    std::string label = "  ";
    std::size_t start = 0;
    while (true) {
      const std::size_t end = key.find(key_separator, start);
      std::string_view part = std::string_view(key).substr(start, end - start);
      label += part.empty() ? no_value : part;
      if (end == std::string::npos) break;
      label += ", ";
      start = end + 1;
    }
    return label;
  }

  // Text columns left-aligned, counts right-aligned, two spaces between columns, nothing
  // after the last.
  static void lay_out(const std::vector<Row>& rows, std::string& text) {
    std::size_t rule_width = 0, name_width = 0;
    std::array<std::size_t, 5> count_width{};
    for (const Row& row : rows) {
      rule_width = std::max(rule_width, display_width(row.rule));
      name_width = std::max(name_width, display_width(row.name));
      for (std::size_t i = 0; i < 5; ++i)
        count_width[i] = std::max(count_width[i], row.counts[i].size());
    }
    for (const Row& row : rows) {
      text += row.rule;
      text.append(rule_width - display_width(row.rule) + 2, ' ');
      text += row.name;
      text.append(name_width - display_width(row.name), ' ');
      for (std::size_t i = 0; i < 5; ++i) {
        text.append(count_width[i] - row.counts[i].size() + 2, ' ');
        text += row.counts[i];
      }
      text += "  ";
      text += row.compliance;
      text += '\n';
    }
  }

  const Policy& policy_;
  RunDescription run_;
  std::vector<std::string> by_;
  std::vector<bool> by_month_;
  OutputBuffer out_;
  std::vector<StatusCounts> totals_;                                      // by rule
  std::vector<std::map<std::string, StatusCounts, std::less<>>> groups_;  // by rule, by key
  std::vector<std::string> parts_;  // the current case's key parts
  std::string key_;
  std::size_t cases_ = 0, obligations_ = 0;
};

}  // namespace

std::unique_ptr<ReportWriter> make_summary_writer(const ReportSettings& settings,
                                                  const Policy& policy, const RunDescription& run,
                                                  std::ostream& out) {
  return std::make_unique<SummaryWriter>(settings, policy, run, out);
}

}  // namespace duly::reports
