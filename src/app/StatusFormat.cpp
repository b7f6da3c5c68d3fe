#include "app/StatusFormat.h"

#include "app/ControlProtocol.h"
#include "core/Duration.h"
#include "core/Effect.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace deskbreak::app::statusformat {

namespace key = control::key;
namespace state = control::state;

namespace {

// An ISO time from the status, in local time; invalid when null.
QDateTime timeOf(const QJsonObject& status, QLatin1StringView field)
{
    const QJsonValue v = status.value(field);
    return v.isString() ? QDateTime::fromString(v.toString(), Qt::ISODate).toLocalTime()
                        : QDateTime();
}

// "14:05" today, "midnight" at the end of today, "tomorrow 09:00", "Tue 3 Mar 09:00".
QString clockTime(const QDateTime& at, const QDateTime& now)
{
    const QDateTime local = at.toLocalTime();
    const QDate today = now.toLocalTime().date();
    QString hhmm = local.toString(QStringLiteral("HH:mm"));
    if (local.date() == today)
        return hhmm;
    if (local.date() == today.addDays(1))
        return local.time() == QTime(0, 0) ? QStringLiteral("midnight")
                                           : QStringLiteral("tomorrow ") + hhmm;
    return local.toString(QStringLiteral("ddd d MMM HH:mm"));
}

qint64 integer(const QJsonObject& status, QLatin1StringView field)
{
    return status.value(field).toInteger();
}

// What holds the due reminder, as a person reads it ("camera in use"); empty when nothing.
QString heldText(const QJsonObject& status)
{
    const QString name = status.value(key::heldBy).toString();
    for (const core::HoldReason r : core::kHoldReasons)
        if (!name.isEmpty() && core::holdReasonName(r) == name)
            return core::holdReasonText(r);
    return {};
}

} // namespace

QString minutes(qint64 seconds, bool roundUp)
{
    const qint64 m = roundUp ? (std::max<qint64>(seconds, 0) + 59) / 60 : seconds / 60;
    if (m < 1)
        return QStringLiteral("<1m");
    if (m < 60)
        return QStringLiteral("%1m").arg(m);
    return QStringLiteral("%1h %2m").arg(m / 60).arg(m % 60, 2, 10, QLatin1Char('0'));
}

QString line(const QJsonObject& status, const QDateTime& now)
{
    const QString s = status.value(key::state).toString();
    const QString sat = minutes(integer(status, key::sittingSeconds));
    if (s == state::onBreak) {
        const QJsonValue left = status.value(key::breakSecondsLeft);
        return left.isDouble()
                   ? QStringLiteral("on break · %1 left").arg(minutes(left.toInteger(), true))
                   : QStringLiteral("on break");
    }
    if (s == state::away)
        return QStringLiteral("away");
    if (s == state::paused) {
        const QDateTime until = timeOf(status, key::pausedUntil);
        return until.isValid() ? QStringLiteral("paused until %1").arg(clockTime(until, now))
                               : QStringLiteral("paused");
    }
    if (s == state::due) {
        if (const QString held = heldText(status); !held.isEmpty())
            return QStringLiteral("break held: %1 · sitting %2").arg(held, sat);
        return QStringLiteral("break due · sitting %1").arg(sat);
    }
    const QDateTime next = timeOf(status, key::nextBreakAt);
    if (!next.isValid())
        return QStringLiteral("sitting %1").arg(sat);
    return QStringLiteral("sitting %1 · %2 %3")
        .arg(sat,
             status.value(key::snoozed).toBool() ? QStringLiteral("snoozed to")
                                                 : QStringLiteral("break at"),
             clockTime(next, now));
}

QString tooltip(const QJsonObject& status, const QDateTime& now)
{
    const QString s = status.value(key::state).toString();
    QStringList lines;
    lines << QStringLiteral("deskbreak: %1").arg(control::stateLabel(s));
    if (s == state::onBreak) {
        if (status.value(key::breakRoutine).isString())
            lines << QStringLiteral("Routine: %1").arg(status.value(key::breakRoutine).toString());
        if (status.value(key::breakSecondsLeft).isDouble())
            lines << QStringLiteral("%1 left").arg(
                minutes(integer(status, key::breakSecondsLeft), true));
    } else if (s != state::away) {
        lines << QStringLiteral("Sitting for %1%2")
                     .arg(minutes(integer(status, key::sittingSeconds)),
                          status.value(key::overload).toBool() ? QStringLiteral(", past overload")
                                                               : QString());
        const QDateTime next = timeOf(status, key::nextBreakAt);
        const QString held = heldText(status);
        if (s == state::due && !held.isEmpty())
            lines << QStringLiteral("A break is due; the reminder waits: %1").arg(held);
        else if (s == state::due && status.value(key::waitingForPause).toBool())
            lines << QStringLiteral("A break is due; the reminder waits for a pause in typing");
        else if (s == state::due)
            lines << QStringLiteral("A break is due now");
        else if (next.isValid())
            lines << QStringLiteral("Next break at %1%2")
                         .arg(clockTime(next, now), status.value(key::snoozed).toBool()
                                                        ? QStringLiteral(" (snoozed)")
                                                        : QString());
        const QDateTime until = timeOf(status, key::pausedUntil);
        if (until.isValid())
            lines << QStringLiteral("Paused until %1").arg(clockTime(until, now));
    }
    const int done = status.value(key::breaksToday).toInt();
    const int early = status.value(key::breaksEndedEarlyToday).toInt();
    lines << QStringLiteral("Breaks today: %1%2")
                 .arg(done)
                 .arg(early > 0 ? QStringLiteral(" (and %1 ended early)").arg(early) : QString());
    return lines.join(u'\n');
}

QJsonObject waybar(const QJsonObject& status, const QDateTime& now)
{
    const QString s = status.value(key::state).toString();
    QJsonArray classes{s};
    if (status.value(key::overload).toBool())
        classes.append(QStringLiteral("overload"));
    if (status.value(key::snoozed).toBool())
        classes.append(QStringLiteral("snoozed"));
    if (status.value(key::heldBy).isString())
        classes.append(QStringLiteral("held"));
    qint64 percentage = 0;
    const qint64 interval = integer(status, key::intervalSeconds);
    if (s == state::onBreak) {
        const qint64 total = integer(status, key::breakSeconds);
        if (total > 0)
            percentage = (total - integer(status, key::breakSecondsLeft)) * 100 / total;
    } else if (s == state::due) {
        percentage = 100;
    } else if (s != state::away && interval > 0) {
        percentage = integer(status, key::sittingSeconds) * 100 / interval;
    }
    return {{QStringLiteral("text"), line(status, now)},
            {QStringLiteral("tooltip"), tooltip(status, now)},
            {QStringLiteral("class"), classes},
            {QStringLiteral("alt"), s},
            {QStringLiteral("percentage"), std::clamp<qint64>(percentage, 0, 100)}};
}

QString describe(const QJsonObject& s, const QDateTime& now)
{
    using std::chrono::seconds;
    const QString state = s.value(key::state).toString();
    QString text = QStringLiteral("state:         %1\n").arg(control::stateLabel(state));
    if (s.value(key::breakRoutine).isString())
        text += QStringLiteral("routine:       %1\n").arg(s.value(key::breakRoutine).toString());
    if (s.value(key::breakSecondsLeft).isDouble())
        text += QStringLiteral("break left:    %1 of %2\n")
                    .arg(core::formatDuration(seconds(integer(s, key::breakSecondsLeft))),
                         core::formatDuration(seconds(integer(s, key::breakSeconds))));
    text += QStringLiteral("sitting:       %1%2\n")
                .arg(core::formatDuration(seconds(integer(s, key::sittingSeconds))),
                     s.value(key::overload).toBool() ? QStringLiteral(" (overload)") : QString());
    if (state == state::due) {
        text += QStringLiteral("next break:    due now\n");
        if (const QString held = heldText(s); !held.isEmpty())
            text +=
                QStringLiteral("held:          %1 (since %2; the reminder comes when it ends)\n")
                    .arg(held, clockTime(timeOf(s, key::heldSince), now));
        else if (s.value(key::waitingForPause).toBool())
            text += QStringLiteral("held:          waiting for a pause in typing\n");
    } else if (state != state::onBreak) {
        const QDateTime next = timeOf(s, key::nextBreakAt);
        text += QStringLiteral("next break:    in %1%2%3\n")
                    .arg(core::formatDuration(seconds(integer(s, key::secondsToNextBreak))),
                         next.isValid() ? QStringLiteral(" (at %1)").arg(clockTime(next, now))
                                        : QString(),
                         state == state::away             ? QStringLiteral(" of sitting")
                         : s.value(key::snoozed).toBool() ? QStringLiteral(", snoozed")
                                                          : QString());
    }
    const int early = s.value(key::breaksEndedEarlyToday).toInt();
    text += QStringLiteral("breaks today:  %1%2\n")
                .arg(s.value(key::breaksToday).toInt())
                .arg(early > 0 ? QStringLiteral(" (and %1 ended early)").arg(early) : QString());
    const int left = s.value(key::snoozesLeft).toInt();
    text += QStringLiteral("snoozes left:  %1\n")
                .arg(left < 0 ? QStringLiteral("unlimited") : QString::number(left));
    if (!s.value(key::pausedUntil).isNull())
        text +=
            QStringLiteral("paused until:  %1\n").arg(clockTime(timeOf(s, key::pausedUntil), now));
    text +=
        QStringLiteral("idle input:    %1\nnotifications: %2\ntray:          %3\n")
            .arg(s.value(key::idleBackend).toString(), s.value(key::notificationBackend).toString(),
                 s.value(key::trayAvailable).toBool() ? QStringLiteral("shown")
                                                      : QStringLiteral("no tray on this desktop"));
    return text;
}

QString render(const QString& format, const QJsonObject& status, const QDateTime& now)
{
    if (format == u"waybar")
        return QString::fromUtf8(QJsonDocument(waybar(status, now)).toJson(QJsonDocument::Compact));
    if (format == u"json") {
        QJsonObject plain = status;
        plain.remove(control::field::ok);
        return QString::fromUtf8(QJsonDocument(plain).toJson(QJsonDocument::Compact));
    }
    return line(status, now);
}

std::optional<QString> stopped(const QString& format)
{
    if (format == u"json")
        return std::nullopt;
    if (format == u"waybar")
        return QString::fromUtf8(
            QJsonDocument(
                QJsonObject{{QStringLiteral("text"), QString()},
                            {QStringLiteral("tooltip"), QStringLiteral("deskbreak is not running")},
                            {QStringLiteral("class"), QJsonArray{"stopped"}},
                            {QStringLiteral("alt"), QStringLiteral("stopped")},
                            {QStringLiteral("percentage"), 0}})
                .toJson(QJsonDocument::Compact));
    return QString();
}

} // namespace deskbreak::app::statusformat
