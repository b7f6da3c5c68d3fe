// The OS calls behind platform/System.h: the private-folder check and the termination
// signals turned into an event-loop call.
#include "platform/System.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QTemporaryDir>
#include <csignal>
#include <doctest/doctest.h>

using namespace deskbreak;

TEST_CASE("a folder is private only when it is ours and closed to others")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const auto mine = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
    REQUIRE(QFile::setPermissions(dir.path(), mine));
    QString why;
    CHECK(platform::isPrivateFolder(dir.path(), &why));
    CHECK(why.isEmpty());

    REQUIRE(QFile::setPermissions(dir.path(), mine | QFile::ReadGroup | QFile::ExeGroup));
    CHECK_FALSE(platform::isPrivateFolder(dir.path(), &why));
    CHECK(why == dir.path() + " is not a private folder of this user (mode 0700)");

    CHECK_FALSE(platform::isPrivateFolder(dir.filePath("missing"), &why));
}

TEST_CASE("SIGTERM and SIGINT reach the handler through the event loop, not at once")
{
    QObject context;
    int calls = 0;
    platform::onTerminationRequest(&context, [&] { ++calls; });
    for (int signal : {SIGTERM, SIGINT}) {
        const int before = calls;
        REQUIRE(std::raise(signal) == 0);
        CHECK(calls == before); // nothing runs inside the signal handler
        const QDeadlineTimer deadline(5000);
        while (calls == before && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        CHECK(calls == before + 1);
    }
}
