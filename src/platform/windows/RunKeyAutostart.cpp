#include "platform/windows/RunKeyAutostart.h"

#include <QDir>
#include <QSettings>

namespace deskbreak::platform {

namespace {
const QString kRunKey =
    QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");
const QString kValue = QStringLiteral("deskbreak");
} // namespace

QString RunKeyAutostart::location() const
{
    return kRunKey + u'\\' + kValue;
}

bool RunKeyAutostart::isEnabled() const
{
    QSettings run(kRunKey, QSettings::NativeFormat);
    return run.contains(kValue);
}

bool RunKeyAutostart::setEnabled(bool on, const QString& program, QString* error)
{
    QSettings run(kRunKey, QSettings::NativeFormat);
    if (on)
        run.setValue(kValue, u'"' + QDir::toNativeSeparators(program) + u'"');
    else
        run.remove(kValue);
    run.sync();
    if (run.status() != QSettings::NoError) {
        *error = QStringLiteral("cannot write %1").arg(location());
        return false;
    }
    return true;
}

} // namespace deskbreak::platform
