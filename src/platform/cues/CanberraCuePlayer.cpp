// The cue module (deskbreak-cues): the chimes and the voice, both played through
// libcanberra, the freedesktop event-sound library, on the desktop's sound server
// (PulseAudio, or PipeWire through pipewire-pulse). The voice is synthesised by flite, in
// process and offline. A module of its own, loaded at the first break that wants it: an
// idle daemon maps none of this.
//
// Why flite itself and not Qt TextToSpeech: Debian 12's Qt 6.4 flite engine drops whole
// phrases ("Switch sides." among them: a zero-length chunk from flite counts as a write
// error), shrinks its sound-server buffer with every phrase, and was seen to crash when
// phrases follow each other; speech-dispatcher is not on every desktop. Synthesising here
// and playing the result like a chime has none of that, and stops and times the same way.
#include "platform/cues/CueModule.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QLoggingCategory>
#include <QSet>
#include <QTemporaryFile>
#include <QTimer>
#include <algorithm>
#include <canberra.h>
#include <chrono>
#include <flite/flite.h>
#include <flite/flite_version.h>
#include <utility>

extern "C" {
// The voice, from libflite_cmu_us_slt (flite's voices declare no header of their own).
cst_voice* register_cmu_us_slt(const char* voxdir);
void unregister_cmu_us_slt(cst_voice* voice);
}

namespace deskbreak::platform {

namespace {

Q_LOGGING_CATEGORY(lcCues, "deskbreak.platform.cues")

using core::CueKind;
using std::chrono::milliseconds;
using namespace std::chrono_literals;

// After the break, how long to wait past the last sound before letting the server go.
constexpr auto kReleaseMargin = 500ms;
// The canberra id of the voice (the chimes use their CueKind + 1).
constexpr quint32 kVoiceId = 100;

// Each problem is logged once for the life of the process, however many cues and breaks
// meet it: a break without sound should not fill the log.
void warnOnce(const QString& message)
{
    static QSet<QString> told;
    if (told.contains(message))
        return;
    told.insert(message);
    qCWarning(lcCues).noquote() << message;
}

struct Chime {
    CueKind kind;
    const char* file;
    const char* description; // what a sound server's mixer shows while it plays
};

constexpr Chime kChimes[] = {
    {CueKind::Step, "step.wav", "Next step"},
    {CueKind::SwitchSides, "switch-sides.wav", "Switch sides"},
    {CueKind::Rep, "rep.wav", "Next rep"},
    {CueKind::End, "end.wav", "End of the break"},
};

const Chime* chimeFor(CueKind kind)
{
    for (const Chime& c : kChimes)
        if (c.kind == kind)
            return &c;
    return nullptr;
}

quint32 readLe32(const QByteArray& bytes, qsizetype at)
{
    quint32 v = 0;
    for (int i = 3; i >= 0; --i)
        v = (v << 8) | quint8(bytes[at + i]);
    return v;
}

// How long a PCM WAV file plays, from its header; 0 when it is not one.
milliseconds wavLength(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 0ms;
    const QByteArray head = file.read(4096);
    if (head.size() < 12 || !head.startsWith("RIFF") || head.mid(8, 4) != "WAVE")
        return 0ms;
    quint32 byteRate = 0;
    for (qsizetype at = 12; at + 8 <= head.size();) {
        const QByteArray id = head.mid(at, 4);
        const quint32 size = readLe32(head, at + 4);
        if (id == "fmt " && at + 16 <= head.size())
            byteRate = readLe32(head, at + 16);
        if (id == "data")
            return byteRate ? milliseconds(qint64(size) * 1000 / byteRate) : 0ms;
        at += 8 + qsizetype(size) + (size & 1);
    }
    return 0ms;
}

// When something that started now and lasts `length` is over, as a deadline.
struct Deadline {
    QElapsedTimer since;
    milliseconds length{};

    void start(milliseconds duration)
    {
        since.start();
        length = duration;
    }
    milliseconds left() const
    {
        return since.isValid() ? std::max(0ms, length - milliseconds(since.elapsed())) : 0ms;
    }
};

class CanberraCuePlayer final : public CuePlayer {
public:
    explicit CanberraCuePlayer(const QString& soundDir)
        : m_soundDir(soundDir)
    {
        m_speechDelay.setSingleShot(true);
        QObject::connect(&m_speechDelay, &QTimer::timeout,
                         [this] { speak(std::exchange(m_pendingWords, QString())); });
        m_releaseTimer.setSingleShot(true);
        QObject::connect(&m_releaseTimer, &QTimer::timeout, [this] { close(); });
    }

    ~CanberraCuePlayer() override { close(); }

    QString name() const override { return QStringLiteral("canberra"); }

    void prepare(bool sound, bool voice) override
    {
        m_releaseTimer.stop();
        if (sound || voice) // the voice plays through the sound server too
            openSound();
        if (voice)
            openVoice();
    }

    void play(CueKind kind) override
    {
        const Chime* chime = chimeFor(kind);
        m_releaseTimer.stop();
        if (!chime || !openSound())
            return;
        const QByteArray path = QFile::encodeName(m_soundDir + u'/' + QLatin1String(chime->file));
        const int rc = ca_context_play(m_context, quint32(kind) + 1, CA_PROP_MEDIA_FILENAME,
                                       path.constData(), CA_PROP_MEDIA_ROLE, "event",
                                       CA_PROP_EVENT_DESCRIPTION, chime->description, nullptr);
        if (rc < 0) {
            warnOnce(QStringLiteral("cannot play the chime %1: %2")
                         .arg(QLatin1String(chime->file), QString::fromUtf8(ca_strerror(rc))));
            return;
        }
        m_chime.start(m_lengths.value(int(kind)));
    }

    void say(const QString& words) override
    {
        m_releaseTimer.stop();
        if (words.isEmpty() || !openSound() || !openVoice())
            return;
        // Words over a chime are hard to follow: they wait for it to end.
        if (const milliseconds rest = m_chime.left(); rest > 0ms) {
            m_pendingWords = words;
            m_speechDelay.start(rest);
            return;
        }
        m_speechDelay.stop();
        m_pendingWords.clear();
        speak(words);
    }

    void stop() override
    {
        m_speechDelay.stop();
        m_pendingWords.clear();
        if (m_context) {
            for (const Chime& c : kChimes)
                ca_context_cancel(m_context, quint32(c.kind) + 1);
            ca_context_cancel(m_context, kVoiceId);
        }
        m_chime = {};
        m_speech = {};
    }

    void release() override
    {
        // Words held back for the chime extend this when they start (speak()).
        m_releaseTimer.start(std::max(m_chime.left(), m_speech.left()) + kReleaseMargin);
    }

    Health health() override
    {
        prepare(true, true);
        Health h;
        if (m_context)
            h.sound =
                QStringLiteral("libcanberra on the sound server, chimes from %1").arg(m_soundDir);
        h.soundProblem = m_soundProblem;
        h.soundHint = m_soundHint;
        if (m_voice && m_context)
            h.voice = QStringLiteral("flite %1, voice cmu_us_slt, through libcanberra")
                          .arg(QLatin1String(FLITE_PROJECT_VERSION));
        h.voiceProblem = m_voiceProblem;
        h.voiceHint = m_voiceHint;
        if (m_voice && !m_context) {
            h.voiceProblem = QStringLiteral("it plays through the sound server, and none was "
                                            "reached");
            h.voiceHint = m_soundHint;
        }
        return h;
    }

private:
    bool openSound()
    {
        if (m_context)
            return true;
        if (!m_soundProblem.isEmpty())
            return false; // tried in this break already; the next one tries again
        for (const Chime& c : kChimes) {
            const QString path = m_soundDir + u'/' + QLatin1String(c.file);
            const milliseconds length = wavLength(path);
            if (length <= 0ms)
                return soundFails(
                    QStringLiteral("the chime %1 is missing or not a WAV file").arg(path),
                    QStringLiteral("reinstall deskbreak"));
            m_lengths.insert(int(c.kind), length);
        }
        // Outside a desktop session libpulse would make itself a runtime folder in /tmp.
        if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR"))
            return soundFails(QStringLiteral("XDG_RUNTIME_DIR is not set: not a desktop "
                                             "session, so no sound server to reach"),
                              QStringLiteral("start deskbreak in your desktop session"));
        ca_context* context = nullptr;
        int rc = ca_context_create(&context);
        if (rc >= 0)
            rc = ca_context_change_props(context, CA_PROP_APPLICATION_NAME, "deskbreak",
                                         CA_PROP_APPLICATION_ID, "org.deskbreak.deskbreak",
                                         CA_PROP_APPLICATION_ICON_NAME, "org.deskbreak.deskbreak",
                                         nullptr);
        if (rc >= 0)
            rc = ca_context_open(context); // connects to the sound server
        if (rc < 0) {
            if (context)
                ca_context_destroy(context);
            return soundFails(QStringLiteral("no sound server to play the chimes on (%1)")
                                  .arg(QString::fromUtf8(ca_strerror(rc))),
                              QStringLiteral("chimes play through PulseAudio or PipeWire "
                                             "(pipewire-pulse); the break goes on without them"));
        }
        m_context = context;
        return true;
    }

    bool soundFails(const QString& problem, const QString& hint)
    {
        m_soundProblem = problem;
        m_soundHint = hint;
        warnOnce(QStringLiteral("no chimes: ") + problem);
        return false;
    }

    bool openVoice()
    {
        if (m_voice)
            return true;
        if (!m_voiceProblem.isEmpty())
            return false;
        // The words go to files in the user's private runtime folder, played like a chime.
        m_voiceDir = qEnvironmentVariable("XDG_RUNTIME_DIR");
        if (m_voiceDir.isEmpty() || !QDir(m_voiceDir).exists())
            return voiceFails(QStringLiteral("no private runtime folder (XDG_RUNTIME_DIR) to "
                                             "put the spoken words in"),
                              QStringLiteral("start deskbreak in your desktop session"));
        static const bool initialised = [] {
            flite_init();
            return true;
        }();
        Q_UNUSED(initialised);
        m_voice = register_cmu_us_slt(nullptr);
        if (!m_voice)
            return voiceFails(QStringLiteral("flite's voice cmu_us_slt did not load"),
                              QStringLiteral("reinstall libflite1"));
        return true;
    }

    bool voiceFails(const QString& problem, const QString& hint)
    {
        m_voiceProblem = problem;
        m_voiceHint = hint;
        warnOnce(QStringLiteral("no voice: ") + problem);
        return false;
    }

    // New words replace whatever is still being said.
    void speak(const QString& words)
    {
        if (!m_context || !m_voice || words.isEmpty())
            return;
        ca_context_cancel(m_context, kVoiceId);
        cst_wave* wave = flite_text_to_wave(words.toUtf8().constData(), m_voice);
        if (!wave || wave->num_samples <= 0 || wave->sample_rate <= 0) {
            if (wave)
                delete_wave(wave);
            warnOnce(QStringLiteral("flite made no sound of \"%1\"").arg(words));
            return;
        }
        const milliseconds length(qint64(wave->num_samples) * 1000 / wave->sample_rate);
        QTemporaryFile file(m_voiceDir + QStringLiteral("/deskbreak-voice-XXXXXX.wav"));
        const bool saved =
            file.open() &&
            cst_wave_save_riff(wave, QFile::encodeName(file.fileName()).constData()) == 0;
        delete_wave(wave);
        if (!saved) {
            warnOnce(QStringLiteral("cannot write the spoken words to %1").arg(m_voiceDir));
            return;
        }
        // libcanberra opens the file before it returns: it may go as soon as it has.
        const QByteArray path = QFile::encodeName(file.fileName());
        const int rc = ca_context_play(m_context, kVoiceId, CA_PROP_MEDIA_FILENAME,
                                       path.constData(), CA_PROP_MEDIA_ROLE, "event",
                                       CA_PROP_EVENT_DESCRIPTION, "Break guidance", nullptr);
        if (rc < 0) {
            warnOnce(QStringLiteral("cannot play the spoken words: %1")
                         .arg(QString::fromUtf8(ca_strerror(rc))));
            return;
        }
        m_speech.start(length);
        if (m_releaseTimer.isActive()) // the break is over: these are its last words
            m_releaseTimer.start(length + kReleaseMargin);
    }

    // Lets go of the sound server and the voice; the next cue connects again, and problems
    // found are looked for again then.
    void close()
    {
        m_releaseTimer.stop();
        m_speechDelay.stop();
        m_pendingWords.clear();
        if (m_voice) {
            unregister_cmu_us_slt(m_voice);
            m_voice = nullptr;
        }
        if (m_context) {
            ca_context_destroy(m_context);
            m_context = nullptr;
        }
        m_soundProblem.clear();
        m_soundHint.clear();
        m_voiceProblem.clear();
        m_voiceHint.clear();
        m_chime = {};
        m_speech = {};
    }

    QString m_soundDir;
    QHash<int, milliseconds> m_lengths; // by CueKind
    ca_context* m_context = nullptr;
    QString m_soundProblem;
    QString m_soundHint;
    cst_voice* m_voice = nullptr;
    QString m_voiceDir;
    QString m_voiceProblem;
    QString m_voiceHint;
    QTimer m_speechDelay; // holds words back until the chime under way has played
    QString m_pendingWords;
    Deadline m_chime;  // the chime under way
    Deadline m_speech; // the words being said
    QTimer m_releaseTimer;
};

} // namespace

} // namespace deskbreak::platform

extern "C" Q_DECL_EXPORT int deskbreak_cues_abi()
{
    return deskbreak::platform::cues::kModuleAbi;
}

extern "C" Q_DECL_EXPORT deskbreak::platform::CuePlayer*
deskbreak_cues_create(const QString& soundDir)
{
    return new deskbreak::platform::CanberraCuePlayer(soundDir);
}
