#pragma once

#include "core/Effect.h"

#include <QDate>
#include <QString>
#include <QTextStream>
#include <functional>
#include <optional>

namespace deskbreak::app {

// The commands that need no daemon and no display. Each returns an ExitCode.
int checkConfigCommand(const QString& file, QTextStream& out, QTextStream& err);
int routinesCommand(bool json, QTextStream& out, QTextStream& err);
int routineShowCommand(const QString& name, bool json, QTextStream& out, QTextStream& err);
// The whole exercise catalogue, each with the routines (shipped and the user's) that use it.
int exercisesCommand(bool json, QTextStream& out, QTextStream& err);

enum class StatsFormat { Table, Json, Csv };
int autostartCommand(const QString& action, QTextStream& out, QTextStream& err);
// `today`: the local date now (the caller reads its clock). `inProgress`: asks for the
// sitting stretch the running daemon counts and has not recorded yet (stretchInProgress()),
// which counts too; it is asked once the history is read, so a stretch that ends meanwhile
// is counted once at most. The table ends with the average over the days that have data,
// and says over how many.
using StretchQuery = std::function<std::optional<core::HistoryEvent>()>;
int statsCommand(int days, StatsFormat format, const QDate& today, const StretchQuery& inProgress,
                 QTextStream& out, QTextStream& err);

} // namespace deskbreak::app
