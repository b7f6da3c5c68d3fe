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

QJsonObject reply(const QJsonObject& fields = {});
QJsonObject failure(const QString& error);

} // namespace control
} // namespace deskbreak::app
