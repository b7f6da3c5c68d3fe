#include "platform/linux/XdgAutostart.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>

namespace deskbreak::platform {

XdgAutostart::XdgAutostart(const QString& configHome)
    : m_file(configHome + QStringLiteral("/autostart/deskbreak.desktop"))
{
}

bool XdgAutostart::isEnabled() const
{
    // A FIFO or device in its place is no entry of ours, and is never opened (it could block).
    if (!QFileInfo(m_file).isFile())
        return false;
    // An entry the desktop's settings switched off stays on disk with Hidden=true.
    QFile f(m_file);
    if (!f.open(QIODevice::ReadOnly) || f.isSequential())
        return false;
    for (const QByteArray& line : f.read(qint64(64) * 1024).split('\n')) {
        const QByteArray l = line.trimmed();
        if (l == "Hidden=true" || l == "X-GNOME-Autostart-enabled=false")
            return false;
    }
    return true;
}

QByteArray XdgAutostart::entry(const QString& program)
{
    // Desktop Entry spec: an argument with reserved characters is double-quoted, and
    // inside the quotes ", `, $ and \ are escaped with a backslash.
    QString exec = program;
    static const QString reserved = QStringLiteral(" \t\n\"'\\><~|&;$*?#()`");
    if (std::any_of(exec.begin(), exec.end(), [](QChar c) { return reserved.contains(c); })) {
        QString quoted;
        for (QChar c : exec) {
            if (c == u'"' || c == u'`' || c == u'$' || c == u'\\')
                quoted += u'\\';
            quoted += c;
        }
        exec = u'"' + quoted + u'"';
    }
    // "%" is the field-code character; a literal one is written twice.
    exec.replace(u'%', QStringLiteral("%%"));
    return QByteArrayLiteral("[Desktop Entry]\n"
                             "Type=Application\n"
                             "Name=deskbreak\n"
                             "Comment=Reminds you to take short stretching breaks from sitting\n") +
           "Exec=" + exec.toUtf8() + "\n" +
           QByteArrayLiteral("Icon=org.deskbreak.deskbreak\n"
                             "Terminal=false\n"
                             "X-GNOME-Autostart-enabled=true\n");
}

bool XdgAutostart::setEnabled(bool on, const QString& program, QString* error)
{
    if (!on) {
        if (QFileInfo::exists(m_file) && !QFile::remove(m_file)) {
            *error = QStringLiteral("cannot remove %1").arg(m_file);
            return false;
        }
        return true;
    }
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    QSaveFile f(m_file);
    if (!f.open(QIODevice::WriteOnly)) {
        *error = f.errorString();
        return false;
    }
    f.write(entry(program));
    if (!f.commit()) {
        *error = f.errorString();
        return false;
    }
    return true;
}

} // namespace deskbreak::platform
