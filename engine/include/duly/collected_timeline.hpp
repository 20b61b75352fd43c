// Cases and events kept exactly as a source gave them, for no policy in particular: what
// `duly events` writes back out in duly's own formats (duly/timeline_csv.hpp), so an analyst can
// see what duly made of a return, or convert it once; and what `duly diff` reads once and replays
// into a TimelineBuilder per policy, so that every bad row and warning is said once. A
// TimelineBuilder, by contrast, keeps only what one policy can use.
#pragma once

#include <duly/timeline_sink.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace duly {

struct ReadReport;  // duly/sources.hpp

class CollectedTimeline : public TimelineSink {
 public:
  using Attributes = std::vector<std::pair<std::string, std::string>>;  // empty texts dropped
  struct CollectedCase {
    std::string id;
    std::optional<Date> date_of_birth;
    Attributes attributes;
    std::string file;
    int line = 0;
  };
  struct CollectedEvent {
    std::string case_id;
    std::string type;
    Date date;
    std::optional<Date> recorded;
    Attributes attributes;
    std::string file;
    int line = 0;
    std::string path;
  };

  void add_case(const CaseRecord& record) override;
  bool add_event(const EventRecord& record) override;  // keeps every event: always true
  bool has_case(std::string_view id) const override;

  // In the order a Timeline has them once sort() has run: cases by id (as strings), events by
  // case id, then date, then the order they were added. Before sort(), the order added.
  const std::vector<CollectedCase>& cases() const { return cases_; }
  const std::vector<CollectedEvent>& events() const { return events_; }
  void sort();

  // Hands every case, then every event, to `sink` with its position, in the order of cases()
  // and events(), as a source would; an event the sink has no use for (a type its policy does
  // not declare) is counted in `report` (duly::add_event), which is all replay adds to it.
  // Replayed before sort(), the sink gets the records in the order they were read. After
  // sort(), a TimelineBuilder still builds the same cases with the same events in the same
  // order (sort() keeps the order read among a case's events of one day), but its
  // Timeline::inputs() may list the files in another order.
  void replay(TimelineSink& sink, ReadReport& report) const;

  // Every attribute name of the events (or of the cases), in the order first seen.
  const std::vector<std::string>& event_attribute_names() const { return event_names_; }
  const std::vector<std::string>& case_attribute_names() const { return case_names_; }

 private:
  std::vector<CollectedCase> cases_;
  std::vector<CollectedEvent> events_;
  std::unordered_map<std::string, std::size_t> case_by_id_;
  std::vector<std::string> event_names_, case_names_;
};

}  // namespace duly
