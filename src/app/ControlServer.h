#pragma once

#include <QJsonObject>
#include <QObject>
#include <functional>

class QLocalServer;
class QLocalSocket;

namespace deskbreak::app {

// The daemon's end of the control socket: user-private, one request per line,
// oversized or malformed input answered with an error and the connection dropped.
class ControlServer : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<QJsonObject(const QJsonObject& request)>;

    ControlServer(Handler handler, QObject* parent = nullptr);
    ~ControlServer() override;

    // Listens at control::socketPath(); false with a reason if that is not possible.
    bool listen(QString* error);

private:
    void accept();
    void read(QLocalSocket* socket);

    Handler m_handler;
    QLocalServer* m_server = nullptr;
};

// The client's end: sends one request, waits for the reply. nullopt-like empty
// object when no daemon answers.
QJsonObject sendControlRequest(const QJsonObject& request, int timeoutMs, bool* connected);

} // namespace deskbreak::app
