#include "core/ContentLoader.h"

#include "core/SidedText.h"
#include "core/TomlSupport.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

namespace deskbreak::core {

namespace {

const QStringList kRegions = {QStringLiteral("neck"),      QStringLiteral("upper-back"),
                              QStringLiteral("mid-back"),  QStringLiteral("lower-back"),
                              QStringLiteral("full-back"), QStringLiteral("hips")};
const QStringList kPositions = {QStringLiteral("chair"), QStringLiteral("standing"),
                                QStringLiteral("wall"), QStringLiteral("floor")};
constexpr qint64 kMaxStepSeconds = 3600;
constexpr qint64 kMaxReps = 100;

bool validId(const QString& id)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    return re.match(id).hasMatch();
}

// Reads a required string that must also be one of `allowed`.
std::optional<QString> choice(TomlReader& r, const toml::table& t, std::string_view key,
                              const QStringList& allowed)
{
    auto v = r.string(t, key);
    if (v && !allowed.contains(*v)) {
        r.error(t.get(key)->source(), QStringLiteral("%1 \"%2\" is not one of: %3")
                                          .arg(QLatin1String(key.data(), qsizetype(key.size())), *v,
                                               allowed.join(QStringLiteral(", "))));
        return std::nullopt;
    }
    return v;
}

// Reports each {placeholder} in a string of `key` (a string or an array of strings) that
// cannot be filled in: an unknown name anywhere, a side name outside a sided exercise's steps.
void checkPlaceholders(TomlReader& r, const toml::table& t, std::string_view key, bool sidesAllowed)
{
    const toml::node* node = t.get(key);
    if (!node)
        return;
    auto check = [&](const toml::node& n) {
        const auto* value = n.as_string();
        if (!value)
            return;
        for (const QString& name : placeholdersIn(QString::fromStdString(value->get()))) {
            if (!isSidePlaceholder(name))
                r.error(n.source(), QStringLiteral("unknown placeholder {%1}; a sided exercise's "
                                                   "steps may use {side} and {other}")
                                        .arg(name));
            else if (!sidesAllowed)
                r.error(n.source(),
                        QStringLiteral("{%1} only works in the steps of an exercise with "
                                       "sides = true")
                            .arg(name));
        }
    };
    if (const auto* list = node->as_array())
        for (const toml::node& n : *list)
            check(n);
    else
        check(*node);
}

// A get-ready step's picture: a plain SVG file name in the shipped illustrations. A file
// that is not there is a note and no picture: the step still plays, as it does without one.
QString getReadyPicture(TomlReader& r, const toml::table& t, const QString& name,
                        const QString& illustrationsDir)
{
    const toml::source_region& at = t.get("illustration")->source();
    if (name.isEmpty())
        return {};
    if (name.contains(u'/') || name.startsWith(u'.') || !name.endsWith(QStringLiteral(".svg"))) {
        r.error(at, QStringLiteral("illustration \"%1\" must be a file name in illustrations/ "
                                   "ending in .svg")
                        .arg(name));
        return {};
    }
    QString path = QDir(illustrationsDir).filePath(name);
    if (illustrationsDir.isEmpty() || !QFileInfo(path).isFile()) {
        r.note(at, QStringLiteral("illustration \"%1\" does not exist in illustrations/; the "
                                  "step shows no picture")
                       .arg(name));
        return {};
    }
    return path;
}

} // namespace

void parseExercises(const QByteArray& text, const QString& path, const QString& dataDir,
                    Content& content, Diagnostics& out)
{
    TomlReader r(path, out);
    const auto doc = r.parse(text);
    if (!doc)
        return;
    r.rejectUnknown(*doc, {"exercise"}, QStringLiteral("the exercise file"));
    const auto* list = doc->get_as<toml::array>("exercise");
    if (!list || !list->is_array_of_tables()) {
        r.error(QStringLiteral("expected [[exercise]] tables"));
        return;
    }
    QSet<QString> ids;
    for (const toml::node& node : *list) {
        const toml::table& t = *node.as_table();
        const auto before = out.size();
        r.rejectUnknown(t,
                        {"id", "name", "region", "position", "sides", "hold_seconds", "reps",
                         "steps", "tip", "cautions", "illustration", "source"},
                        QStringLiteral("[[exercise]]"));
        Exercise e;
        e.id = r.string(t, "id").value_or(QString());
        e.name = r.string(t, "name").value_or(QString());
        e.region = choice(r, t, "region", kRegions).value_or(QString());
        e.position = choice(r, t, "position", kPositions).value_or(QString());
        e.sides = r.boolean(t, "sides").value_or(false);
        // Range-checked before narrowing to int, so a huge number cannot wrap into range.
        const qint64 hold = r.integer(t, "hold_seconds").value_or(0);
        const qint64 reps = r.integer(t, "reps").value_or(0);
        e.holdSeconds = int(std::clamp<qint64>(hold, -1, kMaxStepSeconds + 1));
        e.reps = int(std::clamp<qint64>(reps, -1, kMaxReps + 1));
        e.steps = r.stringList(t, "steps").value_or(QStringList());
        e.tip = r.string(t, "tip").value_or(QString());
        e.cautions = r.stringList(t, "cautions").value_or(QStringList());
        const QString picture = r.string(t, "illustration").value_or(QString());
        e.source = r.string(t, "source").value_or(QString());

        if (t.contains("id") && !validId(e.id))
            r.error(t.get("id")->source(),
                    QStringLiteral("id \"%1\" must be lower-case words joined by '-'").arg(e.id));
        if (ids.contains(e.id))
            r.error(t.get("id")->source(), QStringLiteral("id \"%1\" is used twice").arg(e.id));
        if (t.contains("steps") && (e.steps.size() < 2 || e.steps.size() > 5))
            r.error(
                t.get("steps")->source(),
                QStringLiteral("steps must list 2 to 5 instructions, not %1").arg(e.steps.size()));
        // Both above 0 is "hold N s, R times": R reps, each held N s.
        if ((e.holdSeconds <= 0 && e.reps <= 0) || e.holdSeconds < 0 || e.reps < 0)
            r.error(t.source(), QStringLiteral("exercise \"%1\" needs hold_seconds or reps "
                                               "above 0 (and neither below 0)")
                                    .arg(e.id));
        else if (e.holdSeconds > kMaxStepSeconds || e.reps > kMaxReps)
            r.error(t.source(), QStringLiteral("exercise \"%1\": hold_seconds must be at most %2 "
                                               "and reps at most %3")
                                    .arg(e.id)
                                    .arg(kMaxStepSeconds)
                                    .arg(kMaxReps));
        checkPlaceholders(r, t, "steps", e.sides);
        for (const std::string_view key : {"name", "tip", "cautions"})
            checkPlaceholders(r, t, key, false);
        const bool usable = out.size() == before;
        if (!picture.isEmpty()) {
            e.illustration = QDir(dataDir).filePath(QStringLiteral("illustrations/") + picture);
            // Reported, but the exercise stays: a break without a picture beats no break.
            if (!QFileInfo(e.illustration).isFile()) {
                r.error(t.get("illustration")->source(),
                        QStringLiteral("illustration \"%1\" does not exist in illustrations/")
                            .arg(picture));
                e.illustration.clear();
            }
        }
        if (usable) {
            ids.insert(e.id);
            content.exercises.append(e);
        }
    }
}

namespace {

void loadExercises(const QString& dataDir, Content& content, Diagnostics& out)
{
    const QString path = QDir(dataDir).filePath(QStringLiteral("exercises.toml"));
    if (const auto text = readTextFile(path, out))
        parseExercises(*text, path, dataDir, content, out);
}

void loadSafety(const QString& dataDir, Content& content, Diagnostics& out)
{
    const QString path = QDir(dataDir).filePath(QStringLiteral("safety.toml"));
    const auto text = readTextFile(path, out);
    if (!text)
        return;
    TomlReader r(path, out);
    const auto doc = r.parse(*text);
    if (!doc)
        return;
    r.rejectUnknown(*doc, {"rule", "red_flag"}, QStringLiteral("the safety file"));
    if (const auto* rules = doc->get_as<toml::array>("rule"))
        for (const toml::node& n : *rules)
            if (const auto* t = n.as_table())
                if (auto text = r.string(*t, "text"))
                    content.safety.rules.append(*text);
    if (const auto* flags = doc->get_as<toml::array>("red_flag"))
        for (const toml::node& n : *flags)
            if (const auto* t = n.as_table()) {
                auto title = r.string(*t, "title");
                auto text = r.string(*t, "text");
                if (title && text)
                    content.safety.redFlags.append({*title, *text});
            }
    if (content.safety.rules.isEmpty() || content.safety.redFlags.isEmpty())
        r.error(
            QStringLiteral("the safety guidance needs at least one [[rule]] and one [[red_flag]]"));
}

} // namespace

QStringList routineFiles(const QString& dir)
{
    QStringList files;
    if (dir.isEmpty())
        return files;
    const QDir d(dir);
    // System too: a FIFO or device named *.toml is reported as not a regular file, not skipped.
    for (const QString& name :
         d.entryList({QStringLiteral("*.toml")}, QDir::Files | QDir::System, QDir::Name))
        files.append(d.filePath(name));
    return files;
}

const Exercise* Content::exercise(const QString& id) const
{
    for (const Exercise& e : exercises)
        if (e.id == id)
            return &e;
    return nullptr;
}

std::chrono::seconds Content::totalDuration(const Routine& routine) const
{
    std::chrono::seconds total{};
    for (const RoutineStep& step : routine.steps) {
        const Exercise* e = step.exerciseId.isEmpty() ? nullptr : exercise(step.exerciseId);
        total += (e && e->sides) ? 2 * step.duration + routine.switchDuration : step.duration;
    }
    return total;
}

std::optional<Routine> loadRoutineFile(const QString& path, const Content& content,
                                       Diagnostics& out)
{
    const auto text = readTextFile(path, out);
    if (!text)
        return std::nullopt;
    return parseRoutine(*text, path, content, out);
}

std::optional<Routine> parseRoutine(const QByteArray& text, const QString& path,
                                    const Content& content, Diagnostics& out)
{
    const Diagnostics::size_type before = out.size();
    TomlReader r(path, out);
    const auto doc = r.parse(text);
    if (!doc)
        return std::nullopt;
    r.rejectUnknown(*doc, {"name", "title", "description", "switch_seconds", "step"},
                    QStringLiteral("a routine"));
    Routine routine;
    routine.file = path;
    routine.name = r.string(*doc, "name").value_or(QString());
    routine.title = r.string(*doc, "title").value_or(QString());
    routine.description = r.string(*doc, "description", false).value_or(QString());
    routine.switchDuration =
        std::chrono::seconds(r.integer(*doc, "switch_seconds", false).value_or(5));
    const QString stem = QFileInfo(path).completeBaseName();
    if (doc->contains("name") && routine.name != stem)
        r.error(
            doc->get("name")->source(),
            QStringLiteral("name \"%1\" must match the file name \"%2\"").arg(routine.name, stem));
    if (routine.switchDuration.count() < 0 || routine.switchDuration.count() > 60)
        r.error(doc->get("switch_seconds")->source(),
                QStringLiteral("switch_seconds must be 0 to 60"));

    const auto* steps = doc->get_as<toml::array>("step");
    if (!steps || steps->empty() || !steps->is_array_of_tables()) {
        r.error(QStringLiteral("a routine needs at least one [[step]]"));
        return std::nullopt;
    }
    for (const toml::node& node : *steps) {
        const toml::table& t = *node.as_table();
        r.rejectUnknown(t, {"exercise", "title", "text", "seconds", "illustration"},
                        QStringLiteral("[[step]]"));
        RoutineStep step;
        const Exercise* exercise = nullptr;
        if (t.contains("exercise")) {
            step.exerciseId = r.string(t, "exercise").value_or(QString());
            exercise = step.exerciseId.isEmpty() ? nullptr : content.exercise(step.exerciseId);
            if (!step.exerciseId.isEmpty() && !exercise)
                r.error(t.get("exercise")->source(),
                        QStringLiteral("unknown exercise \"%1\"").arg(step.exerciseId));
            if (t.contains("title") || t.contains("text") || t.contains("illustration"))
                r.error(t.source(),
                        QStringLiteral("an exercise step takes its title, text and picture from "
                                       "the exercise; remove title/text/illustration"));
        } else {
            step.title = r.string(t, "title").value_or(QString());
            step.text = r.string(t, "text").value_or(QString());
            checkPlaceholders(r, t, "title", false);
            checkPlaceholders(r, t, "text", false);
            if (const auto picture = r.string(t, "illustration", false))
                step.illustration = getReadyPicture(r, t, *picture, content.illustrationsDir);
        }
        const auto seconds = r.integer(t, "seconds");
        if (seconds && (*seconds < 1 || *seconds > kMaxStepSeconds))
            r.error(t.get("seconds")->source(),
                    QStringLiteral("seconds must be between 1 and %1").arg(kMaxStepSeconds));
        else if (seconds && exercise && exercise->reps > 0 && exercise->holdSeconds > 0 &&
                 *seconds < qint64(exercise->reps) * exercise->holdSeconds)
            // Both are bounded (100 reps, 3600 s), so the product cannot overflow.
            r.error(t.get("seconds")->source(),
                    QStringLiteral("seconds = %1 is too short for %2 reps of %3 s (\"%4\" needs "
                                   "at least %5%6)")
                        .arg(*seconds)
                        .arg(exercise->reps)
                        .arg(exercise->holdSeconds)
                        .arg(exercise->id)
                        .arg(qint64(exercise->reps) * exercise->holdSeconds)
                        .arg(exercise->sides ? QStringLiteral(" per side") : QString()));
        step.duration = std::chrono::seconds(seconds.value_or(0));
        routine.steps.append(step);
    }
    if (hasErrors(out.mid(before)))
        return std::nullopt;
    return routine;
}

Content loadContent(const QString& dataDir, const QString& userRoutinesDir, Diagnostics& out)
{
    Content content;
    content.illustrationsDir = QDir(dataDir).filePath(QStringLiteral("illustrations"));
    loadExercises(dataDir, content, out);
    loadSafety(dataDir, content, out);
    for (const QString& file : routineFiles(QDir(dataDir).filePath(QStringLiteral("routines"))))
        if (auto routine = loadRoutineFile(file, content, out))
            content.routines.insert(routine->name, *routine);
    for (const QString& file : routineFiles(userRoutinesDir))
        if (auto routine = loadRoutineFile(file, content, out)) {
            routine->user = true;
            content.routines.insert(routine->name, *routine);
        }
    return content;
}

} // namespace deskbreak::core
