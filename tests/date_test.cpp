// Dates: validation of text and conversion to and from day numbers.
#include <duly/date.hpp>

#include <catch2/catch.hpp>

using namespace duly;

TEST_CASE("ISO dates are validated", "[date]") {
  CHECK(parse_iso_date("2024-02-29").has_value());
  CHECK_FALSE(parse_iso_date("2023-02-29").has_value());
  CHECK_FALSE(parse_iso_date("2019-02-30").has_value());
  CHECK_FALSE(parse_iso_date("2024-2-01").has_value());
  CHECK_FALSE(parse_iso_date("2024-13-01").has_value());
  CHECK_FALSE(parse_iso_date("2024-01-0x").has_value());
  CHECK(to_iso_string(*parse_iso_date("1970-01-01")) == "1970-01-01");
  CHECK(parse_iso_date("1970-01-02")->days == 1);
  CHECK(to_iso_string(*parse_iso_date("2100-12-31")) == "2100-12-31");
  // A due date computed past the last date data may hold still prints (no Boost range error).
  CHECK(to_iso_string(*parse_iso_date("9999-12-31") + 24) == "10000-01-24");
}

TEST_CASE("UK dates are DD/MM/YYYY", "[date]") {
  CHECK(to_iso_string(*parse_uk_date("31/03/2024")) == "2024-03-31");
  CHECK(to_iso_string(*parse_uk_date("1/3/2024")) == "2024-03-01");
  CHECK_FALSE(parse_uk_date("30/02/2024").has_value());
  CHECK_FALSE(parse_uk_date("2024-03-01").has_value());
}

TEST_CASE("Day of week counts Monday as 0", "[date]") {
  CHECK(day_of_week(*parse_iso_date("2024-03-04")) == 0);  // a Monday
  CHECK(day_of_week(*parse_iso_date("2024-03-10")) == 6);  // a Sunday
  CHECK(day_of_week(*parse_iso_date("1969-12-31")) == 2);  // a Wednesday, before the epoch
}
