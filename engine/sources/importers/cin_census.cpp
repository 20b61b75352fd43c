// The CIN census return (children in need) as a DataSource: one XML file, read with pugixml.
// Each <Child> gives a case; each <CINdetails> block (one referral episode) gives the referral,
// its closure, the assessments, the CIN plan dates, the section 47 enquiries (a strategy
// discussion that started one), the initial conferences and the child protection plans with
// their review conferences. The mapping, element by element, is docs/importers.md.
//
// Every event points at the element its date came from: the line, and the element's path
// (`/Message/Children/Child[3]/CINdetails[1]/Assessments[1]/AssessmentActualStartDate`). An
// element that cannot be read (a malformed date, a missing referral date or child id) is
// rejected alone; elements duly does not map are counted in a note, never dropped unsaid.
#include "engine/sources/builtin_sources.hpp"
#include "engine/sources/reading.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace duly::sources {
namespace {

namespace fs = std::filesystem;

// The elements duly reads, by name, wherever they are; any other element under <Child> is
// counted in a note.
const std::set<std::string, std::less<>> mapped_elements = {
    "ChildIdentifiers", "LAchildID", "UPN", "FormerUPN", "UPNunknown", "PersonBirthDate",
    "ExpectedPersonBirthDate", "Sex", "GenderCurrent", "PersonDeathDate", "ChildCharacteristics",
    "Ethnicity", "Disabilities", "Disability", "CINdetails", "CINreferralDate", "ReferralSource",
    "PrimaryNeedCode", "CINclosureDate", "ReasonForClosure", "DateOfInitialCPC", "ReferralNFA",
    "Assessments", "AssessmentActualStartDate", "AssessmentAuthorisationDate", "FactorsIdentifiedAtAssessment", "AssessmentFactors",
    "CINPlanDates", "CINPlanStartDate", "CINPlanEndDate", "Section47", "S47ActualStartDate",
    "InitialCPCtarget", "ICPCnotRequired", "ChildProtectionPlans", "CPPstartDate", "CPPendDate",
    "InitialCategoryOfAbuse", "LatestCategoryOfAbuse", "NumberOfPreviousCPP", "Reviews",
    "CPPreviewDate"};

std::string trimmed(std::string text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string text_of(const pugi::xml_node& node) { return trimmed(node.child_value()); }

// The census writes booleans as true/false or 1/0; duly keeps them as true/false.
std::string boolean_text(const std::string& text) {
  if (text == "1" || text == "true" || text == "TRUE" || text == "True") return "true";
  if (text == "0" || text == "false" || text == "FALSE" || text == "False") return "false";
  return text;
}

class CinCensusSource : public DataSource {
 public:
  explicit CinCensusSource(fs::path file) : file_(std::move(file)) {}

  void read(TimelineSink& sink, ReadReport& report, const ReadOptions& options) override {
    sink_ = &sink;
    report_ = &report;
    FileTally tally(file_, report);
    tally_ = &tally;
    if (!load()) return;
    const pugi::xml_node message = document_.child("Message");
    if (!message) {
      tally.file_error("no <Message> element: not a CIN census file", 1, 1);
      return;
    }
    reference_date_ = options.reference_date;
    if (!reference_date_)
      reference_date_ = parse_iso_date(
          text_of(message.child("Header").child("CollectionDetails").child("ReferenceDate")));
    int index = 0;
    for (pugi::xml_node child : message.child("Children").children("Child"))
      read_child(child, "/Message/Children/Child[" + std::to_string(++index) + "]");
    note_unmapped();
    const AuthorityTarget target{"strategy_discussion", "initial_cpc_target", "icpcc",
                                 "InitialCPCtarget"};
    if (std::find(report.targets.begin(), report.targets.end(), target) == report.targets.end())
      report.targets.push_back(target);
  }

 private:
  bool load() {
    std::ifstream in(file_, std::ios::binary);
    if (!in) {
      tally_->file_error("cannot open the file", 0, 0);
      return false;
    }
    std::ostringstream content;
    content << in.rdbuf();
    text_ = content.str();
    line_starts_ = {0};
    for (std::size_t i = 0; i < text_.size(); ++i)
      if (text_[i] == '\n') line_starts_.push_back(i + 1);
    const pugi::xml_parse_result result = document_.load_buffer(text_.data(), text_.size());
    if (result) return true;
    const auto [line, column] = line_and_column(static_cast<std::size_t>(result.offset));
    tally_->file_error(std::string("not well-formed XML: ") + result.description(), line, column);
    return false;
  }

  std::pair<int, int> line_and_column(std::size_t offset) const {
    auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const auto line = static_cast<int>(after - line_starts_.begin());
    return {line, static_cast<int>(offset - line_starts_[static_cast<std::size_t>(line - 1)]) + 1};
  }
  int line_of(const pugi::xml_node& node) const {
    return node.offset_debug() < 0 ? 0
                                   : line_and_column(static_cast<std::size_t>(node.offset_debug())).first;
  }
  // The physical line an element starts on, verbatim, for --rejects.
  std::string_view line_text(int line) const {
    if (line < 1 || static_cast<std::size_t>(line) > line_starts_.size()) return {};
    const std::size_t begin = line_starts_[static_cast<std::size_t>(line - 1)];
    std::size_t end = text_.find('\n', begin);
    if (end == std::string::npos) end = text_.size();
    if (end > begin && text_[end - 1] == '\r') --end;
    return std::string_view(text_).substr(begin, end - begin);
  }

  // Rejects one element: an error at its text, the element's line verbatim.
  void reject(const pugi::xml_node& node, const std::string& path, std::string message) {
    const pugi::xml_node text = node.first_child();
    const std::ptrdiff_t offset = text && text.type() == pugi::node_pcdata ? text.offset_debug()
                                                                           : node.offset_debug();
    const auto [line, column] = line_and_column(static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, offset)));
    tally_->reject({message + " (element " + path + ")", line, column}, line, line_text(line));
  }

  static std::string not_a_date(const char* name, const std::string& text) {
    return std::string(name) + " " + quote_value(text) +
           (text.empty() ? " is empty" : " is not a date (expected YYYY-MM-DD)");
  }

  // A date element, which is a row of its own: its date, or a rejection (nothing when absent and
  // not required).
  std::optional<Date> date_of(const pugi::xml_node& parent, const char* name,
                              const std::string& parent_path, bool required = false) {
    const pugi::xml_node node = parent.child(name);
    const std::string path = parent_path + "/" + name;
    if (!node) {
      if (required) {
        tally_->count_row();
        reject(parent, parent_path, std::string(name) + " is missing");
      }
      return std::nullopt;
    }
    tally_->count_row();
    const std::string text = text_of(node);
    auto date = parse_iso_date(text);
    if (!date) {
      reject(node, path, not_a_date(name, text));
      return std::nullopt;
    }
    check_reference_date(*date, node, name, path);
    return date;
  }

  void check_reference_date(Date date, const pugi::xml_node& node, const char* name,
                            const std::string& path) {
    if (reference_date_ && date > *reference_date_)
      add_warning(*report_, "dates after the reference date", position(node, path),
                  std::string(name) + " " + to_iso_string(date) +
                      " is after the return's reference date " + to_iso_string(*reference_date_));
  }

  // A position for a warning; `path` must live until the warning is made.
  DataPosition position(const pugi::xml_node& node, const std::string& path) const {
    return {tally_->file(), line_of(node), path};
  }

  void emit(const std::string& child, const char* type, Date date, const pugi::xml_node& node,
            const std::string& path,
            const std::vector<std::pair<std::string_view, std::string_view>>& attributes = {}) {
    const DataPosition at{tally_->file(), line_of(node), path};
    add_event(*sink_, EventRecord{child, type, date, std::nullopt, attributes, at}, *report_);
  }

  void read_child(const pugi::xml_node& child, const std::string& path) {
    count_unmapped(child);
    tally_->count_row();  // the child's identifiers and characteristics: its case, one row
    const pugi::xml_node ids = child.child("ChildIdentifiers");
    const std::string id = text_of(ids.child("LAchildID"));
    if (id.empty()) {
      // Without its id no event can be placed: the whole child is rejected, as one row.
      std::ostringstream xml;
      child.print(xml, "", pugi::format_raw);
      const int line = line_of(child);
      tally_->reject({"LAchildID is missing (element " + path + ")", line, 0}, line, xml.str());
      return;
    }
    read_case(child, id, path);
    int k = 0;
    for (pugi::xml_node details : child.children("CINdetails"))
      read_details(details, id, path + "/CINdetails[" + std::to_string(++k) + "]");
  }

  // The case of a child: a bad date of birth or death rejects it (its events are still read,
  // as those of a case known only from its events).
  void read_case(const pugi::xml_node& child, const std::string& id, const std::string& path) {
    const pugi::xml_node ids = child.child("ChildIdentifiers");
    const std::string ids_path = path + "/ChildIdentifiers";
    std::vector<std::pair<std::string, std::string>> texts;
    auto keep = [&](const char* name, std::string text) {
      if (!text.empty()) texts.emplace_back(name, std::move(text));
    };
    // An unborn child has an expected date of birth instead.
    const char* birth_name = ids.child("PersonBirthDate") || !ids.child("ExpectedPersonBirthDate")
                                 ? "PersonBirthDate"
                                 : "ExpectedPersonBirthDate";
    std::optional<Date> birth;
    for (const char* name : {birth_name, "PersonDeathDate"}) {
      const pugi::xml_node node = ids.child(name);
      if (!node) continue;
      const std::string text = text_of(node);
      const auto date = parse_iso_date(text);
      if (!date) {
        reject(node, ids_path + "/" + name, not_a_date(name, text));
        return;
      }
      // An expected date of birth is in the future by nature.
      if (std::string_view(name) != "ExpectedPersonBirthDate")
        check_reference_date(*date, node, name, ids_path + "/" + name);
      if (name == birth_name)
        birth = date;
      else
        keep("date_of_death", to_iso_string(*date));
    }
    if (std::string_view(birth_name) == "ExpectedPersonBirthDate") keep("unborn", "true");
    keep("upn", text_of(ids.child("UPN")));
    keep("former_upn", text_of(ids.child("FormerUPN")));
    keep("upn_unknown", text_of(ids.child("UPNunknown")));
    keep("sex", text_of(ids.child("Sex") ? ids.child("Sex") : ids.child("GenderCurrent")));
    const pugi::xml_node characteristics = child.child("ChildCharacteristics");
    keep("ethnicity", text_of(characteristics.child("Ethnicity")));
    std::string disabilities;
    for (pugi::xml_node d : characteristics.child("Disabilities").children("Disability"))
      disabilities += (disabilities.empty() ? "" : " ") + text_of(d);
    keep("disabilities", disabilities);
    if (sink_->has_case(id)) {
      add_warning(*report_, "children listed twice", position(child, path),
                  "LAchildID " + quote_value(id) +
                      " appears again: its referrals are kept, its identifiers taken from the "
                      "first");
      return;
    }
    std::vector<std::pair<std::string_view, std::string_view>> pairs(texts.begin(), texts.end());
    sink_->add_case(CaseRecord{id, birth, pairs, {tally_->file(), line_of(child), path}});
  }

  void read_details(const pugi::xml_node& details, const std::string& id, const std::string& path) {
    const auto referral = date_of(details, "CINreferralDate", path, true);
    if (referral)
      emit(id, "referral", *referral, details.child("CINreferralDate"), path + "/CINreferralDate",
           {{"source", text_of(details.child("ReferralSource"))},
            {"primary_need", text_of(details.child("PrimaryNeedCode"))},
            {"nfa", boolean_text(text_of(details.child("ReferralNFA")))}});
    if (auto closure = date_of(details, "CINclosureDate", path)) {
      if (referral && *closure < *referral)
        add_warning(*report_, "closures before the referral",
                    position(details.child("CINclosureDate"), path + "/CINclosureDate"),
                    "CINclosureDate " + to_iso_string(*closure) + " is before CINreferralDate " +
                        to_iso_string(*referral));
      emit(id, "cin_closure", *closure, details.child("CINclosureDate"), path + "/CINclosureDate",
           {{"reason", text_of(details.child("ReasonForClosure"))}});
    }
    read_assessments(details, id, path);
    int k = 0;
    for (pugi::xml_node plan : details.children("CINPlanDates")) {
      const std::string at = path + "/CINPlanDates[" + std::to_string(++k) + "]";
      if (auto start = date_of(plan, "CINPlanStartDate", at))
        emit(id, "cin_plan_start", *start, plan.child("CINPlanStartDate"), at + "/CINPlanStartDate");
      if (auto end = date_of(plan, "CINPlanEndDate", at))
        emit(id, "cin_plan_end", *end, plan.child("CINPlanEndDate"), at + "/CINPlanEndDate");
    }
    // The initial conferences: each distinct DateOfInitialCPC of the block, its own and its
    // Section47 blocks', once; `plan` when a child protection plan of the block starts that day.
    std::vector<std::pair<Date, std::pair<pugi::xml_node, std::string>>> conferences;
    auto conference = [&](const pugi::xml_node& parent, const std::string& at) {
      if (!parent.child("DateOfInitialCPC")) return;
      auto date = date_of(parent, "DateOfInitialCPC", at);
      if (!date || std::any_of(conferences.begin(), conferences.end(),
                               [&](const auto& c) { return c.first == *date; }))
        return;
      conferences.push_back({*date, {parent.child("DateOfInitialCPC"), at + "/DateOfInitialCPC"}});
    };
    conference(details, path);
    k = 0;
    for (pugi::xml_node s47 : details.children("Section47")) {
      const std::string at = path + "/Section47[" + std::to_string(++k) + "]";
      if (auto start = date_of(s47, "S47ActualStartDate", at)) {
        std::string target;
        if (s47.child("InitialCPCtarget"))
          if (auto date = date_of(s47, "InitialCPCtarget", at)) target = to_iso_string(*date);
        emit(id, "strategy_discussion", *start, s47.child("S47ActualStartDate"),
             at + "/S47ActualStartDate",
             {{"outcome", "s47"},
              {"initial_cpc_target", target},
              {"icpc_not_required", boolean_text(text_of(s47.child("ICPCnotRequired")))}});
      }
      conference(s47, at);
    }
    std::vector<Date> plan_starts = read_plans(details, id, path);
    for (const auto& [date, where] : conferences) {
      const bool plan = std::find(plan_starts.begin(), plan_starts.end(), date) != plan_starts.end();
      emit(id, "icpcc", date, where.first, where.second, {{"outcome", plan ? "plan" : ""}});
    }
  }

  void read_assessments(const pugi::xml_node& details, const std::string& id,
                        const std::string& path) {
    int k = 0;
    for (pugi::xml_node a : details.children("Assessments")) {
      const std::string at = path + "/Assessments[" + std::to_string(++k) + "]";
      const auto start = date_of(a, "AssessmentActualStartDate", at);
      if (start)
        emit(id, "assessment_start", *start, a.child("AssessmentActualStartDate"),
             at + "/AssessmentActualStartDate");
      const auto done = date_of(a, "AssessmentAuthorisationDate", at);
      if (!done) continue;
      if (start && *done < *start)
        add_warning(*report_, "assessments authorised before they started",
                    position(a.child("AssessmentAuthorisationDate"), at + "/AssessmentAuthorisationDate"),
                    "assessment authorised on " + to_iso_string(*done) + ", before it started on " +
                        to_iso_string(*start));
      std::string factors;
      for (pugi::xml_node f : a.child("FactorsIdentifiedAtAssessment").children("AssessmentFactors"))
        factors += (factors.empty() ? "" : " ") + text_of(f);
      emit(id, "assessment_completed", *done, a.child("AssessmentAuthorisationDate"),
           at + "/AssessmentAuthorisationDate", {{"factors", factors}});
    }
  }

  // The child protection plans of a block; their start dates, for the conferences' outcome.
  std::vector<Date> read_plans(const pugi::xml_node& details, const std::string& id,
                               const std::string& path) {
    std::vector<Date> starts;
    int k = 0;
    for (pugi::xml_node plan : details.children("ChildProtectionPlans")) {
      const std::string at = path + "/ChildProtectionPlans[" + std::to_string(++k) + "]";
      if (auto start = date_of(plan, "CPPstartDate", at)) {
        starts.push_back(*start);
        emit(id, "cp_plan_start", *start, plan.child("CPPstartDate"), at + "/CPPstartDate",
             {{"category", text_of(plan.child("InitialCategoryOfAbuse"))},
              {"latest_category", text_of(plan.child("LatestCategoryOfAbuse"))},
              {"previous_plans", text_of(plan.child("NumberOfPreviousCPP"))}});
      }
      if (auto end = date_of(plan, "CPPendDate", at))
        emit(id, "cp_plan_end", *end, plan.child("CPPendDate"), at + "/CPPendDate");
      int j = 0;
      for (pugi::xml_node reviews : plan.children("Reviews")) {
        const std::string reviews_at = at + "/Reviews[" + std::to_string(++j) + "]";
        int r = 0;
        for (pugi::xml_node review : reviews.children("CPPreviewDate")) {
          const std::string review_at = reviews_at + "/CPPreviewDate[" + std::to_string(++r) + "]";
          tally_->count_row();
          const std::string text = text_of(review);
          if (auto date = parse_iso_date(text)) {
            check_reference_date(*date, review, "CPPreviewDate", review_at);
            emit(id, "rcpcc", *date, review, review_at);
          } else
            reject(review, review_at, not_a_date("CPPreviewDate", text));
        }
      }
    }
    return starts;
  }

  // Elements under <Child> that duly does not read, by their parent and name; and text beside
  // elements, which belongs to none of them.
  void count_unmapped(const pugi::xml_node& node) {
    const bool has_elements = static_cast<bool>(
        node.find_child([](pugi::xml_node n) { return n.type() == pugi::node_element; }));
    for (pugi::xml_node c : node.children()) {
      if (c.type() == pugi::node_pcdata) {
        if (has_elements && !trimmed(c.value()).empty())
          ++unmapped_["text outside any element (in <" + std::string(node.name()) + ">)"];
        continue;
      }
      if (c.type() != pugi::node_element) continue;
      if (!mapped_elements.count(c.name())) {
        ++unmapped_["<" + std::string(c.name()) + "> (in <" + node.name() + ">)"];
        continue;
      }
      count_unmapped(c);
    }
  }

  void note_unmapped() {
    for (const auto& [what, count] : unmapped_)
      report_->notes.push_back(tally_->file() + ": " + std::to_string(count) + " " + what +
                               " not read");
  }

  fs::path file_;
  TimelineSink* sink_ = nullptr;
  ReadReport* report_ = nullptr;
  FileTally* tally_ = nullptr;
  std::string text_;
  std::vector<std::size_t> line_starts_;
  pugi::xml_document document_;
  std::optional<Date> reference_date_;
  std::map<std::string, std::size_t> unmapped_;
};

}  // namespace

std::unique_ptr<DataSource> cin_census_source(const std::filesystem::path& file) {
  return std::make_unique<CinCensusSource>(file);
}

}  // namespace duly::sources
