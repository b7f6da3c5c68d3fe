#include "platform/BackendReport.h"

#include <QJsonArray>
#include <QStringList>

namespace deskbreak::platform {

QString BackendReport::logLine() const
{
    QStringList passedOver;
    for (const Rejected& r : rejected)
        passedOver.append(QStringLiteral("%1: %2").arg(r.backend, r.reason));
    QString line =
        QStringLiteral("%1: %2").arg(capability, available() ? chosen : QStringLiteral("none"));
    if (!detail.isEmpty())
        line += QStringLiteral(", ") + detail;
    if (!passedOver.isEmpty())
        line += (available() ? QStringLiteral(" (not %1)") : QStringLiteral(" (%1)"))
                    .arg(passedOver.join(QStringLiteral("; ")));
    return line;
}

QJsonObject BackendReport::toJson() const
{
    QJsonArray passedOver;
    for (const Rejected& r : rejected)
        passedOver.append(QJsonObject{{QStringLiteral("backend"), r.backend},
                                      {QStringLiteral("reason"), r.reason}});
    QJsonObject o{
        {QStringLiteral("capability"), capability},
        {QStringLiteral("available"), available()},
        {QStringLiteral("backend"), available() ? QJsonValue(chosen) : QJsonValue()},
        {QStringLiteral("rejected"), passedOver},
    };
    if (!detail.isEmpty())
        o.insert(QStringLiteral("detail"), detail);
    if (!hint.isEmpty())
        o.insert(QStringLiteral("hint"), hint);
    return o;
}

} // namespace deskbreak::platform
