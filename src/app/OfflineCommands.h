#pragma once

#include <QDate>
#include <QString>
#include <QTextStream>

namespace deskbreak::app {

// The commands that need no daemon and no display. Each returns an ExitCode.
int checkConfigCommand(const QString& file, QTextStream& out, QTextStream& err);
int routinesCommand(bool json, QTextStream& out, QTextStream& err);
int routineShowCommand(const QString& name, bool json, QTextStream& out, QTextStream& err);
// The whole exercise catalogue, each with the routines (shipped and the user's) that use it.
int exercisesCommand(bool json, QTextStream& out, QTextStream& err);

enum class StatsFormat { Table, Json, Csv };
int autostartCommand(const QString& action, QTextStream& out, QTextStream& err);
// `today`: the local date now (the caller reads its clock).
int statsCommand(int days, StatsFormat format, const QDate& today, QTextStream& out,
                 QTextStream& err);

} // namespace deskbreak::app
