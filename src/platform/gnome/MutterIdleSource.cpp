#include "platform/gnome/MutterIdleSource.h"

#include <QDBusError>
#include <QDBusMessage>
#include <QDBusPendingCall>
#include <QDBusPendingCallWatcher>
#include <QDBusServiceWatcher>
#include <QDeadlineTimer>
#include <QLoggingCategory>
#include <QMetaObject>
#include <QVariant>
#include <algorithm>
#include <limits>
#include <utility>

namespace deskbreak::platform {

namespace {

Q_LOGGING_CATEGORY(lcMutter, "deskbreak.platform.mutter")

const QString kService = QStringLiteral("org.gnome.Mutter.IdleMonitor");
const QString kPath = QStringLiteral("/org/gnome/Mutter/IdleMonitor/Core");
const QString kInterface = QStringLiteral("org.gnome.Mutter.IdleMonitor");

// The whole of create()'s synchronous work.
constexpr int kStartupBudgetMs = 500;
// idleTime() blocks the caller: a compositor that does not answer at once counts as an error.
constexpr int kIdleTimeTimeoutMs = 500;
// Later calls are asynchronous: this only bounds how long a reply is awaited.
constexpr int kCallTimeoutMs = 5000;

QString oneLine(const QString& text)
{
    return text.simplified();
}

// A call to the monitor's owner, by unique name: an answer always comes from the
// owner it was asked of, never from one that took the name over meanwhile.
QDBusMessage monitorCall(const QString& owner, const QString& method,
                         const QVariantList& arguments = {})
{
    QDBusMessage call = QDBusMessage::createMethodCall(owner, kPath, kInterface, method);
    call.setArguments(arguments);
    call.setAutoStartService(false);
    return call;
}

bool isDisconnected(const QDBusConnection& bus, const QDBusMessage& reply)
{
    return !bus.isConnected() ||
           reply.errorName() == QLatin1String("org.freedesktop.DBus.Error.Disconnected");
}

} // namespace

std::unique_ptr<MutterIdleSource> MutterIdleSource::create(QString* whyNot)
{
    const QDeadlineTimer deadline(kStartupBudgetMs);
    auto fail = [&](const QString& why) {
        if (whyNot != nullptr) {
            *whyNot = why;
        }
        return std::unique_ptr<MutterIdleSource>();
    };

    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        const QString detail = oneLine(bus.lastError().message());
        return fail(QStringLiteral("no D-Bus session bus (%1)")
                        .arg(detail.isEmpty() ? QStringLiteral("cannot connect") : detail));
    }
    // The watcher and the subscription come first: no owner change after the
    // question below is missed.
    std::unique_ptr<MutterIdleSource> source(new MutterIdleSource(bus));
    QDBusMessage call = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
        QStringLiteral("org.freedesktop.DBus"), QStringLiteral("GetNameOwner"));
    call << kService;
    const QDBusMessage reply = source->m_bus.call(
        call, QDBus::Block, static_cast<int>(qMax<qint64>(1, deadline.remainingTime())));
    if (reply.type() != QDBusMessage::ReplyMessage) {
        if (reply.errorName() == QLatin1String("org.freedesktop.DBus.Error.NameHasNoOwner")) {
            return fail(QStringLiteral("nobody owns %1 on the session bus (not a GNOME session)")
                            .arg(kService));
        }
        return fail(QStringLiteral("cannot ask the session bus who owns %1: %2")
                        .arg(kService, oneLine(reply.errorMessage())));
    }
    source->m_owner = reply.arguments().value(0).toString();
    qCDebug(lcMutter).noquote() << kService << "is owned by" << source->m_owner;
    return source;
}

MutterIdleSource::MutterIdleSource(const QDBusConnection& bus)
    : m_bus(bus)
{
    auto* watcher =
        new QDBusServiceWatcher(kService, m_bus, QDBusServiceWatcher::WatchForOwnerChange, this);
    connect(watcher, &QDBusServiceWatcher::serviceOwnerChanged, this,
            &MutterIdleSource::onOwnerChanged);
    // Named by the well-known service: Qt then delivers only what its current
    // owner sends, whoever else emits a look-alike signal.
    if (!m_bus.connect(kService, kPath, kInterface, QStringLiteral("WatchFired"), this,
                       SLOT(onWatchFired(uint)))) {
        qCWarning(lcMutter) << "cannot subscribe to WatchFired:" << m_bus.lastError();
    }
}

MutterIdleSource::~MutterIdleSource()
{
    // They would outlive this source: the session bus connection is the whole process's.
    for (const uint id : {m_idleWatch, m_activeWatch}) {
        if (id != 0) {
            removeWatch(id);
        }
    }
}

std::optional<std::chrono::milliseconds> MutterIdleSource::idleTime()
{
    if (m_owner.isEmpty()) {
        return std::nullopt;
    }
    const QDBusMessage reply = m_bus.call(monitorCall(m_owner, QStringLiteral("GetIdletime")),
                                          QDBus::Block, kIdleTimeTimeoutMs);
    const QVariant value = reply.arguments().value(0);
    if (reply.type() != QDBusMessage::ReplyMessage || value.userType() != QMetaType::ULongLong) {
        qCDebug(lcMutter) << "GetIdletime failed:" << reply.errorName() << reply.errorMessage();
        return std::nullopt;
    }
    const qulonglong ms = std::min<qulonglong>(
        value.toULongLong(), static_cast<qulonglong>(std::numeric_limits<qint64>::max()));
    return std::chrono::milliseconds(static_cast<qint64>(ms));
}

void MutterIdleSource::setIdleThreshold(std::chrono::milliseconds threshold)
{
    // Mutter refuses an interval of 0 (it answers watch id 0).
    const auto wanted = std::max(threshold, std::chrono::milliseconds(1));
    if (wanted == m_threshold && (m_idleWatch != 0 || m_idleWatchPending)) {
        return;
    }
    m_threshold = wanted;
    if (m_idleWatch != 0) {
        removeWatch(m_idleWatch);
        m_idleWatch = 0;
    }
    if (!m_owner.isEmpty()) {
        addIdleWatch();
    }
}

void MutterIdleSource::addIdleWatch()
{
    const std::uint64_t request = ++m_idleRequest;
    m_idleWatchPending = true;
    addWatch(QStringLiteral("AddIdleWatch"),
             {QVariant::fromValue(static_cast<qulonglong>(m_threshold.count()))},
             [this, request](uint id) {
                 if (request != m_idleRequest) {
                     // The threshold changed while this was on its way: not wanted.
                     if (id != 0) {
                         removeWatch(id);
                     }
                     return;
                 }
                 m_idleWatchPending = false;
                 m_idleWatch = id;
                 if (id != 0 && m_firedEarly.contains(id)) {
                     idleWatchFired();
                 }
             });
}

void MutterIdleSource::addUserActiveWatch()
{
    addWatch(QStringLiteral("AddUserActiveWatch"), {}, [this](uint id) {
        m_activeWatch = id;
        if (id != 0 && m_firedEarly.contains(id)) {
            userActiveWatchFired();
        }
    });
}

void MutterIdleSource::addWatch(const QString& method, const QVariantList& arguments,
                                std::function<void(uint id)> onAdded)
{
    ++m_addsUnanswered;
    const std::uint64_t generation = m_generation;
    auto* watcher = new QDBusPendingCallWatcher(
        m_bus.asyncCall(monitorCall(m_owner, method, arguments), kCallTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, watcher, generation, method, onAdded = std::move(onAdded)] {
                watcher->deleteLater();
                if (generation != m_generation) {
                    return; // an answer of an owner since gone: its watches are void
                }
                onAdded(watchIdIn(watcher->reply(), method));
                if (--m_addsUnanswered == 0) {
                    m_firedEarly.clear();
                }
            });
}

void MutterIdleSource::removeWatch(uint id)
{
    if (m_owner.isEmpty()) {
        return;
    }
    // Nothing to wait for: mutter answers even for ids it does not know.
    m_bus.send(monitorCall(m_owner, QStringLiteral("RemoveWatch"), {QVariant::fromValue(id)}));
}

uint MutterIdleSource::watchIdIn(const QDBusMessage& reply, const QString& method)
{
    if (reply.type() == QDBusMessage::ReplyMessage) {
        const QVariant value = reply.arguments().value(0);
        if (value.userType() == QMetaType::UInt && value.toUInt() != 0) {
            return value.toUInt();
        }
        qCWarning(lcMutter).noquote()
            << method << "answered no watch id:" << reply.signature() << value;
        return 0;
    }
    if (isDisconnected(m_bus, reply)) {
        reportUnavailable(QStringLiteral("lost the D-Bus session bus"));
        return 0;
    }
    qCWarning(lcMutter).noquote() << method << "failed:" << reply.errorName()
                                  << oneLine(reply.errorMessage());
    return 0;
}

void MutterIdleSource::onWatchFired(uint id)
{
    if (id == 0) {
        return;
    }
    if (id == m_idleWatch) {
        idleWatchFired();
    } else if (id == m_activeWatch) {
        userActiveWatchFired();
    } else if (m_addsUnanswered > 0) {
        m_firedEarly.insert(id); // perhaps one of ours whose id is still on its way
    }
    // Otherwise someone else's watch.
}

void MutterIdleSource::idleWatchFired()
{
    if (m_idle) {
        return; // already reported (a replaced idle watch fires at once if idle is past it)
    }
    m_idle = true;
    addUserActiveWatch();
    emit idleFor(m_threshold.count());
}

void MutterIdleSource::userActiveWatchFired()
{
    m_activeWatch = 0; // mutter drops a user-active watch once it fired
    if (!m_idle) {
        return;
    }
    // The idle watch stays: mutter fires it again once idle reaches it anew.
    m_idle = false;
    emit activeAgain();
}

void MutterIdleSource::onOwnerChanged(const QString& service, const QString& oldOwner,
                                      const QString& newOwner)
{
    Q_UNUSED(service);
    Q_UNUSED(oldOwner);
    if (newOwner == m_owner) {
        return; // create() asked after this change already
    }
    const bool replaced = !m_owner.isEmpty();
    // Whatever the old owner was asked or said is void now.
    ++m_generation;
    m_owner = newOwner;
    m_idleWatch = 0;
    m_activeWatch = 0;
    m_idleWatchPending = false;
    m_addsUnanswered = 0;
    m_firedEarly.clear();
    if (!m_bus.isConnected()) {
        // Qt reports the watched name as gone once the bus connection dropped.
        reportUnavailable(QStringLiteral("lost the D-Bus session bus"));
        return;
    }
    if (newOwner.isEmpty()) {
        qCInfo(lcMutter).noquote()
            << kService << "left the session bus; idle reports resume when it returns";
        return;
    }
    qCInfo(lcMutter).noquote() << kService << (replaced ? "has a new owner" : "is back") << newOwner
                               << "- adding the idle watches again";
    if (m_threshold.count() > 0) {
        addIdleWatch();
    }
    if (m_idle) {
        // Whether the user is still idle is unknown: assume active, as the new
        // owner's own idle time starts afresh.
        m_idle = false;
        emit activeAgain();
    }
}

void MutterIdleSource::reportUnavailable(const QString& why)
{
    if (m_unavailable) {
        return;
    }
    m_unavailable = true;
    qCWarning(lcMutter).noquote() << "no more idle reports:" << why;
    // Queued: a receiver may delete this source, which must not happen inside a reply handler.
    QMetaObject::invokeMethod(
        this, [this, why] { emit unavailable(why); }, Qt::QueuedConnection);
}

} // namespace deskbreak::platform
