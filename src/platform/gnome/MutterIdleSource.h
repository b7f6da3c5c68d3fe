#pragma once

#include "platform/IdleSource.h"

#include <QDBusConnection>
#include <QSet>
#include <QString>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

class QDBusMessage;

namespace deskbreak::platform {

// Push idle source on GNOME's org.gnome.Mutter.IdleMonitor (session bus, object
// /org/gnome/Mutter/IdleMonitor/Core), the only idle API GNOME on Wayland offers.
// Two watches, both kept by the compositor:
//   - an idle watch at the threshold: mutter fires it each time idle time reaches
//     it -> idleFor(threshold), then add a user-active watch;
//   - the user-active watch: fires once, at the next input -> activeAgain().
// Watch ids come back asynchronously; only ids of our own watches count. When the
// service's owner changes (gnome-shell restarts), its old watches are void and they
// are added again on the new owner; while nobody owns the name, the source waits.
// unavailable() comes only when the session bus connection itself is lost.
// Nothing wakes the process while the user neither moves nor crosses the threshold.
class MutterIdleSource : public IdleSource {
    Q_OBJECT
public:
    // nullptr and a one-line reason in *whyNot (if given) when there is no session
    // bus or nobody owns org.gnome.Mutter.IdleMonitor. Blocks at most ~0.5 s in all.
    static std::unique_ptr<MutterIdleSource> create(QString* whyNot = nullptr);

    ~MutterIdleSource() override;

    MutterIdleSource(const MutterIdleSource&) = delete;
    MutterIdleSource& operator=(const MutterIdleSource&) = delete;

    QString name() const override { return QStringLiteral("gnome-mutter"); }
    Mode mode() const override { return Mode::Push; }
    // GetIdletime (one round trip, short timeout); nullopt on error or with no owner.
    std::optional<std::chrono::milliseconds> idleTime() override;
    // Replaces the idle watch (RemoveWatch, AddIdleWatch). While idle has been
    // reported, the next idleFor() still waits for activeAgain() first.
    void setIdleThreshold(std::chrono::milliseconds threshold) override;

private Q_SLOTS:
    void onWatchFired(uint id);
    void onOwnerChanged(const QString& service, const QString& oldOwner, const QString& newOwner);

private:
    explicit MutterIdleSource(const QDBusConnection& bus);

    void addIdleWatch();
    void addUserActiveWatch();
    void removeWatch(uint id);
    void idleWatchFired();
    void userActiveWatchFired();
    // Calls Add*Watch `method` on the current owner; `onAdded` gets the new watch's
    // id (0 if the call failed) unless the owner changed in between.
    void addWatch(const QString& method, const QVariantList& arguments,
                  std::function<void(uint id)> onAdded);
    // The watch id in an Add*Watch reply, or 0 after logging why there is none.
    uint watchIdIn(const QDBusMessage& reply, const QString& method);
    void reportUnavailable(const QString& why);

    QDBusConnection m_bus;
    QString m_owner;                // unique name of the service's owner; empty while there is none
    std::uint64_t m_generation = 0; // bumped at each owner change: older replies are void
    std::uint64_t m_idleRequest = 0; // bumped per AddIdleWatch: only the latest counts
    std::chrono::milliseconds m_threshold{0};
    bool m_idle = false; // idleFor() emitted, activeAgain() not yet
    uint m_idleWatch = 0;
    uint m_activeWatch = 0;
    bool m_idleWatchPending = false;
    int m_addsUnanswered = 0; // Add*Watch calls to the current owner with no reply yet
    QSet<uint> m_firedEarly;  // ids fired while an Add*Watch was unanswered
    bool m_unavailable = false;
};

} // namespace deskbreak::platform
