#pragma once

#include <QObject>
#include <QString>
#include <chrono>
#include <optional>

namespace deskbreak::platform {

// Where the user's input idle time comes from. Two kinds exist: sources the
// daemon polls (it asks idleTime() when it needs to know), and sources that
// push (they emit idleFor() once idle reaches the threshold and activeAgain()
// at the next input, and wake nobody while nothing changes).
class IdleSource : public QObject {
    Q_OBJECT
public:
    enum class Mode { Poll, Push };

    using QObject::QObject;
    ~IdleSource() override = default;

    virtual QString name() const = 0;
    virtual Mode mode() const = 0;
    // False for a source that sees no input at all (the user counts as always present): a
    // pause in typing cannot be waited for then.
    virtual bool seesInput() const { return true; }

    // Poll sources: the input idle time now; nullopt if the query failed.
    virtual std::optional<std::chrono::milliseconds> idleTime() = 0;

    // Push sources: from now on, emit idleFor() when idle time reaches `threshold`,
    // then activeAgain() at the next input, then idleFor() again, and so on.
    virtual void setIdleThreshold(std::chrono::milliseconds threshold) { Q_UNUSED(threshold); }

signals:
    void idleFor(qint64 idleMs);
    void activeAgain();
    // The source stopped working for good (e.g. the compositor went away); the
    // daemon falls back to no idle source. Emitted at most once.
    void unavailable(const QString& why);
};

} // namespace deskbreak::platform
