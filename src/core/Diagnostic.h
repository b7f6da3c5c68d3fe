#pragma once

#include <QList>
#include <QString>

namespace deskbreak::core {

// One problem found in a user-editable file, printed as FILE:LINE:COLUMN: message.
struct Diagnostic {
    enum class Severity { Error, Note };
    QString file;
    int line = 0;   // 1-based; 0 when the problem is about the whole file
    int column = 0; // 1-based
    QString message;
    Severity severity = Severity::Error;

    QString toString() const;
};

using Diagnostics = QList<Diagnostic>;

bool hasErrors(const Diagnostics& diagnostics);

} // namespace deskbreak::core
