#include "platform/ModuleCuePlayer.h"

#include "platform/cues/CueModule.h"

#include <QLibrary>
#include <QLoggingCategory>
#include <utility>

namespace deskbreak::platform {

namespace {
Q_LOGGING_CATEGORY(lcCueModule, "deskbreak.platform.cues")
} // namespace

ModuleCuePlayer::ModuleCuePlayer(QString modulePath, QString soundDir)
    : m_modulePath(std::move(modulePath))
    , m_soundDir(std::move(soundDir))
{
}

// The backend goes first; the library stays mapped (QLibrary's destructor does not unload).
ModuleCuePlayer::~ModuleCuePlayer()
{
    m_backend.reset();
}

QString ModuleCuePlayer::name() const
{
    return m_backend ? m_backend->name() : QStringLiteral("deskbreak-cues");
}

bool ModuleCuePlayer::load()
{
    if (m_backend)
        return true;
    if (std::exchange(m_tried, true))
        return false;
    const auto fail = [this](const QString& why, const QString& hint) {
        m_loadProblem = why;
        m_loadHint = hint;
        qCWarning(lcCueModule).noquote() << "no chimes and no voice:" << why;
        return false;
    };
    if (m_modulePath.isEmpty())
        return fail(QStringLiteral("deskbreak has no sound module on this system"),
                    QStringLiteral("chimes and the voice are built for Linux only so far"));
    const QString reinstall =
        QStringLiteral("reinstall deskbreak: its sound module is missing or broken");
    m_library = std::make_unique<QLibrary>(m_modulePath);
    if (!m_library->load())
        return fail(
            QStringLiteral("cannot load %1 (%2)").arg(m_modulePath, m_library->errorString()),
            reinstall);
    const auto abi = reinterpret_cast<cues::AbiFunction>(m_library->resolve(cues::kAbiSymbol));
    const auto create =
        reinterpret_cast<cues::CreateFunction>(m_library->resolve(cues::kCreateSymbol));
    if (!abi || !create || abi() != cues::kModuleAbi)
        return fail(QStringLiteral("%1 is not this version's sound module").arg(m_modulePath),
                    reinstall);
    m_backend.reset(create(m_soundDir));
    qCInfo(lcCueModule).noquote() << "sound module loaded:" << m_modulePath;
    return m_backend != nullptr;
}

void ModuleCuePlayer::prepare(bool sound, bool voice)
{
    if ((sound || voice) && load())
        m_backend->prepare(sound, voice);
}

void ModuleCuePlayer::play(core::CueKind kind)
{
    if (kind != core::CueKind::Start && load())
        m_backend->play(kind);
}

void ModuleCuePlayer::say(const QString& words)
{
    if (!words.isEmpty() && load())
        m_backend->say(words);
}

void ModuleCuePlayer::stop()
{
    if (m_backend) // nothing plays that was never loaded
        m_backend->stop();
}

void ModuleCuePlayer::release()
{
    if (m_backend)
        m_backend->release();
}

CuePlayer::Health ModuleCuePlayer::health()
{
    if (load())
        return m_backend->health();
    Health h;
    h.soundProblem = m_loadProblem;
    h.voiceProblem = m_loadProblem;
    h.soundHint = m_loadHint;
    h.voiceHint = m_loadHint;
    return h;
}

} // namespace deskbreak::platform
