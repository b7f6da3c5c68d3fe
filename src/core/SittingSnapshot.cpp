#include "core/SittingSnapshot.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace deskbreak::core {

namespace {
constexpr auto kFormat = "deskbreak-state";
constexpr int kVersion = 2;

QString phaseName(SittingSnapshot::Phase p)
{
    switch (p) {
    case SittingSnapshot::Phase::Sitting:
        return QStringLiteral("sitting");
    case SittingSnapshot::Phase::Away:
        return QStringLiteral("away");
    case SittingSnapshot::Phase::OnBreak:
        return QStringLiteral("break");
    }
    return {};
}
} // namespace

QByteArray SittingSnapshot::toJson() const
{
    QJsonObject o{
        {QStringLiteral("format"), QLatin1String(kFormat)},
        {QStringLiteral("version"), kVersion},
        {QStringLiteral("saved_at"), savedAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("phase"), phaseName(phase)},
        {QStringLiteral("sitting_ms"), qint64(sitting.count())},
        {QStringLiteral("away_ms"), qint64(away.count())},
        {QStringLiteral("until_reminder_ms"), qint64(untilReminder.count())},
        {QStringLiteral("due"), due},
        {QStringLiteral("snoozes_used"), snoozesUsed},
    };
    if (pausedUntil)
        o.insert(QStringLiteral("paused_until"), pausedUntil->toUTC().toString(Qt::ISODateWithMs));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<SittingSnapshot> SittingSnapshot::fromJson(const QByteArray& data, QString* error)
{
    auto fail = [&](const QString& why) {
        *error = why;
        return std::nullopt;
    };
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return fail(QStringLiteral("not a JSON object (%1)").arg(pe.errorString()));
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("format")).toString() != QLatin1String(kFormat))
        return fail(QStringLiteral("not a deskbreak state file"));
    if (o.value(QStringLiteral("version")).toInt() != kVersion)
        return fail(QStringLiteral("unsupported state version %1")
                        .arg(o.value(QStringLiteral("version")).toInt()));

    SittingSnapshot s;
    s.savedAt =
        QDateTime::fromString(o.value(QStringLiteral("saved_at")).toString(), Qt::ISODateWithMs);
    if (!s.savedAt.isValid())
        return fail(QStringLiteral("saved_at is not a timestamp"));
    const QString phase = o.value(QStringLiteral("phase")).toString();
    if (phase == u"sitting")
        s.phase = Phase::Sitting;
    else if (phase == u"away")
        s.phase = Phase::Away;
    else if (phase == u"break")
        s.phase = Phase::OnBreak;
    else
        return fail(QStringLiteral("unknown phase \"%1\"").arg(phase));

    for (const char* key : {"sitting_ms", "away_ms", "until_reminder_ms", "snoozes_used"})
        if (!o.value(QLatin1String(key)).isDouble())
            return fail(QStringLiteral("%1 is missing or not a number").arg(QLatin1String(key)));
    if (!o.value(QStringLiteral("due")).isBool())
        return fail(QStringLiteral("due is missing or not true/false"));

    const auto ms = [&](const char* key) {
        return std::chrono::milliseconds(qint64(o.value(QLatin1String(key)).toDouble()));
    };
    s.sitting = ms("sitting_ms");
    s.away = ms("away_ms");
    s.untilReminder = ms("until_reminder_ms");
    s.due = o.value(QStringLiteral("due")).toBool();
    s.snoozesUsed = o.value(QStringLiteral("snoozes_used")).toInt();
    constexpr qint64 year = 366LL * 24 * 3600 * 1000;
    if (s.sitting.count() < 0 || s.sitting.count() > year || s.away.count() < 0 ||
        s.away.count() > year || std::abs(s.untilReminder.count()) > year || s.snoozesUsed < 0 ||
        s.snoozesUsed > 1000)
        return fail(QStringLiteral("a value is out of range"));
    if (o.contains(QStringLiteral("paused_until"))) {
        const QDateTime until = QDateTime::fromString(
            o.value(QStringLiteral("paused_until")).toString(), Qt::ISODateWithMs);
        if (!until.isValid())
            return fail(QStringLiteral("paused_until is not a timestamp"));
        s.pausedUntil = until;
    }
    return s;
}

} // namespace deskbreak::core
