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
    const QFileInfo info(path);
    if (!info.exists() && !info.isSymLink())
        return std::nullopt;
    constexpr qint64 kMaxBytes = qint64(64) * 1024;
    QString why;
    std::optional<core::SittingSnapshot> snapshot;
    QFile file(path);
    // Never opened unless regular (a FIFO would block the start), checked again once open.
    if (!info.isFile() || (file.open(QIODevice::ReadOnly) && file.isSequential()))
        why = QStringLiteral("not a regular file");
    else if (!file.isOpen())
        why = file.errorString();
    else if (const QByteArray data = file.read(kMaxBytes + 1); data.size() > kMaxBytes)
        why = QStringLiteral("too large to be a deskbreak state file");
    else
        snapshot = core::SittingSnapshot::fromJson(data, &why);
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
