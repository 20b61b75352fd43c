// `duly events [--source KIND PATH | EVENTS…] [--cases F] --out EVENTS.csv [--cases-out F]`:
// reads timelines exactly as `duly check` does, with no policy, and writes them in duly's own
// events and cases formats: what an analyst runs to see what duly made of a return, and to
// convert it once.
#include "commands.hpp"
#include "inputs.hpp"
#include "progress.hpp"

#include <duly/collected_timeline.hpp>
#include <duly/timeline_csv.hpp>

#include <fstream>
#include <iostream>
#include <memory>
#include <string>

namespace {

struct EventsOptions {
  InputOptions input;
  std::string out;
  std::string cases_out;
};

const ReadingOutcome events_outcome{"conversion", "written", "writes"};

bool write_file(const std::string& path, const duly::CollectedTimeline& timeline,
                void (*write)(const duly::CollectedTimeline&, std::ostream&)) {
  std::ofstream out(path, std::ios::binary);
  if (out) write(timeline, out);
  out.flush();
  if (out) return true;
  std::cerr << "error: cannot write `" << path << "`\n";
  return false;
}

int run_events(const EventsOptions& options, const duly::Logger& logger) {
  if (auto status = check_input_usage(options.input, events_outcome)) return *status;
  if (options.out == options.cases_out) {
    std::cerr << "error: --out and --cases-out name the same file\n";
    return 2;
  }
  duly::CollectedTimeline timeline;
  duly::ReadReport read;
  {
    Progress progress;
    read_inputs(options.input, logger, timeline, read, &progress);
  }
  if (auto status = report_reading(options.input, read, events_outcome)) return *status;
  if (auto status = refuse_warnings(options.input, data_warnings(read), events_outcome))
    return *status;
  timeline.sort();
  if (!write_file(options.out, timeline, duly::write_events_csv)) return 2;
  std::cerr << "wrote " << timeline.events().size()
            << (timeline.events().size() == 1 ? " event" : " events") << " to " << options.out
            << "\n";
  if (!options.cases_out.empty()) {
    if (!write_file(options.cases_out, timeline, duly::write_cases_csv)) return 2;
    std::cerr << "wrote " << timeline.cases().size()
              << (timeline.cases().size() == 1 ? " case" : " cases") << " to "
              << options.cases_out << "\n";
  } else if (!timeline.cases().empty()) {
    // Never dropped unsaid: the cases were read, and only --cases-out keeps them.
    std::cerr << "note: " << timeline.cases().size()
              << (timeline.cases().size() == 1 ? " case was" : " cases were")
              << " read and not written (--cases-out FILE writes them)\n";
  }
  return 0;
}

}  // namespace

Command add_events_command(CLI::App& program) {
  auto options = std::make_shared<EventsOptions>();
  CLI::App* app = program.add_subcommand(
      "events", "Read case timelines (events files or a source) and write them as duly's own "
                "events and cases CSV");
  add_input_options(*app, options->input);
  app->add_option("--out", options->out, "Write the events here (CSV)")->required();
  app->add_option("--cases-out", options->cases_out, "Write the cases here (CSV)");
  app->footer(
      "Rows are sorted as a timeline is: by case_id, then date, then the order read. Every bad "
      "row is reported as by `duly check`.\n\n"
      "Exit status: 0 done; 2 bad input or usage.\n\n"
      "Examples:\n"
      "  duly events --source ssda903 ssda903/ --out events.csv --cases-out cases.csv\n"
      "  duly events --source cin-census cin.xml --out events.csv --cases-out cases.csv\n"
      "  duly events export.csv --dates uk --out events.csv --skip-invalid --rejects bad.csv");
  return {app, [options](const duly::Logger& logger) { return run_events(*options, logger); }};
}
