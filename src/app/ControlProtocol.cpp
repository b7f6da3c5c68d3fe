#include "app/ControlProtocol.h"

#include "app/AppPaths.h"
#include "core/Duration.h"
#include "core/Limits.h"

#include <QJsonDocument>
#include <cmath>

namespace deskbreak::app::control {

QString socketPath()
{
    return paths::runtimeDir() + QStringLiteral("/deskbreak.socket");
}

QByteArray encode(const QJsonObject& message)
{
    return QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n';
}

QJsonObject decode(const QByteArray& line, QString* error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("not a JSON object");
        return {};
    }
    return doc.object();
}

namespace {

// A whole number of seconds in [1, max]; checked as a double, as JSON numbers are.
bool checkSeconds(const QJsonValue& v, const QString& command, std::chrono::seconds max,
                  QString* error)
{
    const double d = v.isDouble() ? v.toDouble() : 0;
    if (v.isDouble() && d >= 1 && d <= double(max.count()) && d == std::floor(d))
        return true;
    *error = QStringLiteral("%1: \"seconds\" must be a whole number from 1 to %2 (%3)")
                 .arg(command)
                 .arg(max.count())
                 .arg(core::formatDuration(max));
    return false;
}

} // namespace

bool validateRequest(const QJsonObject& request, QString* error)
{
    const QJsonValue command = request.value(QStringLiteral("command"));
    if (!command.isString()) {
        *error = QStringLiteral("a request needs a \"command\" string");
        return false;
    }
    const QJsonValue seconds = request.value(QStringLiteral("seconds"));
    if (command.toString() == u"snooze")
        return seconds.isUndefined() ||
               checkSeconds(seconds, command.toString(), core::limits::kMaxSnooze, error);
    if (command.toString() == u"pause") {
        const QJsonValue untilTomorrow = request.value(QStringLiteral("until_tomorrow"));
        if (!untilTomorrow.isUndefined() && !untilTomorrow.isBool()) {
            *error = QStringLiteral("pause: \"until_tomorrow\" must be true or false");
            return false;
        }
        if (untilTomorrow.toBool()) {
            if (seconds.isUndefined())
                return true;
            *error = QStringLiteral("pause: give \"seconds\" or \"until_tomorrow\", not both");
            return false;
        }
        if (seconds.isUndefined()) {
            *error = QStringLiteral("pause needs \"seconds\" or \"until_tomorrow\"");
            return false;
        }
        return checkSeconds(seconds, command.toString(), core::limits::kMaxPause, error);
    }
    return true;
}

QJsonObject reply(const QJsonObject& fields)
{
    QJsonObject o = fields;
    o.insert(QStringLiteral("ok"), true);
    return o;
}

QJsonObject failure(const QString& error)
{
    return {{QStringLiteral("ok"), false}, {QStringLiteral("error"), error}};
}

} // namespace deskbreak::app::control
