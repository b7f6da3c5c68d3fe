#pragma once

// The daemon's services without a display, for the tests of what sits on them (the control
// handler, the status watch): the real sitting and config services (fake clock, fake idle,
// memory history, a private config folder) and a fake presentation.
#include "app/ConfigService.h"
#include "app/ControlHandler.h"
#include "app/SittingService.h"
#include "support/FakeClock.h"
#include "support/FakeIdleSource.h"

#include <QDir>
#include <QJsonObject>
#include <QTemporaryDir>
#include <doctest/doctest.h>
#include <memory>

namespace deskbreak::test {

using namespace std::chrono_literals;
using app::ControlHandler;

struct FakePresentation : ControlHandler::Presentation {
    QString notifierName() const override { return QStringLiteral("recording"); }
    bool trayAvailable() const override { return false; }
    bool breakWindowOpen() const override { return breakOpen; }
    void showStatusWindow(const QString& activationToken) override
    {
        ++shown;
        lastToken = activationToken;
    }
    // As the presenter: the routine asked for, else the configured one.
    QString startBreak(const QString& routine) override
    {
        asked << routine;
        const QString playing = routine.isEmpty() ? QStringLiteral("desk-break") : routine;
        sitting->startBreak(playing);
        return playing;
    }
    void raiseBreak() override { ++raised; }
    std::optional<BreakTime> breakTime() const override
    {
        return breakOpen ? playing : std::nullopt;
    }
    app::SittingService* sitting = nullptr;
    QString lastToken;
    QStringList asked;
    bool breakOpen = false;
    std::optional<BreakTime> playing; // what the break window would say while one is open
    int shown = 0;
    int raised = 0;
};

struct Rig {
    Rig()
    {
        REQUIRE(home.isValid());
        QDir().mkpath(home.filePath("config"));
        config = std::make_unique<app::ConfigService>(
            app::ConfigService::Paths{home.filePath("config/config.toml"),
                                      DESKBREAK_SOURCE_DIR "/config/deskbreak.toml",
                                      DESKBREAK_SOURCE_DIR "/assets", home.filePath("routines")},
            false);
        config->load();
        auto source = std::make_unique<test::FakeIdleSource>();
        idle = source.get();
        sitting = std::make_unique<app::SittingService>(clock, std::move(source),
                                                        config->schedule(), QString());
        sitting->start(std::make_unique<core::MemoryHistoryStore>(), nullptr);
        presentation.sitting = sitting.get();
        QObject::connect(sitting.get(), &app::SittingService::openBreakRequested,
                         [this] { presentation.breakOpen = true; });
        QObject::connect(sitting.get(), &app::SittingService::closeBreakRequested,
                         [this] { presentation.breakOpen = false; });
        handler = std::make_unique<ControlHandler>(
            *sitting, *config, presentation,
            ControlHandler::Facts{QStringLiteral("x11"), false, 4242, QStringLiteral("9.9")});
        QObject::connect(handler.get(), &ControlHandler::quitRequested, [this] { ++quits; });
    }
    QJsonObject send(const QJsonObject& request) { return handler->handle(request); }
    QJsonObject send(const QString& command) { return send({{"command", command}}); }
    // Sits until the break is due, waking each half minute as the timer would.
    void sitUntilDue()
    {
        for (int i = 0; i < 200 && !sitting->status().due; ++i) {
            clock.advance(30s);
            sitting->wake();
        }
        REQUIRE(sitting->status().due);
    }

    QTemporaryDir home;
    test::FakeClock clock;
    FakePresentation presentation;
    test::FakeIdleSource* idle = nullptr; // the sitting service's
    std::unique_ptr<app::ConfigService> config;
    std::unique_ptr<app::SittingService> sitting;
    std::unique_ptr<ControlHandler> handler;
    int quits = 0;
};

} // namespace deskbreak::test
