// Case timelines held in memory, resolved against one Policy: every event's type and
// attributes are indices into that policy's names, and every value is parsed once (as a
// number, a date and a boolean) when it is added, so evaluation never parses text.
//
// Build one with a TimelineBuilder, from files (duly/sources.hpp) or from a host's own data.
// Events are grouped by case and each case's events sorted by date, then input order.
#pragma once

#include <duly/date.hpp>
#include <duly/policy.hpp>

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace duly {

// An attribute value: untyped text with its readings.
struct Value {
  std::string_view text;  // owned by the Timeline
  double number = 0;
  Date date;
  bool is_number = false;
  bool is_date = false;
  bool truth = false;  // true/yes/y/1 in any case
};

Value make_value(std::string_view text);  // text must outlive the value

struct EventAttribute {
  AttributeId attribute = 0;
  Value value;
};

inline constexpr Date no_date{INT32_MIN};

struct Event {
  Date date;
  Date recorded = no_date;   // no_date: not recorded
  EventTypeId type = 0;
  std::uint32_t row = 0;     // input order, for ties on one day
  std::uint32_t first_attribute = 0;  // into Timeline::attributes()
  std::uint16_t attribute_count = 0;
};

struct Case {
  std::string_view id;
  std::optional<Date> date_of_birth;
  std::vector<std::optional<Value>> attributes;  // by CaseAttributeId
  std::uint32_t first_event = 0;  // into Timeline::events()
  std::uint32_t event_count = 0;
  bool in_cases_file = false;  // false: known only from its events (counted in a warning)
};

class Timeline {
 public:
  const std::vector<Case>& cases() const { return cases_; }  // sorted by id, as strings
  std::span<const Event> events_of(const Case& c) const {
    return {events_.data() + c.first_event, c.event_count};
  }
  std::span<const EventAttribute> attributes_of(const Event& e) const {
    return {attributes_.data() + e.first_attribute, e.attribute_count};
  }
  // The value of an attribute of an event, or null when absent.
  const Value* find(const Event& e, AttributeId attribute) const;
  const std::vector<Event>& events() const { return events_; }
  // Any column of the cases file by name, for reports (`--by team`), whether or not the policy
  // declares it; nothing when the case has no such value.
  std::optional<std::string_view> case_column(const Case& c, std::string_view column) const;

 private:
  friend class TimelineBuilder;
  std::deque<std::string> strings_;  // owns every text a Value or Case points into
  std::vector<Case> cases_;
  std::vector<Event> events_;
  std::vector<EventAttribute> attributes_;
  std::vector<std::string> case_columns_;  // names of every cases-file column seen
  std::vector<std::vector<std::string_view>> case_column_values_;  // by case, by column
};

// Builds a Timeline for one policy. Names the policy does not declare are dropped here (an
// event of an undeclared type is counted, not kept; an undeclared attribute column is not
// stored, since no rule can read it).
class TimelineBuilder {
 public:
  explicit TimelineBuilder(std::shared_ptr<const Policy> policy);

  // A case from the cases file. Attributes the policy does not declare are not used in
  // evaluation but are kept for reports (`--by worker`), see Timeline::case_column.
  void add_case(std::string_view id, std::optional<Date> date_of_birth,
                const std::vector<std::pair<std::string, std::string>>& attributes);
  // An event; returns false (and counts it) when its type is not declared by the policy.
  bool add_event(std::string_view case_id, std::string_view type, Date date,
                 std::optional<Date> recorded,
                 const std::vector<std::pair<std::string_view, std::string_view>>& attributes);

  std::size_t undeclared_event_count() const { return undeclared_events_; }

  // Sorts and groups; the builder is empty afterwards.
  Timeline finish();
  // After finish(): how many events belonged to cases missing from the cases file (only
  // counted when at least one case was added).
  std::size_t events_of_unknown_cases() const { return events_of_unknown_cases_; }

 private:
  struct PendingEvent {
    std::uint32_t case_index;
    Event event;
  };
  std::uint32_t case_index(std::string_view id);

  std::shared_ptr<const Policy> policy_;
  Timeline timeline_;
  std::unordered_map<std::string_view, std::uint32_t> case_by_id_;
  std::vector<PendingEvent> pending_;
  std::uint32_t next_row_ = 0;
  std::size_t undeclared_events_ = 0;
  std::size_t events_of_unknown_cases_ = 0;
  bool any_case_added_ = false;
};

}  // namespace duly
