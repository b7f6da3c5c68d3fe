#include "core/RoutinePlayer.h"

#include <doctest/doctest.h>

using namespace deskbreak::core;
using namespace std::chrono_literals;
using Kind = RoutinePlayer::Kind;
using Side = RoutinePlayer::Side;

namespace {
Content sampleContent()
{
    Content c;
    Exercise twist;
    twist.id = "twist";
    twist.name = "Twist";
    twist.sides = true;
    Exercise fold;
    fold.id = "fold";
    fold.name = "Fold";
    c.exercises = {twist, fold};
    Routine r;
    r.name = "sample";
    r.switchDuration = 5s;
    r.steps = {{"", "Sit tall", "Get ready.", 10s}, {"twist", "", "", 20s}, {"fold", "", "", 30s}};
    c.routines.insert(r.name, r);
    return c;
}
} // namespace

TEST_CASE("a routine expands into get-ready, each side with a switch between, and exercises")
{
    const Content c = sampleContent();
    const RoutinePlayer player(c.routines["sample"], c);
    const auto& s = player.segments();
    REQUIRE(s.size() == 5);
    CHECK(s[0].kind == Kind::GetReady);
    CHECK(s[1].kind == Kind::Exercise);
    CHECK(s[1].side == Side::Right);
    CHECK(s[2].kind == Kind::SwitchSides);
    CHECK(s[2].title == "Switch sides");
    CHECK(s[3].side == Side::Left);
    CHECK(s[4].exercise->id == "fold");
    CHECK(player.total() == 85s);
    CHECK(c.totalDuration(c.routines["sample"]) == 85s);
}

TEST_CASE("elapsed time maps to step, seconds left and progress")
{
    const Content c = sampleContent();
    const RoutinePlayer player(c.routines["sample"], c);
    auto p = player.at(0ms);
    CHECK(p.segment == 0);
    CHECK(p.left == 10s);
    CHECK(p.overallProgress == 0);

    p = player.at(15s); // 5 s into the right side
    CHECK(p.segment == 1);
    CHECK(p.left == 15s);
    CHECK(p.segmentProgress == doctest::Approx(0.25));
    CHECK(p.overallProgress == doctest::Approx(15.0 / 85));

    p = player.at(30s); // the switch
    CHECK(player.segments()[p.segment].kind == Kind::SwitchSides);
    CHECK(player.following(p.segment)->side == Side::Left);

    p = player.at(84999ms);
    CHECK(p.segment == 4);
    CHECK_FALSE(p.finished);
    CHECK(player.following(4) == nullptr);

    p = player.at(85s);
    CHECK(p.finished);
    CHECK(p.overallProgress == 1);
}

TEST_CASE("skipping a step jumps to the next segment's start")
{
    const Content c = sampleContent();
    const RoutinePlayer player(c.routines["sample"], c);
    CHECK(player.nextSegmentStart(3s) == 10s);
    CHECK(player.nextSegmentStart(10s) == 30s);
    CHECK(player.nextSegmentStart(80s) == 85s);
    CHECK(player.nextSegmentStart(100s) == 85s);
}
