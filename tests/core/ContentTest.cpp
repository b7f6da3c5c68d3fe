// The shipped break content, and the loader's checks on content users write.
#include "core/ContentLoader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <doctest/doctest.h>

using namespace deskbreak::core;
using namespace std::chrono_literals;

namespace {
const QString kAssets = QStringLiteral(DESKBREAK_SOURCE_DIR "/assets");

struct Loaded {
    Content content;
    Diagnostics problems;
};

Loaded load(const QString& userDir = {})
{
    Loaded l;
    l.content = loadContent(kAssets, userDir, l.problems);
    return l;
}

QString joined(const Diagnostics& d)
{
    QStringList lines;
    for (const auto& x : d)
        lines.append(x.toString());
    return lines.join('\n');
}

void write(const QString& path, const QByteArray& text)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(text);
}

const RoutineStep* stepOf(const Routine& r, const QString& exercise)
{
    for (const RoutineStep& s : r.steps)
        if (s.exerciseId == exercise)
            return &s;
    return nullptr;
}
} // namespace

TEST_CASE("the shipped content loads without a single problem")
{
    const Loaded l = load();
    CHECK_MESSAGE(l.problems.isEmpty(), joined(l.problems).toStdString());
    CHECK(l.content.exercises.size() >= 30);
    for (const char* name :
         {"desk-break", "neck-posture", "upper-back", "morning", "evening", "standing"})
        CHECK_MESSAGE(l.content.routines.contains(name), name);
}

TEST_CASE("every exercise is complete and has a drawable illustration")
{
    const Loaded l = load();
    for (const Exercise& e : l.content.exercises) {
        CAPTURE(e.id.toStdString());
        CHECK(e.steps.size() >= 2);
        CHECK(e.steps.size() <= 5);
        CHECK_FALSE(e.tip.isEmpty());
        CHECK((e.holdSeconds > 0 || e.reps > 0));
        CHECK(e.illustration.endsWith(e.id + ".svg"));
        QFile svg(e.illustration);
        REQUIRE(svg.open(QIODevice::ReadOnly));
        const QByteArray text = svg.readAll();
        CHECK(text.contains("viewBox=\"0 0 240 240\""));
        // Qt SVG renders SVG Tiny: nothing it would silently drop.
        for (const char* unsupported : {"<style", "<text", "marker", "filter", "<mask", "class="})
            CHECK_MESSAGE(!text.contains(unsupported), unsupported);
    }
}

TEST_CASE("desk-break is the sources' 3-minute sequence, with no floor work")
{
    const Loaded l = load();
    const Routine& r = l.content.routines["desk-break"];
    const auto total = l.content.totalDuration(r);
    CHECK(total >= 175s);
    CHECK(total <= 185s);
    REQUIRE(stepOf(r, "seated-twist-chair"));
    CHECK(stepOf(r, "seated-twist-chair")->duration == 20s);
    CHECK(l.content.exercise("seated-twist-chair")->sides);
    REQUIRE(stepOf(r, "forward-fold"));
    CHECK(stepOf(r, "forward-fold")->duration == 30s);
    REQUIRE(stepOf(r, "wall-dog"));
    CHECK(stepOf(r, "wall-dog")->duration == 30s);
    for (const RoutineStep& s : r.steps)
        if (!s.exerciseId.isEmpty())
            CHECK(l.content.exercise(s.exerciseId)->position != "floor");
}

TEST_CASE("the other routines keep the sources' lengths and holds")
{
    const Loaded l = load();
    const auto& routines = l.content.routines;
    const auto morning = l.content.totalDuration(routines["morning"]);
    CHECK(morning >= 290s);
    CHECK(morning <= 310s);
    const auto evening = l.content.totalDuration(routines["evening"]);
    CHECK(evening >= 10min);
    CHECK(evening <= 15min);
    CHECK(stepOf(routines["evening"], "supine-twist")->duration == 60s);
    CHECK(stepOf(routines["evening"], "childs-pose")->duration == 60s);
    CHECK(stepOf(routines["morning"], "childs-pose")->duration == 45s);
    CHECK(stepOf(routines["morning"], "thread-the-needle")->duration == 30s);
    for (const char* name : {"neck-posture", "upper-back"})
        for (const RoutineStep& s : routines[name].steps)
            if (!s.exerciseId.isEmpty())
                CHECK(l.content.exercise(s.exerciseId)->position != "floor");
}

TEST_CASE("the catalogue keeps the sources' holds and reps")
{
    const Loaded l = load();
    const QList<std::tuple<const char*, int, int>> facts = {
        // id, hold seconds, reps (from the source articles)
        {"thread-the-needle", 30, 0}, {"bear-hug", 30, 0},      {"eagle-arms", 30, 0},
        {"wall-dog", 30, 0},          {"supine-twist", 60, 0},  {"seated-twist-chair", 20, 0},
        {"bow-pose", 15, 0},          {"knee-to-chest", 20, 0}, {"neck-rotation", 30, 2},
        {"cat-cow", 0, 10},           {"chin-tuck", 3, 10},     {"wall-angels", 0, 10},
    };
    for (const auto& fact : facts) {
        // Not a structured binding: clang 14 cannot capture those in CAPTURE's lambda.
        const auto& [id, hold, reps] = fact;
        CAPTURE(std::get<0>(fact));
        const Exercise* e = l.content.exercise(id);
        REQUIRE(e);
        CHECK(e->holdSeconds == hold);
        CHECK(e->reps == reps);
    }
    int floor = 0, desk = 0;
    for (const Exercise& e : l.content.exercises)
        (e.position == "floor" ? floor : desk)++;
    CHECK(desk >= 12);
    CHECK(floor >= 12);
}

TEST_CASE("the safety guidance and red flags are there")
{
    const Loaded l = load();
    CHECK(l.content.safety.rules.size() >= 4);
    CHECK(l.content.safety.redFlags.size() >= 5);
    CHECK(l.content.safety.rules.join(' ').contains("sharp pain"));
}

TEST_CASE("user routines load, may replace a shipped one, and report errors by position")
{
    QTemporaryDir dir;
    const QString user = dir.filePath("routines");
    write(user + "/quick.toml", R"(name = "quick"
title = "Quick"
[[step]]
exercise = "chin-tuck"
seconds = 30
)");
    write(user + "/desk-break.toml", R"(name = "desk-break"
title = "My desk break"
[[step]]
exercise = "wall-dog"
seconds = 30
)");
    write(user + "/broken.toml", R"(name = "broken"
title = "Broken"
[[step]]
exercise = "flying-kick"
seconds = 0
)");
    const Loaded l = load(user);
    CHECK(l.content.routines["quick"].user);
    CHECK(l.content.routines["desk-break"].title == "My desk break");
    CHECK_FALSE(l.content.routines.contains("broken"));
    REQUIRE(l.problems.size() == 2);
    CHECK(l.problems[0].toString() == user + "/broken.toml:4:12: unknown exercise \"flying-kick\"");
    CHECK(l.problems[1].toString() ==
          user + "/broken.toml:5:11: seconds must be between 1 and 3600");
}

TEST_CASE("a broken exercise file is reported, field by field")
{
    QTemporaryDir dir;
    QDir(kAssets).entryList();
    write(dir.filePath("exercises.toml"), R"([[exercise]]
id = "Bad Id"
name = "x"
region = "knees"
position = "floor"
sides = "yes"
hold_seconds = 10
reps = 0
steps = ["only one"]
tip = "t"
cautions = []
illustration = "missing.svg"
source = "000"
)");
    Diagnostics problems;
    loadContent(dir.path(), {}, problems);
    QStringList lines;
    for (const auto& d : problems)
        lines.append(d.toString().mid(dir.path().size() + 1));
    CHECK(lines.contains("exercises.toml:4:10: region \"knees\" is not one of: neck, upper-back, "
                         "mid-back, lower-back, full-back, hips"));
    CHECK(lines.contains("exercises.toml:6:9: 'sides' must be true or false, not a string"));
    CHECK(
        lines.contains("exercises.toml:2:6: id \"Bad Id\" must be lower-case words joined by '-'"));
    CHECK(lines.contains("exercises.toml:9:9: steps must list 2 to 5 instructions, not 1"));
    CHECK(lines.contains(
        "exercises.toml:12:16: illustration \"missing.svg\" does not exist in illustrations/"));
    CHECK(lines.contains("safety.toml:1:1: no such file"));
}

TEST_CASE("a hold or rep count past 32 bits is out of range, not wrapped into range")
{
    const QByteArray exercise = R"([[exercise]]
id = "wrap"
name = "Wrap"
region = "neck"
position = "chair"
sides = false
hold_seconds = 4294967326
reps = 0
steps = ["one", "two"]
tip = "t"
cautions = []
illustration = ""
source = "000"
)";
    Content content;
    Diagnostics problems;
    parseExercises(exercise, "exercises.toml", kAssets, content, problems);
    CHECK(content.exercises.isEmpty());
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].toString().contains("hold_seconds must be at most 3600"));
}

TEST_CASE("a routine parses from text as from its file")
{
    const Loaded shipped = load();
    Diagnostics problems;
    const auto routine =
        parseRoutine("name = \"quick\"\ntitle = \"Quick\"\nswitch_seconds = 9223372036854775807\n"
                     "[[step]]\nexercise = \"chin-tuck\"\nseconds = 40\n",
                     "/x/quick.toml", shipped.content, problems);
    CHECK_FALSE(routine);
    CHECK(joined(problems) == "/x/quick.toml:3:18: switch_seconds must be 0 to 60");
}
