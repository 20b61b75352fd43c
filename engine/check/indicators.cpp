// Indicators: `indicator ID "NAME": P repeated within D`, checked and turned into their Policy
// form in the policy's reading order. An indicator is a figure, not a rule, but its id shares
// the rules' namespace, so a report's row `T51` can only mean one thing: an id already taken
// by a rule or an indicator is an error. `override rule` and `drop rule` apply to rules only
// (rules.cpp reports them as unknown rules).
#include "engine/check/check.hpp"

#include <map>

namespace duly::check {

std::vector<Indicator> build_indicators(const Sources& sources, const Vocabulary& vocabulary,
                                        Reporter& reporter) {
  std::vector<Indicator> indicators;
  // Where each id was first given, by a rule or an indicator; rule against rule is rules.cpp's.
  struct FirstUse {
    SourcePosition position;
    bool by_rule = false;
  };
  std::map<std::string, FirstUse> first_use;

  for (const auto& [item, file] : sources.items) {
    if (const auto* rule = std::get_if<syntax::RuleDecl>(&item->kind)) {
      auto [at, inserted] = first_use.try_emplace(rule->id.text, FirstUse{rule->id.position, true});
      if (!inserted && !at->second.by_rule)
        reporter.error(rule->id.position, width_of(rule->id),
                       "`" + rule->id.text + "` is already the id of an indicator (at " +
                           where(at->second.position) + "); rules and indicators share ids");
      continue;
    }
    const auto* decl = std::get_if<syntax::IndicatorDecl>(&item->kind);
    if (!decl) continue;
    bool ok = true;
    auto [at, inserted] = first_use.try_emplace(decl->id.text, FirstUse{decl->id.position, false});
    if (!inserted) {
      reporter.error(decl->id.position, width_of(decl->id),
                     at->second.by_rule
                         ? "`" + decl->id.text + "` is already the id of a rule (at " +
                               where(at->second.position) + "); rules and indicators share ids"
                         : "indicator " + backquoted(decl->id.text) + " is already defined (at " +
                               where(at->second.position) + ")");
      ok = false;
    }
    Indicator indicator;
    indicator.id = decl->id.text;
    indicator.name = decl->name;
    indicator.position = decl->id.position;
    if (auto period = vocabulary.find_period(decl->period.text)) {
      indicator.period = *period;
    } else {
      reporter.unknown_name(decl->period.position, width_of(decl->period),
                            "unknown period " + backquoted(decl->period.text) +
                                suggestion(decl->period.text, vocabulary.period_names));
      ok = false;
    }
    if (auto within = resolve_duration(decl->within, reporter))
      indicator.within = *within;
    else
      ok = false;
    if (ok) indicators.push_back(std::move(indicator));
  }
  return indicators;
}

}  // namespace duly::check
