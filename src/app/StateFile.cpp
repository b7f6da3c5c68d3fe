#include "app/StateFile.h"

#include "app/AppPaths.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace deskbreak::app::statefile {

QString path()
{
    return paths::stateDir() + QStringLiteral("/state");
}

bool save(const QString& path, const core::SittingSnapshot& snapshot, QString* error)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    file.write(snapshot.toJson());
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

std::optional<core::SittingSnapshot> load(const QString& path, const QDateTime& now, QString* note)
{
    QFile file(path);
    if (!file.exists())
        return std::nullopt;
    QString why;
    std::optional<core::SittingSnapshot> snapshot;
    if (!file.open(QIODevice::ReadOnly))
        why = file.errorString();
    else if (file.size() > 64 * 1024)
        why = QStringLiteral("too large to be a deskbreak state file");
    else
        snapshot = core::SittingSnapshot::fromJson(file.readAll(), &why);
    file.close();
    if (snapshot)
        return snapshot;
    // Kept for a person to look at, out of the way of the next start.
    const QString aside =
        path + QStringLiteral(".corrupt-") + now.toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QFile::rename(path, aside);
    *note =
        QStringLiteral("the state file %1 was not usable (%2); moved it to %3 and started afresh")
            .arg(path, why, aside);
    return std::nullopt;
}

} // namespace deskbreak::app::statefile
