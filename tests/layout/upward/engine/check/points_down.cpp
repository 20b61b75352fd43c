// A file of the checking stage including time: allowed.
#include <duly/calendar.hpp>
