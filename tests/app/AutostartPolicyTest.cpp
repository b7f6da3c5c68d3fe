// "[startup] autostart": on once, the user's own "off" respected after that, false turns it
// off; and the tray's toggle. On a fake autostart and a fake clock.
#include "app/AutostartPolicy.h"

#include "support/FakeAutostart.h"
#include "support/FakeClock.h"

#include <QFile>
#include <QTemporaryDir>
#include <doctest/doctest.h>

using namespace deskbreak;
using app::AutostartPolicy;
using Outcome = AutostartPolicy::Outcome;

namespace {
struct Rig {
    Rig() { REQUIRE(dir.isValid()); }
    QString marker() const { return dir.filePath("state/autostart-applied"); }
    QTemporaryDir dir;
    test::FakeClock clock;
    test::FakeAutostart autostart;
    AutostartPolicy policy{autostart, marker(), QStringLiteral("/opt/deskbreak"), clock};
};
} // namespace

TEST_CASE("true turns autostart on once, and the user's later off is respected")
{
    Rig rig;
    CHECK(rig.policy.apply(true) == Outcome::TurnedOn);
    CHECK(rig.autostart.enabled);
    CHECK(rig.autostart.program == "/opt/deskbreak");
    QFile marker(rig.marker());
    REQUIRE(marker.open(QIODevice::ReadOnly));
    CHECK(marker.readAll().trimmed() == rig.clock.wall().toString(Qt::ISODate).toUtf8());

    CHECK(rig.policy.setByUser(false)); // the tray's toggle
    CHECK_FALSE(rig.autostart.enabled);
    const int changes = rig.autostart.changes;
    CHECK(rig.policy.apply(true) == Outcome::Unchanged); // the next start
    CHECK_FALSE(rig.autostart.enabled);
    CHECK(rig.autostart.changes == changes);
}

TEST_CASE("already on at the first start: nothing to tell, and the rule is spent")
{
    Rig rig;
    rig.autostart.enabled = true;
    CHECK(rig.policy.apply(true) == Outcome::Unchanged);
    CHECK(rig.autostart.changes == 0);
    CHECK(QFile::exists(rig.marker()));
}

TEST_CASE("false turns autostart off, at every start")
{
    Rig rig;
    rig.autostart.enabled = true;
    CHECK(rig.policy.apply(false) == Outcome::TurnedOff);
    CHECK_FALSE(rig.autostart.enabled);
    CHECK(rig.policy.apply(false) == Outcome::Unchanged);
    CHECK(rig.policy.setByUser(true));                    // turned on by hand ...
    CHECK(rig.policy.apply(false) == Outcome::TurnedOff); // ... the config says no again
    CHECK_FALSE(QFile::exists(rig.marker()));
}

TEST_CASE("a change that fails is reported, and the state is left as it is")
{
    Rig rig;
    rig.autostart.failing = true;
    CHECK(rig.policy.apply(true) == Outcome::Failed);
    CHECK_FALSE(rig.autostart.enabled);
    CHECK_FALSE(rig.policy.setByUser(true));
    CHECK_FALSE(rig.policy.isEnabled());
}
