// The shipped catalogue and routines against the source articles (../shared/seeds in the
// project's notes: 000..003). The table below is what each source says about each
// exercise, read from the articles; the catalogue's numbers must be the ones pinned here
// and inside the source's range, and the routines must give each step the time it needs.
#include "core/ContentLoader.h"
#include "core/SidedText.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <doctest/doctest.h>

using namespace deskbreak::core;
using namespace std::chrono_literals;
using Side = RoutinePlayer::Side;

namespace {

struct SourceFact {
    const char* id;
    const char* source; // the article the numbers come from
    bool sides;
    int hold;    // what the catalogue ships: seconds per hold (per side), 0 for none
    int reps;    // and repetitions (per side), 0 for one hold
    int holdMin; // the source's range
    int holdMax;
    int repsMin;
    int repsMax;
    const char* says; // the source's numbers, in short
};

// clang-format off
const SourceFact kFacts[] = {
    // id                         src    sides  hold reps  hold range  reps range
    {"thread-the-needle",        "000", true,  30, 0,   30, 30,   0, 0,   "30 s, then the other side"},
    {"bear-hug",                 "000", false, 30, 0,   30, 30,   0, 0,   "30 s"},
    {"puppy-pose",               "000", false, 45, 0,   30, 60,   0, 0,   "30-60 s"},
    {"seated-twist-floor",       "000", true,  30, 0,   30, 30,   0, 0,   "30 s, then the other side"},
    {"seated-twist-chair",       "003", true,  20, 0,   20, 30,   0, 0,   "20-30 s per side (desk break: 20 s)"},
    {"supine-twist",             "000", true,  60, 0,   45, 60,   0, 0,   "45-60 s, then the other side"},
    {"eagle-arms",               "000", true,  30, 0,   30, 30,   0, 0,   "30 s, then the other arm on top"},
    {"seated-trunk-rotation",    "002", true,   0, 10,   0, 0,   10, 15,  "10-15 times on one side, then the other"},
    {"quadruped-rotation",       "002", true,   0, 10,   0, 0,   10, 10,  "10 times, then the other side"},
    {"side-lying-rotation",      "002", true,  30, 2,   30, 30,   2, 3,   "about 30 s each side, 2-3 times"},
    {"foam-roller-extension",    "002", false,  6, 10,   5, 10,  10, 10,  "the floor version of: hold 5-10 s, 10 times"},
    {"standing-cat-cow",         "003", false,  0, 5,    0, 0,    5, 10,  "5-10 slow cycles"},
    // 5-8 breaths, counted at 4-6 s a breath.
    {"cobra",                    "003", false, 30, 0,   20, 48,   0, 0,   "5-8 breaths"},
    {"kneeling-back-bend",       "003", true,  20, 0,   20, 30,   0, 0,   "20-30 s, then the other side"},
    // 001: 10 reps; 003: five movements.
    {"wall-angels",              "001", false,  0, 10,   0, 0,    5, 10,  "10 reps"},
    {"chair-thoracic-extension", "002", false,  6, 10,   5, 10,  10, 10,  "hold 5-10 s, 10 times"},
    // 002: up to 30 s, 2-3 times; 003: 30 s.
    {"chest-opener",             "002", false, 30, 2,   30, 30,   2, 3,   "hold up to 30 s, 2-3 times"},
    {"towel-arm-extension",      "002", false,  0, 10,   0, 0,   10, 15,  "10-15 times"},
    // One of the 2-3 sets the source gives.
    {"prone-w",                  "002", false,  3, 10,   2, 3,   10, 10,  "hold 2-3 s, 10 times, 2-3 sets"},
    {"foam-roller-iyt",          "002", false,  0, 10,   0, 0,   10, 10,  "the three shapes, 10 times"},
    {"chin-tuck",                "002", false,  3, 10,   2, 3,   10, 10,  "hold 2-3 s, 10 times"},
    {"neck-flexion-extension",   "002", false,  0, 10,   0, 0,    1, 10,  "alternate up to 10 times"},
    {"neck-rotation",            "002", true,  30, 2,   30, 60,   2, 3,   "hold 30-60 s, 2-3 times each side"},
    // 001: at least 30 s; 003: 1-2 min.
    {"childs-pose",              "000", false, 45, 0,   45, 60,   0, 0,   "45-60 s"},
    {"forward-fold",             "000", false, 30, 0,   30, 45,   0, 0,   "30-45 s"},
    {"downward-dog",             "000", false, 30, 0,   30, 45,   0, 0,   "30-45 s"},
    {"rag-doll",                 "000", false, 30, 0,   30, 45,   0, 0,   "30-45 s"},
    {"seated-forward-fold",      "001", false, 30, 2,   20, 30,   2, 2,   "20-30 s, twice"},
    {"knee-to-chest",            "001", true,  20, 0,   20, 20,   0, 0,   "20 s, then the other leg"},
    {"wall-dog",                 "000", false, 30, 0,   30, 30,   0, 0,   "30 s"},
    {"cat-cow",                  "000", false,  0, 10,   0, 0,   10, 15,  "10-15 reps (the routines: 10)"},
    {"bow-pose",                 "000", false, 15, 0,   15, 20,   0, 0,   "15-20 s"},
    {"hip-flexor-stretch",       "003", true,  20, 0,   20, 30,   0, 0,   "20-30 s per side"},
    // 001 gives no number: "a few reps" of each, in the morning; read here as 3 to 10.
    {"hip-circles",              "001", false,  0, 8,    0, 0,    3, 10,  "a few reps"},
    {"leg-swings",               "001", true,   0, 8,    0, 0,    3, 10,  "a few reps (each leg)"},
};
// clang-format on

const SourceFact* factFor(const QString& id)
{
    for (const SourceFact& f : kFacts)
        if (id == QLatin1String(f.id))
            return &f;
    return nullptr;
}

const Content& shipped()
{
    static const Content content = [] {
        Diagnostics problems; // checked by ContentTest
        return loadContent(QStringLiteral(DESKBREAK_SOURCE_DIR "/assets"), {}, problems);
    }();
    return content;
}

struct Planned {
    QString exercise;
    std::chrono::seconds seconds;
};

// A routine's exercise steps, in order.
QList<Planned> exerciseSteps(const Routine& r)
{
    QList<Planned> list;
    for (const RoutineStep& s : r.steps)
        if (!s.exerciseId.isEmpty())
            list.append({s.exerciseId, s.duration});
    return list;
}

bool operator==(const Planned& a, const Planned& b)
{
    return a.exercise == b.exercise && a.seconds == b.seconds;
}

doctest::String toString(const QList<Planned>& list)
{
    QStringList parts;
    for (const Planned& p : list)
        parts.append(QStringLiteral("%1 %2s").arg(p.exercise).arg(p.seconds.count()));
    return parts.join(QStringLiteral(", ")).toStdString().c_str();
}

} // namespace

TEST_CASE("the table itself: every pinned number lies in its source's range")
{
    for (const SourceFact& f : kFacts) {
        CAPTURE(f.id);
        CHECK(f.hold >= f.holdMin);
        CHECK(f.hold <= f.holdMax);
        CHECK(f.reps >= f.repsMin);
        CHECK(f.reps <= f.repsMax);
        CHECK((f.hold > 0 || f.reps > 0));
    }
}

TEST_CASE("every exercise in the catalogue is in the table, and every row is in the catalogue")
{
    const Content& c = shipped();
    for (const Exercise& e : c.exercises)
        CHECK_MESSAGE(factFor(e.id), e.id.toStdString() << " has no row in the sources' table");
    for (const SourceFact& f : kFacts)
        CHECK_MESSAGE(c.exercise(QString::fromLatin1(f.id)), f.id << " is not in the catalogue");
    CHECK(c.exercises.size() == qsizetype(std::size(kFacts)));
}

TEST_CASE("each exercise holds and repeats as its source says")
{
    for (const Exercise& e : shipped().exercises) {
        const SourceFact* f = factFor(e.id);
        if (!f)
            continue; // reported above
        CAPTURE(e.id.toStdString());
        CAPTURE(f->says);
        CHECK(e.source == QLatin1String(f->source));
        CHECK(e.sides == f->sides);
        CHECK(e.holdSeconds == f->hold);
        CHECK(e.reps == f->reps);
    }
}

TEST_CASE("the issue's drift stays fixed: holds per rep and repeats are kept")
{
    const Content& c = shipped();
    const auto dose = [&](const char* id) {
        const Exercise* e = c.exercise(QString::fromLatin1(id));
        REQUIRE(e);
        return std::pair{e->reps, e->holdSeconds};
    };
    CHECK(dose("chair-thoracic-extension").first == 10);
    CHECK(dose("chair-thoracic-extension").second >= 5);
    CHECK(dose("seated-forward-fold") == std::pair{2, 30});
    CHECK(dose("neck-rotation").first >= 2);
    CHECK(dose("chest-opener").first >= 2);
}

TEST_CASE("every routine step has the time its exercise needs, and no more than it can use")
{
    const Content& c = shipped();
    for (const Routine& r : c.routines) {
        for (const RoutineStep& s : r.steps) {
            if (s.exerciseId.isEmpty())
                continue;
            const Exercise* e = c.exercise(s.exerciseId);
            const SourceFact* f = factFor(s.exerciseId);
            REQUIRE(e);
            REQUIRE(f);
            CAPTURE(r.name.toStdString());
            CAPTURE(e->id.toStdString());
            const qint64 seconds = s.duration.count();
            if (e->reps == 0) {
                // A hold: as long as the source says (per side).
                CHECK(seconds >= f->holdMin);
                CHECK(seconds <= f->holdMax);
            } else if (e->holdSeconds > 0) {
                // Reps each held: every hold fits, with at most 5 s to move between them.
                CHECK(seconds >= qint64(e->reps) * e->holdSeconds);
                CHECK(seconds <= qint64(e->reps) * (e->holdSeconds + 5));
            } else {
                // Flowing reps: 2 to 10 s each, slow but not stalled.
                CHECK(seconds >= 2 * e->reps);
                CHECK(seconds <= 10 * e->reps);
            }
        }
    }
}

TEST_CASE("desk break: exactly 3 minutes, the source's seated twist, forward fold and wall dog")
{
    const Content& c = shipped();
    const Routine& r = c.routines.value(QStringLiteral("desk-break"));
    CHECK(c.totalDuration(r) == 180s);
    const QList<Planned> expected = {
        {QStringLiteral("seated-twist-chair"), 20s},
        {QStringLiteral("forward-fold"), 30s},
        {QStringLiteral("wall-dog"), 30s},
    };
    CHECK(exerciseSteps(r) == expected);
    CHECK(c.exercise(QStringLiteral("seated-twist-chair"))->sides); // 20 s each side
}

TEST_CASE("morning wake-up: 5 minutes of the source's four stretches")
{
    const Content& c = shipped();
    const Routine& r = c.routines.value(QStringLiteral("morning"));
    CHECK(c.totalDuration(r) == 5min);
    const QList<Planned> expected = {
        {QStringLiteral("cat-cow"), 60s}, // 10 slow reps
        {QStringLiteral("childs-pose"), 45s},
        {QStringLiteral("thread-the-needle"), 30s}, // each side
        {QStringLiteral("forward-fold"), 30s},
    };
    CHECK(exerciseSteps(r) == expected);
    CHECK(c.exercise(QStringLiteral("cat-cow"))->reps == 10);
}

TEST_CASE("evening unwind: 10 to 15 minutes of the source's nine stretches")
{
    const Content& c = shipped();
    const Routine& r = c.routines.value(QStringLiteral("evening"));
    CHECK(c.totalDuration(r) >= 10min);
    CHECK(c.totalDuration(r) <= 15min);
    const QList<Planned> expected = {
        {QStringLiteral("cat-cow"), 60s}, // 10 reps
        {QStringLiteral("thread-the-needle"), 30s}, {QStringLiteral("puppy-pose"), 45s},
        {QStringLiteral("eagle-arms"), 30s},        {QStringLiteral("seated-twist-floor"), 30s},
        {QStringLiteral("downward-dog"), 30s},      {QStringLiteral("forward-fold"), 30s},
        {QStringLiteral("supine-twist"), 60s},      {QStringLiteral("childs-pose"), 60s},
    };
    CHECK(exerciseSteps(r) == expected);
}

TEST_CASE("the standing routine has standing cat-cow and rag doll, and needs no floor or chair")
{
    const Content& c = shipped();
    REQUIRE(c.routines.contains(QStringLiteral("standing")));
    QStringList ids;
    for (const Planned& p : exerciseSteps(c.routines.value(QStringLiteral("standing")))) {
        ids.append(p.exercise);
        CHECK_MESSAGE(c.exercise(p.exercise)->position == "standing", p.exercise.toStdString());
    }
    CHECK(ids.contains("standing-cat-cow"));
    CHECK(ids.contains("rag-doll"));
    CHECK(ids.contains("hip-circles"));
    CHECK(ids.contains("leg-swings"));
}

TEST_CASE("the routines for the desk never go to the floor")
{
    const Content& c = shipped();
    for (const char* name : {"desk-break", "neck-posture", "upper-back", "standing"})
        for (const Planned& p : exerciseSteps(c.routines.value(QString::fromLatin1(name))))
            CHECK_MESSAGE(c.exercise(p.exercise)->position != "floor",
                          name << ": " << p.exercise.toStdString());
}

TEST_CASE("sided steps read right on every side, and the others name no side")
{
    static const QRegularExpression sideWord(QStringLiteral("\\b(right|left)\\b"));
    for (const Exercise& e : shipped().exercises) {
        CAPTURE(e.id.toStdString());
        bool placeholder = false;
        for (const QString& step : e.steps)
            placeholder = placeholder || !placeholdersIn(step).isEmpty();
        if (!e.sides) {
            CHECK_FALSE(placeholder);
            continue;
        }
        CHECK_MESSAGE(placeholder, "a sided exercise whose steps never say which side");
        // A literal side would be wrong on one of the two sides.
        CHECK_FALSE(e.steps.join(u' ').contains(sideWord));
        for (const Side side : {Side::Right, Side::Left, Side::None}) {
            const QString text = sidedText(e.steps, side).join(u' ');
            CAPTURE(text.toStdString());
            CHECK_FALSE(text.contains(u'{'));
            CHECK_FALSE(text.contains(u'}'));
            CHECK(text.contains(sideWord) == (side != Side::None));
        }
        CHECK(sidedText(e.steps, Side::Right) != sidedText(e.steps, Side::Left));
    }
}

TEST_CASE("get-ready steps show the four get-ready pictures, by absolute path")
{
    // The shipped files in a copy whose illustrations/ holds only stand-ins for the four
    // get-ready pictures, so this does not wait for them to be drawn.
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QDir assets(QStringLiteral(DESKBREAK_SOURCE_DIR "/assets"));
    const QDir copy(dir.path());
    REQUIRE(copy.mkpath(QStringLiteral("routines")));
    REQUIRE(copy.mkpath(QStringLiteral("illustrations")));
    for (const char* file : {"exercises.toml", "safety.toml"})
        REQUIRE(QFile::copy(assets.filePath(file), copy.filePath(file)));
    const QDir routines(assets.filePath(QStringLiteral("routines")));
    for (const QString& file : routines.entryList({QStringLiteral("*.toml")}, QDir::Files))
        REQUIRE(QFile::copy(routines.filePath(file),
                            copy.filePath(QStringLiteral("routines/") + file)));
    const QStringList pictures = {"sit-tall.svg", "stand-up.svg", "find-wall.svg", "shake-out.svg"};
    for (const QString& name : pictures) {
        QFile stub(copy.filePath(QStringLiteral("illustrations/") + name));
        REQUIRE(stub.open(QIODevice::WriteOnly));
        stub.write("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 240 240\"/>\n");
    }

    Diagnostics problems;
    const Content c = loadContent(dir.path(), {}, problems);
    for (const Diagnostic& d : problems)
        CHECK_MESSAGE(!d.file.contains(QStringLiteral("/routines/")), d.toString().toStdString());

    QMap<QString, QString> byTitle;
    for (const RoutineStep& s : c.routines.value(QStringLiteral("desk-break")).steps)
        if (s.exerciseId.isEmpty())
            byTitle.insert(s.title, s.illustration);
    const QString at = copy.filePath(QStringLiteral("illustrations/"));
    CHECK(byTitle.value("Sit tall") == at + "sit-tall.svg");
    CHECK(byTitle.value("Stand up") == at + "stand-up.svg");
    CHECK(byTitle.value("Find a wall") == at + "find-wall.svg");
    CHECK(byTitle.value("Shake it out") == at + "shake-out.svg");
    for (const Routine& r : c.routines)
        for (const RoutineStep& s : r.steps) {
            CHECK((s.exerciseId.isEmpty() || s.illustration.isEmpty()));
            if (!s.illustration.isEmpty())
                CHECK(pictures.contains(s.illustration.section(u'/', -1)));
        }
}
