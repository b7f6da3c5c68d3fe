#include "core/Duration.h"

#include <doctest/doctest.h>
#include <limits>

using namespace deskbreak::core;
using namespace std::chrono_literals;

TEST_CASE("durations with units parse to seconds")
{
    CHECK(parseDuration("45s").value == 45s);
    CHECK(parseDuration("10m").value == 600s);
    CHECK(parseDuration("1h30m").value == 5400s);
    CHECK(parseDuration("2h 15m 10s").value == 8110s);
    CHECK(parseDuration(" 20S ").value == 20s);
    CHECK(parseDuration("0s").value == 0s);
}

TEST_CASE("a bare number is refused with a hint to add a unit")
{
    const auto r = parseDuration("10");
    CHECK_FALSE(r.value);
    CHECK(r.error.contains("add one"));
    CHECK(r.error.contains("\"10m\""));
}

TEST_CASE("malformed durations are refused")
{
    for (const char* bad :
         {"", "m", "10x", "-5m", "1h1h", "5m3", "abc", "1.5h", "9999999999s", "400d"})
        CHECK_MESSAGE(!parseDuration(bad).value, bad);
    CHECK(parseDuration("-5m").error.contains("negative"));
    CHECK(parseDuration("9000h").error.contains("longer than a year"));
}

TEST_CASE("durations format for people and for the config file")
{
    CHECK(formatDuration(45s) == "45s");
    CHECK(formatDuration(600s) == "10m");
    CHECK(formatDuration(754s) == "12m 34s");
    CHECK(formatDuration(3900s) == "1h 05m");
    CHECK(formatConfigDuration(5400s) == "1h30m");
    CHECK(formatConfigDuration(0s) == "0s");
    for (const auto d : {1s, 59s, 61s, 3600s, 3661s, 86399s})
        CHECK(parseDuration(formatConfigDuration(d)).value == d);
}

TEST_CASE("formatting the extremes cannot overflow")
{
    using std::chrono::seconds;
    CHECK(formatDuration(seconds(std::numeric_limits<qint64>::min()))
              .startsWith("-2562047788015215h"));
    CHECK(formatDuration(seconds(std::numeric_limits<qint64>::max()))
              .startsWith("2562047788015215h"));
    CHECK(formatDuration(-61s) == "-1m 01s");
}
