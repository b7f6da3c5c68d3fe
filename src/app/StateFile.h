#pragma once

#include "core/SittingSnapshot.h"

#include <QDateTime>
#include <QString>
#include <optional>

namespace deskbreak::app {

// The sitting model's snapshot on disk, for a restart. Writes are atomic (a
// kill -9 leaves the old file or the new one, never half of one); a file that
// cannot be read as ours is moved aside, never fatal.
namespace statefile {

QString path(); // $XDG_STATE_HOME/deskbreak/state

bool save(const QString& path, const core::SittingSnapshot& snapshot, QString* error);
// nullopt when there is none, or it was corrupt, foreign, out of range or not a regular
// file (then `note` says where it went: aside, named after `now`).
std::optional<core::SittingSnapshot> load(const QString& path, const QDateTime& now, QString* note);

} // namespace statefile
} // namespace deskbreak::app
