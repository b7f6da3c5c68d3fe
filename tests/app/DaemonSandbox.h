#pragma once

// A private home for the real deskbreak binary: XDG folders, a 0700 runtime dir (for
// the socket and the instance lock), offscreen Qt, and helpers to run commands and wait.
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <doctest/doctest.h>
#include <functional>
#include <memory>

namespace deskbreak::test {

struct Run {
    int code = -1; // -1: crashed or did not finish in time
    QString out;
    QString err;
};

// Polls `done` with the event loop running, until it holds or `ms` pass.
inline bool waitFor(const std::function<bool()>& done, int ms)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > ms)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(20);
    }
    return true;
}

class DaemonSandbox {
public:
    DaemonSandbox()
    {
        REQUIRE(m_home.isValid());
        for (const char* sub : {"config/deskbreak", "data", "state", "runtime"})
            QDir().mkpath(m_home.filePath(sub));
        QFile::setPermissions(m_home.filePath("runtime"),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        m_env.insert("HOME", m_home.path());
        m_env.insert("XDG_CONFIG_HOME", m_home.filePath("config"));
        m_env.insert("XDG_DATA_HOME", m_home.filePath("data"));
        m_env.insert("XDG_STATE_HOME", m_home.filePath("state"));
        m_env.insert("XDG_RUNTIME_DIR", m_home.filePath("runtime"));
        m_env.insert("QT_QPA_PLATFORM", "offscreen");
        m_env.insert("LC_ALL", "C.UTF-8");
        for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "DESKBREAK_DATA_DIR"})
            m_env.remove(name);
        // This process talks to the daemon through the same runtime dir.
        qputenv("XDG_RUNTIME_DIR", m_home.filePath("runtime").toUtf8());
    }

    QString path(const QString& name) const { return m_home.filePath(name); }
    QString configFile() const { return path("config/deskbreak/config.toml"); }
    QString logFile() const { return path("state/deskbreak/deskbreak.log"); }
    QProcessEnvironment& env() { return m_env; }

    QString write(const QString& name, const QByteArray& data) const
    {
        const QString file = path(name);
        QDir().mkpath(QFileInfo(file).absolutePath());
        QFile f(file);
        REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(data);
        return file;
    }

    QString log() const
    {
        QFile f(logFile());
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

    // Runs the binary to its end; a run that does not end in `timeoutMs` is killed (code -1).
    Run run(const QStringList& args, int timeoutMs = 20000) const
    {
        QProcess p;
        p.setProcessEnvironment(m_env);
        p.start(QStringLiteral(DESKBREAK_BINARY), args);
        const bool finished = p.waitForStarted() && p.waitForFinished(timeoutMs);
        if (!finished) {
            p.kill();
            p.waitForFinished();
        }
        return {finished && p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

    std::unique_ptr<QProcess> spawn(const QStringList& args = {}) const
    {
        auto p = std::make_unique<QProcess>();
        p->setProcessEnvironment(m_env);
        p->start(QStringLiteral(DESKBREAK_BINARY), args);
        return p;
    }

    // The daemon's status, or an empty object when it does not answer in 5 s.
    QJsonObject status() const
    {
        const Run r = run({"status", "--json"}, 5000);
        return r.code == 0 ? QJsonDocument::fromJson(r.out.toUtf8()).object() : QJsonObject();
    }

    // Starts a daemon and waits until it answers.
    std::unique_ptr<QProcess> startDaemon()
    {
        auto daemon = spawn();
        REQUIRE(daemon->waitForStarted());
        REQUIRE_MESSAGE(waitFor([&] { return !status().isEmpty(); }, 15000),
                        "the daemon did not answer: " << log().toStdString());
        return daemon;
    }

    // `deskbreak quit`, then the daemon must end with exit code 0.
    void quit(QProcess& daemon) const
    {
        CHECK(run({"quit"}).code == 0);
        REQUIRE(daemon.waitForFinished(10000));
        CHECK(daemon.exitStatus() == QProcess::NormalExit);
        CHECK(daemon.exitCode() == 0);
    }

private:
    QTemporaryDir m_home;
    QProcessEnvironment m_env = QProcessEnvironment::systemEnvironment();
};

} // namespace deskbreak::test
