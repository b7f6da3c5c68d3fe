// gnomeMovementBreaksOn() against stand-in GSettings schemas (tests/data/gsettings,
// compiled at build time into DESKBREAK_TEST_SCHEMAS) and GLib's keyfile backend in a
// temporary directory, never the machine's own settings.
//
// GIO reads GSETTINGS_SCHEMA_DIR, the XDG dirs and GSETTINGS_BACKEND once per process,
// so each read or write runs in a child (this binary again, with --read or --set)
// whose environment the case sets.
#define DOCTEST_CONFIG_IMPLEMENT
#include "platform/gnome/GnomeBreakReminders.h"

#include "support/DoctestQt.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>
#include <cstdio>
#include <cstring>
#include <doctest/doctest.h>
#include <memory>
#include <vector>

// GIO names a struct member `signals`, which Qt defines as a keyword.
#pragma push_macro("signals")
#undef signals
#include <gio/gio.h>
#pragma pop_macro("signals")

namespace {

constexpr int kWaitMs = 10000;
constexpr const char* kRead = "--read";
constexpr const char* kSet = "--set";

// --- the child's side -----------------------------------------------------------------

// Prints "on", "off" or "none: <why>".
int readAndReport()
{
    QString why;
    const std::optional<bool> on = deskbreak::platform::gnomeMovementBreaksOn(&why);
    if (on)
        std::printf("%s\n", *on ? "on" : "off");
    else
        std::printf("none: %s\n", qPrintable(why));
    return 0;
}

// Sets selected-breaks to the comma-separated `list` ("" for none), as a user would.
int setSelectedBreaks(const char* list)
{
    const QStringList names = QString::fromUtf8(list).split(QLatin1Char(','), Qt::SkipEmptyParts);
    std::vector<QByteArray> utf8;
    std::vector<const gchar*> strv;
    for (const QString& name : names)
        utf8.push_back(name.toUtf8());
    for (const QByteArray& name : utf8)
        strv.push_back(name.constData());
    strv.push_back(nullptr);

    GSettings* settings = g_settings_new("org.gnome.desktop.break-reminders");
    const gboolean written = g_settings_set_strv(settings, "selected-breaks", strv.data());
    g_settings_sync();
    g_object_unref(settings);
    std::printf("%s\n", written ? "set" : "not set");
    return written ? 0 : 1;
}

// --- the parent's side ----------------------------------------------------------------

// A private GSettings world: which stand-in schemas are installed (a subdirectory of
// DESKBREAK_TEST_SCHEMAS, or none) and a keyfile backend under a temporary
// XDG_CONFIG_HOME. No system data dirs and no GIO modules: nothing of the machine's.
class SettingsWorld {
public:
    explicit SettingsWorld(const char* schemas)
    {
        REQUIRE(m_root.isValid());
        for (const char* dir : {"config", "data-home", "data-dirs", "gio-modules"})
            REQUIRE(QDir(m_root.path()).mkpath(QLatin1String(dir)));
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.remove(QStringLiteral("GSETTINGS_SCHEMA_DIR"));
        if (schemas)
            m_env.insert(QStringLiteral("GSETTINGS_SCHEMA_DIR"),
                         QStringLiteral(DESKBREAK_TEST_SCHEMAS "/") + QLatin1String(schemas));
        m_env.insert(QStringLiteral("GSETTINGS_BACKEND"), QStringLiteral("keyfile"));
        m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), path("config"));
        m_env.insert(QStringLiteral("XDG_DATA_HOME"), path("data-home"));
        m_env.insert(QStringLiteral("XDG_DATA_DIRS"), path("data-dirs"));
        m_env.insert(QStringLiteral("GIO_MODULE_DIR"), path("gio-modules"));
        m_env.insert(QStringLiteral("GIO_USE_VFS"), QStringLiteral("local"));
        m_env.insert(QStringLiteral("QT_NO_GLIB"), QStringLiteral("1")); // as the daemon runs
    }

    // What gnomeMovementBreaksOn() says in this world.
    QString read() { return run({QString::fromLatin1(kRead)}); }

    void setSelectedBreaks(const QStringList& names)
    {
        REQUIRE(run({QString::fromLatin1(kSet), names.join(QLatin1Char(','))}) ==
                QLatin1String("set"));
        INFO("keyfile: " << keyfile());
        REQUIRE(keyfileText().contains(QLatin1String("selected-breaks")));
    }

    QString keyfile() const
    {
        return path("config") + QStringLiteral("/glib-2.0/settings/keyfile");
    }
    QString keyfileText() const
    {
        QFile file(keyfile());
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(file.readAll());
    }

private:
    QString path(const char* name) const { return m_root.filePath(QLatin1String(name)); }

    QString run(const QStringList& arguments)
    {
        QProcess child;
        child.setProcessEnvironment(m_env);
        child.start(QCoreApplication::applicationFilePath(), arguments);
        REQUIRE(child.waitForStarted(kWaitMs));
        if (!child.waitForFinished(kWaitMs)) {
            child.kill(); // our own child, by its handle
            child.waitForFinished(kWaitMs);
            FAIL("the child did not finish within 10 s");
        }
        INFO("child's stderr: " << QString::fromUtf8(child.readAllStandardError()));
        REQUIRE(child.exitStatus() == QProcess::NormalExit);
        REQUIRE(child.exitCode() == 0);
        return QString::fromUtf8(child.readAllStandardOutput()).trimmed();
    }

    QTemporaryDir m_root;
    QProcessEnvironment m_env;
};

} // namespace

TEST_CASE("no GSettings schemas at all: nullopt, and the reason says so")
{
    SettingsWorld world(nullptr);
    CHECK(world.read() == QLatin1String("none: no GSettings schemas are installed"));
}

TEST_CASE("schemas installed, but not org.gnome.desktop.break-reminders: nullopt, and the reason "
          "names the schema")
{
    SettingsWorld world("unrelated");
    const QString result = world.read();
    CHECK(result.startsWith(QLatin1String(
        "none: GSettings schema org.gnome.desktop.break-reminders is not installed")));
}

TEST_CASE("the break-reminders schema without selected-breaks: nullopt, and the reason names "
          "the key")
{
    SettingsWorld world("without-key");
    CHECK(world.read() == QLatin1String("none: GSettings schema org.gnome.desktop.break-reminders "
                                        "has no key selected-breaks"));
}

TEST_CASE("selected-breaks of another type than a list of strings: nullopt, not a crash")
{
    SettingsWorld world("string-key");
    CHECK(world.read() == QLatin1String("none: key selected-breaks of GSettings schema "
                                        "org.gnome.desktop.break-reminders is not a list of "
                                        "strings"));
}

TEST_CASE("selected-breaks at its default (empty): off, and reading writes nothing")
{
    SettingsWorld world("standard");
    CHECK(world.read() == QLatin1String("off"));
    CHECK_FALSE(QFile::exists(world.keyfile()));
}

TEST_CASE("\"movement\" in selected-breaks: on")
{
    SettingsWorld world("standard");
    SUBCASE("alone")
    {
        world.setSelectedBreaks({QStringLiteral("movement")});
    }
    SUBCASE("with eyesight")
    {
        world.setSelectedBreaks({QStringLiteral("eyesight"), QStringLiteral("movement")});
    }
    CHECK(world.read() == QLatin1String("on"));
}

TEST_CASE("only \"eyesight\" in selected-breaks: off")
{
    SettingsWorld world("standard");
    world.setSelectedBreaks({QStringLiteral("eyesight")});
    CHECK(world.read() == QLatin1String("off"));

    // And back on, then off again: each read sees the value as it is now.
    world.setSelectedBreaks({QStringLiteral("movement")});
    CHECK(world.read() == QLatin1String("on"));
    world.setSelectedBreaks({});
    CHECK(world.read() == QLatin1String("off"));
}

int main(int argc, char** argv)
{
    // The children: GIO first sees the environment their parent set for them.
    if (argc == 2 && std::strcmp(argv[1], kRead) == 0)
        return readAndReport();
    if (argc == 3 && std::strcmp(argv[1], kSet) == 0)
        return setSelectedBreaks(argv[2]);

    QCoreApplication app(argc, argv);
    doctest::Context context(argc, argv);
    return context.run();
}
