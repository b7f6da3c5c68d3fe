// The hold detectors for presenting and do-not-disturb, one suite per harness:
//
//   with-xvfb.sh BIN --test-suite=x11              openbox (started here) and real windows
//                                                  (fullscreen-window) on a headless X server
//   BIN --test-suite=x11-off                       Qt offscreen: the X11 detector refuses
//   with-private-buses.sh BIN --test-suite=dbus    in-process stand-ins for KDE's notification
//                                                  server and GNOME's session manager
//   with-xvfb.sh with-dunst.sh BIN --test-suite=dunst   the real dunst, steered by dunstctl
//   BIN --test-suite=gsettings                     children with stand-in schemas and GLib's
//                                                  keyfile backend in a temporary folder,
//                                                  changed with the real `gsettings`
//
// Each suite checks what starts and ends a hold, that changes come as signals while
// watching, and that while not watching nothing comes and nothing is held (no X connection,
// no match rule on the bus, no timer).
#define DOCTEST_CONFIG_IMPLEMENT
#include "platform/freedesktop/DunstPausedDetector.h"
#include "platform/freedesktop/NotificationsInhibitedDetector.h"
#include "platform/gnome/GnomeDoNotDisturbDetector.h"
#include "platform/gnome/GnomeInhibitedDetector.h"
#include "platform/x11/X11FullscreenDetector.h"
#include "support/DoctestQt.h"

#include <QAbstractEventDispatcher>
#include <QByteArray>
#include <QCoreApplication>
#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusReply>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QLocale>
#include <QMutex>
#include <QMutexLocker>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <doctest/doctest.h>
#include <memory>
#include <unistd.h>
#include <xcb/xcb.h>

using deskbreak::core::HoldReason;
using deskbreak::platform::DunstPausedDetector;
using deskbreak::platform::GnomeDoNotDisturbDetector;
using deskbreak::platform::GnomeInhibitedDetector;
using deskbreak::platform::HoldDetector;
using deskbreak::platform::NotificationsInhibitedDetector;
using deskbreak::platform::X11FullscreenDetector;

namespace {

constexpr int kWaitMs = 5000;
// A change must be seen within this: at once by events, or within one look.
constexpr int kChangeMs = HoldDetector::kLookIntervalMs + 1000;
// How long nothing must come for "no signal" to count.
constexpr int kQuietMs = 1000;
constexpr const char* kShowBannersChild = "--watch-show-banners";
const char* const kCategory = "deskbreak.platform.hold";

bool waitForCount(const QSignalSpy& spy, int count, int timeoutMs)
{
    return QTest::qWaitFor([&] { return spy.size() >= count; }, timeoutMs);
}

// Waits for one activeChanged(expected) within timeoutMs (measured), and no other.
void expectChange(QSignalSpy& spy, bool expected, int timeoutMs = kChangeMs)
{
    QElapsedTimer clock;
    clock.start();
    const bool came = waitForCount(spy, 1, timeoutMs);
    INFO("waited " << clock.elapsed() << " ms for activeChanged(" << expected << ")");
    REQUIRE(came);
    REQUIRE(spy.size() == 1);
    CHECK(spy.takeFirst().at(0).toBool() == expected);
}

// Timers the event dispatcher keeps for the object and its children.
int registeredTimers(QObject* object)
{
    QAbstractEventDispatcher* dispatcher = QAbstractEventDispatcher::instance();
    int count = static_cast<int>(dispatcher->registeredTimers(object).size());
    for (QObject* child : object->findChildren<QObject*>())
        count += static_cast<int>(dispatcher->registeredTimers(child).size());
    return count;
}

// What was logged in the detectors' category, debug lines aside, while this exists.
class LogCapture {
public:
    LogCapture()
    {
        s_lines.clear();
        s_previous = qInstallMessageHandler(&LogCapture::handle);
    }
    ~LogCapture() { qInstallMessageHandler(s_previous); }
    LogCapture(const LogCapture&) = delete;
    LogCapture& operator=(const LogCapture&) = delete;

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

    static inline QtMessageHandler s_previous = nullptr;
    static inline QStringList s_lines;
};

// --- X11 ----------------------------------------------------------------------------------

// The test's own X connection: what the window manager says, and a pager's requests.
class XClient {
public:
    XClient()
    {
        int screen = 0;
        m_connection = xcb_connect(nullptr, &screen);
        REQUIRE(xcb_connection_has_error(m_connection) == 0);
        xcb_screen_iterator_t it = xcb_setup_roots_iterator(xcb_get_setup(m_connection));
        for (int i = 0; i < screen; ++i)
            xcb_screen_next(&it);
        m_root = it.data->root;
    }
    ~XClient() { xcb_disconnect(m_connection); }
    XClient(const XClient&) = delete;
    XClient& operator=(const XClient&) = delete;

    xcb_atom_t atom(const char* name)
    {
        xcb_intern_atom_reply_t* reply = xcb_intern_atom_reply(
            m_connection,
            xcb_intern_atom(m_connection, 0, static_cast<std::uint16_t>(std::strlen(name)), name),
            nullptr);
        REQUIRE(reply != nullptr);
        const xcb_atom_t atom = reply->atom;
        std::free(reply);
        return atom;
    }

    // The 32-bit values of `property` on `window` (empty if it has none).
    QList<std::uint32_t> property(xcb_window_t window, const char* name)
    {
        QList<std::uint32_t> values;
        xcb_get_property_reply_t* reply = xcb_get_property_reply(
            m_connection,
            xcb_get_property(m_connection, 0, window, atom(name), XCB_GET_PROPERTY_TYPE_ANY, 0, 64),
            nullptr);
        if (reply == nullptr)
            return values;
        if (reply->format == 32) {
            const auto* data = static_cast<const std::uint32_t*>(xcb_get_property_value(reply));
            for (int i = 0; i < xcb_get_property_value_length(reply) / 4; ++i)
                values.append(data[i]);
        }
        std::free(reply);
        return values;
    }

    xcb_window_t activeWindow()
    {
        const auto values = property(m_root, "_NET_ACTIVE_WINDOW");
        return values.isEmpty() ? 0 : values.first();
    }
    bool isFullscreen(xcb_window_t window)
    {
        return property(window, "_NET_WM_STATE").contains(atom("_NET_WM_STATE_FULLSCREEN"));
    }
    void deleteRootProperty(const char* name)
    {
        xcb_delete_property(m_connection, m_root, atom(name));
        xcb_flush(m_connection);
    }

    // The window manager's check window (EWMH), if one runs: 0 if none, or if the property
    // names a window that has gone with the window manager before.
    xcb_window_t windowManagerCheck()
    {
        const auto values = property(m_root, "_NET_SUPPORTING_WM_CHECK");
        if (values.isEmpty())
            return 0;
        xcb_generic_error_t* error = nullptr;
        xcb_get_window_attributes_reply_t* reply = xcb_get_window_attributes_reply(
            m_connection, xcb_get_window_attributes(m_connection, values.first()), &error);
        std::free(error);
        const bool exists = reply != nullptr;
        std::free(reply);
        return exists ? values.first() : 0;
    }

    // What a taskbar sends to bring a window to the front (EWMH: source indication 2).
    void activate(xcb_window_t window)
    {
        xcb_client_message_event_t event{};
        event.response_type = XCB_CLIENT_MESSAGE;
        event.format = 32;
        event.window = window;
        event.type = atom("_NET_ACTIVE_WINDOW");
        event.data.data32[0] = 2;
        event.data.data32[1] = XCB_CURRENT_TIME;
        xcb_send_event(m_connection, 0, m_root,
                       XCB_EVENT_MASK_SUBSTRUCTURE_REDIRECT | XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY,
                       reinterpret_cast<const char*>(&event));
        xcb_flush(m_connection);
    }

private:
    xcb_connection_t* m_connection = nullptr;
    xcb_window_t m_root = 0;
};

// An environment for programs the test starts: a home and XDG folders of their own.
QProcessEnvironment privateEnvironment(const QTemporaryDir& home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    for (const char* name :
         {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"}) {
        const QString dir = home.filePath(QLatin1String(name));
        QDir().mkpath(dir);
        env.insert(QLatin1String(name), dir);
    }
    return env;
}

// openbox on the test's display, stopped (by its PID, through QProcess) at the end.
class Openbox {
public:
    Openbox()
    {
        REQUIRE(m_home.isValid());
        const QString program = QStandardPaths::findExecutable(QStringLiteral("openbox"));
        REQUIRE_MESSAGE(!program.isEmpty(),
                        "openbox not found (installers/dev/bootstrap.sh installs it)");
        m_process.setProcessEnvironment(privateEnvironment(m_home));
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        // Each case starts its own, and the last one's leaves its root properties behind
        // (with ids the new one may well reuse): the new one sets them anew.
        XClient x;
        x.deleteRootProperty("_NET_SUPPORTING_WM_CHECK");
        x.deleteRootProperty("_NET_ACTIVE_WINDOW");
        // Ready once it runs its startup command: a window mapped while it still starts up
        // may never be managed (nor mapped) at all.
        const QString ready = m_home.filePath(QStringLiteral("openbox-started"));
        m_process.start(program, {QStringLiteral("--sm-disable"), QStringLiteral("--startup"),
                                  QStringLiteral("touch ") + ready});
        REQUIRE(m_process.waitForStarted(kWaitMs));
        REQUIRE_MESSAGE(
            QTest::qWaitFor([&] { return QFile::exists(ready) && x.windowManagerCheck() != 0; },
                            kWaitMs),
            "openbox did not take the screen");
    }
    ~Openbox()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(kWaitMs))
            m_process.kill();
        m_process.waitForFinished(kWaitMs);
    }
    Openbox(const Openbox&) = delete;
    Openbox& operator=(const Openbox&) = delete;

private:
    QTemporaryDir m_home;
    QProcess m_process;
};

// A fullscreen-window process: its X window, its commands, its end.
class TestWindow {
public:
    explicit TestWindow(bool fullscreen)
    {
        REQUIRE(m_home.isValid());
        m_process.setProcessEnvironment(privateEnvironment(m_home));
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QStringList args = {QStringLiteral("--title"),
                            fullscreen ? QStringLiteral("presenting") : QStringLiteral("normal")};
        if (!fullscreen)
            args.prepend(QStringLiteral("--normal"));
        m_process.start(QStringLiteral(DESKBREAK_FULLSCREEN_WINDOW), args);
        REQUIRE(m_process.waitForStarted(kWaitMs));
        const QString line = nextLine();
        REQUIRE_MESSAGE(line.startsWith(QLatin1String("window ")),
                        "fullscreen-window said " << line);
        bool ok = false;
        m_window = line.mid(7).toUInt(&ok);
        REQUIRE(ok);
        REQUIRE(m_window != 0);
    }
    ~TestWindow() { kill(); }
    TestWindow(const TestWindow&) = delete;
    TestWindow& operator=(const TestWindow&) = delete;

    xcb_window_t window() const { return m_window; }

    void command(const char* what)
    {
        m_process.write(QByteArray(what) + '\n');
        REQUIRE(nextLine() == QLatin1String("ok ") + QLatin1String(what));
    }
    // Ends it at once (SIGKILL to its PID): it leaves with no word to the window manager.
    void kill()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.kill();
        m_process.waitForFinished(kWaitMs);
    }

private:
    QString nextLine()
    {
        QElapsedTimer clock;
        clock.start();
        while (!m_process.canReadLine() && clock.elapsed() < kWaitMs)
            m_process.waitForReadyRead(100);
        return QString::fromUtf8(m_process.readLine()).trimmed();
    }

    QTemporaryDir m_home;
    QProcess m_process;
    xcb_window_t m_window = 0;
};

// Waits until the window manager has made `window` the active one, fullscreen or not.
void waitUntilActive(XClient& x, const TestWindow& window, bool fullscreen)
{
    const bool reached = QTest::qWaitFor(
        [&] {
            return x.activeWindow() == window.window() &&
                   x.isFullscreen(window.window()) == fullscreen;
        },
        kWaitMs);
    INFO("active window " << x.activeWindow() << ", wanted " << window.window());
    REQUIRE(reached);
}

std::unique_ptr<X11FullscreenDetector> createX11Detector()
{
    QString whyNot;
    auto detector = X11FullscreenDetector::create(&whyNot);
    INFO("whyNot: " << whyNot);
    REQUIRE(detector);
    return detector;
}

// Sockets this process has open: the detector's X connection is one while watching.
int openSockets()
{
    int count = 0;
    const QDir fds(QStringLiteral("/proc/self/fd"));
    for (const QString& fd :
         fds.entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)) {
        char target[64] = {};
        const QByteArray link = QFile::encodeName(fds.filePath(fd));
        if (::readlink(link.constData(), target, sizeof target - 1) > 0 &&
            std::strncmp(target, "socket:", 7) == 0)
            ++count;
    }
    return count;
}

// --- D-Bus stand-ins ----------------------------------------------------------------------

const QString kNotifications = QStringLiteral("org.freedesktop.Notifications");
const QString kNotificationsPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kSessionManager = QStringLiteral("org.gnome.SessionManager");
const QString kSessionManagerPath = QStringLiteral("/org/gnome/SessionManager");
const QString kProperties = QStringLiteral("org.freedesktop.DBus.Properties");

// A notification server with KDE Plasma's Inhibited property.
class InhibitingServer : public QObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
    Q_PROPERTY(bool Inhibited READ inhibited)
public:
    bool inhibited() const { return m_inhibited; }
    void set(bool on) { m_inhibited = on; }

public Q_SLOTS:
    QStringList GetCapabilities() { return {QStringLiteral("body")}; }

private:
    std::atomic<bool> m_inhibited = false;
};

// A notification server without it (as most are).
class PlainServer : public QObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public Q_SLOTS:
    QStringList GetCapabilities() { return {QStringLiteral("body")}; }
};

// GNOME's session manager, as far as InhibitedActions goes.
class SessionManager : public QObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.gnome.SessionManager")
    Q_PROPERTY(uint InhibitedActions READ inhibitedActions)
public:
    uint inhibitedActions() const { return m_actions; }
    void set(uint actions) { m_actions = actions; }

private:
    std::atomic<uint> m_actions = 0;
};

// One whose InhibitedActions is not the uint flags GNOME documents.
class OddSessionManager : public QObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.gnome.SessionManager")
    Q_PROPERTY(QString InhibitedActions READ inhibitedActions)
public:
    QString inhibitedActions() const { return QStringLiteral("8"); }
};

// Owns `service` on a bus connection of its own and answers from a thread of its own (the
// detector's first read blocks the main thread). Gives the name up when destroyed.
template <typename Object> class StandIn {
public:
    StandIn(const QString& service, const QString& path)
        : m_connectionName(QStringLiteral("stand-in-%1").arg(++s_instances))
        , m_bus(QDBusConnection::connectToBus(QDBusConnection::SessionBus, m_connectionName))
        , m_path(path)
    {
        REQUIRE_MESSAGE(qgetenv("DESKBREAK_TEST_PRIVATE_BUSES") == "1",
                        "stand-ins claim desktop names: run me under with-private-buses.sh");
        REQUIRE(m_bus.isConnected());
        m_object.moveToThread(&m_thread);
        m_thread.start();
        REQUIRE(m_bus.registerObject(path, &m_object,
                                     QDBusConnection::ExportAllSlots |
                                         QDBusConnection::ExportAllProperties));
        const QDBusReply<QDBusConnectionInterface::RegisterServiceReply> owned =
            m_bus.interface()->registerService(service);
        REQUIRE(owned.isValid());
        REQUIRE(owned.value() == QDBusConnectionInterface::ServiceRegistered);
    }
    ~StandIn()
    {
        m_bus.unregisterObject(m_path);
        QDBusConnection::disconnectFromBus(m_connectionName);
        m_thread.quit();
        m_thread.wait();
    }
    StandIn(const StandIn&) = delete;
    StandIn& operator=(const StandIn&) = delete;

    Object& object() { return m_object; }

    void propertiesChanged(const QString& interface, const QVariantMap& changed,
                           const QStringList& invalidated = {})
    {
        QDBusMessage signal =
            QDBusMessage::createSignal(m_path, kProperties, QStringLiteral("PropertiesChanged"));
        signal << interface << changed << invalidated;
        REQUIRE(m_bus.send(signal));
    }
    void emitSignal(const QString& interface, const QString& name, const QVariantList& args)
    {
        QDBusMessage signal = QDBusMessage::createSignal(m_path, interface, name);
        signal.setArguments(args);
        REQUIRE(m_bus.send(signal));
    }

private:
    static inline int s_instances = 0;
    QString m_connectionName;
    QDBusConnection m_bus;
    QString m_path;
    QThread m_thread;
    Object m_object;
};

// This process's match rules on the session bus (the bus daemon's Debug.Stats interface,
// which the private buses allow), by its unique name.
QStringList matchRules()
{
    const QDBusMessage call = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
        QStringLiteral("org.freedesktop.DBus.Debug.Stats"), QStringLiteral("GetAllMatchRules"));
    const QDBusMessage reply = QDBusConnection::sessionBus().call(call, QDBus::Block, kWaitMs);
    INFO("GetAllMatchRules: " << reply.errorMessage());
    REQUIRE(reply.type() == QDBusMessage::ReplyMessage);
    REQUIRE(reply.signature() == QLatin1String("a{sas}"));
    const QDBusArgument all = reply.arguments().value(0).value<QDBusArgument>();
    QStringList ours;
    all.beginMap();
    while (!all.atEnd()) {
        QString connection;
        QStringList rules;
        all.beginMapEntry();
        all >> connection >> rules;
        all.endMapEntry();
        if (connection == QDBusConnection::sessionBus().baseService())
            ours = rules;
    }
    all.endMap();
    return ours;
}

// Rules of ours that name `text` (a path or a service).
QStringList rulesNaming(const QString& text)
{
    return matchRules().filter(text);
}

QVariantList objectPath(const char* path)
{
    return {QVariant::fromValue(QDBusObjectPath(QLatin1String(path)))};
}

// --- dunst --------------------------------------------------------------------------------

void dunstctl(const QStringList& args)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(QStringLiteral("dunstctl"), args);
    REQUIRE(process.waitForStarted(kWaitMs));
    REQUIRE(process.waitForFinished(kWaitMs));
    REQUIRE(process.exitStatus() == QProcess::NormalExit);
    REQUIRE(process.exitCode() == 0);
}

// --- GSettings ----------------------------------------------------------------------------

// The child: one GnomeDoNotDisturbDetector, steered on stdin ("watch", "stop"); says
// "watching ACTIVE GIO-MAPPED", "stopped" and "changed ACTIVE" on stdout.
bool gioMapped()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    return maps.open(QIODevice::ReadOnly) && maps.readAll().contains("libgio-2.0");
}

int showBannersChild(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const auto say = [](const QByteArray& line) {
        std::fputs(line.constData(), stdout);
        std::fputc('\n', stdout);
        std::fflush(stdout);
    };
    GnomeDoNotDisturbDetector detector;
    QObject::connect(&detector, &HoldDetector::activeChanged, &app,
                     [&](bool on) { say(QByteArray("changed ") + (on ? "1" : "0")); });
    say(QByteArray("ready ") + (gioMapped() ? "1" : "0"));
    QByteArray pending;
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &app, [&] {
        char buffer[128];
        const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (got <= 0) {
            input.setEnabled(false);
            QCoreApplication::quit();
            return;
        }
        pending.append(buffer, static_cast<qsizetype>(got));
        for (qsizetype end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
            const QByteArray command = pending.left(end).trimmed();
            pending.remove(0, end + 1);
            if (command == "watch") {
                detector.setWatching(true);
                say(QByteArray("watching ") + (detector.active() ? "1" : "0") + " " +
                    (gioMapped() ? "1" : "0") + " timers " +
                    QByteArray::number(registeredTimers(&detector)));
            } else if (command == "stop") {
                detector.setWatching(false);
                say("stopped timers " + QByteArray::number(registeredTimers(&detector)));
            }
        }
    });
    return QCoreApplication::exec();
}

// A private GSettings world: the stand-in schemas of one folder of DESKBREAK_TEST_SCHEMAS
// (or none), the keyfile backend under a temporary XDG_CONFIG_HOME, no system data dirs and
// no GIO modules: nothing of the machine's own settings is read or written.
class SettingsWorld {
public:
    explicit SettingsWorld(const char* schemas)
    {
        REQUIRE(m_root.isValid());
        m_env = privateEnvironment(m_root);
        for (const char* dir : {"data-dirs", "gio-modules"})
            REQUIRE(QDir(m_root.path()).mkpath(QLatin1String(dir)));
        m_env.remove(QStringLiteral("GSETTINGS_SCHEMA_DIR"));
        if (schemas != nullptr)
            m_env.insert(QStringLiteral("GSETTINGS_SCHEMA_DIR"),
                         QStringLiteral(DESKBREAK_TEST_SCHEMAS "/") + QLatin1String(schemas));
        m_env.insert(QStringLiteral("GSETTINGS_BACKEND"), QStringLiteral("keyfile"));
        m_env.insert(QStringLiteral("XDG_DATA_DIRS"), m_root.filePath(QStringLiteral("data-dirs")));
        m_env.insert(QStringLiteral("GIO_MODULE_DIR"),
                     m_root.filePath(QStringLiteral("gio-modules")));
        m_env.insert(QStringLiteral("GIO_USE_VFS"), QStringLiteral("local"));
        m_env.insert(QStringLiteral("QT_NO_GLIB"), QStringLiteral("1")); // as the daemon runs
        m_env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("deskbreak.*.debug=false"));
        m_env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    }
    ~SettingsWorld()
    {
        if (m_child.state() != QProcess::NotRunning) {
            m_child.closeWriteChannel();
            if (!m_child.waitForFinished(kWaitMs))
                m_child.kill();
            m_child.waitForFinished(kWaitMs);
        }
    }
    SettingsWorld(const SettingsWorld&) = delete;
    SettingsWorld& operator=(const SettingsWorld&) = delete;

    // What `gsettings set org.gnome.desktop.notifications show-banners VALUE` would do.
    void setShowBanners(bool on)
    {
        QProcess gsettings;
        gsettings.setProcessEnvironment(m_env);
        gsettings.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        gsettings.start(QStringLiteral("gsettings"),
                        {QStringLiteral("set"), QStringLiteral("org.gnome.desktop.notifications"),
                         QStringLiteral("show-banners"),
                         on ? QStringLiteral("true") : QStringLiteral("false")});
        REQUIRE(gsettings.waitForStarted(kWaitMs));
        REQUIRE(gsettings.waitForFinished(kWaitMs));
        REQUIRE(gsettings.exitCode() == 0);
        QFile keyfile(m_root.filePath(QStringLiteral("XDG_CONFIG_HOME/glib-2.0/settings/keyfile")));
        REQUIRE(keyfile.open(QIODevice::ReadOnly));
        REQUIRE(keyfile.readAll().contains(on ? "show-banners=true" : "show-banners=false"));
    }

    void startChild()
    {
        m_child.setProcessEnvironment(m_env);
        m_child.start(QCoreApplication::applicationFilePath(), {QLatin1String(kShowBannersChild)});
        REQUIRE(m_child.waitForStarted(kWaitMs));
    }
    void tell(const char* command) { m_child.write(QByteArray(command) + '\n'); }
    // The child's next line, or "" if none came within timeoutMs.
    QString nextLine(int timeoutMs = kWaitMs)
    {
        QElapsedTimer clock;
        clock.start();
        while (!m_child.canReadLine() && clock.elapsed() < timeoutMs)
            m_child.waitForReadyRead(50);
        return QString::fromUtf8(m_child.readLine()).trimmed();
    }
    // The child's stderr so far: its log.
    QString log()
    {
        m_log += QString::fromUtf8(m_child.readAllStandardError());
        return m_log;
    }

private:
    QTemporaryDir m_root;
    QProcessEnvironment m_env;
    QProcess m_child;
    QString m_log;
};

} // namespace

// --- X11 ----------------------------------------------------------------------------------

TEST_SUITE("x11")
{
    TEST_CASE("x11: the active fullscreen window holds at once; killed, the hold ends")
    {
        Openbox openbox;
        XClient x;
        TestWindow presenting(true);
        waitUntilActive(x, presenting, true);

        auto detector = createX11Detector();
        CHECK(detector->reason() == HoldReason::Fullscreen);
        CHECK(detector->name() == QLatin1String("x11-netwm"));
        QSignalSpy changed(detector.get(), &HoldDetector::activeChanged);
        detector->setWatching(true);
        CHECK(detector->isWatching());
        CHECK(detector->active());
        QTest::qWait(200);
        CHECK(changed.isEmpty()); // never from setWatching(), nor a change that was none

        presenting.kill();
        expectChange(changed, false, 2000);
        CHECK_FALSE(detector->active());
    }

    TEST_CASE("x11: a normal window is no hold; going fullscreen and back is followed")
    {
        Openbox openbox;
        XClient x;
        TestWindow window(false);
        waitUntilActive(x, window, false);

        auto detector = createX11Detector();
        QSignalSpy changed(detector.get(), &HoldDetector::activeChanged);
        detector->setWatching(true);
        CHECK_FALSE(detector->active());

        window.command("fullscreen");
        expectChange(changed, true, 2000);
        CHECK(x.isFullscreen(window.window()));
        window.command("normal");
        expectChange(changed, false, 2000);
        CHECK_FALSE(x.isFullscreen(window.window()));
        window.command("fullscreen");
        expectChange(changed, true, 2000);
    }

    TEST_CASE("x11: the hold follows the active window from one window to the next")
    {
        Openbox openbox;
        XClient x;
        TestWindow presenting(true);
        waitUntilActive(x, presenting, true);
        TestWindow normal(false);
        x.activate(normal.window());
        waitUntilActive(x, normal, false);
        REQUIRE(x.isFullscreen(presenting.window())); // still fullscreen, only not active

        auto detector = createX11Detector();
        QSignalSpy changed(detector.get(), &HoldDetector::activeChanged);
        detector->setWatching(true);
        CHECK_FALSE(detector->active());

        x.activate(presenting.window());
        expectChange(changed, true, 2000);
        x.activate(normal.window());
        expectChange(changed, false, 2000);

        // The state followed is the new active window's.
        normal.command("fullscreen");
        expectChange(changed, true, 2000);
    }

    TEST_CASE("x11: while not watching, no connection of its own and no signal")
    {
        Openbox openbox;
        XClient x;
        TestWindow window(false);
        waitUntilActive(x, window, false);

        auto detector = createX11Detector();
        QSignalSpy changed(detector.get(), &HoldDetector::activeChanged);
        const int socketsBefore = openSockets();
        detector->setWatching(true);
        CHECK(openSockets() == socketsBefore + 1);
        detector->setWatching(false);
        CHECK_FALSE(detector->isWatching());
        CHECK_FALSE(detector->active());
        CHECK(openSockets() == socketsBefore);
        CHECK(registeredTimers(detector.get()) == 0);

        window.command("fullscreen");
        REQUIRE(QTest::qWaitFor([&] { return x.isFullscreen(window.window()); }, kWaitMs));
        QTest::qWait(kQuietMs);
        CHECK(changed.isEmpty());

        // Watching again reads the state as it is now.
        detector->setWatching(true);
        CHECK(detector->active());
        window.kill();
        expectChange(changed, false, 2000);
        detector->setWatching(false);
        CHECK(openSockets() == socketsBefore);
    }
}

TEST_SUITE("x11-off")
{
    TEST_CASE("x11: off xcb, the detector is not made, and the reason says why")
    {
        REQUIRE(QGuiApplication::platformName() != QLatin1String("xcb"));
        QString whyNot;
        CHECK(X11FullscreenDetector::create(&whyNot) == nullptr);
        CHECK(whyNot.contains(QLatin1String("not xcb")));
    }
}

// --- D-Bus stand-ins ----------------------------------------------------------------------

TEST_SUITE("dbus")
{
    TEST_CASE("inhibited: held at once when Inhibited; PropertiesChanged ends and starts it")
    {
        StandIn<InhibitingServer> server(kNotifications, kNotificationsPath);
        server.object().set(true);
        NotificationsInhibitedDetector detector(QDBusConnection::sessionBus());
        CHECK(detector.reason() == HoldReason::DoNotDisturb);
        CHECK(detector.name() == QLatin1String("notifications-inhibited"));
        QSignalSpy changed(&detector, &HoldDetector::activeChanged);
        detector.setWatching(true);
        CHECK(detector.active());

        server.object().set(false);
        server.propertiesChanged(kNotifications, {{QStringLiteral("Inhibited"), false}});
        expectChange(changed, false, 1000);

        // Another interface's, another property's: no news.
        server.propertiesChanged(QStringLiteral("org.example.Other"),
                                 {{QStringLiteral("Inhibited"), true}});
        server.propertiesChanged(kNotifications, {{QStringLiteral("Something"), true}});
        QTest::qWait(kQuietMs);
        CHECK(changed.isEmpty());

        server.object().set(true);
        server.propertiesChanged(kNotifications, {{QStringLiteral("Inhibited"), true}});
        expectChange(changed, true, 1000);

        // Changed without the value: asked for it.
        server.object().set(false);
        server.propertiesChanged(kNotifications, {}, {QStringLiteral("Inhibited")});
        expectChange(changed, false, 1000);
    }

    TEST_CASE("inhibited: while not watching, no match rule, no timer, no signal")
    {
        StandIn<InhibitingServer> server(kNotifications, kNotificationsPath);
        NotificationsInhibitedDetector detector(QDBusConnection::sessionBus());
        QSignalSpy changed(&detector, &HoldDetector::activeChanged);
        const QStringList before = rulesNaming(kNotifications);
        CHECK(before.isEmpty());

        detector.setWatching(true);
        CHECK_FALSE(detector.active());
        CHECK_FALSE(rulesNaming(kNotificationsPath).isEmpty()); // PropertiesChanged
        detector.setWatching(false);
        CHECK(rulesNaming(kNotifications) == before);
        CHECK(registeredTimers(&detector) == 0);

        server.object().set(true);
        server.propertiesChanged(kNotifications, {{QStringLiteral("Inhibited"), true}});
        QTest::qWait(kQuietMs);
        CHECK(changed.isEmpty());
        CHECK_FALSE(detector.active());

        detector.setWatching(true);
        CHECK(detector.active());
        CHECK(changed.isEmpty());
        detector.setWatching(false);
        CHECK_FALSE(detector.active());
        CHECK(changed.isEmpty());
    }

    TEST_CASE("inhibited: a server without the property holds nothing, and says so once")
    {
        LogCapture log;
        StandIn<PlainServer> server(kNotifications, kNotificationsPath);
        NotificationsInhibitedDetector detector(QDBusConnection::sessionBus());
        QSignalSpy changed(&detector, &HoldDetector::activeChanged);
        for (int i = 0; i < 3; ++i) {
            detector.setWatching(true);
            CHECK_FALSE(detector.active());
            detector.setWatching(false);
        }
        const QStringList told = log.linesContaining(QStringLiteral("notifications-inhibited"));
        INFO("logged: " << told);
        CHECK(told.size() == 1);
        CHECK(told.value(0).contains(QLatin1String("has no property")));

        // A value of another type than boolean: no hold either, also said once.
        detector.setWatching(true);
        server.propertiesChanged(kNotifications,
                                 {{QStringLiteral("Inhibited"), QStringLiteral("yes")}});
        server.propertiesChanged(kNotifications,
                                 {{QStringLiteral("Inhibited"), QStringLiteral("yes")}});
        QTest::qWait(kQuietMs);
        CHECK_FALSE(detector.active());
        CHECK(changed.isEmpty());
        CHECK(log.linesContaining(QStringLiteral("not a boolean")).size() == 1);
    }

    TEST_CASE("inhibited: no server at first, then one that inhibits, then none again")
    {
        NotificationsInhibitedDetector detector(QDBusConnection::sessionBus());
        QSignalSpy changed(&detector, &HoldDetector::activeChanged);
        detector.setWatching(true);
        CHECK_FALSE(detector.active());
        {
            StandIn<InhibitingServer> server(kNotifications, kNotificationsPath);
            server.object().set(true);
            // It took the name after its value was set: the detector asks the new owner.
            expectChange(changed, true, 2000);
        }
        expectChange(changed, false, 2000);
    }

    TEST_CASE("dunst paused: another notification server is not dunst, and holds nothing")
    {
        LogCapture log;
        StandIn<InhibitingServer> server(kNotifications, kNotificationsPath);
        server.object().set(true);
        DunstPausedDetector detector(QDBusConnection::sessionBus());
        detector.setWatching(true);
        CHECK_FALSE(detector.active());
        detector.setWatching(false);
        detector.setWatching(true);
        CHECK_FALSE(detector.active());
        CHECK(log.linesContaining(QStringLiteral("dunst-paused")).size() == 1);
    }

    TEST_CASE("gnome inhibited: the idle flag holds, other flags do not; the signals are followed")
    {
        StandIn<SessionManager> manager(kSessionManager, kSessionManagerPath);
        manager.object().set(8 | 4); // idle and suspend
        GnomeInhibitedDetector detector(QDBusConnection::sessionBus());
        CHECK(detector.reason() == HoldReason::Fullscreen);
        CHECK(detector.name() == QLatin1String("gnome-inhibited-idle"));
        QSignalSpy changed(&detector, &HoldDetector::activeChanged);
        detector.setWatching(true);
        CHECK(detector.active());

        manager.object().set(4); // suspend only: a download, not a presentation
        manager.emitSignal(kSessionManager, QStringLiteral("InhibitorRemoved"),
                           objectPath("/org/gnome/SessionManager/Inhibitor1"));
        expectChange(changed, false, 1000);

        manager.object().set(4 | 8);
        manager.emitSignal(kSessionManager, QStringLiteral("InhibitorAdded"),
                           objectPath("/org/gnome/SessionManager/Inhibitor2"));
        expectChange(changed, true, 1000);

        manager.object().set(1);
        manager.propertiesChanged(kSessionManager, {{QStringLiteral("InhibitedActions"), 1U}});
        expectChange(changed, false, 1000);
    }

    TEST_CASE("gnome inhibited: an end without a signal is seen within a look; no look unheld")
    {
        StandIn<SessionManager> manager(kSessionManager, kSessionManagerPath);
        manager.object().set(8);
        GnomeInhibitedDetector detector(QDBusConnection::sessionBus());
        QSignalSpy changed(&detector, &HoldDetector::activeChanged);
        detector.setWatching(true);
        CHECK(detector.active());
        CHECK(registeredTimers(&detector) == 1);

        manager.object().set(0); // and no word of it
        expectChange(changed, false);
        // Not held: it waits for signals, and no timer runs.
        CHECK(registeredTimers(&detector) == 0);
        manager.object().set(8);
        QTest::qWait(kChangeMs);
        CHECK(changed.isEmpty());
        CHECK_FALSE(detector.active());
    }

    TEST_CASE("gnome inhibited: while not watching, no match rule, no timer, no signal")
    {
        StandIn<SessionManager> manager(kSessionManager, kSessionManagerPath);
        manager.object().set(8);
        GnomeInhibitedDetector detector(QDBusConnection::sessionBus());
        QSignalSpy changed(&detector, &HoldDetector::activeChanged);
        detector.setWatching(true);
        CHECK(detector.active());
        CHECK(rulesNaming(QStringLiteral("InhibitorAdded")).size() == 1);
        CHECK(rulesNaming(QStringLiteral("InhibitorRemoved")).size() == 1);
        detector.setWatching(false);
        CHECK_FALSE(detector.active());
        CHECK(rulesNaming(kSessionManager).isEmpty());
        CHECK(registeredTimers(&detector) == 0);

        manager.object().set(0);
        manager.emitSignal(kSessionManager, QStringLiteral("InhibitorRemoved"),
                           objectPath("/org/gnome/SessionManager/Inhibitor1"));
        QTest::qWait(kQuietMs);
        CHECK(changed.isEmpty());
        detector.setWatching(true);
        CHECK_FALSE(detector.active());
    }

    TEST_CASE("gnome inhibited: InhibitedActions of another type holds nothing, said once")
    {
        LogCapture log;
        StandIn<OddSessionManager> manager(kSessionManager, kSessionManagerPath);
        GnomeInhibitedDetector detector(QDBusConnection::sessionBus());
        for (int i = 0; i < 2; ++i) {
            detector.setWatching(true);
            CHECK_FALSE(detector.active());
            detector.setWatching(false);
        }
        const QStringList told = log.linesContaining(QStringLiteral("gnome-inhibited-idle"));
        INFO("logged: " << told);
        CHECK(told.size() == 1);
        CHECK(told.value(0).contains(QLatin1String("not uint32")));
    }
}

// --- dunst --------------------------------------------------------------------------------

TEST_SUITE("dunst")
{
    TEST_CASE("dunst: set-paused true holds, false ends it; not watching, nothing comes")
    {
        REQUIRE_MESSAGE(qgetenv("DESKBREAK_TEST_NOTIFICATION_SERVER") == "dunst",
                        "run me under with-xvfb.sh with-dunst.sh");
        dunstctl({QStringLiteral("set-paused"), QStringLiteral("false")});
        DunstPausedDetector detector(QDBusConnection::sessionBus());
        CHECK(detector.name() == QLatin1String("dunst-paused"));
        CHECK(detector.reason() == HoldReason::DoNotDisturb);
        QSignalSpy changed(&detector, &HoldDetector::activeChanged);
        detector.setWatching(true);
        CHECK_FALSE(detector.active());

        dunstctl({QStringLiteral("set-paused"), QStringLiteral("true")});
        expectChange(changed, true);
        dunstctl({QStringLiteral("set-paused"), QStringLiteral("false")});
        expectChange(changed, false);
        dunstctl({QStringLiteral("set-paused"), QStringLiteral("toggle")});
        expectChange(changed, true);

        detector.setWatching(false);
        CHECK(rulesNaming(kNotificationsPath).isEmpty());
        CHECK(registeredTimers(&detector) == 0);
        dunstctl({QStringLiteral("set-paused"), QStringLiteral("false")});
        dunstctl({QStringLiteral("set-paused"), QStringLiteral("true")});
        QTest::qWait(kQuietMs);
        CHECK(changed.isEmpty());

        // Paused before the watch: held at once.
        detector.setWatching(true);
        CHECK(detector.active());
        dunstctl({QStringLiteral("set-paused"), QStringLiteral("false")});
        expectChange(changed, false);
    }

    TEST_CASE("dunst: it has no Inhibited property, so that detector holds nothing")
    {
        LogCapture log;
        dunstctl({QStringLiteral("set-paused"), QStringLiteral("true")});
        NotificationsInhibitedDetector detector(QDBusConnection::sessionBus());
        detector.setWatching(true);
        CHECK_FALSE(detector.active());
        CHECK(log.linesContaining(QStringLiteral("notifications-inhibited")).size() == 1);
        dunstctl({QStringLiteral("set-paused"), QStringLiteral("false")});
    }
}

// --- GSettings ----------------------------------------------------------------------------

TEST_SUITE("gsettings")
{
    TEST_CASE("gnome show-banners: false holds, true ends it, each seen within a look; GIO "
              "loaded only once watched")
    {
        SettingsWorld world("notifications");
        world.setShowBanners(false);
        world.startChild();
        CHECK(world.nextLine() == QLatin1String("ready 0"));
        world.tell("watch");
        CHECK(world.nextLine() == QLatin1String("watching 1 1 timers 1"));

        world.setShowBanners(true);
        CHECK(world.nextLine(kChangeMs) == QLatin1String("changed 0"));
        world.setShowBanners(false);
        CHECK(world.nextLine(kChangeMs) == QLatin1String("changed 1"));

        world.tell("stop");
        CHECK(world.nextLine() == QLatin1String("stopped timers 0"));
        world.setShowBanners(true);
        CHECK(world.nextLine(kChangeMs) == QString()); // nothing while not watching
        world.tell("watch");
        CHECK(world.nextLine() == QLatin1String("watching 0 1 timers 1"));
        INFO("child's log: " << world.log());
        CHECK(world.log().isEmpty());
    }

    TEST_CASE("gnome show-banners: without the schema it holds nothing, says so once, and "
              "looks no more")
    {
        const char* variant = nullptr;
        SUBCASE("no schemas at all")
        {
            variant = nullptr;
        }
        SUBCASE("schemas, but not org.gnome.desktop.notifications")
        {
            variant = "standard";
        }
        SettingsWorld world(variant);
        world.startChild();
        CHECK(world.nextLine() == QLatin1String("ready 0"));
        for (int i = 0; i < 2; ++i) {
            world.tell("watch");
            CHECK(world.nextLine() == QLatin1String("watching 0 1 timers 0"));
            world.tell("stop");
            CHECK(world.nextLine() == QLatin1String("stopped timers 0"));
        }
        const QString log = world.log();
        INFO("child's log: " << log);
        CHECK(log.count(QLatin1String("org.gnome.desktop.notifications is not installed")) == 1);
    }
}

int main(int argc, char** argv)
{
    if (argc == 2 && std::strcmp(argv[1], kShowBannersChild) == 0)
        return showBannersChild(argc, argv);

    qputenv("LC_ALL", "C.UTF-8");
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", qEnvironmentVariableIsEmpty("DISPLAY") ? "offscreen" : "xcb");
    // Our own runtime dir (QTemporaryDir makes it 0700) unless a harness gave one.
    QTemporaryDir runtimeDir;
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR") && runtimeDir.isValid())
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtimeDir.path()));
    QGuiApplication app(argc, argv);
    QLocale::setDefault(QLocale::c());

    bool suiteGiven = false;
    for (int i = 1; i < argc; ++i)
        suiteGiven = suiteGiven || std::strncmp(argv[i], "--test-suite=", 13) == 0 ||
                     std::strncmp(argv[i], "-ts=", 4) == 0;
    if (!suiteGiven) {
        std::fprintf(stderr,
                     "%s: name the suite (--test-suite=x11|x11-off|dbus|dunst|gsettings); "
                     "tests/CMakeLists.txt says which harness each needs\n",
                     argv[0]);
        return 2;
    }
    doctest::Context context(argc, argv);
    return context.run();
}

#include "PresentingDetectorsTest.moc"
