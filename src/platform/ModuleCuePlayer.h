#pragma once

#include "platform/CuePlayer.h"

#include <QString>
#include <memory>

class QLibrary;

namespace deskbreak::platform {

// The daemon's cue player: it loads the cue module (deskbreak-cues: libcanberra and
// flite) at the first prepare() or cue, and hands everything on to it. Until then
// it has mapped nothing, so an idle daemon pays nothing for sound. A module that cannot be
// loaded is logged once, and every cue is silent from then on.
class ModuleCuePlayer final : public CuePlayer {
public:
    // `modulePath` empty: no module on this system (every cue is silent, and Health says so).
    ModuleCuePlayer(QString modulePath, QString soundDir);
    ~ModuleCuePlayer() override;

    // Whether the module is loaded (tests check that nothing is before a break).
    bool loaded() const { return m_backend != nullptr; }

    QString name() const override;
    void prepare(bool sound, bool voice) override;
    void play(core::CueKind kind) override;
    void say(const QString& words) override;
    void stop() override;
    void release() override;
    Health health() override;

private:
    bool load();

    QString m_modulePath;
    QString m_soundDir;
    bool m_tried = false;
    QString m_loadProblem;
    QString m_loadHint;
    std::unique_ptr<QLibrary> m_library; // never unloaded: Qt and libpulse keep threads and state
    std::unique_ptr<CuePlayer> m_backend;
};

} // namespace deskbreak::platform
