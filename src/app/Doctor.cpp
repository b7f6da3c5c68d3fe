#include "app/Doctor.h"

#include "app/AppPaths.h"
#include "app/ExitCode.h"
#include "app/HistoryRecorder.h"
#include "app/SqliteHistoryStore.h"
#include "platform/PlatformFactory.h"
#include "ui/TrayIcon.h"

#include <QDir>
#include <QFileInfo>
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

// Whether the daemon can write the history now, and whether events wait in its journal.
platform::BackendReport examineHistory()
{
    platform::BackendReport r;
    r.capability = QStringLiteral("history");
    const QString path = paths::dataDir() + QStringLiteral("/history.sqlite");
    const HistoryJournal journal(HistoryRecorder::journalPathFor(path));
    const qsizetype waiting = journal.read().size();
    const QString waitingNote =
        waiting > 0 ? QStringLiteral("; %1 event(s) wait in %2").arg(waiting).arg(journal.path())
                    : QString();
    if (!QFileInfo::exists(path)) {
        r.chosen = QStringLiteral("sqlite");
        r.detail = QStringLiteral("no history yet; deskbreak creates %1 when it starts").arg(path) +
                   waitingNote;
        return r;
    }
    QString error;
    int code = 0;
    if (SqliteHistoryStore::probeWritable(path, 500, &error, &code)) {
        r.chosen = QStringLiteral("sqlite");
        r.detail = QStringLiteral("%1, writable").arg(path) + waitingNote;
        if (waiting > 0)
            r.hint = QStringLiteral("the running daemon writes them into the history by itself, "
                                    "or the next start does");
        return r;
    }
    const QString reason = SqliteHistoryStore::explain(code, error);
    r.detail =
        QStringLiteral("%1 cannot be written: %2 (%3)").arg(path, reason, error) + waitingNote;
    r.hint = QStringLiteral("nothing is lost: the daemon keeps events in its journal and writes "
                            "them once it can; it keeps trying by itself");
    return r;
}

// A cue capability ("sound" or "voice") from what the cue player found when it tried.
platform::BackendReport cueReport(const QString& capability, const QString& backend,
                                  const QString& works, const QString& problem, const QString& hint)
{
    platform::BackendReport r;
    r.capability = capability;
    if (!works.isEmpty()) {
        r.chosen = backend;
        r.detail = works;
        return r;
    }
    r.rejected.append({backend, problem});
    r.detail = QStringLiteral("breaks go on without it");
    r.hint = hint;
    return r;
}

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

    // [moment]: what can hold a reminder here, each detector asked once, as when a break is due.
    QList<platform::BackendReport> holdReports;
    const auto detectors = platform::createHoldDetectors(session, &holdReports);
    for (platform::BackendReport& r : holdReports) {
        QStringList now;
        for (const auto& d : detectors) {
            if (r.capability != QStringLiteral("hold: ") + core::holdReasonName(d->reason()))
                continue;
            d->setWatching(true);
            now << QStringLiteral("%1 %2").arg(d->name(), d->active() ? QStringLiteral("holds now")
                                                                      : QStringLiteral("clear"));
            d->setWatching(false);
        }
        if (!now.isEmpty())
            r.detail += QStringLiteral(" (%1)").arg(now.join(QStringLiteral(", ")));
        reports.append(r);
    }
    reports.append(examineHistory());

    // The break's chimes and voice, tried here as a break would ([break] sound, voice).
    const auto cues =
        platform::createCuePlayer(QDir(paths::contentDir()).filePath(QStringLiteral("sounds")));
    const platform::CuePlayer::Health health = cues->health();
    reports.append(cueReport(QStringLiteral("sound"), QStringLiteral("canberra"), health.sound,
                             health.soundProblem, health.soundHint));
    reports.append(cueReport(QStringLiteral("voice"), QStringLiteral("flite"), health.voice,
                             health.voiceProblem, health.voiceHint));
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
