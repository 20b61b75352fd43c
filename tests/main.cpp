// The one main() of the test executable; each component's tests live in their own file.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
