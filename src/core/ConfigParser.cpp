#include "core/ConfigParser.h"

#include "core/ConfigSchema.h"
#include "core/Duration.h"
#include "core/TomlSupport.h"

#include <QRegularExpression>

namespace deskbreak::core {

using Type = ConfigKey::Type;

namespace {

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// Converts one node to the key's type; reports and returns nullopt when it does not fit.
std::optional<ConfigValue> convert(const ConfigKey& key, const toml::node& node, TomlReader& reader)
{
    const QString where = key.path();
    auto wrong = [&](const char* expected) {
        reader.error(node.source(), QStringLiteral("%1 must be %2, not %3")
                                        .arg(where, QLatin1String(expected), typeName(node)));
        return std::nullopt;
    };
    switch (key.type) {
    case Type::Duration: {
        if (node.is_integer() || node.is_floating_point()) {
            const QString number = node.is_integer()
                                       ? QString::number(node.as_integer()->get())
                                       : QString::number(node.as_floating_point()->get());
            reader.error(node.source(),
                         QStringLiteral("%1 = %2 has no unit; write it as a string with a unit, "
                                        "e.g. \"%2m\" or \"%2s\"")
                             .arg(where, number));
            return std::nullopt;
        }
        const auto* s = node.as_string();
        if (!s)
            return wrong("a duration string such as \"45s\", \"10m\" or \"1h30m\"");
        const DurationParse d = parseDuration(qs(s->get()));
        if (!d.value) {
            reader.error(node.source(), QStringLiteral("%1: %2").arg(where, d.error));
            return std::nullopt;
        }
        const qint64 secs = d.value->count();
        if (secs < key.min || secs > key.max) {
            reader.error(node.source(),
                         QStringLiteral("%1 = \"%2\" is out of range; it must be between %3 and %4")
                             .arg(where, qs(s->get()),
                                  formatConfigDuration(std::chrono::seconds(key.min)),
                                  formatConfigDuration(std::chrono::seconds(key.max))));
            return std::nullopt;
        }
        if (key.adviceMax > 0 && (secs < key.adviceMin || secs > key.adviceMax))
            reader.note(node.source(), QStringLiteral("%1 = \"%2\" is accepted, but %3")
                                           .arg(where, qs(s->get()), key.advice));
        return ConfigValue(*d.value);
    }
    case Type::Integer: {
        const auto* i = node.as_integer();
        if (!i)
            return wrong("a whole number");
        if (i->get() < key.min || i->get() > key.max) {
            reader.error(node.source(),
                         QStringLiteral("%1 = %2 is out of range; it must be between %3 and %4")
                             .arg(where)
                             .arg(i->get())
                             .arg(key.min)
                             .arg(key.max));
            return std::nullopt;
        }
        return ConfigValue(qint64(i->get()));
    }
    case Type::Boolean: {
        const auto* b = node.as_boolean();
        if (!b)
            return wrong("true or false");
        return ConfigValue(b->get());
    }
    case Type::String:
    case Type::TimeWindow: {
        const auto* s = node.as_string();
        if (!s)
            return wrong("a string");
        return ConfigValue(qs(s->get()));
    }
    case Type::Choice: {
        const auto* s = node.as_string();
        if (!s)
            return wrong("a string");
        const QString v = qs(s->get());
        if (!key.choices.contains(v)) {
            reader.error(node.source(), QStringLiteral("%1 = \"%2\" is not one of: %3")
                                            .arg(where, v, key.choices.join(QStringLiteral(", "))));
            return std::nullopt;
        }
        return ConfigValue(v);
    }
    case Type::TimeOfDay: {
        const auto* s = node.as_string();
        if (!s)
            return wrong("a time of day such as \"08:30\", or \"\"");
        const QString v = qs(s->get()).trimmed();
        static const QRegularExpression time(QStringLiteral("^(\\d{1,2}):(\\d{2})$"));
        const auto m = time.match(v);
        if (!v.isEmpty() &&
            (!m.hasMatch() || m.captured(1).toInt() > 23 || m.captured(2).toInt() > 59)) {
            reader.error(node.source(),
                         QStringLiteral("%1 = \"%2\" is not a time of day; write \"HH:MM\" "
                                        "(24-hour, 00:00 to 23:59), e.g. \"08:30\", or \"\" "
                                        "for never")
                             .arg(where, v.left(40)));
            return std::nullopt;
        }
        return ConfigValue(v);
    }
    case Type::WeekdayList: {
        const auto* arr = node.as_array();
        if (!arr)
            return wrong("a list of weekdays such as [\"mon\", \"tue\"]");
        QStringList days;
        bool ok = true;
        for (const toml::node& item : *arr) {
            const auto* s = item.as_string();
            if (!s || !WorkingHours::weekdayIndex(qs(s->get()))) {
                reader.error(item.source(),
                             QStringLiteral(
                                 "%1: %2 is not a weekday; use mon, tue, wed, thu, fri, sat or sun")
                                 .arg(where, s ? u'"' + qs(s->get()) + u'"' : typeName(item)));
                ok = false;
                continue;
            }
            days.append(qs(s->get()));
        }
        if (!ok)
            return std::nullopt;
        return ConfigValue(days);
    }
    }
    return std::nullopt;
}

// Applies every key `doc` sets onto `settings`; unknown sections and keys are reported.
void parseInto(const toml::table& doc, TomlReader& reader, Settings& settings, ConfigResult& result)
{
    const toml::node* hoursNode = nullptr;
    const toml::node* daysNode = nullptr;
    QString hours = settings.schedule.workingHours.windowText();
    std::bitset<7> days = settings.schedule.workingHours.days();

    for (const auto& [sectionKey, sectionNode] : doc) {
        const QString section = qs(sectionKey.str());
        const bool known = std::any_of(configKeys().begin(), configKeys().end(),
                                       [&](const ConfigKey& k) { return k.section == section; });
        if (!known) {
            reader.error(sectionKey.source(),
                         QStringLiteral("unknown section or key '%1'").arg(section));
            continue;
        }
        const auto* table = sectionNode.as_table();
        if (!table) {
            reader.error(sectionNode.source(),
                         QStringLiteral("'%1' must be a table ([%1])").arg(section));
            continue;
        }
        for (const auto& [nameKey, node] : *table) {
            const ConfigKey* key = findConfigKey(section, qs(nameKey.str()));
            std::optional<ConfigKey> anyRoutine; // checked against the routines later
            if (!key && section == kRoutinesSection) {
                anyRoutine = scheduledRoutineKey(qs(nameKey.str()));
                key = &*anyRoutine;
            }
            if (!key) {
                reader.error(
                    nameKey.source(),
                    QStringLiteral("unknown key '%1' in [%2]").arg(qs(nameKey.str()), section));
                continue;
            }
            result.presentKeys.append(key->path());
            result.keyPositions.insert(
                key->path(), {int(node.source().begin.line), int(node.source().begin.column)});
            const auto value = convert(*key, node, reader);
            if (!value)
                continue;
            if (key->type == Type::TimeWindow) {
                hoursNode = &node;
                hours = std::get<QString>(*value);
            } else if (key->type == Type::WeekdayList) {
                daysNode = &node;
                days.reset();
                for (const QString& d : std::get<QStringList>(*value))
                    days.set(size_t(*WorkingHours::weekdayIndex(d)));
            } else {
                key->apply(settings, *value);
            }
        }
    }

    QString error;
    if (const auto wh = WorkingHours::parse(hours, days, &error)) {
        settings.schedule.workingHours = *wh;
        if (days.none() && daysNode)
            reader.note(
                daysNode->source(),
                QStringLiteral("schedule.working_days is empty: no reminder will ever be shown"));
    } else if (hoursNode) {
        reader.error(hoursNode->source(), QStringLiteral("schedule.working_hours: %1").arg(error));
    }
}

} // namespace

const Settings& defaultSettings()
{
    // The defaults are the descriptors' TOML literals run through the same parser as a
    // user's file, so the two cannot drift apart.
    static const Settings defaults = [] {
        QByteArray text;
        QString section;
        for (const ConfigKey& k : configKeys()) {
            if (k.section != section) {
                section = k.section;
                text += "[" + section.toUtf8() + "]\n";
            }
            text += k.name.toUtf8() + " = " + k.defaultToml.toUtf8() + "\n";
        }
        Diagnostics diagnostics;
        TomlReader reader(QStringLiteral("<defaults>"), diagnostics);
        ConfigResult r;
        if (const auto doc = reader.parse(text))
            parseInto(*doc, reader, r.settings, r);
        Q_ASSERT(!hasErrors(diagnostics));
        return r.settings;
    }();
    return defaults;
}

ConfigResult parseConfig(const QByteArray& text, const QString& fileName,
                         const QStringList* routines)
{
    ConfigResult result;
    result.settings = defaultSettings();
    TomlReader reader(fileName, result.diagnostics);
    if (const auto doc = reader.parse(text)) {
        parseInto(*doc, reader, result.settings, result);
        const QString routine = result.settings.breaks.routine;
        if (routines && routine != u"rotate" && !routines->contains(routine)) {
            const auto [line, column] = result.keyPositions.value(QStringLiteral("break.routine"));
            result.diagnostics.append({fileName, line, column,
                                       QStringLiteral("break.routine: no routine named \"%1\"; "
                                                      "`deskbreak routines` lists them")
                                           .arg(routine)});
        }
        // [routines] names routines: an unknown one is reported, and so is a listed one
        // (morning, evening) given a time while there is no such routine.
        for (const QString& path : result.presentKeys) {
            const QString name = path.section(u'.', 1);
            if (!routines || path.section(u'.', 0, 0) != kRoutinesSection ||
                routines->contains(name))
                continue;
            if (!result.settings.schedule.routineTimes.contains(name) &&
                findConfigKey(kRoutinesSection, name))
                continue;
            const auto [line, column] = result.keyPositions.value(path);
            result.diagnostics.append(
                {fileName, line, column,
                 QStringLiteral("%1: no routine named \"%2\"; the routines are: %3")
                     .arg(path, name.left(40), routines->join(QStringLiteral(", ")))});
        }
    }
    if (!result.ok())
        result.settings = defaultSettings(); // a broken file gives no half-applied settings
    // Errors first, then notes, each group in file order.
    std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                         if (a.severity != b.severity)
                             return a.severity == Diagnostic::Severity::Error;
                         return std::pair(a.line, a.column) < std::pair(b.line, b.column);
                     });
    return result;
}

ConfigResult loadConfigFile(const QString& path, const QStringList* routines)
{
    ConfigResult result;
    const auto text = readTextFile(path, result.diagnostics);
    if (!text) {
        result.settings = defaultSettings();
        return result;
    }
    result = parseConfig(*text, path, routines);
    result.text = *text;
    return result;
}

} // namespace deskbreak::core
