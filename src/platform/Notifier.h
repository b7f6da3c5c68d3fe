#pragma once

#include <QObject>
#include <QString>

namespace deskbreak::platform {

// Shows the break reminder with its three buttons, and short messages.
class Notifier : public QObject {
    Q_OBJECT
public:
    enum class Action { Start, Snooze, Skip };

    struct Reminder {
        QString title; // e.g. "Time for a desk break"
        QString body;  // e.g. "You have been sitting for 1h 02m."
        bool offerSnooze = true;
        QString snoozeLabel; // e.g. "Snooze 10 min"
        // Held past max_hold (a long call): shown without sound, at low urgency, and without
        // taking the keyboard.
        bool quiet = false;
    };

    using QObject::QObject;
    ~Notifier() override = default;

    virtual QString name() const = 0;
    // Shows the reminder, replacing one already shown.
    virtual void showReminder(const Reminder& reminder) = 0;
    // Takes the reminder down (after an action, a natural break, a pause).
    virtual void closeReminder() = 0;
    // A one-off message without buttons (e.g. a config problem).
    virtual void showMessage(const QString& title, const QString& body) = 0;

signals:
    void actionInvoked(deskbreak::platform::Notifier::Action action);
    // The user closed the reminder without choosing (it will come back after remind_again).
    void dismissed();
};

} // namespace deskbreak::platform
