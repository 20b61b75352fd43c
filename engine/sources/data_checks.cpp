// The data against its policy (see duly/data_checks.hpp): which names each rule reads, which of
// them the data gives, and the events whose dates cannot be right.
#include <duly/data_checks.hpp>

#include "engine/check/rule_parts.hpp"

#include <duly/diagnostic.hpp>

#include <algorithm>
#include <cctype>
#include <set>

namespace duly {

namespace {

// What one rule reads: the attributes of its events, the case's attributes, and ages (from
// conditions, age triggers and `time in P since age N`), through its period too.
struct RuleReads {
  std::set<AttributeId> attributes;
  std::set<CaseAttributeId> case_attributes;
  bool ages = false;
  std::set<EventTypeId> types;  // the events it waits for, starts from or counts
};

class ReadsCollector {
 public:
  ReadsCollector(const Policy& policy, RuleReads& reads) : policy_(policy), reads_(reads) {}

  void rule(const Rule& r) {
    condition(r.when);
    if (r.during) period(policy_.periods()[*r.during]);
    check::visit_form_parts(r.form, *this);
  }

  void condition(const Condition& c) {
    // A compound's own operand is unset: only its children read anything.
    const bool compound = c.kind == Condition::Kind::all_of || c.kind == Condition::Kind::any_of ||
                          c.kind == Condition::Kind::negation;
    if (!compound) switch (c.operand.kind) {
        case Operand::Kind::event_attribute:
        case Operand::Kind::latest_attribute: reads_.attributes.insert(c.operand.attribute); break;
        case Operand::Kind::case_attribute:
          reads_.case_attributes.insert(c.operand.case_attribute);
          break;
        case Operand::Kind::age: reads_.ages = true; break;
        case Operand::Kind::time_in:
          if (c.operand.since_age) reads_.ages = true;
          break;
      }
    for (const auto& child : c.children) condition(child);
  }
  void condition(const std::optional<Condition>& c) {
    if (c) condition(*c);
  }
  void filter(const EventFilter& f) {
    reads_.types.insert(f.types.begin(), f.types.end());
    condition(f.where);
  }
  void filter(const std::optional<EventFilter>& f) {
    if (f) filter(*f);
  }
  void trigger(const Trigger& t) {
    if (t.kind == Trigger::Kind::age) reads_.ages = true;
    else filter(t.events);
  }

 private:
  const Policy& policy_;
  RuleReads& reads_;

  void period(const Period& p) {
    trigger(p.start);
    trigger(p.end);
    condition(p.when);
  }
};

constexpr int longest_pregnancy_days = 42 * 7;

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// `N05, T07 and T30`; more than eight are counted.
std::string rule_list(const std::vector<std::string>& ids) {
  constexpr std::size_t listed = 8;
  std::string out;
  for (std::size_t i = 0; i < ids.size() && i < listed; ++i) {
    if (i > 0) out += i + 1 == std::min(ids.size(), listed) && ids.size() <= listed ? " and " : ", ";
    out += ids[i];
  }
  if (ids.size() > listed) out += " and " + std::to_string(ids.size() - listed) + " more";
  return out;
}

std::string rules_word(const std::vector<std::string>& ids) {
  return ids.size() == 1 ? "rule " : "rules ";
}

// "uses" after one rule, "use" after several.
std::string verb(const std::vector<std::string>& ids, const char* one, const char* many) {
  return ids.size() == 1 ? one : many;
}

// The spellings of a date of birth that exports use (`dob`, `Birth Date`, the census's
// `PersonBirthDate`): too far from `date_of_birth` for the usual suggestion, yet almost always
// meant as it.
bool means_date_of_birth(std::string_view column) {
  std::string letters;
  for (char c : column)
    if (std::isalnum(static_cast<unsigned char>(c)))
      letters += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* spelling : {"dob", "birthdate", "dateofbirth", "personbirthdate", "birthday"})
    if (letters == spelling) return true;
  return false;
}

void event_columns(const Policy& policy, const DataCheckOptions& options, ReadReport& report) {
  for (const auto& [name, values] : options.undeclared_attributes) {
    if (values == 0) continue;  // a column with only empty cells loses nothing
    std::string message = "column `" + name + "` is not an attribute of any event of the policy";
    const std::string close = closest_name(name, policy.attribute_names());
    if (!close.empty()) message += "; did you mean `" + close + "`?";
    message += " (" + plural(values, "value", "values") + " ignored)";
    report.findings.push_back({"undeclared column", std::move(message), {}});
  }
}

void case_columns(const Policy& policy, const Timeline& timeline, const DataCheckOptions& options,
                  ReadReport& report) {
  std::vector<std::string> declared = {"date_of_birth"};
  for (const auto& attribute : policy.case_attributes()) declared.push_back(attribute.name);
  for (const auto& column : timeline.case_columns()) {
    if (std::find(declared.begin(), declared.end(), column) != declared.end()) continue;
    if (std::find(options.by.begin(), options.by.end(), column) != options.by.end()) continue;
    std::string message = "column `" + column + "` of the cases is not a case attribute of the policy";
    const std::string close = means_date_of_birth(column) ? "date_of_birth" : closest_name(column, declared);
    if (!close.empty()) message += "; did you mean `" + close + "`?";
    message += " (kept for --by, read by no rule)";
    report.findings.push_back({"undeclared column", std::move(message), {}});
  }
}

// The attributes rules read that no event (or no case) has a value for, when there are events
// that could have had one: the usual sign of a column missing from an export.
void names_never_given(const Policy& policy, const Timeline& timeline,
                       const std::vector<RuleReads>& reads, ReadReport& report) {
  std::vector<bool> given(policy.attribute_names().size(), false);
  std::vector<bool> type_seen(policy.event_types().size(), false);
  for (const auto& e : timeline.events()) {
    type_seen[e.type] = true;
    for (const auto& a : timeline.attributes_of(e)) given[a.attribute] = true;
  }
  std::vector<bool> could_be(policy.attribute_names().size(), false);
  for (std::size_t t = 0; t < type_seen.size(); ++t)
    if (type_seen[t])
      for (AttributeId a : policy.event_types()[t].attributes) could_be[a] = true;
  for (AttributeId a = 0; a < given.size(); ++a) {
    if (given[a] || !could_be[a]) continue;
    std::vector<std::string> rules;
    for (std::size_t r = 0; r < reads.size(); ++r)
      if (reads[r].attributes.count(a)) rules.push_back(policy.rules()[r].id);
    if (rules.empty()) continue;
    report.findings.push_back(
        {"attribute never given",
         "no event has a value for `" + policy.attribute_names()[a] + "`, which " +
             rules_word(rules) + rule_list(rules) + verb(rules, " reads", " read") +
             ": every condition on it is false",
         rules});
  }
  if (timeline.cases().empty()) return;
  std::vector<bool> case_given(policy.case_attributes().size(), false);
  for (const auto& c : timeline.cases())
    for (std::size_t a = 0; a < c.attributes.size(); ++a)
      if (c.attributes[a]) case_given[a] = true;
  for (CaseAttributeId a = 0; a < case_given.size(); ++a) {
    if (case_given[a]) continue;
    std::vector<std::string> rules;
    for (std::size_t r = 0; r < reads.size(); ++r)
      if (reads[r].case_attributes.count(a)) rules.push_back(policy.rules()[r].id);
    if (rules.empty()) continue;
    report.findings.push_back(
        {"attribute never given",
         "no case has a value for `" + policy.case_attributes()[a].name + "`, which " +
             rules_word(rules) + rule_list(rules) + verb(rules, " reads", " read") +
             ": every condition on it is false",
         rules});
  }
}

// Rules that use ages when no case has a date of birth: no cases file, or one whose column is
// missing or misnamed (`dob`). One case without one is usual (an unborn child) and not said.
void ages_without_birth_dates(const Policy& policy, const Timeline& timeline,
                              const std::vector<RuleReads>& reads, const DataCheckOptions& options,
                              ReadReport& report) {
  std::vector<std::string> rules;
  for (std::size_t r = 0; r < reads.size(); ++r)
    if (reads[r].ages) rules.push_back(policy.rules()[r].id);
  if (rules.empty() || timeline.cases().empty()) return;
  for (const auto& c : timeline.cases())
    if (c.date_of_birth) return;
  std::string message = rules_word(rules) + rule_list(rules) + verb(rules, " uses", " use") + " ages, and ";
  message += options.cases_read ? "no case has a date_of_birth"
                                : "no cases file was given, so no case has a date of birth";
  message += std::string(": ") + verb(rules, "its", "their") +
             " age conditions are false for every case (" +
             plural(timeline.cases().size(), "case", "cases") + ", " +
             plural(timeline.events().size(), "event", "events") + ")";
  report.findings.push_back({"no ages", std::move(message), rules});
}

// Types whose events may lie after the as-of date: what a rule waits for (a review, a visit,
// a conference booked ahead) and the meetings of notice rules. A future referral, contact or
// plan start cannot have happened yet, nor be booked.
std::vector<bool> scheduled_types(const Policy& policy) {
  std::vector<bool> scheduled(policy.event_types().size(), false);
  auto mark = [&](const EventFilter& filter) {
    for (EventTypeId type : filter.types) scheduled[type] = true;
  };
  for (const auto& rule : policy.rules()) {
    if (const auto* d = std::get_if<Deadline>(&rule.form)) mark(d->target);
    if (const auto* r = std::get_if<Recurrence>(&rule.form)) mark(r->target);
    if (const auto* b = std::get_if<Between>(&rule.form)) mark(b->target);
    if (const auto* n = std::get_if<Notice>(&rule.form)) {
      mark(n->target);
      mark(n->trigger);
    }
  }
  return scheduled;
}

// Where the reader already said a date is past the return's reference date: the as-of check
// says nothing more of those events.
std::set<std::pair<std::string, int>> past_reference_date(const ReadReport& report) {
  std::set<std::pair<std::string, int>> at;
  for (const auto& w : report.warnings)
    if (w.kind == "dates after the reference date")
      at.insert({w.diagnostic.position.file, w.diagnostic.position.line});
  return at;
}

void implausible_events(const Policy& policy, const Timeline& timeline,
                        const DataCheckOptions& options, ReadReport& report) {
  const std::vector<bool> scheduled = scheduled_types(policy);
  const auto already_said = past_reference_date(report);
  for (const auto& c : timeline.cases()) {
    for (const auto& e : timeline.events_of(c)) {
      const std::string& type = policy.event_types()[e.type].name;
      if (e.recorded != no_date && e.recorded < e.date)
        add_warning(report, "events recorded before they happened", timeline.position_of(e),
                    type + " of case " + std::string(c.id) + " on " + to_iso_string(e.date) +
                        " is recorded on " + to_iso_string(e.recorded) + ", before it happened");
      if (options.as_of && e.date > *options.as_of && !scheduled[e.type] &&
          !already_said.count({std::string(timeline.position_of(e).file), timeline.position_of(e).line}))
        add_warning(report, "events after the as-of date", timeline.position_of(e),
                    type + " of case " + std::string(c.id) + " on " + to_iso_string(e.date) +
                        " is after the as-of date " + to_iso_string(*options.as_of) +
                        ": it cannot have happened yet, and no rule waits for it (as a review may be booked ahead)");
      // Pre-birth work starts in pregnancy: only an event longer before the birth than a
      // pregnancy lasts cannot be right.
      if (c.date_of_birth && e.date.days < c.date_of_birth->days - longest_pregnancy_days)
        add_warning(report, "events long before the date of birth", timeline.position_of(e),
                    type + " of case " + std::string(c.id) + " on " + to_iso_string(e.date) +
                        " is more than 42 weeks before the date of birth " +
                        to_iso_string(*c.date_of_birth));
    }
  }
}

// Tables a source maps that the data lacks, with the rules that read the events they give: an
// authority that exports what it has should hear which timescales that leaves unseen.
void tables_missing(const Policy& policy, const std::vector<RuleReads>& reads, ReadReport& report) {
  for (const auto& table : report.missing_tables) {
    std::vector<std::string> rules, types;
    for (const auto& name : table.event_types) {
      const auto type = policy.find_event_type(name);
      if (!type) continue;
      bool read = false;
      for (std::size_t r = 0; r < reads.size(); ++r)
        if (reads[r].types.count(*type)) {
          read = true;
          if (std::find(rules.begin(), rules.end(), policy.rules()[r].id) == rules.end())
            rules.push_back(policy.rules()[r].id);
        }
      if (read) types.push_back(name);
    }
    if (rules.empty()) continue;
    std::string events;
    for (std::size_t i = 0; i < types.size(); ++i)
      events += (i == 0 ? "" : i + 1 == types.size() ? " or " : ", ") + types[i];
    report.findings.push_back(
        {"missing table",
         table.where + " has no " + table.name + ", so there are no " + events + " events from it, which " +
             rules_word(rules) + rule_list(rules) + verb(rules, " reads", " read"),
         rules});
  }
}

}  // namespace

void check_data(const Timeline& timeline, const DataCheckOptions& options, ReadReport& report) {
  if (!timeline.policy()) return;
  const Policy& policy = *timeline.policy();
  std::vector<RuleReads> reads(policy.rules().size());
  for (std::size_t r = 0; r < reads.size(); ++r) ReadsCollector(policy, reads[r]).rule(policy.rules()[r]);
  event_columns(policy, options, report);
  case_columns(policy, timeline, options, report);
  names_never_given(policy, timeline, reads, report);
  ages_without_birth_dates(policy, timeline, reads, options, report);
  tables_missing(policy, reads, report);
  implausible_events(policy, timeline, options, report);
}

}  // namespace duly
