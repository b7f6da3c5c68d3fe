#pragma once

#include "core/Diagnostic.h"
#include "core/Settings.h"

#include <QByteArray>
#include <QMap>
#include <QStringList>
#include <utility>

namespace deskbreak::core {

struct ConfigResult {
    Settings settings;       // defaults for every key that is absent or invalid
    Diagnostics diagnostics; // errors, then notes (advice), each FILE:LINE:COLUMN
    QStringList presentKeys; // "section.key" for every key the file sets
    QMap<QString, std::pair<int, int>> keyPositions; // "section.key" -> (line, column) of its value
    QByteArray text; // the file as read (loadConfigFile); empty when it could not be read

    bool ok() const { return !hasErrors(diagnostics); }
};

// Parses config text; `fileName` is only used in diagnostics. Never throws.
// With `routines`, break.routine must name one of them (or be "rotate").
ConfigResult parseConfig(const QByteArray& text, const QString& fileName,
                         const QStringList* routines = nullptr);

// Reads and parses a config file; a missing file, a directory or junk is an error, not a crash.
ConfigResult loadConfigFile(const QString& path, const QStringList* routines = nullptr);

} // namespace deskbreak::core
