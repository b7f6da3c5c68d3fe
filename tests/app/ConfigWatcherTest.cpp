// The config watch, in process: it must survive whatever happens to the files it
// watches, and notice edits in place as well as new files.
#include "app/ConfigWatcher.h"

#include "DaemonSandbox.h"

#include <QTest>

using deskbreak::app::ConfigWatcher;
using deskbreak::test::waitFor;

namespace {

struct Rig {
    Rig()
    {
        REQUIRE(tmp.isValid());
        QDir().mkpath(dir);
        write(config, "[schedule]\n");
        watcher = std::make_unique<ConfigWatcher>(config, routinesDir);
        QObject::connect(watcher.get(), &ConfigWatcher::configChanged, [this] { ++configs; });
        QObject::connect(watcher.get(), &ConfigWatcher::routinesChanged, [this] { ++routines; });
    }
    QStringList watched() const { return watcher->watched(); }
    static void write(const QString& path, const QByteArray& data,
                      QIODevice::OpenMode mode = QIODevice::WriteOnly | QIODevice::Truncate)
    {
        QFile f(path);
        REQUIRE(f.open(mode));
        f.write(data);
    }
    // Waits for a count to move past `before`.
    static bool grows(const int& counter, int before)
    {
        return waitFor([&] { return counter > before; }, 5000);
    }

    QTemporaryDir tmp;
    QString dir = tmp.filePath("config/deskbreak");
    QString config = dir + "/config.toml";
    QString routinesDir = dir + "/routines";
    std::unique_ptr<ConfigWatcher> watcher;
    int configs = 0;
    int routines = 0;
};

} // namespace

TEST_SUITE("watch")
{
    TEST_CASE("the config folder deleted and created again is watched again")
    {
        Rig r;
        REQUIRE(QDir(r.dir).removeRecursively());
        REQUIRE(Rig::grows(r.configs, 0));                     // the config is gone
        CHECK(r.watched().contains(r.tmp.filePath("config"))); // its parent stands in
        const int gone = r.configs;
        REQUIRE(QDir().mkpath(r.dir));
        Rig::write(r.config, "[schedule]\ninterval = \"42m\"\n");
        CHECK(Rig::grows(r.configs, gone));
        CHECK(r.watched().contains(r.config));
        CHECK_FALSE(r.watched().contains(r.tmp.filePath("config")));
        // And the new file is watched for edits in place.
        QTest::qWait(400);
        const int back = r.configs;
        Rig::write(r.config, "# more\n", QIODevice::Append);
        CHECK(Rig::grows(r.configs, back));
    }

    TEST_CASE("the whole config home deleted and created again, folder by folder")
    {
        Rig r;
        REQUIRE(QDir(r.tmp.filePath("config")).removeRecursively());
        REQUIRE(Rig::grows(r.configs, 0));
        const int gone = r.configs;
        REQUIRE(QDir().mkpath(r.tmp.filePath("config")));
        QTest::qWait(400);
        REQUIRE(QDir().mkpath(r.dir));
        QTest::qWait(400);
        Rig::write(r.config, "[schedule]\n");
        CHECK(Rig::grows(r.configs, gone));
        CHECK(r.watched().contains(r.config));
    }

    TEST_CASE("routine files: new, edited in place (appended, rewritten), folder made later")
    {
        Rig r;
        REQUIRE(QDir().mkpath(r.routinesDir)); // the folder itself appears
        REQUIRE(Rig::grows(r.routines, 0));
        int seen = r.routines;
        Rig::write(r.routinesDir + "/mine.toml", "name = \"mine\"\n");
        REQUIRE(Rig::grows(r.routines, seen));
        CHECK(r.watched().contains(r.routinesDir + "/mine.toml"));
        QTest::qWait(400);
        seen = r.routines;
        Rig::write(r.routinesDir + "/mine.toml", "title = \"Mine\"\n", QIODevice::Append);
        REQUIRE(Rig::grows(r.routines, seen));
        QTest::qWait(400);
        seen = r.routines;
        Rig::write(r.routinesDir + "/mine.toml", "name = \"mine\"\ntitle = \"Again\"\n");
        REQUIRE(Rig::grows(r.routines, seen));
        QTest::qWait(400);
        seen = r.routines;
        REQUIRE(QFile::remove(r.routinesDir + "/mine.toml"));
        CHECK(Rig::grows(r.routines, seen));
    }

    TEST_CASE("while the folder is missing, other changes in its parent are not reported")
    {
        Rig r;
        REQUIRE(QDir(r.dir).removeRecursively());
        REQUIRE(Rig::grows(r.configs, 0));
        QTest::qWait(400);
        const int configs = r.configs;
        const int routines = r.routines;
        Rig::write(r.tmp.filePath("config/other-app.conf"), "x\n");
        QTest::qWait(800);
        CHECK(r.configs == configs);
        CHECK(r.routines == routines);
    }
}
