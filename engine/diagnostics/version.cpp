// The library's own version, compiled in, for duly::version() (duly/version.hpp).
#include <duly/version.hpp>

namespace duly {

const char* version() { return DULY_VERSION; }

}  // namespace duly
