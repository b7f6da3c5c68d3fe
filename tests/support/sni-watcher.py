#!/usr/bin/python3
"""A stand-in for a desktop's tray: org.kde.StatusNotifierWatcher with a host.

    sni-watcher.py [--log FILE]

Owns org.kde.StatusNotifierWatcher on the session bus (DBUS_SESSION_BUS_ADDRESS)
and says a host is registered, which is what makes Qt show QSystemTrayIcon as a
StatusNotifierItem, as it does under KDE Plasma, waybar or GNOME's AppIndicator
extension. Nothing is drawn. Lines written to FILE (default: stdout):

    ready                         the name is owned; apps may start
    item SERVICE PATH             an app registered a StatusNotifierItem
    gone SERVICE PATH             its owner left the bus

Ends on SIGTERM or SIGINT.
"""
import argparse
import signal
import sys

import dbus
import dbus.mainloop.glib
import dbus.service
from gi.repository import GLib

NAME = "org.kde.StatusNotifierWatcher"
PATH = "/StatusNotifierWatcher"
ITEM_PATH = "/StatusNotifierItem"  # where an item lives when it gives only its name

# dbus-python describes methods and signals but never properties, and Qt reads
# IsStatusNotifierHostRegistered through QDBusInterface, which knows only what the
# introspection data declares: so the whole interface is written out here.
INTROSPECTION = f"""<!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd">
<node name="{PATH}">
  <interface name="{NAME}">
    <method name="RegisterStatusNotifierItem">
      <arg name="service" type="s" direction="in"/>
    </method>
    <method name="RegisterStatusNotifierHost">
      <arg name="service" type="s" direction="in"/>
    </method>
    <property name="RegisteredStatusNotifierItems" type="as" access="read"/>
    <property name="IsStatusNotifierHostRegistered" type="b" access="read"/>
    <property name="ProtocolVersion" type="i" access="read"/>
    <signal name="StatusNotifierItemRegistered"><arg name="service" type="s"/></signal>
    <signal name="StatusNotifierItemUnregistered"><arg name="service" type="s"/></signal>
    <signal name="StatusNotifierHostRegistered"/>
    <signal name="StatusNotifierHostUnregistered"/>
  </interface>
  <interface name="org.freedesktop.DBus.Properties">
    <method name="Get">
      <arg name="interface" type="s" direction="in"/>
      <arg name="property" type="s" direction="in"/>
      <arg name="value" type="v" direction="out"/>
    </method>
    <method name="GetAll">
      <arg name="interface" type="s" direction="in"/>
      <arg name="properties" type="a{{sv}}" direction="out"/>
    </method>
    <method name="Set">
      <arg name="interface" type="s" direction="in"/>
      <arg name="property" type="s" direction="in"/>
      <arg name="value" type="v" direction="in"/>
    </method>
    <signal name="PropertiesChanged">
      <arg name="interface" type="s"/>
      <arg name="changed" type="a{{sv}}"/>
      <arg name="invalidated" type="as"/>
    </signal>
  </interface>
  <interface name="org.freedesktop.DBus.Introspectable">
    <method name="Introspect"><arg name="xml" type="s" direction="out"/></method>
  </interface>
</node>
"""


class Watcher(dbus.service.Object):
    def __init__(self, bus, out):
        super().__init__(bus, PATH)
        self._bus = bus
        self._out = out
        self._items = {}  # "SERVICE/PATH" -> the unique name that owns it

    def _say(self, line):
        print(line, file=self._out, flush=True)

    @dbus.service.method(NAME, in_signature="s", sender_keyword="sender")
    def RegisterStatusNotifierItem(self, service, sender=None):
        # The spec allows a bus name (the item is then at /StatusNotifierItem) or
        # an object path on the caller's own connection.
        if service.startswith("/"):
            name, path = sender, service
        else:
            name, path = service, ITEM_PATH
        key = name + path
        if key in self._items:
            return
        self._items[key] = sender
        self._bus.watch_name_owner(name, lambda owner: self._owner_changed(key, owner))
        self._say(f"item {name} {path}")
        self.StatusNotifierItemRegistered(key)

    def _owner_changed(self, key, owner):
        if owner or key not in self._items:
            return  # the first call reports the current owner
        del self._items[key]
        name, _, path = key.partition("/")
        self._say(f"gone {name} /{path}")
        self.StatusNotifierItemUnregistered(key)

    @dbus.service.method(NAME, in_signature="s")
    def RegisterStatusNotifierHost(self, service):
        self.StatusNotifierHostRegistered()

    @dbus.service.signal(NAME, signature="s")
    def StatusNotifierItemRegistered(self, service):
        pass

    @dbus.service.signal(NAME, signature="s")
    def StatusNotifierItemUnregistered(self, service):
        pass

    @dbus.service.signal(NAME, signature="")
    def StatusNotifierHostRegistered(self):
        pass

    @dbus.service.signal(NAME, signature="")
    def StatusNotifierHostUnregistered(self):
        pass

    def _properties(self):
        return {
            "RegisteredStatusNotifierItems": dbus.Array(sorted(self._items), signature="s"),
            "IsStatusNotifierHostRegistered": dbus.Boolean(True),  # this stand-in is the host
            "ProtocolVersion": dbus.Int32(0),
        }

    @dbus.service.method(dbus.PROPERTIES_IFACE, in_signature="ss", out_signature="v")
    def Get(self, interface, prop):
        props = self.GetAll(interface)
        if prop not in props:
            raise dbus.exceptions.DBusException(
                f"no property {prop}", name="org.freedesktop.DBus.Error.UnknownProperty")
        return props[prop]

    @dbus.service.method(dbus.PROPERTIES_IFACE, in_signature="s", out_signature="a{sv}")
    def GetAll(self, interface):
        if interface not in (NAME, ""):
            raise dbus.exceptions.DBusException(
                f"no interface {interface}", name="org.freedesktop.DBus.Error.UnknownInterface")
        return self._properties()

    @dbus.service.method(dbus.PROPERTIES_IFACE, in_signature="ssv")
    def Set(self, interface, prop, value):
        raise dbus.exceptions.DBusException(
            f"{prop} is read-only", name="org.freedesktop.DBus.Error.PropertyReadOnly")

    @dbus.service.signal(dbus.PROPERTIES_IFACE, signature="sa{sv}as")
    def PropertiesChanged(self, interface, changed, invalidated):
        pass

    @dbus.service.method(dbus.INTROSPECTABLE_IFACE, out_signature="s")
    def Introspect(self):
        return INTROSPECTION


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--log", help="write the lines here instead of to stdout")
    args = parser.parse_args()
    out = open(args.log, "a", encoding="utf-8") if args.log else sys.stdout

    dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    try:
        name = dbus.service.BusName(NAME, bus, do_not_queue=True)
    except dbus.exceptions.NameExistsException:
        print(f"sni-watcher.py: {NAME} is already owned on this bus", file=sys.stderr)
        return 1
    watcher = Watcher(bus, out)
    loop = GLib.MainLoop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    print("ready", file=out, flush=True)
    loop.run()
    del watcher, name
    return 0


if __name__ == "__main__":
    sys.exit(main())
