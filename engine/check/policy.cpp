// Look-ups by name on a checked Policy (used by data readers and reports, not in the hot loop).
#include <duly/policy.hpp>

#include "engine/check/index_of_name.hpp"

#include <algorithm>

namespace duly {

Policy::Policy(const PolicyKey& /*key*/, Parts parts) : parts_(std::move(parts)) {}

std::optional<EventTypeId> Policy::find_event_type(std::string_view name) const {
  return check::index_of_name(parts_.event_types, name, [](const EventType& e) { return e.name; });
}

std::optional<AttributeId> Policy::find_attribute(std::string_view name) const {
  return check::index_of_name(parts_.attribute_names, name, [](const std::string& a) { return a; });
}

std::optional<CaseAttributeId> Policy::find_case_attribute(std::string_view name) const {
  return check::index_of_name(parts_.case_attributes, name,
                              [](const CaseAttribute& a) { return a.name; });
}

const Rule* Policy::find_rule(std::string_view id) const {
  auto it = std::find_if(parts_.rules.begin(), parts_.rules.end(),
                         [&](const Rule& r) { return r.id == id; });
  return it == parts_.rules.end() ? nullptr : &*it;
}

}  // namespace duly
