// The HTML report (`duly check --format html`, docs/cli.md): one self-contained page with the run
// description, the summary of every rule with its compliance, a chart per rule of compliance by
// month of the due date, a breakdown by each `--by` key, the indicators, and a picture of each of
// the worst cases. While cases stream past it keeps counts (per rule, per rule and month, per rule
// and value of each key) and the pictures of a bounded number of cases, the worst so far in a
// heap, so that memory does not grow with the number of cases; the page is written at the end.
#include "engine/reports/html.hpp"
#include "engine/reports/groups.hpp"
#include "engine/reports/output.hpp"
#include "engine/reports/writers.hpp"
#include "engine/time/civil_date.hpp"

#include <algorithm>
#include <climits>
#include <map>
#include <string>
#include <vector>

namespace duly::reports {

namespace {

// A key with at most this many values is broken down as a table of rules by values, one
// compliance per cell (teams, areas); one with more (months, workers) as a row per rule and value.
constexpr std::size_t matrix_values_cap = 8;

// How many cases are drawn at most, and how many marks (obligations, events, period instances)
// all their pictures may hold: a mark costs about 200 bytes of page, so the pictures stay within
// about 12 MB however long the cases' histories (docs/performance.md), and the page quick to open.
constexpr std::size_t case_pictures_cap = 100;
constexpr std::size_t picture_marks_budget = 60000;

std::size_t marks_of(const html::CasePicture& p) {
  return p.obligations.size() + p.events.size() + p.periods.size();
}

// A case's place among the worst: more late and missed obligations first, then more missed, then
// the earlier case (timeline order), so that the choice does not depend on anything but the data.
struct Badness {
  std::size_t findings = 0, missed = 0;
  std::uint32_t case_index = 0;
};

bool worse(const Badness& a, const Badness& b) {
  if (a.findings != b.findings) return a.findings > b.findings;
  if (a.missed != b.missed) return a.missed > b.missed;
  return a.case_index < b.case_index;
}

Badness badness_of(const html::CasePicture& p) {
  return {p.late + p.missed, p.missed, p.case_index};
}

bool worse_picture(const html::CasePicture& a, const html::CasePicture& b) {
  return worse(badness_of(a), badness_of(b));
}

template <typename Counts>
using ByValue = std::map<std::string, Counts, std::less<>>;

template <typename Counts>
Counts& counts_of(ByValue<Counts>& groups, const std::string& value) {
  auto found = groups.find(value);
  if (found == groups.end()) found = groups.emplace(value, Counts{}).first;
  return found->second;
}

std::string_view shown(std::string_view value) { return value.empty() ? no_value : value; }

// One rule's met, late and missed obligations by month due, from the first month with any to
// the last: a few hundred months at most, so a vector rather than a tree.
struct MonthSeries {
  int first = 0;
  std::vector<StatusCounts> counts;  // by month from `first`

  void add(int month, Status status) {
    if (counts.empty()) first = month;
    if (month < first) {
      counts.insert(counts.begin(), static_cast<std::size_t>(first - month), StatusCounts{});
      first = month;
    }
    const auto at = static_cast<std::size_t>(month - first);
    if (at >= counts.size()) counts.resize(at + 1);
    counts[at].add(status);
  }
  int last() const { return first + static_cast<int>(counts.size()) - 1; }
};

// The month of a date, remembering the last month's first and last days: a case's due dates
// come close together, so most look-ups are two comparisons.
class MonthOfDate {
 public:
  int operator()(Date date) {
    if (date < start_ || date > end_) {
      month_ = html::month_number(date);
      const YearMonthDay ymd = civil::to_civil(date);
      start_ = civil::from_civil(ymd.year, static_cast<int>(ymd.month), 1);
      end_ = Date{start_.days + civil::month_length(ymd.year, static_cast<int>(ymd.month)) - 1};
    }
    return month_;
  }

 private:
  Date start_{INT_MAX}, end_{INT_MIN};
  int month_ = 0;
};

// The counts of one value of a `--by` key, found once per case: the case's obligations of one
// rule all add to the same counts (for a key other than `month`).
struct CachedCounts {
  std::size_t generation = 0;  // the case it was found for
  StatusCounts* counts = nullptr;
};

class HtmlWriter final : public ReportWriter {
 public:
  HtmlWriter(const ReportSettings& settings, const Policy& policy, const RunDescription& run,
             std::ostream& out)
      : policy_(policy), run_(run), groups_(settings.by), out_(out) {
    const std::size_t rules = policy.rules().size(), keys = settings.by.size();
    totals_.resize(rules);
    months_.resize(rules);
    by_key_.assign(keys, std::vector<ByValue<StatusCounts>>(rules));
    key_totals_.resize(keys);
    rule_cache_.assign(keys, std::vector<CachedCounts>(rules));
    total_cache_.resize(keys);
    indicator_totals_.resize(policy.indicators().size());
    indicators_by_key_.assign(keys,
                              std::vector<ByValue<IndicatorCounts>>(policy.indicators().size()));
  }

  bool wants_periods() const override { return true; }

  void add_periods(const Timeline& /*timeline*/, std::span<const PeriodInstance> periods) override {
    periods_.assign(periods.begin(), periods.end());
  }

  void add_case(const Timeline& timeline, std::span<const Obligation> obligations) override {
    timeline.require_policy(policy_);  // the obligations index into this policy's rules
    ++cases_;
    ++generation_;
    if (!obligations.empty()) groups_.enter_case(timeline, obligations.front().case_index);
    Badness badness;
    for (const Obligation& o : obligations) {
      count(o);
      if (o.status == Status::late || o.status == Status::missed) {
        ++badness.findings;
        badness.case_index = o.case_index;
      }
      if (o.status == Status::missed) ++badness.missed;
    }
    if (badness.findings > 0) {
      ++cases_with_findings_;
      keep_if_among_worst(timeline, badness, obligations);
    }
    periods_.clear();  // handed over for this case alone
  }

  void add_indicators(const Timeline& timeline, std::span<const IndicatorInstance> rows) override {
    timeline.require_policy(policy_);
    for (const IndicatorInstance& row : rows) {
      indicator_totals_[row.indicator_index].add(row.repeat);
      if (groups_.empty()) continue;
      const auto& parts = groups_.parts(timeline, row.case_index, row.start);
      for (std::size_t k = 0; k < parts.size(); ++k)
        counts_of(indicators_by_key_[k][row.indicator_index], parts[k]).add(row.repeat);
    }
  }

  void finish() override {
    for (const StatusCounts& c : totals_) {
      all_rules_.met += c.met;
      all_rules_.late += c.late;
      all_rules_.missed += c.missed;
      all_rules_.pending += c.pending;
      all_rules_.lapsed += c.lapsed;
    }
    chart_months();
    html::begin_page(out_, policy_.name() + " on " + to_iso_string(run_.as_of));
    header();
    summary();
    charts();
    for (std::size_t k = 0; k < groups_.by().size(); ++k) breakdown(k);
    cases();
    html::end_page(out_);
    out_.flush();
  }

 private:
  void count(const Obligation& o) {
    ++obligations_;
    totals_[o.rule_index].add(o.status);
    if (o.status == Status::met || o.status == Status::late || o.status == Status::missed)
      months_[o.rule_index].add(month_of_(o.due), o.status);
    for (std::size_t k = 0; k < rule_cache_.size(); ++k) {
      if (groups_.is_month(k)) {
        const std::string& month = month_text(o.due);
        counts_of(by_key_[k][o.rule_index], month).add(o.status);
        counts_of(key_totals_[k], month).add(o.status);
        continue;
      }
      if (groups_.is_period(k)) {  // a week or a financial year of the due date
        const std::string period = time_label(*time_key_of(groups_.by()[k]), o.due);
        counts_of(by_key_[k][o.rule_index], period).add(o.status);
        counts_of(key_totals_[k], period).add(o.status);
        continue;
      }
      cached(rule_cache_[k][o.rule_index], by_key_[k][o.rule_index], k).add(o.status);
      cached(total_cache_[k], key_totals_[k], k).add(o.status);
    }
  }

  // The counts of the current case's value of key `k` in `groups`, found once per case.
  StatusCounts& cached(CachedCounts& cache, ByValue<StatusCounts>& groups, std::size_t k) {
    if (cache.generation != generation_)
      cache = CachedCounts{generation_, &counts_of(groups, groups_.case_value(k))};
    return *cache.counts;
  }

  // A due date's YYYY-MM, for `--by month`, made again only when the month changes.
  const std::string& month_text(Date date) {
    const int month = month_of_(date);
    if (month != text_month_) {
      text_month_ = month;
      month_text_ = html::month_text(month);
    }
    return month_text_;
  }

  // Keeps the case's picture when it is among the worst so far; the picture is made only then.
  void keep_if_among_worst(const Timeline& timeline, const Badness& badness,
                           std::span<const Obligation> obligations) {
    const bool full = worst_.size() == case_pictures_cap;
    if (full && !worse(badness, badness_of(worst_.front()))) return;
    html::CasePicture picture = html::make_case_picture(timeline, badness.case_index, obligations,
                                                        periods_, run_.as_of, groups_.by());
    if (full) {
      std::pop_heap(worst_.begin(), worst_.end(), worse_picture);
      worst_.back() = std::move(picture);
    } else {
      worst_.push_back(std::move(picture));
    }
    // The heap's front is the least bad case kept, the first to give way.
    std::push_heap(worst_.begin(), worst_.end(), worse_picture);
  }

  void header() {
    out_.append("<header>\n<h1>");
    html::append_escaped(out_, policy_.name());
    out_.append("</h1>\n<p class=\"muted\">Statutory timescales checked on ");
    out_.date(run_.as_of);
    out_.append(" by duly.</p>\n");
    html::run_description(out_, run_);
    out_.append("<nav><a href=\"#summary\">Summary</a><a href=\"#charts\">By month</a>");
    for (std::size_t k = 0; k < groups_.by().size(); ++k) {
      out_.append("<a href=\"#by-");
      out_.number(static_cast<long long>(k + 1));
      out_.append("\">By ");
      html::append_escaped(out_, groups_.by()[k]);
      out_.append("</a>");
    }
    out_.append("<a href=\"#cases\">Cases</a></nav>\n<div class=\"figures\">\n");
    figure("", html::grouped(cases_), cases_ == 1 ? "case" : "cases");
    figure("", html::grouped(obligations_), obligations_ == 1 ? "obligation" : "obligations");
    const std::string all_rules = compliance_text(all_rules_);
    const auto [percent, counts] = html::split_share(all_rules);
    figure(
        "met", std::string(percent),
        counts.empty() ? "compliance, all rules" : "compliance, all rules " + std::string(counts));
    figure("late", html::grouped(all_rules_.late), "late");
    figure("missed", html::grouped(all_rules_.missed), "missed");
    figure("", html::grouped(cases_with_findings_),
           cases_with_findings_ == 1 ? "case with late or missed" : "cases with late or missed");
    out_.append("</div>\n</header>\n");
  }

  void figure(std::string_view kind, const std::string& value, const std::string& what) {
    out_.append(kind.empty() ? "<div class=\"figure\">" : "<div class=\"figure ");
    if (!kind.empty()) {
      out_.append(kind);
      out_.append("\">");
    }
    out_.append("<b>");
    out_.append(value);
    out_.append("</b><span>");
    out_.append(what);
    out_.append("</span></div>\n");
  }

  static constexpr html::Column rule_columns[] = {{"rule"}, {"name"}};

  void rule_cells(const Rule& rule) {
    out_.append("<td class=\"id\">");
    html::append_escaped(out_, rule.id);
    out_.append("</td><td class=\"name\">");
    html::append_escaped(out_, rule.name);
    out_.append("</td>");
  }

  void summary() {
    out_.append(
        "<h2 id=\"summary\">Summary</h2>\n<p>Every rule of the policy, with the obligations of "
        "each status. Compliance is met / (met + late + missed); pending and lapsed obligations "
        "do not count towards it.</p>\n");
    overall_chart();
    out_.append("<h3>Rule by rule</h3>\n");
    html::begin_table(out_, "rules", "rules", rule_columns, html::status_columns());
    for (std::size_t r = 0; r < policy_.rules().size(); ++r) {
      html::begin_row(out_);
      rule_cells(policy_.rules()[r]);
      html::status_cells(out_, totals_[r]);
      html::end_row(out_);
    }
    html::begin_table_foot(out_);
    html::begin_row(out_);
    out_.append("<td></td>");
    html::text_cell(out_, "All rules");
    html::status_cells(out_, all_rules_);
    html::end_row(out_);
    html::end_table(out_, true);
    if (!policy_.indicators().empty()) indicators();
  }

  static constexpr html::Column indicator_columns[] = {
      {"indicator"}, {"name"}, {"repeats", html::Column::Kind::share}};

  void indicators() {
    out_.append(
        "<h3>Indicators</h3>\n<p>Repeats among the instances started on or before the as-of "
        "date. Indicators are figures, not obligations: they do not count towards "
        "compliance.</p>\n");
    html::begin_table(out_, "indicators", "indicators", indicator_columns);
    for (std::size_t i = 0; i < policy_.indicators().size(); ++i) {
      html::begin_row(out_);
      indicator_cells(policy_.indicators()[i]);
      html::indicator_cell(out_, indicator_totals_[i]);
      html::end_row(out_);
    }
    html::end_table(out_, false);
  }

  void indicator_cells(const Indicator& indicator) {
    out_.append("<td class=\"id\">");
    html::append_escaped(out_, indicator.id);
    out_.append("</td>");
    html::text_cell(out_, indicator.name);
  }

  // One chart per rule, all on the same months, so that they compare at a glance.
  // The months every chart spans, from the first month due with a met, late or missed
  // obligation of any rule to the last, so that the charts compare at a glance.
  void chart_months() {
    bool any = false;
    for (const MonthSeries& series : months_) {
      if (series.counts.empty()) continue;
      first_month_ = any ? std::min(first_month_, series.first) : series.first;
      last_month_ = any ? std::max(last_month_, series.last()) : series.last();
      any = true;
    }
  }

  // The months of one rule's series (or, with none, of all rules together) that count.
  std::vector<html::MonthCounts> months_of(const MonthSeries* series) const {
    std::vector<html::MonthCounts> months;
    if (series) {
      for (std::size_t m = 0; m < series->counts.size(); ++m)
        if (series->counts[m].counted() > 0)
          months.push_back({series->first + static_cast<int>(m), series->counts[m]});
      return months;
    }
    std::vector<StatusCounts> all(
        static_cast<std::size_t>(std::max(0, last_month_ - first_month_ + 1)));
    for (const MonthSeries& rule : months_)
      for (std::size_t m = 0; m < rule.counts.size(); ++m) {
        StatusCounts& sum = all[static_cast<std::size_t>(rule.first - first_month_) + m];
        sum.met += rule.counts[m].met;
        sum.late += rule.counts[m].late;
        sum.missed += rule.counts[m].missed;
      }
    for (std::size_t m = 0; m < all.size(); ++m)
      if (all[m].counted() > 0) months.push_back({first_month_ + static_cast<int>(m), all[m]});
    return months;
  }

  // All rules' obligations month by month, across the page, before the table.
  void overall_chart() {
    out_.append("<h3>All rules, by month of the due date</h3>\n");
    html::chart_legend(out_);
    html::compliance_chart(out_, months_of(nullptr), first_month_, last_month_,
                           "All rules: compliance by month of the due date", html::ChartSize::wide);
  }

  // One chart per rule, all on the same months.
  void charts() {
    out_.append(
        "<h2 id=\"charts\">Compliance by month of the due date</h2>\n<p>For each rule, the "
        "obligations due in each month: how many were met, late and missed.</p>\n");
    html::chart_legend(out_);
    out_.append("<div class=\"charts\">\n");
    for (std::size_t r = 0; r < policy_.rules().size(); ++r) {
      const Rule& rule = policy_.rules()[r];
      out_.append("<div class=\"chart\">\n<h3>");
      html::append_escaped(out_, rule.id);
      out_.append(" <span>");
      html::append_escaped(out_, rule.name);
      out_.append("</span></h3>\n<p>");
      out_.append(compliance_text(totals_[r]));
      out_.append(totals_[r].counted() > 0 ? " met overall</p>\n" : "</p>\n");
      html::compliance_chart(out_, months_of(&months_[r]), first_month_, last_month_,
                             rule.id + ": compliance by month of the due date");
      out_.append("</div>\n");
      out_.row_done();
    }
    out_.append("</div>\n");
  }

  // The counts by one key's values: across all rules, then rule by rule, then the indicators.
  void breakdown(std::size_t k) {
    const std::string& key = groups_.by()[k];
    const std::string id = "by-" + std::to_string(k + 1);
    out_.append("<h2 id=\"");
    out_.append(id);
    out_.append("\">By ");
    html::append_escaped(out_, key);
    out_.append("</h2>\n");
    if (key == "month")
      out_.append(
          "<p>The month is the due date's (an indicator's: the month its instance "
          "started).</p>\n");
    const html::Column value_column[] = {{key}};
    out_.append("<h3>All rules</h3>\n<div class=\"narrow\">\n");
    html::begin_table(out_, id + "-all", "values", value_column, html::status_columns());
    for (const auto& [value, counts] : key_totals_[k]) {
      html::begin_row(out_);
      html::text_cell(out_, shown(value));
      html::status_cells(out_, counts);
      html::end_row(out_);
    }
    html::end_table(out_, false);
    out_.append("</div>\n");

    out_.append("<h3>Rule by rule</h3>\n");
    if (key_totals_[k].size() <= matrix_values_cap)
      rules_by_values(k, id + "-rules");
    else
      rule_and_value_rows(k, id + "-rules");

    if (policy_.indicators().empty()) return;
    out_.append("<h3>Indicators</h3>\n");
    const html::Column indicator_by[] = {
        {"indicator"}, {"name"}, {key}, {"repeats", html::Column::Kind::share}};
    html::begin_table(out_, id + "-indicators", "indicators and values", indicator_by);
    value_rows(indicators_by_key_[k], [&](std::size_t i, const IndicatorCounts& counts) {
      indicator_cells(policy_.indicators()[i]);
      return [&] { html::indicator_cell(out_, counts); };
    });
    html::end_table(out_, false);
  }

  // A row per rule, a column of compliance per value of key `k`, all rules at the foot.
  void rules_by_values(std::size_t k, const std::string& id) {
    std::vector<html::Column> values;
    for (const auto& [value, counts] : key_totals_[k])
      values.push_back({shown(value), html::Column::Kind::share});
    out_.append("<div class=\"narrow\">\n");
    html::begin_table(out_, id, "rules", rule_columns, values);
    for (std::size_t r = 0; r < policy_.rules().size(); ++r) {
      html::begin_row(out_);
      rule_cells(policy_.rules()[r]);
      const auto& of_rule = by_key_[k][r];
      for (const auto& [value, total] : key_totals_[k]) {
        const auto found = of_rule.find(value);
        html::compliance_cell(out_, found == of_rule.end() ? StatusCounts{} : found->second, true);
      }
      html::end_row(out_);
    }
    html::begin_table_foot(out_);
    html::begin_row(out_);
    out_.append("<td></td>");
    html::text_cell(out_, "All rules");
    for (const auto& [value, counts] : key_totals_[k]) html::compliance_cell(out_, counts, true);
    html::end_row(out_);
    html::end_table(out_, true);
    out_.append("</div>\n");
  }

  // A row per rule and value of key `k` that has obligations, with every status's count.
  void rule_and_value_rows(std::size_t k, const std::string& id) {
    const std::string& key = groups_.by()[k];
    const html::Column columns[] = {{"rule"}, {"name"}, {key}};
    html::begin_table(out_, id, "rules and values", columns, html::status_columns());
    value_rows(by_key_[k], [&](std::size_t r, const StatusCounts& counts) {
      rule_cells(policy_.rules()[r]);
      return [&] { html::status_cells(out_, counts); };
    });
    html::end_table(out_, false);
  }

  // A row per item (rule or indicator) and value: `cells(item, counts)` writes the item's cells
  // and gives what writes the counts' cells, which follow the value's.
  template <typename Counts, typename Cells>
  void value_rows(const std::vector<ByValue<Counts>>& by_item, Cells cells) {
    for (std::size_t item = 0; item < by_item.size(); ++item)
      for (const auto& [value, counts] : by_item[item]) {
        html::begin_row(out_);
        const auto counts_cells = cells(item, counts);
        html::text_cell(out_, shown(value));
        counts_cells();
        html::end_row(out_);
      }
  }

  void cases() {
    out_.append("<h2 id=\"cases\">Cases with late or missed obligations</h2>\n<p>");
    if (cases_with_findings_ == 0) {
      out_.append("No case has a late or missed obligation.</p>\n");
      return;
    }
    std::sort_heap(worst_.begin(), worst_.end(), worse_picture);  // the worst first
    // The worst first until the marks run out; the first is drawn whatever its size.
    std::size_t drawn = 0, marks = 0;
    for (; drawn < worst_.size(); ++drawn) {
      marks += marks_of(worst_[drawn]);
      if (drawn > 0 && marks > picture_marks_budget) break;
    }
    out_.append(html::grouped(cases_with_findings_));
    out_.append(cases_with_findings_ == 1 ? " case has" : " cases have");
    out_.append(" a late or missed obligation");
    const std::size_t rest = cases_with_findings_ - drawn;
    if (rest == 0) {
      out_.append(drawn == 1 ? "; it is drawn here." : "; all are drawn here, ");
    } else {
      out_.append("; the ");
      out_.append(html::grouped(drawn));
      out_.append(" with the most are drawn here, ");
    }
    if (drawn > 1) out_.append("the most late and missed first.");
    if (rest > 0) {
      out_.append(" ");
      out_.append(html::grouped(rest));
      out_.append(rest == 1 ? " more case is" : " more cases are");
      out_.append(" not drawn: the page draws at most ");
      out_.append(html::grouped(case_pictures_cap));
      out_.append(" cases, and at most ");
      out_.append(html::grouped(picture_marks_budget));
      out_.append(
          " obligations, events and periods in all, so that it opens quickly (<code>--format "
          "csv</code> lists every obligation).");
    }
    out_.append("</p>\n");
    html::case_legend(out_);
    for (std::size_t i = 0; i < drawn; ++i)
      html::case_picture(out_, policy_, worst_[i], run_.as_of, "case-" + std::to_string(i + 1));
  }

  const Policy& policy_;
  RunDescription run_;
  GroupKeys groups_;
  OutputBuffer out_;
  std::vector<StatusCounts> totals_;                        // by rule
  StatusCounts all_rules_;                                  // summed from totals_ at the end
  std::vector<MonthSeries> months_;                         // by rule
  int first_month_ = 0, last_month_ = 0;                    // the months the charts span
  std::vector<std::vector<ByValue<StatusCounts>>> by_key_;  // by key, by rule, by value
  std::vector<ByValue<StatusCounts>> key_totals_;           // by key, by value: all rules
  std::vector<IndicatorCounts> indicator_totals_;           // by indicator
  std::vector<std::vector<ByValue<IndicatorCounts>>> indicators_by_key_;
  std::vector<std::vector<CachedCounts>> rule_cache_;  // by key, by rule: the current case's
  std::vector<CachedCounts> total_cache_;              // by key
  std::size_t generation_ = 0;                         // counts the cases
  MonthOfDate month_of_;
  int text_month_ = INT_MIN;
  std::string month_text_;
  std::vector<PeriodInstance> periods_;   // the current case's, from add_periods
  std::vector<html::CasePicture> worst_;  // a heap: the least bad kept at the front
  std::size_t cases_ = 0, obligations_ = 0, cases_with_findings_ = 0;
};

}  // namespace

std::unique_ptr<ReportWriter> make_html_writer(const ReportSettings& settings, const Policy& policy,
                                               const RunDescription& run, std::ostream& out) {
  return std::make_unique<HtmlWriter>(settings, policy, run, out);
}

}  // namespace duly::reports
