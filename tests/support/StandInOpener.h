#pragma once

#include "platform/Opener.h"

#include <QList>
#include <QMap>
#include <functional>
#include <utility>

namespace deskbreak::test {

// Stands in for the desktop's opener: it records what it was asked to open and answers
// as told, per path (unknown paths: opened). With `later`, it keeps the answers until
// answerAll(), as xdg-open answers after it ran.
class StandInOpener : public platform::Opener {
public:
    QString name() const override { return QStringLiteral("stand-in"); }
    void open(const QString& path, Done done) override
    {
        asked << path;
        const bool ok = opens.value(path, true);
        const QString why = ok ? QString() : QStringLiteral("no application for it");
        if (later)
            pending << [done, ok, why] { done(ok, why); };
        else
            done(ok, why);
    }
    // Answers what was asked so far (not what those answers ask next).
    void answerAll()
    {
        const QList<std::function<void()>> now = std::exchange(pending, {});
        for (const auto& answer : now)
            answer();
    }

    QMap<QString, bool> opens; // path -> whether an application takes it
    bool later = false;
    QStringList asked;
    QList<std::function<void()>> pending;
};

} // namespace deskbreak::test
