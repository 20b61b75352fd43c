// The SSDA903 return (children looked after) as a DataSource: a folder holding the return's CSV
// tables, dates DD/MM/YYYY. header.csv gives the cases; episodes.csv, in DECOM order per child,
// gives the care periods (became_looked_after, ceased_looked_after) and the placements;
// reviews.csv the CLA reviews. The mapping, code by code, is docs/importers.md.
//
// A row that cannot be read (a malformed or missing date, no CHILD, an episode ending before it
// starts) is rejected alone; the child's other rows are used. Data that is read but odd
// (overlapping episodes, a review outside every care period, a child missing from the header,
// a date after the reference date) is kept and warned about, each with its file and line.
#include "engine/sources/builtin_sources.hpp"
#include "engine/sources/csv_table.hpp"
#include "engine/time/civil_date.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace duly::sources {
namespace {

namespace fs = std::filesystem;

// The tables duly reads; a return has others (missing, uasc, oc2, …) that it does not.
constexpr const char* header_table = "header.csv";
constexpr const char* episodes_table = "episodes.csv";
constexpr const char* reviews_table = "reviews.csv";

std::string uk_text(Date date) {
  // As the return writes it, DD/MM/YYYY, so a message quotes the file's own text.
  const YearMonthDay ymd = civil::to_civil(date);
  auto two = [](int n) { return std::string{static_cast<char>('0' + n / 10), static_cast<char>('0' + n % 10)}; };
  return two(ymd.day) + "/" + two(ymd.month) + "/" + std::to_string(ymd.year);
}

struct Episode {
  std::string child;
  Date start;               // DECOM
  std::optional<Date> end;  // DEC
  // RNE, LS, CIN, PLACE, PLACE_PROVIDER, REC, REASON_PLACE_CHANGE, HOME_POST, PL_POST, URN
  std::string rne, ls, cin, place, provider, rec, reason_change, home_post, pl_post, urn;
  int line = 0;
};

struct Review {
  std::string child;
  Date date;
  std::string code;
  std::optional<Date> dob;
  int line = 0;
};

struct CarePeriod {
  Date start;
  std::optional<Date> end;
  bool contains(Date d) const { return d >= start && (!end || d <= *end); }
};

// The columns of episodes.csv duly maps, with the event attribute each becomes.
struct EpisodeColumn {
  const char* column;
  std::string Episode::*field;
};
const EpisodeColumn episode_columns[] = {
    {"RNE", &Episode::rne},
    {"LS", &Episode::ls},
    {"CIN", &Episode::cin},
    {"PLACE", &Episode::place},
    {"PLACE_PROVIDER", &Episode::provider},
    {"REC", &Episode::rec},
    {"REASON_PLACE_CHANGE", &Episode::reason_change},
    {"HOME_POST", &Episode::home_post},
    {"PL_POST", &Episode::pl_post},
    {"URN", &Episode::urn},
};

// Placement types whose codes say the placement is intended to last (long-term fostering,
// U1 and U4); P1 is placed with parents; legal statuses L1 (police protection) and L2
// (emergency protection order) make the placement an emergency one.
bool is_permanent(std::string_view place) { return place == "U1" || place == "U4"; }
bool is_with_parents(std::string_view place) { return place == "P1"; }
bool is_emergency(std::string_view ls) { return ls == "L1" || ls == "L2"; }

const char* truth(bool b) { return b ? "true" : "false"; }

class Ssda903Source : public DataSource {
 public:
  explicit Ssda903Source(fs::path folder) : folder_(std::move(folder)) {}

  void read(TimelineSink& sink, ReadReport& report, const ReadOptions& options) override {
    sink_ = &sink;
    report_ = &report;
    std::error_code error;
    if (!fs::is_directory(folder_, error)) {
      FileTally tally(folder_, report);
      tally.file_error(fs::exists(folder_, error)
                           ? "not a folder: --source ssda903 names the folder of the return's "
                             "CSV tables"
                           : "no such folder",
                       0, 0);
      return;
    }
    options_ = &options;
    note_tables_not_read();
    read_header();
    read_episodes();
    read_reviews();
    reference_date_ = options.reference_date ? options.reference_date : inferred_reference_date();
    emit_episodes();
    emit_reviews();
  }

 private:
  fs::path path_of(const char* name) const { return folder_ / name; }
  std::string file_of(const char* name) const { return path_of(name).string(); }

  void note_tables_not_read() {
    std::error_code error;
    std::vector<std::string> others;
    for (const auto& entry : fs::directory_iterator(folder_, error)) {
      const std::string name = entry.path().filename().string();
      if (lower_ascii(entry.path().extension().string()) != ".csv") continue;
      if (name == header_table || name == episodes_table || name == reviews_table) continue;
      others.push_back(name);
    }
    std::sort(others.begin(), others.end());
    for (const auto& name : others)
      report_->notes.push_back((folder_ / name).string() +
                               ": not read (duly maps header.csv, episodes.csv and reviews.csv "
                               "of an SSDA903 return)");
  }

  // A date cell: DD/MM/YYYY as the return writes them (ISO is accepted too).
  std::optional<Date> date_cell(CsvTable& table, std::size_t column, std::string_view name,
                                bool required, bool& rejected) {
    const Field field = table.field(column);
    if (field.text.empty()) {
      if (required) {
        table.reject({std::string(name) + " is missing", field.line ? field.line : table.line(),
                      field.column});
        rejected = true;
      }
      return std::nullopt;
    }
    RowError error;
    auto date = read_date(field, name, DateStyle::uk, error);
    if (!date) {
      table.reject(error);
      rejected = true;
    }
    return date;
  }

  // The child id of the row, or a rejection when there is none.
  std::optional<std::string> child_cell(CsvTable& table, std::size_t column) {
    const Field field = table.field(column);
    if (!field.text.empty()) return std::string(field.text);
    table.reject({"CHILD is missing", field.line, field.column});
    return std::nullopt;
  }

  void note_columns_not_read(const CsvTable& table, const char* name,
                             const std::set<std::string, std::less<>>& mapped) {
    for (const auto& column : table.columns())
      if (!column.empty() && !mapped.count(column))
        report_->notes.push_back(file_of(name) + ": column `" + column + "` is not read");
  }

  void read_header() {
    const std::string file = file_of(header_table);
    CsvTable table(file, *report_, *options_);
    if (!table.open({"CHILD", "DOB"})) return;
    const std::size_t child = table.column("CHILD"), dob = table.column("DOB");
    // Every other column is a case attribute, named in lower case (ETHNIC as `ethnicity`, as
    // the CIN census names it); MC_DOB is a date, written as ISO like every date duly keeps.
    std::vector<std::pair<std::string, std::size_t>> attributes;
    for (std::size_t i = 0; i < table.columns().size(); ++i) {
      const std::string& name = table.columns()[i];
      if (i == child || i == dob || name.empty()) continue;
      attributes.emplace_back(name == "ETHNIC" ? "ethnicity" : lower_ascii(name), i);
    }
    std::vector<std::string> texts(attributes.size());
    std::vector<std::pair<std::string_view, std::string_view>> pairs(attributes.size());
    while (table.next()) {
      auto id = child_cell(table, child);
      if (!id) continue;
      bool rejected = false;
      auto birth = date_cell(table, dob, "DOB", true, rejected);
      for (std::size_t i = 0; i < attributes.size() && !rejected; ++i) {
        const Field field = table.field(attributes[i].second);
        texts[i].assign(field.text);
        if (attributes[i].first == "mc_dob" && !field.text.empty())
          if (auto date = date_cell(table, attributes[i].second, "MC_DOB", false, rejected))
            texts[i] = to_iso_string(*date);
      }
      if (rejected) {
        header_rejected_.insert(*id);  // its error names it: no second word about its events
        continue;
      }
      if (auto earlier = header_line_.find(*id); earlier != header_line_.end()) {
        table.reject({"CHILD " + quote_value(*id) + " appears twice (first on line " +
                          std::to_string(earlier->second) + ")",
                      table.field(child).line, table.field(child).column});
        continue;
      }
      header_line_.emplace(*id, table.line());
      header_dob_.emplace(*id, *birth);
      for (std::size_t i = 0; i < attributes.size(); ++i)
        pairs[i] = {attributes[i].first, texts[i]};
      sink_->add_case(CaseRecord{*id, birth, pairs, {table.tally().file(), table.line(), {}}});
    }
  }

  void read_episodes() {
    CsvTable table(path_of(episodes_table), *report_, *options_);
    episodes_file_ = table.tally().file();
    if (!table.open({"CHILD", "DECOM"})) return;
    const std::size_t child = table.column("CHILD"), decom = table.column("DECOM"),
                      dec = table.column("DEC");
    std::set<std::string, std::less<>> mapped = {"CHILD", "DECOM", "DEC"};
    for (const auto& c : episode_columns) mapped.insert(c.column);
    note_columns_not_read(table, episodes_table, mapped);
    while (table.next()) {
      auto id = child_cell(table, child);
      if (!id) continue;
      bool rejected = false;
      auto start = date_cell(table, decom, "DECOM", true, rejected);
      auto end = rejected ? std::nullopt : date_cell(table, dec, "DEC", false, rejected);
      if (rejected) continue;
      if (end && *end < *start) {
        const Field field = table.field(dec);
        table.reject({"DEC " + quote_value(field.text) + " is before DECOM " +
                          quote_value(table.cell(decom)) + ": the episode ends before it starts",
                      field.line, field.column});
        continue;
      }
      Episode episode;
      episode.child = *id;
      episode.start = *start;
      episode.end = end;
      episode.line = table.line();
      for (const auto& c : episode_columns) episode.*c.field = table.cell(table.column(c.column));
      episodes_.push_back(std::move(episode));
    }
  }

  void read_reviews() {
    std::error_code error;
    if (!fs::exists(path_of(reviews_table), error)) {
      report_->notes.push_back(file_of(reviews_table) +
                               ": not found, so there are no cla_review events");
      return;
    }
    CsvTable table(path_of(reviews_table), *report_, *options_);
    reviews_file_ = table.tally().file();
    if (!table.open({"CHILD", "REVIEW"})) return;
    const std::size_t child = table.column("CHILD"), review = table.column("REVIEW"),
                      code = table.column("REVIEW_CODE"), dob = table.column("DOB");
    note_columns_not_read(table, reviews_table, {"CHILD", "REVIEW", "REVIEW_CODE", "DOB"});
    while (table.next()) {
      auto id = child_cell(table, child);
      if (!id) continue;
      bool rejected = false;
      auto date = date_cell(table, review, "REVIEW", true, rejected);
      auto birth = rejected ? std::nullopt : date_cell(table, dob, "DOB", false, rejected);
      if (rejected) continue;
      reviews_.push_back({*id, *date, std::string(table.cell(code)), birth, table.line()});
    }
  }

  // The return does not state its collection year; the year ends on 31 March, so the end of the
  // year holding the latest episode date is taken, and said.
  std::optional<Date> inferred_reference_date() {
    std::optional<Date> latest;
    for (const auto& e : episodes_) {
      if (!latest || e.start > *latest) latest = e.start;
      if (e.end && e.end > *latest) latest = e.end;
    }
    if (!latest) return std::nullopt;
    const YearMonthDay ymd = civil::to_civil(*latest);
    const int year = ymd.month > 3 ? ymd.year + 1 : ymd.year;
    const Date end = civil::from_civil(year, 3, 31);
    report_->notes.push_back(
        folder_.string() + ": reference date " + to_iso_string(end) +
        ", the end of the collection year of the latest episode date (" + to_iso_string(*latest) +
        "); --reference-date sets it");
    return end;
  }

  DataPosition at(const std::string& file, int line) const { return {file, line, {}}; }

  void warn(std::string_view kind, const std::string& file, int line, std::string message) {
    add_warning(*report_, kind, at(file, line), std::move(message));
  }

  void check_reference_date(Date date, const char* column, const std::string& file, int line) {
    if (reference_date_ && date > *reference_date_)
      warn("dates after the reference date", file, line,
           std::string(column) + " " + uk_text(date) + " is after the reference date " +
               to_iso_string(*reference_date_));
  }

  void check_in_header(const std::string& child, const std::string& file, int line) {
    if (header_line_.count(child) || header_rejected_.count(child) ||
        !warned_missing_.insert(child).second)
      return;
    warn("children not in header.csv", file, line,
         "CHILD " + quote_value(child) + " is not in header.csv (its events are kept, with no "
         "date of birth)");
  }

  void emit(const std::string& child, const char* type, Date date, const std::string& file,
            int line, const std::vector<std::pair<std::string_view, std::string_view>>& attributes) {
    add_event(*sink_, EventRecord{child, type, date, std::nullopt, attributes, at(file, line)},
              *report_);
  }

  // Each child's episodes in DECOM order (then file order): the care periods and placements.
  void emit_episodes() {
    std::vector<std::string> children;  // in the order first seen, so events keep file order
    std::unordered_map<std::string, std::vector<const Episode*>> by_child;
    for (const auto& e : episodes_) {
      auto& list = by_child[e.child];
      if (list.empty()) children.push_back(e.child);
      list.push_back(&e);
    }
    for (const auto& child : children) {
      auto& list = by_child[child];
      std::stable_sort(list.begin(), list.end(),
                       [](const Episode* a, const Episode* b) { return a->start < b->start; });
      emit_child_episodes(child, list);
    }
  }

  void emit_child_episodes(const std::string& child, const std::vector<const Episode*>& list) {
    const std::string& file = episodes_file_;
    auto& periods = periods_[child];
    const Episode* previous = nullptr;
    for (const Episode* e : list) {
      check_in_header(child, file, e->line);
      check_reference_date(e->start, "DECOM", file, e->line);
      if (e->end) check_reference_date(*e->end, "DEC", file, e->line);
      // A care period starts at the first episode and after one that ended it.
      const bool starts_period = !previous || (previous->end && previous->rec != "X1");
      if (previous) check_sequence(*previous, *e);
      if (starts_period) {
        emit(child, "became_looked_after", e->start, file, e->line,
             {{"legal_status", e->ls}, {"category_of_need", e->cin}});
        periods.push_back({e->start, std::nullopt});
      }
      if (starts_period || e->rne != "L")
        emit(child, "placement_start", e->start, file, e->line,
             {{"placement_type", e->place},
              {"legal_status", e->ls},
              {"reason_new_episode", e->rne},
              {"category_of_need", e->cin},
              {"placement_provider", e->provider},
              {"reason_place_change", e->reason_change},
              {"home_postcode", e->home_post},
              {"placement_postcode", e->pl_post},
              {"urn", e->urn},
              {"permanent", truth(is_permanent(e->place))},
              {"placed_with_parents", truth(is_with_parents(e->place))},
              {"emergency", truth(is_emergency(e->ls))}});
      if (e->end && e->rec != "X1") {
        if (e->rec.empty())
          warn("episodes with DEC and no REC", file, e->line,
               "episode ends on " + uk_text(*e->end) +
                   " with no REC (reason episode ceased): taken as ceasing to be looked after");
        emit(child, "ceased_looked_after", *e->end, file, e->line, {{"reason", e->rec}});
        periods.back().end = e->end;
      } else if (!e->end && !e->rec.empty() && e->rec != "X1") {
        warn("episodes with REC and no DEC", file, e->line,
             "episode has REC " + quote_value(e->rec) +
                 " (reason episode ceased) but no DEC: the care period is taken to go on");
      }
      previous = e;
    }
  }

  // An episode against the one before it, in DECOM order.
  void check_sequence(const Episode& previous, const Episode& e) {
    const std::string& file = episodes_file_;
    const std::string line = std::to_string(previous.line);
    if (!previous.end) {
      warn("overlapping episodes", file, e.line,
           "episode starts on " + uk_text(e.start) + " while the episode before it (line " + line +
               ", from " + uk_text(previous.start) + ") has no DEC: the episodes overlap");
    } else if (e.start < *previous.end) {
      const bool periods = previous.rec != "X1";
      warn(periods ? "overlapping care periods" : "overlapping episodes", file, e.line,
           "episode starts on " + uk_text(e.start) + ", before the episode before it (line " +
               line + ") ended on " + uk_text(*previous.end) +
               (periods ? ": the care periods overlap" : ": the episodes overlap"));
    } else if (previous.rec == "X1" && e.start != *previous.end) {
      warn("gaps after X1", file, e.line,
           "episode starts on " + uk_text(e.start) + ", but the episode before it (line " + line +
               ") ended on " + uk_text(*previous.end) +
               " with REC X1, which means a new episode the same day");
    }
  }

  void emit_reviews() {
    const std::string& file = reviews_file_;
    for (const Review& r : reviews_) {
      check_in_header(r.child, file, r.line);
      check_reference_date(r.date, "REVIEW", file, r.line);
      if (auto dob = header_dob_.find(r.child); r.dob && dob != header_dob_.end() &&
                                                dob->second != *r.dob)
        warn("reviews whose DOB differs from header.csv", file, r.line,
             "DOB " + uk_text(*r.dob) + " differs from the child's DOB in header.csv (" +
                 uk_text(dob->second) + ")");
      const auto& periods = periods_[r.child];
      if (std::none_of(periods.begin(), periods.end(),
                       [&](const CarePeriod& p) { return p.contains(r.date); }))
        warn("reviews outside every care period", file, r.line,
             "review on " + uk_text(r.date) + " is outside every care period of the child" +
                 (periods.empty() ? " (it has no episodes)" : ""));
      emit(r.child, "cla_review", r.date, file, r.line, {{"participation", r.code}});
    }
  }

  fs::path folder_;
  TimelineSink* sink_ = nullptr;
  ReadReport* report_ = nullptr;
  const ReadOptions* options_ = nullptr;
  std::optional<Date> reference_date_;
  std::string episodes_file_, reviews_file_;
  std::unordered_map<std::string, int> header_line_;
  std::unordered_map<std::string, Date> header_dob_;
  std::set<std::string> header_rejected_, warned_missing_;
  std::vector<Episode> episodes_;
  std::vector<Review> reviews_;
  std::unordered_map<std::string, std::vector<CarePeriod>> periods_;
};

}  // namespace

std::unique_ptr<DataSource> ssda903_source(const std::filesystem::path& folder) {
  return std::make_unique<Ssda903Source>(folder);
}

}  // namespace duly::sources
