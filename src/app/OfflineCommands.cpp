#include "app/OfflineCommands.h"

#include "app/AppPaths.h"
#include "app/ExitCode.h"
#include "app/HistoryRecorder.h"
#include "app/SqliteHistoryStore.h"
#include "core/ConfigParser.h"
#include "core/ContentLoader.h"
#include "core/DailyStats.h"
#include "core/Duration.h"
#include "core/RoutinePlayer.h"
#include "platform/PlatformFactory.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace deskbreak::app {

using namespace deskbreak::core;

namespace {

void print(const Diagnostics& diagnostics, QTextStream& err)
{
    for (const Diagnostic& d : diagnostics)
        err << d.toString() << '\n';
}

// Loads the shipped and user content; problems go to `err`, and the content still loads.
Content loadAllContent(QTextStream& err)
{
    Diagnostics problems;
    Content content = loadContent(paths::contentDir(), paths::userRoutinesDir(), problems);
    print(problems, err);
    return content;
}

QString minutesSeconds(std::chrono::seconds s)
{
    return QStringLiteral("%1:%2").arg(s.count() / 60).arg(s.count() % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

int checkConfigCommand(const QString& file, QTextStream& out, QTextStream& err)
{
    const QString path = file.isEmpty() ? paths::configFile() : file;
    if (file.isEmpty() && !QFileInfo::exists(path)) {
        out << "No config file at " << path << "; deskbreak uses the defaults.\n";
        return ExitCode::Ok;
    }
    // The user's own routines are user-edited files too, so their problems are reported
    // here; the shipped ones' are not (they are the installation's, and logged by the daemon).
    Diagnostics contentProblems;
    const Content content =
        loadContent(paths::contentDir(), paths::userRoutinesDir(), contentProblems);
    Diagnostics userProblems;
    for (const Diagnostic& d : contentProblems)
        if (d.file.startsWith(paths::userRoutinesDir() + u'/'))
            userProblems.append(d);
    const bool contentOk = !hasErrors(userProblems);
    const QStringList routines = content.routines.keys();
    const ConfigResult result = loadConfigFile(path, &routines);
    print(result.diagnostics, err);
    print(userProblems, err);
    if (!result.ok() || !contentOk)
        return ExitCode::Failure;
    out << path << ": ok\n";
    return ExitCode::Ok;
}

int routinesCommand(bool json, QTextStream& out, QTextStream& err)
{
    const Content content = loadAllContent(err);
    if (json) {
        QJsonArray list;
        for (const Routine& r : content.routines)
            list.append(QJsonObject{
                {QStringLiteral("name"), r.name},
                {QStringLiteral("title"), r.title},
                {QStringLiteral("total_seconds"), qint64(content.totalDuration(r).count())},
                {QStringLiteral("user"), r.user}});
        out << QJsonDocument(list).toJson(QJsonDocument::Indented);
        return ExitCode::Ok;
    }
    for (const Routine& r : content.routines)
        out << QStringLiteral("%1  %2  %3%4\n")
                   .arg(r.name, -14)
                   .arg(minutesSeconds(content.totalDuration(r)), 6)
                   .arg(r.title, r.user ? QStringLiteral("  (yours)") : QString());
    return content.routines.isEmpty() ? ExitCode::Failure : ExitCode::Ok;
}

int routineShowCommand(const QString& name, bool json, QTextStream& out, QTextStream& err)
{
    const Content content = loadAllContent(err);
    const auto it = content.routines.constFind(name);
    if (it == content.routines.cend()) {
        err << "deskbreak: no routine named \"" << name << "\"; `deskbreak routines` lists them\n";
        return ExitCode::Failure;
    }
    const RoutinePlayer player(*it, content);
    using Kind = RoutinePlayer::Kind;
    QJsonArray segments;
    if (!json)
        out << it->title << " (" << minutesSeconds(content.totalDuration(*it)) << ")\n"
            << it->description << "\n\n";
    int number = 0;
    for (const RoutinePlayer::Segment& s : player.segments()) {
        const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(s.duration);
        const QString side = sideName(s.side);
        const bool exercise = s.kind == Kind::Exercise;
        const QStringList instructions = exercise ? s.exercise->steps : QStringList{s.text};
        if (json) {
            QJsonObject o{
                {QStringLiteral("kind"), exercise ? QStringLiteral("exercise")
                                         : s.kind == Kind::SwitchSides
                                             ? QStringLiteral("switch_sides")
                                             : QStringLiteral("get_ready")},
                {QStringLiteral("name"), s.title},
                {QStringLiteral("seconds"), qint64(seconds.count())},
                {QStringLiteral("instructions"), QJsonArray::fromStringList(instructions)}};
            if (exercise) {
                o.insert(QStringLiteral("exercise"), s.exercise->id);
                o.insert(QStringLiteral("illustration"), s.exercise->illustration);
                o.insert(QStringLiteral("tip"), s.exercise->tip);
            }
            if (!side.isEmpty())
                o.insert(QStringLiteral("side"), side);
            segments.append(o);
            continue;
        }
        out << QStringLiteral("%1. %2%3  %4s\n")
                   .arg(++number, 2)
                   .arg(s.title,
                        side.isEmpty() ? QString() : QStringLiteral(" (%1 side)").arg(side))
                   .arg(seconds.count());
        if (exercise)
            out << "    [" << s.exercise->id << "] " << s.exercise->illustration << '\n';
        for (const QString& line : instructions)
            out << "    - " << line << '\n';
    }
    if (json) {
        const QJsonObject o{
            {QStringLiteral("name"), it->name},
            {QStringLiteral("title"), it->title},
            {QStringLiteral("description"), it->description},
            {QStringLiteral("total_seconds"), qint64(content.totalDuration(*it).count())},
            {QStringLiteral("steps"), segments}};
        out << QJsonDocument(o).toJson(QJsonDocument::Indented);
    }
    return ExitCode::Ok;
}

int autostartCommand(const QString& action, QTextStream& out, QTextStream& err)
{
    const auto autostart = platform::createAutostart(paths::configHome(), QDir::homePath());
    if (action == u"status") {
        out << (autostart->isEnabled() ? "on" : "off") << " (" << autostart->location() << ")\n";
        return ExitCode::Ok;
    }
    QString error;
    if (!autostart->setEnabled(action == u"on", QCoreApplication::applicationFilePath(), &error)) {
        err << "deskbreak: " << error << '\n';
        return ExitCode::Failure;
    }
    out << "deskbreak " << (action == u"on" ? "will start" : "will no longer start")
        << " when you log in (" << autostart->location() << ")\n";
    return ExitCode::Ok;
}

int statsCommand(int days, StatsFormat format, const QDate& today, QTextStream& out,
                 QTextStream& err)
{
    // Overload is measured against the user's own overload_after (the default if the file is
    // broken).
    const auto overloadAfter = loadConfigFile(paths::configFile()).settings.schedule.overloadAfter;
    const QString path = paths::dataDir() + QStringLiteral("/history.sqlite");
    SqliteHistoryStore store(path, SqliteHistoryStore::Mode::ReadOnly);
    // What the daemon could not write into the history yet counts too.
    const HistoryJournal journal(HistoryRecorder::journalPathFor(path));
    const QList<HistoryEntry> waiting = journal.read();
    QString error;
    QList<HistoryEvent> events;
    const QDateTime from(today.addDays(-days), QTime(0, 0));
    const QDateTime to(today.addDays(1), QTime(0, 0));
    const bool opened = store.open(&error);
    if ((opened && !store.readEvents(from, to, &events, &error)) ||
        (!opened && QFileInfo::exists(path))) {
        err << "deskbreak: cannot read the history " << path << ": " << error << '\n';
        return ExitCode::Failure;
    }
    if (!opened && waiting.isEmpty())
        err << "deskbreak: no history yet; it fills in while deskbreak runs\n";
    int counted = 0;
    for (const HistoryEntry& entry : waiting) {
        if (entry.event.at < from || entry.event.at >= to || (opened && store.contains(entry.id)))
            continue;
        events.append(entry.event);
        ++counted;
    }
    if (!waiting.isEmpty()) {
        std::stable_sort(events.begin(), events.end(),
                         [](const HistoryEvent& a, const HistoryEvent& b) { return a.at < b.at; });
        err << "deskbreak: " << waiting.size() << " event(s) wait in " << journal.path()
            << " to be written into the history (the daemon does it when it can); " << counted
            << " of them are counted here\n";
    }
    const QList<DayStats> stats = dailyStats(events, today.addDays(1 - days), today, overloadAfter);

    const auto s = [](std::chrono::seconds d) { return qint64(d.count()); };
    if (format == StatsFormat::Json) {
        QJsonArray list;
        for (const DayStats& d : stats)
            list.append(
                QJsonObject{{QStringLiteral("date"), d.date.toString(Qt::ISODate)},
                            {QStringLiteral("sitting_seconds"), s(d.sitting)},
                            {QStringLiteral("longest_sitting_seconds"), s(d.longestSitting)},
                            {QStringLiteral("overload_seconds"), s(d.overload)},
                            {QStringLiteral("reminders"), d.reminders},
                            {QStringLiteral("breaks_completed"), d.breaksCompleted},
                            {QStringLiteral("breaks_ended_early"), d.breaksEndedEarly},
                            {QStringLiteral("snoozed"), d.snoozed},
                            {QStringLiteral("skipped"), d.skipped},
                            {QStringLiteral("natural_breaks"), d.naturalBreaks},
                            {QStringLiteral("natural_break_seconds"), s(d.naturalBreakTime)}});
        out << QJsonDocument(list).toJson(QJsonDocument::Indented);
    } else if (format == StatsFormat::Csv) {
        out << "date,sitting_seconds,longest_sitting_seconds,overload_seconds,reminders,breaks_"
               "completed,"
               "breaks_ended_early,snoozed,skipped,natural_breaks,natural_break_seconds\n";
        for (const DayStats& d : stats)
            out << d.date.toString(Qt::ISODate) << ',' << s(d.sitting) << ',' << s(d.longestSitting)
                << ',' << s(d.overload) << ',' << d.reminders << ',' << d.breaksCompleted << ','
                << d.breaksEndedEarly << ',' << d.snoozed << ',' << d.skipped << ','
                << d.naturalBreaks << ',' << s(d.naturalBreakTime) << '\n';
    } else {
        out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8\n")
                   .arg(QStringLiteral("day"), -10)
                   .arg(QStringLiteral("sitting"), 8)
                   .arg(QStringLiteral("longest"), 8)
                   .arg(QStringLiteral("overload"), 8)
                   .arg(QStringLiteral("breaks"), 6)
                   .arg(QStringLiteral("snoozed"), 7)
                   .arg(QStringLiteral("skipped"), 7)
                   .arg(QStringLiteral("natural"), 7);
        for (const DayStats& d : stats)
            out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8\n")
                       .arg(d.date.toString(Qt::ISODate), -10)
                       .arg(formatDuration(d.sitting), 8)
                       .arg(formatDuration(d.longestSitting), 8)
                       .arg(formatDuration(d.overload), 8)
                       .arg(d.breaksEndedEarly ? QStringLiteral("%1+%2")
                                                     .arg(d.breaksCompleted)
                                                     .arg(d.breaksEndedEarly)
                                               : QString::number(d.breaksCompleted),
                            6)
                       .arg(d.snoozed, 7)
                       .arg(d.skipped, 7)
                       .arg(d.naturalBreaks, 7);
    }
    return ExitCode::Ok;
}

} // namespace deskbreak::app
