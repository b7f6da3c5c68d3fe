#include "platform/freedesktop/FreedesktopSessionMonitor.h"

#include <QCoreApplication>
#include <QDBusError>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusPendingCall>
#include <QDBusPendingCallWatcher>
#include <QDBusServiceWatcher>
#include <QDBusVariant>
#include <QLoggingCategory>
#include <QVariant>
#include <utility>

namespace deskbreak::platform {

namespace {

Q_LOGGING_CATEGORY(lcSession, "deskbreak.platform.session")

const QString kLogindService = QStringLiteral("org.freedesktop.login1");
const QString kLogindPath = QStringLiteral("/org/freedesktop/login1");
const QString kManagerInterface = QStringLiteral("org.freedesktop.login1.Manager");
const QString kSessionInterface = QStringLiteral("org.freedesktop.login1.Session");
const QString kPropertiesInterface = QStringLiteral("org.freedesktop.DBus.Properties");
const QString kLockedHint = QStringLiteral("LockedHint");

const QString kBusService = QStringLiteral("org.freedesktop.DBus");
const QString kBusPath = QStringLiteral("/org/freedesktop/DBus");
const QString kBusInterface = QStringLiteral("org.freedesktop.DBus");

const QString kFreedesktopScreenSaver = QStringLiteral("org.freedesktop.ScreenSaver");
const QString kGnomeScreenSaver = QStringLiteral("org.gnome.ScreenSaver");

// Where each screen saver emits ActiveChanged(bool): KDE exports its object at both
// paths, other implementations at one or the other; GNOME Shell uses its own name.
struct ScreenSaverEndpoint {
    QString service;
    QString path;
    QString interface;
};
const ScreenSaverEndpoint kScreenSaverEndpoints[] = {
    {kFreedesktopScreenSaver, QStringLiteral("/org/freedesktop/ScreenSaver"),
     kFreedesktopScreenSaver},
    {kFreedesktopScreenSaver, QStringLiteral("/ScreenSaver"), kFreedesktopScreenSaver},
    {kGnomeScreenSaver, QStringLiteral("/org/gnome/ScreenSaver"), kGnomeScreenSaver},
};

// The whole of create()'s synchronous work; each call gets what is left of it.
constexpr int kStartupBudgetMs = 1000;
// Calls made later are asynchronous: this only bounds how long a reply is awaited.
constexpr int kCallTimeoutMs = 5000;

QString oneLine(const QString& text)
{
    return text.simplified();
}

QString busError(const QDBusConnection& bus)
{
    const QString detail = oneLine(bus.lastError().message());
    return detail.isEmpty() ? QStringLiteral("cannot connect") : detail;
}

bool isTimeout(const QDBusMessage& reply)
{
    return reply.errorName() == QLatin1String("org.freedesktop.DBus.Error.NoReply") ||
           reply.errorName() == QLatin1String("org.freedesktop.DBus.Error.Timeout");
}

int remainingMs(const QDeadlineTimer& deadline)
{
    return static_cast<int>(qMax<qint64>(0, deadline.remainingTime()));
}

QDBusMessage sessionByPidCall()
{
    QDBusMessage call = QDBusMessage::createMethodCall(
        kLogindService, kLogindPath, kManagerInterface, QStringLiteral("GetSessionByPID"));
    call << static_cast<uint>(QCoreApplication::applicationPid());
    return call;
}

QDBusMessage autoSessionCall()
{
    QDBusMessage call = QDBusMessage::createMethodCall(
        kLogindService, kLogindPath, kManagerInterface, QStringLiteral("GetSession"));
    call << QStringLiteral("auto");
    return call;
}

// Asks the bus daemon (which answers at once) whether `service` has an owner.
bool hasOwner(const QDBusConnection& bus, const QString& service, const QDeadlineTimer& deadline)
{
    const int left = remainingMs(deadline);
    if (left <= 0)
        return false;
    QDBusMessage call = QDBusMessage::createMethodCall(kBusService, kBusPath, kBusInterface,
                                                       QStringLiteral("NameHasOwner"));
    call << service;
    const QDBusMessage reply = bus.call(call, QDBus::Block, left);
    return reply.type() == QDBusMessage::ReplyMessage && reply.arguments().value(0).toBool();
}

// A property value as found in a{sv}: Qt may hand it over still wrapped.
QVariant unwrapped(const QVariant& value)
{
    if (value.userType() == qMetaTypeId<QDBusVariant>())
        return value.value<QDBusVariant>().variant();
    return value;
}

} // namespace

std::unique_ptr<FreedesktopSessionMonitor> FreedesktopSessionMonitor::create(QString* whyNot)
{
    const QDeadlineTimer deadline(kStartupBudgetMs);
    const QDBusConnection system = QDBusConnection::systemBus();
    const QDBusConnection session = QDBusConnection::sessionBus();
    const QString systemError = system.isConnected() ? QString() : busError(system);
    const QString sessionError = session.isConnected() ? QString() : busError(session);
    if (!system.isConnected() && !session.isConnected()) {
        if (whyNot)
            *whyNot = QStringLiteral("no D-Bus system bus for logind (%1) and no D-Bus session "
                                     "bus for a screen saver (%2)")
                          .arg(systemError, sessionError);
        return nullptr;
    }

    std::unique_ptr<FreedesktopSessionMonitor> monitor(
        new FreedesktopSessionMonitor(system, systemError, session, sessionError));
    monitor->probe(deadline);
    // The lock state at start (LockedHint was asked for by probe(), once it knew the
    // session): the answers come through the event loop, once the caller has
    // connected to our signals.
    for (const QString& service : std::as_const(monitor->m_screenSaversRunning))
        monitor->readScreenSaverActive(service);
    return monitor;
}

FreedesktopSessionMonitor::FreedesktopSessionMonitor(const QDBusConnection& system,
                                                     QString systemError,
                                                     const QDBusConnection& session,
                                                     QString sessionError)
    : m_system(system)
    , m_session(session)
    , m_systemError(std::move(systemError))
    , m_sessionError(std::move(sessionError))
{
    // Subscriptions name the well-known service: Qt then delivers only what its
    // current owner sends, whoever else emits a look-alike signal. Watchers come
    // before probe() so that no owner change between the two is missed.
    if (m_system.isConnected()) {
        auto* watcher = new QDBusServiceWatcher(kLogindService, m_system,
                                                QDBusServiceWatcher::WatchForOwnerChange, this);
        connect(watcher, &QDBusServiceWatcher::serviceOwnerChanged, this,
                &FreedesktopSessionMonitor::onLogindOwnerChanged);
        if (!m_system.connect(kLogindService, kLogindPath, kManagerInterface,
                              QStringLiteral("PrepareForSleep"), this,
                              SLOT(onPrepareForSleep(bool))))
            qCWarning(lcSession) << "cannot subscribe to PrepareForSleep:" << m_system.lastError();
    }
    if (m_session.isConnected()) {
        auto* watcher = new QDBusServiceWatcher(QString(), m_session,
                                                QDBusServiceWatcher::WatchForOwnerChange, this);
        watcher->setWatchedServices({kFreedesktopScreenSaver, kGnomeScreenSaver});
        connect(watcher, &QDBusServiceWatcher::serviceOwnerChanged, this,
                &FreedesktopSessionMonitor::onScreenSaverOwnerChanged);
        for (const auto& endpoint : kScreenSaverEndpoints) {
            if (!m_session.connect(endpoint.service, endpoint.path, endpoint.interface,
                                   QStringLiteral("ActiveChanged"), this,
                                   SLOT(onScreenSaverActiveChanged(bool))))
                qCWarning(lcSession) << "cannot subscribe to ActiveChanged at" << endpoint.path
                                     << m_session.lastError();
        }
    }
}

void FreedesktopSessionMonitor::probe(const QDeadlineTimer& deadline)
{
    // The bus daemons first: they answer at once, logind might not.
    if (m_session.isConnected()) {
        for (const QString& service : {kFreedesktopScreenSaver, kGnomeScreenSaver}) {
            if (hasOwner(m_session, service, deadline))
                m_screenSaversRunning.insert(service);
        }
    }
    if (!m_system.isConnected())
        return;
    m_logindRunning = hasOwner(m_system, kLogindService, deadline);
    if (!m_logindRunning)
        return;

    // Our session: the one this process belongs to or, for a process outside any
    // session (a systemd user service), logind's pick for our user ("auto").
    QDBusMessage reply = m_system.call(sessionByPidCall(), QDBus::Block, remainingMs(deadline));
    if (reply.type() != QDBusMessage::ReplyMessage && !isTimeout(reply) &&
        remainingMs(deadline) > 0)
        reply = m_system.call(autoSessionCall(), QDBus::Block, remainingMs(deadline));
    if (reply.type() != QDBusMessage::ReplyMessage &&
        (isTimeout(reply) || remainingMs(deadline) <= 0)) {
        // logind is slow today: do not hold up the start, ask again without waiting.
        qCDebug(lcSession) << "logind did not name our session within the start-up budget";
        resolveSessionAsync();
        return;
    }
    applySessionReply(reply);
}

void FreedesktopSessionMonitor::resolveSessionAsync()
{
    const std::uint64_t generation = ++m_sessionGeneration;
    auto* watcher =
        new QDBusPendingCallWatcher(m_system.asyncCall(sessionByPidCall(), kCallTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_sessionGeneration)
            return;
        const QDBusMessage reply = watcher->reply();
        if (reply.type() == QDBusMessage::ReplyMessage)
            applySessionReply(reply);
        else
            resolveSessionByAutoAsync(generation);
    });
}

void FreedesktopSessionMonitor::resolveSessionByAutoAsync(std::uint64_t generation)
{
    auto* watcher =
        new QDBusPendingCallWatcher(m_system.asyncCall(autoSessionCall(), kCallTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_sessionGeneration)
            applySessionReply(watcher->reply());
    });
}

void FreedesktopSessionMonitor::applySessionReply(const QDBusMessage& reply)
{
    const QString path = reply.type() == QDBusMessage::ReplyMessage
                             ? reply.arguments().value(0).value<QDBusObjectPath>().path()
                             : QString();
    if (path.isEmpty()) {
        m_sessionLookupError = reply.type() == QDBusMessage::ReplyMessage
                                   ? QStringLiteral("logind answered with no session")
                                   : oneLine(reply.errorMessage());
        if (m_sessionLookupError.isEmpty())
            m_sessionLookupError = reply.errorName();
        qCDebug(lcSession) << "no logind session for us:" << m_sessionLookupError;
    } else {
        m_sessionLookupError.clear();
    }
    followSession(path);
    // Also when the path is the one followed already: a restarted logind names it anew.
    if (!m_sessionPath.isEmpty())
        readLockedHint(false);
}

void FreedesktopSessionMonitor::followSession(const QString& path)
{
    if (path == m_sessionPath)
        return;
    const struct {
        const QString& interface;
        QString signal;
        const char* slot;
    } subscriptions[] = {
        {kSessionInterface, QStringLiteral("Lock"), SLOT(onSessionLock())},
        {kSessionInterface, QStringLiteral("Unlock"), SLOT(onSessionUnlock())},
        {kPropertiesInterface, QStringLiteral("PropertiesChanged"),
         SLOT(onSessionPropertiesChanged(QString, QVariantMap, QStringList))},
    };
    if (!m_sessionPath.isEmpty()) {
        for (const auto& s : subscriptions)
            m_system.disconnect(kLogindService, m_sessionPath, s.interface, s.signal, this, s.slot);
    }
    m_sessionPath = path;
    if (m_sessionPath.isEmpty())
        return;
    qCDebug(lcSession) << "following logind session" << m_sessionPath;
    for (const auto& s : subscriptions) {
        if (!m_system.connect(kLogindService, m_sessionPath, s.interface, s.signal, this, s.slot))
            qCWarning(lcSession) << "cannot subscribe to" << s.signal << "of" << m_sessionPath
                                 << m_system.lastError();
    }
}

void FreedesktopSessionMonitor::readLockedHint(bool mayUnlock)
{
    if (m_sessionPath.isEmpty())
        return;
    QDBusMessage call = QDBusMessage::createMethodCall(kLogindService, m_sessionPath,
                                                       kPropertiesInterface, QStringLiteral("Get"));
    call << kSessionInterface << kLockedHint;
    const QString path = m_sessionPath;
    const std::uint64_t generation = m_sessionGeneration;
    const std::uint64_t signalsBefore = m_lockSignals;
    auto* watcher = new QDBusPendingCallWatcher(m_system.asyncCall(call, kCallTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, watcher, path, generation, signalsBefore, mayUnlock] {
                watcher->deleteLater();
                const QDBusMessage reply = watcher->reply();
                if (reply.type() != QDBusMessage::ReplyMessage) {
                    qCDebug(lcSession)
                        << "cannot read LockedHint of" << path << ":" << reply.errorMessage();
                    return;
                }
                if (path != m_sessionPath || generation != m_sessionGeneration ||
                    signalsBefore != m_lockSignals) {
                    qCDebug(lcSession) << "LockedHint answer dropped: newer news came first";
                    return;
                }
                const bool hint = unwrapped(reply.arguments().value(0)).toBool();
                if (hint || mayUnlock)
                    setLocked(hint, "logind LockedHint, read");
            });
}

void FreedesktopSessionMonitor::readScreenSaverActive(const QString& service)
{
    const std::uint64_t generation = m_screenSaverGeneration.value(service);
    const std::uint64_t signalsBefore = m_lockSignals;
    for (const auto& endpoint : kScreenSaverEndpoints) {
        if (endpoint.service != service)
            continue;
        const QDBusMessage call = QDBusMessage::createMethodCall(
            endpoint.service, endpoint.path, endpoint.interface, QStringLiteral("GetActive"));
        auto* watcher =
            new QDBusPendingCallWatcher(m_session.asyncCall(call, kCallTimeoutMs), this);
        connect(watcher, &QDBusPendingCallWatcher::finished, this,
                [this, watcher, service, path = endpoint.path, generation, signalsBefore] {
                    watcher->deleteLater();
                    const QDBusMessage reply = watcher->reply();
                    // Most screen savers export one of the two freedesktop paths only.
                    if (reply.type() != QDBusMessage::ReplyMessage ||
                        reply.signature() != QLatin1String("b")) {
                        qCDebug(lcSession) << "no GetActive answer from" << service << "at" << path
                                           << ":" << reply.errorMessage();
                        return;
                    }
                    if (generation != m_screenSaverGeneration.value(service) ||
                        signalsBefore != m_lockSignals) {
                        qCDebug(lcSession) << "GetActive answer of" << service << "at" << path
                                           << "dropped: newer news came first";
                        return;
                    }
                    if (reply.arguments().value(0).toBool())
                        setLocked(true, "screen saver GetActive");
                });
    }
}

QString FreedesktopSessionMonitor::name() const
{
    QStringList sources;
    QStringList missing;
    if (m_system.isConnected()) {
        sources.append(QStringLiteral("logind"));
        if (!m_logindRunning)
            missing.append(QStringLiteral("logind not running"));
        else if (m_sessionPath.isEmpty())
            missing.append(m_sessionLookupError.isEmpty()
                               ? QStringLiteral("logind session not known yet")
                               : QStringLiteral("no logind session: %1").arg(m_sessionLookupError));
    } else {
        missing.append(QStringLiteral("no system bus: %1").arg(m_systemError));
    }
    if (m_session.isConnected()) {
        sources.append(QStringLiteral("screensaver"));
        if (m_screenSaversRunning.isEmpty())
            missing.append(QStringLiteral("no screen saver service"));
    } else {
        missing.append(QStringLiteral("no session bus: %1").arg(m_sessionError));
    }

    QString text = sources.size() == 1 ? sources.first() + QStringLiteral(" only")
                                       : sources.join(QStringLiteral(" + "));
    if (!missing.isEmpty())
        text += QStringLiteral(" (%1)").arg(missing.join(QStringLiteral("; ")));
    return text;
}

void FreedesktopSessionMonitor::onPrepareForSleep(bool start)
{
    if (start == m_asleep)
        return;
    m_asleep = start;
    qCDebug(lcSession) << (start ? "going to sleep" : "resumed");
    if (start)
        emit goingToSleep();
    else
        emit resumed();
}

void FreedesktopSessionMonitor::onSessionLock()
{
    lockSignal(true, "logind Lock");
}

void FreedesktopSessionMonitor::onSessionUnlock()
{
    lockSignal(false, "logind Unlock");
}

void FreedesktopSessionMonitor::onSessionPropertiesChanged(const QString& interface,
                                                           const QVariantMap& changed,
                                                           const QStringList& invalidated)
{
    if (interface != kSessionInterface)
        return;
    if (const auto it = changed.constFind(kLockedHint); it != changed.constEnd()) {
        lockSignal(unwrapped(it.value()).toBool(), "logind LockedHint");
    } else if (invalidated.contains(kLockedHint)) {
        ++m_lockSignals; // news, if without the value: earlier reads are out of date
        readLockedHint(true);
    }
}

void FreedesktopSessionMonitor::onScreenSaverActiveChanged(bool active)
{
    lockSignal(active, "screen saver ActiveChanged");
}

void FreedesktopSessionMonitor::onLogindOwnerChanged(const QString& service,
                                                     const QString& oldOwner,
                                                     const QString& newOwner)
{
    Q_UNUSED(service);
    Q_UNUSED(oldOwner);
    m_logindRunning = !newOwner.isEmpty();
    if (m_logindRunning) {
        // A (re)started logind: ask again which session is ours.
        resolveSessionAsync();
    } else {
        ++m_sessionGeneration; // drop answers still on their way from the old one
    }
}

void FreedesktopSessionMonitor::onScreenSaverOwnerChanged(const QString& service,
                                                          const QString& oldOwner,
                                                          const QString& newOwner)
{
    Q_UNUSED(oldOwner);
    ++m_screenSaverGeneration[service]; // drop answers still on their way from the old one
    if (newOwner.isEmpty()) {
        m_screenSaversRunning.remove(service);
    } else {
        m_screenSaversRunning.insert(service);
        readScreenSaverActive(service); // it may start out active
    }
}

void FreedesktopSessionMonitor::lockSignal(bool nowLocked, const char* source)
{
    ++m_lockSignals;
    setLocked(nowLocked, source);
}

void FreedesktopSessionMonitor::setLocked(bool nowLocked, const char* source)
{
    if (nowLocked == m_locked) {
        qCDebug(lcSession) << source << "repeats what is known: locked =" << nowLocked;
        return;
    }
    m_locked = nowLocked;
    qCDebug(lcSession) << (nowLocked ? "locked" : "unlocked") << "per" << source;
    if (nowLocked)
        emit locked();
    else
        emit unlocked();
}

} // namespace deskbreak::platform
