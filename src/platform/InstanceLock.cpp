#include "platform/InstanceLock.h"

#include <QFile>
#include <QLockFile>
#ifdef Q_OS_UNIX
#include <QCoreApplication>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace deskbreak::platform {

InstanceLock::InstanceLock() = default;

InstanceLock::~InstanceLock()
{
#ifdef Q_OS_UNIX
    // The file stays: unlinking it would let a waiting start lock a file nobody else sees.
    if (m_fd >= 0)
        ::close(m_fd);
#endif
}

InstanceLock::Result InstanceLock::tryAcquire(const QString& path, QString* error)
{
#ifdef Q_OS_UNIX
    if (m_fd >= 0)
        return Result::Acquired;
    const QByteArray name = QFile::encodeName(path);
    const int fd =
        ::open(name.constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600);
    if (fd < 0) {
        *error = QStringLiteral("cannot open the lock file %1: %2")
                     .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return Result::Failed;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != ::getuid()) {
        ::close(fd);
        *error = QStringLiteral("the lock file %1 is not a regular file of this user").arg(path);
        return Result::Failed;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int why = errno;
        ::close(fd);
        if (why == EWOULDBLOCK)
            return Result::HeldByOther;
        *error = QStringLiteral("cannot lock %1: %2")
                     .arg(path, QString::fromLocal8Bit(std::strerror(why)));
        return Result::Failed;
    }
    // Who holds it, for the next start's message; the lock holds even if this fails.
    const QByteArray pid = QByteArray::number(QCoreApplication::applicationPid()) + '\n';
    [[maybe_unused]] const bool written =
        ::ftruncate(fd, 0) == 0 && ::pwrite(fd, pid.constData(), size_t(pid.size()), 0) >= 0;
    m_fd = fd;
    return Result::Acquired;
#else
    if (!m_lockFile) {
        m_lockFile = std::make_unique<QLockFile>(path);
        m_lockFile->setStaleLockTime(0); // stale only when its owner is gone, never by age
    }
    if (m_lockFile->isLocked() || m_lockFile->tryLock(0))
        return Result::Acquired;
    if (m_lockFile->error() == QLockFile::LockFailedError)
        return Result::HeldByOther;
    *error = QStringLiteral("cannot lock %1").arg(path);
    return Result::Failed;
#endif
}

qint64 InstanceLock::ownerPid(const QString& path)
{
#ifdef Q_OS_UNIX
    QFile f(path);
    // A regular file (tryAcquire() checked it), so this read cannot block.
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    return f.read(32).trimmed().toLongLong();
#else
    qint64 pid = 0;
    QString host, app;
    QLockFile(path).getLockInfo(&pid, &host, &app);
    return pid;
#endif
}

} // namespace deskbreak::platform
