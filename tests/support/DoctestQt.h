// Qt strings in doctest's messages: a failed CHECK on a QString or QStringList shows the
// text, not "{?}".
#pragma once

#include <QString>
#include <QStringList>
#include <doctest/doctest.h>

namespace doctest {
template <> struct StringMaker<QString> {
    static String convert(const QString& s) { return String(s.toUtf8().constData()); }
};
template <> struct StringMaker<QStringList> {
    static String convert(const QStringList& list)
    {
        return String((QStringLiteral("{") + list.join(QStringLiteral(", ")) + QStringLiteral("}"))
                          .toUtf8()
                          .constData());
    }
};
} // namespace doctest
