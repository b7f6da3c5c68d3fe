#pragma once

#include "core/Diagnostic.h"
#include "core/Routine.h"

namespace deskbreak::core {

// Loads exercises.toml, safety.toml and routines/*.toml from `dataDir`, then the
// user's routines (which may replace shipped ones by name). Every problem is a
// Diagnostic; a broken user routine is left out, the rest still loads.
Content loadContent(const QString& dataDir, const QString& userRoutinesDir, Diagnostics& out);

// The routine files loadContent() reads from a routines folder (*.toml, in name order);
// empty for an empty path. What watches the folder watches these.
QStringList routineFiles(const QString& dir);

// One routine file, checked against `content`'s exercises (a step must fit its reps' holds);
// get-ready pictures are looked up in `content.illustrationsDir`, a missing one is a note.
// nullopt when it has errors.
std::optional<Routine> loadRoutineFile(const QString& path, const Content& content,
                                       Diagnostics& out);
// The same from text already read; `path` names it in diagnostics and must end in NAME.toml.
std::optional<Routine> parseRoutine(const QByteArray& text, const QString& path,
                                    const Content& content, Diagnostics& out);

// Adds the usable [[exercise]] entries of an exercise file's text to `content`; pictures
// are looked up in `dataDir`/illustrations. {side} and {other} are allowed only in the
// steps of a sided exercise (see SidedText.h).
void parseExercises(const QByteArray& text, const QString& path, const QString& dataDir,
                    Content& content, Diagnostics& out);

} // namespace deskbreak::core
