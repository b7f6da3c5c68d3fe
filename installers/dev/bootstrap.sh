#!/usr/bin/env bash
# Sets up a Debian 12 machine for deskbreak, builds it, then runs it or its tests.
#   installers/dev/bootstrap.sh run    build and start deskbreak
#   installers/dev/bootstrap.sh test   build and run every test (what CI runs)
#   installers/dev/bootstrap.sh deps   only install what `test` needs (CI's first step)
# Safe to run again: it installs only what is missing and rebuilds incrementally.
set -euo pipefail
cd "$(dirname "$0")/../.."
mode=${1:-run}
build_dir=${DESKBREAK_BUILD_DIR:-build}

# The cue module: libcanberra (and its PulseAudio driver, to be heard), flite for the voice.
build_packages=(cmake g++ make pkg-config qt6-base-dev qt6-svg-dev libqt6svg6 libqt6sql6-sqlite
    libspdlog-dev libtomlplusplus-dev doctest-dev libxcb-screensaver0-dev libxcb-sync-dev
    libwayland-dev wayland-protocols plasma-wayland-protocols libglib2.0-dev qt6-wayland
    libcanberra-dev libcanberra-pulse flite1-dev)
# A real desktop, headless, for the end-to-end tests and the demo without a display; openbox
# is the window manager that makes windows active and fullscreen (the presenting tests).
desktop_packages=(xvfb xdotool dunst libnotify-bin dbus-x11 tint2 trayer x11-utils imagemagick
    desktop-file-utils openbox)
# A private sound server with a null sink to record the break's chimes and voice from.
sound_packages=(pulseaudio pulseaudio-utils sox)
# Headless Wayland compositors (sway, KWin, Mutter), their input tools and a screenshot tool.
# zenity: another program (GTK, on Wayland) that has the keyboard when deskbreak's windows open.
wayland_packages=(sway wtype kwin-wayland mutter wayland-utils grim python3-dbus python3-gi zenity)
# The libFuzzer targets (tests/fuzz/run.sh): clang with libFuzzer and the sanitizer runtimes.
fuzz_packages=(clang libclang-rt-14-dev)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_missing() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

case "$mode" in
run | test | deps) ;;
*) echo "usage: $0 run|test|deps" >&2; exit 2 ;;
esac

if [ "$mode" != run ]; then
    install_missing "${build_packages[@]}" "${desktop_packages[@]}" "${wayland_packages[@]}" \
        "${sound_packages[@]}" "${fuzz_packages[@]}"
else
    install_missing "${build_packages[@]}" "${desktop_packages[@]}"
fi
[ "$mode" = deps ] && exit 0
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDESKBREAK_WERROR=ON "${launcher[@]}" \
    >/dev/null
cmake --build "$build_dir" -j"$(nproc)"

if [ "$mode" = test ]; then
    ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)"
elif [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "Starting the deskbreak demo: the first reminder comes in about 10 seconds."
    exec "$build_dir/bin/deskbreak" --demo
elif command -v Xvfb >/dev/null; then
    echo "No display here: running the demo on a headless X server instead."
    exec tests/support/with-xvfb.sh tests/support/with-dunst.sh \
        installers/dev/headless-demo.sh "$build_dir/bin/deskbreak" "$build_dir/demo"
else
    echo "No display and no Xvfb: running the demo offscreen (no windows; it prints how \`deskbreak status\` reaches it)."
    QT_QPA_PLATFORM=offscreen exec "$build_dir/bin/deskbreak" --demo
fi
