// What a data source hands on: cases and events as text, each with where it came from in the
// data. A TimelineSink receives them: a TimelineBuilder (duly/timeline.hpp) resolves them
// against a policy, a CollectedTimeline (duly/collected_timeline.hpp) keeps them as read, for
// `duly events`. Sources (duly/sources.hpp) never need to know which.
#pragma once

#include <duly/date.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <utility>

namespace duly {

// Where a case or an event came from: the file and line of its row, or of an XML element with
// the element's path (`/Message/Children/Child[3]/CINdetails[1]/CINreferralDate`).
struct DataPosition {
  std::string_view file;  // as the user named it
  int line = 0;           // 1-based; 0 when the whole file is meant
  std::string_view path;  // empty for a row of a CSV or JSON Lines file
};

// Attributes as (name, text) pairs; an empty text is an absent attribute, as an empty cell is.
using AttributeTexts = std::span<const std::pair<std::string_view, std::string_view>>;

// Every view is valid only during the call that hands the record over: a sink copies what it
// keeps.
struct CaseRecord {
  std::string_view id;
  std::optional<Date> date_of_birth;
  AttributeTexts attributes;
  DataPosition position;
};

struct EventRecord {
  std::string_view case_id;
  std::string_view type;
  Date date;
  std::optional<Date> recorded;
  AttributeTexts attributes;
  DataPosition position;
};

class TimelineSink {
 public:
  virtual ~TimelineSink() = default;
  // The first record for an id wins; a source reports a second one as a bad row (has_case).
  virtual void add_case(const CaseRecord& record) = 0;
  // False when the sink has no use for events of this type (a policy that does not declare
  // it); the source counts those (duly::add_event in duly/sources.hpp).
  virtual bool add_event(const EventRecord& record) = 0;
  // Whether add_case has been called for this id.
  virtual bool has_case(std::string_view id) const = 0;
  // A source's estimate of how many more events it is about to add (from a file's size), and
  // of how many attribute values they may carry at most, so that a sink can make room once
  // rather than grow by copying. A hint: more or fewer may come.
  virtual void expect_events(std::size_t /*events*/, std::size_t /*attributes*/ = 0) {}
};

}  // namespace duly
