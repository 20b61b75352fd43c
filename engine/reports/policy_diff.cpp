// Pairing one case's obligations under two policies and counting what changed (see
// policy_diff.hpp); and the walk over both timelines that feeds it.
#include <duly/policy_diff.hpp>

#include "engine/reports/diff_writers.hpp"
#include "engine/reports/groups.hpp"
#include "engine/reports/quoted_texts.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace duly {

bool ObligationPair::changed() const {
  return !old_obligation || !new_obligation || old_obligation->due != new_obligation->due ||
         old_obligation->status != new_obligation->status;
}

namespace {

// What pairs an obligation with its partner under the other policy: texts, since the two
// policies number their rules and event types each in their own way.
struct PairKey {
  std::string_view rule;
  Date trigger_date;
  std::string_view trigger_event;

  friend bool operator<(const PairKey& a, const PairKey& b) {
    if (a.rule != b.rule) return a.rule < b.rule;
    if (a.trigger_date != b.trigger_date) return a.trigger_date < b.trigger_date;
    return a.trigger_event < b.trigger_event;
  }
  friend bool operator==(const PairKey&, const PairKey&) = default;
};

struct Keyed {
  PairKey key;
  const Obligation* obligation;
};

// The text itself: keys compare names as they are, unquoted.
std::string as_is(std::string_view text) { return std::string(text); }

// One policy's side of the diff: where each of its rules lands among the rule ids of both, its
// texts, and the current case's obligations by key.
struct Side {
  const Policy* policy;
  std::vector<std::size_t> rule_diff;  // by rule index: into State::rules
  reports::QuotedTexts texts;          // as_is: rule ids and labels as the keys compare them
  std::vector<Keyed> keyed;
  reports::GroupKeys groups;

  Side(const Policy& p, const std::vector<std::string>& by)
      : policy(&p), texts(p, &as_is), groups(by) {}

  // The case's obligations in key order, those of one key in report order.
  void sort_by_key(std::span<const Obligation> obligations) {
    keyed.clear();
    for (const Obligation& o : obligations)
      keyed.push_back(
          {{texts.rule_ids[o.rule_index], o.trigger_date, texts.label(o.trigger_event)}, &o});
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const Keyed& a, const Keyed& b) { return a.key < b.key; });
  }
};

}  // namespace

struct PolicyDiff::State {
  DiffSettings settings;
  Side old_side, new_side;
  std::vector<RuleDiff> rules;
  std::vector<ChangedCase> changed_cases;
  std::vector<ObligationPair> pairs;  // the current case's
  CaseDiff current;
  std::size_t cases = 0, changed_case_count = 0, old_obligations = 0, new_obligations = 0,
              changed = 0;

  State(const Policy& old_policy, const Policy& new_policy, DiffSettings s)
      : settings(std::move(s)),
        old_side(old_policy, settings.by),
        new_side(new_policy, settings.by) {
    std::vector<std::string> ids;
    for (const Policy* policy : {&old_policy, &new_policy})
      for (const Rule& rule : policy->rules()) ids.push_back(rule.id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (auto& id : ids) rules.push_back({std::move(id), {}, false, false, {}, {}});
    place_rules(old_side, &RuleDiff::in_old);
    place_rules(new_side, &RuleDiff::in_new);  // after OLD: NEW's name wins
  }

  void place_rules(Side& side, bool RuleDiff::*in) {
    for (const Rule& rule : side.policy->rules()) {
      auto at =
          std::lower_bound(rules.begin(), rules.end(), rule.id,
                           [](const RuleDiff& r, const std::string& id) { return r.id < id; });
      (*at).*in = true;
      at->name = rule.name;
      side.rule_diff.push_back(static_cast<std::size_t>(at - rules.begin()));
    }
  }

  // Merges the two sides' obligations, both in key order: equal keys pair up one to one.
  void pair_up() {
    pairs.clear();
    const auto& olds = old_side.keyed;
    const auto& news = new_side.keyed;
    std::size_t i = 0, j = 0;
    while (i < olds.size() || j < news.size()) {
      if (j == news.size() || (i < olds.size() && olds[i].key < news[j].key))
        pairs.push_back({olds[i++].obligation, nullptr});
      else if (i == olds.size() || news[j].key < olds[i].key)
        pairs.push_back({nullptr, news[j++].obligation});
      else
        pairs.push_back({olds[i++].obligation, news[j++].obligation});
    }
  }

  // The counts of one obligation under its policy, in its rule's row and group.
  static RuleDiffCounts* group_of(RuleDiff& rule, Side& side, const CaseObligations& c,
                                  const Obligation& o) {
    if (side.groups.empty()) return nullptr;
    const std::string& key = side.groups.key(*c.timeline, c.case_index, o.due);
    auto found = rule.groups.find(key);
    if (found == rule.groups.end()) found = rule.groups.emplace(key, RuleDiffCounts{}).first;
    return &found->second;
  }

  void count(const ObligationPair& pair, const CaseObligations& old_case,
             const CaseObligations& new_case) {
    RuleDiffCounts* changed_group = nullptr;
    RuleDiff* rule = nullptr;
    if (const Obligation* o = pair.old_obligation) {
      rule = &rules[old_side.rule_diff[o->rule_index]];
      rule->totals.old_counts.add(o->status);
      if ((changed_group = group_of(*rule, old_side, old_case, *o)))
        changed_group->old_counts.add(o->status);
    }
    if (const Obligation* o = pair.new_obligation) {
      rule = &rules[new_side.rule_diff[o->rule_index]];
      rule->totals.new_counts.add(o->status);
      if ((changed_group = group_of(*rule, new_side, new_case, *o)))
        changed_group->new_counts.add(o->status);
    }
    if (!pair.changed()) return;
    ++rule->totals.changed;
    if (changed_group) ++changed_group->changed;
  }

  ObligationChange describe(const ObligationPair& pair) const {
    const Obligation& either = pair.new_obligation ? *pair.new_obligation : *pair.old_obligation;
    const Policy& policy = pair.new_obligation ? *new_side.policy : *old_side.policy;
    ObligationChange change;
    change.rule = policy.rules()[either.rule_index].id;
    change.trigger_event = label_text(policy, either.trigger_event);
    change.trigger_date = either.trigger_date;
    if (pair.old_obligation) {
      change.old_due = pair.old_obligation->due;
      change.old_status = pair.old_obligation->status;
    }
    if (pair.new_obligation) {
      change.new_due = pair.new_obligation->due;
      change.new_status = pair.new_obligation->status;
    }
    return change;
  }

  void keep_changes() {
    ++changed_case_count;
    if (changed_cases.size() >= settings.cases_kept) return;
    ChangedCase kept{std::string(current.case_id), current.changed, {}};
    for (const ObligationPair& pair : pairs) {
      if (kept.first_changes.size() >= settings.changes_kept) break;
      if (pair.changed()) kept.first_changes.push_back(describe(pair));
    }
    changed_cases.push_back(std::move(kept));
  }
};

PolicyDiff::PolicyDiff(const Policy& old_policy, const Policy& new_policy, DiffSettings settings)
    : state_(std::make_unique<State>(old_policy, new_policy, std::move(settings))) {}
PolicyDiff::~PolicyDiff() = default;
PolicyDiff::PolicyDiff(PolicyDiff&&) noexcept = default;
PolicyDiff& PolicyDiff::operator=(PolicyDiff&&) noexcept = default;

namespace {

std::string_view case_id_of(const CaseObligations& c, const Policy& policy) {
  if (!c.timeline) {
    if (!c.obligations.empty())
      throw std::invalid_argument("obligations of a case without its timeline");
    return {};
  }
  c.timeline->require_policy(policy);
  c.timeline->require_case(c.case_index);
  return c.timeline->cases()[c.case_index].id;
}

}  // namespace

const CaseDiff& PolicyDiff::add_case(const CaseObligations& old_case,
                                     const CaseObligations& new_case) {
  State& s = *state_;
  const std::string_view old_id = case_id_of(old_case, *s.old_side.policy);
  const std::string_view new_id = case_id_of(new_case, *s.new_side.policy);
  if (!old_case.timeline && !new_case.timeline)
    throw std::invalid_argument("a case of neither timeline");
  if (old_case.timeline && new_case.timeline && old_id != new_id)
    throw std::invalid_argument("two cases paired: `" + std::string(old_id) + "` and `" +
                                std::string(new_id) + "`");
  s.old_side.sort_by_key(old_case.obligations);
  s.new_side.sort_by_key(new_case.obligations);
  s.pair_up();
  s.current = {old_case.timeline ? old_id : new_id, old_case, new_case, s.pairs, 0};
  for (const ObligationPair& pair : s.pairs) {
    s.count(pair, old_case, new_case);
    if (pair.changed()) ++s.current.changed;
  }
  ++s.cases;
  s.old_obligations += old_case.obligations.size();
  s.new_obligations += new_case.obligations.size();
  s.changed += s.current.changed;
  if (s.current.changed > 0) s.keep_changes();
  return s.current;
}

const Policy& PolicyDiff::old_policy() const { return *state_->old_side.policy; }
const Policy& PolicyDiff::new_policy() const { return *state_->new_side.policy; }
const DiffSettings& PolicyDiff::settings() const { return state_->settings; }
const std::vector<RuleDiff>& PolicyDiff::rules() const { return state_->rules; }
const std::vector<ChangedCase>& PolicyDiff::changed_cases() const { return state_->changed_cases; }
std::size_t PolicyDiff::cases() const { return state_->cases; }
std::size_t PolicyDiff::changed_case_count() const { return state_->changed_case_count; }
std::size_t PolicyDiff::old_obligations() const { return state_->old_obligations; }
std::size_t PolicyDiff::new_obligations() const { return state_->new_obligations; }
std::size_t PolicyDiff::changed() const { return state_->changed; }

std::unique_ptr<PolicyDiffWriter> make_policy_diff_writer(ReportFormat format,
                                                          const PolicyDiff& diff,
                                                          const RunDescription& old_run,
                                                          const RunDescription& new_run,
                                                          std::ostream& out) {
  switch (format) {
    case ReportFormat::csv:
      return reports::make_diff_csv_writer(diff, out);
    case ReportFormat::json_lines:
      return reports::make_diff_json_lines_writer(diff, out);
    case ReportFormat::table:
    case ReportFormat::html:  // no HTML comparison (yet): the table
      break;
  }
  return reports::make_diff_table_writer(diff, old_run, new_run, out);
}

void diff_timelines(const Timeline& old_timeline, Evaluator& old_evaluator,
                    const Timeline& new_timeline, Evaluator& new_evaluator, PolicyDiff& diff,
                    PolicyDiffWriter& writer,
                    const std::function<void(std::size_t done, std::size_t total)>& progress) {
  // Both timelines hold their cases sorted by id: walk them side by side.
  const auto& olds = old_timeline.cases();
  const auto& news = new_timeline.cases();
  std::vector<std::pair<std::optional<std::uint32_t>, std::optional<std::uint32_t>>> cases;
  for (std::uint32_t i = 0, j = 0; i < olds.size() || j < news.size();) {
    if (j == news.size() || (i < olds.size() && olds[i].id < news[j].id))
      cases.emplace_back(i++, std::nullopt);
    else if (i == olds.size() || news[j].id < olds[i].id)
      cases.emplace_back(std::nullopt, j++);
    else
      cases.emplace_back(i++, j++);
  }
  std::vector<Obligation> old_obligations, new_obligations;
  auto evaluate = [](const Timeline& timeline, Evaluator& evaluator,
                     std::optional<std::uint32_t> index, std::vector<Obligation>& out) {
    out.clear();
    if (!index) return CaseObligations{};
    evaluator.evaluate_case(timeline, *index, out);
    return CaseObligations{&timeline, *index, out};
  };
  for (std::size_t k = 0; k < cases.size(); ++k) {
    const CaseObligations old_case =
        evaluate(old_timeline, old_evaluator, cases[k].first, old_obligations);
    const CaseObligations new_case =
        evaluate(new_timeline, new_evaluator, cases[k].second, new_obligations);
    writer.add_case(diff.add_case(old_case, new_case));
    if (progress) progress(k + 1, cases.size());
  }
}

std::string no_differences_text(const PolicyDiff& diff) {
  if (diff.changed() > 0) return {};
  const std::size_t n = diff.old_obligations();
  return "no differences: the " + std::to_string(n) +
         (n == 1 ? " obligation of " : " obligations of ") + std::to_string(diff.cases()) +
         (diff.cases() == 1 ? " case " : " cases ") +
         (n == 1 ? "has the same due date and status" : "have the same due dates and statuses") +
         " under both policies";
}

}  // namespace duly
