#pragma once

#include "platform/CuePlayer.h"

#include <QList>
#include <QStringList>
#include <functional>

namespace deskbreak::test {

// A cue player that keeps what it was asked, each call with the time `now` gave then.
class RecordingCuePlayer : public platform::CuePlayer {
public:
    struct Call {
        QString what; // "play", "say", "prepare", "stop", "release"
        core::CueKind kind = core::CueKind::Start;
        QString words;
        qint64 at = 0;
    };

    std::function<qint64()> now = [] { return qint64(0); };
    QList<Call> calls;

    QString name() const override { return QStringLiteral("recording"); }
    void prepare(bool sound, bool voice) override
    {
        calls.append({QStringLiteral("prepare"), core::CueKind::Start,
                      QStringLiteral("%1 %2").arg(sound).arg(voice), now()});
    }
    void play(core::CueKind kind) override
    {
        calls.append({QStringLiteral("play"), kind, {}, now()});
    }
    void say(const QString& words) override
    {
        calls.append({QStringLiteral("say"), core::CueKind::Start, words, now()});
    }
    void stop() override { calls.append({QStringLiteral("stop"), {}, {}, now()}); }
    void release() override { calls.append({QStringLiteral("release"), {}, {}, now()}); }
    Health health() override { return {QStringLiteral("recording"), {}, {}, {}, {}, {}}; }

    QList<Call> only(const QString& what) const
    {
        QList<Call> picked;
        for (const Call& c : calls)
            if (c.what == what)
                picked.append(c);
        return picked;
    }
    QStringList whats() const
    {
        QStringList list;
        for (const Call& c : calls)
            list.append(c.what);
        return list;
    }
};

} // namespace deskbreak::test
