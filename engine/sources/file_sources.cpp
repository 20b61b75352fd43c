// duly's own events and cases files as DataSources, so that `--source events FILE` and a plain
// events file on the command line are read by the same code.
#include "engine/sources/builtin_sources.hpp"

namespace duly::sources {
namespace {

using ReadFile = void (*)(const std::filesystem::path&, TimelineSink&, ReadReport&,
                          const ReadOptions&);

class FileSource : public DataSource {
 public:
  FileSource(std::filesystem::path file, ReadFile read_file)
      : file_(std::move(file)), read_file_(read_file) {}
  void read(TimelineSink& sink, ReadReport& report, const ReadOptions& options) override {
    read_file_(file_, sink, report, options);
  }

 private:
  std::filesystem::path file_;
  ReadFile read_file_;
};

}  // namespace

std::unique_ptr<DataSource> events_file_source(const std::filesystem::path& file) {
  return std::make_unique<FileSource>(file, read_events_file);
}

std::unique_ptr<DataSource> cases_file_source(const std::filesystem::path& file) {
  return std::make_unique<FileSource>(file, read_cases_file);
}

}  // namespace duly::sources
