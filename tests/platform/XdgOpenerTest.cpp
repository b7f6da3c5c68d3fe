// "Open config" through xdg-open, judged by its exit code, against stand-in xdg-open
// scripts: opened (0), no application for the file (3), an application that stays
// (still running: opened), and no xdg-open at all.
#include "platform/linux/XdgOpener.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QTemporaryDir>
#include <doctest/doctest.h>
#include <optional>

using namespace deskbreak;
using namespace std::chrono_literals;

namespace {

struct Answer {
    bool opened = false;
    QString why;
};

// A stand-in xdg-open that runs `body` (sh), recording its argument next to it.
QString standIn(const QTemporaryDir& dir, const QByteArray& body)
{
    const QString path = dir.filePath("xdg-open");
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write("#!/bin/sh\nprintf '%s' \"$1\" > \"$(dirname \"$0\")/asked\"\n" + body + "\n");
    f.close();
    REQUIRE(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    return path;
}

std::optional<Answer> openWith(const QString& program, const QString& path)
{
    platform::XdgOpener opener(program, 300ms);
    std::optional<Answer> answer;
    int answers = 0;
    opener.open(path, [&](bool opened, const QString& why) {
        ++answers;
        answer = Answer{opened, why};
    });
    const QDeadlineTimer deadline(5000);
    while (!answer && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    // Answered once only, whatever comes after (the exit after "still running").
    const QDeadlineTimer more(500);
    while (!more.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    CHECK(answers <= 1);
    return answer;
}

QString asked(const QTemporaryDir& dir)
{
    QFile f(dir.filePath("asked"));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

TEST_CASE("xdg-open: exit 0 is opened, with the path passed as it is")
{
    QTemporaryDir dir;
    const auto answer =
        openWith(standIn(dir, "exit 0"), "/home/someone/.config/deskbreak/config.toml");
    REQUIRE(answer);
    CHECK(answer->opened);
    CHECK(asked(dir) == "/home/someone/.config/deskbreak/config.toml");
}

TEST_CASE("xdg-open: no application for the file (exit 3) is not opened, and says so")
{
    QTemporaryDir dir;
    const auto answer = openWith(standIn(dir, "exit 3"), "/tmp/config.toml");
    REQUIRE(answer);
    CHECK_FALSE(answer->opened);
    CHECK(answer->why.contains("no application"));
    const auto failed = openWith(standIn(dir, "exit 4"), "/tmp/config.toml");
    REQUIRE(failed);
    CHECK_FALSE(failed->opened);
    CHECK(failed->why.contains("exit 4"));
}

TEST_CASE("xdg-open: still running after a while means an application has the file")
{
    QTemporaryDir dir;
    const auto answer = openWith(standIn(dir, "sleep 2; exit 3"), "/tmp/config.toml");
    REQUIRE(answer);
    CHECK(answer->opened);
}

TEST_CASE("xdg-open: not installed is not opened, and says so")
{
    QTemporaryDir dir;
    const auto answer = openWith(dir.filePath("no-such-xdg-open"), "/tmp/config.toml");
    REQUIRE(answer);
    CHECK_FALSE(answer->opened);
    CHECK(answer->why.contains("could not be started"));
}
