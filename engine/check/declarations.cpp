// The policy's vocabulary: every event type with its attributes, every case attribute and every
// period name, gathered from all files before any rule is read, so a rule may use a name
// declared further down or in another file. The same name declared twice (in one file or two)
// is an error unless the declarations say the same thing.
#include "engine/check/check.hpp"

#include <algorithm>
#include <set>

namespace duly::check {

namespace {

AttributeId intern_attribute(Vocabulary& vocabulary, const std::string& name) {
  if (auto id = vocabulary.find_attribute(name)) return *id;
  vocabulary.attribute_names.push_back(name);
  return static_cast<AttributeId>(vocabulary.attribute_names.size() - 1);
}

void declare_event(const syntax::EventDecl& decl, Vocabulary& vocabulary, Reporter& reporter) {
  std::vector<std::string> attributes;
  for (const auto& attribute : decl.attributes) {
    if (std::find(attributes.begin(), attributes.end(), attribute.text) != attributes.end()) {
      reporter.error(attribute.position, width_of(attribute),
                     "attribute " + backquoted(attribute.text) + " is listed twice for event " +
                         backquoted(decl.event.text));
      continue;
    }
    attributes.push_back(attribute.text);
  }

  if (auto existing = vocabulary.find_event(decl.event.text)) {
    // Identical means the same set of attributes: the order they are listed in says nothing.
    std::set<std::string> before, now(attributes.begin(), attributes.end());
    for (AttributeId a : vocabulary.event_types[*existing].attributes)
      before.insert(vocabulary.attribute_names[a]);
    if (before != now) {
      reporter.error(decl.event.position, width_of(decl.event),
                     "event " + backquoted(decl.event.text) +
                         " is declared again with different attributes (first declared at " +
                         where(vocabulary.event_types[*existing].position) + ")");
    }
    vocabulary.event_declarations[*existing].push_back(decl.event.position);
    return;
  }

  EventType type;
  type.name = decl.event.text;
  type.position = decl.event.position;
  for (const auto& attribute : attributes)
    type.attributes.push_back(intern_attribute(vocabulary, attribute));
  vocabulary.event_types.push_back(std::move(type));
  vocabulary.event_declarations.push_back({decl.event.position});
}

void declare_case_attributes(const syntax::CaseDecl& decl, Vocabulary& vocabulary) {
  // A case attribute is only a name, so declaring it again always says the same thing.
  for (const auto& attribute : decl.attributes) {
    if (vocabulary.find_case_attribute(attribute.text)) continue;
    vocabulary.case_attributes.push_back({attribute.text, attribute.position});
  }
}

}  // namespace

// periods.cpp: whether two period declarations say the same thing.
bool same_period(const syntax::PeriodDecl& a, const syntax::PeriodDecl& b);

Vocabulary collect_declarations(const Sources& sources, Reporter& reporter) {
  Vocabulary vocabulary;
  for (const auto& [item, file] : sources.items) {
    if (const auto* event = std::get_if<syntax::EventDecl>(&item->kind)) {
      declare_event(*event, vocabulary, reporter);
    } else if (const auto* case_decl = std::get_if<syntax::CaseDecl>(&item->kind)) {
      declare_case_attributes(*case_decl, vocabulary);
    } else if (const auto* period = std::get_if<syntax::PeriodDecl>(&item->kind)) {
      if (auto existing = vocabulary.find_period(period->period.text)) {
        const auto& first = *vocabulary.period_decls[*existing];
        if (!same_period(first, *period))
          reporter.error(period->period.position, width_of(period->period),
                         "period " + backquoted(period->period.text) +
                             " is declared again differently (first declared at " +
                             where(first.period.position) + ")");
        vocabulary.period_declarations[*existing].push_back(period->period.position);
        continue;
      }
      vocabulary.period_names.push_back(period->period.text);
      vocabulary.period_declarations.push_back({period->period.position});
      vocabulary.period_decls.push_back(period);
    }
  }
  return vocabulary;
}

}  // namespace duly::check
