// The freedesktop session monitor (lock, unlock, sleep, resume) against in-process
// stand-ins on two private buses. Run through tests/support/with-private-buses.sh,
// which starts a private "system" bus and a private session bus:
//
//   with-private-buses.sh platform_session_tests
//
// No logind and no screen saver run here, so this binary hosts small stand-ins for
// them, each on its own bus connection: a "logind stand-in" (org.freedesktop.login1
// on the system bus: a Manager that answers GetSessionByPID and GetSession and emits
// PrepareForSleep, and a Session object that emits Lock, Unlock and LockedHint
// changes and answers Properties.Get of LockedHint) and "screen saver stand-ins"
// (org.freedesktop.ScreenSaver or org.gnome.ScreenSaver on the session bus, emitting
// ActiveChanged and answering GetActive, at once or when told). They check that the
// monitor reacts to these documented signals and answers, not how a real desktop
// behaves.
//
// Cases that need other bus addresses (none, or only one bus) run this binary
// again as a child with `--probe`, since a process connects to its buses once.
#define DOCTEST_CONFIG_IMPLEMENT
#include "platform/PlatformFactory.h"
#include "platform/freedesktop/FreedesktopSessionMonitor.h"
#include "support/DoctestQt.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusContext>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QElapsedTimer>
#include <QLocale>
#include <QMutex>
#include <QMutexLocker>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <atomic>
#include <cstdio>
#include <doctest/doctest.h>
#include <memory>
#include <utility>
#include <vector>

using deskbreak::platform::FreedesktopSessionMonitor;
using deskbreak::platform::SessionMonitor;

namespace {

constexpr int kWaitMs = 5000;
constexpr const char* kProbe = "--probe";

const QString kLogindService = QStringLiteral("org.freedesktop.login1");
const QString kLogindPath = QStringLiteral("/org/freedesktop/login1");
const QString kManagerInterface = QStringLiteral("org.freedesktop.login1.Manager");
const QString kSessionInterface = QStringLiteral("org.freedesktop.login1.Session");
const QString kPropertiesInterface = QStringLiteral("org.freedesktop.DBus.Properties");
const QString kSessionPath = QStringLiteral("/org/freedesktop/login1/session/_3");
const QString kOtherSessionPath = QStringLiteral("/org/freedesktop/login1/session/_9");

const QString kFreedesktopScreenSaver = QStringLiteral("org.freedesktop.ScreenSaver");
const QString kGnomeScreenSaver = QStringLiteral("org.gnome.ScreenSaver");
const QString kFreedesktopPath = QStringLiteral("/org/freedesktop/ScreenSaver");
const QString kKdePath = QStringLiteral("/ScreenSaver");
const QString kGnomePath = QStringLiteral("/org/gnome/ScreenSaver");

const QString kBothMissing = QStringLiteral("logind not running; no screen saver service");

std::unique_ptr<FreedesktopSessionMonitor> createMonitor()
{
    QString whyNot;
    auto monitor = FreedesktopSessionMonitor::create(&whyNot);
    INFO("whyNot: " << whyNot);
    REQUIRE(monitor);
    return monitor;
}

// Everything a monitor said, in order.
class Recorder {
public:
    explicit Recorder(SessionMonitor& monitor)
    {
        const auto record = [this](const char* what) {
            return [this, what] { events.append(QString::fromLatin1(what)); };
        };
        QObject::connect(&monitor, &SessionMonitor::locked, &m_context, record("locked"));
        QObject::connect(&monitor, &SessionMonitor::unlocked, &m_context, record("unlocked"));
        QObject::connect(&monitor, &SessionMonitor::goingToSleep, &m_context,
                         record("goingToSleep"));
        QObject::connect(&monitor, &SessionMonitor::resumed, &m_context, record("resumed"));
    }

    QStringList events;

private:
    QObject m_context;
};

// Counts, on this process's own system and session bus connections (the ones the
// monitor uses), every signal a stand-in may send, from anyone. Once the count is
// reached, the monitor has been handed the same messages: `settle()` then gives it
// the moment to act on them, so a test can also check that nothing MORE happened.
class Deliveries : public QObject {
    Q_OBJECT
public:
    Deliveries()
    {
        QDBusConnection system = QDBusConnection::systemBus();
        QDBusConnection session = QDBusConnection::sessionBus();
        watch(system, kLogindPath, kManagerInterface, QStringLiteral("PrepareForSleep"));
        for (const QString& path : {kSessionPath, kOtherSessionPath}) {
            watch(system, path, kSessionInterface, QStringLiteral("Lock"));
            watch(system, path, kSessionInterface, QStringLiteral("Unlock"));
            watch(system, path, kPropertiesInterface, QStringLiteral("PropertiesChanged"));
        }
        watch(session, kFreedesktopPath, kFreedesktopScreenSaver, QStringLiteral("ActiveChanged"));
        watch(session, kKdePath, kFreedesktopScreenSaver, QStringLiteral("ActiveChanged"));
        watch(session, kGnomePath, kGnomeScreenSaver, QStringLiteral("ActiveChanged"));
        syncBuses();
    }

    // A round trip to each bus daemon: match rules sent before it are in force after it.
    static void syncBuses()
    {
        for (const QDBusConnection& bus :
             {QDBusConnection::systemBus(), QDBusConnection::sessionBus()}) {
            REQUIRE(bus.isConnected());
            REQUIRE(bus.interface()
                        ->isServiceRegistered(QStringLiteral("org.freedesktop.DBus"))
                        .value());
        }
    }

    // Waits until `count` more signals have arrived, then lets the monitor catch up.
    bool settle(int count)
    {
        m_expected += count;
        const bool arrived = QTest::qWaitFor([this] { return m_seen >= m_expected; }, kWaitMs);
        QTest::qWait(50);
        return arrived && m_seen == m_expected;
    }

private Q_SLOTS:
    void onSignal(const QDBusMessage& message)
    {
        Q_UNUSED(message);
        ++m_seen;
    }

private:
    void watch(QDBusConnection& bus, const QString& path, const QString& interface,
               const QString& member)
    {
        REQUIRE(
            bus.connect(QString(), path, interface, member, this, SLOT(onSignal(QDBusMessage))));
    }

    int m_seen = 0;
    int m_expected = 0;
};

// One private connection to a bus, as another program would have: it may own a
// name and send signals.
class Peer {
public:
    explicit Peer(QDBusConnection::BusType type)
        : m_name(QStringLiteral("stand-in-%1").arg(++s_instances))
        , m_bus(QDBusConnection::connectToBus(type, m_name))
    {
        REQUIRE(m_bus.isConnected());
    }
    ~Peer()
    {
        for (const QString& service : std::as_const(m_services))
            m_bus.unregisterService(service);
        QDBusConnection::disconnectFromBus(m_name);
    }
    Peer(const Peer&) = delete;
    Peer& operator=(const Peer&) = delete;

    QDBusConnection& bus() { return m_bus; }

    void own(const QString& service)
    {
        REQUIRE(m_bus.registerService(service));
        m_services.append(service);
    }

    void emitSignal(const QString& path, const QString& interface, const QString& member,
                    const QVariantList& arguments)
    {
        QDBusMessage signal = QDBusMessage::createSignal(path, interface, member);
        signal.setArguments(arguments);
        REQUIRE(m_bus.send(signal));
    }

private:
    static inline int s_instances = 0;
    QString m_name;
    QDBusConnection m_bus;
    QStringList m_services;
};

// --- a stand-in for logind, on the private system bus -----------------------------

struct LogindOptions {
    QString sessionByPid = kSessionPath;  // GetSessionByPID's answer; empty: no session
    QString sessionByAuto = kSessionPath; // GetSession("auto")'s answer; empty: no session
    int firstReplyDelayMs = 0;            // the first GetSessionByPID answers this late
    bool lockedHint = false;              // the session's LockedHint from the start
};

// org.freedesktop.login1.Manager: answers from the stand-in's own thread (create()
// blocks the main thread while it asks) and records what it was asked.
class LogindManagerObject : public QObject, protected QDBusContext {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.login1.Manager")
public:
    explicit LogindManagerObject(LogindOptions options)
        : m_options(std::move(options))
    {
    }

    std::vector<uint> pidsAsked() const
    {
        QMutexLocker lock(&m_mutex);
        return m_pids;
    }
    QStringList sessionsAsked() const
    {
        QMutexLocker lock(&m_mutex);
        return m_sessions;
    }

public Q_SLOTS:
    QDBusObjectPath GetSessionByPID(uint pid)
    {
        QMutexLocker lock(&m_mutex);
        m_pids.push_back(pid);
        if (m_options.sessionByPid.isEmpty()) {
            sendErrorReply(QStringLiteral("org.freedesktop.login1.NoSessionForPID"),
                           QStringLiteral("PID %1 does not belong to any known session").arg(pid));
            return {};
        }
        const QDBusObjectPath path(m_options.sessionByPid);
        if (m_pids.size() == 1 && m_options.firstReplyDelayMs > 0) {
            setDelayedReply(true);
            QTimer::singleShot(m_options.firstReplyDelayMs, this,
                               [bus = connection(), reply = message().createReply(
                                                        QVariant::fromValue(path))]() mutable {
                                   bus.send(reply);
                               });
            return {};
        }
        return path;
    }

    QDBusObjectPath GetSession(const QString& id)
    {
        QMutexLocker lock(&m_mutex);
        m_sessions.append(id);
        if (id != QLatin1String("auto") || m_options.sessionByAuto.isEmpty()) {
            sendErrorReply(QStringLiteral("org.freedesktop.login1.NoSuchSession"),
                           QStringLiteral("No session '%1' known").arg(id));
            return {};
        }
        return QDBusObjectPath(m_options.sessionByAuto);
    }

private:
    const LogindOptions m_options;
    mutable QMutex m_mutex;
    std::vector<uint> m_pids;
    QStringList m_sessions;
};

// org.freedesktop.login1.Session, for its LockedHint property (read through
// org.freedesktop.DBus.Properties.Get, which Qt answers for exported properties).
class LogindSessionObject : public QObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.login1.Session")
    Q_PROPERTY(bool LockedHint READ lockedHint)
public:
    explicit LogindSessionObject(bool lockedHint)
        : m_lockedHint(lockedHint)
    {
    }
    bool lockedHint() const
    {
        ++m_reads;
        return m_lockedHint;
    }
    void setLockedHint(bool value) { m_lockedHint = value; }
    int reads() const { return m_reads; } // Properties.Get of LockedHint so far

private:
    std::atomic<bool> m_lockedHint;
    mutable std::atomic<int> m_reads = 0;
};

class LogindStandIn {
public:
    explicit LogindStandIn(LogindOptions options = {})
        : m_peer(QDBusConnection::SystemBus)
        , m_session(std::make_unique<LogindSessionObject>(options.lockedHint))
        , m_manager(std::make_unique<LogindManagerObject>(std::move(options)))
    {
        m_manager->moveToThread(&m_thread);
        m_session->moveToThread(&m_thread);
        m_thread.start();
        REQUIRE(m_peer.bus().registerObject(kLogindPath, m_manager.get(),
                                            QDBusConnection::ExportAllSlots));
        REQUIRE(m_peer.bus().registerObject(kSessionPath, m_session.get(),
                                            QDBusConnection::ExportAllProperties));
        m_peer.own(kLogindService);
    }

    ~LogindStandIn()
    {
        m_peer.bus().unregisterObject(kSessionPath);
        m_peer.bus().unregisterObject(kLogindPath);
        m_thread.quit();
        m_thread.wait();
    }

    void prepareForSleep(bool start)
    {
        m_peer.emitSignal(kLogindPath, kManagerInterface, QStringLiteral("PrepareForSleep"),
                          {start});
    }
    void lock(const QString& path = kSessionPath)
    {
        m_peer.emitSignal(path, kSessionInterface, QStringLiteral("Lock"), {});
    }
    void unlock(const QString& path = kSessionPath)
    {
        m_peer.emitSignal(path, kSessionInterface, QStringLiteral("Unlock"), {});
    }
    // PropertiesChanged with the new value, as logind sends it.
    void lockedHintChanged(bool value, const QString& interface = kSessionInterface)
    {
        m_session->setLockedHint(value);
        m_peer.emitSignal(
            kSessionPath, kPropertiesInterface, QStringLiteral("PropertiesChanged"),
            {interface, QVariantMap{{QStringLiteral("LockedHint"), value}}, QStringList()});
    }
    // PropertiesChanged naming LockedHint as invalidated: the value must be fetched.
    void lockedHintInvalidated(bool value)
    {
        m_session->setLockedHint(value);
        m_peer.emitSignal(
            kSessionPath, kPropertiesInterface, QStringLiteral("PropertiesChanged"),
            {kSessionInterface, QVariantMap(), QStringList{QStringLiteral("LockedHint")}});
    }

    std::vector<uint> pidsAsked() const { return m_manager->pidsAsked(); }
    QStringList sessionsAsked() const { return m_manager->sessionsAsked(); }
    int lockedHintReads() const { return m_session->reads(); }

private:
    Peer m_peer;
    QThread m_thread;
    std::unique_ptr<LogindSessionObject> m_session;
    std::unique_ptr<LogindManagerObject> m_manager;
};

// --- a stand-in for a screen saver, on the private session bus ---------------------

struct ScreenSaverOptions {
    bool active = false;      // what GetActive() answers
    bool holdReplies = false; // GetActive() answers only on releaseHeldReplies()
    QStringList paths;        // where GetActive() is exported; empty: the usual place(s)
};

// GetActive() of a screen saver stand-in, in the main thread (the monitor never blocks
// on it). The interface name is the subclass's.
class ScreenSaverObject : public QObject, protected QDBusContext {
    Q_OBJECT
public:
    explicit ScreenSaverObject(const ScreenSaverOptions& options)
        : m_options(options)
    {
    }

    int asked() const { return m_asked; }
    int held() const { return static_cast<int>(m_held.size()); }
    void releaseHeldReplies()
    {
        for (auto& [bus, reply] : m_held)
            REQUIRE(bus.send(reply));
        m_held.clear();
    }

protected:
    bool answerGetActive()
    {
        ++m_asked;
        if (m_options.holdReplies) {
            // The answer as it is now, sent later: out of date by then if things change.
            setDelayedReply(true);
            m_held.emplace_back(connection(), message().createReply(m_options.active));
            return false;
        }
        return m_options.active;
    }

private:
    const ScreenSaverOptions m_options;
    int m_asked = 0;
    std::vector<std::pair<QDBusConnection, QDBusMessage>> m_held;
};

class FreedesktopScreenSaverObject : public ScreenSaverObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.ScreenSaver")
public:
    using ScreenSaverObject::ScreenSaverObject;
public Q_SLOTS:
    bool GetActive() { return answerGetActive(); }
};

class GnomeScreenSaverObject : public ScreenSaverObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.gnome.ScreenSaver")
public:
    using ScreenSaverObject::ScreenSaverObject;
public Q_SLOTS:
    bool GetActive() { return answerGetActive(); }
};

// Owns org.freedesktop.ScreenSaver (or org.gnome.ScreenSaver), answers GetActive()
// (objects are exported before the name is taken, so a monitor that sees the name
// appear finds them) and emits ActiveChanged.
class ScreenSaverStandIn {
public:
    explicit ScreenSaverStandIn(QString service = kFreedesktopScreenSaver,
                                ScreenSaverOptions options = {})
        : m_peer(QDBusConnection::SessionBus)
        , m_service(std::move(service))
    {
        const bool gnome = m_service == kGnomeScreenSaver;
        m_paths = options.paths;
        if (m_paths.isEmpty())
            m_paths = gnome ? QStringList{kGnomePath} : QStringList{kFreedesktopPath, kKdePath};
        for (const QString& path : std::as_const(m_paths)) {
            if (gnome)
                m_objects.push_back(std::make_unique<GnomeScreenSaverObject>(options));
            else
                m_objects.push_back(std::make_unique<FreedesktopScreenSaverObject>(options));
            REQUIRE(m_peer.bus().registerObject(path, m_objects.back().get(),
                                                QDBusConnection::ExportAllSlots));
        }
        m_peer.own(m_service);
    }

    ~ScreenSaverStandIn()
    {
        for (const QString& path : std::as_const(m_paths))
            m_peer.bus().unregisterObject(path);
    }
    ScreenSaverStandIn(const ScreenSaverStandIn&) = delete;
    ScreenSaverStandIn& operator=(const ScreenSaverStandIn&) = delete;

    void activeChanged(bool active, const QString& path = kFreedesktopPath)
    {
        m_peer.emitSignal(path, m_service, QStringLiteral("ActiveChanged"), {active});
    }

    // GetActive() calls so far, and answers held back, over all paths.
    int asked() const
    {
        int n = 0;
        for (const auto& object : m_objects)
            n += object->asked();
        return n;
    }
    int held() const
    {
        int n = 0;
        for (const auto& object : m_objects)
            n += object->held();
        return n;
    }
    void releaseHeldReplies()
    {
        for (const auto& object : m_objects)
            object->releaseHeldReplies();
    }

private:
    Peer m_peer;
    QString m_service;
    QStringList m_paths;
    std::vector<std::unique_ptr<ScreenSaverObject>> m_objects;
};

// Each place a screen saver may answer GetActive() and emit ActiveChanged.
struct ScreenSaverEndpoint {
    QString service;
    QString path;
};
const ScreenSaverEndpoint kScreenSaverEndpoints[] = {
    {kFreedesktopScreenSaver, kFreedesktopPath},
    {kFreedesktopScreenSaver, kKdePath},
    {kGnomeScreenSaver, kGnomePath},
};

// --- this binary as a child, on other bus addresses --------------------------------

struct ProbeResult {
    int exitCode = -1;
    QString created; // "name: ..." or "none: <why not>"
    QString log;     // "log: ..." (createSessionMonitor's line)
};

// Runs `platform_session_tests --probe` with the given bus addresses; "" keeps ours.
ProbeResult probeWith(const QString& systemAddress, const QString& sessionAddress)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!systemAddress.isEmpty())
        env.insert(QStringLiteral("DBUS_SYSTEM_BUS_ADDRESS"), systemAddress);
    if (!sessionAddress.isEmpty())
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), sessionAddress);
    env.remove(QStringLiteral("DISPLAY")); // never let libdbus autolaunch a bus
    QProcess child;
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {QString::fromLatin1(kProbe)});
    REQUIRE(child.waitForStarted(kWaitMs));
    if (!child.waitForFinished(kWaitMs)) {
        child.kill(); // our own child, by its handle
        child.waitForFinished(kWaitMs);
        FAIL("the --probe child did not finish within 5 s");
    }
    const QStringList lines =
        QString::fromUtf8(child.readAllStandardOutput()).split(QLatin1Char('\n'));
    INFO("child's stderr: " << QString::fromUtf8(child.readAllStandardError()));
    return {child.exitCode(), lines.value(0), lines.value(1)};
}

// The child's side: create() and createSessionMonitor(), reported on stdout.
int probeAndReport()
{
    QString whyNot;
    const auto monitor = FreedesktopSessionMonitor::create(&whyNot);
    if (monitor)
        std::printf("name: %s\n", qPrintable(monitor->name()));
    else
        std::printf("none: %s\n", qPrintable(whyNot));
    QString log;
    const auto picked = deskbreak::platform::createSessionMonitor(&log);
    std::printf("log: %s\n", qPrintable(log));
    std::fflush(stdout);
    return monitor && picked ? 0 : 1;
}

QString badAddress(const QTemporaryDir& dir, const char* which)
{
    return QStringLiteral("unix:path=%1/no-%2-bus-here").arg(dir.path(), QLatin1String(which));
}

} // namespace

// --- no services --------------------------------------------------------------------

TEST_CASE("no services at all: create() succeeds on the two buses, name() says what is missing")
{
    const auto monitor = createMonitor();
    CHECK(monitor->name() == QStringLiteral("logind + screensaver (%1)").arg(kBothMissing));
    CHECK(monitor->sessionPath().isEmpty());
    CHECK_FALSE(monitor->isLocked());
    CHECK_FALSE(monitor->isAsleep());
}

TEST_CASE("no services at all: createSessionMonitor() picks freedesktop and logs what is missing")
{
    QString log;
    const auto monitor = deskbreak::platform::createSessionMonitor(&log);
    REQUIRE(monitor);
    CHECK(log == QStringLiteral("session monitor: freedesktop, logind + screensaver (%1)")
                     .arg(kBothMissing));
}

TEST_CASE("logind and screen saver stand-ins started after the monitor are picked up, and "
          "their leaving is noticed")
{
    const auto monitor = createMonitor();
    Recorder recorder(*monitor);
    Deliveries deliveries;
    {
        LogindStandIn logind;
        ScreenSaverStandIn screenSaver;
        REQUIRE(QTest::qWaitFor(
            [&] {
                return monitor->name() == QLatin1String("logind + screensaver") &&
                       monitor->sessionPath() == kSessionPath;
            },
            kWaitMs));
        CHECK(logind.pidsAsked() ==
              std::vector<uint>{static_cast<uint>(QCoreApplication::applicationPid())});

        Deliveries::syncBuses(); // the session's subscriptions are made by now
        logind.lock();
        REQUIRE(deliveries.settle(1));
        screenSaver.activeChanged(false);
        REQUIRE(deliveries.settle(1));
        CHECK(recorder.events == QStringList{"locked", "unlocked"});
    }
    REQUIRE(QTest::qWaitFor([&] { return monitor->name().contains(kBothMissing); }, kWaitMs));
    CHECK(monitor->name() == QStringLiteral("logind + screensaver (%1)").arg(kBothMissing));
}

// --- logind --------------------------------------------------------------------------

TEST_CASE("logind stand-in: PrepareForSleep(true) gives goingToSleep(), PrepareForSleep(false) "
          "gives resumed(), repeats give nothing")
{
    LogindStandIn logind;
    const auto monitor = createMonitor();
    CHECK(monitor->name() == QLatin1String("logind + screensaver (no screen saver service)"));
    CHECK(monitor->sessionPath() == kSessionPath);
    CHECK(logind.pidsAsked() ==
          std::vector<uint>{static_cast<uint>(QCoreApplication::applicationPid())});
    CHECK(logind.sessionsAsked().isEmpty());

    Recorder recorder(*monitor);
    Deliveries deliveries;
    logind.prepareForSleep(true);
    REQUIRE(deliveries.settle(1));
    CHECK(recorder.events == QStringList{"goingToSleep"});
    CHECK(monitor->isAsleep());

    logind.prepareForSleep(true);
    logind.prepareForSleep(false);
    logind.prepareForSleep(false);
    REQUIRE(deliveries.settle(3));
    CHECK(recorder.events == QStringList{"goingToSleep", "resumed"});
    CHECK_FALSE(monitor->isAsleep());
    CHECK_FALSE(monitor->isLocked());
}

TEST_CASE("logind stand-in: Lock and Unlock of our session give locked() and unlocked(), "
          "another session's are ignored")
{
    LogindStandIn logind;
    const auto monitor = createMonitor();
    Recorder recorder(*monitor);
    Deliveries deliveries;

    logind.lock(kOtherSessionPath);
    REQUIRE(deliveries.settle(1));
    CHECK(recorder.events.isEmpty());

    logind.lock();
    REQUIRE(deliveries.settle(1));
    CHECK(recorder.events == QStringList{"locked"});
    CHECK(monitor->isLocked());

    logind.unlock(kOtherSessionPath);
    REQUIRE(deliveries.settle(1));
    CHECK(recorder.events == QStringList{"locked"});

    logind.unlock();
    REQUIRE(deliveries.settle(1));
    CHECK(recorder.events == QStringList{"locked", "unlocked"});
    CHECK_FALSE(monitor->isLocked());
}

TEST_CASE("logind stand-in: LockedHint changes, sent or to be fetched, give locked() and "
          "unlocked()")
{
    LogindStandIn logind;
    const auto monitor = createMonitor();
    Recorder recorder(*monitor);
    Deliveries deliveries;

    // Another interface's property of the same name is not the session's.
    logind.lockedHintChanged(true, QStringLiteral("org.freedesktop.login1.User"));
    REQUIRE(deliveries.settle(1));
    CHECK(recorder.events.isEmpty());

    logind.lockedHintChanged(true);
    REQUIRE(deliveries.settle(1));
    CHECK(recorder.events == QStringList{"locked"});

    logind.lockedHintInvalidated(false); // the monitor reads it with Properties.Get
    REQUIRE(QTest::qWaitFor([&] { return recorder.events.size() == 2; }, kWaitMs));
    REQUIRE(deliveries.settle(1));
    CHECK(recorder.events == QStringList{"locked", "unlocked"});
}

TEST_CASE("logind stand-in with no session for our PID: GetSession(\"auto\") names it")
{
    LogindOptions options;
    options.sessionByPid.clear();
    LogindStandIn logind(options);
    const auto monitor = createMonitor();
    CHECK(monitor->sessionPath() == kSessionPath);
    CHECK(logind.pidsAsked().size() == 1);
    CHECK(logind.sessionsAsked() == QStringList{"auto"});

    Recorder recorder(*monitor);
    Deliveries deliveries;
    logind.lock();
    REQUIRE(deliveries.settle(1));
    CHECK(recorder.events == QStringList{"locked"});
}

TEST_CASE("logind stand-in with no session for us at all: sleep is still followed and name() "
          "says why")
{
    LogindOptions options;
    options.sessionByPid.clear();
    options.sessionByAuto.clear();
    LogindStandIn logind(options);
    const auto monitor = createMonitor();
    CHECK(monitor->sessionPath().isEmpty());
    CHECK(monitor->name() == QLatin1String("logind + screensaver (no logind session: No session "
                                           "'auto' known; no screen saver service)"));

    Recorder recorder(*monitor);
    Deliveries deliveries;
    logind.lock();
    logind.prepareForSleep(true);
    REQUIRE(deliveries.settle(2));
    CHECK(recorder.events == QStringList{"goingToSleep"});
}

TEST_CASE("logind stand-in that answers late: create() keeps to its 1 s budget and the session "
          "is found afterwards")
{
    LogindOptions options;
    options.firstReplyDelayMs = 1500;
    LogindStandIn logind(options);

    QElapsedTimer clock;
    clock.start();
    const auto monitor = createMonitor();
    const qint64 tookMs = clock.elapsed();
    CHECK(tookMs < 1400);
    CHECK(monitor->name() ==
          QLatin1String("logind + screensaver (logind session not known yet; no screen saver "
                        "service)"));

    REQUIRE(QTest::qWaitFor([&] { return monitor->sessionPath() == kSessionPath; }, kWaitMs));
    CHECK(monitor->name() == QLatin1String("logind + screensaver (no screen saver service)"));
    CHECK(logind.pidsAsked().size() == 2);

    Recorder recorder(*monitor);
    Deliveries deliveries;
    logind.lock();
    REQUIRE(deliveries.settle(1));
    CHECK(recorder.events == QStringList{"locked"});
}

TEST_CASE("logind stand-in whose LockedHint is true at start: locked() comes from the event "
          "loop with no signal sent, then Unlock gives unlocked()")
{
    LogindOptions options;
    options.lockedHint = true;
    LogindStandIn logind(options);
    Deliveries deliveries;
    const auto monitor = createMonitor();
    // Not within create(): the caller connects to the signals after it returns.
    CHECK_FALSE(monitor->isLocked());
    Recorder recorder(*monitor);

    REQUIRE(QTest::qWaitFor([&] { return !recorder.events.isEmpty(); }, kWaitMs));
    CHECK(deliveries.settle(0)); // read, not signalled
    CHECK(recorder.events == QStringList{"locked"});
    CHECK(monitor->isLocked());

    logind.unlock();
    REQUIRE(deliveries.settle(1));
    CHECK(recorder.events == QStringList{"locked", "unlocked"});
    CHECK_FALSE(monitor->isLocked());
}

TEST_CASE("logind stand-in whose LockedHint is false at start: it is read, and nothing is "
          "emitted")
{
    LogindStandIn logind;
    Deliveries deliveries;
    const auto monitor = createMonitor();
    Recorder recorder(*monitor);
    REQUIRE(QTest::qWaitFor([&] { return logind.lockedHintReads() == 1; }, kWaitMs));
    logind.unlock(); // a marker, and a repeat of what is known
    REQUIRE(deliveries.settle(1));
    CHECK(recorder.events.isEmpty());
    CHECK_FALSE(monitor->isLocked());
}

TEST_CASE("logind restarted, naming the same session whose LockedHint is now true: locked()")
{
    const auto monitor = createMonitor();
    Recorder recorder(*monitor);
    {
        LogindStandIn first;
        REQUIRE(QTest::qWaitFor(
            [&] {
                return monitor->sessionPath() == kSessionPath &&
                       !monitor->name().contains(QLatin1String("logind not running"));
            },
            kWaitMs));
    }
    REQUIRE(QTest::qWaitFor(
        [&] { return monitor->name().contains(QLatin1String("logind not running")); }, kWaitMs));
    CHECK(recorder.events.isEmpty());

    LogindOptions options;
    options.lockedHint = true;
    LogindStandIn second(options);
    REQUIRE(QTest::qWaitFor([&] { return !recorder.events.isEmpty(); }, kWaitMs));
    CHECK(recorder.events == QStringList{"locked"});
    CHECK(monitor->sessionPath() == kSessionPath);
    CHECK(monitor->isLocked());
}

// --- screen saver -------------------------------------------------------------------

TEST_CASE("screen saver stand-in: ActiveChanged at /org/freedesktop/ScreenSaver and at "
          "/ScreenSaver gives locked() and unlocked()")
{
    ScreenSaverStandIn screenSaver;
    const auto monitor = createMonitor();
    CHECK(monitor->name() == QLatin1String("logind + screensaver (logind not running)"));
    Recorder recorder(*monitor);
    Deliveries deliveries;

    screenSaver.activeChanged(true, kFreedesktopPath);
    REQUIRE(deliveries.settle(1));
    CHECK(recorder.events == QStringList{"locked"});

    screenSaver.activeChanged(false, kKdePath);
    REQUIRE(deliveries.settle(1));
    CHECK(recorder.events == QStringList{"locked", "unlocked"});

    // KDE's object lives at both paths: the same change may arrive twice.
    screenSaver.activeChanged(true, kFreedesktopPath);
    screenSaver.activeChanged(true, kKdePath);
    screenSaver.activeChanged(false, kFreedesktopPath);
    screenSaver.activeChanged(false, kKdePath);
    REQUIRE(deliveries.settle(4));
    CHECK(recorder.events == QStringList{"locked", "unlocked", "locked", "unlocked"});
}

TEST_CASE("GNOME Shell screen saver stand-in (org.gnome.ScreenSaver): ActiveChanged gives "
          "locked() and unlocked()")
{
    ScreenSaverStandIn screenSaver(kGnomeScreenSaver);
    const auto monitor = createMonitor();
    CHECK(monitor->name() == QLatin1String("logind + screensaver (logind not running)"));
    Recorder recorder(*monitor);
    Deliveries deliveries;

    screenSaver.activeChanged(true, kGnomePath);
    screenSaver.activeChanged(false, kGnomePath);
    REQUIRE(deliveries.settle(2));
    CHECK(recorder.events == QStringList{"locked", "unlocked"});
}

TEST_CASE("screen saver stand-in: ActiveChanged from a connection that does not own the name "
          "is ignored")
{
    ScreenSaverStandIn screenSaver;
    Peer impostor(QDBusConnection::SessionBus);
    const auto monitor = createMonitor();
    Recorder recorder(*monitor);
    Deliveries deliveries;

    impostor.emitSignal(kFreedesktopPath, kFreedesktopScreenSaver, QStringLiteral("ActiveChanged"),
                        {true});
    REQUIRE(deliveries.settle(1));
    CHECK(recorder.events.isEmpty());

    screenSaver.activeChanged(true);
    REQUIRE(deliveries.settle(1));
    CHECK(recorder.events == QStringList{"locked"});
}

TEST_CASE("screen saver stand-in active at start, at each of the three endpoints: locked() "
          "comes from the event loop with no signal sent")
{
    for (const auto& endpoint : kScreenSaverEndpoints) {
        INFO(endpoint.service << " at " << endpoint.path);
        ScreenSaverOptions options;
        options.active = true;
        options.paths = {endpoint.path};
        ScreenSaverStandIn screenSaver(endpoint.service, options);
        Deliveries deliveries;
        const auto monitor = createMonitor();
        CHECK_FALSE(monitor->isLocked());
        Recorder recorder(*monitor);

        REQUIRE(QTest::qWaitFor([&] { return !recorder.events.isEmpty(); }, kWaitMs));
        CHECK(deliveries.settle(0));
        CHECK(recorder.events == QStringList{"locked"});
        CHECK(monitor->isLocked());
        CHECK(screenSaver.asked() == 1);

        screenSaver.activeChanged(false, endpoint.path);
        REQUIRE(deliveries.settle(1));
        CHECK(recorder.events == QStringList{"locked", "unlocked"});
    }
}

TEST_CASE("KDE-like screen saver stand-in active at both freedesktop paths: one locked()")
{
    ScreenSaverOptions options;
    options.active = true;
    ScreenSaverStandIn screenSaver(kFreedesktopScreenSaver, options);
    const auto monitor = createMonitor();
    Recorder recorder(*monitor);
    REQUIRE(QTest::qWaitFor([&] { return screenSaver.asked() == 2; }, kWaitMs));
    REQUIRE(QTest::qWaitFor([&] { return !recorder.events.isEmpty(); }, kWaitMs));
    QTest::qWait(50); // the second answer, too
    CHECK(recorder.events == QStringList{"locked"});
}

TEST_CASE("screen saver stand-in whose GetActive() answer (true) is held back")
{
    ScreenSaverOptions options;
    options.active = true;
    options.holdReplies = true;
    options.paths = {kFreedesktopPath};
    ScreenSaverStandIn screenSaver(kFreedesktopScreenSaver, options);
    const auto monitor = createMonitor();
    Recorder recorder(*monitor);
    Deliveries deliveries;
    REQUIRE(QTest::qWaitFor([&] { return screenSaver.held() == 1; }, kWaitMs));

    SUBCASE("and arrives after an ActiveChanged(false): it is out of date and locks nothing")
    {
        screenSaver.activeChanged(false);
        screenSaver.releaseHeldReplies();
        // A marker: messages from one sender arrive in order, so the answer is in too.
        screenSaver.activeChanged(false);
        REQUIRE(deliveries.settle(2));
        CHECK(recorder.events.isEmpty());
        CHECK_FALSE(monitor->isLocked());

        screenSaver.activeChanged(true); // and signals still count
        REQUIRE(deliveries.settle(1));
        CHECK(recorder.events == QStringList{"locked"});
    }
    SUBCASE("and arrives with no news before it: locked()")
    {
        screenSaver.releaseHeldReplies();
        REQUIRE(QTest::qWaitFor([&] { return !recorder.events.isEmpty(); }, kWaitMs));
        CHECK(recorder.events == QStringList{"locked"});
        CHECK(monitor->isLocked());
    }
}

TEST_CASE("screen saver stand-in that appears after the monitor, already active, at each of the "
          "three endpoints: locked()")
{
    for (const auto& endpoint : kScreenSaverEndpoints) {
        INFO(endpoint.service << " at " << endpoint.path);
        const auto monitor = createMonitor();
        Recorder recorder(*monitor);
        Deliveries::syncBuses(); // the monitor's owner watch is in force
        ScreenSaverOptions options;
        options.active = true;
        options.paths = {endpoint.path};
        ScreenSaverStandIn screenSaver(endpoint.service, options);

        REQUIRE(QTest::qWaitFor([&] { return !recorder.events.isEmpty(); }, kWaitMs));
        CHECK(recorder.events == QStringList{"locked"});
        CHECK(monitor->isLocked());
        CHECK_FALSE(monitor->name().contains(QLatin1String("no screen saver service")));
    }
}

TEST_CASE("screen saver stand-in that appears after the monitor, not active: nothing is emitted")
{
    const auto monitor = createMonitor();
    Recorder recorder(*monitor);
    Deliveries::syncBuses();
    ScreenSaverStandIn screenSaver(kGnomeScreenSaver);
    REQUIRE(QTest::qWaitFor([&] { return screenSaver.asked() == 1; }, kWaitMs));
    Deliveries deliveries;
    // A marker sent after the answer (messages from one sender keep their order), and a
    // repeat of what is known.
    screenSaver.activeChanged(false, kGnomePath);
    REQUIRE(deliveries.settle(1));
    CHECK(recorder.events.isEmpty());
    CHECK_FALSE(monitor->isLocked());
}

// --- both sources ---------------------------------------------------------------------

TEST_CASE("logind and screen saver stand-ins: a lock reported by both gives one locked(), and "
          "either may end it")
{
    LogindStandIn logind;
    ScreenSaverStandIn screenSaver;
    const auto monitor = createMonitor();
    CHECK(monitor->name() == QLatin1String("logind + screensaver"));
    Recorder recorder(*monitor);
    Deliveries deliveries;

    // logind asks for a lock, the locker locks and says so, logind records the hint.
    logind.lock();
    screenSaver.activeChanged(true);
    logind.lockedHintChanged(true);
    REQUIRE(deliveries.settle(3));
    CHECK(recorder.events == QStringList{"locked"});

    // Unlocked at the locker: logind sends no Unlock, only the hint, after the locker.
    screenSaver.activeChanged(false);
    logind.lockedHintChanged(false);
    REQUIRE(deliveries.settle(2));
    CHECK(recorder.events == QStringList{"locked", "unlocked"});

    // The other way round: the screen saver first, then logind's Lock; one locked().
    screenSaver.activeChanged(true);
    logind.lock();
    REQUIRE(deliveries.settle(2));
    CHECK(recorder.events == QStringList{"locked", "unlocked", "locked"});
    logind.unlock();
    screenSaver.activeChanged(false);
    REQUIRE(deliveries.settle(2));
    CHECK(recorder.events == QStringList{"locked", "unlocked", "locked", "unlocked"});
}

// --- other bus addresses (this binary again, as a child) -------------------------------

TEST_CASE("no buses at all (bad addresses): create() returns nullptr with a reason, and "
          "createSessionMonitor() returns nullptr and says why")
{
    const QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const ProbeResult result = probeWith(badAddress(dir, "system"), badAddress(dir, "session"));
    CHECK(result.exitCode == 1);
    INFO("create(): " << result.created);
    CHECK(result.created.startsWith(QLatin1String("none: no D-Bus system bus for logind (")));
    CHECK(
        result.created.contains(QLatin1String(") and no D-Bus session bus for a screen saver (")));
    CHECK(result.created.contains(dir.path())); // libdbus names the socket it could not reach
    CHECK(result.log.startsWith(
        QLatin1String("log: session monitor: none (freedesktop: no D-Bus system bus for logind")));
}

TEST_CASE("session bus only: create() uses the screen saver and name() says the system bus is "
          "missing")
{
    const QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const ProbeResult result = probeWith(badAddress(dir, "system"), QString());
    CHECK(result.exitCode == 0);
    INFO("create(): " << result.created);
    CHECK(result.created.startsWith(QLatin1String("name: screensaver only (no system bus: ")));
    CHECK(result.created.endsWith(QLatin1String("; no screen saver service)")));
    CHECK(result.log.startsWith(
        QLatin1String("log: session monitor: freedesktop, screensaver only (no system bus: ")));
}

TEST_CASE("system bus only: create() uses logind and name() says the session bus is missing")
{
    const QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const ProbeResult result = probeWith(QString(), badAddress(dir, "session"));
    CHECK(result.exitCode == 0);
    INFO("create(): " << result.created);
    CHECK(result.created.startsWith(
        QLatin1String("name: logind only (logind not running; no session bus: ")));
}

int main(int argc, char** argv)
{
    qputenv("LC_ALL", "C.UTF-8");
    QLocale::setDefault(QLocale::c());
    QCoreApplication app(argc, argv);

    if (argc == 2 && qstrcmp(argv[1], kProbe) == 0) // the child of a test above
        return probeAndReport();

    // The stand-ins claim org.freedesktop.login1 and the screen savers' names: only
    // ever on buses of our own.
    if (qgetenv("DESKBREAK_TEST_PRIVATE_BUSES") != "1") {
        std::fprintf(stderr, "%s: run me through tests/support/with-private-buses.sh\n", argv[0]);
        return 2;
    }
    doctest::Context context(argc, argv);
    return context.run();
}

#include "SessionMonitorTest.moc"
