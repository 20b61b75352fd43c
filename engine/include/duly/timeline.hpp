// Case timelines held in memory, resolved against one Policy: every event's type and
// attributes are indices into that policy's names, and every value is parsed once (as a
// number, a date and a boolean) when it is added, so evaluation never parses text.
//
// Build one with a TimelineBuilder, from files (duly/sources.hpp) or from a host's own data.
// Events are grouped by case and each case's events sorted by date, then input order.
#pragma once

#include <duly/date.hpp>
#include <duly/policy.hpp>
#include <duly/timeline_sink.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
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

// An attribute of an event: the value is an index into Timeline::values(), where each distinct
// value is stored once, so an attribute costs eight bytes however long its text.
struct EventAttribute {
  AttributeId attribute = 0;
  std::uint32_t value = 0;
};

inline constexpr Date no_date{INT32_MIN};

// 24 bytes: a timeline holds millions of them. Where an event came from is its row and line;
// the file is found from the row (Timeline::position_of), since a file's events are added
// together.
struct Event {
  Date date;
  Date recorded = no_date;  // no_date: not recorded
  std::uint32_t row = 0;              // input order, for ties on one day
  std::uint32_t first_attribute = 0;  // into Timeline::attributes()
  std::uint32_t line = 0;             // where it came from: see Timeline::position_of
  EventTypeId type = 0;
  std::uint16_t attribute_count = 0;
};

struct Case {
  std::string_view id;
  std::optional<Date> date_of_birth;
  std::vector<std::optional<Value>> attributes;  // by CaseAttributeId
  std::uint32_t first_event = 0;                 // into Timeline::events()
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
  const Value& value(const EventAttribute& a) const { return values_[a.value]; }
  // The value of an attribute of an event, or null when absent.
  const Value* find(const Event& e, AttributeId attribute) const;
  const std::vector<Event>& events() const { return events_; }
  // Any column of the cases file by name, for reports (`--by team`), whether or not the policy
  // declares it; nothing when the case has no such value.
  std::optional<std::string_view> case_column(const Case& c, std::string_view column) const;
  // The names of every column of the cases file (case_id and date_of_birth aside).
  const std::vector<std::string>& case_columns() const { return case_columns_; }

  // Where an event came from in the data: its file, line and (for XML) element path, as the
  // source gave them; an empty file for an event added without a position.
  DataPosition position_of(const Event& e) const;
  // The files events came from, in the order they were first seen (an empty name for events
  // added without a position).
  const std::vector<std::string>& inputs() const { return inputs_; }

  // The policy the timeline was built for. Its event types and attributes are indices into
  // that policy's names, so the timeline holds it: a host that reloads a policy can still
  // evaluate an old timeline with the old policy. Null for a Timeline not made by a builder.
  const std::shared_ptr<const Policy>& policy() const { return policy_; }
  // Throws std::invalid_argument unless the timeline was built for `policy` (the same object,
  // not merely the same text): evaluating or reporting it with another would read its indices
  // into the wrong names.
  void require_policy(const Policy& policy) const;
  // Throws std::out_of_range unless `case_index` is one of cases().
  void require_case(std::uint32_t case_index) const;

 private:
  friend class TimelineBuilder;
  std::shared_ptr<const Policy> policy_;
  // Owns every text a Value or Case points into, in large blocks so the views stay valid
  // when the Timeline is moved; each distinct text is stored once (see TimelineBuilder).
  std::vector<std::unique_ptr<char[]>> text_blocks_;
  std::vector<Case> cases_;
  std::vector<Event> events_;
  std::vector<EventAttribute> attributes_;
  std::vector<Value> values_;              // every distinct attribute value
  std::vector<std::string> case_columns_;  // names of every cases-file column seen
  std::vector<std::vector<std::string_view>> case_column_values_;  // by case, by column
  std::vector<std::string> inputs_;
  // Which input each row came from: (first row, index into inputs_), a new entry whenever the
  // file changes, so sorted by row.
  std::vector<std::pair<std::uint32_t, std::uint16_t>> input_runs_;
  // The element paths of the events that have one, by row (rows only grow, so sorted): XML
  // sources are small, and a path per event would cost every events file.
  std::vector<std::pair<std::uint32_t, std::string_view>> paths_;
};

// Builds a Timeline for one policy. Names the policy does not declare are dropped here (an
// event of an undeclared type is counted, not kept; an undeclared attribute column is not
// stored, since no rule can read it).
class TimelineBuilder : public TimelineSink {
 public:
  explicit TimelineBuilder(std::shared_ptr<const Policy> policy);
  ~TimelineBuilder() override;
  TimelineBuilder(TimelineBuilder&&) noexcept;
  TimelineBuilder& operator=(TimelineBuilder&&) noexcept;

  // A case from a cases file or a source. Attributes the policy does not declare are not used
  // in evaluation but are kept for reports (`--by worker`), see Timeline::case_column.
  void add_case(const CaseRecord& record) override;
  // An event with its position; false (and counted) when the policy does not declare its type.
  bool add_event(const EventRecord& record) override;
  // The same, for a host's own data, without positions.
  void add_case(std::string_view id, std::optional<Date> date_of_birth,
                const std::vector<std::pair<std::string, std::string>>& attributes);
  bool add_event(std::string_view case_id, std::string_view type, Date date,
                 std::optional<Date> recorded,
                 const std::vector<std::pair<std::string_view, std::string_view>>& attributes);

  std::size_t undeclared_event_count() const;
  // Event attributes (columns of an events file, keys of a source) that the policy does not
  // declare, with how many values of each were ignored: a misspelt column loses every value
  // silently otherwise. Kept across finish().
  const std::map<std::string, std::size_t, std::less<>>& undeclared_attributes() const;
  // Whether add_case has been called for this id (a later add_case for it is ignored).
  bool has_case(std::string_view id) const override;
  // Makes room for this many more events and attribute values, so that reading a large file
  // does not grow the arrays by copying them (which holds two copies at once). The room is
  // only reserved: memory not filled is not used.
  void expect_events(std::size_t events, std::size_t attributes = 0) override;

  // Sorts and groups; the builder is empty afterwards.
  Timeline finish();
  // After finish(): how many events belonged to cases missing from the cases file (only
  // counted when at least one case was added).
  std::size_t events_of_unknown_cases() const;

 private:
  // What the builder holds until finish(): defined in engine/sources/timeline.cpp, so that a
  // host sees only the methods above.
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace duly
