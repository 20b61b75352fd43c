// The obligations reports: one row per obligation with the columns of docs/cli.md, then one column
// per `--by` key, as CSV or as JSON Lines. Every text that repeats (a rule's id and name, an event
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

// What both formats keep: the policy's texts in their quoted form, and the current case's. A
// Rows formats into whichever buffer it is given: the report's own, or a step's on another
// thread (each step has its own Rows).
class Rows {
 public:
  using Quote = std::string (*)(std::string_view);

  Rows(const ReportSettings& settings, const Policy& policy, Quote quote)
      : policy_(policy),
        by_(settings.by),
        days_left_from_(settings.days_left_from),
        quote_(quote),
        texts_(policy, quote) {
    for (const auto& key : by_) by_period_.push_back(time_key_of(key));
    case_values_.resize(by_.size());
  }

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
  static void period(OutputBuffer& out, TimeKey key, Date due) {
    if (key == TimeKey::month)
      out.month(due);
    else
      out.append(time_label(key, due));
  }

  const Policy& policy_;
  std::vector<std::string> by_;
  std::optional<Date> days_left_from_;
  std::vector<std::optional<TimeKey>> by_period_;  // by key: a period of the due date, or none
  Quote quote_;
  QuotedTexts texts_;
  std::uint32_t current_case_ = 0;
  bool have_case_ = false;
  std::string case_id_;
  std::vector<std::optional<std::string>> case_values_;
};

class CsvRows final : public Rows {
 public:
  CsvRows(const ReportSettings& settings, const Policy& policy)
      : Rows(settings, policy, &csv_cell) {}

  void header(OutputBuffer& out) const {
    bool first = true;
    for (auto column : columns) {
      if (!first) out.put(',');
      out.append(column);
      first = false;
    }
    if (days_left_from_) out.append(",days_left");
    for (const auto& key : by_) {
      out.put(',');
      append_csv_cell(out, key);
    }
    out.put('\n');
  }

  void add_case(const Timeline& timeline, std::span<const Obligation> obligations,
                OutputBuffer& out) {
    for (const Obligation& o : obligations) {
      enter_case(timeline, o.case_index);
      out.append(case_id_);
      out.put(',');
      out.append(texts_.rule_ids[o.rule_index]);
      out.put(',');
      out.append(texts_.rule_names[o.rule_index]);
      out.put(',');
      out.append(label(o.trigger_event));
      out.put(',');
      out.date(o.trigger_date);
      out.put(',');
      out.date(o.due);
      out.put(',');
      out.append(label(o.fulfilled_event));
      out.put(',');
      if (o.fulfilled_date) out.date(*o.fulfilled_date);
      out.put(',');
      out.append(to_string(o.status));
      out.put(',');
      if (o.days_late) out.number(*o.days_late);
      if (days_left_from_) {
        out.put(',');
        out.number(o.due - *days_left_from_);
      }
      for (std::size_t k = 0; k < by_.size(); ++k) {
        out.put(',');
        if (by_period_[k])
          period(out, *by_period_[k], o.due);
        else if (case_values_[k])
          out.append(*case_values_[k]);
      }
      out.put('\n');
      out.row_done();
    }
  }
};

class JsonRows final : public Rows {
 public:
  JsonRows(const ReportSettings& settings, const Policy& policy)
      : Rows(settings, policy, &json_string) {
    // Appended piece by piece: `"," + std::string` trips GCC 12's -Wrestrict false positive.
    for (const auto& key : by_) {
      std::string member = ",";
      member += json_string(key);
      member += ':';
      by_keys_.push_back(std::move(member));
    }
  }

  void header(OutputBuffer&) const {}  // JSON Lines has none

  void add_case(const Timeline& timeline, std::span<const Obligation> obligations,
                OutputBuffer& out) {
    for (const Obligation& o : obligations) {
      enter_case(timeline, o.case_index);
      out.append("{\"case_id\":");
      out.append(case_id_);
      out.append(",\"rule\":");
      out.append(texts_.rule_ids[o.rule_index]);
      out.append(",\"rule_name\":");
      out.append(texts_.rule_names[o.rule_index]);
      out.append(",\"trigger_event\":");
      text_or_null(out, label(o.trigger_event));
      out.append(",\"trigger_date\":\"");
      out.date(o.trigger_date);
      out.append("\",\"due\":\"");
      out.date(o.due);
      out.append("\",\"fulfilled_event\":");
      text_or_null(out, label(o.fulfilled_event));
      out.append(",\"fulfilled_date\":");
      if (o.fulfilled_date) {
        out.put('"');
        out.date(*o.fulfilled_date);
        out.put('"');
      } else {
        out.append("null");
      }
      out.append(",\"status\":\"");
      out.append(to_string(o.status));
      out.append("\",\"days_late\":");
      if (o.days_late)
        out.number(*o.days_late);
      else
        out.append("null");
      if (days_left_from_) {
        out.append(",\"days_left\":");
        out.number(o.due - *days_left_from_);
      }
      for (std::size_t k = 0; k < by_.size(); ++k) {
        out.append(by_keys_[k]);
        if (by_period_[k]) {
          out.put('"');
          period(out, *by_period_[k], o.due);
          out.put('"');
        } else {
          text_or_null(out, case_values_[k] ? std::string_view(*case_values_[k]) : std::string_view());
        }
      }
      out.append("}\n");
      out.row_done();
    }
  }

 private:
  // Quoted texts are never empty (they hold at least the quotes), so empty means absent.
  static void text_or_null(OutputBuffer& out, std::string_view quoted) {
    if (quoted.empty())
      out.append("null");
    else
      out.append(quoted);
  }
  std::vector<std::string> by_keys_;
};

// A case's rows formatted on the thread that evaluated it, into the step's own buffer and from
// there into the batch's text.
template <typename Format>
class RowsStep final : public CaseStep {
 public:
  RowsStep(const ReportSettings& settings, const Policy& policy) : rows_(settings, policy) {}

  void run(const Timeline& timeline, const CaseResults& results, std::string& out) override {
    buffer_.into(out);
    rows_.add_case(timeline, results.obligations, buffer_);
    buffer_.write_out();
  }

 private:
  Format rows_;
  OutputBuffer buffer_;
};

template <typename Format>
class ObligationsWriter final : public ReportWriter {
 public:
  ObligationsWriter(const ReportSettings& settings, const Policy& policy, std::ostream& out)
      : settings_(settings), policy_(policy), rows_(settings, policy), out_(out) {
    rows_.header(out_);
  }

  void add_case(const Timeline& timeline, std::span<const Obligation> obligations) override {
    rows_.add_case(timeline, obligations, out_);
  }
  std::unique_ptr<CaseStep> make_case_step() const override {
    return std::make_unique<RowsStep<Format>>(settings_, policy_);
  }
  void add_formatted(std::string_view rows) override {
    out_.append(rows);
    out_.row_done();
  }
  void finish() override { out_.flush(); }

 private:
  ReportSettings settings_;
  const Policy& policy_;
  Format rows_;
  OutputBuffer out_;
};

}  // namespace

std::unique_ptr<ReportWriter> make_csv_writer(const ReportSettings& settings, const Policy& policy,
                                              std::ostream& out) {
  return std::make_unique<ObligationsWriter<CsvRows>>(settings, policy, out);
}

std::unique_ptr<ReportWriter> make_json_lines_writer(const ReportSettings& settings,
                                                     const Policy& policy, std::ostream& out) {
  return std::make_unique<ObligationsWriter<JsonRows>>(settings, policy, out);
}

}  // namespace duly::reports
