#pragma once

#include "platform/Notifier.h"

#include <QList>
#include <QPair>

namespace deskbreak::test {

// A notifier that keeps what it was asked to show; the test emits actionInvoked() and
// dismissed() for the user.
class RecordingNotifier : public platform::Notifier {
public:
    QString name() const override { return QStringLiteral("recording"); }
    void showReminder(const Reminder& r) override
    {
        reminders.append(r);
        open = true;
    }
    void closeReminder() override
    {
        ++closed;
        open = false;
    }
    void showMessage(const QString& title, const QString& body) override
    {
        messages.append({title, body});
    }

    QList<Reminder> reminders;
    QList<QPair<QString, QString>> messages; // title, body
    int closed = 0;
    bool open = false;
};

} // namespace deskbreak::test
