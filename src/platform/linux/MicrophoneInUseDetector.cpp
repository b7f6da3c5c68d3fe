#include "platform/linux/MicrophoneInUseDetector.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTimer>

namespace deskbreak::platform {

namespace {

Q_LOGGING_CATEGORY(lcMicrophone, "deskbreak.platform.microphone")

// A running substream's status is a dozen short lines; a file longer than this is not one.
constexpr qint64 kMaxStatusBytes = 4096;
// ALSA has at most 32 cards, and few devices and substreams each: a bound on the files read.
constexpr int kMaxStatusFiles = 1024;

QStringList subdirs(const QString& dir, const QRegularExpression& name)
{
    QStringList found;
    const QStringList entries =
        QDir(dir).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks, QDir::Name);
    for (const QString& entry : entries) {
        if (name.match(entry).hasMatch()) {
            found.append(dir + QLatin1Char('/') + entry);
        }
    }
    return found;
}

bool runs(const QString& statusPath)
{
    QFile status(statusPath);
    if (!status.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        return false;
    }
    // "closed" when no stream is open; else "state: RUNNING", "owner_pid   : 1234", ...
    const QByteArray text = status.read(kMaxStatusBytes);
    for (const QByteArray& line : text.split('\n')) {
        if (line.simplified() == "state: RUNNING") {
            return true;
        }
    }
    return false;
}

} // namespace

MicrophoneInUseDetector::MicrophoneInUseDetector(QString asoundDir, QObject* parent)
    : HoldDetector(parent)
    , m_asoundDir(std::move(asoundDir))
    , m_look(new QTimer(this))
{
    m_look->setTimerType(Qt::CoarseTimer);
    m_look->setInterval(kLookIntervalMs);
    connect(m_look, &QTimer::timeout, this, &MicrophoneInUseDetector::lookAgain);
}

QString MicrophoneInUseDetector::looksAt() const
{
    return QStringLiteral("capture streams in %1").arg(m_asoundDir);
}

void MicrophoneInUseDetector::setWatching(bool on)
{
    if (on == m_watching) {
        return;
    }
    m_watching = on;
    m_active = false;
    if (!on) {
        m_look->stop();
        return;
    }
    const std::optional<bool> running = scan();
    if (!running) {
        if (!m_toldMissing) {
            m_toldMissing = true;
            qCInfo(lcMicrophone).noquote()
                << "no" << m_asoundDir << "(no sound card, or a container without it):"
                << "a microphone in use goes unseen";
        }
        return;
    }
    m_active = *running;
    m_look->start();
}

std::optional<bool> MicrophoneInUseDetector::scan() const
{
    if (!QFileInfo(m_asoundDir).isDir()) {
        return std::nullopt;
    }
    static const QRegularExpression card(QStringLiteral("^card[0-9]+$"));
    static const QRegularExpression capture(QStringLiteral("^pcm[0-9]+c$"));
    static const QRegularExpression substream(QStringLiteral("^sub[0-9]+$"));
    int read = 0;
    for (const QString& cardDir : subdirs(m_asoundDir, card)) {
        for (const QString& pcmDir : subdirs(cardDir, capture)) {
            for (const QString& subDir : subdirs(pcmDir, substream)) {
                if (++read > kMaxStatusFiles) {
                    return false;
                }
                if (runs(subDir + QStringLiteral("/status"))) {
                    return true;
                }
            }
        }
    }
    return false;
}

void MicrophoneInUseDetector::lookAgain()
{
    if (!m_watching) {
        return;
    }
    // Gone while watching (the sound module unloaded): no capture runs.
    const bool now = scan().value_or(false);
    if (now != m_active) {
        m_active = now;
        emit activeChanged(now);
    }
}

} // namespace deskbreak::platform
