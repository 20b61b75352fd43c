// A progress line on stderr for long runs: the file being read (how far, how fast), then the
// cases being evaluated (how many, how fast). Only when stderr is a terminal, where it is
// overwritten in place and erased at the end; in a log it would be noise, so it never appears
// there. Nothing shows in the first second, so short runs stay quiet
// (DULY_PROGRESS_AFTER_MS sets that delay: the tests set 0).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

class Progress {
 public:
  Progress();
  ~Progress() { done(); }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // "reading events.csv: 120 of 414 MB (29%), 95 MB/s"
  void reading(const std::string& file, std::uintmax_t done, std::uintmax_t size);
  // "checked 12000 of 100000 cases (12%), 45000 cases/s"; `verb` is the command's ("checked").
  void cases(const char* verb, std::size_t done, std::size_t total);
  // Erases the line, if one was shown.
  void done();

 private:
  bool due();  // whether to redraw now
  void show(const std::string& line);

  bool enabled_;
  bool shown_ = false;
  std::chrono::milliseconds delay_{1000};
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_{},
                                        phase_start_ = start_;
  std::string phase_;  // the file being read, or "cases"
};
