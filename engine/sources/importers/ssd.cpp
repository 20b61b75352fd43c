// The Standard Safeguarding Dataset (Data to Insight's `ssd_*` tables, copied from SystemC,
// Mosaic or Eclipse into the authority's own database) as a DataSource, read from a folder of
// CSV exports or straight from the database (ssd_tables.hpp). ssd_person gives the cases, with
// the team and worker of the open ssd_involvements row; the referral, assessment, plan, enquiry,
// conference, visit, care and review tables give the events. The mapping, column by column, is
// docs/importers.md.
//
// The SSD is a copy made by a script per case-management system, and it shows: ids are text,
// dates are date-times, `SSD_PH` and 1900-01-01 stand for nothing, flags are Y/N (or Yes, 1,
// true), outcomes are JSON in SystemC and comma-separated text in Mosaic, and Mosaic keys some
// tables by referral or plan rather than by child. Each is read as what it means; a row that
// cannot be (no child, a date that is not one) is rejected alone, and every table, column or row
// that is not used is said.
#include "engine/sources/builtin_sources.hpp"
#include "engine/sources/importers/ssd_tables.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace duly::sources {
namespace {

using Attributes = std::vector<std::pair<std::string_view, std::string_view>>;

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// A cell as the SSD means it: trimmed, and empty for the SSD's placeholder `SSD_PH`.
std::string_view value(const Field& field) {
  const std::string_view text = trim(field.text);
  return text == "SSD_PH" ? std::string_view{} : text;
}

// Y/N, Yes/No, 1/0, true/false (any case) as duly's true and false; empty for an empty cell;
// nothing for anything else.
std::optional<std::string_view> flag(std::string_view text) {
  if (text.empty()) return std::string_view{};
  auto is = [&](std::string_view word) {  // without regard to case, and without a copy
    return text.size() == word.size() &&
           std::equal(text.begin(), text.end(), word.begin(), [](char a, char b) {
             return std::tolower(static_cast<unsigned char>(a)) == b;
           });
  };
  if (is("y") || is("yes") || is("1") || is("true") || is("t")) return "true";
  if (is("n") || is("no") || is("0") || is("false") || is("f")) return "false";
  return std::nullopt;
}

// The outcome flags of an SSD outcome column that are set: the keys of a SystemC JSON object
// whose value is "Y" (`{"NEW_REFERRAL_FLAG": "Y", ...}`, read by looking for each key, since a
// COMMENTS value may be unescaped and break a JSON parser), in lower case without `_flag`; or,
// for Mosaic's comma-separated text, each item in lower case.
std::vector<std::string> outcome_flags(std::string_view text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  if (text.front() != '{') {
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find(',', start);
      if (end == std::string_view::npos) end = text.size();
      const std::string_view item = trim(text.substr(start, end - start));
      if (!item.empty()) out.push_back(lower_ascii(item));
      start = end + 1;
    }
    return out;
  }
  std::size_t at = 0;
  while ((at = text.find("_FLAG\"", at)) != std::string_view::npos) {
    const std::size_t key_end = at;
    std::size_t key_start = text.rfind('"', key_end);
    at += 6;
    if (key_start == std::string_view::npos) continue;
    std::size_t v = at;
    while (v < text.size() && (text[v] == ' ' || text[v] == ':')) ++v;
    if (v + 2 < text.size() && text[v] == '"' && (text[v + 1] == 'Y' || text[v + 1] == 'y') &&
        text[v + 2] == '"')
      out.push_back(lower_ascii(text.substr(key_start + 1, key_end - key_start - 1)));
  }
  return out;
}

bool has(const std::vector<std::string>& flags, std::string_view what) {
  return std::any_of(flags.begin(), flags.end(),
                     [&](const std::string& f) { return f.find(what) != std::string::npos; });
}

// What a contact led to, in the words of duly's vocabulary (`referral`, `advice`, `nfa`), from
// its outcome flags or text; the text itself when it says something else.
std::string contact_outcome(const std::vector<std::string>& flags) {
  // `EH` as a word: Mosaic's "EH Referral", "EH Assessment".
  const bool early_help = std::any_of(flags.begin(), flags.end(), [](const std::string& f) {
    const std::string padded = " " + f + " ";
    return padded.find(" eh ") != std::string::npos || f.find("early help") != std::string::npos;
  });
  if (early_help) return "early_help";
  if (has(flags, "refer") || has(flags, "enquiry")) return "referral";
  if (has(flags, "advice")) return "advice";
  if (has(flags, "nfa") || has(flags, "no further action")) return "nfa";
  if (flags.size() == 1) return flags.front();
  return flags.empty() ? std::string() : "other";
}

// A health check's status that says it did not happen (SystemC's Planned, Refused and
// Cancelled, and their like); any other, and an empty one (Mosaic's), is a check done.
bool not_done(std::string_view status) {
  static const std::set<std::string, std::less<>> words = {
      "planned", "refused", "cancelled", "canceled", "booked", "scheduled", "declined",
      "did not attend", "dna", "not attended", "not done", "no"};
  return words.count(lower_ascii(status)) > 0;
}

// Placement types whose codes say the placement is intended to last (long-term fostering, U1 and
// U4), and P1, placed with parents: as for the SSDA903 return.
bool is_permanent(std::string_view place) { return place == "U1" || place == "U4"; }
bool is_with_parents(std::string_view place) { return place == "P1"; }
const char* truth(bool b) { return b ? "true" : "false"; }

// Hashing for sets of ids looked up by view (no copy to ask), and of a child's days.
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
struct ChildDay {
  std::string_view child;  // a key of SsdSource::seen_, which stays put
  int day = 0;
  friend bool operator==(const ChildDay&, const ChildDay&) = default;
};
struct ChildDayHash {
  std::size_t operator()(const ChildDay& k) const {
    return std::hash<std::string_view>{}(k.child) * 1000003u ^ static_cast<std::size_t>(k.day);
  }
};

// The event types each mapped table gives, to say what a missing one takes away.
struct MappedTable {
  const char* name;
  std::vector<std::string> events;  // empty: it gives the cases or what they carry
  const char* without = "";         // for those, what its absence means
};
const MappedTable mapped_tables[] = {
    {"ssd_person", {}, "no cases: no dates of birth, and no word on which children are missing"},
    {"ssd_involvements", {}, "no teams or workers"},
    {"ssd_department", {}, "teams are named by their ids"},
    {"ssd_professionals", {}, "workers are named by their ids"},
    {"ssd_contacts", {"contact"}},
    {"ssd_cin_episodes", {"referral", "cin_closure"}},
    {"ssd_cin_assessments", {"assessment_start", "assessment_completed"}},
    {"ssd_cin_plans", {"cin_plan_start", "cin_plan_end"}},
    {"ssd_s47_enquiry", {"strategy_discussion"}},
    {"ssd_initial_cp_conference", {"icpcc"}},
    {"ssd_cp_plans", {"cp_plan_start", "cp_plan_end"}},
    {"ssd_cp_reviews", {"rcpcc"}},
    {"ssd_cin_visits", {"visit"}},
    {"ssd_cp_visits", {"visit"}},
    {"ssd_cla_visits", {"visit"}},
    {"ssd_cla_episodes", {"became_looked_after", "ceased_looked_after"}},
    {"ssd_cla_placement", {"placement_start"}},
    {"ssd_cla_reviews", {"cla_review"}},
    {"ssd_cla_health", {"initial_health_assessment", "health_assessment", "dental_check"}},
};

// The check types of ssd_cla_health (free text in SystemC, three literals in Mosaic) and the
// events they are, unless the authority's own file (--ssd-health-checks) says otherwise.
std::map<std::string, std::string> default_health_checks() {
  return {{"health assessment", "health_assessment"},
          {"review health assessment", "health_assessment"},
          {"initial health assessment", "initial_health_assessment"},
          {"dental check", "dental_check"}};
}

struct Episode {
  std::string person, start_reason, ceased_reason, need;
  Date start;
  std::optional<Date> ceased;
  std::string table;
  int line = 0;
  std::string key;
};

// A child's team and worker, from one involvement.
struct Involvement {
  std::string team, worker;
  Date start;
  std::optional<Date> end;
};

class SsdSource : public DataSource {
 public:
  SsdSource(std::string location, bool database)
      : location_(std::move(location)), database_(database) {}

  void read(TimelineSink& sink, ReadReport& report, const ReadOptions& options) override {
    sink_ = &sink;
    report_ = &report;
    options_ = &options;
    ReadLog log(options, report, "SSD");
    tables_ = database_ ? ssd_odbc_tables(location_, options.ssd_schema, report)
                        : ssd_csv_tables(location_, report, options);
    std::vector<std::string> present;
    if (!tables_->list(present)) return;
    present_.insert(present.begin(), present.end());
    note_tables();
    if (!read_health_checks()) return;
    // Tables that others are linked through come first: Mosaic keys visits and reviews by
    // referral or plan, not by child.
    read_cin_episodes();
    read_cp_plans();
    read_cla_episodes();
    emit_care_periods();
    read_teams();
    read_involvements();
    read_people();
    read_contacts();
    read_assessments();
    read_cin_plans();
    read_conferences();
    read_enquiries();
    read_cp_reviews();
    read_visits();
    read_placements();
    read_cla_reviews();
    read_health();
    note_left_out();
    check_people();
  }

 private:
  // --- Tables --------------------------------------------------------------------------------

  // Says which tables there are that duly does not map, and which mapped ones are not there
  // (with the events they would have given, for the warning against the policy's rules).
  void note_tables() {
    std::set<std::string, std::less<>> mapped;
    for (const auto& t : mapped_tables) mapped.insert(t.name);
    std::string unread;
    for (const auto& name : present_)
      if (!mapped.count(name)) unread += (unread.empty() ? "" : ", ") + name;
    if (!unread.empty()) report_->notes.push_back(tables_->where() + ": tables not read: " + unread);
    for (const auto& t : mapped_tables) {
      if (present_.count(t.name)) continue;
      const std::string what = t.events.empty() ? std::string(t.without)
                                                : "no " + join_events(t.events) + " events from it";
      report_->notes.push_back(tables_->where() + ": no " + t.name + (database_ ? "" : ".csv") +
                               ", so " + what);
      if (!t.events.empty()) report_->missing_tables.push_back({t.name, tables_->where(), t.events});
    }
  }

  static std::string join_events(const std::vector<std::string>& events) {
    std::string out;
    for (std::size_t i = 0; i < events.size(); ++i)
      out += (i == 0 ? "" : i + 1 == events.size() ? " or " : ", ") + events[i];
    return out;
  }

  template <typename OnRow>
  void each_row(const TableRequest& request, OnRow on_row) {
    if (!present_.count(std::string(request.table))) return;
    auto table = tables_->open(request);
    if (!table) return;
    while (table->next()) on_row(*table);
  }

  // --- Cells ---------------------------------------------------------------------------------

  // A date or date-time cell (`2024-03-05`, `2024-03-05 00:00:00.000`, `05/03/2024 10:30`) as its
  // day; empty, and the 1900-01-01 placeholder, as no date. Nothing, with the row rejected, for a
  // cell that is not a date; `required` rejects an empty one too.
  std::optional<Date> date(SsdTable& table, std::size_t column, std::string_view name,
                           bool required, bool& rejected) {
    Field field = table.field(column);
    field.text = value(field);
    if (auto cut = field.text.find_first_of(" T", 8); cut != std::string_view::npos)
      field.text = field.text.substr(0, cut);
    if (field.text.empty() || field.text == "1900-01-01" || field.text == "01/01/1900") {
      if (required && !rejected) {
        table.reject({std::string(name) + " is missing", field.line ? field.line : table.position().line,
                      field.column});
        rejected = true;
      }
      return std::nullopt;
    }
    RowError error;
    auto day = read_date(field, name, DateStyle::uk, error);
    if (!day && !rejected) {
      table.reject(error);
      rejected = true;
    }
    if (day && options_->reference_date && *day > *options_->reference_date)
      warn("dates after the reference date", table,
           std::string(name) + " " + std::string(field.text) + " is after the reference date " +
               to_iso_string(*options_->reference_date));
    return day;
  }

  // A flag cell as true or false; anything else is kept as written, with a warning naming the
  // column (`name` then `suffix`: built only then).
  std::string flag_cell(SsdTable& table, std::size_t column, std::string_view name,
                        std::string_view suffix = {}) {
    const std::string_view text = value(table.field(column));
    if (auto f = flag(text)) return std::string(*f);
    warn("flags that are not Y or N", table,
         std::string(name) + std::string(suffix) + " " + quote_value(text) +
             " is not a flag (Y, N, Yes, No, 1, 0, true, false): kept as it is");
    return std::string(text);
  }

  // The child a row belongs to: its person id, or (where Mosaic has none) the child of the
  // referral, plan or period of care it names. Nothing, with the row rejected, when neither says.
  std::optional<std::string> person(SsdTable& table, std::size_t column, std::string_view name,
                                    std::size_t link = no_link, std::string_view link_name = {},
                                    const std::unordered_map<std::string, std::string>* links = nullptr,
                                    std::string_view linked_table = {}) {
    const std::string_view id = value(table.field(column));
    if (!id.empty()) return std::string(id);
    if (link != no_link && links) {
      const std::string_view key = value(table.field(link));
      if (!key.empty()) {
        if (auto found = links->find(std::string(key)); found != links->end()) return found->second;
        const Field field = table.field(link);
        table.reject({std::string(name) + " is missing and " + std::string(link_name) + " " +
                          quote_value(key) + " is not in " + std::string(linked_table) +
                          ", so the row belongs to no child",
                      field.line, field.column});
        return std::nullopt;
      }
    }
    const Field field = table.field(column);
    table.reject({std::string(name) + " is missing" +
                      (link_name.empty() ? std::string() : " (and so is " + std::string(link_name) + ")"),
                  field.line ? field.line : table.position().line, field.column});
    return std::nullopt;
  }
  static constexpr std::size_t no_link = static_cast<std::size_t>(-1);

  void warn(std::string_view kind, SsdTable& table, std::string message) {
    const DataPosition at = table.position();
    if (!at.path.empty()) message += " (" + std::string(at.path) + ")";
    add_warning(*report_, kind, at, std::move(message));
  }

  void emit(SsdTable& table, const std::string& child, const char* type, Date day,
            const Attributes& attributes = {}) {
    add_event(*sink_, EventRecord{child, type, day, std::nullopt, attributes, table.position()},
              *report_);
    remember(child, table.position());
  }

  // The first row naming each child, to say which children ssd_person lacks.
  void remember(const std::string& child, const DataPosition& at) {
    if (seen_.count(child)) return;
    seen_.emplace(child, Seen{std::string(at.file), at.line, std::string(at.path)});
    seen_order_.push_back(child);
  }

  // --- Linking tables ------------------------------------------------------------------------

  void read_cin_episodes() {
    each_row({"ssd_cin_episodes",
              {"cine_referral_id", "cine_person_id", "cine_referral_date", "cine_referral_source_code",
               "cine_cin_primary_need_code", "cine_referral_nfa", "cine_close_date",
               "cine_close_reason"},
              {"cine_referral_id", "cine_person_id", "cine_referral_date"}},
             [&](SsdTable& t) {
               auto child = person(t, 1, "cine_person_id");
               if (!child) return;
               bool rejected = false;
               auto referral = date(t, 2, "cine_referral_date", true, rejected);
               auto closed = date(t, 6, "cine_close_date", false, rejected);
               if (rejected) return;
               if (closed && *closed < *referral)
                 warn("closures before the referral", t,
                      "cine_close_date " + to_iso_string(*closed) + " is before cine_referral_date " +
                          to_iso_string(*referral));
               referral_child_[std::string(value(t.field(0)))] = *child;
               const std::string nfa = flag_cell(t, 5, "cine_referral_nfa");
               emit(t, *child, "referral", *referral,
                    {{"source", value(t.field(3))}, {"primary_need", value(t.field(4))}, {"nfa", nfa}});
               if (closed) emit(t, *child, "cin_closure", *closed, {{"reason", value(t.field(7))}});
             });
  }

  void read_cp_plans() {
    each_row({"ssd_cp_plans",
              {"cppl_cp_plan_id", "cppl_person_id", "cppl_cp_plan_start_date", "cppl_cp_plan_end_date",
               "cppl_cp_plan_initial_category", "cppl_cp_plan_latest_category", "cppl_cp_plan_ola"},
              {"cppl_cp_plan_id", "cppl_person_id", "cppl_cp_plan_start_date"}},
             [&](SsdTable& t) {
               auto child = person(t, 1, "cppl_person_id");
               if (!child) return;
               bool rejected = false;
               auto start = date(t, 2, "cppl_cp_plan_start_date", true, rejected);
               auto end = date(t, 3, "cppl_cp_plan_end_date", false, rejected);
               if (rejected) return;
               if (end && *end < *start) {
                 t.reject({"cppl_cp_plan_end_date " + to_iso_string(*end) +
                               " is before cppl_cp_plan_start_date " + to_iso_string(*start) +
                               ": the plan ends before it starts",
                           t.field(3).line, t.field(3).column});
                 return;
               }
               plan_child_[std::string(value(t.field(0)))] = *child;
               const std::string ola = flag_cell(t, 6, "cppl_cp_plan_ola");
               emit(t, *child, "cp_plan_start", *start,
                    {{"category", value(t.field(4))}, {"latest_category", value(t.field(5))}, {"ola", ola}});
               if (end) emit(t, *child, "cp_plan_end", *end);
             });
  }

  // Episodes are kept, then emitted as care periods once the table is read (emit_care_periods).
  void read_cla_episodes() {
    each_row({"ssd_cla_episodes",
              {"clae_cla_episode_id", "clae_person_id", "clae_cla_episode_start_date",
               "clae_cla_episode_start_reason", "clae_cla_episode_ceased_date", "clae_cla_episode_ceased",
               "clae_cla_episode_ceased_reason", "clae_cla_primary_need_code", "clae_cla_id"},
              {"clae_cla_episode_id", "clae_person_id", "clae_cla_episode_start_date"}},
             [&](SsdTable& t) {
               auto child = person(t, 1, "clae_person_id");
               if (!child) return;
               bool rejected = false;
               auto start = date(t, 2, "clae_cla_episode_start_date", true, rejected);
               // The YAML definitions call the ceased date clae_cla_episode_ceased.
               const bool renamed = t.field(4).present || !t.field(5).present;
               auto ceased = date(t, renamed ? 4 : 5,
                                  renamed ? "clae_cla_episode_ceased_date" : "clae_cla_episode_ceased",
                                  false, rejected);
               if (rejected) return;
               if (ceased && *ceased < *start) {
                 const Field f = t.field(renamed ? 4 : 5);
                 t.reject({"the episode ceases (" + to_iso_string(*ceased) + ") before it starts (" +
                               to_iso_string(*start) + ")",
                           f.line, f.column});
                 return;
               }
               const DataPosition at = t.position();
               episodes_.push_back({*child, std::string(value(t.field(3))), std::string(value(t.field(6))),
                                    std::string(value(t.field(7))), *start, ceased, std::string(at.file),
                                    at.line, std::string(at.path)});
               if (auto period = value(t.field(8)); !period.empty())
                 period_child_[std::string(period)] = *child;
             });
  }

  // --- Cases ---------------------------------------------------------------------------------

  void read_teams() {
    each_row({"ssd_department", {"dept_team_id", "dept_team_name"}, {"dept_team_id"}},
             [&](SsdTable& t) {
               if (auto name = value(t.field(1)); !name.empty())
                 team_name_[std::string(value(t.field(0)))] = std::string(name);
             });
    each_row({"ssd_professionals",
              {"prof_professional_id", "prof_staff_id", "prof_professional_name"},
              {"prof_professional_id"}},
             [&](SsdTable& t) {
               const std::string_view name = value(t.field(2));
               if (name.empty()) return;
               // Mosaic leaves prof_professional_id empty and keeps the worker's id in prof_staff_id.
               for (std::size_t id : {0, 1})
                 if (auto key = value(t.field(id)); !key.empty())
                   worker_name_[std::string(key)] = std::string(name);
             });
  }

  // Each child's team and worker: from the involvement still open (no end date) that started
  // last; a child with none open keeps the one that ended last.
  void read_involvements() {
    each_row({"ssd_involvements",
              {"invo_involvements_id", "invo_person_id", "invo_referral_id", "invo_professional_id",
               "invo_professional_team", "invo_involvement_start_date", "invo_involvement_end_date"},
              {"invo_involvements_id", "invo_involvement_start_date"}},
             [&](SsdTable& t) {
               auto child = person(t, 1, "invo_person_id", 2, "invo_referral_id", &referral_child_,
                                   "ssd_cin_episodes");
               if (!child) return;
               bool rejected = false;
               auto start = date(t, 5, "invo_involvement_start_date", true, rejected);
               auto end = date(t, 6, "invo_involvement_end_date", false, rejected);
               if (rejected) return;
               Involvement next{std::string(value(t.field(4))), std::string(value(t.field(3))), *start, end};
               auto [at, inserted] = involvement_.emplace(*child, next);
               if (inserted) return;
               const Involvement& now = at->second;
               const bool better = (!next.end && now.end) ||
                                   (!next.end && !now.end && next.start >= now.start) ||
                                   (next.end && now.end && *next.end >= *now.end);
               if (better) at->second = next;
             });
  }

  void read_people() {
    each_row({"ssd_person",
              {"pers_person_id", "pers_dob", "pers_expected_dob", "pers_sex", "pers_ethnicity",
               "pers_upn", "pers_upn_unknown", "pers_death_date", "pers_is_mother"},
              {"pers_person_id"}},
             [&](SsdTable& t) {
               const std::string_view id = value(t.field(0));
               if (id.empty()) {
                 t.reject({"pers_person_id is missing", t.field(0).line, t.field(0).column});
                 return;
               }
               bool rejected = false;
               auto born = date(t, 1, "pers_dob", false, rejected);
               auto expected = date(t, 2, "pers_expected_dob", false, rejected);
               auto died = date(t, 7, "pers_death_date", false, rejected);
               if (rejected) {
                 people_.insert(std::string(id));  // its error names it: no second word on its events
                 return;
               }
               if (sink_->has_case(id)) {
                 t.reject({"pers_person_id " + quote_value(id) + " appears twice", t.field(0).line,
                           t.field(0).column});
                 return;
               }
               const bool unborn = !born && expected;
               const std::string death = died ? to_iso_string(*died) : std::string();
               const std::string mother = flag_cell(t, 8, "pers_is_mother");
               std::string team, worker;
               if (auto found = involvement_.find(std::string(id)); found != involvement_.end()) {
                 auto name = team_name_.find(found->second.team);
                 team = name != team_name_.end() ? name->second : found->second.team;
                 auto who = worker_name_.find(found->second.worker);
                 worker = who != worker_name_.end() ? who->second : found->second.worker;
               }
               const Attributes attributes = {
                   {"sex", value(t.field(3))},       {"ethnicity", value(t.field(4))},
                   {"upn", value(t.field(5))},       {"upn_unknown", value(t.field(6))},
                   {"date_of_death", death},         {"mother", mother},
                   {"unborn", unborn ? "true" : ""}, {"team", team},
                   {"worker", worker}};
               people_.insert(std::string(id));
               sink_->add_case(CaseRecord{id, unborn ? expected : born, attributes, t.position()});
             });
  }

  // --- Events --------------------------------------------------------------------------------

  void read_contacts() {
    each_row({"ssd_contacts",
              {"cont_contact_id", "cont_person_id", "cont_contact_date", "cont_contact_outcome_json",
               "cont_contact_source_code", "cont_contact_source_desc", "cont_contact_source"},
              {"cont_contact_id", "cont_person_id", "cont_contact_date"}},
             [&](SsdTable& t) {
               auto child = person(t, 1, "cont_person_id");
               if (!child) return;
               bool rejected = false;
               auto day = date(t, 2, "cont_contact_date", true, rejected);
               if (rejected) return;
               const std::string outcome = contact_outcome(outcome_flags(value(t.field(3))));
               std::string_view source = value(t.field(4));
               if (source.empty()) source = value(t.field(6));  // the older column
               if (source.empty()) source = value(t.field(5));
               emit(t, *child, "contact", *day, {{"outcome", outcome}, {"source", source}});
             });
  }

  void read_assessments() {
    each_row({"ssd_cin_assessments",
              {"cina_assessment_id", "cina_person_id", "cina_referral_id", "cina_assessment_start_date",
               "cina_assessment_auth_date", "cina_assessment_child_seen", "cina_assessment_outcome_nfa"},
              {"cina_assessment_id", "cina_assessment_start_date"}},
             [&](SsdTable& t) {
               auto child = person(t, 1, "cina_person_id", 2, "cina_referral_id", &referral_child_,
                                   "ssd_cin_episodes");
               if (!child) return;
               bool rejected = false;
               auto start = date(t, 3, "cina_assessment_start_date", false, rejected);
               auto done = date(t, 4, "cina_assessment_auth_date", false, rejected);
               if (rejected) return;
               if (!start && !done) {
                 t.reject({"cina_assessment_start_date and cina_assessment_auth_date are both missing",
                           t.position().line, t.field(3).column});
                 return;
               }
               if (start && done && *done < *start)
                 warn("assessments authorised before they started", t,
                      "cina_assessment_auth_date " + to_iso_string(*done) +
                          " is before cina_assessment_start_date " + to_iso_string(*start));
               if (start) emit(t, *child, "assessment_start", *start);
               if (done) {
                 const std::string seen = flag_cell(t, 5, "cina_assessment_child_seen");
                 const std::string nfa = flag_cell(t, 6, "cina_assessment_outcome_nfa");
                 emit(t, *child, "assessment_completed", *done,
                      {{"child_seen", seen}, {"nfa", nfa}});
               }
             });
  }

  void read_cin_plans() {
    each_row({"ssd_cin_plans",
              {"cinp_cin_plan_id", "cin_plan_id", "cinp_person_id", "cinp_referral_id",
               "cinp_cin_plan_start_date", "cinp_cin_plan_end_date", "cinp_cin_plan_start",
               "cinp_cin_plan_end"},
              {}},
             [&](SsdTable& t) {
               auto child = person(t, 2, "cinp_person_id", 3, "cinp_referral_id", &referral_child_,
                                   "ssd_cin_episodes");
               if (!child) return;
               // The YAML definitions name the dates cinp_cin_plan_start and cinp_cin_plan_end.
               const bool current = t.field(4).present || !t.field(6).present;
               bool rejected = false;
               auto start = date(t, current ? 4 : 6,
                                 current ? "cinp_cin_plan_start_date" : "cinp_cin_plan_start", true, rejected);
               auto end = date(t, current ? 5 : 7, current ? "cinp_cin_plan_end_date" : "cinp_cin_plan_end",
                               false, rejected);
               if (rejected) return;
               if (end && *end < *start) {
                 const Field f = t.field(current ? 5 : 7);
                 t.reject({std::string(current ? "cinp_cin_plan_end_date " : "cinp_cin_plan_end ") +
                               to_iso_string(*end) + " is before the start " + to_iso_string(*start) +
                               ": the plan ends before it starts",
                           f.line, f.column});
                 return;
               }
               emit(t, *child, "cin_plan_start", *start);
               if (end) emit(t, *child, "cin_plan_end", *end);
             });
  }

  // Initial conferences first, so that each one's target date can go on the strategy discussion
  // of the enquiry it names, where the cross-check of the authority's target dates looks for it.
  void read_conferences() {
    each_row({"ssd_initial_cp_conference",
              {"icpc_icpc_id", "icpc_person_id", "icpc_referral_id", "icpc_icpc_date",
               "icpc_icpc_target_date", "icpc_icpc_outcome_cp_flag", "icpc_s47_enquiry_id",
               "icpc_icpc_transfer_in"},
              {"icpc_icpc_id", "icpc_icpc_date"}},
             [&](SsdTable& t) {
               auto child = person(t, 1, "icpc_person_id", 2, "icpc_referral_id", &referral_child_,
                                   "ssd_cin_episodes");
               if (!child) return;
               bool rejected = false;
               auto held = date(t, 3, "icpc_icpc_date", false, rejected);
               auto target = date(t, 4, "icpc_icpc_target_date", false, rejected);
               if (rejected) return;
               if (target)
                 if (auto enquiry = value(t.field(6)); !enquiry.empty())
                   target_.emplace(std::string(enquiry), to_iso_string(*target));  // the first
               if (!held) {
                 ++left_out_[{t.name(), "no icpc_icpc_date (not held yet)"}];
                 return;
               }
               const std::string plan = flag_cell(t, 5, "icpc_icpc_outcome_cp_flag");
               const std::string transfer = flag_cell(t, 7, "icpc_icpc_transfer_in");
               emit(t, *child, "icpcc", *held,
                    {{"outcome", plan == "true" ? "plan" : plan == "false" ? "no_plan" : plan},
                     {"transfer_in", transfer}});
             });
  }

  void read_enquiries() {
    each_row({"ssd_s47_enquiry",
              {"s47e_s47_enquiry_id", "s47e_person_id", "s47e_referral_id", "s47e_s47_start_date"},
              {"s47e_s47_enquiry_id", "s47e_s47_start_date"}},
             [&](SsdTable& t) {
               auto child = person(t, 1, "s47e_person_id", 2, "s47e_referral_id", &referral_child_,
                                   "ssd_cin_episodes");
               if (!child) return;
               bool rejected = false;
               // The SSD defines the start as the day of the strategy discussion that began it.
               auto start = date(t, 3, "s47e_s47_start_date", true, rejected);
               if (rejected) return;
               std::string_view target;
               if (auto found = target_.find(std::string(value(t.field(0)))); found != target_.end())
                 target = found->second;
               emit(t, *child, "strategy_discussion", *start,
                    {{"outcome", "s47"}, {"initial_cpc_target", target}});
             });
    if (!target_.empty())
      report_->targets.push_back(
          {"strategy_discussion", "initial_cpc_target", "icpcc", "icpc_icpc_target_date"});
  }

  void read_cp_reviews() {
    each_row({"ssd_cp_reviews",
              {"cppr_cp_review_id", "cppr_person_id", "cppr_cp_plan_id", "cppr_cp_review_date",
               "cppr_cp_review_outcome_continue_cp", "cppr_cp_review_participation"},
              {"cppr_cp_review_id"}},
             [&](SsdTable& t) {
               auto child = person(t, 1, "cppr_person_id", 2, "cppr_cp_plan_id", &plan_child_,
                                   "ssd_cp_plans");
               if (!child) return;
               bool rejected = false;
               auto held = date(t, 3, "cppr_cp_review_date", false, rejected);
               if (rejected) return;
               if (!held) {
                 ++left_out_[{t.name(), "no cppr_cp_review_date (due, not held)"}];
                 return;
               }
               const std::string go_on = flag_cell(t, 4, "cppr_cp_review_outcome_continue_cp");
               emit(t, *child, "rcpcc", *held,
                    {{"continue_plan", go_on}, {"participation", value(t.field(5))}});
             });
  }

  // Visits from the three tables, each once: SystemC copies every statutory visit into
  // ssd_cin_visits too (a CP visit under the same case-note id), so a CIN visit with the id of a
  // CP visit, or of the same child on the same day as a CP or CLA visit, is that visit.
  void read_visits() {
    // Of the CP and CLA visits: their ids, and each child's days (the child as `seen_` keeps
    // it, so that a million visits cost no copies of their ids).
    std::unordered_set<std::string, TextHash, std::equal_to<>> ids;
    std::unordered_set<ChildDay, ChildDayHash> days;
    auto visit = [&](SsdTable& t, const std::string& child, Date day, const char* setting,
                     std::size_t seen, std::size_t alone, std::size_t bedroom, const char* prefix) {
      const std::string s = flag_cell(t, seen, prefix, "_seen");
      const std::string a = flag_cell(t, alone, prefix, "_seen_alone");
      const std::string b = bedroom == no_link ? std::string() : flag_cell(t, bedroom, prefix, "_bedroom");
      emit(t, child, "visit", day,
           {{"child_seen", s}, {"seen_alone", a}, {"bedroom_seen", b}, {"setting", setting}});
      ids.emplace(value(t.field(0)));
      days.insert({seen_.find(child)->first, day.days});
    };
    each_row({"ssd_cp_visits",
              {"cppv_cp_visit_id", "cppv_person_id", "cppv_cp_plan_id", "cppv_cp_visit_date",
               "cppv_cp_visit_seen", "cppv_cp_visit_seen_alone", "cppv_cp_visit_bedroom"},
              {"cppv_cp_visit_id", "cppv_cp_visit_date"}},
             [&](SsdTable& t) {
               auto child = person(t, 1, "cppv_person_id", 2, "cppv_cp_plan_id", &plan_child_, "ssd_cp_plans");
               if (!child) return;
               bool rejected = false;
               auto day = date(t, 3, "cppv_cp_visit_date", true, rejected);
               if (!rejected) visit(t, *child, *day, "cp", 4, 5, 6, "cppv_cp_visit");
             });
    each_row({"ssd_cla_visits",
              {"clav_cla_visit_id", "clav_person_id", "clav_cla_id", "clav_cla_visit_date",
               "clav_cla_visit_seen", "clav_cla_visit_seen_alone"},
              {"clav_cla_visit_id", "clav_cla_visit_date"}},
             [&](SsdTable& t) {
               auto child = person(t, 1, "clav_person_id", 2, "clav_cla_id", &period_child_, "ssd_cla_episodes");
               if (!child) return;
               bool rejected = false;
               auto day = date(t, 3, "clav_cla_visit_date", true, rejected);
               if (!rejected) visit(t, *child, *day, "cla", 4, 5, no_link, "clav_cla_visit");
             });
    std::size_t twice = 0;
    each_row({"ssd_cin_visits",
              {"cinv_cin_visit_id", "cinv_person_id", "cinv_cin_plan_id", "cinv_cin_visit_date",
               "cinv_cin_visit_seen", "cinv_cin_visit_seen_alone", "cinv_cin_visit_bedroom"},
              {"cinv_cin_visit_id", "cinv_cin_visit_date"}},
             [&](SsdTable& t) {
               // Mosaic has no cinv_person_id, and keeps the referral's id in cinv_cin_plan_id.
               auto child = person(t, 1, "cinv_person_id", 2, "cinv_cin_plan_id", &referral_child_,
                                   "ssd_cin_episodes");
               if (!child) return;
               bool rejected = false;
               auto day = date(t, 3, "cinv_cin_visit_date", true, rejected);
               if (rejected) return;
               auto known = seen_.find(*child);
               if (ids.count(value(t.field(0))) ||
                   (known != seen_.end() && days.count({known->first, day->days}))) {
                 ++twice;
                 return;
               }
               const std::string s = flag_cell(t, 4, "cinv_cin_visit_seen");
               const std::string a = flag_cell(t, 5, "cinv_cin_visit_seen_alone");
               const std::string b = flag_cell(t, 6, "cinv_cin_visit_bedroom");
               emit(t, *child, "visit", *day,
                    {{"child_seen", s}, {"seen_alone", a}, {"bedroom_seen", b}, {"setting", "cin"}});
             });
    if (twice)
      report_->notes.push_back(tables_->where() + ": " + std::to_string(twice) +
                               " ssd_cin_visits rows are visits of ssd_cp_visits or ssd_cla_visits "
                               "(the same id, or the same child and day), each counted once");
  }

  void read_placements() {
    each_row({"ssd_cla_placement",
              {"clap_cla_placement_id", "clap_person_id", "clap_cla_id", "clap_cla_placement_start_date",
               "clap_cla_placement_type", "clap_cla_placement_provider", "clap_cla_placement_postcode",
               "clap_cla_placement_urn", "clap_cla_placement_change_reason"},
              {"clap_cla_placement_id", "clap_cla_placement_start_date"}},
             [&](SsdTable& t) {
               auto child = person(t, 1, "clap_person_id", 2, "clap_cla_id", &period_child_, "ssd_cla_episodes");
               if (!child) return;
               bool rejected = false;
               auto start = date(t, 3, "clap_cla_placement_start_date", true, rejected);
               if (rejected) return;
               const std::string_view type = value(t.field(4));
               emit(t, *child, "placement_start", *start,
                    {{"placement_type", type},
                     {"placement_provider", value(t.field(5))},
                     {"placement_postcode", value(t.field(6))},
                     {"urn", value(t.field(7))},
                     {"reason_place_change", value(t.field(8))},
                     {"permanent", truth(is_permanent(type))},
                     {"placed_with_parents", truth(is_with_parents(type))}});
             });
  }

  void read_cla_reviews() {
    each_row({"ssd_cla_reviews",
              {"clar_cla_review_id", "clar_cla_person_id", "clar_cla_id", "clar_cla_review_date",
               "clar_cla_review_cancelled", "clar_cla_review_participation"},
              {"clar_cla_review_id"}},
             [&](SsdTable& t) {
               auto child = person(t, 1, "clar_cla_person_id", 2, "clar_cla_id", &period_child_,
                                   "ssd_cla_episodes");
               if (!child) return;
               bool rejected = false;
               auto held = date(t, 3, "clar_cla_review_date", false, rejected);
               if (rejected) return;
               if (flag_cell(t, 4, "clar_cla_review_cancelled") == "true") {
                 ++left_out_[{t.name(), "cancelled (clar_cla_review_cancelled Y)"}];
                 return;
               }
               if (!held) {
                 ++left_out_[{t.name(), "no clar_cla_review_date (due, not held)"}];
                 return;
               }
               emit(t, *child, "cla_review", *held, {{"participation", value(t.field(5))}});
             });
  }

  // The authority's own names for check types, `check_type,event` per line, replace the defaults.
  bool read_health_checks() {
    health_checks_ = default_health_checks();
    if (options_->ssd_health_checks.empty()) return true;
    std::ifstream in(options_->ssd_health_checks);
    const std::string file = options_->ssd_health_checks.string();
    FileTally tally(options_->ssd_health_checks, *report_);
    if (!in) {
      tally.file_error("cannot open the file of health check types", 0, 0);
      return false;
    }
    health_checks_.clear();
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      const std::string_view text = trim(line);
      if (text.empty() || text.front() == '#' || (number == 1 && lower_ascii(text) == "check_type,event"))
        continue;
      tally.count_row();
      const auto comma = text.rfind(',');
      if (comma == std::string_view::npos || trim(text.substr(comma + 1)).empty()) {
        tally.reject({"expected `check type,event` (for example `Dental Check,dental_check`)", number, 1},
                     number, line);
        continue;
      }
      health_checks_[lower_ascii(trim(text.substr(0, comma)))] = std::string(trim(text.substr(comma + 1)));
    }
    return true;
  }

  void read_health() {
    each_row({"ssd_cla_health",
              {"clah_health_check_id", "clah_person_id", "clah_health_check_type", "clah_health_check_date",
               "clah_health_check_status"},
              {"clah_health_check_id", "clah_person_id", "clah_health_check_type", "clah_health_check_date"}},
             [&](SsdTable& t) {
               auto child = person(t, 1, "clah_person_id");
               if (!child) return;
               // A check not done, or of a type that is no event, needs no date.
               const std::string_view type = value(t.field(2));
               auto event = health_checks_.find(lower_ascii(type));
               if (event == health_checks_.end()) {
                 ++left_out_[{t.name(), "check type " + quote_value(type) +
                                            ", which the mapping of check types does not name "
                                            "(--ssd-health-checks)"}];
                 return;
               }
               if (not_done(value(t.field(4)))) {
                 ++left_out_[{t.name(), "clah_health_check_status " + quote_value(value(t.field(4))) +
                                            " (not done)"}];
                 return;
               }
               bool rejected = false;
               auto day = date(t, 3, "clah_health_check_date", true, rejected);
               if (!rejected) emit(t, *child, event->second.c_str(), *day);
             });
  }

  // Each child's episodes in start order: a care period starts at the first, and after one that
  // ceased for a reason other than X1 (a new episode the same day).
  void emit_care_periods() {
    std::stable_sort(episodes_.begin(), episodes_.end(), [](const Episode& a, const Episode& b) {
      return a.person != b.person ? a.person < b.person : a.start < b.start;
    });
    const Episode* previous = nullptr;
    for (const Episode& e : episodes_) {
      const DataPosition at{e.table, e.line, e.key};
      auto warn_here = [&](std::string_view kind, std::string message) {
        if (!e.key.empty()) message += " (" + e.key + ")";
        add_warning(*report_, kind, at, std::move(message));
      };
      if (previous && previous->person != e.person) previous = nullptr;
      const bool starts = !previous || (previous->ceased && previous->ceased_reason != "X1");
      if (previous && (!previous->ceased || e.start < *previous->ceased))
        warn_here("overlapping episodes", "episode starts on " + to_iso_string(e.start) +
                                              " before the episode before it (line " +
                                              std::to_string(previous->line) + ") ceased");
      if (starts) {
        add_event(*sink_, EventRecord{e.person, "became_looked_after", e.start, std::nullopt,
                                      Attributes{{"category_of_need", e.need}}, at},
                  *report_);
        remember(e.person, at);
      }
      if (e.ceased && e.ceased_reason != "X1") {
        if (e.ceased_reason.empty())
          warn_here("episodes ceased with no reason",
                    "episode ceased on " + to_iso_string(*e.ceased) +
                        " with no clae_cla_episode_ceased_reason: taken as ceasing to be looked after");
        add_event(*sink_, EventRecord{e.person, "ceased_looked_after", *e.ceased, std::nullopt,
                                      Attributes{{"reason", e.ceased_reason}}, at},
                  *report_);
      }
      previous = &e;
    }
  }

  // Rows read and used, that are not events: a review cancelled, a conference not held yet.
  void note_left_out() {
    for (const auto& [what, count] : left_out_)
      report_->notes.push_back(what.first + ": " + std::to_string(count) +
                               (count == 1 ? " row is not an event: " : " rows are not events: ") +
                               what.second);
  }

  // A child the events name that ssd_person lacks: its events are kept, with no date of birth.
  void check_people() {
    if (!present_.count("ssd_person")) return;
    for (const auto& child : seen_order_) {
      if (people_.count(child) || sink_->has_case(child)) continue;
      const Seen& s = seen_.at(child);
      std::string message = "person " + quote_value(child) +
                            " is not in ssd_person (its events are kept, with no date of birth)";
      if (!s.key.empty()) message += " (" + s.key + ")";
      add_warning(*report_, "children not in ssd_person", {s.file, s.line, s.key}, std::move(message));
    }
  }

  struct Seen {
    std::string file;
    int line = 0;
    std::string key;
  };

  std::string location_;
  bool database_;
  TimelineSink* sink_ = nullptr;
  ReadReport* report_ = nullptr;
  const ReadOptions* options_ = nullptr;
  std::unique_ptr<SsdTables> tables_;
  std::set<std::string, std::less<>> present_;
  std::unordered_map<std::string, std::string> referral_child_, plan_child_, period_child_;
  std::unordered_map<std::string, std::string> team_name_, worker_name_, target_;
  std::unordered_map<std::string, Involvement> involvement_;
  std::unordered_set<std::string> people_;
  std::unordered_map<std::string, Seen> seen_;
  std::vector<std::string> seen_order_;
  std::vector<Episode> episodes_;
  std::map<std::string, std::string> health_checks_;
  std::map<std::pair<std::string, std::string>, std::size_t> left_out_;  // (table, why)
};

}  // namespace

std::unique_ptr<DataSource> ssd_source(const std::filesystem::path& folder) {
  return std::make_unique<SsdSource>(folder.string(), false);
}

std::unique_ptr<DataSource> ssd_odbc_source(const std::filesystem::path& connection) {
  return std::make_unique<SsdSource>(connection.string(), true);
}

}  // namespace duly::sources
