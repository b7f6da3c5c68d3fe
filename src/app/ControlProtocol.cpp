#include "app/ControlProtocol.h"

#include "app/AppPaths.h"

#include <QJsonDocument>

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

QJsonObject showRequest(const QString& activationToken)
{
    QJsonObject request{{QStringLiteral("command"), QStringLiteral("show")}};
    if (!activationToken.isEmpty())
        request.insert(QStringLiteral("activation_token"), activationToken);
    return request;
}

QString activationToken(const QJsonObject& request)
{
    const QString token = request.value(QStringLiteral("activation_token")).toString();
    if (token.size() > kMaxActivationToken)
        return {};
    for (const QChar c : token)
        if (c.unicode() < 0x21 || c.unicode() > 0x7e)
            return {};
    return token;
}

} // namespace deskbreak::app::control
