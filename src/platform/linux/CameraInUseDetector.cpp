#include "platform/linux/CameraInUseDetector.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSocketNotifier>
#include <QTimer>
#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <string_view>
#include <sys/inotify.h>
#include <unistd.h>

namespace deskbreak::platform {

namespace {

Q_LOGGING_CATEGORY(lcCamera, "deskbreak.platform.camera")

// Opens and closes of a node: each may start or end a use. Our own look never opens one
// (readlink and realpath do not), so it cannot wake itself.
constexpr std::uint32_t kNodeEvents = IN_OPEN | IN_CLOSE_WRITE | IN_CLOSE_NOWRITE;
// Names coming and going in the device folder: a camera plugged in or out.
constexpr std::uint32_t kFolderEvents = IN_CREATE | IN_MOVED_TO | IN_DELETE | IN_ONLYDIR;
// A program starting a camera opens and closes its nodes several times in a row: one look
// after the burst, soon enough that the hold follows within a blink.
constexpr int kSettleMs = 100;
// V4L2 has 256 minors; more names than that are not cameras.
constexpr std::size_t kMaxNodes = 256;
// Bounds the work per process: more fds than this are not read (the rest go unseen).
constexpr int kMaxFdsPerProcess = 65536;

// video<N>: a V4L2 capture or output node (not vbi, radio or media nodes).
bool isVideoNode(const QString& name)
{
    static const QRegularExpression videoNode(QStringLiteral("^video[0-9]+$"));
    return videoNode.match(name).hasMatch();
}

bool isNumber(const char* name)
{
    if (*name == '\0') {
        return false;
    }
    for (const char* c = name; *c != '\0'; ++c) {
        if (*c < '0' || *c > '9') {
            return false;
        }
    }
    return true;
}

QString lastError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

CameraInUseDetector::CameraInUseDetector(QString devDir, QString procDir, QObject* parent)
    : HoldDetector(parent)
    , m_devDir(std::move(devDir))
    , m_procDir(std::move(procDir))
    , m_settle(new QTimer(this))
    , m_fallback(new QTimer(this))
{
    m_settle->setSingleShot(true);
    m_settle->setInterval(kSettleMs);
    connect(m_settle, &QTimer::timeout, this, &CameraInUseDetector::lookAgain);
    m_fallback->setTimerType(Qt::CoarseTimer);
    m_fallback->setInterval(kLookIntervalMs);
    connect(m_fallback, &QTimer::timeout, this, &CameraInUseDetector::lookAgain);
}

CameraInUseDetector::~CameraInUseDetector()
{
    stopEvents();
}

QString CameraInUseDetector::looksAt() const
{
    return QStringLiteral("open video devices (%1/video*) in %2/*/fd").arg(m_devDir, m_procDir);
}

void CameraInUseDetector::setWatching(bool on)
{
    if (on == m_watching) {
        return;
    }
    m_watching = on;
    m_active = false;
    if (!on) {
        stopEvents();
        m_settle->stop();
        m_fallback->stop();
        m_nodes.clear();
        return;
    }
    if (!QFileInfo(m_devDir).isDir()) {
        qCDebug(lcCamera).noquote() << "no folder" << m_devDir << "- nothing to watch";
        return;
    }
    m_nodes = listNodes();
    startEvents();
    m_active = !m_nodes.empty() && scan();
}

std::vector<std::string> CameraInUseDetector::listNodes() const
{
    std::vector<std::string> nodes;
    const QFileInfoList entries = QDir(m_devDir).entryInfoList(
        {QStringLiteral("video*")}, QDir::Files | QDir::System | QDir::NoDotAndDotDot);
    for (const QFileInfo& entry : entries) {
        if (!isVideoNode(entry.fileName())) {
            continue;
        }
        // An fd link shows the node's resolved path.
        const QString resolved = entry.canonicalFilePath();
        if (resolved.isEmpty()) {
            continue;
        }
        std::string path = QFile::encodeName(resolved).toStdString();
        if (std::find(nodes.begin(), nodes.end(), path) == nodes.end()) {
            nodes.push_back(std::move(path));
        }
        if (nodes.size() == kMaxNodes) {
            break;
        }
    }
    return nodes;
}

void CameraInUseDetector::startEvents()
{
    m_inotifyFd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (m_inotifyFd < 0) {
        fallBack(QStringLiteral("inotify: %1").arg(lastError()));
        return;
    }
    m_devWatch =
        inotify_add_watch(m_inotifyFd, QFile::encodeName(m_devDir).constData(), kFolderEvents);
    if (m_devWatch < 0) {
        fallBack(QStringLiteral("inotify on %1: %2").arg(m_devDir, lastError()));
        return;
    }
    if (!watchNodes()) {
        return;
    }
    m_notifier = new QSocketNotifier(m_inotifyFd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &CameraInUseDetector::onEvents);
}

bool CameraInUseDetector::watchNodes()
{
    // A node watched already keeps its watch: the same mask again changes nothing.
    for (const std::string& node : m_nodes) {
        if (inotify_add_watch(m_inotifyFd, node.c_str(), kNodeEvents) < 0) {
            fallBack(QStringLiteral("inotify on %1: %2")
                         .arg(QFile::decodeName(node.c_str()), lastError()));
            return false;
        }
    }
    return true;
}

void CameraInUseDetector::fallBack(const QString& why)
{
    stopEvents();
    if (!m_toldNoEvents) {
        m_toldNoEvents = true;
        qCWarning(lcCamera).noquote()
            << QStringLiteral("cannot follow the video devices by events (%1); looking "
                              "every %2 ms while a break is due")
                   .arg(why)
                   .arg(kLookIntervalMs);
    }
    m_fallback->start();
}

void CameraInUseDetector::stopEvents()
{
    if (m_notifier != nullptr) {
        // Disabled before the fd closes: the event dispatcher must not poll a closed (or
        // reused) fd. Deleted later: this may run inside its own activated().
        m_notifier->setEnabled(false);
        m_notifier->deleteLater();
        m_notifier = nullptr;
    }
    if (m_inotifyFd >= 0) {
        ::close(m_inotifyFd);
        m_inotifyFd = -1;
    }
    m_devWatch = -1;
}

void CameraInUseDetector::onEvents()
{
    // Any event on a node means look again; in the folder, only a video node coming or going
    // counts (other devices come and go there too). The queue is drained so that the
    // notifier rests until the next event.
    alignas(inotify_event) char buffer[4096];
    bool nodeEvent = false;
    bool nodesChanged = false;
    for (;;) {
        const ssize_t n = ::read(m_inotifyFd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        // The kernel writes whole events, each a header and its name padded to the next one.
        for (ssize_t at = 0; at + static_cast<ssize_t>(sizeof(inotify_event)) <= n;) {
            inotify_event event{};
            std::memcpy(&event, buffer + at, sizeof event);
            const char* name = buffer + at + sizeof event;
            at += static_cast<ssize_t>(sizeof event + event.len);
            if ((event.mask & IN_Q_OVERFLOW) != 0) {
                nodesChanged = true; // events were lost: list the folder again
            } else if (event.wd != m_devWatch) {
                nodeEvent = true;
            } else if (event.len > 0 && at <= n) {
                const auto length = static_cast<int>(::strnlen(name, event.len));
                nodesChanged =
                    nodesChanged || isVideoNode(QFile::decodeName(QByteArray(name, length)));
            }
        }
    }
    if (nodesChanged) {
        m_nodes = listNodes();
        qCDebug(lcCamera).noquote() << "video devices now:" << m_nodes.size();
        if (!watchNodes()) {
            return; // looks on the fallback timer from now on
        }
    }
    if ((nodeEvent || nodesChanged) && !m_settle->isActive()) {
        m_settle->start();
    }
}

bool CameraInUseDetector::scan()
{
    const QByteArray procPath = QFile::encodeName(m_procDir);
    DIR* proc = ::opendir(procPath.constData());
    if (proc == nullptr) {
        if (!m_toldNoProc) {
            m_toldNoProc = true;
            qCWarning(lcCamera).noquote() << "cannot read" << m_procDir
                                          << "(" + lastError() + "): no camera counts as in use";
        }
        return false;
    }
    const int procFd = ::dirfd(proc);
    const pid_t self = ::getpid();
    bool inUse = false;
    while (!inUse) {
        const dirent* process = ::readdir(proc);
        if (process == nullptr) {
            break;
        }
        // Numbers only, and short enough to be a pid.
        if (!isNumber(process->d_name) || std::strlen(process->d_name) > 10) {
            continue;
        }
        if (std::strtol(process->d_name, nullptr, 10) == self) {
            continue;
        }
        char fdPath[32];
        std::snprintf(fdPath, sizeof fdPath, "%s/fd", process->d_name);
        // Another user's process, or one that just exited: not ours to see.
        const int fdDirFd = ::openat(procFd, fdPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fdDirFd < 0) {
            continue;
        }
        DIR* fds = ::fdopendir(fdDirFd);
        if (fds == nullptr) {
            ::close(fdDirFd);
            continue;
        }
        int entries = 0;
        while (!inUse && entries < kMaxFdsPerProcess) {
            const dirent* fd = ::readdir(fds);
            if (fd == nullptr) {
                break;
            }
            ++entries;
            if (!isNumber(fd->d_name)) {
                continue;
            }
            char target[PATH_MAX];
            const ssize_t n = ::readlinkat(fdDirFd, fd->d_name, target, sizeof target);
            // Sockets, pipes and anon inodes do not start with '/'; a full buffer is truncated.
            if (n <= 0 || n == static_cast<ssize_t>(sizeof target) || target[0] != '/') {
                continue;
            }
            const std::string_view link(target, static_cast<std::size_t>(n));
            inUse = std::any_of(m_nodes.begin(), m_nodes.end(),
                                [link](const std::string& node) { return node == link; });
        }
        ::closedir(fds);
    }
    ::closedir(proc);
    return inUse;
}

void CameraInUseDetector::lookAgain()
{
    if (!m_watching) {
        return;
    }
    if (m_inotifyFd < 0) {
        m_nodes = listNodes(); // no folder events: a camera plugged in shows here
    }
    const bool now = !m_nodes.empty() && scan();
    if (now != m_active) {
        m_active = now;
        emit activeChanged(now);
    }
}

} // namespace deskbreak::platform
