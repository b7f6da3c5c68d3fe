// The control socket as a hostile or clumsy client would use it.
#include "app/ControlServer.h"

#include "app/ControlProtocol.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QThread>
#include <doctest/doctest.h>
#include <memory>
#include <vector>

using namespace deskbreak::app;

namespace {

// A private runtime dir per test, as XDG says: owned by us, mode 0700.
struct RuntimeDir {
    RuntimeDir()
    {
        REQUIRE(dir.isValid());
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        qputenv("XDG_RUNTIME_DIR", dir.path().toUtf8());
    }
    QTemporaryDir dir;
};

QByteArray exchange(QLocalSocket& socket, const QByteArray& bytes)
{
    socket.write(bytes);
    socket.flush();
    QByteArray reply;
    for (int i = 0; i < 50 && !reply.endsWith('\n'); ++i) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        socket.waitForReadyRead(20);
        reply += socket.readAll();
    }
    return reply;
}

} // namespace

TEST_CASE("requests are answered one line each, junk gets an error and the daemon lives on")
{
    RuntimeDir runtime;
    int handled = 0;
    ControlServer server([&](const QJsonObject& r) {
        ++handled;
        return control::reply({{"echo", r.value("command")}});
    });
    QString error;
    REQUIRE_MESSAGE(server.listen(&error), error.toStdString());

    QLocalSocket socket;
    socket.connectToServer(control::socketPath());
    REQUIRE(socket.waitForConnected(1000));
    CHECK(exchange(socket, "{\"command\":\"status\"}\n") == "{\"echo\":\"status\",\"ok\":true}\n");
    CHECK(exchange(socket, "this is not json\n").contains("\"ok\":false"));
    CHECK(exchange(socket, "[1,2,3]\n").contains("not a JSON object"));
    CHECK(exchange(socket, "{\"command\":\"again\"}\n").contains("\"echo\":\"again\""));
    CHECK(handled == 2);
}

TEST_CASE("an oversized message is refused and the connection dropped, others are unharmed")
{
    RuntimeDir runtime;
    ControlServer server([](const QJsonObject&) { return control::reply(); });
    QString error;
    REQUIRE(server.listen(&error));

    QLocalSocket big;
    big.connectToServer(control::socketPath());
    REQUIRE(big.waitForConnected(1000));
    const QByteArray reply = exchange(big, QByteArray(64 * 1024, 'x'));
    CHECK(reply.contains("message too long"));
    for (int i = 0; i < 50 && big.state() == QLocalSocket::ConnectedState; ++i) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        big.waitForDisconnected(20);
    }
    CHECK(big.state() == QLocalSocket::UnconnectedState);

    bool connected = false;
    QThread* client = QThread::create([&] {
        const QJsonObject answer = sendControlRequest({{"command", "status"}}, 2000, &connected);
        CHECK(answer.value("ok").toBool());
    });
    client->start();
    while (!client->isFinished())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    client->wait();
    delete client;
    CHECK(connected);
}

TEST_CASE("with no daemon, a client is told so")
{
    RuntimeDir runtime;
    bool connected = true;
    sendControlRequest({{"command", "status"}}, 500, &connected);
    CHECK_FALSE(connected);
}

TEST_CASE("the socket and its folder are open to this user only")
{
    RuntimeDir runtime;
    // A runtime folder others can enter is not used (Qt falls back to a private one).
    QFile::setPermissions(runtime.dir.path(), QFile::ReadOwner | QFile::WriteOwner |
                                                  QFile::ExeOwner | QFile::ReadOther |
                                                  QFile::ExeOther);
    ControlServer server([](const QJsonObject&) { return control::reply(); });
    QString error;
    REQUIRE_MESSAGE(server.listen(&error), error.toStdString());
    const auto others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther |
                        QFile::WriteOther | QFile::ExeOther;
    const QFileInfo socket(control::socketPath());
    CHECK(socket.absolutePath() != runtime.dir.path());
    CHECK((QFileInfo(socket.absolutePath()).permissions() & others) == 0);
    CHECK((socket.permissions() & others) == 0);
}

TEST_CASE("a stale socket file from a dead daemon is replaced")
{
    RuntimeDir runtime;
    QFile stale(control::socketPath());
    REQUIRE(stale.open(QIODevice::WriteOnly));
    stale.close();
    ControlServer server([](const QJsonObject&) { return control::reply(); });
    QString error;
    CHECK_MESSAGE(server.listen(&error), error.toStdString());
}

TEST_CASE("a second launch's activation token is passed on only when it looks like one")
{
    const QString wlroots = QStringLiteral("0c26ae532f42d3593ade51e694396b5a");
    const QString startupId = QStringLiteral("gnome-shell/deskbreak/4061-0-host_TIME123456");
    CHECK(control::activationToken(control::showRequest(wlroots)) == wlroots);
    CHECK(control::activationToken(control::showRequest(startupId)) == startupId);
    CHECK_FALSE(control::showRequest({}).contains("activation_token"));
    CHECK(control::showRequest({}).value("command") == "show");

    const QString longest(control::kMaxActivationToken, QLatin1Char('a'));
    CHECK(control::activationToken({{"activation_token", longest}}) == longest);
    CHECK(control::activationToken({{"activation_token", longest + 'a'}}).isEmpty());
    CHECK(control::activationToken({{"activation_token", "two words"}}).isEmpty());
    CHECK(control::activationToken({{"activation_token", "line\nbreak"}}).isEmpty());
    CHECK(control::activationToken({{"activation_token", QStringLiteral("t\u00e9l\u00e9")}})
              .isEmpty());
    CHECK(control::activationToken({{"activation_token", 42}}).isEmpty());
    CHECK(control::activationToken({{"command", "show"}}).isEmpty());
}

// ---- status --watch: watchers ------------------------------------------------------------

namespace {

// The next line `socket` gets, waiting up to `ms` with the server's events running.
template <typename Condition> bool waitFor(Condition done, int ms = 2000)
{
    QElapsedTimer waited;
    waited.start();
    while (!done() && waited.elapsed() < ms) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        QThread::msleep(2);
    }
    return done();
}

QByteArray nextLine(QLocalSocket& socket, int ms = 2000)
{
    waitFor([&] { return socket.canReadLine(); }, ms);
    return socket.canReadLine() ? socket.readLine() : QByteArray();
}

bool watch(QLocalSocket& socket)
{
    socket.connectToServer(control::socketPath());
    if (!socket.waitForConnected(1000))
        return false;
    socket.write("{\"command\":\"status\",\"watch\":true}\n");
    socket.flush();
    return nextLine(socket).contains("\"ok\":true");
}

} // namespace

TEST_CASE("a watcher gets the status, then each published one, and stays past the idle timeout")
{
    RuntimeDir runtime;
    ControlServer server([](const QJsonObject&) { return control::reply({{"state", "sitting"}}); });
    QString error;
    REQUIRE(server.listen(&error));
    QList<int> counts;
    QObject::connect(&server, &ControlServer::watchersChanged, [&](int n) { counts << n; });

    QLocalSocket watcher;
    REQUIRE(watch(watcher));
    CHECK(server.watcherCount() == 1);
    server.publish({{"state", "due"}});
    CHECK(nextLine(watcher) == "{\"ok\":true,\"state\":\"due\"}\n");

    // A client that connects and says nothing is dropped after a while; the watcher is not.
    QLocalSocket silent;
    silent.connectToServer(control::socketPath());
    REQUIRE(silent.waitForConnected(1000));
    CHECK(waitFor([&] { return silent.state() == QLocalSocket::UnconnectedState; }, 10000));
    CHECK(watcher.state() == QLocalSocket::ConnectedState);
    server.publish({{"state", "break"}});
    CHECK(nextLine(watcher).contains("\"state\":\"break\""));

    // It hangs up: the daemon forgets it, and publishing goes on harmlessly.
    watcher.disconnectFromServer();
    CHECK(waitFor([&] { return server.watcherCount() == 0; }));
    server.publish({{"state", "sitting"}});
    CHECK(counts == QList<int>{1, 0});
}

TEST_CASE("watchers are bounded: one past the limit is refused, and told why")
{
    RuntimeDir runtime;
    int handled = 0;
    ControlServer server([&](const QJsonObject&) {
        ++handled;
        return control::reply({{"state", "sitting"}});
    });
    QString error;
    REQUIRE(server.listen(&error));
    std::vector<std::unique_ptr<QLocalSocket>> watchers;
    for (int i = 0; i < control::kMaxWatchers; ++i) {
        watchers.push_back(std::make_unique<QLocalSocket>());
        REQUIRE(watch(*watchers.back()));
    }
    CHECK(server.watcherCount() == control::kMaxWatchers);
    QLocalSocket extra;
    extra.connectToServer(control::socketPath());
    REQUIRE(extra.waitForConnected(1000));
    extra.write("{\"command\":\"status\",\"watch\":true}\n");
    extra.flush();
    CHECK(nextLine(extra).contains("too many watchers"));
    CHECK(waitFor([&] { return extra.state() == QLocalSocket::UnconnectedState; }));
    CHECK(handled == control::kMaxWatchers); // refused before the handler ran

    // One leaves: there is room again.
    watchers.front()->disconnectFromServer();
    CHECK(waitFor([&] { return server.watcherCount() == control::kMaxWatchers - 1; }));
    QLocalSocket again;
    CHECK(watch(again));
}

TEST_CASE("a watcher that talks is dropped; watch goes with status only")
{
    RuntimeDir runtime;
    ControlServer server([](const QJsonObject&) { return control::reply(); });
    QString error;
    REQUIRE(server.listen(&error));
    QLocalSocket watcher;
    REQUIRE(watch(watcher));
    watcher.write("{\"command\":\"quit\"}\n");
    watcher.flush();
    CHECK(waitFor([&] { return server.watcherCount() == 0; }));
    CHECK(waitFor([&] { return watcher.state() == QLocalSocket::UnconnectedState; }));

    CHECK_FALSE(control::validateRequest({{"command", "skip"}, {"watch", true}}, &error));
    CHECK(error.contains("goes with status only"));
    CHECK_FALSE(control::validateRequest({{"command", "status"}, {"watch", "yes"}}, &error));
    CHECK(control::validateRequest({{"command", "status"}, {"watch", false}}, &error));
}

TEST_CASE("a watcher that reads nothing is dropped before its backlog grows past the bound")
{
    RuntimeDir runtime;
    ControlServer server([](const QJsonObject&) { return control::reply(); });
    QString error;
    REQUIRE(server.listen(&error));
    QLocalSocket stuck;
    REQUIRE(watch(stuck));
    stuck.setReadBufferSize(1024); // it stops reading: the kernel's buffers fill, then ours
    const QJsonObject big{{"pad", QString(4000, u'x')}};
    for (int i = 0; i < 400 && server.watcherCount() > 0; ++i) {
        server.publish(big);
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
    }
    CHECK(server.watcherCount() == 0);
}
