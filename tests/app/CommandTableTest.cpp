// The one command table (control::commands()) against everything else that names
// commands or status fields: --help, the bash completion and the e2e scripts. Drift in
// any of them fails here.
#include "app/ControlProtocol.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <doctest/doctest.h>

using namespace deskbreak::app;
using control::CommandId;

namespace {

QString readSource(const QString& relative)
{
    QFile file(QStringLiteral(DESKBREAK_SOURCE_DIR "/") + relative);
    REQUIRE_MESSAGE(file.open(QIODevice::ReadOnly), relative.toStdString());
    return QString::fromUtf8(file.readAll());
}

QSet<QString> words(const char* text)
{
    const QStringList list = QString::fromLatin1(text).split(u' ', Qt::SkipEmptyParts);
    return {list.begin(), list.end()};
}

QSet<QString> listedNames()
{
    QSet<QString> names;
    for (const control::Command& c : control::commands())
        if (c.listed)
            names.insert(QString::fromLatin1(c.name));
    return names;
}

// The completion's `case $command in` branches: "status | routines | doctor" -> body.
QMap<QString, QString> completionBranches(const QString& script)
{
    QMap<QString, QString> branches;
    const qsizetype start = script.indexOf(QStringLiteral("case $command in"));
    REQUIRE(start >= 0);
    const QStringList lines = script.mid(start).split(u'\n').mid(1);
    static const QRegularExpression header(
        QStringLiteral("^\\s*([a-z-]+(\\s*\\|\\s*[a-z-]+)*)\\)\\s*$"));
    QStringList current;
    QString body;
    for (const QString& line : lines) {
        if (line.trimmed() == u"esac")
            break;
        const auto m = header.match(line);
        if (m.hasMatch() && current.isEmpty()) {
            current = m.captured(1).split(u'|');
            body.clear();
        } else if (line.trimmed() == u";;") {
            for (const QString& name : current)
                branches.insert(name.trimmed(), body);
            current.clear();
        } else {
            body += line + u'\n';
        }
    }
    return branches;
}

QSet<QString> optionsIn(const QString& text)
{
    static const QRegularExpression option(QStringLiteral("--[a-z][a-z-]*"));
    QSet<QString> found;
    for (auto it = option.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured());
    return found;
}

QSet<QString> offeredWords(const QString& text)
{
    static const QRegularExpression offer(QStringLiteral("_deskbreak_offer \"([^\"$]*)\""));
    QSet<QString> found;
    for (auto it = offer.globalMatch(text); it.hasNext();)
        for (const QString& w : it.next().captured(1).split(u' ', Qt::SkipEmptyParts))
            found.insert(w);
    return found;
}

} // namespace

TEST_CASE("every command id has exactly one row, and every name is unique")
{
    QSet<QString> names;
    for (int id = int(CommandId::Status); id <= int(CommandId::Doctor); ++id) {
        int rows = 0;
        for (const control::Command& c : control::commands())
            rows += int(c.id) == id;
        CHECK_MESSAGE(rows == 1, "command id " << id);
        names.insert(control::name(CommandId(id)));
    }
    CHECK(names.size() == qsizetype(control::commands().size()));
    CHECK(control::findCommand(u"snooze")->id == CommandId::Snooze);
    CHECK(control::findCommand(u"nap") == nullptr);
    CHECK(control::findCommand(u"") == nullptr);
}

TEST_CASE("--help lists each listed command with its usage, and the hidden one not")
{
    const QString help = control::helpText();
    for (const control::Command& c : control::commands()) {
        const QString line = QStringLiteral("\n  %1%2")
                                 .arg(QString::fromLatin1(c.name),
                                      *c.usage ? u' ' + QString::fromLatin1(c.usage) : QString());
        const bool shown = help.contains(line + u' ') || help.contains(line + u'\n');
        CHECK_MESSAGE(shown == c.listed, std::string(c.name));
        CHECK_MESSAGE(help.contains(QString::fromLatin1(c.help).section(u'\n', 0, 0)) == c.listed,
                      std::string(c.name));
    }
    CHECK_FALSE(help.contains(QStringLiteral("\n  show")));
}

TEST_CASE("the bash completion offers exactly the table's commands, options and words")
{
    const QString script = readSource(QStringLiteral("installers/linux/deskbreak.bash"));
    static const QRegularExpression list(QStringLiteral("local commands=\"([^\"]*)\""));
    const auto m = list.match(script);
    REQUIRE(m.hasMatch());
    const QStringList offered = m.captured(1).simplified().split(u' ');
    CHECK(QSet<QString>(offered.begin(), offered.end()) == listedNames());

    const QMap<QString, QString> branches = completionBranches(script);
    for (auto it = branches.begin(); it != branches.end(); ++it)
        CHECK_MESSAGE(listedNames().contains(it.key()),
                      "the completion has a branch for " << it.key().toStdString());
    for (const control::Command& c : control::commands()) {
        if (!c.listed)
            continue;
        const std::string command = c.name;
        CAPTURE(command);
        const QString body = branches.value(QString::fromLatin1(c.name));
        CHECK(optionsIn(body) == words(c.options));
        const QSet<QString> fixed = words(c.words);
        CHECK(offeredWords(body).contains(fixed));
        if (*c.options || *c.words || c.takesDuration)
            CHECK_MESSAGE(branches.contains(QString::fromLatin1(c.name)), "no branch");
    }
}

TEST_CASE("the bash completion offers exactly the watch formats after --format")
{
    const QString script = readSource(QStringLiteral("installers/linux/deskbreak.bash"));
    static const QRegularExpression branch(
        QStringLiteral("\\$prev == --format \\]\\]; then\\s*_deskbreak_offer \"([^\"]*)\""));
    const auto m = branch.match(script);
    REQUIRE(m.hasMatch());
    const QStringList offered = m.captured(1).split(u' ', Qt::SkipEmptyParts);
    QStringList formats;
    for (QLatin1StringView f : control::kWatchFormats)
        formats << f;
    CHECK(offered == formats); // the default first, as in the table
}

TEST_CASE("the man page describes exactly the table's listed commands")
{
    const QString page = readSource(QStringLiteral("installers/linux/deskbreak.1"));
    const qsizetype from = page.indexOf(QStringLiteral("\n.SH COMMANDS\n"));
    REQUIRE(from >= 0);
    const qsizetype to = page.indexOf(QStringLiteral("\n.SH "), from + 1);
    const QStringList lines = page.mid(from, to - from).split(u'\n');
    // Each item is ".TP" and a line naming it, in troff: ".BR status ...", "\fBstats\fR ...".
    static const QRegularExpression markup(QStringLiteral("^\\.B[IR]? |\\\\f[BIRP]|\""));
    QSet<QString> described;
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        if (lines[i] != u".TP")
            continue;
        QString item = lines[i + 1];
        item.remove(markup).replace(QStringLiteral("\\-"), QStringLiteral("-"));
        described.insert(item.section(u' ', 0, 0, QString::SectionSkipEmpty));
    }
    CHECK(described == listedNames());
}

TEST_CASE("the e2e scripts read only status fields the table defines")
{
    QSet<QString> keys;
    for (QLatin1StringView k : control::kStatusKeys)
        keys.insert(k);
    CHECK(keys.size() == qsizetype(control::kStatusKeys.size())); // no key twice

    static const QRegularExpression read(QStringLiteral("(?:field_is|json_field) ([a-z_]+)"));
    const QDir e2e(QStringLiteral(DESKBREAK_SOURCE_DIR "/tests/e2e"));
    int uses = 0;
    for (const QString& name : e2e.entryList({QStringLiteral("*.sh")}, QDir::Files)) {
        const QString script = readSource(QStringLiteral("tests/e2e/") + name);
        for (auto it = read.globalMatch(script); it.hasNext();) {
            const QString field = it.next().captured(1);
            if (field == u"NAME") // lib.sh's comment on json_field
                continue;
            ++uses;
            CHECK_MESSAGE(keys.contains(field), name.toStdString() << ": " << field.toStdString());
        }
    }
    CHECK(uses > 20); // the pattern still finds what the scripts read
}
