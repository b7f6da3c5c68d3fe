// Many deskbreak daemons started at the same instant: exactly one runs, every other
// start asks it to show itself and exits 0, and `deskbreak quit` stops the one.
#include "DaemonSandbox.h"
#include "app/ControlServer.h"
#include "platform/InstanceLock.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <vector>

using namespace deskbreak::test;

namespace {

void startAtOnce(int count, int rounds)
{
    for (int round = 0; round < rounds; ++round) {
        CAPTURE(count);
        CAPTURE(round);
        DaemonSandbox box; // a fresh home and runtime dir each round
        std::vector<std::unique_ptr<QProcess>> starts;
        for (int i = 0; i < count; ++i)
            starts.push_back(box.spawn());
        for (auto& p : starts)
            REQUIRE(p->waitForStarted());

        // All but one end on their own, each with exit code 0.
        const auto running = [&] {
            int n = 0;
            for (auto& p : starts) {
                p->waitForFinished(10);
                n += p->state() != QProcess::NotRunning;
            }
            return n;
        };
        const bool othersEnded = waitFor([&] { return running() <= 1; }, 30000);
        REQUIRE_MESSAGE(othersEnded, running()
                                         << " daemons still run; log: " << box.log().toStdString());
        QProcess* daemon = nullptr;
        for (auto& p : starts) {
            if (p->state() != QProcess::NotRunning) {
                daemon = p.get();
                continue;
            }
            CHECK(p->exitStatus() == QProcess::NormalExit);
            CHECK_MESSAGE(p->exitCode() == 0, p->readAllStandardError().toStdString());
            CHECK(p->readAllStandardOutput().contains("already running"));
        }
        REQUIRE_MESSAGE(daemon, "no daemon kept running");

        // The one that runs is the one that answers, and quit stops it.
        const QJsonObject status = box.status();
        CHECK(status.value("pid").toInteger() == daemon->processId());
        box.quit(*daemon);
    }
}

} // namespace

TEST_SUITE("instance")
{
    TEST_CASE("two daemons started at the same instant, 20 times: exactly one runs")
    {
        startAtOnce(2, 20);
    }

    TEST_CASE("five daemons started at the same instant, 20 times: exactly one runs")
    {
        startAtOnce(5, 20);
    }

    TEST_CASE("the lock is exclusive, and free again once its holder is gone")
    {
        DaemonSandbox box;
        const QString path = box.path("runtime/test.lock");
        QString error;
        auto first = std::make_unique<deskbreak::platform::InstanceLock>();
        REQUIRE(first->tryAcquire(path, &error) ==
                deskbreak::platform::InstanceLock::Result::Acquired);
        CHECK(deskbreak::platform::InstanceLock::ownerPid(path) ==
              QCoreApplication::applicationPid());
        deskbreak::platform::InstanceLock second;
        CHECK(second.tryAcquire(path, &error) ==
              deskbreak::platform::InstanceLock::Result::HeldByOther);
        first.reset();
        CHECK(second.tryAcquire(path, &error) ==
              deskbreak::platform::InstanceLock::Result::Acquired);
    }

    TEST_CASE("a daemon killed outright leaves no lock that stops the next start")
    {
        DaemonSandbox box;
        auto daemon = box.startDaemon();
        daemon->kill(); // SIGKILL: no clean-up runs, the lock and socket files stay
        REQUIRE(daemon->waitForFinished(5000));
        REQUIRE(QFileInfo::exists(box.path("runtime/deskbreak.lock")));
        auto next = box.startDaemon();
        CHECK(box.status().value("pid").toInteger() == next->processId());
        box.quit(*next);
    }

    TEST_CASE("a live daemon's socket is never removed by another listener")
    {
        DaemonSandbox box;
        deskbreak::app::ControlServer first([](const QJsonObject&) {
            return QJsonObject{{"ok", true}, {"who", "first"}};
        });
        QString error;
        REQUIRE(first.listen(&error));
        deskbreak::app::ControlServer second([](const QJsonObject&) {
            return QJsonObject{{"ok", true}, {"who", "second"}};
        });
        CHECK_FALSE(second.listen(&error));
        CHECK(error.contains("another deskbreak daemon is listening"));
        QLocalSocket socket;
        socket.connectToServer(box.path("runtime/deskbreak.socket"));
        REQUIRE(socket.waitForConnected(1000));
        socket.write("{\"command\":\"status\"}\n");
        QByteArray reply;
        CHECK(waitFor(
            [&] {
                socket.waitForReadyRead(10);
                reply += socket.readAll();
                return reply.endsWith('\n');
            },
            5000));
        CHECK(reply.contains("\"who\":\"first\""));
    }
}
