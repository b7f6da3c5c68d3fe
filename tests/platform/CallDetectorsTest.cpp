// The call detectors on stand-ins: a folder of regular files named like video nodes, held
// open by child processes started here (the real /proc shows their fds), and a folder laid
// out like /proc/asound whose status files are rewritten while watching.
#include "platform/linux/CameraInUseDetector.h"
#include "platform/linux/MicrophoneInUseDetector.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <cerrno>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <dirent.h>
#include <doctest/doctest.h>
#include <iterator>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <memory>
#include <sys/inotify.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

using namespace deskbreak;
using platform::CameraInUseDetector;
using platform::HoldDetector;
using platform::MicrophoneInUseDetector;

namespace {

// Well under kLookIntervalMs: a change seen this fast came through inotify, not a look.
constexpr int kByEventsMs = 1000;
// A look every kLookIntervalMs, and slack for a loaded machine.
constexpr int kByLookMs = HoldDetector::kLookIntervalMs + 1000;

void spin(int ms)
{
    const QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
}

QString linkTarget(const QString& link)
{
    char target[PATH_MAX];
    const ssize_t n = ::readlink(QFile::encodeName(link).constData(), target, sizeof target);
    return n > 0 ? QFile::decodeName(QByteArray(target, static_cast<int>(n))) : QString();
}

// Our own inotify instances: what a detector holds while it follows by events.
int inotifyFds()
{
    int count = 0;
    const QStringList fds = QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::System);
    for (const QString& fd : fds) {
        if (linkTarget(QStringLiteral("/proc/self/fd/") + fd) == "anon_inode:inotify")
            ++count;
    }
    return count;
}

int activeTimers(const QObject& detector)
{
    int count = 0;
    for (const QTimer* timer : detector.findChildren<QTimer*>()) {
        if (timer->isActive())
            ++count;
    }
    return count;
}

// A process of its own that holds `path` open on fd 3 (as a camera application holds its
// device node) until it is killed.
class Holder {
public:
    explicit Holder(const QString& path)
    {
        m_process.start(
            QStringLiteral("sh"),
            {QStringLiteral("-c"), QStringLiteral("exec 3<\"$0\"; exec sleep 60"), path});
        REQUIRE(m_process.waitForStarted(5000));
        // Ready once /proc shows the fd: only then does a look find it.
        const QString fd = QStringLiteral("/proc/%1/fd/3").arg(m_process.processId());
        const QString want = QFileInfo(path).canonicalFilePath();
        const QDeadlineTimer deadline(5000);
        while (linkTarget(fd) != want && !deadline.hasExpired())
            QThread::msleep(10);
        REQUIRE(linkTarget(fd) == want);
    }
    ~Holder() { end(); }
    Holder(const Holder&) = delete;
    Holder& operator=(const Holder&) = delete;

    void end()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.kill(); // SIGKILL to this child's pid only
        m_process.waitForFinished(5000);
    }

private:
    QProcess m_process;
};

// Every activeChanged() of a detector, with when it came.
struct Changes {
    explicit Changes(HoldDetector& detector)
    {
        clock.start();
        QObject::connect(&detector, &HoldDetector::activeChanged, [this](bool active) {
            values.push_back(active);
            at.push_back(clock.elapsed());
        });
    }
    // Waits for the next change (up to `ms`); its latency from now, or -1 if none came.
    qint64 next(int ms)
    {
        const std::size_t seen = values.size();
        const qint64 start = clock.elapsed();
        const QDeadlineTimer deadline(ms);
        while (values.size() == seen && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        return values.size() == seen ? -1 : at[seen] - start;
    }

    QElapsedTimer clock;
    std::vector<bool> values;
    std::vector<qint64> at;
};

void writeFile(const QString& path, const QByteArray& text)
{
    REQUIRE(QDir().mkpath(QFileInfo(path).path()));
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    REQUIRE(file.write(text) == text.size());
}

struct DevDir {
    DevDir()
    {
        REQUIRE(dir.isValid());
        for (const char* name : {"video0", "video1", "vbi0", "videoextra"})
            writeFile(dir.filePath(QString::fromLatin1(name)), "stand-in node\n");
    }
    QString node(const char* name) const { return dir.filePath(QString::fromLatin1(name)); }
    QTemporaryDir dir;
};

// What ALSA shows for a capture substream a sound server records from.
const QByteArray kRunning = "state: RUNNING\n"
                            "owner_pid   : 4242\n"
                            "trigger_time: 5123.456789012\n"
                            "tstamp      : 5130.000123456\n"
                            "delay       : 480\n"
                            "avail       : 480\n"
                            "avail_max   : 960\n"
                            "-----\n"
                            "hw_ptr      : 355200\n"
                            "appl_ptr    : 354720\n";

struct AsoundDir {
    AsoundDir()
    {
        REQUIRE(dir.isValid());
        writeFile(dir.filePath("cards"), " 0 [PCH            ]: HDA-Intel - HDA Intel PCH\n");
        writeFile(dir.filePath("card0/id"), "PCH\n");
        writeFile(capture(), "closed\n");
        // Something plays: not a microphone.
        writeFile(dir.filePath("card0/pcm0p/sub0/status"), kRunning);
        writeFile(dir.filePath("card0/pcm1c/sub0/status"), "state: PREPARED\nowner_pid   : 4243\n");
    }
    QString capture() const { return dir.filePath("card0/pcm0c/sub0/status"); }
    QTemporaryDir dir;
};

// The kernel without inotify (CONFIG_INOTIFY_USER off, or a sandbox that forbids it), for
// this process from now on: its inotify calls fail with ENOSYS.
void forbidInotify()
{
#if defined(__x86_64__)
    constexpr std::uint32_t arch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
    constexpr std::uint32_t arch = AUDIT_ARCH_AARCH64;
#else
#error "forbidInotify: add this architecture's AUDIT_ARCH"
#endif
    sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, arch, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_inotify_init1, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    sock_fprog program{static_cast<unsigned short>(std::size(filter)), filter};
    REQUIRE(::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0);
    REQUIRE(::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) == 0);
    errno = 0;
    REQUIRE(::inotify_init1(IN_CLOEXEC) == -1);
    REQUIRE(errno == ENOSYS);
}

} // namespace

TEST_CASE("camera: a held node is seen at once; its end and a new holder come by inotify")
{
    DevDir dev;
    auto first = std::make_unique<Holder>(dev.node("video0"));
    const int inotifyBefore = inotifyFds();

    CameraInUseDetector detector(dev.dir.path());
    Changes changes(detector);
    CHECK(detector.reason() == core::HoldReason::Camera);
    CHECK(detector.name() == "proc-fd");
    CHECK_FALSE(detector.active());

    detector.setWatching(true);
    CHECK(detector.isWatching());
    CHECK(detector.active());
    CHECK(detector.nodeCount() == 2); // video0, video1; not vbi0 nor videoextra
    CHECK(detector.followsByEvents());
    CHECK(inotifyFds() == inotifyBefore + 1);
    CHECK(activeTimers(detector) == 0); // events only: no look on a timer
    spin(50);
    CHECK(changes.values.empty()); // never from inside setWatching()

    first->end();
    const qint64 ended = changes.next(kByLookMs);
    REQUIRE(ended >= 0);
    CHECK(ended < kByEventsMs);
    CHECK(changes.values == std::vector<bool>{false});
    CHECK_FALSE(detector.active());

    Holder second(dev.node("video1"));
    const qint64 started = changes.next(kByLookMs);
    REQUIRE(started >= 0);
    CHECK(started < kByEventsMs);
    CHECK(changes.values == std::vector<bool>{false, true});
    CHECK(detector.active());

    // A second holder of the same camera ending changes nothing while the first holds on.
    {
        Holder third(dev.node("video1"));
        spin(300);
    }
    CHECK(changes.next(500) == -1);
    CHECK(detector.active());

    second.end();
    const qint64 again = changes.next(kByLookMs);
    REQUIRE(again >= 0);
    CHECK(again < kByEventsMs);
    CHECK(changes.values == std::vector<bool>{false, true, false});

    Holder fourth(dev.node("video0"));
    REQUIRE(changes.next(kByLookMs) >= 0);
    detector.setWatching(false);
    CHECK_FALSE(detector.isWatching());
    CHECK_FALSE(detector.active());
    CHECK(inotifyFds() == inotifyBefore);
    CHECK(activeTimers(detector) == 0);
    spin(200);
    CHECK(changes.values == std::vector<bool>{false, true, false, true}); // none from stopping
}

TEST_CASE("camera: nothing held is inactive; not watching, a holder wakes nothing")
{
    DevDir dev;
    // Only video nodes count: other files held open are not cameras.
    Holder other(dev.node("vbi0"));
    Holder otherToo(dev.node("videoextra"));
    const int inotifyBefore = inotifyFds();
    CameraInUseDetector detector(dev.dir.path());
    Changes changes(detector);

    detector.setWatching(true);
    CHECK_FALSE(detector.active());
    CHECK(inotifyFds() == inotifyBefore + 1);
    detector.setWatching(false);
    CHECK(inotifyFds() == inotifyBefore);

    // Not watching: nothing of ours is open, and a camera taken meanwhile is not reported.
    Holder holder(dev.node("video1"));
    spin(500);
    CHECK(changes.values.empty());
    CHECK_FALSE(detector.active());
    CHECK(inotifyFds() == inotifyBefore);
    CHECK(activeTimers(detector) == 0);

    // Watching again sees it at once: what went unreported was there to see.
    detector.setWatching(true);
    CHECK(detector.active());
    detector.setWatching(false);
    CHECK(changes.values.empty());
}

TEST_CASE("camera: our own process's fds do not count")
{
    DevDir dev;
    QFile own(dev.node("video0"));
    REQUIRE(own.open(QIODevice::ReadOnly));
    CameraInUseDetector detector(dev.dir.path());
    Changes changes(detector);
    detector.setWatching(true);
    CHECK_FALSE(detector.active());

    // Our own close and open while watching wake a look, which still finds nobody else.
    own.close();
    REQUIRE(own.open(QIODevice::ReadOnly));
    CHECK(changes.next(500) == -1);
    CHECK_FALSE(detector.active());

    Holder holder(dev.node("video0"));
    REQUIRE(changes.next(kByLookMs) >= 0);
    CHECK(detector.active());
}

TEST_CASE("camera: one plugged in while watching is followed from then on, by events")
{
    QTemporaryDir dev;
    REQUIRE(dev.isValid());
    const int inotifyBefore = inotifyFds();
    CameraInUseDetector detector(dev.path());
    Changes changes(detector);
    detector.setWatching(true);
    CHECK(detector.isWatching());
    CHECK_FALSE(detector.active());
    CHECK(detector.nodeCount() == 0);
    CHECK(detector.followsByEvents()); // the folder, for a camera to come
    CHECK(inotifyFds() == inotifyBefore + 1);
    CHECK(activeTimers(detector) == 0);

    // Other names coming are no camera; a video node is, and its use is seen by events.
    writeFile(dev.filePath(QStringLiteral("vbi0")), "stand-in node\n");
    spin(300);
    CHECK(detector.nodeCount() == 0);
    writeFile(dev.filePath(QStringLiteral("video0")), "stand-in node\n");
    spin(300);
    CHECK(detector.nodeCount() == 1);
    CHECK(changes.values.empty());
    auto holder = std::make_unique<Holder>(dev.filePath(QStringLiteral("video0")));
    const qint64 started = changes.next(kByLookMs);
    REQUIRE(started >= 0);
    CHECK(started < kByEventsMs);
    CHECK(detector.active());
    holder->end();
    const qint64 ended = changes.next(kByLookMs);
    REQUIRE(ended >= 0);
    CHECK(ended < kByEventsMs);
    CHECK(changes.values == std::vector<bool>{true, false});

    // Unplugged: gone from what it follows.
    REQUIRE(QFile::remove(dev.filePath(QStringLiteral("video0"))));
    spin(300);
    CHECK(detector.nodeCount() == 0);
    CHECK(activeTimers(detector) == 0);
    detector.setWatching(false);
    CHECK(inotifyFds() == inotifyBefore);
}

TEST_CASE("camera: no such folders: inactive, nothing watched")
{
    const int inotifyBefore = inotifyFds();
    {
        CameraInUseDetector detector(QStringLiteral("/nonexistent/deskbreak-test-dev"));
        detector.setWatching(true);
        CHECK_FALSE(detector.active());
        CHECK(detector.nodeCount() == 0);
        CHECK(inotifyFds() == inotifyBefore);
    }
    {
        // Nodes, and one held, but no /proc to see it in.
        DevDir dev;
        Holder holder(dev.node("video0"));
        CameraInUseDetector detector(dev.dir.path(),
                                     QStringLiteral("/nonexistent/deskbreak-test-proc"));
        detector.setWatching(true);
        CHECK_FALSE(detector.active());
        CHECK(detector.nodeCount() == 2);
        detector.setWatching(false);
    }
}

// Run on its own (it takes inotify away from the whole process): ctest's second entry.
TEST_CASE("camera: without inotify it looks every kLookIntervalMs while watching" * doctest::skip())
{
    forbidInotify();
    DevDir dev;
    auto holder = std::make_unique<Holder>(dev.node("video0"));
    CameraInUseDetector detector(dev.dir.path());
    Changes changes(detector);

    detector.setWatching(true);
    CHECK(detector.active());
    CHECK_FALSE(detector.followsByEvents());
    CHECK(activeTimers(detector) == 1);

    holder->end();
    const qint64 ended = changes.next(kByLookMs);
    REQUIRE(ended >= 0);
    CHECK(changes.values == std::vector<bool>{false});
    Holder again(dev.node("video1"));
    const qint64 started = changes.next(kByLookMs);
    REQUIRE(started >= 0);
    CHECK(changes.values == std::vector<bool>{false, true});

    again.end();
    REQUIRE(changes.next(kByLookMs) >= 0);

    // A camera plugged in meanwhile is found by the next look.
    writeFile(dev.node("video2"), "stand-in node\n");
    Holder plugged(dev.node("video2"));
    REQUIRE(changes.next(kByLookMs) >= 0);
    CHECK(detector.nodeCount() == 3);
    CHECK(changes.values == std::vector<bool>{false, true, false, true});

    detector.setWatching(false);
    CHECK(activeTimers(detector) == 0);
    plugged.end();
    spin(HoldDetector::kLookIntervalMs + 500);
    CHECK(changes.values == std::vector<bool>{false, true, false, true});
}

TEST_CASE("microphone: a running capture substream is followed; playback and closed are not")
{
    AsoundDir asound;
    MicrophoneInUseDetector detector(asound.dir.path());
    Changes changes(detector);
    CHECK(detector.reason() == core::HoldReason::Microphone);
    CHECK(detector.name() == "alsa-proc");

    detector.setWatching(true);
    CHECK(detector.isWatching());
    CHECK_FALSE(detector.active()); // pcm0p runs, pcm0c is closed, pcm1c only prepared
    CHECK(activeTimers(detector) == 1);

    writeFile(asound.capture(), kRunning);
    const qint64 started = changes.next(kByLookMs);
    REQUIRE(started >= 0);
    CHECK(changes.values == std::vector<bool>{true});
    CHECK(detector.active());

    writeFile(asound.capture(), "closed\n");
    REQUIRE(changes.next(kByLookMs) >= 0);
    CHECK(changes.values == std::vector<bool>{true, false});
    CHECK_FALSE(detector.active());

    // Another card, another substream.
    writeFile(asound.dir.filePath("card1/pcm3c/sub2/status"), kRunning);
    REQUIRE(changes.next(kByLookMs) >= 0);
    CHECK(changes.values == std::vector<bool>{true, false, true});

    detector.setWatching(false);
    CHECK_FALSE(detector.active());
    CHECK(activeTimers(detector) == 0);
    CHECK(changes.values == std::vector<bool>{true, false, true}); // none from stopping
}

TEST_CASE("microphone: running when watching starts is active at once; not watching, no look")
{
    AsoundDir asound;
    writeFile(asound.capture(), kRunning);
    MicrophoneInUseDetector detector(asound.dir.path());
    Changes changes(detector);

    detector.setWatching(true);
    CHECK(detector.active());
    detector.setWatching(false);
    CHECK_FALSE(detector.active());
    CHECK(activeTimers(detector) == 0);

    // Still running: a look on a timer left going would report it.
    spin(HoldDetector::kLookIntervalMs + 500);
    CHECK(changes.values.empty());
    CHECK_FALSE(detector.active());
    CHECK(activeTimers(detector) == 0);
}

TEST_CASE("microphone: no asound folder is inactive, with no timer")
{
    MicrophoneInUseDetector detector(QStringLiteral("/nonexistent/deskbreak-test-asound"));
    Changes changes(detector);
    detector.setWatching(true);
    CHECK(detector.isWatching());
    CHECK_FALSE(detector.active());
    CHECK(activeTimers(detector) == 0);
    spin(200);
    CHECK(changes.values.empty());
    detector.setWatching(false);

    // An oversized or odd status file is read only so far, and is not a running stream.
    AsoundDir asound;
    writeFile(asound.capture(), QByteArray(65536, 'x') + "\nstate: RUNNING\n");
    MicrophoneInUseDetector bounded(asound.dir.path());
    bounded.setWatching(true);
    CHECK_FALSE(bounded.active());
}
