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

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
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
        obligations = evaluate(timeline, *as_of, read, threads);
        evaluated = true;
      }
    }
    py::dict out = reading_results(read);
    out["obligations"] = py::bytes(obligations);
    out["evaluated"] = evaluated;
    return out;
  }

 private:
  std::string evaluate(const duly::Timeline& timeline, duly::Date as_of,
                       const duly::ReadReport& read, unsigned threads) const {
    std::ostringstream text;
    duly::ReportSettings settings;
    settings.format = duly::ReportFormat::csv;
    const duly::RunDescription run = duly::describe_run(*policy_, as_of, read.inputs);
    auto writer = duly::make_report_writer(settings, *policy_, run, text);
    duly::EvaluationOptions options;
    options.threads = threads;
    duly::evaluate_cases(policy_, timeline, as_of, options, [&writer] { return writer->make_case_step(); },
                         [&](const duly::CaseResults& results) { writer->add_formatted(results.step_output); });
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
  m.def("source_kinds", [] {
    std::vector<std::tuple<std::string, std::string, std::string>> out;
    for (const auto& k : duly::source_kinds()) out.emplace_back(k.name, k.path, k.description);
    return out;
  });
}
