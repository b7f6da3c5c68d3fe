// The deskbreak binary as a user runs it: no display, a private XDG home,
// checked by stdout, stderr and exit code.
#include "app/HistoryJournal.h"
#include "app/SqliteHistoryStore.h"
#include "core/ContentLoader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <doctest/doctest.h>

namespace {

struct Run {
    int code = -1;
    QString out;
    QString err;
};

class Cli {
public:
    Cli()
    {
        REQUIRE(m_home.isValid());
        m_env.insert("HOME", m_home.path());
        m_env.insert("XDG_CONFIG_HOME", m_home.filePath("config"));
        m_env.insert("XDG_DATA_HOME", m_home.filePath("data"));
        m_env.insert("XDG_STATE_HOME", m_home.filePath("state"));
        // A private runtime dir: no daemon of anyone else's answers here.
        const QString runtime = m_home.filePath("runtime");
        REQUIRE(QDir().mkpath(runtime));
        REQUIRE(
            QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        m_env.insert("XDG_RUNTIME_DIR", runtime);
        m_env.remove("DISPLAY");
        m_env.remove("WAYLAND_DISPLAY");
        m_env.remove("DESKBREAK_DATA_DIR");
    }

    Run run(const QStringList& args) const
    {
        QProcess p;
        p.setProcessEnvironment(m_env);
        p.start(QStringLiteral(DESKBREAK_BINARY), args);
        REQUIRE(p.waitForFinished(20000));
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

    QString write(const QString& name, const QByteArray& data) const
    {
        const QString path = m_home.filePath(name);
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(data);
        return path;
    }

    QString home() const { return m_home.path(); }
    void setEnv(const QString& name, const QString& value) { m_env.insert(name, value); }
    void unsetEnv(const QString& name) { m_env.remove(name); }

private:
    QTemporaryDir m_home;
    QProcessEnvironment m_env = QProcessEnvironment::systemEnvironment();
};

} // namespace

TEST_CASE("--version and --help work with no display")
{
    Cli cli;
    const Run v = cli.run({"--version"});
    CHECK(v.code == 0);
    CHECK(v.out.startsWith("deskbreak "));
    const Run h = cli.run({"--help"});
    CHECK(h.code == 0);
    CHECK(h.out.startsWith("Usage: deskbreak "));
    for (const char* word : {"check-config", "routines", "routine show", "exercises", "status",
                             "snooze", "pause", "stats", "autostart", "--demo", "--until-tomorrow"})
        CHECK_MESSAGE(h.out.contains(word), word);
}

TEST_CASE("check-config: the shipped default is valid, no user config means defaults")
{
    Cli cli;
    const Run shipped = cli.run({"check-config", DESKBREAK_SOURCE_DIR "/config/deskbreak.toml"});
    CHECK(shipped.code == 0);
    CHECK(shipped.out.contains(": ok"));
    CHECK(shipped.err.isEmpty());
    const Run none = cli.run({"check-config"});
    CHECK(none.code == 0);
    CHECK(none.out.contains("uses the defaults"));
}

TEST_CASE("check-config: each problem on stderr as FILE:LINE:COLUMN, exit 1")
{
    Cli cli;
    const QString path = cli.write(
        "bad.toml", "[schedule]\ninterval = 60\nsnoze = \"5m\"\n[break]\nroutine = \"nap\"\n");
    const Run r = cli.run({"check-config", path});
    CHECK(r.code == 1);
    const QStringList lines = r.err.trimmed().split('\n');
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].startsWith(path + ":2:12: schedule.interval = 60 has no unit"));
    CHECK(lines[1].startsWith(path + ":3:1: unknown key 'snoze' in [schedule]"));
    CHECK(lines[2].startsWith(path + ":5:11: break.routine: no routine named \"nap\""));
    CHECK(r.out.isEmpty());
}

TEST_CASE("check-config: a short interval passes with a note")
{
    Cli cli;
    const QString path = cli.write("short.toml", "[schedule]\ninterval = \"20s\"\n");
    const Run r = cli.run({"check-config", path});
    CHECK(r.code == 0);
    CHECK(r.err.contains(
        path + ":2:12: note: schedule.interval = \"20s\" is accepted, but the sources advise"));
}

TEST_CASE("check-config never crashes on junk, a missing file or a directory")
{
    Cli cli;
    QByteArray junk;
    for (int i = 0; i < 65536; ++i)
        junk.append(char((i * 131 + 7) % 256));
    for (const QString& target :
         {cli.write("junk.toml", junk), cli.home() + "/missing.toml", cli.home()}) {
        CAPTURE(target.toStdString());
        const Run r = cli.run({"check-config", target});
        CHECK(r.code == 1);
        CHECK(r.err.startsWith(target + ":"));
    }
}

TEST_CASE("routines lists the routines with their length")
{
    Cli cli;
    const Run r = cli.run({"routines"});
    CHECK(r.code == 0);
    CHECK(r.out.contains(QRegularExpression("desk-break\\s+3:00\\s+Desk break")));
    const Run j = cli.run({"routines", "--json"});
    CHECK(j.code == 0);
    const QJsonArray list = QJsonDocument::fromJson(j.out.toUtf8()).array();
    CHECK(list.size() >= 5);
    bool found = false;
    for (const auto& v : list)
        if (v.toObject()["name"].toString() == "desk-break") {
            found = true;
            CHECK(v.toObject()["total_seconds"].toInt() == 180);
        }
    CHECK(found);
}

TEST_CASE("routine show gives each step with exercise, side, seconds, picture and instructions")
{
    Cli cli;
    const Run r = cli.run({"routine", "show", "desk-break", "--json"});
    CHECK(r.code == 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    CHECK(o["total_seconds"].toInt() == 180);
    const QJsonArray steps = o["steps"].toArray();
    int seconds = 0;
    QStringList sides;
    for (const auto& v : steps) {
        const QJsonObject s = v.toObject();
        seconds += s["seconds"].toInt();
        CHECK_FALSE(s["instructions"].toArray().isEmpty());
        if (s["kind"] == "exercise") {
            CHECK(QFileInfo::exists(s["illustration"].toString()));
            CHECK_FALSE(s["exercise"].toString().isEmpty());
        }
        if (s.contains("side"))
            sides.append(s["side"].toString());
    }
    CHECK(seconds == 180);
    CHECK(sides == QStringList{"right", "left"});

    const Run text = cli.run({"routine", "show", "desk-break"});
    CHECK(text.code == 0);
    CHECK(text.out.contains("Switch sides"));
    CHECK(text.out.contains("Wall dog"));
}

TEST_CASE("routine show gives each exercise's tip and cautions, and names the side in its steps")
{
    Cli cli;
    const Run r = cli.run({"routine", "show", "desk-break", "--json"});
    REQUIRE(r.code == 0);
    const QJsonArray steps = QJsonDocument::fromJson(r.out.toUtf8()).object()["steps"].toArray();
    QMap<QString, QString> twist; // side -> its instructions
    int exercises = 0;
    for (const auto& v : steps) {
        const QJsonObject s = v.toObject();
        QStringList instructions;
        for (const auto& line : s["instructions"].toArray())
            instructions.append(line.toString());
        CHECK_FALSE(instructions.join(' ').contains('{'));
        if (s["kind"] != "exercise")
            continue;
        ++exercises;
        CHECK_FALSE(s["tip"].toString().isEmpty());
        CHECK(s["cautions"].isArray());
        CHECK(s.contains("hold_seconds"));
        CHECK(s.contains("reps"));
        if (s["exercise"] == "seated-twist-chair") {
            twist.insert(s["side"].toString(), instructions.join(' '));
            CHECK(s["cautions"].toArray().first().toString().contains("swivel chair"));
        }
    }
    CHECK(exercises == 4);
    CHECK(twist.value("right").contains("right knee"));
    CHECK(twist.value("right").contains("left hand"));
    CHECK(twist.value("left").contains("left knee"));
    CHECK(twist.value("left").contains("right hand"));

    const Run text = cli.run({"routine", "show", "desk-break"});
    REQUIRE(text.code == 0);
    CHECK_FALSE(text.out.contains('{'));
    CHECK(text.out.contains("Tip: Turn from the ribs"));
    CHECK(text.out.contains("Take care:\n      * on a swivel chair"));
    CHECK(text.out.contains("Seated twist (right side)"));
    CHECK(text.out.contains("Turn toward the right knee and rest the left hand"));
    // The second side: its steps with the sides swapped, the tip not told twice.
    const qsizetype second = text.out.indexOf("Seated twist (left side)");
    REQUIRE(second > 0);
    const QString left = text.out.mid(second, text.out.indexOf(" 5. ") - second);
    CHECK(left.contains("Then the other side:"));
    CHECK(left.contains("Turn toward the left knee and rest the right hand"));
    CHECK_FALSE(left.contains("Tip:"));
    CHECK(text.out.count("Tip: ") == 3);

    // Reps each held: the dose is shown, and the step has time for all of them.
    const Run upper = cli.run({"routine", "show", "upper-back"});
    CHECK(upper.out.contains(
        QRegularExpression("Chair back extension  (\\d+)s  \\(10 reps of \\d+ s\\)")));
}

TEST_CASE("exercises lists the whole catalogue with the routines that use each")
{
    Cli cli;
    deskbreak::core::Diagnostics ignored;
    const auto content =
        deskbreak::core::loadContent(QStringLiteral(DESKBREAK_SOURCE_DIR "/assets"), {}, ignored);
    REQUIRE(content.exercises.size() >= 35);

    const Run j = cli.run({"exercises", "--json"});
    REQUIRE(j.code == 0);
    const QJsonArray list = QJsonDocument::fromJson(j.out.toUtf8()).array();
    REQUIRE(list.size() == content.exercises.size());
    QMap<QString, QStringList> routinesOf;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject o = list[i].toObject();
        const auto& e = content.exercises[i];
        CAPTURE(e.id.toStdString());
        CHECK(o["id"].toString() == e.id);
        CHECK(o["name"].toString() == e.name);
        CHECK(o["region"].toString() == e.region);
        CHECK(o["position"].toString() == e.position);
        CHECK(o["sides"].toBool() == e.sides);
        CHECK(o["hold_seconds"].toInt() == e.holdSeconds);
        CHECK(o["reps"].toInt() == e.reps);
        CHECK_FALSE(o["tip"].toString().isEmpty());
        CHECK(o["cautions"].isArray());
        CHECK(o["steps"].toArray().size() == e.steps.size());
        for (const auto& step : o["steps"].toArray())
            CHECK_FALSE(step.toString().contains('{'));
        for (const auto& r : o["routines"].toArray())
            routinesOf[e.id].append(r.toString());
    }
    CHECK(routinesOf["seated-twist-chair"] == QStringList{"desk-break"});
    CHECK(routinesOf["forward-fold"] == QStringList{"desk-break", "evening", "morning"});
    CHECK(routinesOf["hip-circles"] == QStringList{"standing"});
    CHECK(routinesOf["leg-swings"] == QStringList{"standing"});
    CHECK(routinesOf["bow-pose"].isEmpty()); // in no routine, and still listed
    // Every routine's exercises are in the list, under that routine.
    for (const auto& r : content.routines)
        for (const auto& step : r.steps)
            if (!step.exerciseId.isEmpty())
                CHECK_MESSAGE(routinesOf[step.exerciseId].contains(r.name),
                              step.exerciseId.toStdString() << " in " << r.name.toStdString());

    const Run text = cli.run({"exercises"});
    REQUIRE(text.code == 0);
    const QStringList rows = text.out.trimmed().split('\n');
    REQUIRE(rows.size() == content.exercises.size() + 1);
    CHECK(rows[0].startsWith("id "));
    CHECK(rows[0].contains("hold or reps"));
    for (qsizetype i = 0; i < content.exercises.size(); ++i)
        CHECK(rows[i + 1].startsWith(content.exercises[i].id + ' '));
    CHECK(text.out.contains(QRegularExpression(
        "\\nchair-thoracic-extension +Chair back extension +upper-back +chair +no +10 reps of "
        "\\d+ s +upper-back\\n")));
    CHECK(text.out.contains(
        QRegularExpression("\\nneck-rotation .* yes +2 reps of 30 s per side +neck-posture\\n")));
    CHECK(text.out.contains(QRegularExpression("\\nbow-pose .* 15 s +-\\n")));

    CHECK(cli.run({"exercises", "extra"}).code == 2);
}

TEST_CASE("unknown routine exits 1, bad usage exits 2")
{
    Cli cli;
    const Run missing = cli.run({"routine", "show", "nope"});
    CHECK(missing.code == 1);
    CHECK(missing.err.contains("no routine named \"nope\""));
    CHECK(cli.run({"frobnicate"}).code == 2);
    CHECK(cli.run({"routine"}).code == 2);
    CHECK(cli.run({"check-config", "a", "b"}).code == 2);
    CHECK(cli.run({"--no-such-option"}).code == 2);
}

TEST_CASE("a user routine is listed and shown")
{
    Cli cli;
    QDir().mkpath(cli.home() + "/config/deskbreak/routines");
    cli.write("config/deskbreak/routines/neck-quick.toml",
              "name = \"neck-quick\"\ntitle = \"Neck, quick\"\n[[step]]\nexercise = "
              "\"chin-tuck\"\nseconds = 40\n");
    const Run r = cli.run({"routines"});
    CHECK(r.out.contains(QRegularExpression("neck-quick\\s+0:40\\s+Neck, quick\\s+\\(yours\\)")));
    const Run e = cli.run({"exercises"});
    CHECK(e.out.contains(QRegularExpression("\\nchin-tuck .* neck-posture, neck-quick\\n")));
}

TEST_CASE("stats works without a daemon: empty at first, then from the history")
{
    Cli cli;
    const Run empty = cli.run({"stats", "--json"});
    CHECK(empty.code == 0);
    CHECK(empty.err.contains("no history yet"));
    CHECK(QJsonDocument::fromJson(empty.out.toUtf8()).array().size() == 7);

    {
        // Today: 40 minutes of sitting (10 past overload), a reminder snoozed, a
        // completed break and a natural break of 7 minutes.
        deskbreak::app::SqliteHistoryStore store(cli.home() + "/data/deskbreak/history.sqlite");
        QString error;
        REQUIRE(store.open(&error));
        using Kind = deskbreak::core::HistoryEvent::Kind;
        const QDateTime noon(QDate::currentDate(), QTime(12, 0));
        deskbreak::core::HistoryEvent span{Kind::SittingSpan, noon.addSecs(40 * 60), noon};
        deskbreak::core::HistoryEvent natural{Kind::NaturalBreak, noon.addSecs(47 * 60),
                                              noon.addSecs(40 * 60)};
        natural.seconds = std::chrono::minutes(7);
        for (const auto& e :
             {span, deskbreak::core::HistoryEvent{Kind::Reminded, noon.addSecs(30 * 60), {}},
              deskbreak::core::HistoryEvent{Kind::Snoozed, noon.addSecs(30 * 60), {}},
              deskbreak::core::HistoryEvent{Kind::BreakCompleted, noon.addSecs(39 * 60), {}},
              natural})
            REQUIRE(store.record(e, &error));
    }
    const Run today = cli.run({"stats", "--days", "1", "--json"});
    CHECK(today.code == 0);
    const QJsonObject day = QJsonDocument::fromJson(today.out.toUtf8()).array().at(0).toObject();
    CHECK(day["date"].toString() == QDate::currentDate().toString(Qt::ISODate));
    CHECK(day["sitting_seconds"].toInt() == 2400);
    CHECK(day["longest_sitting_seconds"].toInt() == 2400);
    CHECK(day["overload_seconds"].toInt() == 600);
    CHECK(day["reminders"].toInt() == 1);
    CHECK(day["snoozed"].toInt() == 1);
    CHECK(day["breaks_completed"].toInt() == 1);
    CHECK(day["natural_breaks"].toInt() == 1);
    CHECK(day["natural_break_seconds"].toInt() == 420);
    CHECK(day["reminders_snoozed"].toInt() == 1); // what became of the one reminder
    CHECK(day["reminders_to_break"].toInt() == 0);
    CHECK(day["reminders_skipped"].toInt() == 0);

    const Run csv = cli.run({"stats", "--days", "3", "--csv"});
    CHECK(csv.code == 0);
    const QStringList lines = csv.out.trimmed().split('\n');
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].startsWith("date,sitting_seconds,"));
    CHECK(lines[3].startsWith(QDate::currentDate().toString(Qt::ISODate) +
                              ",2400,2400,600,1,1,0,1,0,1,420"));

    const Run table = cli.run({"stats", "--days", "1"});
    CHECK(table.out.contains("40m"));

    // The table: clear two-line column names, no "3+1" packing, averages over days with data.
    const Run week = cli.run({"stats"});
    CHECK(week.code == 0);
    const QStringList rows = week.out.split('\n');
    REQUIRE(rows.size() > 10);
    CHECK(rows[0] == "            sitting  longest      past  breaks  ended                    "
                     "natural  held for");
    CHECK(rows[1] == "date          total  stretch  overload    done  early  snoozed  skipped   "
                     "breaks     calls");
    CHECK(rows[8] ==
          QDate::currentDate().toString(Qt::ISODate) +
              "      40m      40m       10m       1      0        1        0        1         0");
    CHECK(rows[9].startsWith("average         40m      40m       10m     1.0    0.0      1.0"));
    CHECK(rows[10] == "average over 1 day with data (of the 7 shown)");
    CHECK_FALSE(week.out.contains('+'));

    CHECK(cli.run({"stats", "--days", "0"}).code == 2);
    CHECK(cli.run({"stats", "--json", "--csv"}).code == 2);
}

TEST_CASE("doctor with nothing available (no display, no buses) reports every capability")
{
    Cli cli;
    // Buses at sockets that do not exist, a private runtime dir, no session declared.
    const QString runtime = cli.home() + "/runtime";
    REQUIRE(QDir().mkpath(runtime));
    REQUIRE(QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    cli.setEnv("XDG_RUNTIME_DIR", runtime);
    cli.setEnv("XDG_CACHE_HOME", cli.home() + "/cache");
    cli.setEnv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + cli.home() + "/no-session-bus");
    cli.setEnv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=" + cli.home() + "/no-system-bus");
    for (const char* name : {"XDG_SESSION_TYPE", "XDG_CURRENT_DESKTOP", "QT_QPA_PLATFORM",
                             "DBUS_STARTER_ADDRESS", "QT_LOGGING_RULES"})
        cli.unsetEnv(name);

    const Run j = cli.run({"doctor", "--json"});
    CHECK(j.code == 0);
    CHECK(j.err.isEmpty());
    const QJsonObject report = QJsonDocument::fromJson(j.out.toUtf8()).object();
    CHECK(report["session"]["type"].toString() == "none");
    CHECK(report["session"]["qt_platform"].toString() == "offscreen");
    QMap<QString, QJsonObject> byName;
    for (const auto& v : report["capabilities"].toArray())
        byName.insert(v.toObject()["capability"].toString(), v.toObject());
    for (const char* name : {"idle", "lock", "sleep", "tray", "notifications", "autostart"}) {
        CAPTURE(name);
        REQUIRE(byName.contains(name));
        const QJsonObject c = byName[name];
        // Each says what it found: a backend, or every candidate passed over with a reason.
        CHECK((c["available"].toBool() || !c["rejected"].toArray().isEmpty()));
        for (const auto& r : c["rejected"].toArray())
            CHECK_FALSE(r.toObject()["reason"].toString().isEmpty());
    }
    for (const char* name : {"idle", "lock", "sleep", "tray"}) {
        CAPTURE(name);
        CHECK_FALSE(byName[name]["available"].toBool());
        CHECK(byName[name]["backend"].isNull());
        CHECK_FALSE(byName[name]["hint"].toString().isEmpty());
    }
    CHECK(byName["idle"]["hint"].toString().contains("no display"));
    CHECK(byName["idle"]["detail"].toString() == "the user counts as always present");
    CHECK(byName["notifications"]["backend"].toString() == "window");
    CHECK(byName["tray"]["hint"].toString().contains("no display"));

    const Run t = cli.run({"doctor"});
    CHECK(t.code == 0);
    CHECK(t.out.startsWith("session        none (neither WAYLAND_DISPLAY nor DISPLAY is set)"));
    for (const QString& name : byName.keys()) {
        CAPTURE(name.toStdString());
        CHECK(t.out.contains(
            QRegularExpression("^" + QRegularExpression::escape(name) + " +(ok|none)( |$)",
                               QRegularExpression::MultilineOption)));
    }
    CHECK(t.out.contains(QRegularExpression("^idle +none \\(the user counts as always present\\)$",
                                            QRegularExpression::MultilineOption)));
    CHECK(t.out.contains(
        QRegularExpression("^notifications +ok +window", QRegularExpression::MultilineOption)));
}

TEST_CASE("stats on a junk, unreadable or foreign history file says so and exits 1")
{
    Cli cli;
    QDir().mkpath(cli.home() + "/data/deskbreak");
    const QString path = cli.home() + "/data/deskbreak/history.sqlite";
    QByteArray junk;
    for (int i = 0; i < 8192; ++i)
        junk.append(char((i * 37 + 11) % 256));
    for (const QByteArray& content : {junk, QByteArray("not a database\n")}) {
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(content);
        f.close();
        const Run r = cli.run({"stats", "--json"});
        CHECK(r.code == 1);
        CHECK(r.err.contains("cannot read the history " + path));
        CHECK(r.out.isEmpty());
    }
    // A folder where the file should be cannot be read either.
    QFile::remove(path);
    QDir().mkpath(path);
    const Run folder = cli.run({"stats"});
    CHECK(folder.code == 1);
    CHECK(folder.err.contains("cannot read the history"));
}

TEST_CASE("stats counts the events still waiting in the journal, and says so")
{
    Cli cli;
    using deskbreak::app::HistoryEntry;
    using Kind = deskbreak::core::HistoryEvent::Kind;
    const QString path = cli.home() + "/data/deskbreak/history.sqlite";
    const QDateTime noon(QDate::currentDate(), QTime(12, 0));
    const HistoryEntry stored{HistoryEntry::newId(), {Kind::BreakCompleted, noon, {}}};
    const HistoryEntry waiting{HistoryEntry::newId(), {Kind::BreakCompleted, noon.addSecs(60), {}}};
    {
        deskbreak::app::SqliteHistoryStore store(path);
        QString error;
        REQUIRE(store.open(&error));
        REQUIRE(store.write({stored}, &error));
        // The daemon wrote `stored`, then was killed before it emptied the journal: counted once.
        REQUIRE(deskbreak::app::HistoryJournal(path + ".journal.jsonl")
                    .append({stored, waiting}, &error));
    }
    const Run r = cli.run({"stats", "--days", "1", "--json"});
    CHECK(r.code == 0);
    CHECK(QJsonDocument::fromJson(r.out.toUtf8()).array().at(0)["breaks_completed"].toInt() == 2);
    CHECK(r.err.contains("2 event(s) wait in " + path + ".journal.jsonl"));
}

TEST_CASE("doctor says whether the history can be written and what waits in the journal")
{
    Cli cli;
    const QString path = cli.home() + "/data/deskbreak/history.sqlite";
    const QRegularExpression line("^history\\s+(\\S+)\\s+(.*)$",
                                  QRegularExpression::MultilineOption);
    auto history = [&] {
        const Run r = cli.run({"doctor"});
        CHECK(r.code == 0);
        const auto m = line.match(r.out);
        REQUIRE_MESSAGE(m.hasMatch(), r.out.toStdString());
        return m.captured(1) + ' ' + m.captured(2);
    };
    CHECK(history().startsWith("ok sqlite, no history yet"));
    {
        deskbreak::app::SqliteHistoryStore store(path);
        QString error;
        REQUIRE(store.open(&error));
        using Kind = deskbreak::core::HistoryEvent::Kind;
        REQUIRE(deskbreak::app::HistoryJournal(path + ".journal.jsonl")
                    .append({{deskbreak::app::HistoryEntry::newId(),
                              {Kind::Reminded, QDateTime::currentDateTime(), {}}}},
                            &error));
    }
    const QString ok = history();
    CHECK(ok.startsWith("ok sqlite, " + path + ", writable"));
    CHECK(ok.contains("1 event(s) wait in " + path + ".journal.jsonl"));
    QFile::remove(path + ".journal.jsonl");
    QFile::remove(path + "-wal");
    QFile::remove(path + "-shm");
    cli.write("data/deskbreak/history.sqlite", QByteArray(4096, 'x'));
    // Not available: the detail comes in parentheses, as for every capability.
    CHECK(
        history().startsWith("none (" + path + " cannot be written: the history file is damaged"));
}

TEST_CASE("break takes one ROUTINE at most; check-config checks [routines] against the routines")
{
    Cli cli;
    const Run tooMany = cli.run({"break", "morning", "evening"});
    CHECK(tooMany.code == 2);
    CHECK(tooMany.err.contains("too many arguments for break"));
    CHECK(cli.run({"break", "morning"}).code == 3); // well formed: it needs the daemon

    const QString file = cli.write("routines.toml", "[routines]\nmorning = \"08:30\"\n"
                                                    "evening = \"7pm\"\nyoga = \"12:00\"\n");
    const Run checked = cli.run({"check-config", file});
    CHECK(checked.code == 1);
    CHECK(checked.err.contains(file + ":3:11: routines.evening = \"7pm\" is not a time of day"));
    CHECK(checked.err.contains(file + ":4:8: routines.yoga: no routine named \"yoga\"; the "
                                      "routines are: desk-break, "));
    CHECK_FALSE(checked.err.contains("routines.morning"));
    const QString good = cli.write("good.toml", "[routines]\nmorning = \"08:30\"\n"
                                                "desk-break = \"13:15\"\n");
    CHECK(cli.run({"check-config", good}).code == 0);
}

TEST_CASE("status --watch: its options checked, and with no daemon a last line and exit 3")
{
    Cli cli;
    for (const QStringList& args :
         {QStringList{"status", "--format", "waybar"}, QStringList{"skip", "--watch"},
          QStringList{"status", "--watch", "--format", "xml"},
          QStringList{"status", "--watch", "--json"}}) {
        CAPTURE(args.join(' ').toStdString());
        const Run r = cli.run(args);
        CHECK(r.code == 2);
        CHECK(r.err.startsWith("deskbreak: "));
        CHECK(r.out.isEmpty());
    }
    const Run none = cli.run({"status", "--watch", "--format", "waybar"});
    CHECK(none.code == 3);
    CHECK(none.err.contains("no deskbreak daemon is running"));
    const QJsonObject last = QJsonDocument::fromJson(none.out.toUtf8()).object();
    CHECK(last["class"].toArray() == QJsonArray{"stopped"}); // the module shows no stale state
    CHECK(cli.run({"status", "--watch"}).out == "\n");
    CHECK(cli.run({"status", "--watch", "--format", "json"}).out.isEmpty());

    const Run help = cli.run({"--help"});
    CHECK(help.out.contains("status [--json | --watch [--format F]]"));
    CHECK(help.out.contains("--format <F>"));
}
