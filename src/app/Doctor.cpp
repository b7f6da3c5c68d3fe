#include "app/Doctor.h"

#include "app/AppPaths.h"
#include "app/ExitCode.h"
#include "platform/PlatformFactory.h"
#include "ui/TrayIcon.h"

#include <QDir>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

namespace deskbreak::app {

namespace {

const QString kTurnOffGnomeBreaks = QStringLiteral(
    "turn GNOME's off in Settings, Wellbeing (Movement Breaks), or keep them and quit "
    "deskbreak; deskbreak never changes your GNOME settings");

QList<platform::BackendReport> examine(const platform::Session& session)
{
    QList<platform::BackendReport> reports;

    platform::BackendReport idle;
    platform::createIdleSource(session, &idle);
    reports.append(idle);

    QString sessionLog;
    QString whyNone;
    const auto monitor = platform::createSessionMonitor(&sessionLog, &whyNone);
    platform::BackendReport lock;
    platform::BackendReport sleep;
    platform::describeSessionMonitor(monitor.get(), whyNone, &lock, &sleep);
    reports.append(lock);
    reports.append(sleep);

    reports.append(platform::describeTray(session, ui::TrayIcon::hostAvailable()));

    platform::BackendReport notifications;
    if (auto notifier = platform::createNativeNotifier(&notifications)) {
        notifications.chosen = notifier->name();
        notifications.detail = QStringLiteral("with buttons");
    } else {
        notifications.chosen = QStringLiteral("window");
        notifications.detail = QStringLiteral("deskbreak's own reminder window");
        notifications.hint = QStringLiteral("no notification server with buttons; reminders come "
                                            "in deskbreak's own window instead");
    }
    reports.append(notifications);

    const auto autostart = platform::createAutostart(paths::configHome(), QDir::homePath());
    platform::BackendReport start;
    start.capability = QStringLiteral("autostart");
    start.chosen = autostart->name();
    start.detail = QStringLiteral("%1 (%2)").arg(autostart->isEnabled() ? QStringLiteral("on")
                                                                        : QStringLiteral("off"),
                                                 autostart->location());
    if (!autostart->isEnabled())
        start.hint = QStringLiteral("`deskbreak autostart on` starts deskbreak when you log in");
    reports.append(start);

    platform::BackendReport others;
    others.capability = QStringLiteral("other breaks");
    QString why;
    const auto gnomeOn = platform::desktopBreakRemindersOn(&why);
    if (gnomeOn.value_or(false)) {
        others.chosen = QStringLiteral("gnome");
        others.detail = QStringLiteral("GNOME's movement break reminders are on: you get two");
        others.hint = kTurnOffGnomeBreaks;
    } else {
        others.rejected.append({QStringLiteral("gnome"), gnomeOn ? QStringLiteral("off") : why});
    }
    reports.append(others);
    return reports;
}

QString text(const platform::Session& session, const QList<platform::BackendReport>& reports)
{
    QString t =
        QStringLiteral("session        %1 (%2)%3, Qt platform %4\n")
            .arg(session.typeName(), session.why,
                 session.desktop.isEmpty() ? QString()
                                           : QStringLiteral(", desktop %1").arg(session.desktop),
                 QGuiApplication::platformName());
    for (const platform::BackendReport& r : reports) {
        QString line = QStringLiteral("%1 %2 %3%4")
                           .arg(r.capability, -14)
                           .arg(r.available() ? QStringLiteral("ok  ") : QStringLiteral("none"))
                           .arg(r.available() ? r.chosen : QString())
                           .arg(r.detail.isEmpty() ? QString()
                                : r.available()    ? QStringLiteral(", ") + r.detail
                                                   : QStringLiteral("(%1)").arg(r.detail));
        while (line.endsWith(u' '))
            line.chop(1);
        t += line + u'\n';
        for (const auto& x : r.rejected)
            t += QStringLiteral("%1 not %2: %3\n").arg(QString(), 19).arg(x.backend, x.reason);
        if (!r.hint.isEmpty())
            t += QStringLiteral("%1 hint: %2\n").arg(QString(), 19).arg(r.hint);
    }
    return t;
}

} // namespace

int doctorCommand(bool json, QTextStream& out)
{
    // The report says what the probes found; their own messages would only repeat it on
    // stderr. QT_LOGGING_RULES still turns them back on.
    QLoggingCategory::setFilterRules(QStringLiteral("deskbreak.*=false"));
    const platform::Session session = platform::detectSession();
    const QList<platform::BackendReport> reports = examine(session);
    if (!json) {
        out << text(session, reports);
        return ExitCode::Ok;
    }
    QJsonArray capabilities;
    for (const platform::BackendReport& r : reports)
        capabilities.append(r.toJson());
    const QJsonObject o{
        {QStringLiteral("session"),
         QJsonObject{{QStringLiteral("type"), session.typeName()},
                     {QStringLiteral("why"), session.why},
                     {QStringLiteral("desktop"), session.desktop},
                     {QStringLiteral("qt_platform"), QGuiApplication::platformName()}}},
        {QStringLiteral("capabilities"), capabilities},
    };
    out << QJsonDocument(o).toJson(QJsonDocument::Indented);
    return ExitCode::Ok;
}

} // namespace deskbreak::app
