#include "platform/wayland/WaylandIdleSource.h"

#include "ext-idle-notify-v1-client-protocol.h"
#include "idle-client-protocol.h"
#include "platform/wayland/WaylandConnection.h"

#include <QDeadlineTimer>
#include <QLoggingCategory>
#include <QPointer>
#include <QSocketNotifier>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <wayland-client.h>

namespace deskbreak::platform {

namespace {

Q_LOGGING_CATEGORY(lcWayland, "deskbreak.platform.wayland")

// A compositor that accepts the connection but never answers must not hang the
// daemon's start-up: the probe gives up after this long.
constexpr std::chrono::milliseconds probeTimeout{5000};

constexpr std::uint32_t extNotifierMaxVersion = 2;

const char* protocolInterface(WaylandIdleSource::Protocol protocol)
{
    return protocol == WaylandIdleSource::Protocol::ExtIdleNotify
               ? ext_idle_notifier_v1_interface.name
               : org_kde_kwin_idle_interface.name;
}

std::uint32_t toTimeout(std::chrono::milliseconds threshold)
{
    constexpr auto most = std::chrono::milliseconds(std::numeric_limits<std::uint32_t>::max());
    return static_cast<std::uint32_t>(
        std::clamp(threshold, std::chrono::milliseconds(1), most).count());
}

} // namespace

struct WaylandIdleSource::Callbacks {
    static void global(void* data, wl_registry* registry, std::uint32_t name, const char* interface,
                       std::uint32_t version)
    {
        Q_UNUSED(registry);
        static_cast<WaylandIdleSource*>(data)->handleGlobal(name, interface, version);
    }
    static void globalRemove(void* data, wl_registry* registry, std::uint32_t name)
    {
        Q_UNUSED(registry);
        static_cast<WaylandIdleSource*>(data)->handleGlobalRemove(name);
    }
    static void extIdled(void* data, ext_idle_notification_v1* notification)
    {
        Q_UNUSED(notification);
        static_cast<WaylandIdleSource*>(data)->handleIdled();
    }
    static void extResumed(void* data, ext_idle_notification_v1* notification)
    {
        Q_UNUSED(notification);
        static_cast<WaylandIdleSource*>(data)->handleResumed();
    }
    static void kdeIdle(void* data, org_kde_kwin_idle_timeout* timeout)
    {
        Q_UNUSED(timeout);
        static_cast<WaylandIdleSource*>(data)->handleIdled();
    }
    static void kdeResumed(void* data, org_kde_kwin_idle_timeout* timeout)
    {
        Q_UNUSED(timeout);
        static_cast<WaylandIdleSource*>(data)->handleResumed();
    }

    static constexpr wl_registry_listener registry = {global, globalRemove};
    static constexpr ext_idle_notification_v1_listener ext = {extIdled, extResumed};
    static constexpr org_kde_kwin_idle_timeout_listener kde = {kdeIdle, kdeResumed};
};

std::unique_ptr<WaylandIdleSource> WaylandIdleSource::create(Protocol protocol, QString* whyNot)
{
    auto fail = [&](const QString& why) {
        if (whyNot != nullptr) {
            *whyNot = why;
        }
        return std::unique_ptr<WaylandIdleSource>();
    };
    // Where libwayland would connect: WAYLAND_DISPLAY, else "wayland-0".
    const QString where = qEnvironmentVariable("WAYLAND_DISPLAY", QStringLiteral("wayland-0"));
    wl_display* display = wl_display_connect(nullptr);
    if (display == nullptr) {
        return fail(QStringLiteral("no Wayland compositor at %1 (%2)")
                        .arg(where, QString::fromLocal8Bit(std::strerror(errno))));
    }
    std::unique_ptr<WaylandIdleSource> source(new WaylandIdleSource(display, protocol));
    QString reason;
    if (!source->bindGlobals(&reason)) {
        return fail(reason);
    }
    return source;
}

WaylandIdleSource::WaylandIdleSource(wl_display* display, Protocol protocol)
    : m_display(display)
    , m_protocol(protocol)
{
}

WaylandIdleSource::~WaylandIdleSource()
{
    m_readNotifier.reset();
    m_writeNotifier.reset();
    // Requests on a broken connection are dropped by libwayland; the proxies
    // are freed all the same.
    destroyNotification();
    if (m_extNotifier != nullptr) {
        ext_idle_notifier_v1_destroy(m_extNotifier);
    }
    if (m_kdeIdle != nullptr) {
        org_kde_kwin_idle_destroy(m_kdeIdle);
    }
    if (m_seat != nullptr) {
        if (wl_seat_get_version(m_seat) >= WL_SEAT_RELEASE_SINCE_VERSION) {
            wl_seat_release(m_seat);
        } else {
            wl_seat_destroy(m_seat);
        }
    }
    if (m_registry != nullptr) {
        wl_registry_destroy(m_registry);
    }
    wl_display_flush(m_display);
    wl_display_disconnect(m_display);
}

bool WaylandIdleSource::bindGlobals(QString* whyNot)
{
    m_registry = wl_display_get_registry(m_display);
    if (m_registry == nullptr ||
        wl_registry_add_listener(m_registry, &Callbacks::registry, this) != 0 ||
        !wayland::roundtrip(m_display, QDeadlineTimer(probeTimeout))) {
        *whyNot = m_pendingFailure.isEmpty()
                      ? QStringLiteral("the Wayland compositor did not answer (%1)")
                            .arg(wayland::connectionError(m_display))
                      : m_pendingFailure;
        return false;
    }
    const char* interface = protocolInterface(m_protocol);
    if (m_idleGlobal == 0) {
        *whyNot = QStringLiteral("the Wayland compositor does not offer %1")
                      .arg(QLatin1String(interface));
        return false;
    }
    if (m_seatGlobal == 0) {
        *whyNot = QStringLiteral("the Wayland compositor offers no wl_seat");
        return false;
    }
    // Version 1 is enough: no seat events are needed, only the object.
    m_seat =
        static_cast<wl_seat*>(wl_registry_bind(m_registry, m_seatGlobal, &wl_seat_interface, 1));
    if (m_protocol == Protocol::ExtIdleNotify) {
        m_idleVersion = std::min(m_idleVersion, extNotifierMaxVersion);
        m_extNotifier = static_cast<ext_idle_notifier_v1*>(wl_registry_bind(
            m_registry, m_idleGlobal, &ext_idle_notifier_v1_interface, m_idleVersion));
        if (m_idleVersion < EXT_IDLE_NOTIFIER_V1_GET_INPUT_IDLE_NOTIFICATION_SINCE_VERSION) {
            qCInfo(lcWayland,
                   "the compositor offers ext-idle-notify-v1 version %u only: idle inhibitors "
                   "(e.g. a playing video) count as activity",
                   m_idleVersion);
        }
    } else {
        m_idleVersion = 1;
        m_kdeIdle = static_cast<org_kde_kwin_idle*>(
            wl_registry_bind(m_registry, m_idleGlobal, &org_kde_kwin_idle_interface, 1));
    }
    // A second roundtrip proves the binds were accepted before we say yes.
    if (!wayland::roundtrip(m_display, QDeadlineTimer(probeTimeout))) {
        *whyNot = QStringLiteral("the Wayland compositor refused %1 (%2)")
                      .arg(QLatin1String(interface), wayland::connectionError(m_display));
        return false;
    }

    const int fd = wl_display_get_fd(m_display);
    m_readNotifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
    connect(m_readNotifier.get(), &QSocketNotifier::activated, this,
            &WaylandIdleSource::onReadable);
    m_writeNotifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Write);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier.get(), &QSocketNotifier::activated, this, &WaylandIdleSource::flush);
    return true;
}

QString WaylandIdleSource::name() const
{
    if (m_protocol == Protocol::KdeIdle) {
        return QStringLiteral("wayland org_kde_kwin_idle");
    }
    if (m_idleVersion >= EXT_IDLE_NOTIFIER_V1_GET_INPUT_IDLE_NOTIFICATION_SINCE_VERSION) {
        return QStringLiteral("wayland ext-idle-notify-v1 (input idle, v2)");
    }
    return QStringLiteral("wayland ext-idle-notify-v1 (v1: idle inhibitors count as activity)");
}

std::optional<std::chrono::milliseconds> WaylandIdleSource::idleTime()
{
    return std::nullopt;
}

void WaylandIdleSource::setIdleThreshold(std::chrono::milliseconds threshold)
{
    m_threshold = threshold;
    if (m_failed) {
        return;
    }
    const bool same = std::chrono::milliseconds(toTimeout(threshold)) == m_armedTimeout;
    if (m_state == State::WaitingForInput) {
        m_rearmAfterInput = !same;
        return;
    }
    if (m_state == State::WaitingForIdle && same) {
        return; // a new object would start counting again from zero
    }
    createNotification();
    flush();
}

void WaylandIdleSource::createNotification()
{
    destroyNotification();
    const std::uint32_t timeout = toTimeout(m_threshold);
    if (m_protocol == Protocol::ExtIdleNotify) {
        m_extNotification =
            m_idleVersion >= EXT_IDLE_NOTIFIER_V1_GET_INPUT_IDLE_NOTIFICATION_SINCE_VERSION
                ? ext_idle_notifier_v1_get_input_idle_notification(m_extNotifier, timeout, m_seat)
                : ext_idle_notifier_v1_get_idle_notification(m_extNotifier, timeout, m_seat);
        ext_idle_notification_v1_add_listener(m_extNotification, &Callbacks::ext, this);
    } else {
        m_kdeTimeout = org_kde_kwin_idle_get_idle_timeout(m_kdeIdle, m_seat, timeout);
        org_kde_kwin_idle_timeout_add_listener(m_kdeTimeout, &Callbacks::kde, this);
    }
    m_armedTimeout = std::chrono::milliseconds(timeout);
    m_rearmAfterInput = false;
    m_state = State::WaitingForIdle;
}

void WaylandIdleSource::destroyNotification()
{
    // Events already on their way for the old object are dropped by libwayland.
    if (m_extNotification != nullptr) {
        ext_idle_notification_v1_destroy(m_extNotification);
        m_extNotification = nullptr;
    }
    if (m_kdeTimeout != nullptr) {
        org_kde_kwin_idle_timeout_release(m_kdeTimeout);
        m_kdeTimeout = nullptr;
    }
    m_state = State::Unarmed;
}

void WaylandIdleSource::onReadable()
{
    if (m_failed) {
        return;
    }
    const QString lost = wayland::readAndDispatch(m_display);
    if (!lost.isEmpty()) {
        fail(lost);
        return;
    }
    if (!m_pendingFailure.isEmpty()) {
        fail(m_pendingFailure);
        return;
    }
    if (flush()) {
        emitQueued();
    }
}

bool WaylandIdleSource::flush()
{
    if (m_failed) {
        return false;
    }
    const QString lost = wayland::flush(m_display, *m_writeNotifier);
    if (lost.isEmpty()) {
        return true;
    }
    fail(lost);
    return false;
}

void WaylandIdleSource::emitQueued()
{
    const QPointer<WaylandIdleSource> alive(this);
    const std::vector<Event> events = std::exchange(m_queued, {});
    for (const Event event : events) {
        if (alive.isNull() || m_failed) {
            return;
        }
        if (event == Event::Idled) {
            emit idleFor(m_armedTimeout.count());
        } else {
            emit activeAgain();
        }
    }
}

void WaylandIdleSource::fail(const QString& why)
{
    if (m_failed) {
        return;
    }
    m_failed = true;
    m_queued.clear();
    if (m_readNotifier) {
        m_readNotifier->setEnabled(false);
    }
    if (m_writeNotifier) {
        m_writeNotifier->setEnabled(false);
    }
    qCWarning(lcWayland, "%s; no more idle reports from %s", qPrintable(why), qPrintable(name()));
    emit unavailable(why); // last: a receiver may delete this source
}

void WaylandIdleSource::handleGlobal(std::uint32_t globalName, const char* interface,
                                     std::uint32_t version)
{
    if (std::strcmp(interface, wl_seat_interface.name) == 0) {
        if (m_seatGlobal == 0) { // the first seat: the one the user sits at
            m_seatGlobal = globalName;
        }
    } else if (std::strcmp(interface, protocolInterface(m_protocol)) == 0) {
        m_idleGlobal = globalName;
        m_idleVersion = version;
    }
}

void WaylandIdleSource::handleGlobalRemove(std::uint32_t globalName)
{
    if (globalName == m_seatGlobal && m_seatGlobal != 0) {
        m_pendingFailure = QStringLiteral("the Wayland compositor removed its wl_seat");
    } else if (globalName == m_idleGlobal && m_idleGlobal != 0) {
        m_pendingFailure = QStringLiteral("the Wayland compositor withdrew %1")
                               .arg(QLatin1String(protocolInterface(m_protocol)));
    }
}

void WaylandIdleSource::handleIdled()
{
    if (m_state != State::WaitingForIdle) {
        return; // a compositor error; nothing to report twice
    }
    m_state = State::WaitingForInput;
    m_queued.push_back(Event::Idled);
}

void WaylandIdleSource::handleResumed()
{
    if (m_state != State::WaitingForInput) {
        return; // e.g. an early "resumed" before any "idled": not news
    }
    m_state = State::WaitingForIdle;
    if (m_rearmAfterInput) {
        createNotification(); // a threshold set while idle applies from this input on
    }
    m_queued.push_back(Event::Resumed);
}

} // namespace deskbreak::platform
