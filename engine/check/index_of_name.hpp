// Finding a declared name's index in a list of declarations, for the checker's vocabulary and
// the finished Policy alike: the lists are short (tens of names) and searched only at load and
// by readers, so a scan is simplest.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace duly::check {

template <class Items, class NameOf>
std::optional<std::uint16_t> index_of_name(const Items& items, std::string_view name,
                                           NameOf name_of) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (name_of(items[i]) == name) return static_cast<std::uint16_t>(i);
  return std::nullopt;
}

}  // namespace duly::check
