#pragma once

#include "platform/HoldDetector.h"

#include <QString>
#include <optional>

class QTimer;

namespace deskbreak::platform {

// A microphone is in use while an ALSA capture substream runs: some
// <asoundDir>/card*/pcm*c/sub*/status says "state: RUNNING". PulseAudio and PipeWire keep
// the substream running while any client records, so this sees their clients too.
// procfs has no change events: while watching, it looks again every kLookIntervalMs. Not
// watching, it runs no timer and holds nothing. With no <asoundDir> (no sound card, or a
// container without it) it is inactive and says so once; it looks again at the next
// setWatching(true).
class MicrophoneInUseDetector final : public HoldDetector {
    Q_OBJECT
public:
    explicit MicrophoneInUseDetector(QString asoundDir = QStringLiteral("/proc/asound"),
                                     QObject* parent = nullptr);

    core::HoldReason reason() const override { return core::HoldReason::Microphone; }
    QString name() const override { return QStringLiteral("alsa-proc"); }
    QString looksAt() const override;

    void setWatching(bool on) override;
    bool isWatching() const override { return m_watching; }
    bool active() const override { return m_active; }

private:
    // Whether any capture substream runs; nullopt when m_asoundDir is missing.
    std::optional<bool> scan() const;
    void lookAgain();

    QString m_asoundDir;
    QTimer* m_look;
    bool m_watching = false;
    bool m_active = false;
    bool m_toldMissing = false;
};

} // namespace deskbreak::platform
