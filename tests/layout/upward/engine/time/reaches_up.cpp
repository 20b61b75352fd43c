// A file of the time stage that reaches up into the checker: include_order.cmake must refuse it.
#include <duly/policy.hpp>
