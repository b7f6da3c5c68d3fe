#include "platform/macos/LaunchAgentAutostart.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace deskbreak::platform {

LaunchAgentAutostart::LaunchAgentAutostart(QString home)
    : m_file(home + QStringLiteral("/Library/LaunchAgents/org.deskbreak.deskbreak.plist"))
{
}

bool LaunchAgentAutostart::isEnabled() const
{
    return QFileInfo::exists(m_file);
}

bool LaunchAgentAutostart::setEnabled(bool on, const QString& program, QString* error)
{
    if (!on) {
        if (QFileInfo::exists(m_file) && !QFile::remove(m_file)) {
            *error = QStringLiteral("cannot remove %1").arg(m_file);
            return false;
        }
        return true;
    }
    QString escaped = program.toHtmlEscaped();
    const QByteArray plist =
        QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                       "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                       "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                       "<plist version=\"1.0\">\n<dict>\n"
                       "  <key>Label</key><string>org.deskbreak.deskbreak</string>\n"
                       "  <key>ProgramArguments</key><array><string>%1</string></array>\n"
                       "  <key>RunAtLoad</key><true/>\n"
                       "  <key>ProcessType</key><string>Interactive</string>\n"
                       "</dict>\n</plist>\n")
            .arg(escaped)
            .toUtf8();
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    QSaveFile f(m_file);
    if (!f.open(QIODevice::WriteOnly)) {
        *error = f.errorString();
        return false;
    }
    f.write(plist);
    if (!f.commit()) {
        *error = f.errorString();
        return false;
    }
    return true;
}

} // namespace deskbreak::platform
