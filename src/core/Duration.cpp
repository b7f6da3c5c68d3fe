#include "core/Duration.h"

#include <algorithm>

namespace deskbreak::core {

DurationParse parseDuration(const QString& text)
{
    const QString s = text.trimmed().toLower();
    if (s.isEmpty())
        return {std::nullopt,
                QStringLiteral("empty duration; write e.g. \"45s\", \"10m\" or \"1h30m\"")};

    bool anyUnit = false;
    qint64 total = 0;
    qsizetype i = 0;
    QString seenUnits;
    while (i < s.size()) {
        if (s[i].isSpace()) {
            ++i;
            continue;
        }
        if (s[i] == u'-')
            return {std::nullopt, QStringLiteral("a duration cannot be negative")};
        const qsizetype start = i;
        while (i < s.size() && s[i].isDigit())
            ++i;
        if (i == start)
            return {
                std::nullopt,
                QStringLiteral("\"%1\" is not a duration; write e.g. \"45s\", \"10m\" or \"1h30m\"")
                    .arg(text)};
        if (i - start > 9)
            return {std::nullopt, QStringLiteral("\"%1\" is too large").arg(text)};
        const qint64 number = s.mid(start, i - start).toLongLong();
        if (i >= s.size() || s[i].isSpace()) {
            if (!anyUnit && i >= s.size())
                return {std::nullopt,
                        QStringLiteral("\"%1\" has no unit; add one, e.g. \"%1m\" or \"%1s\"")
                            .arg(text.trimmed())};
            return {std::nullopt,
                    QStringLiteral("\"%1\": every number needs a unit (h, m or s)").arg(text)};
        }
        const QChar unit = s[i++];
        qint64 factor = 0;
        switch (unit.unicode()) {
        case u'h':
            factor = 3600;
            break;
        case u'm':
            factor = 60;
            break;
        case u's':
            factor = 1;
            break;
        default:
            return {std::nullopt,
                    QStringLiteral("\"%1\": unknown unit '%2'; use h, m or s").arg(text, unit)};
        }
        if (seenUnits.contains(unit))
            return {std::nullopt, QStringLiteral("\"%1\": unit '%2' given twice").arg(text, unit)};
        seenUnits.append(unit);
        total += number * factor;
        anyUnit = true;
    }
    if (total > qint64(366) * 24 * 3600)
        return {std::nullopt, QStringLiteral("\"%1\" is longer than a year").arg(text)};
    return {std::chrono::seconds(total), {}};
}

QString formatDuration(std::chrono::seconds d)
{
    const QString sign = d.count() < 0 ? QStringLiteral("-") : QString();
    // The magnitude unsigned: negating the smallest qint64 would overflow.
    const quint64 s = d.count() < 0 ? 0 - quint64(d.count()) : quint64(d.count());
    const quint64 h = s / 3600, m = (s % 3600) / 60, sec = s % 60;
    if (h > 0)
        return sign + QStringLiteral("%1h %2m").arg(h).arg(m, 2, 10, QLatin1Char('0'));
    if (m > 0)
        return sign + (sec ? QStringLiteral("%1m %2s").arg(m).arg(sec, 2, 10, QLatin1Char('0'))
                           : QStringLiteral("%1m").arg(m));
    return sign + QStringLiteral("%1s").arg(sec);
}

QString formatConfigDuration(std::chrono::seconds d)
{
    const qint64 s = d.count();
    QString out;
    if (s / 3600)
        out += QStringLiteral("%1h").arg(s / 3600);
    if ((s % 3600) / 60)
        out += QStringLiteral("%1m").arg((s % 3600) / 60);
    if (s % 60 || out.isEmpty())
        out += QStringLiteral("%1s").arg(s % 60);
    return out;
}

QString formatLength(std::chrono::seconds d, bool words)
{
    const qint64 s = std::max<qint64>(0, d.count());
    if (s < 60)
        return words ? QStringLiteral("%1 second%2").arg(s).arg(s == 1 ? "" : "s")
                     : QStringLiteral("%1 s").arg(s);
    const qint64 m = (s + 30) / 60;
    return words ? QStringLiteral("%1 minute%2").arg(m).arg(m == 1 ? "" : "s")
                 : QStringLiteral("%1 min").arg(m);
}

} // namespace deskbreak::core
