// Building case timelines in memory. Events arrive in any order from any number of files; the
// builder resolves names against the policy as they come, keeps each distinct text once, and
// lays out the Timeline (events grouped by case, sorted by date then input row) in finish().
// Memory is the constraint that shapes it: millions of events, so an event is 24 bytes plus 8
// per attribute, every value is interned, and finish() groups the events in place.
#include <duly/timeline.hpp>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <map>
#include <unordered_map>

namespace duly {

static_assert(sizeof(Event) == 24, "an Event is kept small: a timeline holds millions");

namespace {

constexpr std::size_t text_block_size = 64 * 1024;
constexpr std::uint32_t no_value = std::numeric_limits<std::uint32_t>::max();

bool equals_ignoring_case(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

// Optional sign, digits, optionally a point and more digits: what a person means by a number
// in a case file. "1e5", ".5", "5." and "0x10" are text.
bool is_strict_number(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  std::size_t digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
  if (digits == 0) return false;
  if (i == text.size()) return true;
  if (text[i] != '.') return false;
  ++i;
  std::size_t fraction = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++fraction;
  return fraction > 0 && i == text.size();
}

}  // namespace

Value make_value(std::string_view text) {
  Value value;
  value.text = text;
  if (is_strict_number(text)) {
    std::string_view digits = text[0] == '+' ? text.substr(1) : text;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value.number);
    value.is_number = ec == std::errc() && ptr == digits.data() + digits.size();
    if (!value.is_number) value.number = 0;
  }
  if (auto date = parse_iso_date(text)) {
    value.is_date = true;
    value.date = *date;
  }
  value.truth = equals_ignoring_case(text, "true") || equals_ignoring_case(text, "yes") ||
                equals_ignoring_case(text, "y") || text == "1";
  return value;
}

const Value* Timeline::find(const Event& e, AttributeId attribute) const {
  for (const EventAttribute& a : attributes_of(e))
    if (a.attribute == attribute) return &values_[a.value];
  return nullptr;
}

std::optional<std::string_view> Timeline::case_column(const Case& c,
                                                      std::string_view column) const {
  if (cases_.empty() || &c < cases_.data() || &c >= cases_.data() + cases_.size())
    return std::nullopt;
  const std::size_t index = static_cast<std::size_t>(&c - cases_.data());
  auto name = std::find(case_columns_.begin(), case_columns_.end(), column);
  if (name == case_columns_.end()) return std::nullopt;
  const std::size_t position = static_cast<std::size_t>(name - case_columns_.begin());
  const auto& values = case_column_values_[index];
  if (position >= values.size() || values[position].empty()) return std::nullopt;
  return values[position];
}

DataPosition Timeline::position_of(const Event& e) const {
  DataPosition position;
  // The last run that starts at or before the event's row.
  auto run = std::upper_bound(input_runs_.begin(), input_runs_.end(), e.row,
                              [](std::uint32_t row, const auto& entry) { return row < entry.first; });
  if (run != input_runs_.begin() && std::prev(run)->second < inputs_.size())
    position.file = inputs_[std::prev(run)->second];
  position.line = static_cast<int>(e.line);
  auto path = std::lower_bound(paths_.begin(), paths_.end(), e.row,
                               [](const auto& entry, std::uint32_t row) { return entry.first < row; });
  if (path != paths_.end() && path->first == e.row) position.path = path->second;
  return position;
}

// The builder's state and its steps; TimelineBuilder's methods forward here.
struct TimelineBuilder::Impl {
  explicit Impl(std::shared_ptr<const Policy> policy);

  void add_case(const CaseRecord& record);
  bool add_event(const EventRecord& record);
  bool has_case(std::string_view id) const;
  Timeline finish();

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
  void hand_over_attributes();
  void start_again();  // the builder empty, ready for another timeline

  std::uint32_t case_index(std::string_view id);
  std::string_view store_text(std::string_view text);  // a copy owned by the Timeline
  std::uint32_t intern(std::string_view text);         // index into values_
  std::optional<AttributeId> attribute_id(std::size_t position, std::string_view name);
  std::uint16_t input_index(std::string_view file);  // into timeline_.inputs_

  std::shared_ptr<const Policy> policy_;
  Timeline timeline_;  // its events_ hold the events as added, in input order, until finish()
  std::vector<std::uint32_t> case_of_event_;  // by row
  // The attributes as added, as the Timeline will keep them: a value is an index into values_,
  // so a repeated value ("true", "s47") costs eight bytes.
  std::vector<EventAttribute> pending_attributes_;
  std::size_t block_used_ = 0, block_capacity_ = 0;  // of the current text block
  char* block_ = nullptr;
  std::unordered_map<std::string_view, EventTypeId> event_types_;  // views of policy names
  std::unordered_map<std::string_view, AttributeId> attribute_ids_;
  std::vector<std::pair<std::string, std::optional<AttributeId>>> recent_names_;  // by position
  std::vector<std::uint32_t> recent_value_;  // by AttributeId: last value interned, or none
  std::vector<std::size_t*> recent_undeclared_;  // by position: the count of an undeclared name
  TextIndex value_by_text_;
  std::vector<Value> values_;
  TextIndex case_by_id_;
  std::vector<CaseEntry> case_entries_;
  std::vector<std::uint32_t> case_event_counts_;  // by case entry; apart, to stay in cache
  std::string_view recent_case_id_;
  std::uint32_t recent_case_ = 0;
  std::uint16_t recent_input_ = 0;  // a source gives one file's events together
  std::size_t undeclared_events_ = 0;
  std::map<std::string, std::size_t, std::less<>> undeclared_attributes_;  // values ignored
  std::size_t events_of_unknown_cases_ = 0;
  bool any_case_added_ = false;
};

std::uint64_t TimelineBuilder::Impl::TextIndex::hash(std::string_view text) {
  // FNV-1a, then a final mix so the low bits (the slot) depend on every byte.
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  h ^= h >> 32;
  h *= 0xd6e8feb86659fd93ull;
  h ^= h >> 32;
  return h;
}

std::uint32_t TimelineBuilder::Impl::TextIndex::find(std::string_view text,
                                                     std::uint64_t hash) const {
  if (slots_.empty()) return none;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.index == none) return none;
    if (slot.hash == hash && slot.text == text) return slot.index;
  }
}

void TimelineBuilder::Impl::TextIndex::insert(std::string_view text, std::uint64_t hash,
                                              std::uint32_t index) {
  if ((count_ + 1) * 2 > slots_.size()) {  // at most half full, so probes stay short
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(64, old.size() * 2), Slot{});
    count_ = 0;
    for (const Slot& slot : old)
      if (slot.index != none) insert(slot.text, slot.hash, slot.index);
  }
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = hash & mask;
  while (slots_[i].index != none) i = (i + 1) & mask;
  slots_[i] = Slot{hash, text, index};
  ++count_;
}

void TimelineBuilder::Impl::TextIndex::clear() {
  slots_.clear();
  count_ = 0;
}

namespace {

std::string describe(const Policy& policy) {
  return "\"" + policy.name() + "\" (" + policy.file() + ")";
}

const std::shared_ptr<const Policy>& not_null(const std::shared_ptr<const Policy>& policy) {
  if (!policy)
    throw std::invalid_argument(
        "duly::TimelineBuilder: the policy is null (load_policy gives none for a policy with "
        "errors)");
  return policy;
}

}  // namespace

void Timeline::require_policy(const Policy& policy) const {
  if (policy_.get() == &policy) return;
  if (!policy_)
    throw std::invalid_argument(
        "duly: this timeline was not made by a TimelineBuilder, so it has no policy to be "
        "evaluated with");
  const bool reloaded = policy_->name() == policy.name() && policy_->file() == policy.file();
  throw std::invalid_argument(
      "duly: the timeline was built for " +
      (reloaded ? "an earlier load of policy " + describe(*policy_)
                : "policy " + describe(*policy_) + ", not for " + describe(policy)) +
      ": build the timeline with the policy you evaluate it with");
}

void Timeline::require_case(std::uint32_t case_index) const {
  if (case_index < cases_.size()) return;
  throw std::out_of_range("duly: case index " + std::to_string(case_index) +
                          " is out of range: the timeline has " + std::to_string(cases_.size()) +
                          (cases_.size() == 1 ? " case" : " cases"));
}

TimelineBuilder::Impl::Impl(std::shared_ptr<const Policy> policy) : policy_(std::move(policy)) {
  // Views of the policy's own strings: the builder holds the policy, so they stay valid.
  const auto& types = policy_->event_types();
  for (std::size_t i = 0; i < types.size(); ++i)
    event_types_.emplace(types[i].name, static_cast<EventTypeId>(i));
  const auto& names = policy_->attribute_names();
  for (std::size_t i = 0; i < names.size(); ++i)
    attribute_ids_.emplace(names[i], static_cast<AttributeId>(i));
  recent_value_.assign(names.size(), no_value);
}

std::string_view TimelineBuilder::Impl::store_text(std::string_view text) {
  if (text.empty()) return {};
  auto& blocks = timeline_.text_blocks_;
  if (text.size() > text_block_size / 4) {
    // A long text gets a block of its own, so the current block's free space is not wasted.
    blocks.push_back(std::make_unique_for_overwrite<char[]>(text.size()));
    std::memcpy(blocks.back().get(), text.data(), text.size());
    return {blocks.back().get(), text.size()};
  }
  if (!block_ || block_capacity_ - block_used_ < text.size()) {
    blocks.push_back(std::make_unique_for_overwrite<char[]>(text_block_size));
    block_ = blocks.back().get();
    block_used_ = 0;
    block_capacity_ = text_block_size;
  }
  char* destination = block_ + block_used_;
  std::memcpy(destination, text.data(), text.size());
  block_used_ += text.size();
  return {destination, text.size()};
}

std::uint32_t TimelineBuilder::Impl::intern(std::string_view text) {
  const std::uint64_t hash = TextIndex::hash(text);
  std::uint32_t index = value_by_text_.find(text, hash);
  if (index != TextIndex::none) return index;
  std::string_view stored = store_text(text);
  index = static_cast<std::uint32_t>(values_.size());
  values_.push_back(make_value(stored));
  value_by_text_.insert(stored, hash, index);
  return index;
}

std::optional<AttributeId> TimelineBuilder::Impl::attribute_id(std::size_t position,
                                                               std::string_view name) {
  // Readers pass the same names in the same order row after row: compare with the name seen
  // at this position last time before hashing.
  if (position < recent_names_.size() && recent_names_[position].first == name)
    return recent_names_[position].second;
  std::optional<AttributeId> id;
  if (position >= recent_names_.size()) {
    recent_names_.resize(position + 1);
    recent_undeclared_.resize(position + 1, nullptr);
  }
  if (auto found = attribute_ids_.find(name); found != attribute_ids_.end()) {
    id = found->second;
    recent_undeclared_[position] = nullptr;
  } else {
    // Map nodes stay put, so the counter can be kept beside the name at this position.
    recent_undeclared_[position] = &undeclared_attributes_.try_emplace(std::string(name), 0).first->second;
  }
  recent_names_[position].first.assign(name);
  recent_names_[position].second = id;
  return id;
}

std::uint32_t TimelineBuilder::Impl::case_index(std::string_view id) {
  // Exports often list a case's events together: the same case as last time is common.
  if (!case_entries_.empty() && id == recent_case_id_) return recent_case_;
  const std::uint64_t hash = TextIndex::hash(id);
  std::uint32_t index = case_by_id_.find(id, hash);
  if (index == TextIndex::none) {
    index = static_cast<std::uint32_t>(case_entries_.size());
    CaseEntry entry;
    entry.id = store_text(id);
    case_entries_.push_back(std::move(entry));
    case_event_counts_.push_back(0);
    case_by_id_.insert(case_entries_.back().id, hash, index);
  }
  recent_case_id_ = case_entries_[index].id;
  recent_case_ = index;
  return index;
}

bool TimelineBuilder::Impl::has_case(std::string_view id) const {
  std::uint32_t index = case_by_id_.find(id, TextIndex::hash(id));
  return index != TextIndex::none && case_entries_[index].in_cases_file;
}

void TimelineBuilder::Impl::add_case(const CaseRecord& record) {
  CaseEntry& entry = case_entries_[case_index(record.id)];
  if (entry.in_cases_file) return;  // the first row for an id wins; readers report the rest
  entry.in_cases_file = true;
  entry.date_of_birth = record.date_of_birth;
  entry.attributes.assign(policy_->case_attributes().size(), std::nullopt);
  any_case_added_ = true;
  auto& columns = timeline_.case_columns_;
  for (const auto& [name, text] : record.attributes) {
    if (text.empty()) continue;
    auto column = std::find(columns.begin(), columns.end(), name);
    if (column == columns.end()) column = columns.insert(columns.end(), std::string(name));
    const auto position = static_cast<std::size_t>(column - columns.begin());
    const Value& value = values_[intern(text)];
    if (entry.columns.size() <= position) entry.columns.resize(position + 1);
    entry.columns[position] = value.text;
    if (auto attribute = policy_->find_case_attribute(name)) entry.attributes[*attribute] = value;
  }
}

std::uint16_t TimelineBuilder::Impl::input_index(std::string_view file) {
  auto& inputs = timeline_.inputs_;
  if (recent_input_ < inputs.size() && inputs[recent_input_] == file) return recent_input_;
  auto found = std::find(inputs.begin(), inputs.end(), file);
  if (found == inputs.end()) {
    if (inputs.size() > std::numeric_limits<std::uint16_t>::max())
      throw std::length_error("events from more than 65536 files");
    found = inputs.insert(inputs.end(), std::string(file));
  }
  recent_input_ = static_cast<std::uint16_t>(found - inputs.begin());
  return recent_input_;
}

bool TimelineBuilder::Impl::add_event(const EventRecord& record) {
  const auto& [case_id, type, date, recorded, attributes, position] = record;
  auto found_type = event_types_.find(type);
  if (found_type == event_types_.end()) {
    ++undeclared_events_;
    return false;
  }
  auto& events = timeline_.events_;
  if (events.size() >= std::numeric_limits<std::uint32_t>::max())
    throw std::length_error("more than 4294967295 events");
  Event event;
  event.date = date;
  event.recorded = recorded.value_or(no_date);
  event.type = found_type->second;
  event.row = static_cast<std::uint32_t>(events.size());
  event.first_attribute = static_cast<std::uint32_t>(pending_attributes_.size());
  const std::uint16_t input = input_index(position.file);
  auto& runs = timeline_.input_runs_;
  if (runs.empty() || runs.back().second != input) runs.emplace_back(event.row, input);
  event.line = position.line > 0 ? static_cast<std::uint32_t>(position.line) : 0;
  if (!position.path.empty()) timeline_.paths_.emplace_back(event.row, store_text(position.path));
  for (std::size_t i = 0; i < attributes.size(); ++i) {
    const auto& [name, text] = attributes[i];
    if (text.empty()) continue;  // an empty cell is an absent attribute
    auto attribute = attribute_id(i, name);
    if (!attribute) {  // no rule can read it: counted, for a warning that names it
      ++*recent_undeclared_[i];
      continue;
    }
    std::uint32_t& recent = recent_value_[*attribute];
    if (recent == no_value || values_[recent].text != text) recent = intern(text);
    pending_attributes_.push_back({*attribute, recent});
    ++event.attribute_count;
  }
  const std::uint32_t c = case_index(case_id);
  events.push_back(event);
  case_of_event_.push_back(c);
  ++case_event_counts_[c];
  return true;
}

Timeline TimelineBuilder::Impl::finish() {
  const std::vector<std::uint32_t> order = case_order();
  group_events_by_case(order);
  lay_out_cases(order);
  hand_over_attributes();
  timeline_.policy_ = policy_;
  Timeline timeline = std::move(timeline_);
  timeline.values_ = std::move(values_);
  start_again();
  return timeline;
}

namespace {

// The first eight bytes of a text as a number that orders as the bytes do (shorter texts padded
// with zero bytes): most ids differ there, so a sort compares numbers and rarely the texts.
std::uint64_t prefix_key(std::string_view text) {
  std::uint64_t key = 0;
  for (std::size_t i = 0; i < 8; ++i)
    key = key << 8 | (i < text.size() ? static_cast<unsigned char>(text[i]) : 0u);
  return key;
}

}  // namespace

std::vector<std::uint32_t> TimelineBuilder::Impl::case_order() const {
  // Cases in the order of their ids, as strings.
  struct Keyed {
    std::uint64_t key;
    std::uint32_t index;
  };
  std::vector<Keyed> keyed(case_entries_.size());
  for (std::uint32_t i = 0; i < keyed.size(); ++i)
    keyed[i] = {prefix_key(case_entries_[i].id), i};
  std::sort(keyed.begin(), keyed.end(), [&](const Keyed& a, const Keyed& b) {
    if (a.key != b.key) return a.key < b.key;
    return case_entries_[a.index].id < case_entries_[b.index].id;
  });
  std::vector<std::uint32_t> order(keyed.size());
  for (std::size_t i = 0; i < keyed.size(); ++i) order[i] = keyed[i].index;
  return order;
}

namespace {

// Moves each events[i] to events[destination[i]] (a permutation), in place. Following the
// permutation's cycles directly would miss the cache on nearly every event, so it is done in
// two steps that do not: first every event is moved into its bucket of 8,192 destinations
// (an American flag sort: one write stream per bucket), then each bucket, small enough to stay
// in the cache, is permuted by its cycles. `destination` is left as the identity.
void permute_in_place(std::vector<Event>& events, std::vector<std::uint32_t>& destination) {
  constexpr unsigned shift = 13;
  const std::size_t n = events.size();
  const std::size_t buckets = (n >> shift) + 1;
  std::vector<std::size_t> next(buckets);  // by bucket: its first slot not yet filled
  for (std::size_t b = 0; b < buckets; ++b) next[b] = b << shift;
  auto swap_events = [&](std::size_t i, std::size_t j) {
    std::swap(events[i], events[j]);
    std::swap(destination[i], destination[j]);
  };
  for (std::size_t b = 0; b < buckets; ++b) {
    const std::size_t end = std::min(n, (b + 1) << shift);
    while (next[b] < end) {
      const std::size_t i = next[b];
      const std::size_t home = destination[i] >> shift;
      if (home == b)
        ++next[b];
      else
        swap_events(i, next[home]++);
    }
  }
  for (std::size_t i = 0; i < n; ++i)
    while (destination[i] != i) swap_events(i, destination[i]);
}

}  // namespace

void TimelineBuilder::Impl::group_events_by_case(const std::vector<std::uint32_t>& order) {
  std::vector<std::uint32_t> next_slot(order.size());  // by case entry: where its next event goes
  std::uint32_t first = 0;
  for (std::uint32_t index : order) {
    next_slot[index] = first;
    first += case_event_counts_[index];
  }
  // Events grouped by case, in input order within each (a counting sort), permuted in place:
  // a second array would be the largest thing in memory, at the moment memory peaks.
  // case_of_event_ becomes each event's destination.
  std::vector<std::uint32_t>& destination = case_of_event_;
  for (auto& d : destination) d = next_slot[d]++;
  std::vector<std::uint32_t>().swap(next_slot);
  permute_in_place(timeline_.events_, destination);
  std::vector<std::uint32_t>().swap(case_of_event_);
}

void TimelineBuilder::Impl::lay_out_cases(const std::vector<std::uint32_t>& order) {
  auto& events = timeline_.events_;
  auto& cases = timeline_.cases_;
  cases.reserve(order.size());
  timeline_.case_column_values_.reserve(order.size());
  std::uint32_t first = 0;
  for (std::uint32_t index : order) {
    CaseEntry& entry = case_entries_[index];
    Case c;
    c.id = entry.id;
    c.date_of_birth = entry.date_of_birth;
    c.attributes = std::move(entry.attributes);
    if (c.attributes.empty()) c.attributes.assign(policy_->case_attributes().size(), std::nullopt);
    c.first_event = first;
    c.event_count = case_event_counts_[index];
    c.in_cases_file = entry.in_cases_file;
    first += c.event_count;
    // Same day: input order (reading 17).
    std::sort(events.begin() + c.first_event, events.begin() + c.first_event + c.event_count,
              [](const Event& a, const Event& b) {
                return a.date != b.date ? a.date < b.date : a.row < b.row;
              });
    if (any_case_added_ && !c.in_cases_file) events_of_unknown_cases_ += c.event_count;
    cases.push_back(std::move(c));
    timeline_.case_column_values_.push_back(std::move(entry.columns));
  }
}

void TimelineBuilder::Impl::hand_over_attributes() {
  // The attributes stay where they were added (in input order), each event pointing at its
  // own: laying them out again in event order would hold two copies at the peak of memory,
  // and an export usually lists a case's events together, so one case's attributes are near
  // one another either way.
  timeline_.attributes_ = std::move(pending_attributes_);
  pending_attributes_.clear();
}

void TimelineBuilder::Impl::start_again() {
  // Empty again: everything below pointed into the texts the finished timeline now owns.
  timeline_ = Timeline{};
  std::vector<EventAttribute>().swap(pending_attributes_);
  block_ = nullptr;
  block_used_ = block_capacity_ = 0;
  value_by_text_.clear();
  values_ = {};
  recent_value_.assign(recent_value_.size(), no_value);
  case_by_id_.clear();
  case_entries_.clear();
  case_event_counts_.clear();
  recent_case_id_ = {};
  any_case_added_ = false;
}

TimelineBuilder::TimelineBuilder(std::shared_ptr<const Policy> policy)
    : impl_(std::make_unique<Impl>(not_null(policy))) {}
TimelineBuilder::~TimelineBuilder() = default;
TimelineBuilder::TimelineBuilder(TimelineBuilder&&) noexcept = default;
TimelineBuilder& TimelineBuilder::operator=(TimelineBuilder&&) noexcept = default;

void TimelineBuilder::add_case(const CaseRecord& record) { impl_->add_case(record); }
bool TimelineBuilder::add_event(const EventRecord& record) { return impl_->add_event(record); }

void TimelineBuilder::add_case(std::string_view id, std::optional<Date> date_of_birth,
                               const std::vector<std::pair<std::string, std::string>>& attributes) {
  std::vector<std::pair<std::string_view, std::string_view>> texts(attributes.begin(),
                                                                   attributes.end());
  impl_->add_case(CaseRecord{id, date_of_birth, texts, {}});
}

bool TimelineBuilder::add_event(
    std::string_view case_id, std::string_view type, Date date, std::optional<Date> recorded,
    const std::vector<std::pair<std::string_view, std::string_view>>& attributes) {
  return impl_->add_event(EventRecord{case_id, type, date, recorded, attributes, {}});
}

std::size_t TimelineBuilder::undeclared_event_count() const { return impl_->undeclared_events_; }
const std::map<std::string, std::size_t, std::less<>>& TimelineBuilder::undeclared_attributes()
    const {
  return impl_->undeclared_attributes_;
}
bool TimelineBuilder::has_case(std::string_view id) const { return impl_->has_case(id); }
void TimelineBuilder::expect_events(std::size_t events, std::size_t attributes) {
  constexpr std::size_t most = std::numeric_limits<std::uint32_t>::max();
  auto& added = impl_->timeline_.events_;
  if (const std::size_t wanted = added.size() + events;
      wanted > added.capacity() && wanted <= most) {
    added.reserve(wanted);
    impl_->case_of_event_.reserve(wanted);
  }
  auto& values = impl_->pending_attributes_;
  if (const std::size_t wanted = values.size() + attributes;
      wanted > values.capacity() && wanted <= most)
    values.reserve(wanted);
}
Timeline TimelineBuilder::finish() { return impl_->finish(); }
std::size_t TimelineBuilder::events_of_unknown_cases() const {
  return impl_->events_of_unknown_cases_;
}

}  // namespace duly
