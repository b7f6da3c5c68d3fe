#include "core/Diagnostic.h"

#include <algorithm>

namespace deskbreak::core {

QString Diagnostic::toString() const
{
    const QString prefix = severity == Severity::Note ? QStringLiteral("note: ") : QString();
    return QStringLiteral("%1:%2:%3: %4%5")
        .arg(file)
        .arg(std::max(line, 1))
        .arg(std::max(column, 1))
        .arg(prefix, message);
}

bool hasErrors(const Diagnostics& diagnostics)
{
    return std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) {
        return d.severity == Diagnostic::Severity::Error;
    });
}

} // namespace deskbreak::core
