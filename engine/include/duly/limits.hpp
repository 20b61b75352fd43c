// The limits of what duly reads, each refused with a message that names it rather than met by
// running out of memory or time (docs/cli.md, "Limits"). They are far beyond any real policy or
// export: a file that reaches one is almost always the wrong file.
#pragma once

#include <cstddef>
#include <cstdint>

namespace duly {

// A policy file (each file of a policy, includes too): its size, and its longest line.
inline constexpr std::uintmax_t max_policy_file_bytes = 16u << 20;  // 16 MiB
inline constexpr std::size_t max_policy_line_length = 10'000;       // bytes
// Includes within includes: a chain deeper than this is refused (a cycle is found sooner).
inline constexpr std::size_t max_include_depth = 32;
// The errors one load keeps: after these, one more says how many were not kept.
inline constexpr std::size_t max_policy_errors = 1'000;
// One row of a CSV or JSON Lines file (all its physical lines, for a quoted multi-line cell):
// a longer one is a bad row, as is everything an unclosed quote swallows past it.
inline constexpr std::size_t max_row_bytes = 16u << 20;  // 16 MiB

// A summary grouped by a period (`--by month`) lists every period from the first due date to the
// last, empty ones too, up to this many; over a longer range (a mistyped year among real
// dates) only the periods with obligations are listed, and the table says so.
inline constexpr std::size_t max_filled_periods = 400;

}  // namespace duly
