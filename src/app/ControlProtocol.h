#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace deskbreak::app {

// The control socket speaks one JSON object per line each way: a request
// {"command": "...", ...} and a reply {"ok": true, ...} or {"ok": false, "error": "..."}.
namespace control {

constexpr qsizetype kMaxMessage = 4096; // bytes, newline included

QString socketPath();
QByteArray encode(const QJsonObject& message);
// nullopt-like: an empty object and `error` set when the line is not one JSON object.
QJsonObject decode(const QByteArray& line, QString* error);

// Checks what a request asks for before anything acts on it: "command" is a string;
// snooze's "seconds", if given, a whole number from 1 to core::limits::kMaxSnooze (a day);
// pause has either "until_tomorrow": true or "seconds" from 1 to kMaxPause (a week).
// False with the reason to send back.
bool validateRequest(const QJsonObject& request, QString* error);

QJsonObject reply(const QJsonObject& fields = {});
QJsonObject failure(const QString& error);

} // namespace control
} // namespace deskbreak::app
