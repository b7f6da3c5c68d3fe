#pragma once

#include <QString>
#include <memory>

class QLockFile;

namespace deskbreak::platform {

// Single-instance ownership of the daemon: an exclusive lock on a file in the runtime
// dir, held for the life of the process. On Unix it is an flock(), which the kernel
// drops however the process ends, so a dead owner never blocks the next start and no
// stale lock is ever removed (removing one races with a concurrent start).
class InstanceLock {
public:
    enum class Result { Acquired, HeldByOther, Failed };

    InstanceLock();
    ~InstanceLock();
    InstanceLock(const InstanceLock&) = delete;
    InstanceLock& operator=(const InstanceLock&) = delete;

    // Tries once, without waiting. Failed: the file cannot be used (`error` says why).
    Result tryAcquire(const QString& path, QString* error);
    // The pid the owner wrote into the file, 0 if unknown.
    static qint64 ownerPid(const QString& path);

private:
    int m_fd = -1;
    std::unique_ptr<QLockFile> m_lockFile; // where there is no flock()
};

} // namespace deskbreak::platform
