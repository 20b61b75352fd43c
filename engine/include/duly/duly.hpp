// Every public header of duly, for a host program that wants the whole library with one
// include. The library itself never includes it; docs/embedding.md says what each header is for.
#pragma once

#include <duly/version.hpp>

// diagnostics: messages with a caret, and the logger a host hands in
#include <duly/diagnostic.hpp>
#include <duly/limits.hpp>
#include <duly/logging.hpp>
#include <duly/source_position.hpp>

// time: dates, working-day calendars, durations
#include <duly/calendar.hpp>
#include <duly/date.hpp>
#include <duly/duration.hpp>

// policy text: load and check it, or lay it out (`duly fmt`)
#include <duly/format.hpp>
#include <duly/load.hpp>
#include <duly/policy.hpp>

// case timelines and the readers that fill them
#include <duly/collected_timeline.hpp>
#include <duly/data_checks.hpp>
#include <duly/input_summary.hpp>
#include <duly/source_kinds.hpp>
#include <duly/sources.hpp>
#include <duly/timeline.hpp>
#include <duly/timeline_sink.hpp>

// evaluation and what it gives
#include <duly/evaluate.hpp>
#include <duly/indicator.hpp>
#include <duly/obligation.hpp>
#include <duly/parallel.hpp>

// reports, and the policy tests of `duly test`
#include <duly/explain.hpp>
#include <duly/policy_diff.hpp>
#include <duly/policy_test.hpp>
#include <duly/reminders.hpp>
#include <duly/report.hpp>
#include <duly/target_check.hpp>
#include <duly/timeline_csv.hpp>
