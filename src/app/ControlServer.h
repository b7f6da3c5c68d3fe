#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <functional>

class QLocalServer;
class QLocalSocket;

namespace deskbreak::app {

// The daemon's end of the control socket: user-private, one request per line,
// oversized or malformed input answered with an error and the connection dropped.
// A status request with "watch": true keeps its connection as a watcher: it gets the
// status as its reply, then each publish()ed status as one more line, until it hangs up.
class ControlServer : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<QJsonObject(const QJsonObject& request)>;

    ControlServer(Handler handler, QObject* parent = nullptr);
    ~ControlServer() override;

    // Listens at control::socketPath(); false with a reason if that is not possible.
    bool listen(QString* error);

    // One line to every watcher: `status` as a reply ("ok": true), like the first. One that
    // has left control::kMaxWatcherBacklog unread is dropped instead: a stuck client never
    // makes the daemon hoard memory.
    void publish(const QJsonObject& status);
    int watcherCount() const { return int(m_watchers.size()); }

signals:
    // A watcher came or went (up to control::kMaxWatchers at once).
    void watchersChanged(int count);

private:
    void accept();
    void read(QLocalSocket* socket);
    void dropWatcher(QLocalSocket* socket);

    Handler m_handler;
    QLocalServer* m_server = nullptr;
    QList<QLocalSocket*> m_watchers;
};

// The client's end: sends one request, waits for the reply. nullopt-like empty
// object when no daemon answers.
QJsonObject sendControlRequest(const QJsonObject& request, int timeoutMs, bool* connected);

// The client's end of a watch: sends `request` (a status request with "watch": true), then
// hands `line` each object the daemon sends, the reply first, sleeping in between (it
// blocks on the socket: no timer, no polling). Returns when the daemon hangs up, sends
// something that is not a line of JSON, or `line` returns false. *connected: whether a
// daemon answered the connection at all.
void watchControlStatus(const QJsonObject& request,
                        const std::function<bool(const QJsonObject& status)>& line, int timeoutMs,
                        bool* connected);

} // namespace deskbreak::app
