#!/usr/bin/python3
"""One relative pointer motion in the mutter on DBUS_SESSION_BUS_ADDRESS, as user
input: a RemoteDesktop session of its own, started, moved, stopped.

    mutter-input.py

Exits 0 once mutter has taken the motion (its idle time then restarts at 0),
1 with a message otherwise. Set as DESKBREAK_TEST_INPUT by with-mutter.sh.
"""
import sys

import dbus

SERVICE = "org.gnome.Mutter.RemoteDesktop"
TIMEOUT_S = 5


def main():
    try:
        bus = dbus.SessionBus()
        manager = dbus.Interface(
            bus.get_object(SERVICE, "/org/gnome/Mutter/RemoteDesktop", introspect=False),
            SERVICE)
        path = manager.CreateSession(timeout=TIMEOUT_S)
        session = dbus.Interface(bus.get_object(SERVICE, path, introspect=False),
                                 SERVICE + ".Session")
        session.Start(timeout=TIMEOUT_S)
        try:
            session.NotifyPointerMotionRelative(dbus.Double(4.0), dbus.Double(3.0),
                                                timeout=TIMEOUT_S)
        finally:
            session.Stop(timeout=TIMEOUT_S)
    except dbus.DBusException as error:
        print(f"mutter-input.py: {error.get_dbus_name()}: {error.get_dbus_message()}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
