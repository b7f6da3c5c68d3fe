#include "app/AppPaths.h"

#include "platform/System.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace deskbreak::app::paths {

namespace {
const QString kApp = QStringLiteral("deskbreak");

// Set: every file below this one folder instead of the XDG ones (the demo's profile).
QString& privateProfile()
{
    static QString root;
    return root;
}

// An XDG base directory: the variable when it is an absolute path, else the spec's default.
QString xdg(const char* variable, const QString& fallbackBelowHome)
{
    QString value = qEnvironmentVariable(variable);
    if (!value.isEmpty() && QDir::isAbsolutePath(value))
        return value;
    return QDir::homePath() + u'/' + fallbackBelowHome;
}
} // namespace

void usePrivateProfile(const QString& root)
{
    privateProfile() = root;
}

QString profileRoot()
{
    return privateProfile();
}

QString configHome()
{
    if (!privateProfile().isEmpty())
        return privateProfile() + QStringLiteral("/config");
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
    if (!privateProfile().isEmpty())
        return privateProfile() + QStringLiteral("/data/") + kApp;
#ifdef Q_OS_LINUX
    return xdg("XDG_DATA_HOME", QStringLiteral(".local/share")) + u'/' + kApp;
#else
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u'/' + kApp;
#endif
}

QString stateDir()
{
    if (!privateProfile().isEmpty())
        return privateProfile() + QStringLiteral("/state/") + kApp;
#ifdef Q_OS_LINUX
    return xdg("XDG_STATE_HOME", QStringLiteral(".local/state")) + u'/' + kApp;
#else
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
#endif
}

QString runtimeDir()
{
    if (!privateProfile().isEmpty())
        return privateProfile() + QStringLiteral("/runtime");
    return QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
}

QString instanceLock()
{
    return runtimeDir() + QStringLiteral("/deskbreak.lock");
}

QString chooseHome(const QString& envHome, const QString& passwdHome, bool passwdHomeExists,
                   QString* error)
{
    const auto usable = [](const QString& dir) {
        return QDir::isAbsolutePath(dir) && QDir::cleanPath(dir) != u"/";
    };
    if (usable(envHome))
        return QDir::cleanPath(envHome);
    const QString env = envHome.isEmpty() ? QStringLiteral("HOME is not set")
                                          : QStringLiteral("HOME=%1 is not usable").arg(envHome);
    if (usable(passwdHome) && passwdHomeExists)
        return QDir::cleanPath(passwdHome);
    *error =
        QStringLiteral("cannot find your home folder: %1, and %2; set HOME to your home folder")
            .arg(env,
                 passwdHome.isEmpty()
                     ? QStringLiteral("the password database has no entry for this user")
                     : QStringLiteral("the password database gives %1, which %2")
                           .arg(passwdHome, usable(passwdHome) ? QStringLiteral("does not exist")
                                                               : QStringLiteral("is not usable")));
    return {};
}

QString resolveHome(QString* error)
{
    const QString env = qEnvironmentVariable("HOME");
#ifdef Q_OS_UNIX
    const QString passwdHome = platform::homeFromPasswordDatabase();
    return chooseHome(env, passwdHome, !passwdHome.isEmpty() && QFileInfo(passwdHome).isDir(),
                      error);
#else
    // Elsewhere Qt finds the home folder from the system (USERPROFILE, the user's profile).
    Q_UNUSED(env);
    Q_UNUSED(error);
    return QDir::homePath();
#endif
}

QString contentDir()
{
    QString fromEnv = qEnvironmentVariable("DESKBREAK_DATA_DIR");
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
