// `duly._duly`, the compiled half of the Python package (python/duly/__init__.py is the other):
// a loaded policy, and three calls that take and give CSV text in duly's own formats, so that
// every row is read, checked and written by exactly the code `duly check` and `duly events` run.
// The Python half turns DataFrames into that text and the text back into DataFrames.
//
// Each call copies its text in while it holds the GIL, then releases it for reading, evaluating
// (on the library's threads, duly/parallel.hpp) and writing, so other Python threads go on.
#include <duly/collected_timeline.hpp>
#include <duly/data_checks.hpp>
#include <duly/diagnostic.hpp>
#include <duly/load.hpp>
#include <duly/parallel.hpp>
#include <duly/report.hpp>
#include <duly/source_kinds.hpp>
#include <duly/sources.hpp>
#include <duly/timeline.hpp>
#include <duly/timeline_csv.hpp>
#include <duly/version.hpp>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace py = pybind11;

namespace {

// A diagnostic as Python sees it: (severity, file, line, column, message, rendered).
using DiagnosticTuple = std::tuple<std::string, std::string, int, int, std::string, std::string>;

DiagnosticTuple to_tuple(const duly::Diagnostic& d) {
  const char* severity = d.severity == duly::Severity::error     ? "error"
                         : d.severity == duly::Severity::warning ? "warning"
                                                                 : "note";
  return {severity, d.position.file, d.position.line, d.position.column, d.message,
          duly::render(d)};
}

// What reading found, for the Python half to raise, warn about or hand back.
py::dict reading_results(const duly::ReadReport& report) {
  std::vector<DiagnosticTuple> errors;
  for (const auto& e : report.errors) errors.push_back(to_tuple(e));
  std::vector<std::tuple<std::string, int, std::string, std::string>> rejected;
  for (const auto& r : report.rejected) rejected.emplace_back(r.file, r.line, r.reason, r.text);
  std::vector<std::string> warnings, findings;
  for (const auto& w : report.warnings) warnings.push_back(duly::render(w.diagnostic));
  for (const auto& f : report.findings) findings.push_back(f.message);
  std::vector<std::tuple<std::string, std::size_t, std::size_t>> inputs;
  for (const auto& i : report.inputs) inputs.emplace_back(i.file, i.rows, i.rejected);
  py::dict out;
  out["errors"] = errors;
  out["rejected"] = rejected;
  out["warnings"] = warnings;
  out["findings"] = findings;
  out["notes"] = report.notes;
  out["inputs"] = inputs;
  out["undeclared_events"] = report.undeclared_events;
  return out;
}

class PythonPolicy {
 public:
  PythonPolicy(std::shared_ptr<const duly::Policy> policy, std::vector<duly::Diagnostic> warnings,
               std::string path)
      : policy_(std::move(policy)), warnings_(std::move(warnings)), path_(std::move(path)) {}

  std::string name() const { return policy_->name(); }
  const std::string& path() const { return path_; }
  std::vector<std::pair<std::string, std::string>> rules() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& r : policy_->rules()) out.emplace_back(r.id, r.name);
    return out;
  }
  std::vector<DiagnosticTuple> lint() const {
    std::vector<DiagnosticTuple> out;
    for (const auto& w : warnings_) out.push_back(to_tuple(w));
    return out;
  }

  // Reads the events (and cases) CSV text, and, unless there are bad rows and `skip_invalid` is
  // false, evaluates every case on `threads` threads (0: all) as of `as_of` and writes the
  // obligations as `duly check --format csv` does. Returns the report, and what reading found.
  py::dict check(const std::string& events, const std::string& events_name,
                 const std::optional<std::string>& cases, const std::string& cases_name,
                 const std::string& as_of_text, unsigned threads, bool skip_invalid) const {
    const auto as_of = duly::parse_iso_date(as_of_text);
    if (!as_of) throw py::value_error("as_of \"" + as_of_text + "\" is not a date (YYYY-MM-DD)");
    duly::ReadReport read;
    std::string obligations;
    std::vector<duly::StatusCounts> counts;
    bool evaluated = false;
    {
      py::gil_scoped_release release;
      duly::TimelineBuilder builder(policy_);
      if (cases) duly::read_cases_csv_text(*cases, cases_name, builder, read);
      duly::read_events_csv_text(events, events_name, builder, read);
      const duly::Timeline timeline = builder.finish();
      duly::DataCheckOptions checks;
      checks.undeclared_attributes = builder.undeclared_attributes();
      checks.cases_read = cases.has_value();
      duly::check_data(timeline, checks, read);
      if (read.ok() || skip_invalid) {
        obligations = evaluate(timeline, *as_of, read, threads, counts);
        evaluated = true;
      }
    }
    py::dict out = reading_results(read);
    out["obligations"] = py::bytes(obligations);
    out["evaluated"] = evaluated;
    std::vector<std::tuple<std::string, std::size_t, std::size_t, std::size_t, std::size_t, std::size_t>> by_rule;
    for (std::size_t r = 0; r < counts.size(); ++r)
      by_rule.emplace_back(policy_->rules()[r].id, counts[r].met, counts[r].late, counts[r].missed,
                           counts[r].pending, counts[r].lapsed);
    out["counts"] = by_rule;
    return out;
  }

 private:
  // The report, and each rule's obligations counted by status (in the policy's order of rules).
  std::string evaluate(const duly::Timeline& timeline, duly::Date as_of,
                       const duly::ReadReport& read, unsigned threads,
                       std::vector<duly::StatusCounts>& counts) const {
    counts.assign(policy_->rules().size(), {});
    std::ostringstream text;
    duly::ReportSettings settings;
    settings.format = duly::ReportFormat::csv;
    const duly::RunDescription run = duly::describe_run(*policy_, as_of, read.inputs);
    auto writer = duly::make_report_writer(settings, *policy_, run, text);
    duly::EvaluationOptions options;
    options.threads = threads;
    duly::evaluate_cases(policy_, timeline, as_of, options, [&writer] { return writer->make_case_step(); },
                         [&](const duly::CaseResults& results) {
                           for (const auto& o : results.obligations) counts[o.rule_index].add(o.status);
                           writer->add_formatted(results.step_output);
                         });
    writer->finish();
    return std::move(text).str();
  }

  std::shared_ptr<const duly::Policy> policy_;
  std::vector<duly::Diagnostic> warnings_;
  std::string path_;
};

// A policy, or (nullptr, every diagnostic) when it has errors.
std::pair<std::shared_ptr<PythonPolicy>, std::vector<DiagnosticTuple>> load_policy(const std::string& path) {
  duly::LoadResult result;
  {
    py::gil_scoped_release release;
    result = duly::load_policy(path);
  }
  std::vector<DiagnosticTuple> diagnostics;
  for (const auto& d : result.diagnostics) diagnostics.push_back(to_tuple(d));
  if (!result.policy) return {nullptr, diagnostics};
  return {std::make_shared<PythonPolicy>(result.policy, result.diagnostics, path), diagnostics};
}

struct SourceSettings {
  std::optional<std::string> reference_date, ssd_schema, ssd_health_checks;
  bool uk_dates = false;
};

// Any registered source, read as `duly events` reads it: its events and cases in duly's CSV
// formats, and what reading found.
py::dict read_source(const std::string& kind, const std::string& path, const SourceSettings& settings) {
  duly::ReadOptions options;
  options.dates = settings.uk_dates ? duly::DateStyle::uk : duly::DateStyle::iso;
  if (settings.reference_date) {
    options.reference_date = duly::parse_iso_date(*settings.reference_date);
    if (!options.reference_date)
      throw py::value_error("reference_date \"" + *settings.reference_date + "\" is not a date (YYYY-MM-DD)");
  }
  if (settings.ssd_schema) options.ssd_schema = *settings.ssd_schema;
  if (settings.ssd_health_checks) options.ssd_health_checks = *settings.ssd_health_checks;
  std::unique_ptr<duly::DataSource> source;
  try {
    source = duly::open_source(kind, path);
  } catch (const duly::UnknownSourceKind& unknown) {
    throw py::value_error(unknown.what());
  }
  duly::ReadReport read;
  std::ostringstream events, cases;
  {
    py::gil_scoped_release release;
    duly::CollectedTimeline collected;
    source->read(collected, read, options);
    collected.sort();  // as duly events writes them: by case, then date, then as read
    duly::write_events_csv(collected, events);
    duly::write_cases_csv(collected, cases);
  }
  py::dict out = reading_results(read);
  out["events"] = py::bytes(std::move(events).str());
  out["cases"] = py::bytes(std::move(cases).str());
  return out;
}

// --- DataFrames in and out, in C++ where a Python loop over millions of cells would be slow ---

// Appends a cell of a DataFrame column as CSV: text as it is (quoted when it must be), None and
// NaN as an empty cell, anything else as str() gives it.
void append_cell(std::string& out, PyObject* cell) {
  std::string_view text;
  py::str converted;
  if (cell == Py_None) return;
  if (PyFloat_Check(cell) && std::isnan(PyFloat_AS_DOUBLE(cell))) return;
  if (PyUnicode_Check(cell)) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(cell, &size);
    if (!data) throw py::error_already_set();
    text = {data, static_cast<std::size_t>(size)};
  } else {
    converted = py::str(py::handle(cell));
    text = converted.cast<std::string_view>();
  }
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// A table as CSV text: the header, then one line per row, from columns of Python objects
// (numpy object arrays or lists, all of one length).
py::bytes csv_from_columns(const std::vector<std::string>& names, const std::vector<py::sequence>& columns) {
  std::vector<std::vector<PyObject*>> cells(columns.size());
  std::size_t rows = 0;
  std::vector<py::object> keep;  // the sequences' items stay alive while they are read
  for (std::size_t c = 0; c < columns.size(); ++c) {
    py::list items(columns[c]);
    keep.push_back(items);
    rows = items.size();
    for (auto item : items) cells[c].push_back(item.ptr());
  }
  std::string out;
  for (std::size_t c = 0; c < names.size(); ++c) {
    if (c) out += ',';
    append_cell(out, py::str(names[c]).ptr());
  }
  out += '\n';
  out.reserve(out.size() + rows * columns.size() * 10);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c) out += ',';
      append_cell(out, cells[c][r]);
    }
    out += '\n';
  }
  return py::bytes(out);
}

// The cells of one CSV line (RFC 4180: duly's writers quote a cell with a comma, quote or line
// break), as views into the text, or, for a quoted cell, into `unquoted` (whose strings stay
// put); `at` moves past the line.
void split_line(std::string_view text, std::size_t& at, std::deque<std::string>& unquoted,
                std::vector<std::string_view>& cells) {
  cells.clear();
  while (at < text.size()) {
    if (text[at] == '"') {
      std::string& cell = unquoted.emplace_back();
      for (++at; at < text.size(); ++at) {
        if (text[at] != '"') {
          cell += text[at];
        } else if (at + 1 < text.size() && text[at + 1] == '"') {
          cell += '"';
          ++at;
        } else {
          ++at;
          break;
        }
      }
      cells.push_back(cell);
    } else {
      std::size_t end = at;  // (find_first_of would call memchr once a character)
      while (end < text.size() && text[end] != ',' && text[end] != '\n') ++end;
      cells.push_back(text.substr(at, end - at));
      at = end;
    }
    if (at < text.size() && text[at] == ',') {
      ++at;
      if (at == text.size() || text[at] == '\n') cells.emplace_back();  // a last empty cell
      if (at == text.size()) break;
      continue;
    }
    ++at;  // the line's end
    break;
  }
}

// A YYYY-MM-DD cell of duly's own writing, read without the general parser (millions of them);
// anything else goes to it.
std::optional<duly::Date> iso_day(std::string_view cell) {
  auto digit = [&](std::size_t i) { return cell[i] >= '0' && cell[i] <= '9'; };
  if (cell.size() == 10 && cell[4] == '-' && cell[7] == '-' && digit(0) && digit(1) && digit(2) &&
      digit(3) && digit(5) && digit(6) && digit(8) && digit(9)) {
    auto number = [&](std::size_t i, std::size_t n) {
      int v = 0;
      for (std::size_t k = i; k < i + n; ++k) v = v * 10 + (cell[k] - '0');
      return v;
    };
    return duly::make_date(number(0, 4), number(5, 2), number(8, 2));
  }
  return cell.empty() ? std::nullopt : duly::parse_iso_date(cell);
}

// duly's CSV report as columns for a DataFrame: text columns as lists of str (each distinct
// text made once: rule names repeat a million times), the named date columns as days since
// 1970 (numpy int64, the smallest int64 for an empty cell, which numpy reads as NaT), and
// integer columns as int64 with a mask of the empty cells.
py::dict columns_from_csv(const py::bytes& csv, const std::vector<std::string>& dates,
                          const std::vector<std::string>& integers) {
  const std::string_view text = csv.cast<std::string_view>();
  std::size_t at = 0;
  std::deque<std::string> unquoted;
  std::vector<std::string_view> cells;
  split_line(text, at, unquoted, cells);
  std::vector<std::string> names(cells.begin(), cells.end());
  enum class Kind { text, date, integer };
  std::vector<Kind> kinds;
  for (const auto& n : names)
    kinds.push_back(std::count(dates.begin(), dates.end(), n)         ? Kind::date
                    : std::count(integers.begin(), integers.end(), n) ? Kind::integer
                                                                      : Kind::text);
  std::vector<std::vector<PyObject*>> texts(names.size());
  std::vector<std::vector<std::int64_t>> numbers(names.size());
  std::vector<std::vector<bool>> empty(names.size());
  const auto rows = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  for (std::size_t c = 0; c < names.size(); ++c) {
    if (kinds[c] == Kind::text) texts[c].reserve(rows);
    else numbers[c].reserve(rows);
  }
  std::unordered_map<std::string_view, py::object> made;  // keys view the text or `unquoted`
  const duly::Date epoch = *duly::make_date(1970, 1, 1);
  while (at < text.size()) {
    split_line(text, at, unquoted, cells);
    for (std::size_t c = 0; c < names.size(); ++c) {
      const std::string_view cell = c < cells.size() ? cells[c] : std::string_view{};
      switch (kinds[c]) {
        case Kind::text: {
          auto found = made.find(cell);
          if (found == made.end())
            found = made.emplace(cell, py::str(cell.data(), cell.size())).first;
          texts[c].push_back(found->second.ptr());
          break;
        }
        case Kind::date: {
          const auto day = iso_day(cell);
          numbers[c].push_back(day ? static_cast<std::int64_t>(*day - epoch) : INT64_MIN);
          break;
        }
        case Kind::integer:
          empty[c].push_back(cell.empty());
          numbers[c].push_back(cell.empty() ? 0 : std::stoll(std::string(cell)));
          break;
      }
    }
  }
  py::dict out;
  for (std::size_t c = 0; c < names.size(); ++c) {
    if (kinds[c] == Kind::text) {
      // A numpy object array, which pandas takes as it is (a list it would copy into one).
      py::array column(py::dtype("O"), std::vector<py::ssize_t>{static_cast<py::ssize_t>(texts[c].size())});
      auto** items = static_cast<PyObject**>(column.mutable_data());
      for (std::size_t r = 0; r < texts[c].size(); ++r) {
        Py_INCREF(texts[c][r]);
        Py_XDECREF(items[r]);  // numpy fills a new object array with None
        items[r] = texts[c][r];
      }
      out[py::str(names[c])] = column;
      continue;
    }
    py::array_t<std::int64_t> values(static_cast<py::ssize_t>(numbers[c].size()));
    std::copy(numbers[c].begin(), numbers[c].end(), values.mutable_data());
    if (kinds[c] == Kind::date) {
      out[py::str(names[c])] = values;
    } else {
      py::array_t<bool> mask(static_cast<py::ssize_t>(empty[c].size()));
      std::copy(empty[c].begin(), empty[c].end(), mask.mutable_data());
      out[py::str(names[c])] = py::make_tuple(values, mask);
    }
  }
  out["__columns__"] = names;
  return out;
}

}  // namespace

PYBIND11_MODULE(_duly, m) {
  m.doc() = "duly's engine: policies, and timelines read and checked as duly check does";
  m.attr("__version__") = DULY_VERSION;
  py::class_<PythonPolicy, std::shared_ptr<PythonPolicy>>(m, "Policy")
      .def_property_readonly("name", &PythonPolicy::name)
      .def_property_readonly("path", &PythonPolicy::path)
      .def("rules", &PythonPolicy::rules)
      .def("lint", &PythonPolicy::lint)
      .def("check", &PythonPolicy::check, py::arg("events"), py::arg("events_name"), py::arg("cases"),
           py::arg("cases_name"), py::arg("as_of"), py::arg("threads"), py::arg("skip_invalid"));
  m.def("load_policy", &load_policy, py::arg("path"));
  py::class_<SourceSettings>(m, "SourceSettings")
      .def(py::init<>())
      .def_readwrite("reference_date", &SourceSettings::reference_date)
      .def_readwrite("ssd_schema", &SourceSettings::ssd_schema)
      .def_readwrite("ssd_health_checks", &SourceSettings::ssd_health_checks)
      .def_readwrite("uk_dates", &SourceSettings::uk_dates);
  m.def("read_source", &read_source, py::arg("kind"), py::arg("path"), py::arg("settings"));
  m.def("csv_from_columns", &csv_from_columns, py::arg("names"), py::arg("columns"));
  m.def("columns_from_csv", &columns_from_csv, py::arg("csv"), py::arg("dates"), py::arg("integers"));
  m.def("source_kinds", [] {
    std::vector<std::tuple<std::string, std::string, std::string>> out;
    for (const auto& k : duly::source_kinds()) out.emplace_back(k.name, k.path, k.description);
    return out;
  });
}
