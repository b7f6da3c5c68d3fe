#pragma once

#include "core/Clock.h"
#include "platform/Autostart.h"

#include <QString>

namespace deskbreak::app {

// "[startup] autostart": true turns starting at login on once, the first time only (a
// marker file remembers it), so the user's own "off" later (tray, `deskbreak autostart
// off`) is respected; false always turns it off. The tray's toggle goes through here too.
class AutostartPolicy {
public:
    enum class Outcome { Unchanged, TurnedOn, TurnedOff, Failed };

    // `marker`: the file that says the config's "true" was applied; `program`: what the
    // login entry starts.
    AutostartPolicy(platform::Autostart& autostart, QString marker, QString program,
                    const core::Clock& clock);

    // Applies the config's setting (at the start of the daemon).
    Outcome apply(bool configured);
    // The config's setting was changed while the daemon runs: the user's word of now, so
    // it is carried out either way (true turns starting at login on even if it was turned
    // off since).
    Outcome configChanged(bool configured);
    // The user's own toggle; false (and logged) when it could not be changed.
    bool setByUser(bool on);
    bool isEnabled() const { return m_autostart.isEnabled(); }

private:
    void writeMarker();

    platform::Autostart& m_autostart;
    QString m_marker;
    QString m_program;
    const core::Clock& m_clock;
};

} // namespace deskbreak::app
