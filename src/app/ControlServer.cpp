#include "app/ControlServer.h"

#include "app/AppPaths.h"
#include "app/ControlProtocol.h"
#include "platform/System.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QTimer>

namespace deskbreak::app {

namespace {
constexpr int kIdleConnectionMs = 5000;
}

ControlServer::ControlServer(Handler handler, QObject* parent)
    : QObject(parent)
    , m_handler(std::move(handler))
{
}

ControlServer::~ControlServer()
{
    // The sockets go with the server; nobody is told of watchers leaving at shutdown.
    m_watchers.clear();
    if (m_server) {
        disconnect(m_server, nullptr, this, nullptr);
        m_server->close();
    }
}

bool ControlServer::listen(QString* error)
{
    const QString path = control::socketPath();
    const QString dir = QFileInfo(path).absolutePath();
    // The socket's folder must be ours and closed to others, or anyone could talk to us.
    if (!platform::isPrivateFolder(dir, error))
        return false;
    // A live daemon accepts a connection: its socket is never taken over (Qt's listen()
    // would rename a new socket over it). What does not answer was left by one that died.
    {
        QLocalSocket probe;
        probe.connectToServer(path);
        if (probe.waitForConnected(1000)) {
            *error = QStringLiteral("another deskbreak daemon is listening on %1").arg(path);
            return false;
        }
    }
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    m_server->setMaxPendingConnections(8);
    if (!m_server->listen(path)) {
        QLocalServer::removeServer(path);
        if (!m_server->listen(path)) {
            *error = m_server->errorString();
            return false;
        }
    }
    connect(m_server, &QLocalServer::newConnection, this, &ControlServer::accept);
    return true;
}

void ControlServer::accept()
{
    while (QLocalSocket* socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, this, [this, socket] {
            dropWatcher(socket);
            socket->deleteLater();
        });
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { read(socket); });
        // A client that connects and says nothing does not keep a connection forever; a
        // watcher stops this timer, as it stays on purpose.
        auto* idle = new QTimer(socket);
        idle->setObjectName(QStringLiteral("idleConnection"));
        idle->setSingleShot(true);
        connect(idle, &QTimer::timeout, socket, [socket] { socket->disconnectFromServer(); });
        idle->start(kIdleConnectionMs);
        if (socket->bytesAvailable() > 0)
            read(socket);
    }
}

void ControlServer::publish(const QJsonObject& status)
{
    if (m_watchers.isEmpty())
        return;
    const QByteArray line = control::encode(control::reply(status)); // as the first one
    for (QLocalSocket* socket : QList<QLocalSocket*>(m_watchers)) {
        if (socket->bytesToWrite() + line.size() > control::kMaxWatcherBacklog) {
            dropWatcher(socket);
            socket->abort();
            continue;
        }
        socket->write(line);
        socket->flush();
    }
}

void ControlServer::dropWatcher(QLocalSocket* socket)
{
    if (m_watchers.removeAll(socket) > 0)
        emit watchersChanged(watcherCount());
}

void ControlServer::read(QLocalSocket* socket)
{
    if (m_watchers.contains(socket)) {
        // A watcher only listens: anything it sends ends the watch.
        dropWatcher(socket);
        socket->disconnectFromServer();
        return;
    }
    while (socket->state() == QLocalSocket::ConnectedState) {
        if (!socket->canReadLine()) {
            if (socket->bytesAvailable() >= control::kMaxMessage) {
                socket->write(
                    control::encode(control::failure(QStringLiteral("message too long"))));
                socket->flush();
                socket->disconnectFromServer();
            }
            return;
        }
        const QByteArray line = socket->readLine(control::kMaxMessage + 1);
        if (line.size() > control::kMaxMessage || !line.endsWith('\n')) {
            socket->write(control::encode(control::failure(QStringLiteral("message too long"))));
            socket->flush();
            socket->disconnectFromServer();
            return;
        }
        QString error;
        const QJsonObject request = control::decode(line.trimmed(), &error);
        // Out-of-range values are answered here: the handler sees only valid requests.
        const bool valid = error.isEmpty() && control::validateRequest(request, &error);
        const bool watch = valid && request.value(control::field::watch).toBool();
        if (watch && m_watchers.size() >= control::kMaxWatchers) {
            socket->write(control::encode(control::failure(
                QStringLiteral("too many watchers: %1 are connected").arg(m_watchers.size()))));
            socket->flush();
            socket->disconnectFromServer();
            return;
        }
        const QJsonObject answer = valid ? m_handler(request) : control::failure(error);
        socket->write(control::encode(answer));
        socket->flush();
        if (watch && answer.value(control::field::ok).toBool()) {
            if (auto* idle = socket->findChild<QTimer*>(QStringLiteral("idleConnection")))
                idle->stop();
            m_watchers.append(socket);
            emit watchersChanged(watcherCount());
            if (socket->bytesAvailable() > 0) // more after the request ends the watch
                read(socket);
            return;
        }
    }
}

void watchControlStatus(const QJsonObject& request,
                        const std::function<bool(const QJsonObject& status)>& line, int timeoutMs,
                        bool* connected)
{
    QLocalSocket socket;
    socket.connectToServer(control::socketPath());
    *connected = socket.waitForConnected(timeoutMs);
    if (!*connected)
        return;
    socket.write(control::encode(request));
    socket.flush();
    constexpr qsizetype kMaxLine = qsizetype(64) * 1024; // a status is well under 2 KiB
    for (;;) {
        // Sleeps in the kernel until the daemon writes or hangs up: -1 is no timeout at all.
        if (!socket.canReadLine() && !socket.waitForReadyRead(-1))
            return;
        while (socket.canReadLine()) {
            const QByteArray text = socket.readLine(kMaxLine + 1);
            QString error;
            const QJsonObject status = control::decode(text.trimmed(), &error);
            if (!text.endsWith('\n') || !error.isEmpty() || !line(status))
                return;
        }
        if (socket.bytesAvailable() > kMaxLine)
            return;
        if (socket.state() != QLocalSocket::ConnectedState && !socket.canReadLine())
            return;
    }
}

QJsonObject sendControlRequest(const QJsonObject& request, int timeoutMs, bool* connected)
{
    QLocalSocket socket;
    socket.connectToServer(control::socketPath());
    *connected = socket.waitForConnected(timeoutMs);
    if (!*connected)
        return {};
    socket.write(control::encode(request));
    socket.flush();
    QByteArray line;
    while (!line.endsWith('\n')) {
        if (!socket.waitForReadyRead(timeoutMs))
            break;
        line += socket.readAll();
        if (line.size() > qsizetype(64) * 1024)
            break;
    }
    QString error;
    QJsonObject answer = control::decode(line.trimmed(), &error);
    if (!error.isEmpty())
        return control::failure(QStringLiteral("the daemon sent no valid reply"));
    return answer;
}

} // namespace deskbreak::app
