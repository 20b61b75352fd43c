// The smallest host program: a policy from text, a timeline built in memory, every obligation
// printed. It is built against an installed duly (find_package) by tests/install, so it also
// proves the installed headers and exported targets are enough to embed the engine.
#include <duly/evaluate.hpp>
#include <duly/load.hpp>

#include <iostream>

int main() {
  const std::string policy_text = R"(policy "Embedded example"
event strategy_discussion has outcome
event icpcc
rule T14 "ICPCC within 15 working days of the strategy discussion":
  icpcc within 15 working days after strategy_discussion where outcome = "s47"
)";
  duly::LoadResult loaded = duly::load_policy_text(policy_text, "embedded.policy");
  if (!loaded.policy) {
    std::cerr << duly::render(loaded.diagnostics);
    return 2;
  }

  duly::TimelineBuilder builder(loaded.policy);
  builder.add_case("C1", duly::parse_iso_date("2018-05-01"), {{"team", "north"}});
  builder.add_event("C1", "strategy_discussion", *duly::parse_iso_date("2024-03-04"), std::nullopt,
                    {{"outcome", "s47"}});
  builder.add_event("C1", "icpcc", *duly::parse_iso_date("2024-03-27"), std::nullopt, {});
  duly::Timeline timeline = builder.finish();

  const duly::Policy& policy = *loaded.policy;
  for (const duly::Obligation& o :
       duly::evaluate(loaded.policy, timeline, *duly::parse_iso_date("2024-06-30"))) {
    std::cout << timeline.cases()[o.case_index].id << ' ' << policy.rules()[o.rule_index].id
              << " from " << duly::to_iso_string(o.trigger_date) << " due "
              << duly::to_iso_string(o.due) << ' ' << duly::to_string(o.status);
    if (o.days_late) std::cout << " by " << *o.days_late << " days";
    std::cout << '\n';
  }
}
