#include "core/SidedText.h"

#include <QRegularExpression>

namespace deskbreak::core {

namespace {

const QString kSide = QStringLiteral("side");
const QString kOther = QStringLiteral("other");

} // namespace

QString sidedText(const QString& text, RoutinePlayer::Side side)
{
    QString first;
    QString second;
    switch (side) {
    case RoutinePlayer::Side::Right:
        first = QStringLiteral("right");
        second = QStringLiteral("left");
        break;
    case RoutinePlayer::Side::Left:
        first = QStringLiteral("left");
        second = QStringLiteral("right");
        break;
    case RoutinePlayer::Side::None:
        first = QStringLiteral("one");
        second = QStringLiteral("other");
        break;
    }
    QString out = text;
    // Both at once, so a filled-in word is never read as a placeholder again.
    static const QRegularExpression placeholder(QStringLiteral("\\{(side|other)\\}"));
    qsizetype from = 0;
    while (true) {
        const QRegularExpressionMatch m = placeholder.match(out, from);
        if (!m.hasMatch())
            break;
        const QString& word = m.captured(1) == kSide ? first : second;
        out.replace(m.capturedStart(), m.capturedLength(), word);
        from = m.capturedStart() + word.size();
    }
    return out;
}

QStringList sidedText(const QStringList& lines, RoutinePlayer::Side side)
{
    QStringList out;
    out.reserve(lines.size());
    for (const QString& line : lines)
        out.append(sidedText(line, side));
    return out;
}

QStringList placeholdersIn(const QString& text)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{([^{}]*)\\}"));
    QStringList names;
    for (auto it = placeholder.globalMatch(text); it.hasNext();)
        names.append(it.next().captured(1));
    return names;
}

bool isSidePlaceholder(const QString& name)
{
    return name == kSide || name == kOther;
}

} // namespace deskbreak::core
