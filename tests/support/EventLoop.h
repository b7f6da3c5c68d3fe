// Waiting in the platform tests that run a real event loop against a real server: for a
// while, for signals, and counting what wakes the process meanwhile.
#pragma once

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEvent>
#include <QEventLoop>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QString>
#include <QTimer>
#include <chrono>
#include <sys/stat.h>

namespace deskbreak::test {

// Runs the event loop for `duration`: whatever arrives meanwhile is handled.
inline void spin(std::chrono::milliseconds duration)
{
    QEventLoop loop;
    QTimer::singleShot(duration, &loop, &QEventLoop::quit);
    loop.exec();
}

// Waits until `spy` has recorded `count` signals in all, or `timeout` has passed.
inline bool waitForCount(QSignalSpy& spy, int count, std::chrono::milliseconds timeout)
{
    QElapsedTimer clock;
    clock.start();
    while (spy.size() < count && clock.elapsed() < timeout.count()) {
        spy.wait(static_cast<int>(timeout.count() - clock.elapsed()));
    }
    return spy.size() >= count;
}

inline bool isSocket(int fd)
{
    struct stat info {};
    return ::fstat(fd, &info) == 0 && S_ISSOCK(info.st_mode);
}

// The sockets this process has open.
inline int openSockets()
{
    int count = 0;
    const QDir fds(QStringLiteral("/proc/self/fd"));
    for (const QString& entry : fds.entryList(QDir::Files | QDir::System)) {
        bool ok = false;
        const int fd = entry.toInt(&ok);
        if (ok && isSocket(fd)) {
            ++count;
        }
    }
    return count;
}

// Socket activations Qt delivers to socket notifiers on sockets (not the pipes of
// QProcess) while this lives: a backend's connection waking the process.
class SocketActivity : public QObject {
public:
    SocketActivity() { QCoreApplication::instance()->installEventFilter(this); }
    ~SocketActivity() override { QCoreApplication::instance()->removeEventFilter(this); }
    SocketActivity(const SocketActivity&) = delete;
    SocketActivity& operator=(const SocketActivity&) = delete;
    int count = 0;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::SockAct) {
            const auto* notifier = qobject_cast<QSocketNotifier*>(watched);
            if (notifier != nullptr && isSocket(static_cast<int>(notifier->socket()))) {
                ++count;
            }
        }
        return QObject::eventFilter(watched, event);
    }
};

} // namespace deskbreak::test
