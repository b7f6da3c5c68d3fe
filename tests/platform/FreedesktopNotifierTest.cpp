// The freedesktop notifier against a real notification server (dunst on a private
// bus) and against none. Run through tests/support/with-dunst.sh, inside
// tests/support/with-xvfb.sh:
//
//   with-xvfb.sh with-dunst.sh platform_notifier_tests              (suite "dunst")
//   with-xvfb.sh with-dunst.sh --no-server platform_notifier_tests  (suite "no server")
//
// The harness says which it started (DESKBREAK_TEST_NOTIFICATION_SERVER) and this
// binary runs the matching suite. The "no server" suite also hosts, in this
// process, a stand-in for a notification server: it records the exact Notify
// arguments and lets a test restart the server (a new id space).
#define DOCTEST_CONFIG_IMPLEMENT
#include "platform/freedesktop/FreedesktopNotifier.h"

#include "support/DoctestQt.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMutex>
#include <QMutexLocker>
#include <QProcess>
#include <QTest>
#include <QThread>
#include <cstdio>
#include <doctest/doctest.h>
#include <memory>
#include <optional>
#include <vector>

using deskbreak::platform::FreedesktopNotifier;
using deskbreak::platform::Notifier;
using Action = Notifier::Action;

namespace doctest {
template <> struct StringMaker<Action> {
    static String convert(Action a)
    {
        switch (a) {
        case Action::Start:
            return "Start";
        case Action::Snooze:
            return "Snooze";
        case Action::Skip:
            return "Skip";
        }
        return "?";
    }
};
} // namespace doctest

namespace {

constexpr int kWaitMs = 5000;
constexpr const char* kShowAndQuit = "--show-reminder-and-quit";

Notifier::Reminder reminder(const QString& title = QStringLiteral("Time for a desk break"),
                            bool offerSnooze = true)
{
    return Notifier::Reminder{title, QStringLiteral("You have been sitting for 1h 02m."),
                              offerSnooze, QStringLiteral("Snooze 10 min")};
}

// Everything a notifier said, in order.
class Recorder {
public:
    explicit Recorder(Notifier& notifier)
    {
        QObject::connect(&notifier, &Notifier::actionInvoked, &m_context,
                         [this](Action a) { actions.push_back(a); });
        QObject::connect(&notifier, &Notifier::dismissed, &m_context, [this] { ++dismissals; });
    }

    std::vector<Action> actions;
    int dismissals = 0;

private:
    QObject m_context;
};

std::unique_ptr<FreedesktopNotifier> createNotifier()
{
    QString whyNot;
    auto notifier = FreedesktopNotifier::create(&whyNot);
    INFO("whyNot: " << whyNot);
    REQUIRE(notifier);
    return notifier;
}

// Lets queued D-Bus signals arrive, for checks that something did NOT happen.
void settle()
{
    QTest::qWait(150);
}

// --- dunst ----------------------------------------------------------------------

QString dunstctl(const QStringList& args)
{
    QProcess process;
    process.start(QStringLiteral("dunstctl"), args);
    const bool finished = process.waitForFinished(kWaitMs);
    INFO("dunstctl " << args.join(QLatin1Char(' ')) << ": "
                     << QString::fromUtf8(process.readAllStandardError()));
    REQUIRE(finished);
    REQUIRE(process.exitCode() == 0);
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
}

int displayedCount()
{
    bool ok = false;
    const int n = dunstctl({QStringLiteral("count"), QStringLiteral("displayed")}).toInt(&ok);
    return ok ? n : -1;
}

bool waitForDisplayed(int count)
{
    return QTest::qWaitFor([count] { return displayedCount() == count; }, kWaitMs);
}

// What the next `dunstctl context` picks: an action key, or nothing.
void chooseInMenu(const QString& actionKey)
{
    QFile file(qEnvironmentVariable("DESKBREAK_TEST_ACTION_FILE"));
    REQUIRE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(actionKey.toUtf8() + '\n');
}

QStringList menuLog()
{
    QFile file(qEnvironmentVariable("DESKBREAK_TEST_MENU_LOG"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

// Opens dunst's context menu (choosing whatever chooseInMenu() said) and returns
// its entries as offered: "#<label> (<summary>) [<id>,<key>]".
QStringList openMenu()
{
    const auto menus = [] { return menuLog().count(QStringLiteral("--- menu")); };
    const qsizetype before = menus();
    // dunst refuses (and logs "Context menu already running") while the thread that
    // ran the previous menu is still finishing: ask again until a menu opens.
    const bool opened = QTest::qWaitFor(
        [&] {
            dunstctl({QStringLiteral("context")});
            return QTest::qWaitFor([&] { return menus() > before; }, 300);
        },
        kWaitMs);
    REQUIRE(opened);
    const QStringList log = menuLog();
    const qsizetype start = log.lastIndexOf(QStringLiteral("--- menu"));
    return log.mid(start + 1);
}

QStringList entriesFor(const QStringList& menu, const QString& key)
{
    return menu.filter(QStringLiteral(",%1]").arg(key));
}

// dunst's history, newest first: one object per closed notification, field -> value.
std::vector<QJsonObject> history()
{
    const QJsonDocument doc =
        QJsonDocument::fromJson(dunstctl({QStringLiteral("history")}).toUtf8());
    std::vector<QJsonObject> entries;
    for (const QJsonValue& entry :
         doc.object().value(QLatin1String("data")).toArray().at(0).toArray()) {
        QJsonObject flat;
        const QJsonObject fields = entry.toObject();
        for (auto it = fields.begin(); it != fields.end(); ++it)
            flat.insert(it.key(), it.value().toObject().value(QLatin1String("data")));
        entries.push_back(flat);
    }
    return entries;
}

std::optional<QJsonObject> historyEntry(const QString& summary)
{
    for (const QJsonObject& entry : history())
        if (entry.value(QLatin1String("summary")).toString() == summary)
            return entry;
    return std::nullopt;
}

// Each test starts with no bubble up and a menu that picks nothing.
struct DunstFixture {
    DunstFixture()
    {
        chooseInMenu(QString());
        dunstctl({QStringLiteral("close-all")});
        REQUIRE(waitForDisplayed(0));
    }
};

// --- a stand-in for a notification server, in this process -----------------------

struct NotifyCall {
    QString appName;
    uint replacesId = 0;
    QString appIcon;
    QString summary;
    QString body;
    QStringList actions;
    QVariantMap hints;
    int expireTimeout = 0;
    uint id = 0;
};

// Answers org.freedesktop.Notifications from its own thread (create() blocks the
// main thread on its probe) and records what it was asked.
class StandInServerObject : public QObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    StandInServerObject(QStringList capabilities, QString connectionName)
        : m_capabilities(std::move(capabilities))
        , m_connectionName(std::move(connectionName))
    {
    }

    // The next Notify sends this signal about the new id before it replies, as a
    // server may (a user who answers at once, or Qt delivering out of order).
    void signalBeforeNextReply(const QString& name, const QVariant& secondArgument)
    {
        QMutexLocker lock(&m_mutex);
        m_signalBeforeReply = {name, secondArgument};
    }

    std::vector<NotifyCall> notifyCalls() const
    {
        QMutexLocker lock(&m_mutex);
        return m_notifyCalls;
    }
    std::vector<uint> closeCalls() const
    {
        QMutexLocker lock(&m_mutex);
        return m_closeCalls;
    }

public Q_SLOTS:
    QStringList GetCapabilities() { return m_capabilities; }

    QString GetServerInformation(QString& vendor, QString& version, QString& specVersion)
    {
        vendor = QStringLiteral("deskbreak tests");
        version = QStringLiteral("1.0");
        specVersion = QStringLiteral("1.2");
        return QStringLiteral("stand-in");
    }

    uint Notify(const QString& appName, uint replacesId, const QString& appIcon,
                const QString& summary, const QString& body, const QStringList& actions,
                const QVariantMap& hints, int expireTimeout)
    {
        QMutexLocker lock(&m_mutex);
        const uint id = replacesId != 0 ? replacesId : ++m_lastId;
        m_notifyCalls.push_back(
            {appName, replacesId, appIcon, summary, body, actions, hints, expireTimeout, id});
        if (m_signalBeforeReply) {
            QDBusMessage signal = QDBusMessage::createSignal(
                QStringLiteral("/org/freedesktop/Notifications"),
                QStringLiteral("org.freedesktop.Notifications"), m_signalBeforeReply->first);
            signal << id << m_signalBeforeReply->second;
            QDBusConnection(m_connectionName).send(signal);
            m_signalBeforeReply.reset();
        }
        return id;
    }

    void CloseNotification(uint id)
    {
        QMutexLocker lock(&m_mutex);
        m_closeCalls.push_back(id);
    }

private:
    const QStringList m_capabilities;
    const QString m_connectionName;
    mutable QMutex m_mutex;
    std::optional<std::pair<QString, QVariant>> m_signalBeforeReply;
    uint m_lastId = 0;
    std::vector<NotifyCall> m_notifyCalls;
    std::vector<uint> m_closeCalls;
};

class StandInServer {
public:
    explicit StandInServer(const QStringList& capabilities)
        : m_connectionName(QStringLiteral("stand-in-%1").arg(++s_instances))
        , m_bus(QDBusConnection::connectToBus(QDBusConnection::SessionBus, m_connectionName))
        , m_object(std::make_unique<StandInServerObject>(capabilities, m_connectionName))
    {
        m_object->moveToThread(&m_thread);
        m_thread.start();
        REQUIRE(m_bus.isConnected());
        REQUIRE(m_bus.registerObject(QStringLiteral("/org/freedesktop/Notifications"),
                                     m_object.get(), QDBusConnection::ExportAllSlots));
        REQUIRE(m_bus.registerService(QStringLiteral("org.freedesktop.Notifications")));
    }

    ~StandInServer()
    {
        m_bus.unregisterObject(QStringLiteral("/org/freedesktop/Notifications"));
        m_bus.unregisterService(QStringLiteral("org.freedesktop.Notifications"));
        QDBusConnection::disconnectFromBus(m_connectionName);
        m_thread.quit();
        m_thread.wait();
    }

    // Leaves the bus name (as a server that quits), staying connected.
    void releaseName()
    {
        REQUIRE(m_bus.unregisterService(QStringLiteral("org.freedesktop.Notifications")));
    }

    void emitSignal(const QString& name, const QVariantList& arguments)
    {
        QDBusMessage signal =
            QDBusMessage::createSignal(QStringLiteral("/org/freedesktop/Notifications"),
                                       QStringLiteral("org.freedesktop.Notifications"), name);
        signal.setArguments(arguments);
        REQUIRE(m_bus.send(signal));
    }
    void actionInvoked(uint id, const QString& key)
    {
        emitSignal(QStringLiteral("ActionInvoked"), {id, key});
    }
    void notificationClosed(uint id, uint reason)
    {
        emitSignal(QStringLiteral("NotificationClosed"), {id, reason});
    }

    // Returns once the bus daemon has routed everything this server sent so far.
    void flush()
    {
        const QDBusMessage reply =
            m_bus.call(QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.DBus"),
                                                      QStringLiteral("/org/freedesktop/DBus"),
                                                      QStringLiteral("org.freedesktop.DBus"),
                                                      QStringLiteral("GetId")),
                       QDBus::Block, kWaitMs);
        REQUIRE(reply.type() == QDBusMessage::ReplyMessage);
    }

    void signalBeforeNextReply(const QString& name, const QVariant& secondArgument)
    {
        m_object->signalBeforeNextReply(name, secondArgument);
    }
    std::vector<NotifyCall> notifyCalls() const { return m_object->notifyCalls(); }
    std::vector<uint> closeCalls() const { return m_object->closeCalls(); }

    bool waitForNotifyCalls(std::size_t n) const
    {
        return QTest::qWaitFor([&] { return notifyCalls().size() >= n; }, kWaitMs);
    }
    bool waitForCloseCalls(std::size_t n) const
    {
        return QTest::qWaitFor([&] { return closeCalls().size() >= n; }, kWaitMs);
    }

private:
    static inline int s_instances = 0;
    QString m_connectionName;
    QDBusConnection m_bus;
    QThread m_thread;
    std::unique_ptr<StandInServerObject> m_object;
};

const QStringList kFullCapabilities{QStringLiteral("actions"), QStringLiteral("body"),
                                    QStringLiteral("body-markup"), QStringLiteral("persistence")};

} // namespace

// ================================================================================
TEST_SUITE("dunst")
{
    TEST_CASE("create() finds dunst and its actions capability")
    {
        const auto notifier = createNotifier();
        CHECK(notifier->capabilities().contains(QStringLiteral("actions")));
        CHECK(notifier->serverName() == QStringLiteral("dunst"));
        CHECK(notifier->name().contains(QStringLiteral("dunst")));
    }

    TEST_CASE_FIXTURE(DunstFixture, "the reminder shows its title and the three choices")
    {
        auto notifier = createNotifier();
        Recorder recorder(*notifier);
        notifier->showReminder(reminder());
        REQUIRE(waitForDisplayed(1));

        const QStringList menu = openMenu();
        INFO("menu: " << menu.join(QLatin1Char('|')));
        CHECK(menu.size() == 4);
        for (const QString& entry : menu)
            CHECK(entry.contains(QStringLiteral("(Time for a desk break)")));
        CHECK(entriesFor(menu, QStringLiteral("default")).size() == 1);
        REQUIRE(entriesFor(menu, QStringLiteral("start")).size() == 1);
        CHECK(entriesFor(menu, QStringLiteral("start"))
                  .at(0)
                  .startsWith(QStringLiteral("#Start break (")));
        REQUIRE(entriesFor(menu, QStringLiteral("snooze")).size() == 1);
        CHECK(entriesFor(menu, QStringLiteral("snooze"))
                  .at(0)
                  .startsWith(QStringLiteral("#Snooze 10 min (")));
        REQUIRE(entriesFor(menu, QStringLiteral("skip")).size() == 1);
        CHECK(entriesFor(menu, QStringLiteral("skip")).at(0).startsWith(QStringLiteral("#Skip (")));

        // A menu that picks nothing changes nothing.
        CHECK(displayedCount() == 1);
        settle();
        CHECK(recorder.actions.empty());
        CHECK(recorder.dismissals == 0);
    }

    TEST_CASE_FIXTURE(DunstFixture,
                      "choosing Snooze in the menu emits Snooze and closes the bubble")
    {
        auto notifier = createNotifier();
        Recorder recorder(*notifier);
        notifier->showReminder(reminder());
        REQUIRE(waitForDisplayed(1));

        chooseInMenu(QStringLiteral("snooze"));
        openMenu();
        REQUIRE(QTest::qWaitFor([&] { return !recorder.actions.empty(); }, kWaitMs));
        CHECK(recorder.actions == std::vector{Action::Snooze});
        CHECK(waitForDisplayed(0)); // dunst leaves it up: the notifier closed it
        settle();
        CHECK(recorder.actions.size() == 1);
        CHECK(recorder.dismissals == 0); // closed by the app, not dismissed
    }

    TEST_CASE_FIXTURE(DunstFixture, "choosing Start or Skip in the menu emits them")
    {
        auto notifier = createNotifier();
        Recorder recorder(*notifier);

        notifier->showReminder(reminder());
        REQUIRE(waitForDisplayed(1));
        chooseInMenu(QStringLiteral("start"));
        openMenu();
        REQUIRE(QTest::qWaitFor([&] { return recorder.actions.size() == 1; }, kWaitMs));
        CHECK(recorder.actions.back() == Action::Start);
        CHECK(waitForDisplayed(0));

        // A fresh reminder after an answer gets a fresh bubble.
        notifier->showReminder(reminder(QStringLiteral("Time for another break")));
        REQUIRE(waitForDisplayed(1));
        chooseInMenu(QStringLiteral("skip"));
        const QStringList menu = openMenu();
        CHECK(menu.filter(QStringLiteral("(Time for another break)")).size() == menu.size());
        REQUIRE(QTest::qWaitFor([&] { return recorder.actions.size() == 2; }, kWaitMs));
        CHECK(recorder.actions.back() == Action::Skip);
        CHECK(waitForDisplayed(0));
        CHECK(recorder.dismissals == 0);
    }

    TEST_CASE_FIXTURE(DunstFixture, "the default action (dunstctl action 0) emits Start")
    {
        auto notifier = createNotifier();
        Recorder recorder(*notifier);
        notifier->showReminder(reminder());
        REQUIRE(waitForDisplayed(1));

        dunstctl({QStringLiteral("action"), QStringLiteral("0")});
        REQUIRE(QTest::qWaitFor([&] { return !recorder.actions.empty(); }, kWaitMs));
        CHECK(recorder.actions == std::vector{Action::Start});
        CHECK(waitForDisplayed(0));
        settle();
        CHECK(recorder.dismissals == 0);
    }

    TEST_CASE_FIXTURE(DunstFixture, "without offerSnooze the menu has no snooze")
    {
        auto notifier = createNotifier();
        notifier->showReminder(reminder(QStringLiteral("Time for a desk break"), false));
        REQUIRE(waitForDisplayed(1));

        const QStringList menu = openMenu();
        INFO("menu: " << menu.join(QLatin1Char('|')));
        CHECK(menu.size() == 3);
        CHECK(entriesFor(menu, QStringLiteral("snooze")).isEmpty());
        CHECK(menu.filter(QStringLiteral("Snooze")).isEmpty());
        CHECK(entriesFor(menu, QStringLiteral("default")).size() == 1);
        CHECK(entriesFor(menu, QStringLiteral("start")).size() == 1);
        CHECK(entriesFor(menu, QStringLiteral("skip")).size() == 1);
    }

    TEST_CASE_FIXTURE(DunstFixture, "showing the reminder again replaces the bubble")
    {
        auto notifier = createNotifier();
        notifier->showReminder(reminder(QStringLiteral("First reminder")));
        notifier->showReminder(reminder(QStringLiteral("Second reminder"))); // before any reply
        REQUIRE(waitForDisplayed(1));
        CHECK(QTest::qWaitFor(
            [] {
                const QStringList menu = openMenu();
                return menu.size() == 4 &&
                       menu.filter(QStringLiteral("(Second reminder)")).size() == 4;
            },
            kWaitMs));
        CHECK(displayedCount() == 1);

        notifier->showReminder(reminder(QStringLiteral("Third reminder"), false));
        CHECK(QTest::qWaitFor(
            [] {
                const QStringList menu = openMenu();
                return menu.size() == 3 &&
                       menu.filter(QStringLiteral("(Third reminder)")).size() == 3;
            },
            kWaitMs));
        CHECK(displayedCount() == 1);
    }

    TEST_CASE_FIXTURE(DunstFixture, "closeReminder() takes the bubble down quietly")
    {
        auto notifier = createNotifier();
        Recorder recorder(*notifier);
        notifier->showReminder(reminder());
        REQUIRE(waitForDisplayed(1));

        notifier->closeReminder();
        CHECK(waitForDisplayed(0));
        settle();
        CHECK(recorder.actions.empty());
        CHECK(recorder.dismissals == 0);

        const auto shown = historyEntry(QStringLiteral("Time for a desk break"));
        REQUIRE(shown);
        CHECK(shown->value(QLatin1String("appname")).toString() == QStringLiteral("deskbreak"));
        CHECK(shown->value(QLatin1String("body")).toString() ==
              QStringLiteral("You have been sitting for 1h 02m."));
        CHECK(shown->value(QLatin1String("category")).toString() ==
              QStringLiteral("x-deskbreak.reminder"));
        CHECK(shown->value(QLatin1String("default_action_name")).toString() ==
              QStringLiteral("default"));

        notifier->closeReminder(); // nothing up: nothing happens
        settle();
        CHECK(displayedCount() == 0);
    }

    TEST_CASE_FIXTURE(DunstFixture, "closing the bubble (dunstctl close) emits dismissed")
    {
        auto notifier = createNotifier();
        Recorder recorder(*notifier);
        notifier->showReminder(reminder());
        REQUIRE(waitForDisplayed(1));

        dunstctl({QStringLiteral("close")});
        REQUIRE(QTest::qWaitFor([&] { return recorder.dismissals > 0; }, kWaitMs));
        CHECK(recorder.dismissals == 1);
        CHECK(recorder.actions.empty());
        CHECK(displayedCount() == 0);

        // The next reminder is a new bubble, and answering it works.
        notifier->showReminder(reminder(QStringLiteral("Back again")));
        REQUIRE(waitForDisplayed(1));
        chooseInMenu(QStringLiteral("snooze"));
        openMenu();
        REQUIRE(QTest::qWaitFor([&] { return !recorder.actions.empty(); }, kWaitMs));
        CHECK(recorder.actions == std::vector{Action::Snooze});
        CHECK(recorder.dismissals == 1);
    }

    TEST_CASE_FIXTURE(DunstFixture, "a message is a separate bubble without buttons")
    {
        auto notifier = createNotifier();
        Recorder recorder(*notifier);
        notifier->showReminder(reminder());
        REQUIRE(waitForDisplayed(1));
        notifier->showMessage(QStringLiteral("deskbreak: config problem"),
                              QStringLiteral("line 3: unknown key \"foo\" & <more>"));
        REQUIRE(waitForDisplayed(2));

        const QStringList menu = openMenu(); // only the reminder has entries
        INFO("menu: " << menu.join(QLatin1Char('|')));
        CHECK(menu.size() == 4);
        CHECK(menu.filter(QStringLiteral("config problem")).isEmpty());

        notifier->closeReminder();
        REQUIRE(waitForDisplayed(1)); // the message stays
        dunstctl({QStringLiteral("close")});
        REQUIRE(waitForDisplayed(0));
        settle();
        CHECK(recorder.dismissals == 0); // closing a message is no answer to the reminder
        CHECK(recorder.actions.empty());

        const auto message = historyEntry(QStringLiteral("deskbreak: config problem"));
        REQUIRE(message);
        CHECK(message->value(QLatin1String("appname")).toString() == QStringLiteral("deskbreak"));
        // dunst reads the body as markup: the notifier escaped it, so it shows as typed.
        CHECK(message->value(QLatin1String("body")).toString() ==
              QStringLiteral("line 3: unknown key &quot;foo&quot; &amp; &lt;more&gt;"));
    }

    TEST_CASE_FIXTURE(DunstFixture, "destroying the notifier takes its reminder down")
    {
        auto notifier = createNotifier();
        notifier->showReminder(reminder());
        REQUIRE(waitForDisplayed(1));
        notifier.reset();
        CHECK(waitForDisplayed(0));
    }

    TEST_CASE_FIXTURE(DunstFixture, "a process that shows a reminder and quits leaves no bubble")
    {
        // The daemon's shutdown: the notifier goes right before the process ends, its
        // Notify maybe still unanswered. Nothing may be left behind (it never expires).
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(), {QString::fromLatin1(kShowAndQuit)});
        REQUIRE(child.waitForFinished(kWaitMs));
        INFO("child: " << QString::fromUtf8(child.readAllStandardError()));
        REQUIRE(child.exitCode() == 0);
        CHECK(waitForDisplayed(0));
        CHECK(historyEntry(QStringLiteral("Shown by a process that quits")));
    }
}

// ================================================================================
TEST_SUITE("no server")
{
    TEST_CASE("create() without a notification server returns nullptr and says why")
    {
        QString whyNot;
        const auto notifier = FreedesktopNotifier::create(&whyNot);
        CHECK_FALSE(notifier);
        INFO("whyNot: " << whyNot);
        CHECK(whyNot.contains(QStringLiteral("no notification server")));
        CHECK(whyNot.contains(QStringLiteral("org.freedesktop.Notifications")));
        CHECK_FALSE(whyNot.contains(QLatin1Char('\n')));

        CHECK_FALSE(FreedesktopNotifier::create(nullptr)); // a reason is optional
    }

    TEST_CASE("stand-in server: one without the actions capability is refused")
    {
        StandInServer server({QStringLiteral("body")});
        QString whyNot;
        CHECK_FALSE(FreedesktopNotifier::create(&whyNot));
        INFO("whyNot: " << whyNot);
        CHECK(whyNot.contains(QStringLiteral("\"actions\"")));
        CHECK(whyNot.contains(QStringLiteral("stand-in")));
    }

    TEST_CASE("stand-in server: Notify and CloseNotification carry what the spec asks")
    {
        StandInServer server(kFullCapabilities);
        auto notifier = createNotifier();
        CHECK(notifier->serverName() == QStringLiteral("stand-in"));
        CHECK(notifier->capabilities() == kFullCapabilities);
        CHECK(notifier->name() == QStringLiteral("freedesktop notifications (stand-in 1.0)"));

        auto r = reminder();
        r.body = QStringLiteral("Sat for 1h & <counting>");
        notifier->showReminder(r);
        REQUIRE(server.waitForNotifyCalls(1));
        const NotifyCall first = server.notifyCalls().at(0);
        CHECK(first.appName == QStringLiteral("deskbreak"));
        CHECK(first.replacesId == 0);
        CHECK(first.appIcon == QStringLiteral("org.deskbreak.deskbreak")); // the installed icon
        CHECK(first.summary == QStringLiteral("Time for a desk break"));
        CHECK(first.body == QStringLiteral("Sat for 1h &amp; &lt;counting&gt;")); // body-markup
        CHECK(first.actions == QStringList{"default", "Start break", "start", "Start break",
                                           "snooze", "Snooze 10 min", "skip", "Skip"});
        CHECK(first.expireTimeout == 0);
        const QVariant urgency = first.hints.value(QStringLiteral("urgency"));
        CHECK(urgency.typeId() == QMetaType::UChar); // a byte, as the spec says
        CHECK(urgency.toInt() == 1);
        CHECK(first.hints.value(QStringLiteral("resident")).toBool());
        CHECK(first.hints.value(QStringLiteral("desktop-entry")).toString() ==
              QStringLiteral("org.deskbreak.deskbreak"));
        CHECK(first.hints.value(QStringLiteral("category")).toString() ==
              QStringLiteral("x-deskbreak.reminder"));

        notifier->showReminder(reminder(QStringLiteral("Again"), false));
        REQUIRE(server.waitForNotifyCalls(2));
        const NotifyCall second = server.notifyCalls().at(1);
        CHECK(second.replacesId == first.id);
        CHECK(second.actions ==
              QStringList{"default", "Start break", "start", "Start break", "skip", "Skip"});

        notifier->showMessage(QStringLiteral("A message"), QStringLiteral("x < y"));
        REQUIRE(server.waitForNotifyCalls(3));
        const NotifyCall message = server.notifyCalls().at(2);
        CHECK(message.replacesId == 0);
        CHECK(message.actions.isEmpty());
        CHECK(message.expireTimeout == -1);
        CHECK(message.body == QStringLiteral("x &lt; y"));
        CHECK(message.hints.value(QStringLiteral("urgency")).toInt() == 1);
        CHECK_FALSE(message.hints.contains(QStringLiteral("resident")));

        notifier->closeReminder();
        REQUIRE(server.waitForCloseCalls(1));
        CHECK(server.closeCalls() == std::vector<uint>{first.id});
    }

    TEST_CASE("stand-in server: signals for other ids are ignored")
    {
        StandInServer server(kFullCapabilities);
        auto notifier = createNotifier();
        Recorder recorder(*notifier);
        notifier->showReminder(reminder());
        REQUIRE(server.waitForNotifyCalls(1));
        const uint id = server.notifyCalls().at(0).id;

        server.actionInvoked(id + 100, QStringLiteral("skip"));
        server.notificationClosed(id + 100, 2);
        server.actionInvoked(id, QStringLiteral("no-such-action"));
        server.notificationClosed(id, 1); // expired: the id is forgotten, nothing emitted
        settle();
        CHECK(recorder.actions.empty());
        CHECK(recorder.dismissals == 0);

        server.actionInvoked(id, QStringLiteral("skip")); // no longer ours
        notifier->showReminder(reminder());
        REQUIRE(server.waitForNotifyCalls(2));
        const NotifyCall fresh = server.notifyCalls().at(1);
        CHECK(fresh.replacesId == 0);
        settle();
        CHECK(recorder.actions.empty());

        server.notificationClosed(fresh.id, 2);
        REQUIRE(QTest::qWaitFor([&] { return recorder.dismissals == 1; }, kWaitMs));
        server.actionInvoked(fresh.id, QStringLiteral("start")); // after dismissal: stale
        settle();
        CHECK(recorder.actions.empty());
        CHECK(recorder.dismissals == 1);
    }

    TEST_CASE("stand-in server: an answer that arrives before Notify's reply still counts")
    {
        StandInServer server(kFullCapabilities);
        auto notifier = createNotifier();
        Recorder recorder(*notifier);

        server.signalBeforeNextReply(QStringLiteral("ActionInvoked"), QStringLiteral("skip"));
        notifier->showReminder(reminder());
        REQUIRE(QTest::qWaitFor([&] { return !recorder.actions.empty(); }, kWaitMs));
        CHECK(recorder.actions == std::vector{Action::Skip});
        REQUIRE(server.waitForCloseCalls(1));
        CHECK(server.closeCalls() == std::vector<uint>{server.notifyCalls().at(0).id});

        server.signalBeforeNextReply(QStringLiteral("NotificationClosed"), uint{2});
        notifier->showReminder(reminder());
        REQUIRE(QTest::qWaitFor([&] { return recorder.dismissals == 1; }, kWaitMs));
        CHECK(recorder.actions.size() == 1);

        // Closed (not dismissed) before the reply: the next reminder is a new one.
        server.signalBeforeNextReply(QStringLiteral("NotificationClosed"), uint{3});
        notifier->showReminder(reminder());
        REQUIRE(server.waitForNotifyCalls(3));
        settle();
        notifier->showReminder(reminder());
        REQUIRE(server.waitForNotifyCalls(4));
        CHECK(server.notifyCalls().at(3).replacesId == 0);
        CHECK(recorder.dismissals == 1);
        CHECK(recorder.actions.size() == 1);
    }

    TEST_CASE("stand-in server: a restarted server gets the reminder again in its own ids")
    {
        auto oldServer = std::make_unique<StandInServer>(kFullCapabilities);
        auto notifier = createNotifier();
        Recorder recorder(*notifier);
        notifier->showReminder(reminder());
        REQUIRE(oldServer->waitForNotifyCalls(1));
        const uint oldId = oldServer->notifyCalls().at(0).id;

        oldServer->releaseName();
        StandInServer newServer(kFullCapabilities); // its ids start again at 1
        REQUIRE(newServer.waitForNotifyCalls(1));
        const NotifyCall again = newServer.notifyCalls().at(0);
        CHECK(again.replacesId == 0);
        CHECK(again.summary == QStringLiteral("Time for a desk break"));
        CHECK(again.id == oldId); // the same number, on another server

        // The old server, still connected, speaks of "its" id: not ours any more.
        oldServer->actionInvoked(oldId, QStringLiteral("skip"));
        oldServer->notificationClosed(oldId, 2);
        oldServer->flush();
        newServer.actionInvoked(again.id + 7, QStringLiteral("skip"));
        newServer.actionInvoked(again.id, QStringLiteral("snooze"));
        REQUIRE(QTest::qWaitFor([&] { return !recorder.actions.empty(); }, kWaitMs));
        settle();
        CHECK(recorder.actions == std::vector{Action::Snooze});
        CHECK(recorder.dismissals == 0);
        REQUIRE(newServer.waitForCloseCalls(1));
        CHECK(newServer.closeCalls() == std::vector<uint>{again.id});
        CHECK(oldServer->closeCalls().empty());

        // Without a reminder up, a server change shows nothing.
        newServer.releaseName();
        StandInServer thirdServer(kFullCapabilities);
        settle();
        CHECK(thirdServer.notifyCalls().empty());
    }
}

int main(int argc, char** argv)
{
    qputenv("LC_ALL", "C.UTF-8");
    QLocale::setDefault(QLocale::c());
    QCoreApplication app(argc, argv);

    if (argc == 2 && qstrcmp(argv[1], kShowAndQuit) == 0) { // the child of a test above
        QString whyNot;
        const auto notifier = FreedesktopNotifier::create(&whyNot);
        if (!notifier) {
            std::fprintf(stderr, "%s\n", qPrintable(whyNot));
            return 1;
        }
        notifier->showReminder(reminder(QStringLiteral("Shown by a process that quits")));
        return 0;
    }

    // with-dunst.sh says which server it started; run the suite made for it.
    const QByteArray server = qgetenv("DESKBREAK_TEST_NOTIFICATION_SERVER");
    if (server != "dunst" && server != "none") {
        std::fprintf(stderr,
                     "%s: run me through tests/support/with-dunst.sh [--no-server] "
                     "(inside with-xvfb.sh)\n",
                     argv[0]);
        return 2;
    }
    doctest::Context context(argc, argv);
    context.addFilter("test-suite", server == "dunst" ? "dunst" : "no server");
    return context.run();
}

#include "FreedesktopNotifierTest.moc"
