#pragma once

#include <QString>
#include <optional>

namespace deskbreak::platform {

// Whether GNOME's own movement break reminders are on (GNOME 48 and later: "movement"
// in org.gnome.desktop.break-reminders' selected-breaks). nullopt when this desktop
// has no such setting (schema or key not installed), with the reason in `why` (if
// given). Reads the setting once, without a main loop; never writes it.
std::optional<bool> gnomeMovementBreaksOn(QString* why);

} // namespace deskbreak::platform
