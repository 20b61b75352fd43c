// A collected timeline written in duly's own formats (docs/cli.md, "Data in"), so that what is
// written reads back with read_events_file and read_cases_file to the same timeline.
#pragma once

#include <duly/collected_timeline.hpp>

#include <iosfwd>

namespace duly {

// case_id,event,date[,recorded], then every attribute name in the order first seen; one row
// per event in the collection's order (sort() it first for a Timeline's order). `recorded` is
// a column only when some event has that date.
void write_events_csv(const CollectedTimeline& timeline, std::ostream& out);

// case_id,date_of_birth, then every case attribute in the order first seen; one row per case.
void write_cases_csv(const CollectedTimeline& timeline, std::ostream& out);

}  // namespace duly
