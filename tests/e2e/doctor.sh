#!/usr/bin/env bash
# `deskbreak doctor` on a real desktop: it must name the backend this desktop offers for
# each capability, and say why the others do not fit. Runs on X11 (with-xvfb.sh +
# with-dunst.sh, trayer as the tray host) or on a headless compositor (with-sway.sh,
# with-kwin.sh, with-mutter.sh; maybe inside with-xvfb.sh, as under Xwayland).
SCENARIO=doctor-${DESKBREAK_TEST_COMPOSITOR:-x11}-${QT_QPA_PLATFORM:-default}${DISPLAY:+-with-x}
source "$(dirname "$0")/lib.sh"
compositor=${DESKBREAK_TEST_COMPOSITOR:-x11}

# expect WHAT KEY PATTERN: doctor_says WHAT KEY matches the glob PATTERN.
expect() {
    local got
    got=$(doctor_says "$1" "$2") || fail "doctor_says $1 $2 failed"
    # shellcheck disable=SC2053  # $3 is a glob on purpose
    [[ $got == $3 ]] || fail "doctor: $1 $2 is '$got', expected '$3'"
}

[[ $compositor == x11 ]] && start_tray_host

step "plain doctor exits 0 with a line per capability"
"$DESKBREAK" doctor >"$home/doctor.txt" || fail "doctor exited $?"
run_doctor
capabilities=$(python3 -c 'import json, sys
print("\n".join(c["capability"] for c in json.load(open(sys.argv[1]))["capabilities"]))' \
    "$home/doctor.json")
for capability in idle lock sleep tray notifications autostart; do
    grep -qx "$capability" <<<"$capabilities" || fail "doctor --json has no $capability"
done
grep -q '^session  *[a-z]' "$home/doctor.txt" || fail "plain doctor has no session line"
while read -r capability; do
    grep -Eq "^$capability +(ok|none)( |$)" "$home/doctor.txt" ||
        fail "plain doctor has no line for $capability"
done <<<"$capabilities"

case $compositor in
x11)
    step "X11: x11-sync, XEmbed, freedesktop notifications; Wayland candidates ruled out"
    expect session type x11
    expect idle backend x11-sync
    for backend in gnome-mutter wayland-ext-idle-notify wayland-kde-idle; do
        expect idle "rejected:$backend" "not a Wayland session"
    done
    expect notifications backend 'freedesktop*'
    expect notifications detail 'with buttons'
    expect tray backend xembed
    expect tray rejected:status-notifier-item '*no StatusNotifierWatcher*'
    ;;
sway | kwin | mutter)
    step "$compositor: the compositor's idle source, never X11's; no tray"
    expect session type wayland
    case $compositor in
    sway)
        expect idle backend 'wayland org_kde_kwin_idle'
        expect idle rejected:wayland-ext-idle-notify '*ext_idle_notifier_v1*'
        expect tray hint '*StatusNotifierItem*open deskbreak again*'
        ;;
    kwin)
        expect idle backend 'wayland ext-idle-notify-v1*'
        expect lock available true
        expect lock detail '*org.freedesktop.ScreenSaver*'
        expect tray hint '*StatusNotifierItem*open deskbreak again*'
        ;;
    mutter)
        expect idle backend gnome-mutter
        expect tray hint '*AppIndicator extension*'
        ;;
    esac
    for backend in x11-sync x11-screensaver; do
        expect idle "rejected:$backend" '*Wayland session*'
    done
    expect tray available false
    expect tray rejected:xembed 'Wayland has no XEmbed tray'
    ;;
*) fail "unknown compositor $compositor" ;;
esac
step "done"
