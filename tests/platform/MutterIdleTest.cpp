// The GNOME idle backend (org.gnome.Mutter.IdleMonitor on the session bus), in two
// suites, one per harness:
//
//   with-private-buses.sh platform_mutter_tests   the "stand-in" suite
//   with-mutter.sh platform_mutter_tests          the "real mutter" suite
//
// The stand-in suite hosts a small stand-in for org.gnome.Mutter.IdleMonitor on a
// bus connection of its own (a "mutter stand-in": it records the calls it gets,
// hands out watch ids from 1 as mutter does, and sends WatchFired when a test says
// so). It checks what the source asks and how it takes the answers, not how a real
// compositor behaves. The real-mutter suite runs against a headless mutter, with
// user input injected through $DESKBREAK_TEST_INPUT.
//
// Cases that need another session bus (none at all, or one that can be taken away)
// run this binary again as a child (`--create`, `--lose-bus`).
#define DOCTEST_CONFIG_IMPLEMENT
#include "platform/gnome/MutterIdleSource.h"
#include "support/DoctestQt.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusContext>
#include <QDBusMessage>
#include <QElapsedTimer>
#include <QFile>
#include <QLocale>
#include <QMutex>
#include <QMutexLocker>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <doctest/doctest.h>
#include <memory>

using namespace std::chrono_literals;
using deskbreak::platform::IdleSource;
using deskbreak::platform::MutterIdleSource;

namespace {

constexpr int kWaitMs = 5000;
constexpr int kIdleWaitMs = 10000; // real mutter: a threshold plus generous slack
constexpr const char* kLoseBus = "--lose-bus";
constexpr const char* kCreate = "--create";

const QString kService = QStringLiteral("org.gnome.Mutter.IdleMonitor");
const QString kPath = QStringLiteral("/org/gnome/Mutter/IdleMonitor/Core");
const QString kInterface = QStringLiteral("org.gnome.Mutter.IdleMonitor");
const QString kWatchFired = QStringLiteral("WatchFired");
const char* const kCategory = "deskbreak.platform.mutter";

std::unique_ptr<MutterIdleSource> createSource()
{
    QString whyNot;
    auto source = MutterIdleSource::create(&whyNot);
    INFO("whyNot: " << whyNot);
    REQUIRE(source);
    return source;
}

bool waitForCount(const QSignalSpy& spy, int count, int timeoutMs = kWaitMs)
{
    return QTest::qWaitFor([&] { return spy.size() >= count; }, timeoutMs);
}

// WatchFired(id), sent by `from` to this process's session bus connection (the one
// the source uses), the way mutter sends it: to the watch's owner only.
void sendWatchFired(QDBusConnection& from, uint id)
{
    QDBusMessage signal = QDBusMessage::createTargetedSignal(
        QDBusConnection::sessionBus().baseService(), kPath, kInterface, kWatchFired);
    signal << id;
    REQUIRE(from.send(signal));
}

// --- the mutter stand-in -------------------------------------------------------------

// org.gnome.Mutter.IdleMonitor: answers from the stand-in's own thread (idleTime()
// blocks the main thread while it asks) and records each call, with the id handed out.
class IdleMonitorObject : public QObject, protected QDBusContext {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.gnome.Mutter.IdleMonitor")
public:
    QStringList calls() const
    {
        QMutexLocker lock(&m_mutex);
        return m_calls;
    }
    void setIdletime(qulonglong ms) { m_idletime = ms; }
    // From now on, each Add*Watch sends WatchFired(new id) before its reply.
    void setFireBeforeReply(bool on) { m_fireBeforeReply = on; }
    // From now on, Add*Watch replies wait for releaseHeldReplies().
    void setHoldReplies(bool on) { m_holdReplies = on; }
    // Sends the held replies, then WatchFired(0) (no watch) as a marker that they left.
    void releaseHeldReplies()
    {
        QMutexLocker lock(&m_mutex);
        for (const auto& reply : std::as_const(m_heldReplies))
            m_heldConnection.send(reply);
        m_heldReplies.clear();
        QDBusMessage marker = QDBusMessage::createTargetedSignal(
            QDBusConnection::sessionBus().baseService(), kPath, kInterface, kWatchFired);
        marker << 0U;
        m_heldConnection.send(marker);
    }

public Q_SLOTS:
    uint AddIdleWatch(qulonglong interval)
    {
        return add(QStringLiteral("AddIdleWatch %1").arg(interval));
    }
    uint AddUserActiveWatch() { return add(QStringLiteral("AddUserActiveWatch")); }
    void RemoveWatch(uint id) { record(QStringLiteral("RemoveWatch %1").arg(id)); }
    qulonglong GetIdletime()
    {
        record(QStringLiteral("GetIdletime"));
        return m_idletime;
    }

private:
    void record(const QString& call)
    {
        QMutexLocker lock(&m_mutex);
        m_calls.append(call);
    }

    uint add(const QString& call)
    {
        const bool hold = m_holdReplies; // decided before the call shows in calls()
        uint id = 0;
        {
            QMutexLocker lock(&m_mutex);
            id = ++m_lastId;
            m_calls.append(QStringLiteral("%1 -> %2").arg(call).arg(id));
        }
        if (hold) {
            setDelayedReply(true);
            QMutexLocker lock(&m_mutex);
            m_heldConnection = connection();
            m_heldReplies.append(message().createReply(QVariant::fromValue(id)));
        } else if (m_fireBeforeReply) {
            setDelayedReply(true);
            QDBusMessage fired = QDBusMessage::createTargetedSignal(message().service(), kPath,
                                                                    kInterface, kWatchFired);
            fired << id;
            connection().send(fired);
            connection().send(message().createReply(QVariant::fromValue(id)));
        }
        return id;
    }

    mutable QMutex m_mutex;
    QStringList m_calls;
    uint m_lastId = 0;
    std::atomic<qulonglong> m_idletime = 0;
    std::atomic<bool> m_fireBeforeReply = false;
    std::atomic<bool> m_holdReplies = false;
    QDBusConnection m_heldConnection{QString()};
    QList<QDBusMessage> m_heldReplies;
};

// Owns org.gnome.Mutter.IdleMonitor on a private connection of its own, as a
// compositor would; a later stand-in takes the name over from an earlier one.
class MutterStandIn {
public:
    MutterStandIn()
        : m_name(QStringLiteral("mutter-stand-in-%1").arg(++s_instances))
        , m_bus(QDBusConnection::connectToBus(QDBusConnection::SessionBus, m_name))
        , m_object(std::make_unique<IdleMonitorObject>())
    {
        REQUIRE(m_bus.isConnected());
        m_object->moveToThread(&m_thread);
        m_thread.start();
        REQUIRE(m_bus.registerObject(kPath, m_object.get(), QDBusConnection::ExportAllSlots));
        const QDBusReply<QDBusConnectionInterface::RegisterServiceReply> owned =
            m_bus.interface()->registerService(kService,
                                               QDBusConnectionInterface::ReplaceExistingService,
                                               QDBusConnectionInterface::AllowReplacement);
        REQUIRE(owned.isValid());
        REQUIRE(owned.value() == QDBusConnectionInterface::ServiceRegistered);
    }
    ~MutterStandIn()
    {
        m_bus.unregisterObject(kPath);
        QDBusConnection::disconnectFromBus(m_name); // gives up the name, if still ours
        m_thread.quit();
        m_thread.wait();
    }
    MutterStandIn(const MutterStandIn&) = delete;
    MutterStandIn& operator=(const MutterStandIn&) = delete;

    void fire(uint id) { sendWatchFired(m_bus, id); }
    QStringList calls() const { return m_object->calls(); }
    bool waitForCalls(const QStringList& expected) const
    {
        return QTest::qWaitFor([&] { return calls() == expected; }, kWaitMs);
    }
    // For calls whose order depends on when a reply reached the source.
    bool waitForCallsInAnyOrder(QStringList expected) const
    {
        expected.sort();
        return QTest::qWaitFor(
            [&] {
                QStringList seen = calls();
                seen.sort();
                return seen == expected;
            },
            kWaitMs);
    }
    IdleMonitorObject& object() { return *m_object; }

private:
    static inline int s_instances = 0;
    QString m_name;
    QDBusConnection m_bus;
    QThread m_thread;
    std::unique_ptr<IdleMonitorObject> m_object;
};

// A connection that does not own the name but sends look-alike signals.
class Impostor {
public:
    Impostor()
        : m_bus(QDBusConnection::connectToBus(QDBusConnection::SessionBus, m_name))
    {
        REQUIRE(m_bus.isConnected());
    }
    ~Impostor() { QDBusConnection::disconnectFromBus(m_name); }
    Impostor(const Impostor&) = delete;
    Impostor& operator=(const Impostor&) = delete;

    void fire(uint id) { sendWatchFired(m_bus, id); }

private:
    const QString m_name = QStringLiteral("impostor");
    QDBusConnection m_bus;
};

// Counts every WatchFired that reaches this process's session bus connection, from
// anyone. Once the count is reached, the source has been handed the same messages:
// `settle()` then gives it the moment to act on them, so that a test can also check
// that nothing MORE happened.
class WatchFiredCounter : public QObject {
    Q_OBJECT
public:
    WatchFiredCounter()
    {
        REQUIRE(QDBusConnection::sessionBus().connect(QString(), kPath, kInterface, kWatchFired,
                                                      this, SLOT(onSignal(QDBusMessage))));
    }

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
    int m_seen = 0;
    int m_expected = 0;
};

// What the source logged in its own category, debug lines aside, while this exists.
class LogCapture {
public:
    LogCapture()
    {
        s_lines.clear();
        m_previous = qInstallMessageHandler(&LogCapture::handle);
        s_previous = m_previous;
    }
    ~LogCapture() { qInstallMessageHandler(m_previous); }
    LogCapture(const LogCapture&) = delete;
    LogCapture& operator=(const LogCapture&) = delete;

    static QStringList lines() { return s_lines; }
    static QStringList linesContaining(const QString& text) { return s_lines.filter(text); }

private:
    static void handle(QtMsgType type, const QMessageLogContext& context, const QString& text)
    {
        if (type != QtDebugMsg && context.category != nullptr &&
            qstrcmp(context.category, kCategory) == 0)
            s_lines.append(text);
        if (s_previous != nullptr)
            s_previous(type, context, text);
    }

    QtMessageHandler m_previous = nullptr;
    static inline QtMessageHandler s_previous = nullptr;
    static inline QStringList s_lines;
};

// --- real mutter ---------------------------------------------------------------------

// One relative pointer motion, through the harness's injector.
void userInput()
{
    const QString injector = qEnvironmentVariable("DESKBREAK_TEST_INPUT");
    REQUIRE_MESSAGE(!injector.isEmpty(), "DESKBREAK_TEST_INPUT is not set (run under "
                                         "tests/support/with-mutter.sh)");
    QProcess input;
    input.start(injector, {});
    REQUIRE(input.waitForStarted(kWaitMs));
    REQUIRE(input.waitForFinished(kWaitMs));
    INFO("input stderr: " << QString::fromUtf8(input.readAllStandardError()));
    REQUIRE(input.exitStatus() == QProcess::NormalExit);
    REQUIRE(input.exitCode() == 0);
}

qint64 idleArgument(const QSignalSpy& spy, int index)
{
    return spy.at(index).at(0).toLongLong();
}

// --- the child that loses its bus ------------------------------------------------------

// Runs in a child on a bus of its own: arms a source, says "armed", and reports
// what unavailable() said once the parent has stopped the bus; then changes the
// threshold twice, which must not make it say more.
int loseBusChild()
{
    doctest::Context context;
    context.setAsDefaultForAssertsOutOfTestCases();
    context.setAssertHandler([](const doctest::AssertData& data) {
        std::fprintf(stderr, "child: %s failed at %s:%d\n", data.m_expr, data.m_file, data.m_line);
        std::exit(3);
    });
    MutterStandIn standIn;
    const auto source = createSource();
    QSignalSpy unavailable(source.get(), &IdleSource::unavailable);
    source->setIdleThreshold(1000ms);
    REQUIRE(standIn.waitForCalls({"AddIdleWatch 1000 -> 1"}));
    std::printf("armed\n");
    std::fflush(stdout);

    const bool came = waitForCount(unavailable, 1);
    source->setIdleThreshold(2000ms);
    source->setIdleThreshold(3000ms);
    QTest::qWait(100); // a second one would be queued by now
    std::printf("unavailable: %s\ncount: %d\n",
                came ? qPrintable(unavailable.at(0).at(0).toString()) : "(none)",
                static_cast<int>(unavailable.size()));
    std::fflush(stdout);
    return 0;
}

// Runs in a child: create()'s verdict on this environment's session bus.
int createChild()
{
    QString whyNot;
    const auto source = MutterIdleSource::create(&whyNot);
    std::printf("%s\n", source ? "created" : qPrintable(QStringLiteral("none: ") + whyNot));
    return 0;
}

// Reads `process`'s stdout up to its next line, waiting at most kWaitMs.
QString nextLine(QProcess& process)
{
    QElapsedTimer clock;
    clock.start();
    while (!process.canReadLine() && clock.elapsed() < kWaitMs)
        process.waitForReadyRead(100);
    return QString::fromUtf8(process.readLine()).trimmed();
}

} // namespace

// --- stand-in ------------------------------------------------------------------------

TEST_SUITE("stand-in")
{
    TEST_CASE("no mutter stand-in: create() returns nullptr with a reason")
    {
        QString whyNot;
        const auto source = MutterIdleSource::create(&whyNot);
        CHECK_FALSE(source);
        CHECK(whyNot ==
              QStringLiteral("nobody owns org.gnome.Mutter.IdleMonitor on the session bus (not a "
                             "GNOME session)"));
    }

    TEST_CASE("no session bus at all (a bad address): create() returns nullptr with a reason")
    {
        const QTemporaryDir dir;
        REQUIRE(dir.isValid());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   QStringLiteral("unix:path=%1/no-bus-here").arg(dir.path()));
        env.remove(QStringLiteral("DISPLAY")); // never let libdbus autolaunch a bus
        QProcess child;
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {QString::fromLatin1(kCreate)});
        REQUIRE(child.waitForStarted(kWaitMs));
        const QString verdict = nextLine(child);
        REQUIRE(child.waitForFinished(kWaitMs));
        INFO("verdict: " << verdict);
        CHECK(verdict.startsWith(QLatin1String("none: no D-Bus session bus (")));
        CHECK(verdict.contains(dir.path())); // libdbus names the socket it could not reach
    }

    TEST_CASE("mutter stand-in: an idle watch at the threshold, its WatchFired gives idleFor(), "
              "then a user-active watch whose WatchFired gives activeAgain(), the idle watch "
              "fires again")
    {
        MutterStandIn mutter;
        const auto source = createSource();
        CHECK(source->name() == QStringLiteral("gnome-mutter"));
        CHECK(source->mode() == IdleSource::Mode::Push);
        QSignalSpy idle(source.get(), &IdleSource::idleFor);
        QSignalSpy active(source.get(), &IdleSource::activeAgain);
        CHECK(mutter.calls().isEmpty()); // nothing is armed before a threshold is known

        source->setIdleThreshold(1500ms);
        REQUIRE(mutter.waitForCalls({"AddIdleWatch 1500 -> 1"}));

        mutter.fire(1);
        REQUIRE(waitForCount(idle, 1));
        CHECK(idleArgument(idle, 0) == 1500);
        REQUIRE(mutter.waitForCalls({"AddIdleWatch 1500 -> 1", "AddUserActiveWatch -> 2"}));
        CHECK(active.isEmpty());

        mutter.fire(2);
        REQUIRE(waitForCount(active, 1));
        CHECK(idle.size() == 1);

        // Mutter keeps the idle watch and fires it at the next idle.
        mutter.fire(1);
        REQUIRE(waitForCount(idle, 2));
        CHECK(idleArgument(idle, 1) == 1500);
        REQUIRE(mutter.waitForCalls(
            {"AddIdleWatch 1500 -> 1", "AddUserActiveWatch -> 2", "AddUserActiveWatch -> 3"}));
        mutter.fire(3);
        REQUIRE(waitForCount(active, 2));
        CHECK(idle.size() == 2);
    }

    TEST_CASE("mutter stand-in: WatchFired for ids not ours, repeats, and look-alikes from a "
              "connection that does not own the name give nothing")
    {
        MutterStandIn mutter;
        Impostor impostor;
        const auto source = createSource();
        QSignalSpy idle(source.get(), &IdleSource::idleFor);
        QSignalSpy active(source.get(), &IdleSource::activeAgain);
        WatchFiredCounter counter;
        source->setIdleThreshold(1000ms);
        REQUIRE(mutter.waitForCalls({"AddIdleWatch 1000 -> 1"}));

        mutter.fire(77);  // another client's watch
        impostor.fire(1); // our id, from the wrong sender
        mutter.fire(2);   // the user-active watch's id-to-be, before it exists
        REQUIRE(counter.settle(3));
        CHECK(idle.isEmpty());
        CHECK(active.isEmpty());
        CHECK(mutter.calls() == QStringList{"AddIdleWatch 1000 -> 1"});

        mutter.fire(1);
        REQUIRE(waitForCount(idle, 1));
        REQUIRE(mutter.waitForCalls({"AddIdleWatch 1000 -> 1", "AddUserActiveWatch -> 2"}));

        mutter.fire(1); // the idle watch again while idle: already reported
        mutter.fire(77);
        impostor.fire(2);
        REQUIRE(counter.settle(4)); // the earlier fire(1) and these three
        CHECK(idle.size() == 1);
        CHECK(active.isEmpty());

        mutter.fire(2);
        REQUIRE(waitForCount(active, 1));
        mutter.fire(2); // a user-active watch fires once: a repeat is not ours any more
        REQUIRE(counter.settle(2));
        CHECK(active.size() == 1);
        CHECK(idle.size() == 1);
    }

    TEST_CASE("mutter stand-in that sends WatchFired before its Add*Watch reply: the watch "
              "still counts")
    {
        MutterStandIn mutter;
        mutter.object().setFireBeforeReply(true);
        const auto source = createSource();
        QSignalSpy idle(source.get(), &IdleSource::idleFor);
        QSignalSpy active(source.get(), &IdleSource::activeAgain);

        source->setIdleThreshold(1000ms);
        REQUIRE(waitForCount(idle, 1));
        CHECK(idleArgument(idle, 0) == 1000);
        REQUIRE(waitForCount(active, 1));
        CHECK(mutter.calls() == QStringList{"AddIdleWatch 1000 -> 1", "AddUserActiveWatch -> 2"});
        CHECK(idle.size() == 1);
    }

    TEST_CASE("mutter stand-in: a new threshold removes the old idle watch and adds one at the "
              "new value, the old id counts no more")
    {
        MutterStandIn mutter;
        const auto source = createSource();
        QSignalSpy idle(source.get(), &IdleSource::idleFor);
        WatchFiredCounter counter;
        source->setIdleThreshold(1000ms);
        REQUIRE(mutter.waitForCalls({"AddIdleWatch 1000 -> 1"}));

        source->setIdleThreshold(2000ms);
        // RemoveWatch 1 comes first if the source already had id 1 back, else right after it.
        QStringList expected{"AddIdleWatch 1000 -> 1", "RemoveWatch 1", "AddIdleWatch 2000 -> 2"};
        REQUIRE(mutter.waitForCallsInAnyOrder(expected));

        // The same threshold again asks nothing (GetIdletime is a round trip behind it).
        source->setIdleThreshold(2000ms);
        CHECK(source->idleTime() == 0ms);
        expected.append("GetIdletime");
        CHECK(mutter.waitForCallsInAnyOrder(expected));

        mutter.fire(1);
        REQUIRE(counter.settle(1));
        CHECK(idle.isEmpty());
        mutter.fire(2);
        REQUIRE(waitForCount(idle, 1));
        CHECK(idleArgument(idle, 0) == 2000);
    }

    TEST_CASE("mutter stand-in: a threshold replaced before its watch id came back: that watch "
              "is removed when its id arrives")
    {
        MutterStandIn mutter;
        const auto source = createSource();
        QSignalSpy idle(source.get(), &IdleSource::idleFor);
        WatchFiredCounter counter;

        // No event loop runs between the two: both calls leave before either reply is read.
        source->setIdleThreshold(3000ms);
        source->setIdleThreshold(4000ms);
        REQUIRE(mutter.waitForCalls(
            {"AddIdleWatch 3000 -> 1", "AddIdleWatch 4000 -> 2", "RemoveWatch 1"}));

        mutter.fire(1);
        REQUIRE(counter.settle(1));
        CHECK(idle.isEmpty());
        mutter.fire(2);
        REQUIRE(waitForCount(idle, 1));
        CHECK(idleArgument(idle, 0) == 4000);
    }

    TEST_CASE("mutter stand-in: a threshold changed while idle replaces the watch, and the next "
              "idleFor() comes after activeAgain()")
    {
        MutterStandIn mutter;
        const auto source = createSource();
        QSignalSpy idle(source.get(), &IdleSource::idleFor);
        QSignalSpy active(source.get(), &IdleSource::activeAgain);
        WatchFiredCounter counter;
        source->setIdleThreshold(1000ms);
        REQUIRE(mutter.waitForCalls({"AddIdleWatch 1000 -> 1"}));
        mutter.fire(1);
        REQUIRE(waitForCount(idle, 1));
        REQUIRE(mutter.waitForCalls({"AddIdleWatch 1000 -> 1", "AddUserActiveWatch -> 2"}));

        source->setIdleThreshold(500ms);
        REQUIRE(mutter.waitForCalls({"AddIdleWatch 1000 -> 1", "AddUserActiveWatch -> 2",
                                     "RemoveWatch 1", "AddIdleWatch 500 -> 3"}));
        mutter.fire(3); // mutter fires a new watch at once when idle is past it
        REQUIRE(counter.settle(2));
        CHECK(idle.size() == 1);

        mutter.fire(2);
        REQUIRE(waitForCount(active, 1));
        mutter.fire(3);
        REQUIRE(waitForCount(idle, 2));
        CHECK(idleArgument(idle, 1) == 500);
    }

    TEST_CASE("mutter stand-in leaves and another comes: the watches are added again on the new "
              "owner, idle is assumed over, and each change is logged once")
    {
        LogCapture log;
        auto first = std::make_unique<MutterStandIn>();
        const auto source = createSource();
        QSignalSpy idle(source.get(), &IdleSource::idleFor);
        QSignalSpy active(source.get(), &IdleSource::activeAgain);
        QSignalSpy unavailable(source.get(), &IdleSource::unavailable);
        source->setIdleThreshold(1500ms);
        REQUIRE(first->waitForCalls({"AddIdleWatch 1500 -> 1"}));
        first->fire(1);
        REQUIRE(waitForCount(idle, 1));
        REQUIRE(first->waitForCalls({"AddIdleWatch 1500 -> 1", "AddUserActiveWatch -> 2"}));

        first.reset();
        REQUIRE(QTest::qWaitFor([&] { return !LogCapture::linesContaining("left").isEmpty(); },
                                kWaitMs));
        CHECK(LogCapture::linesContaining("left") ==
              QStringList{"org.gnome.Mutter.IdleMonitor left the session bus; idle reports "
                          "resume when it returns"});
        CHECK(source->idleTime() == std::nullopt);
        CHECK(active.isEmpty());

        // A new owner whose ids start again at 1: the old ones mean nothing to it.
        MutterStandIn second;
        REQUIRE(second.waitForCalls({"AddIdleWatch 1500 -> 1"}));
        REQUIRE(waitForCount(active, 1));
        const QStringList back = LogCapture::linesContaining("is back");
        REQUIRE(back.size() == 1);
        CHECK(back.first().endsWith(QLatin1String("- adding the idle watches again")));
        second.fire(1);
        REQUIRE(waitForCount(idle, 2));
        REQUIRE(second.waitForCalls({"AddIdleWatch 1500 -> 1", "AddUserActiveWatch -> 2"}));
        second.fire(2);
        REQUIRE(waitForCount(active, 2));

        // Replaced without a gap: the new owner gets the watches, the old one is not heard.
        WatchFiredCounter counter;
        MutterStandIn third;
        REQUIRE(third.waitForCalls({"AddIdleWatch 1500 -> 1"}));
        CHECK(LogCapture::linesContaining("has a new owner").size() == 1);
        second.fire(1);
        REQUIRE(counter.settle(1));
        CHECK(idle.size() == 2);
        third.fire(1);
        REQUIRE(waitForCount(idle, 3));

        CHECK(active.size() == 2);
        CHECK(unavailable.isEmpty());
        CHECK(LogCapture::lines().size() == 3);
    }

    TEST_CASE("mutter stand-in replaced while its Add*Watch reply is on its way: that late "
              "answer is not used")
    {
        MutterStandIn first;
        first.object().setHoldReplies(true);
        const auto source = createSource();
        QSignalSpy idle(source.get(), &IdleSource::idleFor);
        WatchFiredCounter counter;
        source->setIdleThreshold(1500ms);
        REQUIRE(first.waitForCalls({"AddIdleWatch 1500 -> 1"}));

        MutterStandIn second;
        REQUIRE(second.waitForCalls({"AddIdleWatch 1500 -> 1"}));
        first.object().releaseHeldReplies();
        REQUIRE(counter.settle(1)); // the marker, after the late reply
        // A round trip to the new owner: a RemoveWatch for the old owner's id would be
        // in its calls before this one.
        CHECK(source->idleTime() == 0ms);
        CHECK(second.calls() == QStringList{"AddIdleWatch 1500 -> 1", "GetIdletime"});

        second.fire(1);
        REQUIRE(waitForCount(idle, 1));
    }

    TEST_CASE("mutter stand-in: a source that goes removes its watches")
    {
        MutterStandIn mutter;
        auto source = createSource();
        QSignalSpy idle(source.get(), &IdleSource::idleFor);
        WatchFiredCounter counter;
        source->setIdleThreshold(1000ms);
        REQUIRE(mutter.waitForCalls({"AddIdleWatch 1000 -> 1"}));
        mutter.object().setHoldReplies(true); // so that we know when id 2 has arrived
        mutter.fire(1);
        REQUIRE(waitForCount(idle, 1));
        REQUIRE(mutter.waitForCalls({"AddIdleWatch 1000 -> 1", "AddUserActiveWatch -> 2"}));
        mutter.object().releaseHeldReplies();
        REQUIRE(counter.settle(2)); // fire(1) and the marker, which came after the reply

        source.reset();
        REQUIRE(mutter.waitForCalls({"AddIdleWatch 1000 -> 1", "AddUserActiveWatch -> 2",
                                     "RemoveWatch 1", "RemoveWatch 2"}));
    }

    TEST_CASE("mutter stand-in: idleTime() is its GetIdletime")
    {
        MutterStandIn mutter;
        const auto source = createSource();
        mutter.object().setIdletime(4321);
        CHECK(source->idleTime() == 4321ms);
        mutter.object().setIdletime(7);
        CHECK(source->idleTime() == 7ms);
        CHECK(mutter.calls() == QStringList{"GetIdletime", "GetIdletime"});
    }

    TEST_CASE("mutter stand-in on a session bus that goes away: unavailable() once, with a "
              "reason")
    {
        const QTemporaryDir dir;
        REQUIRE(dir.isValid());
        QFile config(dir.filePath(QStringLiteral("bus.conf")));
        REQUIRE(config.open(QIODevice::WriteOnly));
        config.write(QStringLiteral(R"(<!DOCTYPE busconfig PUBLIC
 "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=%1/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
)")
                         .arg(dir.path())
                         .toUtf8());
        config.close();

        QProcess bus;
        bus.start(QStringLiteral("dbus-daemon"),
                  {QStringLiteral("--config-file=") + config.fileName(), QStringLiteral("--nofork"),
                   QStringLiteral("--print-address=1")});
        REQUIRE(bus.waitForStarted(kWaitMs));
        const QString address = nextLine(bus);
        REQUIRE_FALSE(address.isEmpty());

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), address);
        QProcess child;
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {QString::fromLatin1(kLoseBus)});
        REQUIRE(child.waitForStarted(kWaitMs));
        const QString armed = nextLine(child);
        INFO("child's stderr: " << QString::fromUtf8(child.readAllStandardError()));
        REQUIRE(armed == QLatin1String("armed"));

        bus.terminate(); // our own bus daemon, by its handle
        REQUIRE(bus.waitForFinished(kWaitMs));
        if (!child.waitForFinished(kWaitMs)) {
            child.kill(); // our own child, by its handle
            child.waitForFinished(kWaitMs);
            FAIL("the --lose-bus child did not finish within 5 s");
        }
        INFO("child's stderr: " << QString::fromUtf8(child.readAllStandardError()));
        CHECK(child.exitCode() == 0);
        CHECK(nextLine(child) == QLatin1String("unavailable: lost the D-Bus session bus"));
        CHECK(nextLine(child) == QLatin1String("count: 1"));
    }
}

// --- real mutter ---------------------------------------------------------------------

TEST_SUITE("real mutter")
{
    TEST_CASE("real mutter: idleFor() at 1.5 s without input, activeAgain() at input, idle "
              "again, and a changed threshold applies")
    {
        const auto source = createSource();
        QSignalSpy idle(source.get(), &IdleSource::idleFor);
        QSignalSpy active(source.get(), &IdleSource::activeAgain);

        userInput();
        QElapsedTimer sinceInput;
        sinceInput.start();
        source->setIdleThreshold(1500ms);
        REQUIRE(waitForCount(idle, 1, kIdleWaitMs));
        CHECK(sinceInput.elapsed() >= 1300);
        CHECK(idleArgument(idle, 0) == 1500);
        CHECK(active.isEmpty());
        const auto idleNow = source->idleTime();
        REQUIRE(idleNow.has_value());
        CHECK(*idleNow >= 1300ms);

        userInput();
        sinceInput.restart();
        REQUIRE(waitForCount(active, 1));
        const auto afterInput = source->idleTime();
        REQUIRE(afterInput.has_value());
        CHECK(*afterInput < 1000ms);
        CHECK(idle.size() == 1);

        // Mutter re-arms the idle watch itself: idle again with no new call.
        REQUIRE(waitForCount(idle, 2, kIdleWaitMs));
        CHECK(sinceInput.elapsed() >= 1300);
        CHECK(active.size() == 1);

        userInput();
        REQUIRE(waitForCount(active, 2));
        sinceInput.restart();
        source->setIdleThreshold(3000ms);
        REQUIRE(waitForCount(idle, 3, kIdleWaitMs));
        CHECK(sinceInput.elapsed() >= 2700);
        CHECK(idleArgument(idle, 2) == 3000);
        CHECK(active.size() == 2);
    }

    TEST_CASE("real mutter: a threshold already passed gives idleFor() at once, lowered while "
              "idle, it waits for activeAgain()")
    {
        const auto source = createSource();
        QSignalSpy idle(source.get(), &IdleSource::idleFor);
        QSignalSpy active(source.get(), &IdleSource::activeAgain);

        userInput();
        REQUIRE(QTest::qWaitFor(
            [&] {
                const auto now = source->idleTime();
                return now.has_value() && *now >= 1200ms;
            },
            kIdleWaitMs));
        source->setIdleThreshold(1000ms);
        REQUIRE(waitForCount(idle, 1, 2000)); // not a threshold later: already past it
        CHECK(idleArgument(idle, 0) == 1000);

        // Mutter fires the new, lower watch at once too: still idle, nothing new.
        source->setIdleThreshold(500ms);
        CHECK_FALSE(QTest::qWaitFor([&] { return idle.size() > 1 || !active.isEmpty(); }, 1000));

        userInput();
        QElapsedTimer sinceInput;
        sinceInput.start();
        REQUIRE(waitForCount(active, 1));
        REQUIRE(waitForCount(idle, 2, kIdleWaitMs));
        CHECK(idleArgument(idle, 1) == 500);
        CHECK(sinceInput.elapsed() >= 250);
    }

    TEST_CASE("real mutter: two sources on one connection each hear only their own watches")
    {
        const auto quick = createSource();
        const auto slow = createSource();
        QSignalSpy quickIdle(quick.get(), &IdleSource::idleFor);
        QSignalSpy slowIdle(slow.get(), &IdleSource::idleFor);
        QSignalSpy quickActive(quick.get(), &IdleSource::activeAgain);
        QSignalSpy slowActive(slow.get(), &IdleSource::activeAgain);

        userInput();
        quick->setIdleThreshold(1000ms);
        slow->setIdleThreshold(3000ms);
        REQUIRE(waitForCount(quickIdle, 1, kIdleWaitMs));
        CHECK(slowIdle.isEmpty());
        REQUIRE(waitForCount(slowIdle, 1, kIdleWaitMs));
        CHECK(quickIdle.size() == 1);
        CHECK(idleArgument(quickIdle, 0) == 1000);
        CHECK(idleArgument(slowIdle, 0) == 3000);

        userInput();
        REQUIRE(waitForCount(quickActive, 1));
        REQUIRE(waitForCount(slowActive, 1));
    }
}

int main(int argc, char** argv)
{
    qputenv("LC_ALL", "C.UTF-8");
    QLocale::setDefault(QLocale::c());
    QCoreApplication app(argc, argv);

    if (argc == 2 && qstrcmp(argv[1], kLoseBus) == 0) // the children of tests above
        return loseBusChild();
    if (argc == 2 && qstrcmp(argv[1], kCreate) == 0)
        return createChild();

    doctest::Context context(argc, argv);
    // Each harness runs its own suite; the stand-ins claim mutter's name, so only
    // ever on a bus of our own where no mutter runs.
    if (qgetenv("DESKBREAK_TEST_COMPOSITOR") == "mutter") {
        context.addFilter("test-suite", "real mutter");
    } else if (qgetenv("DESKBREAK_TEST_PRIVATE_BUSES") == "1") {
        context.addFilter("test-suite", "stand-in");
    } else {
        std::fprintf(stderr,
                     "%s: run me through tests/support/with-private-buses.sh (stand-in) or "
                     "tests/support/with-mutter.sh (real mutter)\n",
                     argv[0]);
        return 2;
    }
    return context.run();
}

#include "MutterIdleTest.moc"
