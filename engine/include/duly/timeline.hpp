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

// An attribute of an event: the value is an index into Timeline::values(), where each distinct
// value is stored once, so an attribute costs eight bytes however long its text.
struct EventAttribute {
  AttributeId attribute = 0;
  std::uint32_t value = 0;
};

inline constexpr Date no_date{INT32_MIN};

struct Event {
  Date date;
  Date recorded = no_date;  // no_date: not recorded
  EventTypeId type = 0;
  std::uint32_t row = 0;              // input order, for ties on one day
  std::uint32_t first_attribute = 0;  // into Timeline::attributes()
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
  // Whether add_case has been called for this id (a later add_case for it is ignored).
  bool has_case(std::string_view id) const;

  // Sorts and groups; the builder is empty afterwards.
  Timeline finish();
  // After finish(): how many events belonged to cases missing from the cases file (only
  // counted when at least one case was added).
  std::size_t events_of_unknown_cases() const { return events_of_unknown_cases_; }

 private:
  // An attribute as added: its value is an index into values_, so a repeated value ("true",
  // "s47") costs eight bytes per event until finish() lays out the Timeline.
  struct PendingAttribute {
    AttributeId attribute = 0;
    std::uint32_t value = 0;
  };
  // Texts (case ids, values) to indices by open addressing: a look-up is usually one probe,
  // where a map of nodes costs several cache misses per event once there are many cases.
  class TextIndex {
   public:
    static constexpr std::uint32_t none = UINT32_MAX;
    static std::uint64_t hash(std::string_view text);
    std::uint32_t find(std::string_view text, std::uint64_t hash) const;
    // `text` must outlive the index (it is a view of the Timeline's texts).
    void insert(std::string_view text, std::uint64_t hash, std::uint32_t index);
    void clear();

   private:
    struct Slot {
      std::uint64_t hash = 0;
      std::string_view text;
      std::uint32_t index = none;
    };
    std::vector<Slot> slots_;
    std::size_t count_ = 0;
  };
  struct CaseEntry {
    std::string_view id;
    std::optional<Date> date_of_birth;
    std::vector<std::optional<Value>> attributes;
    std::vector<std::string_view> columns;  // by index into timeline_.case_columns_
    bool in_cases_file = false;
  };

  // The steps of finish(), in order.
  std::vector<std::uint32_t> case_order() const;  // case entries sorted by id
  void group_events_by_case(const std::vector<std::uint32_t>& order);
  void lay_out_cases(const std::vector<std::uint32_t>& order);
  void lay_out_attributes();
  void start_again();  // the builder empty, ready for another timeline

  std::uint32_t case_index(std::string_view id);
  std::string_view store_text(std::string_view text);  // a copy owned by the Timeline
  std::uint32_t intern(std::string_view text);         // index into values_
  std::optional<AttributeId> attribute_id(std::size_t position, std::string_view name);

  std::shared_ptr<const Policy> policy_;
  Timeline timeline_;  // its events_ hold the events as added, in input order, until finish()
  std::vector<std::uint32_t> case_of_event_;  // by row
  std::vector<PendingAttribute> pending_attributes_;
  std::size_t block_used_ = 0, block_capacity_ = 0;  // of the current text block
  char* block_ = nullptr;
  std::unordered_map<std::string_view, EventTypeId> event_types_;  // views of policy names
  std::unordered_map<std::string_view, AttributeId> attribute_ids_;
  std::vector<std::pair<std::string, std::optional<AttributeId>>> recent_names_;  // by position
  std::vector<std::uint32_t> recent_value_;  // by AttributeId: last value interned, or none
  TextIndex value_by_text_;
  std::vector<Value> values_;
  TextIndex case_by_id_;
  std::vector<CaseEntry> case_entries_;
  std::vector<std::uint32_t> case_event_counts_;  // by case entry; apart, to stay in cache
  std::string_view recent_case_id_;
  std::uint32_t recent_case_ = 0;
  std::size_t undeclared_events_ = 0;
  std::size_t events_of_unknown_cases_ = 0;
  bool any_case_added_ = false;
};

}  // namespace duly
