// The loader's rules for holds per rep, side placeholders and get-ready pictures, on
// content written here (so they do not change with the shipped files).
#include "core/ContentLoader.h"

#include <doctest/doctest.h>

using namespace deskbreak::core;
using namespace std::chrono_literals;

namespace {

const QString kAssets = QStringLiteral(DESKBREAK_SOURCE_DIR "/assets");

// One [[exercise]]; `sides`, `dose` (the hold_seconds and reps lines) and `steps` vary.
// Line 9 is the steps, line 10 the tip.
QByteArray exercise(const char* id, bool sides, const char* dose, const char* steps,
                    const char* tip = "Go slowly.")
{
    return QStringLiteral("[[exercise]]\nid = \"%1\"\nname = \"N\"\nregion = \"upper-back\"\n"
                          "position = \"chair\"\nsides = %2\n%3\nsteps = %4\ntip = \"%5\"\n"
                          "cautions = []\nillustration = \"\"\nsource = \"002\"\n")
        .arg(QLatin1String(id), sides ? QStringLiteral("true") : QStringLiteral("false"),
             QLatin1String(dose), QLatin1String(steps), QLatin1String(tip))
        .toUtf8();
}

// The diagnostics as printed, one a line (a std::string, so that a failure shows it).
std::string lines(const Diagnostics& d)
{
    QStringList out;
    for (const Diagnostic& x : d)
        out.append(x.toString());
    return out.join(u'\n').toStdString();
}

// A catalogue of two exercises: "press" (sided, 10 reps of 5 s) and "roll" (one 30 s hold).
Content catalogue()
{
    Content c;
    Diagnostics problems;
    parseExercises(
        exercise("press", true, "hold_seconds = 5\nreps = 10",
                 R"(["Lean on the {side} arm.", "Press the {other} hand down."])") +
            exercise("roll", false, "hold_seconds = 30\nreps = 0", R"(["Roll back.", "Breathe."])"),
        QStringLiteral("exercises.toml"), kAssets, c, problems);
    REQUIRE_MESSAGE(problems.isEmpty(), lines(problems));
    REQUIRE(c.exercises.size() == 2);
    c.illustrationsDir = kAssets + QStringLiteral("/illustrations");
    return c;
}

std::optional<Routine> routine(const QByteArray& steps, const Content& c, Diagnostics& problems)
{
    return parseRoutine("name = \"quick\"\ntitle = \"Quick\"\n" + steps,
                        QStringLiteral("/x/quick.toml"), c, problems);
}

} // namespace

TEST_CASE("an exercise may hold each rep: reps and hold_seconds both above 0")
{
    const Content c = catalogue();
    CHECK(c.exercises[0].reps == 10);
    CHECK(c.exercises[0].holdSeconds == 5);
    CHECK(c.exercises[1].reps == 0);
    CHECK(c.exercises[1].holdSeconds == 30);

    Content none;
    Diagnostics problems;
    parseExercises(exercise("idle", false, "hold_seconds = 0\nreps = 0", R"(["a", "b"])"),
                   QStringLiteral("exercises.toml"), kAssets, none, problems);
    CHECK(none.exercises.isEmpty());
    CHECK(lines(problems) ==
          std::string("exercises.toml:1:1: exercise \"idle\" needs hold_seconds or reps above 0 "
                      "(and neither below 0)"));
}

TEST_CASE("a step too short for its reps of a hold is an error at its seconds")
{
    const Content c = catalogue();
    Diagnostics problems;
    CHECK_FALSE(routine("[[step]]\nexercise = \"press\"\nseconds = 49\n", c, problems));
    CHECK(lines(problems) == std::string("/x/quick.toml:5:11: seconds = 49 is too short for 10 "
                                         "reps of 5 s (\"press\" needs at least 50 per side)"));

    problems.clear();
    const auto enough = routine("[[step]]\nexercise = \"press\"\nseconds = 50\n", c, problems);
    CHECK(problems.isEmpty());
    REQUIRE(enough);
    CHECK(enough->steps[0].duration == 50s);
    // A plain hold may be given less than the catalogue's time (the sources differ).
    CHECK(routine("[[step]]\nexercise = \"roll\"\nseconds = 20\n", c, problems));
    CHECK(problems.isEmpty());
}

TEST_CASE("side placeholders: only {side} and {other}, only in a sided exercise's steps")
{
    Content c;
    Diagnostics problems;
    parseExercises(exercise("typo", true, "hold_seconds = 20\nreps = 0",
                            R"(["Lift the {sied} arm.", "Lower it."])") +
                       exercise("flat", false, "hold_seconds = 20\nreps = 0",
                                R"(["Bend.", "Lift the {side} arm."])") +
                       exercise("tipped", true, "hold_seconds = 20\nreps = 0",
                                R"(["Lift the {side} arm.", "Lower it."])", "Mind the {other}."),
                   QStringLiteral("exercises.toml"), kAssets, c, problems);
    CHECK(c.exercises.isEmpty());
    CHECK(lines(problems) ==
          "exercises.toml:9:10: unknown placeholder {sied}; a sided exercise's steps may use "
          "{side} and {other}\n"
          "exercises.toml:22:19: {side} only works in the steps of an exercise with sides = true\n"
          "exercises.toml:36:7: {other} only works in the steps of an exercise with sides = true");
}

TEST_CASE("a get-ready step's picture: found, missing (a note, no picture) or not a file name")
{
    const Content c = catalogue();
    Diagnostics problems;
    const auto r = routine(R"([[step]]
title = "Get set"
text = "Sit tall."
illustration = "cat-cow.svg"
seconds = 10

[[step]]
title = "Then"
text = "Stand."
illustration = "not-drawn.svg"
seconds = 10
)",
                           c, problems);
    REQUIRE(r);
    CHECK(r->steps[0].illustration == kAssets + "/illustrations/cat-cow.svg");
    CHECK(r->steps[1].illustration.isEmpty());
    CHECK(lines(problems) ==
          std::string("/x/quick.toml:12:16: note: illustration \"not-drawn.svg\" does not exist in "
                      "illustrations/; the step shows no picture"));
    CHECK_FALSE(hasErrors(problems));

    problems.clear();
    CHECK_FALSE(routine("[[step]]\ntitle = \"t\"\ntext = \"x\"\nillustration = \"../up.svg\"\n"
                        "seconds = 10\n",
                        c, problems));
    CHECK(lines(problems) == std::string("/x/quick.toml:6:16: illustration \"../up.svg\" must be "
                                         "a file name in illustrations/ ending in .svg"));

    problems.clear();
    CHECK_FALSE(routine("[[step]]\nexercise = \"roll\"\nillustration = \"cat-cow.svg\"\n"
                        "seconds = 30\n",
                        c, problems));
    CHECK(lines(problems) == std::string("/x/quick.toml:3:1: an exercise step takes its title, "
                                         "text and picture from the exercise; remove "
                                         "title/text/illustration"));

    problems.clear();
    CHECK_FALSE(
        routine("[[step]]\ntitle = \"t\"\ntext = \"Turn {side}.\"\nseconds = 10\n", c, problems));
    CHECK(lines(problems) ==
          std::string("/x/quick.toml:5:8: {side} only works in the steps of an exercise with "
                      "sides = true"));
}
