#include "platform/System.h"

#include <QFile>
#include <QSocketNotifier>
#include <csignal>
#include <fcntl.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace deskbreak::platform {

namespace {
// The signal handler may only write(); the event loop reads the other end.
int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}
} // namespace

QString homeFromPasswordDatabase()
{
    if (const passwd* entry = ::getpwuid(::getuid()); entry && entry->pw_dir)
        return QFile::decodeName(entry->pw_dir);
    return {};
}

bool syncFileToDisk(int fd)
{
    return ::fsync(fd) == 0;
}

void syncFolderToDisk(const QString& dir)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

bool isPrivateFolder(const QString& dir, QString* why)
{
    struct stat st {};
    if (::stat(QFile::encodeName(dir).constData(), &st) != 0 || st.st_uid != ::getuid() ||
        (st.st_mode & 077) != 0) {
        *why = QStringLiteral("%1 is not a private folder of this user (mode 0700)").arg(dir);
        return false;
    }
    return true;
}

bool stderrIsTerminal()
{
    return ::isatty(STDERR_FILENO) != 0;
}

void onTerminationRequest(QObject* context, std::function<void()> handler)
{
    if (g_signalPipe[0] >= 0 || ::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return;
    auto* notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context,
                     [handler = std::move(handler)] {
                         char bytes[16];
                         // Drained, or the notifier would fire again and again.
                         [[maybe_unused]] const auto got = ::read(g_signalPipe[0], bytes, 16);
                         handler();
                     });
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
}

} // namespace deskbreak::platform
