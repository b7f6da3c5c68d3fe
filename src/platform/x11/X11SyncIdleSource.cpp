#include "platform/x11/X11SyncIdleSource.h"

#include "platform/x11/X11Connection.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <xcb/sync.h>
#include <xcb/xcb.h>

namespace deskbreak::platform {

namespace {

Q_LOGGING_CATEGORY(lcSync, "deskbreak.platform.x11sync")

template <typename Reply> using ReplyPtr = std::unique_ptr<Reply, decltype(&std::free)>;

template <typename Reply> ReplyPtr<Reply> own(Reply* reply)
{
    return ReplyPtr<Reply>(reply, &std::free);
}

std::int64_t fromSync(xcb_sync_int64_t value)
{
    const auto bits = (static_cast<std::uint64_t>(static_cast<std::uint32_t>(value.hi)) << 32) |
                      static_cast<std::uint64_t>(value.lo);
    return static_cast<std::int64_t>(bits);
}

xcb_sync_int64_t toSync(std::int64_t value)
{
    const auto bits = static_cast<std::uint64_t>(value);
    return xcb_sync_int64_t{static_cast<std::int32_t>(static_cast<std::uint32_t>(bits >> 32)),
                            static_cast<std::uint32_t>(bits & 0xffffffffU)};
}

// The id of the system counter called `wanted`, or 0. Parses the reply by hand:
// on the wire each SYSTEMCOUNTER is 14 bytes plus its name padded so that
// name_len + 2 is a multiple of 4, which libxcb's struct (sizeof 16) does not match.
std::uint32_t findSystemCounter(xcb_connection_t* connection, const char* wanted)
{
    const auto reply = own(xcb_sync_list_system_counters_reply(
        connection, xcb_sync_list_system_counters(connection), nullptr));
    if (!reply) {
        return 0;
    }
    static_assert(sizeof(xcb_sync_list_system_counters_reply_t) == 32);
    const auto* bytes = reinterpret_cast<const unsigned char*>(reply.get());
    const unsigned char* end = bytes + 32 + 4 * static_cast<std::size_t>(reply->length);
    const unsigned char* entry = bytes + 32;
    const std::size_t wantedLength = std::strlen(wanted);
    for (std::uint32_t i = 0; i < reply->counters_len; ++i) {
        constexpr std::size_t header = 14; // counter, resolution, name_len
        if (end - entry < static_cast<std::ptrdiff_t>(header)) {
            break;
        }
        std::uint32_t counter = 0;
        std::uint16_t nameLength = 0;
        std::memcpy(&counter, entry, sizeof counter);
        std::memcpy(&nameLength, entry + 12, sizeof nameLength);
        if (end - entry < static_cast<std::ptrdiff_t>(header + nameLength)) {
            break;
        }
        if (nameLength == wantedLength && std::memcmp(entry + header, wanted, nameLength) == 0) {
            return counter;
        }
        entry += 12 + ((2 + static_cast<std::size_t>(nameLength) + 3) & ~std::size_t{3});
    }
    return 0;
}

} // namespace

std::unique_ptr<X11SyncIdleSource> X11SyncIdleSource::create(QString* whyNot)
{
    QString reason;
    auto fail = [&](const QString& why) {
        if (whyNot != nullptr) {
            *whyNot = why;
        }
        return std::unique_ptr<X11SyncIdleSource>();
    };

    xcb_connection_t* connection = qtXcbConnection(&reason);
    if (connection == nullptr) {
        return fail(reason);
    }
    const xcb_query_extension_reply_t* sync = xcb_get_extension_data(connection, &xcb_sync_id);
    if (sync == nullptr || sync->present == 0) {
        return fail(QStringLiteral("X server has no SYNC extension"));
    }
    const auto version = own(xcb_sync_initialize_reply(
        connection, xcb_sync_initialize(connection, XCB_SYNC_MAJOR_VERSION, XCB_SYNC_MINOR_VERSION),
        nullptr));
    if (!version) {
        return fail(QStringLiteral("X SYNC extension failed to initialize"));
    }
    const std::uint32_t idleCounter = findSystemCounter(connection, "IDLETIME");
    if (idleCounter == 0) {
        return fail(QStringLiteral("X server has no SYNC IDLETIME counter"));
    }
    return std::unique_ptr<X11SyncIdleSource>(
        new X11SyncIdleSource(connection, sync->first_event, idleCounter));
}

X11SyncIdleSource::X11SyncIdleSource(xcb_connection_t* connection, std::uint8_t syncFirstEvent,
                                     std::uint32_t idleCounter)
    : m_connection(connection)
    , m_alarmNotifyType(static_cast<std::uint8_t>(syncFirstEvent + XCB_SYNC_ALARM_NOTIFY))
    , m_idleCounter(idleCounter)
{
    QCoreApplication::instance()->installNativeEventFilter(this);
}

X11SyncIdleSource::~X11SyncIdleSource()
{
    if (QCoreApplication::instance() != nullptr) {
        QCoreApplication::instance()->removeNativeEventFilter(this);
    }
    if (!connectionAlive()) {
        return; // the server freed our alarms along with Qt's connection
    }
    for (const std::uint32_t alarm : {m_idleAlarm, m_resetAlarm}) {
        if (alarm != 0) {
            xcb_sync_destroy_alarm(m_connection, alarm);
        }
    }
    xcb_flush(m_connection);
}

bool X11SyncIdleSource::connectionAlive() const
{
    QString ignored;
    return qtXcbConnection(&ignored) == m_connection;
}

std::optional<std::chrono::milliseconds> X11SyncIdleSource::idleTime()
{
    const auto reply = own(xcb_sync_query_counter_reply(
        m_connection, xcb_sync_query_counter(m_connection, m_idleCounter), nullptr));
    if (!reply) {
        return std::nullopt;
    }
    return std::chrono::milliseconds(fromSync(reply->counter_value));
}

void X11SyncIdleSource::setIdleThreshold(std::chrono::milliseconds threshold)
{
    m_threshold = std::max(threshold, std::chrono::milliseconds(1));
    if (m_state == State::WaitingForInput) {
        return; // idle already reported; the new threshold applies after the next input
    }
    if (!armIdleAlarm()) {
        m_state = State::Unarmed;
        qCWarning(lcSync, "X server refused the SYNC idle alarm; no idle reports");
    }
}

bool X11SyncIdleSource::armIdleAlarm()
{
    if (!setAlarm(m_idleAlarm, m_threshold.count(), XCB_SYNC_TESTTYPE_POSITIVE_COMPARISON)) {
        return false;
    }
    m_idleAlarmValue = m_threshold.count();
    m_state = State::WaitingForIdle;
    return true;
}

bool X11SyncIdleSource::armResetAlarm(std::int64_t idleValue)
{
    // Negative comparison means counter <= value: it fires once idle time drops
    // below what it was, which only input can do.
    const std::int64_t value = idleValue - 1;
    if (!setAlarm(m_resetAlarm, value, XCB_SYNC_TESTTYPE_NEGATIVE_COMPARISON)) {
        return false;
    }
    m_resetAlarmValue = value;
    m_state = State::WaitingForInput;
    return true;
}

bool X11SyncIdleSource::setAlarm(std::uint32_t& alarm, std::int64_t value, std::uint32_t testType)
{
    // Delta 0 with a comparison test: the alarm fires once, then goes inactive
    // until changed again.
    constexpr std::uint32_t mask = XCB_SYNC_CA_COUNTER | XCB_SYNC_CA_VALUE_TYPE |
                                   XCB_SYNC_CA_VALUE | XCB_SYNC_CA_TEST_TYPE | XCB_SYNC_CA_DELTA |
                                   XCB_SYNC_CA_EVENTS;
    if (alarm == 0) {
        xcb_sync_create_alarm_value_list_t values{};
        values.counter = m_idleCounter;
        values.valueType = XCB_SYNC_VALUETYPE_ABSOLUTE;
        values.value = toSync(value);
        values.testType = testType;
        values.delta = toSync(0);
        values.events = 1;
        const std::uint32_t id = xcb_generate_id(m_connection);
        const auto error = own(xcb_request_check(
            m_connection, xcb_sync_create_alarm_aux_checked(m_connection, id, mask, &values)));
        if (error) {
            return false;
        }
        alarm = id;
        return true;
    }
    xcb_sync_change_alarm_value_list_t values{};
    values.counter = m_idleCounter;
    values.valueType = XCB_SYNC_VALUETYPE_ABSOLUTE;
    values.value = toSync(value);
    values.testType = testType;
    values.delta = toSync(0);
    values.events = 1;
    // Unchecked: this also runs inside the event filter, which must not block on
    // a round trip. An error would reach Qt's xcb error log.
    xcb_sync_change_alarm_aux(m_connection, alarm, mask, &values);
    xcb_flush(m_connection);
    return true;
}

bool X11SyncIdleSource::nativeEventFilter(const QByteArray& eventType, void* message,
                                          qintptr* result)
{
    Q_UNUSED(result);
    if (eventType != "xcb_generic_event_t" || message == nullptr) {
        return false;
    }
    const auto* event = static_cast<const xcb_generic_event_t*>(message);
    if ((event->response_type & 0x7f) != m_alarmNotifyType) {
        return false;
    }
    const auto* alarm = static_cast<const xcb_sync_alarm_notify_event_t*>(message);
    const bool isIdle = m_idleAlarm != 0 && alarm->alarm == m_idleAlarm;
    const bool isReset = m_resetAlarm != 0 && alarm->alarm == m_resetAlarm;
    if (!isIdle && !isReset) {
        return false; // someone else's alarm on the shared connection
    }
    if (alarm->state == XCB_SYNC_ALARMSTATE_DESTROYED) {
        return true;
    }
    const std::int64_t alarmValue = fromSync(alarm->alarm_value);
    if (isIdle) {
        // A report for an older threshold, sent before the alarm was changed: skip.
        if (m_state != State::WaitingForIdle || alarmValue != m_idleAlarmValue) {
            return true;
        }
        const std::int64_t idleMs = fromSync(alarm->counter_value);
        if (!armResetAlarm(idleMs)) {
            m_state = State::Unarmed;
        }
        emit idleFor(idleMs);
        return true;
    }
    if (m_state != State::WaitingForInput || alarmValue != m_resetAlarmValue) {
        return true;
    }
    if (!armIdleAlarm()) {
        m_state = State::Unarmed;
    }
    emit activeAgain();
    return true;
}

} // namespace deskbreak::platform
