// The progress line (see progress.hpp).
#include "progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

Progress::Progress() : enabled_(isatty(STDERR_FILENO) == 1) {
  if (const char* after = std::getenv("DULY_PROGRESS_AFTER_MS"))
    delay_ = std::chrono::milliseconds(std::atol(after));
}

bool Progress::due() {
  if (!enabled_) return false;
  const auto now = std::chrono::steady_clock::now();
  if (now - start_ < delay_ || now - last_ < std::chrono::milliseconds(200)) return false;
  last_ = now;
  return true;
}

void Progress::show(const std::string& line) {
  std::fprintf(stderr, "\r\033[K%s", line.c_str());
  std::fflush(stderr);
  shown_ = true;
}

void Progress::reading(const std::string& file, std::uintmax_t done, std::uintmax_t size) {
  if (file != phase_) {
    phase_ = file;
    phase_start_ = std::chrono::steady_clock::now();
  }
  if (!due()) return;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - phase_start_).count();
  const double mb = 1e6;
  char line[512];
  const int written =
      std::snprintf(line, sizeof line, "reading %s: %.1f of %.1f MB (%d%%)",
                    std::filesystem::path(file).filename().c_str(), done / mb, size / mb,
                    size ? static_cast<int>(done * 100 / size) : 100);
  // A rate over a few milliseconds says nothing.
  if (seconds > 0.1 && written > 0 && static_cast<std::size_t>(written) < sizeof line)
    std::snprintf(line + written, sizeof line - static_cast<std::size_t>(written), ", %.0f MB/s",
                  done / mb / seconds);
  show(line);
}

void Progress::cases(const char* verb, std::size_t done, std::size_t total) {
  if (phase_ != "cases") {
    phase_ = "cases";
    phase_start_ = std::chrono::steady_clock::now();
  }
  if (done % 256 != 0 || !due()) return;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - phase_start_).count();
  char line[256];
  const int written = std::snprintf(line, sizeof line, "%s %zu of %zu cases (%zu%%)", verb, done,
                                    total, total ? done * 100 / total : 100);
  if (seconds > 0.1 && written > 0 && static_cast<std::size_t>(written) < sizeof line)
    std::snprintf(line + written, sizeof line - static_cast<std::size_t>(written), ", %.0f cases/s",
                  done / seconds);
  show(line);
}

void Progress::done() {
  if (shown_) std::fputs("\r\033[K", stderr);
  shown_ = false;
}
