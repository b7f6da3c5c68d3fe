#pragma once

#include "core/CuePlan.h"

#include <QString>

namespace deskbreak::platform {

// Plays a break's cues: a short chime for each kind, and spoken words. A backend loads
// nothing audio before prepare() or the first cue, so an idle daemon pays nothing for it.
// It never fails loudly: without a sound server or a speech engine it logs why once, and
// the break goes on in silence.
class CuePlayer {
public:
    // What a backend can do here; empty problems mean it works.
    struct Health {
        QString sound;        // what plays chimes, e.g. "libcanberra"; empty if nothing can
        QString soundProblem; // why no chime can play
        QString soundHint;    // what the user could do about it
        QString voice;        // what speaks, e.g. "flite 2.2, voice cmu_us_slt"
        QString voiceProblem; // why nothing can be said
        QString voiceHint;
    };

    virtual ~CuePlayer() = default;

    virtual QString name() const = 0;
    // Loads and connects what the coming cues need (chimes, voice or both), so the first
    // cue is not late. Cheap when done already.
    virtual void prepare(bool sound, bool voice) = 0;
    // A chime for `kind` (none for CueKind::Start).
    virtual void play(core::CueKind kind) = 0;
    // Says `words`, after the chime just played if there is one; words not yet said give
    // way to them.
    virtual void say(const QString& words) = 0;
    // Silences what plays and drops what is still to be said.
    virtual void stop() = 0;
    // The break is over: lets go of the sound server and the speech engine once the last
    // chime has played (libraries once loaded stay loaded). The next cue connects again.
    virtual void release() = 0;
    // Prepares both, and says what works (for `deskbreak doctor`).
    virtual Health health() = 0;
};

} // namespace deskbreak::platform
