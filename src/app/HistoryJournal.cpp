#include "app/HistoryJournal.h"

#include "platform/System.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace deskbreak::app {

using Kind = core::HistoryEvent::Kind;

namespace {

// On disk before it returns: the write is acknowledged only after this.
bool syncToDisk(QFile& file)
{
    return platform::syncFileToDisk(file.handle());
}

// A new file's name must be on disk too, or a power cut could lose the file itself.
void syncDirectory(const QString& dir)
{
    platform::syncFolderToDisk(dir);
}

} // namespace

HistoryJournal::HistoryJournal(QString path)
    : m_path(std::move(path))
{
}

bool HistoryJournal::isEmpty() const
{
    const QFileInfo info(m_path);
    return !info.exists() || info.size() == 0;
}

QByteArray HistoryJournal::encode(const HistoryEntry& entry)
{
    const core::HistoryEvent& e = entry.event;
    QJsonObject o{{QStringLiteral("id"), entry.id},
                  {QStringLiteral("kind"), core::kindName(e.kind)},
                  {QStringLiteral("at_ms"), e.at.toMSecsSinceEpoch()}};
    if (e.start.isValid())
        o.insert(QStringLiteral("start_ms"), e.start.toMSecsSinceEpoch());
    if (e.seconds.count() != 0)
        o.insert(QStringLiteral("seconds"), qint64(e.seconds.count()));
    if (const QVariant reason = reasonOf(e); reason.isValid())
        o.insert(QStringLiteral("reason"), reason.toString());
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

std::optional<HistoryEntry> HistoryJournal::decode(const QByteArray& line)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    HistoryEntry entry;
    entry.id = o.value(QStringLiteral("id")).toString();
    const QJsonValue at = o.value(QStringLiteral("at_ms"));
    if (entry.id.isEmpty() || !at.isDouble())
        return std::nullopt;
    const auto kind = kindFromName(o.value(QStringLiteral("kind")).toString());
    if (!kind)
        return std::nullopt;
    core::HistoryEvent& e = entry.event;
    e.kind = *kind;
    e.at = QDateTime::fromMSecsSinceEpoch(at.toInteger());
    if (const QJsonValue start = o.value(QStringLiteral("start_ms")); start.isDouble())
        e.start = QDateTime::fromMSecsSinceEpoch(start.toInteger());
    e.seconds = std::chrono::seconds(o.value(QStringLiteral("seconds")).toInteger());
    setReason(e, o.value(QStringLiteral("reason")).toString());
    return entry;
}

QList<HistoryEntry> HistoryJournal::read(int* skipped) const
{
    QList<HistoryEntry> out;
    int bad = 0;
    QFile file(m_path);
    if (file.open(QIODevice::ReadOnly)) {
        const QByteArray all = file.readAll();
        qsizetype from = 0;
        while (from < all.size()) {
            const qsizetype end = all.indexOf('\n', from);
            if (end < 0) { // no newline: torn by a kill or a full disk, never acknowledged
                ++bad;
                break;
            }
            const QByteArray line = all.mid(from, end - from);
            from = end + 1;
            if (line.trimmed().isEmpty())
                continue;
            if (auto entry = decode(line))
                out.append(*entry);
            else
                ++bad;
        }
    }
    if (skipped)
        *skipped = bad;
    return out;
}

bool HistoryJournal::append(const QList<HistoryEntry>& entries, QString* error)
{
    const bool existed = QFileInfo::exists(m_path);
    if (!existed)
        QDir().mkpath(QFileInfo(m_path).absolutePath());
    QFile file(m_path);
    // Unbuffered: each write() goes straight to the file, at its end (O_APPEND).
    if (!file.open(QIODevice::ReadWrite | QIODevice::Append | QIODevice::Unbuffered)) {
        *error = file.errorString();
        return false;
    }
    const qint64 size = file.size();
    QByteArray data;
    // After a torn line, start a fresh one: the torn one stays unreadable on its own.
    if (size > 0 && file.seek(size - 1) && file.read(1) != "\n")
        data += '\n';
    for (const HistoryEntry& entry : entries)
        data += encode(entry);
    if (file.write(data) != data.size() || !syncToDisk(file)) {
        *error = file.errorString();
        if (error->isEmpty() || file.error() == QFileDevice::NoError)
            *error = QStringLiteral("cannot sync %1 to disk").arg(m_path);
        file.resize(size); // what got through is not acknowledged; best effort
        return false;
    }
    file.close();
    if (!existed)
        syncDirectory(QFileInfo(m_path).absolutePath());
    return true;
}

bool HistoryJournal::clear(QString* error)
{
    if (!QFileInfo::exists(m_path))
        return true;
    QFile file(m_path);
    if (file.remove())
        return true;
    // Cannot remove (a read-only folder?): empty it instead.
    if (file.open(QIODevice::ReadWrite) && file.resize(0) && syncToDisk(file))
        return true;
    *error = file.errorString();
    return false;
}

} // namespace deskbreak::app
