#include "platform/freedesktop/FreedesktopNotifier.h"

#include <QDBusError>
#include <QDBusMessage>
#include <QDBusPendingCall>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusServiceWatcher>
#include <QDeadlineTimer>
#include <QLoggingCategory>
#include <QVariant>
#include <QVariantMap>
#include <utility>

namespace deskbreak::platform {

namespace {

Q_LOGGING_CATEGORY(lcNotifier, "deskbreak.platform.notifier")

const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kInterface = QStringLiteral("org.freedesktop.Notifications");
const QString kAppName = QStringLiteral("deskbreak");
// The installed desktop entry and icon (installers/linux) share the application id.
const QString kAppId = QStringLiteral("org.deskbreak.deskbreak");

// Reasons in NotificationClosed (Desktop Notifications spec 1.2).
constexpr uint kClosedDismissedByUser = 2;

constexpr int kProbeBudgetMs = 2000;
constexpr int kCallTimeoutMs = 5000;
constexpr int kCloseOnExitTimeoutMs = 500;
constexpr std::size_t kMaxEarlySignals = 16;

QDBusMessage methodCall(const QString& method)
{
    return QDBusMessage::createMethodCall(kService, kPath, kInterface, method);
}

QString oneLine(const QString& text)
{
    return text.simplified();
}

bool isTimeout(const QDBusMessage& reply)
{
    return reply.errorName() == QLatin1String("org.freedesktop.DBus.Error.NoReply") ||
           reply.errorName() == QLatin1String("org.freedesktop.DBus.Error.Timeout");
}

} // namespace

std::unique_ptr<FreedesktopNotifier> FreedesktopNotifier::create(QString* whyNot)
{
    const auto fail = [whyNot](const QString& reason) -> std::unique_ptr<FreedesktopNotifier> {
        if (whyNot)
            *whyNot = reason;
        return nullptr;
    };

    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        const QString detail = oneLine(bus.lastError().message());
        return fail(QStringLiteral("no D-Bus session bus") +
                    (detail.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(detail)));
    }

    // One call tells it all: the bus daemon answers ServiceUnknown at once when nobody
    // owns the name and nothing can be activated for it; otherwise the server (started
    // by activation if need be) answers with its capabilities.
    const QDeadlineTimer deadline(kProbeBudgetMs);
    const QDBusMessage caps =
        bus.call(methodCall(QStringLiteral("GetCapabilities")), QDBus::Block, kProbeBudgetMs);
    if (caps.type() != QDBusMessage::ReplyMessage) {
        if (caps.errorName() == QLatin1String("org.freedesktop.DBus.Error.ServiceUnknown"))
            return fail(QStringLiteral("no notification server on the session bus (nothing owns "
                                       "or can start %1)")
                            .arg(kService));
        if (isTimeout(caps))
            return fail(QStringLiteral("the notification server did not answer within %1 s")
                            .arg(kProbeBudgetMs / 1000));
        return fail(QStringLiteral("the notification server failed GetCapabilities: %1")
                        .arg(oneLine(caps.errorMessage())));
    }
    QStringList capabilities = caps.arguments().value(0).toStringList();

    QString serverName;
    QString serverVersion;
    if (const qint64 left = deadline.remainingTime(); left > 0) {
        const QDBusMessage info = bus.call(methodCall(QStringLiteral("GetServerInformation")),
                                           QDBus::Block, static_cast<int>(left));
        if (info.type() == QDBusMessage::ReplyMessage && info.arguments().size() >= 3) {
            serverName = info.arguments().at(0).toString();
            serverVersion = info.arguments().at(2).toString();
        }
    }
    if (serverName.isEmpty())
        serverName = QStringLiteral("unknown");

    if (!capabilities.contains(QLatin1String("actions")))
        return fail(QStringLiteral("the notification server (%1) cannot show buttons: it lacks "
                                   "the \"actions\" capability")
                        .arg(serverName));

    return std::unique_ptr<FreedesktopNotifier>(new FreedesktopNotifier(
        bus, std::move(capabilities), std::move(serverName), std::move(serverVersion)));
}

FreedesktopNotifier::FreedesktopNotifier(const QDBusConnection& bus, QStringList capabilities,
                                         QString serverName, QString serverVersion)
    : m_bus(bus)
    , m_capabilities(std::move(capabilities))
    , m_serverName(std::move(serverName))
    , m_serverVersion(std::move(serverVersion))
{
    // Connected by well-known name: Qt delivers only signals from the name's current
    // owner, so a previous server's late signals never reach us.
    if (!m_bus.connect(kService, kPath, kInterface, QStringLiteral("ActionInvoked"), this,
                       SLOT(onActionInvoked(uint, QString))))
        qCWarning(lcNotifier) << "cannot subscribe to ActionInvoked:" << m_bus.lastError();
    if (!m_bus.connect(kService, kPath, kInterface, QStringLiteral("NotificationClosed"), this,
                       SLOT(onNotificationClosed(uint, uint))))
        qCWarning(lcNotifier) << "cannot subscribe to NotificationClosed:" << m_bus.lastError();

    m_serverWatcher =
        new QDBusServiceWatcher(kService, m_bus, QDBusServiceWatcher::WatchForOwnerChange, this);
    connect(m_serverWatcher, &QDBusServiceWatcher::serviceOwnerChanged, this,
            &FreedesktopNotifier::onServerOwnerChanged);
}

FreedesktopNotifier::~FreedesktopNotifier()
{
    // Usually runs at exit, when a queued message might never leave: wait, briefly,
    // for the id of a reminder still on its way, and for the close to be done.
    uint id = m_reminderId;
    if (m_notifyInFlight) {
        QObject::disconnect(m_notifyInFlight, nullptr, this, nullptr);
        m_notifyInFlight->waitForFinished();
        const QDBusPendingReply<uint> reply = *m_notifyInFlight;
        if (m_notifyGeneration == m_generation && reply.isValid())
            id = reply.value();
    }
    if (id != 0) {
        QDBusMessage close = methodCall(QStringLiteral("CloseNotification"));
        close << id;
        m_bus.call(close, QDBus::Block, kCloseOnExitTimeoutMs);
    }
}

QString FreedesktopNotifier::name() const
{
    QString server = m_serverName;
    if (!m_serverVersion.isEmpty())
        server += QLatin1Char(' ') + m_serverVersion;
    return QStringLiteral("freedesktop notifications (%1)").arg(server);
}

void FreedesktopNotifier::showReminder(const Reminder& reminder)
{
    m_reminder = reminder;
    sendReminder();
}

void FreedesktopNotifier::closeReminder()
{
    m_reminder.reset();
    m_resendAfterReply = false;
    if (m_reminderId != 0) {
        sendClose(m_reminderId);
        m_reminderId = 0;
    }
    // A Notify still in flight is closed when its reply brings the id.
}

void FreedesktopNotifier::showMessage(const QString& title, const QString& body)
{
    QDBusMessage notify = methodCall(QStringLiteral("Notify"));
    const QVariantMap hints{
        {QStringLiteral("urgency"), QVariant::fromValue<uchar>(1)},
        {QStringLiteral("category"), QStringLiteral("x-deskbreak.message")},
        {QStringLiteral("desktop-entry"), kAppId},
    };
    notify << kAppName << uint{0} << kAppId << title << bodyText(body) << QStringList() << hints
           << int{-1};
    auto* watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(notify, kCallTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [](QDBusPendingCallWatcher* w) {
        w->deleteLater();
        if (w->isError())
            qCWarning(lcNotifier) << "cannot show a message:" << w->error().message();
    });
}

void FreedesktopNotifier::sendReminder()
{
    if (!m_reminder)
        return;
    // One Notify at a time: its reply carries the id the next one must replace.
    if (m_notifyInFlight) {
        m_resendAfterReply = true;
        return;
    }

    const Reminder& r = *m_reminder;
    const QString start = QStringLiteral("Start break");
    QStringList actions{QStringLiteral("default"), start, QStringLiteral("start"), start};
    if (r.offerSnooze)
        actions << QStringLiteral("snooze") << r.snoozeLabel;
    actions << QStringLiteral("skip") << QStringLiteral("Skip");
    QVariantMap hints{
        {QStringLiteral("urgency"), QVariant::fromValue<uchar>(r.quiet ? 0 : 1)},
        {QStringLiteral("resident"), true},
        {QStringLiteral("category"), QStringLiteral("x-deskbreak.reminder")},
        {QStringLiteral("desktop-entry"), kAppId},
    };
    if (r.quiet)
        hints.insert(QStringLiteral("suppress-sound"), true);

    QDBusMessage notify = methodCall(QStringLiteral("Notify"));
    notify << kAppName << m_reminderId << kAppId << r.title << bodyText(r.body) << actions << hints
           << int{0};
    m_notifyInFlight = new QDBusPendingCallWatcher(m_bus.asyncCall(notify, kCallTimeoutMs), this);
    m_notifyGeneration = m_generation;
    connect(m_notifyInFlight, &QDBusPendingCallWatcher::finished, this,
            &FreedesktopNotifier::onReminderNotifyFinished);
}

void FreedesktopNotifier::onReminderNotifyFinished()
{
    QDBusPendingCallWatcher* watcher = std::exchange(m_notifyInFlight, nullptr);
    watcher->deleteLater();
    const QDBusPendingReply<uint> reply = *watcher;
    std::vector<EarlySignal> early = std::exchange(m_earlySignals, {});
    if (m_notifyGeneration != m_generation) {
        // Sent to a server that has gone since: its id means nothing now.
        early.clear();
    } else if (reply.isError()) {
        qCWarning(lcNotifier) << "cannot show the reminder:" << reply.error().message();
    } else {
        m_reminderId = reply.value();
    }

    if (!m_reminder) {
        // Closed, answered or dismissed while the Notify was in flight.
        if (m_reminderId != 0) {
            sendClose(m_reminderId);
            m_reminderId = 0;
        }
        m_resendAfterReply = false;
        return;
    }

    // What the server said about this id before we knew it (an answer, a dismissal).
    for (const EarlySignal& signal : early) {
        if (m_reminderId == 0 || signal.id != m_reminderId)
            continue;
        if (signal.actionKey.isEmpty())
            onNotificationClosed(signal.id, signal.closeReason);
        else
            onActionInvoked(signal.id, signal.actionKey);
    }

    // Unless that answer already led to a new Notify (a slot showing the next reminder).
    if (m_reminder && m_resendAfterReply && !m_notifyInFlight) {
        m_resendAfterReply = false;
        sendReminder();
    }
}

void FreedesktopNotifier::keepIfEarly(uint id, const QString& actionKey, uint closeReason)
{
    if (m_notifyInFlight && m_earlySignals.size() < kMaxEarlySignals)
        m_earlySignals.push_back({id, actionKey, closeReason});
}

void FreedesktopNotifier::sendClose(uint id)
{
    QDBusMessage close = methodCall(QStringLiteral("CloseNotification"));
    close << id;
    auto* watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(close, kCallTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [id](QDBusPendingCallWatcher* w) {
        w->deleteLater();
        if (w->isError())
            qCDebug(lcNotifier) << "CloseNotification" << id << "failed:" << w->error().message();
    });
}

QString FreedesktopNotifier::bodyText(const QString& body) const
{
    // Servers with "body-markup" read the body as markup: "&" or "<" must stay text.
    if (m_capabilities.contains(QLatin1String("body-markup")))
        return body.toHtmlEscaped();
    return body;
}

void FreedesktopNotifier::onActionInvoked(uint id, const QString& actionKey)
{
    if (id == 0 || actionKey.isEmpty())
        return;
    if (id != m_reminderId) {
        keepIfEarly(id, actionKey, 0);
        return;
    }

    Action action;
    if (actionKey == QLatin1String("default") || actionKey == QLatin1String("start"))
        action = Action::Start;
    else if (actionKey == QLatin1String("snooze"))
        action = Action::Snooze;
    else if (actionKey == QLatin1String("skip"))
        action = Action::Skip;
    else
        return;

    // Forget the reminder before anyone hears of the answer, so a slot may show the
    // next one right away. Some servers (dunst after a menu choice) leave the bubble
    // up: take it down ourselves.
    m_reminder.reset();
    m_resendAfterReply = false;
    m_reminderId = 0;
    sendClose(id);
    emit actionInvoked(action);
}

void FreedesktopNotifier::onNotificationClosed(uint id, uint reason)
{
    if (id == 0)
        return;
    if (id != m_reminderId) {
        keepIfEarly(id, QString(), reason);
        return;
    }

    m_reminderId = 0;
    if (reason == kClosedDismissedByUser) {
        m_reminder.reset();
        m_resendAfterReply = false;
        emit dismissed();
    }
    // Expired (1), closed by a CloseNotification (3) or undefined (4): just forget the id.
}

void FreedesktopNotifier::onServerOwnerChanged(const QString& service, const QString& oldOwner,
                                               const QString& newOwner)
{
    Q_UNUSED(service);
    Q_UNUSED(oldOwner);
    // A new server (or none): the old ids mean nothing any more, and the old bubble
    // went with the old server.
    ++m_generation;
    m_reminderId = 0;
    m_earlySignals.clear();
    if (newOwner.isEmpty())
        return;

    if (m_reminder)
        qCInfo(lcNotifier) << "the notification server changed: showing the reminder again";
    const QDBusMessage caps = methodCall(QStringLiteral("GetCapabilities"));
    auto* watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(caps, kCallTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, generation = m_generation](QDBusPendingCallWatcher* w) {
                w->deleteLater();
                const QDBusPendingReply<QStringList> reply = *w;
                if (generation != m_generation || reply.isError())
                    return;
                m_capabilities = reply.value();
                if (!m_capabilities.contains(QLatin1String("actions")))
                    qCWarning(lcNotifier) << "the new notification server cannot show buttons";
            });
    sendReminder();
}

} // namespace deskbreak::platform
