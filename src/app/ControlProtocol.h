#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace deskbreak::app {

// The control socket speaks one JSON object per line each way: a request
// {"command": "...", ...} and a reply {"ok": true, ...} or {"ok": false, "error": "..."}.
namespace control {

constexpr qsizetype kMaxMessage = 4096; // bytes, newline included
// Longest activation token passed on (xdg-activation tokens and startup ids are far shorter).
constexpr qsizetype kMaxActivationToken = 256;

QString socketPath();
QByteArray encode(const QJsonObject& message);
// nullopt-like: an empty object and `error` set when the line is not one JSON object.
QJsonObject decode(const QByteArray& line, QString* error);

QJsonObject reply(const QJsonObject& fields = {});
QJsonObject failure(const QString& error);

// The "show" request of a second launch, with the activation token its launcher gave it
// (none when empty), so that the compositor lets the daemon's window take the focus.
QJsonObject showRequest(const QString& activationToken);
// A request's "activation_token" when it looks like one (1 to kMaxActivationToken
// printable ASCII characters), else empty: it comes from outside, and goes to the compositor.
QString activationToken(const QJsonObject& request);

} // namespace control
} // namespace deskbreak::app
