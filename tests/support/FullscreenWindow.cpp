// fullscreen-window [--normal] [--title TITLE]
//
// A window for the presenting tests (and the end-to-end ones): one Qt Widgets window, shown
// full screen with showFullScreen(), or with --normal as a normal window. Once shown it
// prints "window ID" (its native window id, the X window on xcb) on stdout.
// Then it reads commands on stdin, one a line, each what an application asks of its own
// window: "fullscreen" (showFullScreen()) and "normal" (showNormal()); each is answered
// with "ok COMMAND". It quits when stdin closes; SIGTERM ends it as it ends any program.
#include <QApplication>
#include <QByteArray>
#include <QEvent>
#include <QLabel>
#include <QSocketNotifier>
#include <QStringList>
#include <QWindow>
#include <cstdio>
#include <functional>
#include <unistd.h>
#include <utility>

namespace {

// Calls `first` at the first expose of the window it filters.
class ExposeWatch : public QObject {
public:
    explicit ExposeWatch(std::function<void()> first)
        : m_first(std::move(first))
    {
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Expose && m_first && qobject_cast<QWindow*>(watched) &&
            static_cast<QWindow*>(watched)->isExposed()) {
            auto first = std::move(m_first);
            m_first = nullptr;
            first();
        }
        return false;
    }

private:
    std::function<void()> m_first;
};

void say(const QByteArray& line)
{
    std::fputs(line.constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    bool normal = false;
    QString title = QStringLiteral("fullscreen-window");
    const QStringList args = QApplication::arguments().mid(1);
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--normal")) {
            normal = true;
        } else if (args[i] == QLatin1String("--title") && i + 1 < args.size()) {
            title = args[++i];
        } else {
            std::fprintf(stderr, "usage: fullscreen-window [--normal] [--title TITLE]\n");
            return 2;
        }
    }

    QLabel window(title);
    window.setAlignment(Qt::AlignCenter);
    window.setWindowTitle(title);
    window.resize(480, 320);
    // Told once Qt has seen the window exposed, hence mapped: a request made before Qt knows
    // its window is mapped would change the property instead of asking the window manager.
    ExposeWatch exposed(
        [&] { say("window " + QByteArray::number(static_cast<qulonglong>(window.winId()))); });
    window.winId(); // makes the native window, so that its QWindow exists
    window.windowHandle()->installEventFilter(&exposed);
    if (normal)
        window.show();
    else
        window.showFullScreen();

    QByteArray pending;
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &app, [&] {
        char buffer[256];
        const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (got <= 0) {
            input.setEnabled(false);
            QApplication::quit();
            return;
        }
        pending.append(buffer, static_cast<qsizetype>(got));
        for (qsizetype end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
            const QByteArray command = pending.left(end).trimmed();
            pending.remove(0, end + 1);
            if (command == "fullscreen")
                window.showFullScreen();
            else if (command == "normal")
                window.showNormal();
            else if (!command.isEmpty()) {
                say("unknown " + command);
                continue;
            }
            if (!command.isEmpty())
                say("ok " + command);
        }
    });
    return QApplication::exec();
}
