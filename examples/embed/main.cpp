// The smallest host program: a policy from text, a timeline built in memory, every obligation
// printed; then the same rule under a calendar of the host's own (a local closure day). It is built
// against an installed duly (find_package) by tests/install, so it also proves the installed
// headers and exported targets are enough to embed the engine.
#include <duly/calendar.hpp>
#include <duly/evaluate.hpp>
#include <duly/load.hpp>

#include <iostream>

// A host's own calendar: England and Wales, and the authority closed on Monday 11 March 2024.
class ClosedOneMonday final : public duly::Calendar {
 public:
  bool is_holiday(duly::Date date) const override {
    return date == closure_ || national_.is_holiday(date);
  }

 private:
  duly::EnglandAndWalesCalendar national_;
  duly::Date closure_ = *duly::parse_iso_date("2024-03-11");
};

void print(const duly::Policy& policy, const duly::Timeline& timeline,
           const std::vector<duly::Obligation>& obligations) {
  for (const duly::Obligation& o : obligations) {
    std::cout << timeline.cases()[o.case_index].id << ' ' << policy.rules()[o.rule_index].id
              << " from " << duly::to_iso_string(o.trigger_date) << " due "
              << duly::to_iso_string(o.due) << ' ' << duly::to_string(o.status);
    if (o.days_late) std::cout << " by " << *o.days_late << " days";
    std::cout << '\n';
  }
}

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

  const duly::Date as_of = *duly::parse_iso_date("2024-06-30");
  print(*loaded.policy, timeline, duly::evaluate(loaded.policy, timeline, as_of));

  // The same policy under the host's calendar: register it by name, and name it in the policy.
  auto calendars = std::make_shared<duly::CalendarRegistry>();
  calendars->add("closed_one_monday", std::make_shared<ClosedOneMonday>());
  duly::LoadOptions options;
  options.calendars = calendars;
  duly::LoadResult local =
      duly::load_policy_text(policy_text + "calendar closed_one_monday\n", "local.policy", options);
  if (!local.policy) {
    std::cerr << duly::render(local.diagnostics);
    return 2;
  }
  // A timeline belongs to the policy it was built for: build it again for this one.
  duly::TimelineBuilder local_builder(local.policy);
  local_builder.add_event("C1", "strategy_discussion", *duly::parse_iso_date("2024-03-04"),
                          std::nullopt, {{"outcome", "s47"}});
  local_builder.add_event("C1", "icpcc", *duly::parse_iso_date("2024-03-27"), std::nullopt, {});
  duly::Timeline local_timeline = local_builder.finish();
  std::cout << "with the host's calendar: ";
  print(*local.policy, local_timeline, duly::evaluate(local.policy, local_timeline, as_of));
}
