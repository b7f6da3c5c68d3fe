// The cue module through ModuleCuePlayer, in process: nothing audio is mapped before the
// first cue, a missing or foreign module leaves every cue silent with the reason, and
// health() says what plays. Run once with no sound server (PULSE_SERVER pointing at
// nothing) and once inside with-pulseaudio.sh; DESKBREAK_TEST_SINK says which.
#define DOCTEST_CONFIG_IMPLEMENT
#include "platform/ModuleCuePlayer.h"

#include <QCoreApplication>
#include <QFile>
#include <doctest/doctest.h>

using deskbreak::core::CueKind;
using deskbreak::platform::ModuleCuePlayer;

namespace {

const QString kModule = QStringLiteral(DESKBREAK_CUES_MODULE_PATH);
const QString kSounds = QStringLiteral(DESKBREAK_SOURCE_DIR "/assets/sounds");

bool mapped(const char* what)
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    REQUIRE(maps.open(QIODevice::ReadOnly));
    return maps.readAll().contains(what);
}

bool serverRuns()
{
    return !qEnvironmentVariableIsEmpty("DESKBREAK_TEST_SINK");
}

} // namespace

TEST_CASE("nothing is loaded until the first cue, and then the module and libcanberra are")
{
    // Runs first: the process has mapped no audio library yet.
    ModuleCuePlayer player(kModule, kSounds);
    player.stop();               // nothing to stop: loads nothing
    player.release();            // likewise
    player.play(CueKind::Start); // no chime for the start: loads nothing
    player.say({});              // nothing to say: loads nothing
    CHECK_FALSE(player.loaded());
    CHECK_FALSE(mapped("deskbreak-cues"));
    CHECK_FALSE(mapped("libcanberra"));
    CHECK_FALSE(mapped("libpulse"));
    CHECK_FALSE(mapped("libflite"));

    player.play(CueKind::Step);
    CHECK(player.loaded());
    CHECK(mapped("deskbreak-cues"));
    CHECK(mapped("libcanberra"));
    CHECK(player.name() == "canberra");
}

TEST_CASE("health says whether chimes can play here, and why not")
{
    ModuleCuePlayer player(kModule, kSounds);
    const auto h = player.health();
    if (serverRuns()) {
        CHECK(h.soundProblem.isEmpty());
        CHECK(h.sound.contains(kSounds));
    } else {
        CHECK(h.sound.isEmpty());
        CHECK(h.soundProblem.startsWith("no sound server"));
        CHECK(h.soundHint.contains("PulseAudio"));
    }
    // The voice is made here (flite) and played on the same server.
    if (serverRuns()) {
        CHECK(h.voiceProblem.isEmpty());
        CHECK(h.voice.startsWith("flite "));
    } else {
        CHECK(h.voice.isEmpty());
        CHECK(h.voiceProblem.contains("sound server"));
    }
}

TEST_CASE("outside a desktop session (no XDG_RUNTIME_DIR) no server is tried")
{
    const QByteArray runtime = qgetenv("XDG_RUNTIME_DIR");
    qunsetenv("XDG_RUNTIME_DIR");
    ModuleCuePlayer player(kModule, kSounds);
    const auto h = player.health();
    qputenv("XDG_RUNTIME_DIR", runtime);
    CHECK(h.sound.isEmpty());
    CHECK(h.soundProblem.startsWith("XDG_RUNTIME_DIR is not set"));
    CHECK(h.voice.isEmpty());
}

TEST_CASE("chimes that are not there are a reason, not a crash")
{
    ModuleCuePlayer player(kModule, QStringLiteral("/nonexistent/sounds"));
    player.play(CueKind::End);
    const auto h = player.health();
    CHECK(h.sound.isEmpty());
    CHECK(h.soundProblem.contains("/nonexistent/sounds/step.wav"));
}

TEST_CASE("a missing module leaves every cue silent, with the reason")
{
    ModuleCuePlayer player(QStringLiteral("/nonexistent/deskbreak-cues.so"), kSounds);
    player.prepare(true, true);
    player.play(CueKind::Step);
    player.say(QStringLiteral("Hello."));
    player.stop();
    CHECK_FALSE(player.loaded());
    const auto h = player.health();
    CHECK(h.sound.isEmpty());
    CHECK(h.voice.isEmpty());
    CHECK(h.soundProblem.startsWith("cannot load /nonexistent/deskbreak-cues.so"));
    CHECK(h.soundHint.contains("reinstall"));

    ModuleCuePlayer none(QString(), kSounds); // a system with no module at all
    none.play(CueKind::Step);
    CHECK(none.health().soundProblem == "deskbreak has no sound module on this system");
}

TEST_CASE("a library that is not the cue module is refused")
{
    // Any shared library without the module's entry points will do: Qt Core's.
    const QString foreign = QStringLiteral(DESKBREAK_FOREIGN_LIBRARY);
    ModuleCuePlayer player(foreign, kSounds);
    player.play(CueKind::Step);
    CHECK_FALSE(player.loaded());
    CHECK(player.health().soundProblem == foreign + " is not this version's sound module");
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    doctest::Context context(argc, argv);
    return context.run();
}
