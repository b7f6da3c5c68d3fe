#include "platform/System.h"

#include <QObject>
#include <cstdio>
#include <io.h>

namespace deskbreak::platform {

QString homeFromPasswordDatabase()
{
    return {}; // Qt finds the profile folder itself
}

bool syncFileToDisk(int fd)
{
    return ::_commit(fd) == 0;
}

void syncFolderToDisk(const QString& dir)
{
    Q_UNUSED(dir); // NTFS keeps a new file's name with its data
}

bool isPrivateFolder(const QString& dir, QString* why)
{
    // The per-user runtime folder Qt picks is private by its ACL; QLocalServer's
    // UserAccessOption closes the pipe itself to others.
    Q_UNUSED(dir);
    Q_UNUSED(why);
    return true;
}

bool stderrIsTerminal()
{
    return ::_isatty(::_fileno(stderr)) != 0;
}

void onTerminationRequest(QObject* context, std::function<void()> handler)
{
    Q_UNUSED(context);
    Q_UNUSED(handler);
}

} // namespace deskbreak::platform
