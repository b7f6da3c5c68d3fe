#pragma once

#include "core/Effect.h"

#include <QObject>
#include <QString>

namespace deskbreak::platform {

// One thing that makes a due reminder wait ([moment]): a camera or microphone in use, a
// fullscreen window, do-not-disturb. A detector looks only while it is watching, which the
// daemon asks for only while a break is due; it wakes nobody otherwise.
//   setWatching(true)  checks at once (active() is up to date when it returns), then follows
//                      changes: by events where the source has them, else by a look every
//                      kLookInterval;
//   setWatching(false) stops following and lets go of whatever it holds (watches, timers,
//                      subscriptions); active() is then false.
// activeChanged() is emitted only on a change, and never from inside setWatching().
class HoldDetector : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~HoldDetector() override = default;

    virtual core::HoldReason reason() const = 0;
    // The backend, for the log and `doctor`, e.g. "alsa-proc".
    virtual QString name() const = 0;
    // One line for `doctor`: what it looks at, e.g. "capture streams in /proc/asound".
    virtual QString looksAt() const = 0;

    virtual void setWatching(bool on) = 0;
    virtual bool isWatching() const = 0;
    virtual bool active() const = 0;

    // How often a detector without change events looks again while watching: a hold ends
    // within this, and the reminder follows.
    static constexpr int kLookIntervalMs = 2000;

signals:
    void activeChanged(bool active);
};

} // namespace deskbreak::platform
