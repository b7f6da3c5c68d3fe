// The control socket as a hostile or clumsy client would use it.
#include "app/ControlServer.h"

#include "app/ControlProtocol.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QThread>
#include <doctest/doctest.h>

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
