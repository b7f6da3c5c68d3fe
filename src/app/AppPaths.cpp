#include "app/AppPaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace deskbreak::app::paths {

namespace {
const QString kApp = QStringLiteral("deskbreak");

// An XDG base directory: the variable when it is an absolute path, else the spec's default.
QString xdg(const char* variable, const QString& fallbackBelowHome)
{
    const QString value = qEnvironmentVariable(variable);
    if (!value.isEmpty() && QDir::isAbsolutePath(value))
        return value;
    return QDir::homePath() + u'/' + fallbackBelowHome;
}
} // namespace

QString configHome()
{
#ifdef Q_OS_LINUX
    return xdg("XDG_CONFIG_HOME", QStringLiteral(".config"));
#else
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
#endif
}

QString configDir()
{
    return configHome() + u'/' + kApp;
}

QString configFile()
{
    return configDir() + QStringLiteral("/config.toml");
}

QString userRoutinesDir()
{
    return configDir() + QStringLiteral("/routines");
}

QString dataDir()
{
#ifdef Q_OS_LINUX
    return xdg("XDG_DATA_HOME", QStringLiteral(".local/share")) + u'/' + kApp;
#else
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u'/' + kApp;
#endif
}

QString stateDir()
{
#ifdef Q_OS_LINUX
    return xdg("XDG_STATE_HOME", QStringLiteral(".local/state")) + u'/' + kApp;
#else
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
#endif
}

QString runtimeDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
}

QString contentDir()
{
    const QString fromEnv = qEnvironmentVariable("DESKBREAK_DATA_DIR");
    if (!fromEnv.isEmpty())
        return fromEnv;
    const QString besideBinary = QDir(QCoreApplication::applicationDirPath())
                                     .absoluteFilePath(QStringLiteral("../share/deskbreak"));
    if (QFileInfo::exists(besideBinary + QStringLiteral("/exercises.toml")))
        return QDir::cleanPath(besideBinary);
    // A macOS app bundle keeps its data in Contents/Resources.
    const QString inBundle = QDir(QCoreApplication::applicationDirPath())
                                 .absoluteFilePath(QStringLiteral("../Resources/deskbreak"));
    if (QFileInfo::exists(inBundle + QStringLiteral("/exercises.toml")))
        return QDir::cleanPath(inBundle);
    for (const QString& dir : QStandardPaths::locateAll(QStandardPaths::GenericDataLocation, kApp,
                                                        QStandardPaths::LocateDirectory))
        if (QFileInfo::exists(dir + QStringLiteral("/exercises.toml")))
            return dir;
    return QDir::cleanPath(besideBinary);
}

} // namespace deskbreak::app::paths
