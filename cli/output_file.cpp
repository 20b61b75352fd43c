// BackgroundFileBuffer (output_file.hpp): blocks queued by the report's thread, written with
// write(2) by the buffer's own.
#include "output_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace {

constexpr std::size_t block_size = 1 << 18;
constexpr std::size_t queued_at_most = 8;

}  // namespace

bool BackgroundFileBuffer::open(const std::string& path) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd_ < 0) return false;
  pending_.reserve(block_size);
  thread_ = std::thread([this] { write_blocks(); });
  return true;
}

BackgroundFileBuffer::~BackgroundFileBuffer() {
  if (fd_ < 0) return;
  sync();
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
  ::close(fd_);
}

std::streamsize BackgroundFileBuffer::xsputn(const char* bytes, std::streamsize count) {
  if (fd_ < 0) return 0;
  pending_.append(bytes, static_cast<std::size_t>(count));
  if (pending_.size() >= block_size) hand_over();
  return count;
}

int BackgroundFileBuffer::overflow(int c) {
  if (fd_ < 0) return traits_type::eof();
  if (c != traits_type::eof()) {
    pending_.push_back(static_cast<char>(c));
    if (pending_.size() >= block_size) hand_over();
  }
  return traits_type::not_eof(c);
}

void BackgroundFileBuffer::hand_over() {
  std::string block;
  block.reserve(block_size);
  block.swap(pending_);
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return queue_.size() < queued_at_most; });
  queue_.push_back(std::move(block));
  changed_.notify_all();
}

int BackgroundFileBuffer::sync() {
  if (fd_ < 0) return -1;
  if (!pending_.empty()) hand_over();
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return queue_.empty() && !writing_; });
  return failed_ ? -1 : 0;
}

void BackgroundFileBuffer::write_blocks() {
  for (;;) {
    std::string block;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      block = std::move(queue_.front());
      queue_.pop_front();
      writing_ = true;
    }
    changed_.notify_all();  // room in the queue
    bool ok = true;
    for (std::size_t done = 0; ok && done < block.size();) {
      const ssize_t n = ::write(fd_, block.data() + done, block.size() - done);
      if (n > 0)
        done += static_cast<std::size_t>(n);
      else if (n < 0 && errno == EINTR)
        continue;
      else
        ok = false;
    }
    {
      std::lock_guard lock(mutex_);
      writing_ = false;
      if (!ok) failed_ = true;
    }
    changed_.notify_all();
  }
}
