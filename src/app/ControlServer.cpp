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
    if (m_server)
        m_server->close();
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
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { read(socket); });
        // A client that connects and says nothing does not keep a connection forever.
        QTimer::singleShot(kIdleConnectionMs, socket, [socket] { socket->disconnectFromServer(); });
        if (socket->bytesAvailable() > 0)
            read(socket);
    }
}

void ControlServer::read(QLocalSocket* socket)
{
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
        const QJsonObject answer = valid ? m_handler(request) : control::failure(error);
        socket->write(control::encode(answer));
        socket->flush();
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
