// Rep pacing and the cue plan, on simulated routine time: which cues a break plays, when,
// what the voice says, and that a skip plays one cue, not a burst.
#include "core/CuePlan.h"

#include "core/ConfigParser.h"

#include <doctest/doctest.h>

using namespace deskbreak::core;
using namespace std::chrono_literals;
using std::chrono::milliseconds;

namespace {

// Get ready 2 s, a two-sided twist 3 s a side with a 2 s switch, then 10 reps in 5 s,
// and a held fold of 90 s: cues at 0 (start), 2, 5 (switch), 7, 10, 10.5 ... 14.5 (reps), 15
// and 105 (end).
Content sampleContent()
{
    Content c;
    Exercise twist;
    twist.id = "twist";
    twist.name = "Seated twist";
    twist.sides = true;
    twist.holdSeconds = 20;
    Exercise tuck;
    tuck.id = "tuck";
    tuck.name = "Chin tuck";
    tuck.reps = 10;
    Exercise fold;
    fold.id = "fold";
    fold.name = "Forward fold";
    fold.holdSeconds = 30;
    c.exercises = {twist, tuck, fold};
    Routine r;
    r.name = "sample";
    r.switchDuration = 2s;
    r.steps = {{"", "Sit tall", "Feet flat on the floor.", 2s},
               {"twist", "", "", 3s},
               {"tuck", "", "", 5s},
               {"fold", "", "", 90s}};
    c.routines.insert(r.name, r);
    return c;
}

QList<milliseconds> times(const QList<Cue>& cues)
{
    QList<milliseconds> t;
    for (const Cue& c : cues)
        t.append(c.at);
    return t;
}

QList<CueKind> kinds(const QList<Cue>& cues)
{
    QList<CueKind> k;
    for (const Cue& c : cues)
        k.append(c.kind);
    return k;
}

// Runs the routine from 0 to its end in steps of `tick`, as the window's timer would, and
// collects every cue played.
QList<Cue> playThrough(const CuePlan& plan, milliseconds total, milliseconds tick)
{
    QList<Cue> played = plan.crossed(-1ms, 0ms);
    for (milliseconds t = 0ms; t < total;) {
        const milliseconds next = std::min(t + tick, total);
        played += plan.crossed(t, next);
        t = next;
    }
    return played;
}

} // namespace

TEST_CASE("a rep exercise shares its segment evenly among its reps")
{
    const Content c = sampleContent();
    const RoutinePlayer player(c.routines["sample"], c);
    REQUIRE(player.segments().size() == 6);
    const int tuck = 4; // get ready, right, switch, left, tuck, fold
    REQUIRE(player.segments()[tuck].exercise->id == "tuck");
    CHECK(player.repsIn(tuck) == 10);
    CHECK(player.repsIn(0) == 0); // get ready
    CHECK(player.repsIn(1) == 0); // a held exercise
    CHECK(player.repsIn(2) == 0); // the switch

    for (int rep = 1; rep <= 10; ++rep)
        CHECK(player.repStart(tuck, rep) == 10s + (rep - 1) * 500ms);

    auto p = player.at(10s);
    CHECK(p.rep == 1);
    CHECK(p.reps == 10);
    p = player.at(11'499ms);
    CHECK(p.rep == 3);
    p = player.at(11'500ms);
    CHECK(p.rep == 4);
    p = player.at(14'999ms);
    CHECK(p.rep == 10);

    p = player.at(1s); // not a rep segment: no count
    CHECK(p.rep == 0);
    CHECK(p.reps == 0);
    p = player.at(20s);
    CHECK(p.rep == 0);
}

TEST_CASE("reps that do not divide the time evenly start where at() counts them")
{
    Content c = sampleContent();
    c.exercises[1].reps = 3; // 5 s in three reps: 0, 1.667, 3.334 s
    const RoutinePlayer player(c.routines["sample"], c);
    const int tuck = 4;
    CHECK(player.repStart(tuck, 2) == 11'667ms);
    CHECK(player.repStart(tuck, 3) == 13'334ms);
    for (int rep = 2; rep <= 3; ++rep) {
        const milliseconds start = player.repStart(tuck, rep);
        CHECK(player.at(start - 1ms).rep == rep - 1);
        CHECK(player.at(start).rep == rep);
    }
}

TEST_CASE("the plan: start, a step at each later segment, a switch, each rep after the first, "
          "the end")
{
    const Content c = sampleContent();
    const RoutinePlayer player(c.routines["sample"], c);
    const CuePlan plan(player);
    QList<milliseconds> expectedTimes{0s, 2s, 5s, 7s, 10s};
    QList<CueKind> expectedKinds{CueKind::Start, CueKind::Step, CueKind::SwitchSides, CueKind::Step,
                                 CueKind::Step};
    for (int rep = 2; rep <= 10; ++rep) {
        expectedTimes.append(10s + (rep - 1) * 500ms);
        expectedKinds.append(CueKind::Rep);
    }
    expectedTimes += {15s, 105s};
    expectedKinds += {CueKind::Step, CueKind::End};
    CHECK(times(plan.cues()) == expectedTimes);
    CHECK(kinds(plan.cues()) == expectedKinds);
    CHECK(plan.cues().constLast().at == player.total());
    CHECK(plan.cues()[5].rep == 2);
    CHECK(plan.cues()[13].rep == 10);
}

TEST_CASE("the voice names the step, the side and the hold")
{
    const Content c = sampleContent();
    const RoutinePlayer player(c.routines["sample"], c);
    const CuePlan plan(player);
    const auto& cues = plan.cues();
    CHECK(cues[0].words == "Sit tall. Next: Seated twist.");
    // The side's hold is the routine's time for it, not the catalogue's.
    CHECK(cues[1].words == "Seated twist, right side. Hold 3 seconds.");
    CHECK(cues[2].words == "Switch sides.");
    CHECK(cues[3].words == "Seated twist, left side. Hold 3 seconds.");
    CHECK(cues[4].words == "Chin tuck. 10 slow reps.");
    CHECK(cues[5].words == "2");
    CHECK(cues[14].words == "Forward fold. Hold 1 minute 30 seconds.");
    CHECK_FALSE(cues.constLast().words.isEmpty());

    Content held = sampleContent();
    held.exercises[1].holdSeconds = 5; // "hold 5 s, 10 times"
    const RoutinePlayer heldPlayer(held.routines["sample"], held);
    CHECK(spokenStep(heldPlayer, 4) == "Chin tuck. 10 times, holding 5 seconds each.");
    // A get-ready step names what follows only when an exercise does.
    Content closing = sampleContent();
    closing.routines["sample"].steps.append({"", "Shake it out", "Arms loose.", 10s});
    const RoutinePlayer closingPlayer(closing.routines["sample"], closing);
    CHECK(spokenStep(closingPlayer, 6) == "Shake it out.");

    held.exercises[1].holdSeconds = 0;
    held.exercises[1].reps = 1;
    const RoutinePlayer onePlayer(held.routines["sample"], held);
    CHECK(spokenStep(onePlayer, 4) == "Chin tuck. 1 slow rep.");
}

TEST_CASE("spoken durations")
{
    CHECK(spokenDuration(1s) == "1 second");
    CHECK(spokenDuration(20s) == "20 seconds");
    CHECK(spokenDuration(60s) == "1 minute");
    CHECK(spokenDuration(120s) == "2 minutes");
    CHECK(spokenDuration(61s) == "1 minute 1 second");
}

TEST_CASE("played tick by tick, every cue comes once, at the first tick at or after it")
{
    const Content c = sampleContent();
    const RoutinePlayer player(c.routines["sample"], c);
    const CuePlan plan(player);
    for (const milliseconds tick : {200ms, 250ms, 333ms, 1000ms}) {
        CAPTURE(tick.count());
        const QList<Cue> played = playThrough(plan, player.total(), tick);
        CHECK(played == plan.cues());
    }
    // Where a cue falls between two ticks, the later one plays it, never the earlier.
    CHECK(kinds(plan.crossed(1'900ms, 2'100ms)) == QList<CueKind>{CueKind::Step});
    CHECK(plan.crossed(1'800ms, 1'999ms).isEmpty());
    CHECK(plan.crossed(2'000ms, 2'200ms).isEmpty()); // played already, at exactly 2 s
    // Standing still (a pause) plays nothing, and time never runs backwards into a cue.
    CHECK(plan.crossed(2'000ms, 2'000ms).isEmpty());
    CHECK(plan.crossed(2'100ms, 1'900ms).isEmpty());
}

TEST_CASE("a skip plays the cue of the segment landed on, not those jumped over")
{
    const Content c = sampleContent();
    const RoutinePlayer player(c.routines["sample"], c);
    const CuePlan plan(player);

    // Right at the start of the reps, skip to the fold: nine reps jumped, one step cue.
    auto due = plan.crossed(10'100ms, player.nextSegmentStart(10'100ms));
    REQUIRE(due.size() == 1);
    CHECK(due[0].kind == CueKind::Step);
    CHECK(due[0].segment == 5);
    CHECK(due[0].words == "Forward fold. Hold 1 minute 30 seconds.");

    // From the get-ready step over three segments at once: only the one landed in, if its
    // start was crossed.
    due = plan.crossed(1s, 7'500ms);
    REQUIRE(due.size() == 1);
    CHECK(due[0].at == 7s);

    // Skipping the last step lands on the end: the end cue alone.
    due = plan.crossed(20s, player.total());
    REQUIRE(due.size() == 1);
    CHECK(due[0].kind == CueKind::End);

    // A jump inside one segment (e.g. after a stall) crosses no segment start: nothing.
    CHECK(plan.crossed(20s, 40s).isEmpty());
    // A jump that lands between reps gives the segment's start, not a rep.
    due = plan.crossed(8s, 12'200ms);
    REQUIRE(due.size() == 1);
    CHECK(due[0].at == 10s);

    // Just over the jump limit is a jump; at the limit it is still a tick.
    CHECK(plan.crossed(9'600ms, 9'600ms + CuePlan::kJump).size() == 2); // 10 s and 10.5 s
    CHECK(plan.crossed(9'599ms, 9'600ms + CuePlan::kJump).size() == 1);
}

TEST_CASE("an empty routine has no cues")
{
    Content c;
    Routine r;
    r.name = "empty";
    const RoutinePlayer player(r, c);
    const CuePlan plan(player);
    CHECK(plan.cues().isEmpty());
    CHECK(plan.crossed(-1ms, 5s).isEmpty());
}

TEST_CASE("[break] voice: off unless asked for, and check-config rejects a non-boolean")
{
    CHECK_FALSE(parseConfig("", "empty.toml").settings.breaks.voice);
    const ConfigResult on = parseConfig("[break]\nsound = false\nvoice = true\n", "on.toml");
    CHECK(on.ok());
    CHECK(on.settings.breaks.voice);
    CHECK_FALSE(on.settings.breaks.sound);

    const ConfigResult wrong = parseConfig("[break]\nvoice = \"yes\"\n", "wrong.toml");
    CHECK_FALSE(wrong.ok());
    REQUIRE(wrong.diagnostics.size() == 1);
    CHECK(wrong.diagnostics[0].toString() ==
          "wrong.toml:2:9: break.voice must be true or false, not a string");
    CHECK_FALSE(wrong.settings.breaks.voice); // the default stands
}
