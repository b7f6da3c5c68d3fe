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
#include "core/SidedText.h"
#include "platform/PlatformFactory.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
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

// "30 s", "10 reps" or "10 reps of 6 s": the sources' hold and repeats, per side.
QString doseText(const Exercise& e)
{
    if (e.reps <= 0)
        return QStringLiteral("%1 s").arg(e.holdSeconds);
    const QString reps =
        e.reps == 1 ? QStringLiteral("1 rep") : QStringLiteral("%1 reps").arg(e.reps);
    return e.holdSeconds > 0 ? QStringLiteral("%1 of %2 s").arg(reps).arg(e.holdSeconds) : reps;
}

QString minutesSeconds(std::chrono::seconds s)
{
    return QStringLiteral("%1:%2").arg(s.count() / 60).arg(s.count() % 60, 2, 10, QLatin1Char('0'));
}

// The columns of the stats table: a two-line header (what, then which of it) over the
// values, right-aligned, the date column left-aligned.
struct Column {
    const char* top;
    const char* bottom;
    int width;
};
constexpr Column kStatsColumns[] = {
    {"sitting", "total", 7}, {"longest", "stretch", 7}, {"past", "overload", 8},
    {"breaks", "done", 6},   {"ended", "early", 5},     {"", "snoozed", 7},
    {"", "skipped", 7},      {"natural", "breaks", 7},  {"held for", "calls", 8},
};

void printStatsTable(const QList<DayStats>& stats, const std::optional<HistoryEvent>& inProgress,
                     QTextStream& out)
{
    QStringList top, bottom;
    for (const Column& c : kStatsColumns) {
        top << QString::fromLatin1(c.top);
        bottom << QString::fromLatin1(c.bottom);
    }
    const auto row = [&out](const QString& first, const QStringList& cells) {
        QString line = first.leftJustified(10);
        for (int i = 0; i < cells.size(); ++i)
            line += QStringLiteral("  ") + cells[i].rightJustified(kStatsColumns[i].width);
        while (line.endsWith(u' '))
            line.chop(1);
        out << line << '\n';
    };
    row(QString(), top);
    row(QStringLiteral("date"), bottom);
    for (const DayStats& d : stats)
        row(d.date.toString(Qt::ISODate),
            {formatDuration(d.sitting), formatDuration(d.longestSitting),
             formatDuration(d.overload), QString::number(d.breaksCompleted),
             QString::number(d.breaksEndedEarly), QString::number(d.snoozed),
             QString::number(d.skipped), QString::number(d.naturalBreaks),
             QString::number(d.heldForCalls)});
    const DayAverage a = averageOverDaysWithData(stats);
    if (stats.size() > 1 && a.days > 0) {
        const auto count = [](double v) { return QString::number(v, 'f', 1); };
        row(QStringLiteral("average"),
            {formatDuration(a.sitting), formatDuration(a.longestSitting),
             formatDuration(a.overload), count(a.breaksCompleted), count(a.breaksEndedEarly),
             count(a.snoozed), count(a.skipped), count(a.naturalBreaks), count(a.heldForCalls)});
        out << QStringLiteral("average over %1 with data (of the %2 shown)\n")
                   .arg(a.days == 1 ? QStringLiteral("1 day")
                                    : QStringLiteral("%1 days").arg(a.days))
                   .arg(stats.size());
    } else if (a.days == 0) {
        out << "nothing recorded in these days\n";
    }
    if (inProgress && !stats.isEmpty() && inProgress->at.toLocalTime().date() == stats.last().date)
        out << QStringLiteral("today includes the sitting going on now (%1 so far)\n")
                   .arg(formatDuration(
                       std::chrono::seconds(inProgress->start.secsTo(inProgress->at))));
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
        const QStringList instructions =
            exercise ? sidedText(s.exercise->steps, s.side) : QStringList{s.text};
        const QString picture = exercise ? s.exercise->illustration
                                : s.kind == Kind::GetReady
                                    ? it->steps.value(s.stepIndex).illustration
                                    : QString();
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
                o.insert(QStringLiteral("hold_seconds"), s.exercise->holdSeconds);
                o.insert(QStringLiteral("reps"), s.exercise->reps);
                o.insert(QStringLiteral("tip"), s.exercise->tip);
                o.insert(QStringLiteral("cautions"),
                         QJsonArray::fromStringList(s.exercise->cautions));
            }
            if (exercise || !picture.isEmpty())
                o.insert(QStringLiteral("illustration"), picture);
            if (!side.isEmpty())
                o.insert(QStringLiteral("side"), side);
            segments.append(o);
            continue;
        }
        out << QStringLiteral("%1. %2%3  %4s%5\n")
                   .arg(++number, 2)
                   .arg(s.title,
                        side.isEmpty() ? QString() : QStringLiteral(" (%1 side)").arg(side))
                   .arg(seconds.count())
                   .arg(exercise && s.exercise->reps > 0
                            ? QStringLiteral("  (%1)").arg(doseText(*s.exercise))
                            : QString());
        if (exercise)
            out << "    [" << s.exercise->id << "] " << picture << '\n';
        else if (!picture.isEmpty())
            out << "    [picture] " << picture << '\n';
        // The second side: the same steps with the sides named the other way round; the
        // tip and cautions were given with the first.
        const bool secondSide = exercise && s.side == RoutinePlayer::Side::Left;
        if (secondSide)
            out << "    Then the other side:\n";
        for (const QString& line : instructions)
            out << "    - " << line << '\n';
        if (exercise && !secondSide) {
            out << "    Tip: " << s.exercise->tip << '\n';
            if (!s.exercise->cautions.isEmpty())
                out << "    Take care:\n";
            for (const QString& caution : s.exercise->cautions)
                out << "      * " << caution << '\n';
        }
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

int exercisesCommand(bool json, QTextStream& out, QTextStream& err)
{
    const Content content = loadAllContent(err);
    // Which routines use each exercise, in the routines' name order.
    QMap<QString, QStringList> usedBy;
    for (const Routine& r : content.routines)
        for (const RoutineStep& step : r.steps)
            if (!step.exerciseId.isEmpty() && !usedBy[step.exerciseId].contains(r.name))
                usedBy[step.exerciseId].append(r.name);
    if (json) {
        QJsonArray list;
        for (const Exercise& e : content.exercises)
            list.append(QJsonObject{
                {QStringLiteral("id"), e.id},
                {QStringLiteral("name"), e.name},
                {QStringLiteral("region"), e.region},
                {QStringLiteral("position"), e.position},
                {QStringLiteral("sides"), e.sides},
                {QStringLiteral("hold_seconds"), e.holdSeconds},
                {QStringLiteral("reps"), e.reps},
                {QStringLiteral("steps"),
                 QJsonArray::fromStringList(sidedText(e.steps, RoutinePlayer::Side::None))},
                {QStringLiteral("tip"), e.tip},
                {QStringLiteral("cautions"), QJsonArray::fromStringList(e.cautions)},
                {QStringLiteral("illustration"), e.illustration},
                {QStringLiteral("source"), e.source},
                {QStringLiteral("routines"), QJsonArray::fromStringList(usedBy.value(e.id))}});
        out << QJsonDocument(list).toJson(QJsonDocument::Indented);
        return content.exercises.isEmpty() ? ExitCode::Failure : ExitCode::Ok;
    }
    const auto row = [&out](const QString& id, const QString& name, const QString& region,
                            const QString& position, const QString& sides, const QString& dose,
                            const QString& routines) {
        out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7")
                   .arg(id, -24)
                   .arg(name, -23)
                   .arg(region, -10)
                   .arg(position, -8)
                   .arg(sides, -5)
                   .arg(dose, -23)
                   .arg(routines)
                   .trimmed()
            << '\n';
    };
    row(QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("region"),
        QStringLiteral("position"), QStringLiteral("sides"), QStringLiteral("hold or reps"),
        QStringLiteral("routines"));
    for (const Exercise& e : content.exercises) {
        const QStringList routines = usedBy.value(e.id);
        row(e.id, e.name, e.region, e.position,
            e.sides ? QStringLiteral("yes") : QStringLiteral("no"),
            doseText(e) + (e.sides ? QStringLiteral(" per side") : QString()),
            routines.isEmpty() ? QStringLiteral("-") : routines.join(QStringLiteral(", ")));
    }
    return content.exercises.isEmpty() ? ExitCode::Failure : ExitCode::Ok;
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

int statsCommand(int days, StatsFormat format, const QDate& today,
                 const StretchQuery& askInProgress, QTextStream& out, QTextStream& err)
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
    // Not in the history until it ends: the daemon says what it counts now.
    const std::optional<HistoryEvent> inProgress = askInProgress ? askInProgress() : std::nullopt;
    if (inProgress)
        events.append(*inProgress);
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
                            {QStringLiteral("natural_break_seconds"), s(d.naturalBreakTime)},
                            {QStringLiteral("reminders_to_break"), d.remindersToBreak},
                            {QStringLiteral("reminders_snoozed"), d.remindersSnoozed},
                            {QStringLiteral("reminders_skipped"), d.remindersSkipped},
                            {QStringLiteral("held_for_calls"), d.heldForCalls},
                            {QStringLiteral("held_other"), d.heldOther},
                            {QStringLiteral("held_seconds"), s(d.heldTime)}});
        out << QJsonDocument(list).toJson(QJsonDocument::Indented);
    } else if (format == StatsFormat::Csv) {
        out << "date,sitting_seconds,longest_sitting_seconds,overload_seconds,reminders,"
               "breaks_completed,breaks_ended_early,snoozed,skipped,natural_breaks,"
               "natural_break_seconds,reminders_to_break,reminders_snoozed,reminders_skipped,"
               "held_for_calls,held_other,held_seconds\n";
        for (const DayStats& d : stats)
            out << d.date.toString(Qt::ISODate) << ',' << s(d.sitting) << ',' << s(d.longestSitting)
                << ',' << s(d.overload) << ',' << d.reminders << ',' << d.breaksCompleted << ','
                << d.breaksEndedEarly << ',' << d.snoozed << ',' << d.skipped << ','
                << d.naturalBreaks << ',' << s(d.naturalBreakTime) << ',' << d.remindersToBreak
                << ',' << d.remindersSnoozed << ',' << d.remindersSkipped << ',' << d.heldForCalls
                << ',' << d.heldOther << ',' << s(d.heldTime) << '\n';
    } else {
        printStatsTable(stats, inProgress, out);
    }
    return ExitCode::Ok;
}

} // namespace deskbreak::app
