// The `--by` keys that are periods of the calendar rather than columns of the cases file
// (private to the reports): `month` (2024-03), `week` (the ISO week, 2024-W13, Monday to Sunday)
// and `financial_year` (2023-24: April to March, as authorities and the DfE returns report).
// A row's period is that of its due date (an indicator instance's: its start).
#pragma once

#include <duly/date.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace duly::reports {

enum class TimeKey { month, week, financial_year };

std::optional<TimeKey> time_key_of(std::string_view key);

// The period holding `date`, as the reports print it.
std::string time_label(TimeKey key, Date date);

// The first day of the period after the one holding `date`: stepping through a range of
// periods, so that a summary can list the empty ones too.
Date next_period(TimeKey key, Date date);

}  // namespace duly::reports
