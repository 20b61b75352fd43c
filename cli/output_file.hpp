// The report's file, written by a thread of its own: the report writer hands over blocks of a
// quarter of a megabyte, and the system calls (with the kernel's copying of them into the page
// cache, which for a report of a gigabyte or more costs as much as the evaluation) overlap with
// evaluating the next cases. At most a few blocks wait, so memory stays bounded.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <ostream>
#include <streambuf>
#include <string>
#include <thread>

class BackgroundFileBuffer : public std::streambuf {
 public:
  BackgroundFileBuffer() = default;
  ~BackgroundFileBuffer() override;
  BackgroundFileBuffer(const BackgroundFileBuffer&) = delete;
  BackgroundFileBuffer& operator=(const BackgroundFileBuffer&) = delete;

  // Creates (or truncates) the file and starts the writing thread; false when it cannot.
  bool open(const std::string& path);

 protected:
  std::streamsize xsputn(const char* bytes, std::streamsize count) override;
  int overflow(int c) override;
  // Hands over what is pending and waits until everything is written: -1 if a write failed.
  int sync() override;

 private:
  void hand_over();  // the pending block to the queue, waiting while the queue is full
  void write_blocks();

  int fd_ = -1;
  std::string pending_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> queue_;
  bool writing_ = false;  // the thread is writing a block it took off the queue
  bool stopping_ = false;
  bool failed_ = false;
  std::thread thread_;
};

// An output stream over a BackgroundFileBuffer.
class BackgroundFile : public std::ostream {
 public:
  BackgroundFile() : std::ostream(&buffer_) {}
  bool open(const std::string& path) { return buffer_.open(path); }

 private:
  BackgroundFileBuffer buffer_;
};
