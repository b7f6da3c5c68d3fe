// Test tool: one plain Qt window, to be made fullscreen or not, as another program's window
// is for the compositor. Run with QT_QPA_PLATFORM=wayland.
//   wayland_test_window [--title TITLE] [--fullscreen]
// It reads commands from stdin, one a line: "fullscreen", "normal", "quit" (end of input
// quits too). It prints "state fullscreen=F active=A" (0 or 1) once it is shown and at each
// change of either, as the compositor made it: Qt takes a requested state at once, so
// fullscreen counts only once the compositor also gave the window the whole screen, and not
// fullscreen only once it took it back.
#include <QGuiApplication>
#include <QPainter>
#include <QRasterWindow>
#include <QScreen>
#include <QSocketNotifier>
#include <cstdio>
#include <string>
#include <unistd.h>

namespace {

class TestWindow : public QRasterWindow {
public:
    TestWindow()
    {
        connect(this, &QWindow::windowStateChanged, this, &TestWindow::tell);
        connect(this, &QWindow::activeChanged, this, &TestWindow::tell);
    }

    void tell()
    {
        if (!m_exposed) {
            return; // before the first configure, Qt's state is only what was asked for
        }
        const bool fullscreen = (windowStates() & Qt::WindowFullScreen) != 0;
        if (fullscreen != (screen() != nullptr && size() == screen()->size())) {
            return; // asked for, not yet configured by the compositor
        }
        const bool active = isActive();
        if (m_told && fullscreen == m_fullscreen && active == m_active) {
            return;
        }
        m_told = true;
        m_fullscreen = fullscreen;
        m_active = active;
        std::printf("state fullscreen=%d active=%d\n", fullscreen ? 1 : 0, active ? 1 : 0);
        std::fflush(stdout);
    }

protected:
    void resizeEvent(QResizeEvent* event) override
    {
        QRasterWindow::resizeEvent(event);
        tell();
    }
    void exposeEvent(QExposeEvent* event) override
    {
        QRasterWindow::exposeEvent(event);
        if (isExposed()) {
            m_exposed = true;
            tell();
        }
    }
    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        painter.fillRect(QRect(QPoint(0, 0), size()), QColor(40, 90, 160));
    }

private:
    bool m_exposed = false;
    bool m_told = false;
    bool m_fullscreen = false;
    bool m_active = false;
};

} // namespace

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    QString title = QStringLiteral("deskbreak test window");
    bool fullscreen = false;
    const QStringList args = QGuiApplication::arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == QStringLiteral("--title") && i + 1 < args.size()) {
            title = args[++i];
        } else if (args[i] == QStringLiteral("--fullscreen")) {
            fullscreen = true;
        } else {
            std::fprintf(stderr, "usage: wayland_test_window [--title TITLE] [--fullscreen]\n");
            return 2;
        }
    }

    TestWindow window;
    window.setTitle(title);
    window.resize(400, 300);
    if (fullscreen) {
        window.showFullScreen();
    } else {
        window.showNormal();
    }

    std::string pending;
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &window, [&]() {
        char buffer[256];
        const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (got <= 0) {
            input.setEnabled(false);
            QGuiApplication::quit();
            return;
        }
        pending.append(buffer, static_cast<std::size_t>(got));
        for (std::size_t end = pending.find('\n'); end != std::string::npos;
             end = pending.find('\n')) {
            const std::string command = pending.substr(0, end);
            pending.erase(0, end + 1);
            if (command == "fullscreen") {
                window.showFullScreen();
            } else if (command == "normal") {
                window.showNormal();
            } else if (command == "quit") {
                QGuiApplication::quit();
            } else {
                std::fprintf(stderr, "wayland_test_window: unknown command '%s'\n",
                             command.c_str());
            }
        }
    });
    return QGuiApplication::exec();
}
