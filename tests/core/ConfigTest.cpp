#include "core/ConfigParser.h"
#include "core/ConfigSchema.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <doctest/doctest.h>

using namespace deskbreak::core;
using namespace std::chrono_literals;

namespace {
const QString kShipped = QStringLiteral(DESKBREAK_SOURCE_DIR "/config/deskbreak.toml");
const QString kFixtures = QStringLiteral(DESKBREAK_TEST_DATA_DIR "/config");

QStringList errors(const ConfigResult& r)
{
    QStringList out;
    for (const Diagnostic& d : r.diagnostics)
        if (d.severity == Diagnostic::Severity::Error)
            out.append(d.toString());
    return out;
}
} // namespace

TEST_CASE("the shipped config parses to exactly the descriptors' defaults and sets every key")
{
    const ConfigResult r = loadConfigFile(kShipped);
    CHECK_MESSAGE(r.diagnostics.isEmpty(), errors(r).join('\n').toStdString());
    CHECK(r.settings == defaultSettings());
    QStringList allKeys;
    for (const ConfigKey& k : configKeys())
        allKeys.append(k.path());
    QStringList present = r.presentKeys;
    present.sort();
    allKeys.sort();
    CHECK(present == allKeys);
}

TEST_CASE("the shipped config's values are the descriptors' literals, key for key")
{
    QFile f(kShipped);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    for (const ConfigKey& k : configKeys()) {
        const QRegularExpression line(QStringLiteral("^%1 = (.*)$").arg(k.name),
                                      QRegularExpression::MultilineOption);
        const auto m = line.match(text);
        CAPTURE(k.path().toStdString());
        REQUIRE(m.hasMatch());
        CHECK(m.captured(1).trimmed() == k.defaultToml);
        CHECK_FALSE(k.help.isEmpty());
    }
}

TEST_CASE("the defaults are what the product contract says")
{
    const auto& s = defaultSettings();
    CHECK(s.schedule.interval == 60min);
    CHECK(s.schedule.overloadAfter == 30min);
    CHECK(s.schedule.naturalBreak == 5min);
    CHECK(s.schedule.snooze == 10min);
    CHECK(s.schedule.maxSnoozes == 3);
    CHECK(s.schedule.remindAgain == 5min);
    CHECK(s.schedule.workingHours.allDay());
    CHECK(s.schedule.workingHours.days().all());
    CHECK(s.breaks.routine == "desk-break");
    CHECK(s.breaks.sound);
    CHECK(s.notificationStyle == NotificationStyle::Auto);
    CHECK(s.autostart);
    CHECK(s.logLevel == "info");
}

TEST_CASE("an empty file is valid and means all defaults")
{
    const ConfigResult r = parseConfig("", "empty.toml");
    CHECK(r.ok());
    CHECK(r.diagnostics.isEmpty());
    CHECK(r.settings == defaultSettings());
}

TEST_CASE("values are read, short test intervals are valid")
{
    const ConfigResult r = parseConfig(R"([schedule]
interval = "20s"
natural_break = "15s"
max_snoozes = 0
working_hours = "22:00-02:00"
working_days = ["sat", "sunday"]
[break]
routine = "evening"
sound = false
[notifications]
style = "window"
)",
                                       "test.toml");
    CHECK(errors(r).isEmpty());
    CHECK(r.settings.schedule.interval == 20s);
    CHECK(r.settings.schedule.naturalBreak == 15s);
    CHECK(r.settings.schedule.maxSnoozes == 0);
    CHECK(r.settings.schedule.workingHours.windowText() == "22:00-02:00");
    CHECK(r.settings.schedule.workingHours.days() == std::bitset<7>("1100000"));
    CHECK(r.settings.breaks.routine == "evening");
    CHECK_FALSE(r.settings.breaks.sound);
    CHECK(r.settings.notificationStyle == NotificationStyle::Window);
}

TEST_CASE("an interval outside the sources' 1-2 hours is accepted with a note")
{
    const ConfigResult r = parseConfig("[schedule]\ninterval = \"20s\"\n", "short.toml");
    CHECK(r.ok());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].severity == Diagnostic::Severity::Note);
    CHECK(r.diagnostics[0].toString().startsWith(
        "short.toml:2:12: note: schedule.interval = \"20s\" is accepted"));
    CHECK(r.diagnostics[0].message.contains("1 to 2 hours"));
    CHECK(parseConfig("[schedule]\ninterval = \"90m\"\n", "ok.toml").diagnostics.isEmpty());
}

TEST_CASE("each error kind is reported at its line and column")
{
    const QStringList fixtures = {
        "syntax.toml",          "unknown-key.toml",         "unknown-section.toml",
        "wrong-type.toml",      "bad-duration.toml",        "negative-duration.toml",
        "bare-number.toml",     "out-of-range.toml",        "out-of-range-duration.toml",
        "unknown-weekday.toml", "bad-working-hours.toml",   "impossible-time.toml",
        "bad-choice.toml",      "moment-out-of-range.toml", "moment-wrong-type.toml",
    };
    for (const QString& name : fixtures) {
        CAPTURE(name.toStdString());
        const QString path = kFixtures + u'/' + name;
        QFile f(path);
        REQUIRE(f.open(QIODevice::ReadOnly));
        const QString firstLine = QString::fromUtf8(f.readLine()).trimmed();
        REQUIRE(firstLine.startsWith("# expect: "));
        const QString expected = path + u':' + firstLine.mid(10);
        const ConfigResult r = loadConfigFile(path);
        CHECK_FALSE(r.ok());
        const QStringList got = errors(r);
        REQUIRE(got.size() == 1);
        CHECK_MESSAGE(got[0].startsWith(expected), got[0].toStdString());
        CHECK(r.settings == defaultSettings()); // nothing half-applied
    }
}

TEST_CASE("every problem in a file is reported, not just the first")
{
    const ConfigResult r = parseConfig(R"([schedule]
interval = 60
snooze = "10 minutes"
bogus = true
[log]
level = "loud"
)",
                                       "many.toml");
    const QStringList got = errors(r);
    REQUIRE(got.size() == 4);
    CHECK(got[0].startsWith("many.toml:2:12:"));
    CHECK(got[1].startsWith("many.toml:3:10:"));
    CHECK(got[2].startsWith("many.toml:4:1: unknown key 'bogus'"));
    CHECK(got[3].startsWith("many.toml:6:9:"));
}

TEST_CASE("check-config never crashes: binary junk, a huge file, a missing file, a directory")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    auto write = [&](const QString& name, const QByteArray& data) {
        QFile f(dir.filePath(name));
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(data);
        return f.fileName();
    };
    QByteArray junk;
    for (int i = 0; i < 4096; ++i)
        junk.append(char((i * 7919 + 13) % 256));
    const ConfigResult binary = loadConfigFile(write("junk.toml", junk));
    CHECK_FALSE(binary.ok());
    CHECK(binary.diagnostics[0].line >= 1);

    const ConfigResult invalidUtf8 =
        loadConfigFile(write("latin1.toml", "[schedule]\n# caf\xe9\ninterval = \"1h\"\n"));
    CHECK_FALSE(invalidUtf8.ok());

    const ConfigResult huge = loadConfigFile(write("huge.toml", QByteArray(3 * 1024 * 1024, '#')));
    CHECK_FALSE(huge.ok());
    CHECK(huge.diagnostics[0].message.contains("larger than"));

    const ConfigResult missing = loadConfigFile(dir.filePath("nope.toml"));
    CHECK(missing.diagnostics[0].message == "no such file");

    const ConfigResult directory = loadConfigFile(dir.path());
    CHECK(directory.diagnostics[0].message.contains("directory"));

    const ConfigResult deep = parseConfig(QByteArray(10000, '['), "deep.toml");
    CHECK_FALSE(deep.ok());
    const ConfigResult arrays = parseConfig("a = " + QByteArray(5000, '['), "arrays.toml");
    CHECK_FALSE(arrays.ok());
}

TEST_CASE("a section given as a plain value is an error, not a crash")
{
    const ConfigResult r = parseConfig("schedule = 5\n", "flat.toml");
    REQUIRE(errors(r).size() == 1);
    CHECK(errors(r)[0].startsWith("flat.toml:1:12: 'schedule' must be a table"));
}

TEST_CASE("huge numbers in the config are range errors, never an overflow")
{
    const ConfigResult r = parseConfig("[schedule]\n"
                                       "interval = \"9999999999999h\"\n"
                                       "snooze = \"999999999h999999999m999999999s\"\n"
                                       "max_snoozes = 9223372036854775807\n"
                                       "remind_again = \"99999999h\"\n",
                                       "huge.toml");
    const QStringList e = errors(r);
    REQUIRE(e.size() == 4);
    CHECK(e[0].contains("huge.toml:2:12: schedule.interval: \"9999999999999h\" is too large"));
    CHECK(
        e[1].contains("schedule.snooze: \"999999999h999999999m999999999s\" is longer than a year"));
    CHECK(e[2].contains("schedule.max_snoozes = 9223372036854775807 is out of range"));
    CHECK(e[3].contains("schedule.remind_again: \"99999999h\" is longer than a year"));
    CHECK(r.settings == defaultSettings());
    // Beyond 64 bits toml++ itself refuses the number, as a syntax error at its place.
    const ConfigResult beyond =
        parseConfig("[schedule]\nmax_snoozes = 99999999999999999999\n", "b.toml");
    REQUIRE_FALSE(beyond.ok());
    CHECK(errors(beyond)[0].startsWith("b.toml:2:"));
}

TEST_CASE("loadConfigFile keeps the text it read, for the daemon's no-change check")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    QFile f(dir.filePath("c.toml"));
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write("[schedule]\ninterval = \"45m\"\n");
    f.close();
    const ConfigResult r = loadConfigFile(f.fileName());
    CHECK(r.ok());
    CHECK(r.text == "[schedule]\ninterval = \"45m\"\n");
    CHECK(loadConfigFile(dir.filePath("none.toml")).text.isEmpty());
}
