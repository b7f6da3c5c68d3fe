#include "core/SittingSnapshot.h"

#include "core/Limits.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace deskbreak::core {

using std::chrono::milliseconds;

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
    if (!routinesDone.isEmpty()) {
        QJsonObject done;
        for (auto it = routinesDone.cbegin(); it != routinesDone.cend(); ++it)
            done.insert(it.key(), it.value().toString(Qt::ISODate));
        o.insert(QStringLiteral("routines_done"), done);
    }
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

    if (!o.value(QStringLiteral("due")).isBool())
        return fail(QStringLiteral("due is missing or not true/false"));
    s.due = o.value(QStringLiteral("due")).toBool();

    // Each number is checked as a double before it becomes an integer: a cast of one out
    // of range is undefined, and a value past these bounds was never written by deskbreak.
    QString rangeError;
    const auto whole = [&](const char* key, qint64 min, qint64 max, const QString& bounds) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isDouble()) {
            rangeError = QStringLiteral("%1 is missing or not a number").arg(QLatin1String(key));
            return qint64(0);
        }
        const double d = v.toDouble();
        if (!(d >= double(min) && d <= double(max)) || d != std::floor(d)) {
            rangeError = QStringLiteral("%1 = %2 is out of range; it must be a whole number %3")
                             .arg(QLatin1String(key), v.toVariant().toString(), bounds);
            return qint64(0);
        }
        return qint64(d);
    };
    constexpr qint64 kYearMs = 366LL * 24 * 3600 * 1000;
    constexpr qint64 kDayMs = 24LL * 3600 * 1000;
    const QString upToAYear = QStringLiteral("from 0 to %1 (a year)").arg(kYearMs);
    s.sitting = milliseconds(whole("sitting_ms", 0, kYearMs, upToAYear));
    s.away = milliseconds(whole("away_ms", 0, kYearMs, upToAYear));
    // Ahead: the longest interval or snooze is a day, a few skips add some; behind: how
    // long the break has been due, up to a year.
    s.untilReminder =
        milliseconds(whole("until_reminder_ms", -kYearMs, 7 * kDayMs,
                           QStringLiteral("from %1 to %2 (a year behind to a week ahead)")
                               .arg(-kYearMs)
                               .arg(7 * kDayMs)));
    s.snoozesUsed = int(whole("snoozes_used", 0, 1000, QStringLiteral("from 0 to 1000")));
    if (!rangeError.isEmpty())
        return fail(rangeError);

    // Timestamps from this century only: a far-off one would make the gap since the save,
    // and the natural break recorded for it, absurd.
    const QDateTime earliest(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC);
    const QDateTime latest(QDate(2100, 1, 1), QTime(0, 0), Qt::UTC);
    if (s.savedAt < earliest || s.savedAt >= latest)
        return fail(QStringLiteral("saved_at %1 is out of range (years 2000 to 2099)")
                        .arg(s.savedAt.toString(Qt::ISODate)));
    if (o.contains(QStringLiteral("paused_until"))) {
        const QDateTime until = QDateTime::fromString(
            o.value(QStringLiteral("paused_until")).toString(), Qt::ISODateWithMs);
        if (!until.isValid())
            return fail(QStringLiteral("paused_until is not a timestamp"));
        // A pause is at most a week long (and a minute of slack for rounding).
        const qint64 maxAhead = milliseconds(limits::kMaxPause).count() + qint64(60) * 1000;
        if (until < earliest || s.savedAt.msecsTo(until) > maxAhead)
            return fail(QStringLiteral("paused_until %1 is out of range (at most a week after "
                                       "saved_at)")
                            .arg(until.toString(Qt::ISODate)));
        s.pausedUntil = until;
    }
    // Optional (older files have none): routine name -> the local day it was last done.
    if (o.contains(QStringLiteral("routines_done"))) {
        const QJsonValue v = o.value(QStringLiteral("routines_done"));
        constexpr qsizetype kMaxRoutines = 64;
        if (!v.isObject() || v.toObject().size() > kMaxRoutines)
            return fail(QStringLiteral("routines_done is not an object of at most %1 routines")
                            .arg(kMaxRoutines));
        const QJsonObject done = v.toObject();
        for (auto it = done.begin(); it != done.end(); ++it) {
            const QDate day = QDate::fromString(it.value().toString(), Qt::ISODate);
            if (it.key().isEmpty() || it.key().size() > 200 || !day.isValid() ||
                day < earliest.date() || day >= latest.date())
                return fail(QStringLiteral("routines_done: \"%1\" is not a routine and a day")
                                .arg(it.key().left(40)));
            s.routinesDone.insert(it.key(), day);
        }
    }
    return s;
}

} // namespace deskbreak::core
