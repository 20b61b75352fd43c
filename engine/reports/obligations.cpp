// The obligations reports: one row per obligation with the columns of docs/cli.md, then one column
// per
// `--by` key, as CSV or as JSON Lines. Every text that repeats (a rule's id and name, an event
// type's name, a case's id and attributes) is quoted once and reused (quoted_texts.hpp), so a row
// costs a few appends and no allocation.
#include "engine/reports/writers.hpp"

#include "engine/reports/output.hpp"
#include "engine/reports/quoted_texts.hpp"
#include "engine/reports/time_keys.hpp"

#include <optional>
#include <string>
#include <vector>

namespace duly::reports {

namespace {

constexpr std::string_view columns[] = {
    "case_id",         "rule",           "rule_name", "trigger_event", "trigger_date", "due",
    "fulfilled_event", "fulfilled_date", "status",    "days_late"};

// What both formats keep: the policy's texts in their quoted form, and the current case's.
class ObligationsWriter : public ReportWriter {
 public:
  using Quote = std::string (*)(std::string_view);

  ObligationsWriter(const ReportSettings& settings, const Policy& policy, std::ostream& out,
                    Quote quote)
      : policy_(policy),
        by_(settings.by),
        days_left_from_(settings.days_left_from),
        out_(out),
        quote_(quote),
        texts_(policy, quote) {
    for (const auto& key : by_) by_period_.push_back(time_key_of(key));
    case_values_.resize(by_.size());
  }

  void finish() override { out_.flush(); }

 protected:
  // Quotes the case's id and its `--by` values once per case.
  void enter_case(const Timeline& timeline, std::uint32_t case_index) {
    if (have_case_ && case_index == current_case_) return;
    timeline.require_policy(policy_);  // the obligations index into this policy's rules
    timeline.require_case(case_index);
    have_case_ = true;
    current_case_ = case_index;
    const Case& c = timeline.cases()[case_index];
    case_id_ = quote_(c.id);
    for (std::size_t k = 0; k < by_.size(); ++k) {
      case_values_[k].reset();
      if (by_period_[k]) continue;
      if (auto value = timeline.case_column(c, by_[k])) case_values_[k] = quote_(*value);
    }
  }

  // The label's quoted text, or nothing for none.
  std::string_view label(const EventLabel& label) { return texts_.label(label); }

  // A period key's cell: months from the buffer's table of days, the others spelt out.
  void period(TimeKey key, Date due) {
    if (key == TimeKey::month)
      out_.month(due);
    else
      out_.append(time_label(key, due));
  }

  const Policy& policy_;
  std::vector<std::string> by_;
  std::optional<Date> days_left_from_;
  std::vector<std::optional<TimeKey>> by_period_;  // by key: a period of the due date, or none
  OutputBuffer out_;
  Quote quote_;
  QuotedTexts texts_;
  std::uint32_t current_case_ = 0;
  bool have_case_ = false;
  std::string case_id_;
  std::vector<std::optional<std::string>> case_values_;
};

class CsvWriter final : public ObligationsWriter {
 public:
  CsvWriter(const ReportSettings& settings, const Policy& policy, std::ostream& out)
      : ObligationsWriter(settings, policy, out, &csv_cell) {
    bool first = true;
    for (auto column : columns) {
      if (!first) out_.put(',');
      out_.append(column);
      first = false;
    }
    if (days_left_from_) out_.append(",days_left");
    for (const auto& key : by_) {
      out_.put(',');
      append_csv_cell(out_, key);
    }
    out_.put('\n');
  }

  void add_case(const Timeline& timeline, std::span<const Obligation> obligations) override {
    for (const Obligation& o : obligations) {
      enter_case(timeline, o.case_index);
      out_.append(case_id_);
      out_.put(',');
      out_.append(texts_.rule_ids[o.rule_index]);
      out_.put(',');
      out_.append(texts_.rule_names[o.rule_index]);
      out_.put(',');
      out_.append(label(o.trigger_event));
      out_.put(',');
      out_.date(o.trigger_date);
      out_.put(',');
      out_.date(o.due);
      out_.put(',');
      out_.append(label(o.fulfilled_event));
      out_.put(',');
      if (o.fulfilled_date) out_.date(*o.fulfilled_date);
      out_.put(',');
      out_.append(to_string(o.status));
      out_.put(',');
      if (o.days_late) out_.number(*o.days_late);
      if (days_left_from_) {
        out_.put(',');
        out_.number(o.due - *days_left_from_);
      }
      for (std::size_t k = 0; k < by_.size(); ++k) {
        out_.put(',');
        if (by_period_[k])
          period(*by_period_[k], o.due);
        else if (case_values_[k])
          out_.append(*case_values_[k]);
      }
      out_.put('\n');
      out_.row_done();
    }
  }
};

class JsonLinesWriter final : public ObligationsWriter {
 public:
  JsonLinesWriter(const ReportSettings& settings, const Policy& policy, std::ostream& out)
      : ObligationsWriter(settings, policy, out, &json_string) {
    // Appended piece by piece: `"," + std::string` trips GCC 12's -Wrestrict false positive.
    for (const auto& key : by_) {
      std::string member = ",";
      member += json_string(key);
      member += ':';
      by_keys_.push_back(std::move(member));
    }
  }

  void add_case(const Timeline& timeline, std::span<const Obligation> obligations) override {
    for (const Obligation& o : obligations) {
      enter_case(timeline, o.case_index);
      out_.append("{\"case_id\":");
      out_.append(case_id_);
      out_.append(",\"rule\":");
      out_.append(texts_.rule_ids[o.rule_index]);
      out_.append(",\"rule_name\":");
      out_.append(texts_.rule_names[o.rule_index]);
      out_.append(",\"trigger_event\":");
      text_or_null(label(o.trigger_event));
      out_.append(",\"trigger_date\":\"");
      out_.date(o.trigger_date);
      out_.append("\",\"due\":\"");
      out_.date(o.due);
      out_.append("\",\"fulfilled_event\":");
      text_or_null(label(o.fulfilled_event));
      out_.append(",\"fulfilled_date\":");
      if (o.fulfilled_date) {
        out_.put('"');
        out_.date(*o.fulfilled_date);
        out_.put('"');
      } else {
        out_.append("null");
      }
      out_.append(",\"status\":\"");
      out_.append(to_string(o.status));
      out_.append("\",\"days_late\":");
      if (o.days_late)
        out_.number(*o.days_late);
      else
        out_.append("null");
      if (days_left_from_) {
        out_.append(",\"days_left\":");
        out_.number(o.due - *days_left_from_);
      }
      for (std::size_t k = 0; k < by_.size(); ++k) {
        out_.append(by_keys_[k]);
        if (by_period_[k]) {
          out_.put('"');
          period(*by_period_[k], o.due);
          out_.put('"');
        } else {
          text_or_null(case_values_[k] ? std::string_view(*case_values_[k]) : std::string_view());
        }
      }
      out_.append("}\n");
      out_.row_done();
    }
  }

 private:
  // Quoted texts are never empty (they hold at least the quotes), so empty means absent.
  void text_or_null(std::string_view quoted) {
    if (quoted.empty())
      out_.append("null");
    else
      out_.append(quoted);
  }
  std::vector<std::string> by_keys_;
};

}  // namespace

std::unique_ptr<ReportWriter> make_csv_writer(const ReportSettings& settings, const Policy& policy,
                                              std::ostream& out) {
  return std::make_unique<CsvWriter>(settings, policy, out);
}

std::unique_ptr<ReportWriter> make_json_lines_writer(const ReportSettings& settings,
                                                     const Policy& policy, std::ostream& out) {
  return std::make_unique<JsonLinesWriter>(settings, policy, out);
}

}  // namespace duly::reports
