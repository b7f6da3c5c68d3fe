#pragma once

#include <QString>
#include <functional>

class QObject;

namespace deskbreak::platform {

// The few operating-system calls the app needs beyond Qt, one implementation per OS
// (posix/PosixSystem.cpp, windows/WindowsSystem.cpp), so no app file needs unistd.h.

// Whether `dir` belongs to this user and is closed to everybody else (mode 0700 on POSIX);
// false with the reason. On Windows a per-user folder is private by its ACL: always true.
bool isPrivateFolder(const QString& dir, QString* why);

// Flushes what was written through the open file `fd` to the disk (fsync; _commit on
// Windows); false if that failed. A write counts as acknowledged only after this.
bool syncFileToDisk(int fd);

// Flushes the folder `dir` itself to the disk, so that a file just created in it survives
// a power cut (POSIX; nothing to do on Windows).
void syncFolderToDisk(const QString& dir);

// This user's home folder as the password database has it; empty where there is none
// (or no such database: Windows).
QString homeFromPasswordDatabase();

// Whether stderr is a terminal (the log is echoed there only then).
bool stderrIsTerminal();

// From now on, SIGTERM and SIGINT call `handler` inside the event loop of `context`'s
// thread (never inside the signal handler), so the program shuts down cleanly. Windows
// ends a GUI program through its window messages instead: nothing to do there.
void onTerminationRequest(QObject* context, std::function<void()> handler);

} // namespace deskbreak::platform
