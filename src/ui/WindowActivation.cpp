#include "ui/WindowActivation.h"

#include <QEvent>
#include <QGuiApplication>
#include <QPointer>
#include <QWidget>
#include <QWindow>

namespace deskbreak::ui {

namespace {

void activate(QWidget* window, const QString& token)
{
    // Qt 6.4's xdg-shell reads (and clears) this in QWindow::requestActivate(); it has no
    // other public way to take a token. Set only for this call, then cleared either way.
    const bool useToken = !token.isEmpty() && QGuiApplication::platformName() == u"wayland";
    if (useToken)
        qputenv("XDG_ACTIVATION_TOKEN", token.toLatin1());
    window->activateWindow();
    if (useToken)
        qunsetenv("XDG_ACTIVATION_TOKEN");
}

// Waits for a window's first expose, then activates it once and goes away. Compositors
// ignore an activation for a surface that has no content yet (sway, KWin), and the first
// frame is committed while the expose is handled: so the activation is queued after it.
class ActivateWhenExposed : public QObject {
public:
    ActivateWhenExposed(QWidget* widget, QWindow* window, QString token)
        : QObject(window)
        , m_widget(widget)
        , m_window(window)
        , m_token(std::move(token))
    {
        window->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == m_window && event->type() == QEvent::Expose && m_window->isExposed()) {
            m_window->removeEventFilter(this);
            QMetaObject::invokeMethod(
                this,
                [this] {
                    if (m_widget && m_widget->isVisible())
                        activate(m_widget, m_token);
                    deleteLater();
                },
                Qt::QueuedConnection);
        }
        return false;
    }

private:
    QPointer<QWidget> m_widget;
    QWindow* m_window;
    QString m_token;
};

} // namespace

void bringToFront(QWidget* window, const QString& activationToken)
{
    window->show();
    window->raise();
    QWindow* handle = window->windowHandle();
    if (handle && !handle->isExposed() && QGuiApplication::platformName() == u"wayland")
        new ActivateWhenExposed(window, handle, activationToken);
    else
        activate(window, activationToken);
}

} // namespace deskbreak::ui
