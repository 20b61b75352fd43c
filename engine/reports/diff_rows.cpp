// The changes of a diff as rows (docs/cli.md, `duly diff`): one per changed pair, with exactly
// the columns case_id,rule,trigger_event,trigger_date,old_due,old_status,new_due,new_status, as
// CSV or as JSON Lines, written as each case comes. As in the obligations reports, every text
// that repeats (a rule id, an event type, a case id) is quoted once and reused (quoted_texts.hpp).
#include "engine/reports/diff_writers.hpp"
#include "engine/reports/output.hpp"
#include "engine/reports/quoted_texts.hpp"

#include <string>
#include <vector>

namespace duly::reports {

namespace {

constexpr std::string_view columns[] = {"case_id", "rule",       "trigger_event", "trigger_date",
                                        "old_due", "old_status", "new_due",       "new_status"};

// What both formats share: the quoted texts of each policy, and the case being written. A
// derived writer says how a row is laid out.
class DiffRowsWriter : public PolicyDiffWriter {
 public:
  using Quote = QuotedTexts::Quote;

  DiffRowsWriter(const PolicyDiff& diff, std::ostream& out, Quote quote)
      : out_(out),
        quote_(quote),
        old_texts_(diff.old_policy(), quote),
        new_texts_(diff.new_policy(), quote) {}

  void add_case(const CaseDiff& c) override {
    if (c.changed == 0) return;
    case_id_ = quote_(c.case_id);
    for (const ObligationPair& pair : c.pairs) {
      if (!pair.changed()) continue;
      // A pair's key is the same under both policies: take it from either side.
      const bool from_new = pair.new_obligation != nullptr;
      const Obligation& o = from_new ? *pair.new_obligation : *pair.old_obligation;
      QuotedTexts& texts = from_new ? new_texts_ : old_texts_;
      write_row(texts.rule_ids[o.rule_index], texts.label(o.trigger_event), o.trigger_date,
                pair.old_obligation, pair.new_obligation);
      out_.row_done();
    }
  }

  void finish() override { out_.flush(); }

 protected:
  virtual void write_row(std::string_view rule, std::string_view trigger_event, Date trigger_date,
                         const Obligation* old_obligation, const Obligation* new_obligation) = 0;

  OutputBuffer out_;
  Quote quote_;
  QuotedTexts old_texts_, new_texts_;
  std::string case_id_;  // quoted
};

class DiffCsvWriter final : public DiffRowsWriter {
 public:
  DiffCsvWriter(const PolicyDiff& diff, std::ostream& out) : DiffRowsWriter(diff, out, &csv_cell) {
    bool first = true;
    for (auto column : columns) {
      if (!first) out_.put(',');
      out_.append(column);
      first = false;
    }
    out_.put('\n');
  }

 private:
  void write_row(std::string_view rule, std::string_view trigger_event, Date trigger_date,
                 const Obligation* old_obligation, const Obligation* new_obligation) override {
    out_.append(case_id_);
    out_.put(',');
    out_.append(rule);
    out_.put(',');
    out_.append(trigger_event);
    out_.put(',');
    out_.date(trigger_date);
    side(old_obligation);
    side(new_obligation);
    out_.put('\n');
  }

  // ",due,status", the cells empty when the policy has no such obligation.
  void side(const Obligation* o) {
    out_.put(',');
    if (o) out_.date(o->due);
    out_.put(',');
    if (o) out_.append(to_string(o->status));
  }
};

class DiffJsonLinesWriter final : public DiffRowsWriter {
 public:
  DiffJsonLinesWriter(const PolicyDiff& diff, std::ostream& out)
      : DiffRowsWriter(diff, out, &json_string) {}

 private:
  void write_row(std::string_view rule, std::string_view trigger_event, Date trigger_date,
                 const Obligation* old_obligation, const Obligation* new_obligation) override {
    out_.append("{\"case_id\":");
    out_.append(case_id_);
    out_.append(",\"rule\":");
    out_.append(rule);
    out_.append(",\"trigger_event\":");
    // Quoted texts are never empty (they hold at least the quotes), so empty means none.
    out_.append(trigger_event.empty() ? std::string_view("null") : trigger_event);
    out_.append(",\"trigger_date\":\"");
    out_.date(trigger_date);
    out_.append("\",\"old_due\":");
    side(old_obligation, "\"old_status\":");
    out_.append(",\"new_due\":");
    side(new_obligation, "\"new_status\":");
    out_.append("}\n");
  }

  // `"2024-04-17","old_status":"met"`, or nulls when the policy has no such obligation.
  void side(const Obligation* o, std::string_view status_key) {
    if (!o) {
      out_.append("null,");
      out_.append(status_key);
      out_.append("null");
      return;
    }
    out_.put('"');
    out_.date(o->due);
    out_.append("\",");
    out_.append(status_key);
    out_.put('"');
    out_.append(to_string(o->status));
    out_.put('"');
  }
};

}  // namespace

std::unique_ptr<PolicyDiffWriter> make_diff_csv_writer(const PolicyDiff& diff, std::ostream& out) {
  return std::make_unique<DiffCsvWriter>(diff, out);
}

std::unique_ptr<PolicyDiffWriter> make_diff_json_lines_writer(const PolicyDiff& diff,
                                                              std::ostream& out) {
  return std::make_unique<DiffJsonLinesWriter>(diff, out);
}

}  // namespace duly::reports
