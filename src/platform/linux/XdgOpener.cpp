#include "platform/linux/XdgOpener.h"

#include <QProcess>
#include <QTimer>
#include <memory>

namespace deskbreak::platform {

namespace {

// xdg-open's documented exit codes.
QString exitReason(int code)
{
    switch (code) {
    case 1:
        return QStringLiteral("xdg-open: error in the command line (exit 1)");
    case 2:
        return QStringLiteral("xdg-open: the file does not exist (exit 2)");
    case 3:
        return QStringLiteral("xdg-open: no application or tool found for it (exit 3)");
    case 4:
        return QStringLiteral("xdg-open: the application failed to open it (exit 4)");
    default:
        return QStringLiteral("xdg-open exited with %1").arg(code);
    }
}

} // namespace

XdgOpener::XdgOpener(QString program, std::chrono::milliseconds settle, QObject* parent)
    : QObject(parent)
    , m_program(std::move(program))
    , m_settle(settle)
{
}

void XdgOpener::open(const QString& path, Done done)
{
    auto* process = new QProcess(this);
    process->setProgram(m_program);
    process->setArguments({path});
    process->setStandardInputFile(QProcess::nullDevice());
    process->setStandardOutputFile(QProcess::nullDevice());
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    // Answered once: by the exit code, by a failure to start, or by still running.
    auto answer = std::make_shared<Done>(std::move(done));
    auto reply = [answer](bool opened, const QString& why) {
        if (*answer) {
            const Done d = std::exchange(*answer, nullptr);
            d(opened, why);
        }
    };
    connect(process, &QProcess::finished, this,
            [process, reply](int code, QProcess::ExitStatus status) {
                if (status == QProcess::CrashExit)
                    reply(false, QStringLiteral("xdg-open crashed"));
                else
                    reply(code == 0, code == 0 ? QString() : exitReason(code));
                process->deleteLater();
            });
    connect(process, &QProcess::errorOccurred, this,
            [this, process, reply](QProcess::ProcessError e) {
                if (e != QProcess::FailedToStart)
                    return;
                reply(false, QStringLiteral("%1 could not be started (%2)")
                                 .arg(m_program, process->errorString()));
                process->deleteLater();
            });
    QTimer::singleShot(m_settle, process, [process, reply] {
        if (process->state() != QProcess::NotRunning)
            reply(true, {}); // it waits for the application it started
    });
    process->start();
}

} // namespace deskbreak::platform
