// Rules: each rule body checked and turned into its form with every modifier explicit, then the
// policy's list built in the order it reads them. `override rule ID` replaces an earlier rule's
// body (and name, if given) in its place; `drop rule ID` removes it; a second `rule ID` is an
// error. "Earlier" means before, in the policy's reading order (an included file's rules stand
// where its include is).
#include "engine/check/check.hpp"

#include <map>
#include <set>

namespace duly::check {

namespace {

struct Body {
  RuleForm form;
  std::optional<PeriodId> during;
  std::optional<Condition> when;
};

class BodyResolver {
 public:
  BodyResolver(const Vocabulary& vocabulary, Reporter& reporter)
      : vocabulary_(vocabulary), reporter_(reporter) {}

  std::optional<Body> resolve(const syntax::RuleBody& in) {
    ok_ = true;
    Body out;
    if (in.during) {
      out.during = vocabulary_.find_period(in.during->text);
      if (!out.during) {
        reporter_.unknown_name(in.during->position, width_of(*in.during),
                               "unknown period " + backquoted(in.during->text) +
                                   suggestion(in.during->text, vocabulary_.period_names));
        ok_ = false;
      }
    }
    if (in.when) out.when = condition(*in.when, {});
    out.form = std::visit([&](const auto& form) { return this->form(form, in); }, in.form);
    if (!ok_) return std::nullopt;
    return out;
  }

 private:
  EventFilter filter(const syntax::EventRef& ref) {
    auto out = resolve_filter(ref, vocabulary_, reporter_);
    if (!out) ok_ = false;
    return out ? std::move(*out) : EventFilter{};
  }
  std::optional<EventFilter> filter(const std::optional<syntax::EventRef>& ref) {
    if (!ref) return std::nullopt;
    return filter(*ref);
  }
  Duration duration(const syntax::Duration& in) {
    auto out = resolve_duration(in, reporter_);
    if (!out) ok_ = false;
    return out.value_or(Duration{});
  }
  Condition condition(const syntax::Condition& in, const ConditionScope& scope) {
    auto out = resolve_condition(in, scope, vocabulary_, reporter_);
    if (!out) ok_ = false;
    return out ? std::move(*out) : Condition{};
  }

  RuleForm form(const syntax::Deadline& in, const syntax::RuleBody&) {
    Deadline out;
    out.target = filter(in.target);
    out.within = duration(in.within);
    if (auto after = resolve_trigger(in.after, vocabulary_, reporter_))
      out.after = std::move(*after);
    else
      ok_ = false;
    out.or_earlier = in.or_earlier;
    return out;
  }

  RuleForm form(const syntax::Recurrence& in, const syntax::RuleBody& body) {
    Recurrence out;
    out.target = filter(in.target);
    out.clock_start = filter(in.after);
    if (!body.during) {
      auto at = in.intervals.empty() ? body.position : in.intervals.front().position;
      int width = in.intervals.empty() ? 1 : 5;  // under `every`
      reporter_.error(at, width, "a recurrence needs `during P`: the period its clock runs in");
      ok_ = false;
    }
    if (in.intervals.empty()) {
      out.kind = Recurrence::Kind::count;
      count(in, out);
      return out;
    }
    bool phases = false;
    for (const auto& interval : in.intervals) phases = phases || interval.until.has_value();
    out.kind = in.intervals.size() == 1 ? Recurrence::Kind::single
               : phases                 ? Recurrence::Kind::phases
                                        : Recurrence::Kind::by_state;
    for (std::size_t i = 0; i < in.intervals.size(); ++i) {
      const auto& interval = in.intervals[i];
      const bool last = i + 1 == in.intervals.size();
      Interval resolved;
      resolved.position = interval.position;
      resolved.every = duration(interval.every);
      if (interval.when) {
        if (phases) {
          interval_error(interval, "an interval cannot have both phases (`until`) and `when`");
        } else if (i == 0) {
          interval_error(interval,
                         "the first interval is the default and takes no `when`; put the rule's "
                         "own `when` after `during`");
        }
        resolved.when = condition(*interval.when, {});
      } else if (!phases && i > 0) {
        interval_error(interval, "every interval after the first needs `when`");
      }
      if (phases && !last && !interval.until)
        interval_error(interval, "every phase but the last needs `until EVENT`");
      if (phases && last && interval.until)
        interval_error(interval,
                       "the last phase runs to the end of the period and takes no "
                       "`until`");
      resolved.until = filter(interval.until);
      out.intervals.push_back(std::move(resolved));
    }
    return out;
  }

  void interval_error(const syntax::Interval& interval, std::string message) {
    reporter_.error(interval.position, 5, std::move(message));
    ok_ = false;
  }

  // `every 2 visits`: N >= 1, and the noun is the target's one type, with or without an `s`.
  void count(const syntax::Recurrence& in, Recurrence& out) {
    if (in.every_count < 1) {
      reporter_.error(in.count_noun.position, width_of(in.count_noun),
                      "`every N " + in.count_noun.text + "` needs N of at least 1, not " +
                          std::to_string(in.every_count));
      ok_ = false;
    }
    out.every_count = static_cast<int>(std::min<long long>(in.every_count, 1000000));
    if (in.target.types.size() != 1) {
      reporter_.error(in.target.position, 1,
                      "`every N " + in.count_noun.text + "` counts one event type; `" +
                          std::string(in.target.every_type ? "each event" : "A or B") +
                          "` is not one");
      ok_ = false;
      return;
    }
    const std::string& type = in.target.types.front().text;
    if (in.count_noun.text != type && in.count_noun.text != type + "s") {
      reporter_.error(in.count_noun.position, width_of(in.count_noun),
                      "`every N` counts " + backquoted(type) + " events, so write " +
                          backquoted(type + "s") + ", not " + backquoted(in.count_noun.text));
      ok_ = false;
    }
  }

  RuleForm form(const syntax::Notice& in, const syntax::RuleBody&) {
    Notice out;
    out.target = filter(in.target);
    out.before = in.before ? duration(*in.before) : Duration{0, TimeUnit::days};
    out.trigger = filter(in.trigger);
    return out;
  }

  RuleForm form(const syntax::Each& in, const syntax::RuleBody&) {
    Each out;
    out.target = filter(in.target);
    ConditionScope scope{true, out.target.types};
    if (!out.target.types.empty() || in.target.every_type)
      out.requirement = condition(in.requirement, scope);
    return out;
  }

  RuleForm form(const syntax::Recording& in, const syntax::RuleBody&) {
    Recording out;
    out.target = filter(in.target);
    out.within = duration(in.within);
    return out;
  }

  RuleForm form(const syntax::Between& in, const syntax::RuleBody&) {
    Between out;
    out.target = filter(in.target);
    out.consecutive = in.consecutive;
    out.start = filter(in.start);
    out.end = filter(in.end);
    out.after = filter(in.after);
    return out;
  }

  const Vocabulary& vocabulary_;
  Reporter& reporter_;
  bool ok_ = true;
};

struct Slot {
  std::optional<Rule> rule;  // empty when its body had errors (reported already)
  bool dropped = false;
};

std::vector<std::string> live_ids(const std::vector<Slot>& slots,
                                  const std::map<std::string, std::size_t>& by_id) {
  std::vector<std::string> ids;
  for (const auto& [id, index] : by_id)
    if (!slots[index].dropped) ids.push_back(id);
  return ids;
}

}  // namespace

std::vector<Rule> build_rules(const Sources& sources, const Vocabulary& vocabulary,
                              Reporter& reporter, std::vector<std::string>& dropped) {
  BodyResolver bodies(vocabulary, reporter);
  std::vector<Slot> slots;
  std::map<std::string, std::size_t> by_id;  // the live (not dropped) rule of each id
  std::map<std::string, SourcePosition> defined_at;

  // Indicators share the ids, but `override rule` and `drop rule` are for rules only.
  std::set<std::string> indicator_ids;
  for (const auto& [item, file] : sources.items)
    if (const auto* indicator = std::get_if<syntax::IndicatorDecl>(&item->kind))
      indicator_ids.insert(indicator->id.text);
  auto not_a_rule = [](const std::string& id) {
    return backquoted(id) +
           " is an indicator, not a rule: `override rule` and `drop rule` apply to rules only";
  };

  auto find_live = [&](const std::string& id) -> Slot* {
    auto it = by_id.find(id);
    return it == by_id.end() || slots[it->second].dropped ? nullptr : &slots[it->second];
  };
  // The rule an `override` or `drop` names, or an error saying why there is none.
  auto target_of = [&](const syntax::Name& id, const std::string& verb) -> Slot* {
    Slot* slot = find_live(id.text);
    if (slot) return slot;
    if (indicator_ids.count(id.text))
      reporter.error(id.position, width_of(id), not_a_rule(id.text));
    else
      reporter.unknown_name(id.position, width_of(id),
                            "no rule " + backquoted(id.text) + " to " + verb +
                                suggestion(id.text, live_ids(slots, by_id)));
    return nullptr;
  };

  for (const auto& [item, file] : sources.items) {
    if (const auto* decl = std::get_if<syntax::RuleDecl>(&item->kind)) {
      auto body = bodies.resolve(decl->body);
      if (find_live(decl->id.text)) {
        reporter.error(decl->id.position, width_of(decl->id),
                       "rule " + backquoted(decl->id.text) + " is already defined (at " +
                           where(defined_at[decl->id.text]) +
                           "); to replace it, write `override rule " + decl->id.text + "`");
        continue;
      }
      Slot slot;
      if (body)
        slot.rule =
            Rule{decl->id.text,         decl->name,       std::move(body->form), body->during,
                 std::move(body->when), decl->id.position};
      by_id[decl->id.text] = slots.size();
      defined_at[decl->id.text] = decl->id.position;
      slots.push_back(std::move(slot));
    } else if (const auto* decl = std::get_if<syntax::OverrideDecl>(&item->kind)) {
      auto body = bodies.resolve(decl->body);
      Slot* slot = target_of(decl->id, "override");
      if (!slot) continue;
      if (!body || !slot->rule) {
        slot->rule.reset();
        continue;
      }
      slot->rule->form = std::move(body->form);
      slot->rule->during = body->during;
      slot->rule->when = std::move(body->when);
      if (decl->name) slot->rule->name = *decl->name;
      slot->rule->position = decl->id.position;
    } else if (const auto* decl = std::get_if<syntax::DropDecl>(&item->kind)) {
      Slot* slot = target_of(decl->id, "drop");
      if (!slot) continue;
      slot->dropped = true;
      dropped.push_back(decl->id.text);
    }
  }

  std::sort(dropped.begin(), dropped.end());
  std::vector<Rule> rules;
  for (auto& slot : slots)
    if (!slot.dropped && slot.rule) rules.push_back(std::move(*slot.rule));
  return rules;
}

}  // namespace duly::check
