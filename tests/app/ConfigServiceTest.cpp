// The config service without a display: the shipped content and default config, a private
// config folder, and reloads by trigger (and once by the real file watch).
#include "app/ConfigService.h"

#include "core/ConfigSchema.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QTemporaryDir>
#include <doctest/doctest.h>

using namespace deskbreak;
using namespace std::chrono_literals;
using app::ConfigService;
using Trigger = ConfigService::Trigger;

namespace {

struct Rig {
    explicit Rig(bool demo = false)
    {
        REQUIRE(home.isValid());
        service = std::make_unique<ConfigService>(
            ConfigService::Paths{configFile(), DESKBREAK_SOURCE_DIR "/config/deskbreak.toml",
                                 DESKBREAK_SOURCE_DIR "/assets", home.filePath("routines")},
            demo);
        QObject::connect(service.get(), &ConfigService::settingsChanged, [this] { ++changes; });
        QObject::connect(service.get(), &ConfigService::problemFound,
                         [this](const QString& m) { told << m; });
    }
    QString configFile() const { return home.filePath("config/config.toml"); }
    // Replaces the file as editors do: a new file renamed over the old one.
    void write(const QByteArray& text) const
    {
        QDir().mkpath(home.filePath("config"));
        QSaveFile f(configFile());
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(text);
        REQUIRE(f.commit());
    }

    QTemporaryDir home;
    std::unique_ptr<ConfigService> service;
    int changes = 0;
    QStringList told;
};

bool waitFor(const std::function<bool()>& condition)
{
    const QDeadlineTimer deadline(5000);
    while (!condition() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    return condition();
}

} // namespace

TEST_CASE("a first start writes the commented default where the user looks, and uses it")
{
    Rig rig;
    rig.service->load();
    QFile written(rig.configFile());
    REQUIRE(written.open(QIODevice::ReadOnly));
    QFile shipped(DESKBREAK_SOURCE_DIR "/config/deskbreak.toml");
    REQUIRE(shipped.open(QIODevice::ReadOnly));
    CHECK(written.readAll() == shipped.readAll());
    CHECK(rig.service->settings() == core::defaultSettings());
    CHECK(rig.service->problem().isEmpty());
    CHECK(rig.service->content().routines.contains("desk-break"));
}

TEST_CASE("a changed file is applied at a reload, an unchanged one changes nothing")
{
    Rig rig;
    rig.write("[schedule]\ninterval = \"45m\"\n");
    rig.service->load();
    CHECK(rig.service->schedule().interval == 45min);

    rig.write("[schedule]\ninterval = \"50m\"\nsnooze = \"4m\"\n");
    rig.service->reload(Trigger::ConfigChanged);
    CHECK(rig.changes == 1);
    CHECK(rig.service->schedule().interval == 50min);
    CHECK(rig.service->settings().schedule.snooze == 4min);

    rig.service->reload(Trigger::ConfigChanged); // touched, not changed
    CHECK(rig.changes == 1);
    CHECK(rig.told.isEmpty());
}

TEST_CASE("a broken file keeps the last good settings, and each problem is told once")
{
    Rig rig;
    rig.write("[schedule]\ninterval = \"45m\"\n");
    rig.service->load();
    rig.service->start();
    REQUIRE(rig.told.isEmpty());

    rig.write("[schedule]\ninterval = 25\n");
    rig.service->reload(Trigger::ConfigChanged);
    CHECK(rig.service->schedule().interval == 45min); // never half-applied
    CHECK(rig.changes == 0);
    REQUIRE(rig.told.size() == 1);
    CHECK(rig.told[0].contains("config.toml:2:12: schedule.interval = 25 has no unit"));
    CHECK(rig.told[0].contains("keeps its last good settings"));
    CHECK(rig.service->problem() == rig.told[0]);

    rig.service->reload(Trigger::ConfigChanged); // the same problem again: not told again
    rig.write("[schedule]\ninterval = 25\n");
    rig.service->reload(Trigger::ConfigChanged);
    CHECK(rig.told.size() == 1);

    rig.write("[schedule]\nsnooze = 3\n"); // another problem is told
    rig.service->reload(Trigger::ConfigChanged);
    CHECK(rig.told.size() == 2);
    rig.service->reload(Trigger::Request); // a reload on request always answers
    CHECK(rig.told.size() == 3);

    rig.write("[schedule]\ninterval = \"55m\"\n"); // fixed
    rig.service->reload(Trigger::ConfigChanged);
    CHECK(rig.service->problem().isEmpty());
    CHECK(rig.service->schedule().interval == 55min);
    rig.write("[schedule]\ninterval = 25\n"); // broken again after a fix: told again
    rig.service->reload(Trigger::ConfigChanged);
    CHECK(rig.told.size() == 4);
}

TEST_CASE("broken at the first start: the defaults, and the problem told once started")
{
    Rig rig;
    rig.write("[schedule]\ninterval = 25\n");
    rig.service->load();
    CHECK(rig.service->settings() == core::defaultSettings());
    CHECK(rig.service->problem().contains("keeps its default settings"));
    CHECK(rig.told.isEmpty()); // nobody to tell yet
    rig.service->start();
    CHECK(rig.told.size() == 1);
}

TEST_CASE("a routine the config names is accepted once it arrives in the user's routines")
{
    Rig rig;
    rig.write("[break]\nroutine = \"neck-quick\"\n");
    rig.service->load();
    CHECK(rig.service->problem().contains("no routine named \"neck-quick\""));
    CHECK(rig.service->settings().breaks.routine != "neck-quick");

    QDir().mkpath(rig.home.filePath("routines"));
    QFile routine(rig.home.filePath("routines/neck-quick.toml"));
    REQUIRE(routine.open(QIODevice::WriteOnly));
    routine.write("name = \"neck-quick\"\ntitle = \"Neck, quick\"\n[[step]]\nexercise = "
                  "\"chin-tuck\"\nseconds = 40\n");
    routine.close();
    rig.service->reload(Trigger::RoutinesChanged); // the same config file, applied again
    CHECK(rig.service->content().routines.contains("neck-quick"));
    CHECK(rig.service->problem().isEmpty());
    CHECK(rig.service->settings().breaks.routine == "neck-quick");
    CHECK(rig.changes == 1);
}

TEST_CASE("once started, a rewritten file is picked up without a reload")
{
    Rig rig;
    rig.write("[schedule]\ninterval = \"45m\"\n");
    rig.service->load();
    rig.service->start();
    rig.write("[schedule]\ninterval = \"40m\"\n");
    CHECK(waitFor([&] { return rig.changes == 1; }));
    CHECK(rig.service->schedule().interval == 40min);
}

TEST_CASE("the demo's schedule runs the whole flow in a minute")
{
    Rig rig(true);
    rig.service->load();
    const auto s = rig.service->schedule();
    CHECK(s.interval == 10s);
    CHECK(s.snooze == 20s);
    CHECK(s.naturalBreak >= 5min);
    CHECK(rig.service->settings().schedule.interval == 60min); // the settings stay the user's
}
