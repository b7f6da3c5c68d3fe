#!/usr/bin/env bash
# The packaging test: builds the .deb from a configured and built tree, installs it
# the way a user would, checks that it works and validates, removes it again and
# checks that nothing of it is left. Run as root on Debian 12 (CI does):
#
#   cmake -S . -B build-pkg -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDESKBREAK_BUILD_TESTS=OFF
#   cmake --build build-pkg -j2
#   installers/linux/test-package.sh build-pkg
#
# lintian findings are all printed; only errors (E:) fail the test. Every check runs
# even after one fails; the summary at the end lists them, and the exit status is 1 if
# any failed. The package, and any dependencies its installation pulled in, are removed
# again whatever happens. The checking tools it installs stay installed.
set -euo pipefail

build_dir=${1:?usage: test-package.sh BUILD_DIR (configured and built)}
build_dir=$(cd "$build_dir" && pwd)
package=deskbreak
data=/usr/share/deskbreak

if [ "$(id -u)" -ne 0 ]; then
    echo "test-package.sh: run as root (it installs and removes the package)" >&2
    exit 2
fi
if [ ! -f "$build_dir/CPackConfig.cmake" ]; then
    echo "test-package.sh: $build_dir has no CPackConfig.cmake; configure and build it first" >&2
    exit 2
fi
if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    echo "test-package.sh: $package is already installed; remove it first (apt-get remove $package)" >&2
    exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/deskbreak-package-test.XXXXXX")
installed_by_us=0
pulled_in=()
results=()
failed=0

section() { printf '\n== %s\n' "$*"; }
pass() { results+=("PASS  $1"); }
fail() {
    results+=("FAIL  $1")
    failed=1
}
# check NAME COMMAND...: runs the command, showing its output, and records the result.
check() {
    local name=$1
    shift
    if "$@"; then pass "$name"; else fail "$name"; fi
}

installed_packages() { dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' | awk '$1 == "ii" { print $2 }' | sort; }

daemon_pid=
cleanup() {
    if [ -n "$daemon_pid" ]; then kill "$daemon_pid" 2>/dev/null || true; fi
    if [ "$installed_by_us" = 1 ] &&
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        echo "test-package.sh: removing $package after an interrupted run" >&2
        DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$package" >/dev/null || true
    fi
    if [ ${#pulled_in[@]} -gt 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "${pulled_in[@]}" >/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

section "Tools"
tools=(lintian desktop-file-utils appstream dpkg-dev file man-db)
missing=()
for tool in "${tools[@]}"; do
    dpkg-query -W -f='${Status}' "$tool" 2>/dev/null | grep -q "install ok installed" || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    echo "all present: ${tools[*]}"
fi

section "Build the .deb (cpack -G DEB)"
(cd "$build_dir" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || {
    cat "$work/cpack.log"
    echo "test-package.sh: cpack failed" >&2
    exit 1
}
shopt -s nullglob
debs=("$work/out/${package}"_*.deb)
shopt -u nullglob
if [ ${#debs[@]} -ne 1 ]; then
    echo "test-package.sh: expected one ${package}_*.deb in $work/out, found: ${debs[*]}" >&2
    exit 1
fi
deb=${debs[0]}
echo "$(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"
dpkg-deb --field "$deb"
version=$(dpkg-deb --field "$deb" Version)
upstream_version=${version%-*}

section "Install (apt-get install ./$(basename "$deb"))"
installed_packages >"$work/packages-before"
# Which of the package's directories exist already: those stay after the removal.
dpkg-deb --fsys-tarfile "$deb" | tar -t | sed -e 's|^\./|/|' -e 's|/$||' | grep -v '^\.\?$' |
    while read -r path; do if [ -e "$path" ]; then echo "$path"; fi; done | sort >"$work/existing-before"
echo "$(wc -l <"$work/existing-before") of the package's paths exist already (shared folders such as /usr/share/icons)"
installed_by_us=1
(cd "$(dirname "$deb")" && DEBIAN_FRONTEND=noninteractive apt-get install -y "./$(basename "$deb")")
installed_packages >"$work/packages-after"
mapfile -t pulled_in < <(comm -13 "$work/packages-before" "$work/packages-after" | grep -vx "$package" || true)
[ ${#pulled_in[@]} -eq 0 ] || echo "dependencies pulled in: ${pulled_in[*]}"
dpkg -L "$package" | sort >"$work/package-files"

section "Installed files"
expected=(
    /usr/bin/deskbreak
    "$data/exercises.toml" "$data/safety.toml" "$data/deskbreak.toml"
    "$data/routines/desk-break.toml" "$data/illustrations"
    "$data/sounds/step.wav" "$data/sounds/switch-sides.wav" "$data/sounds/rep.wav" "$data/sounds/end.wav"
    /usr/share/applications/org.deskbreak.deskbreak.desktop
    /usr/share/metainfo/org.deskbreak.deskbreak.metainfo.xml
    /usr/share/icons/hicolor/scalable/apps/org.deskbreak.deskbreak.svg
    /usr/share/man/man1/deskbreak.1.gz
    /usr/share/bash-completion/completions/deskbreak
    /usr/share/doc/deskbreak/copyright
    /usr/share/doc/deskbreak/changelog.Debian.gz
    /usr/share/lintian/overrides/deskbreak
)
for size in 16 22 24 32 48 64 128 256; do
    expected+=("/usr/share/icons/hicolor/${size}x${size}/apps/org.deskbreak.deskbreak.png")
done
missing_files=()
for f in "${expected[@]}"; do [ -e "$f" ] || missing_files+=("$f"); done
if [ ${#missing_files[@]} -eq 0 ]; then
    echo "all ${#expected[@]} expected paths present ($(wc -l <"$work/package-files") paths in the package)"
    pass "expected files installed"
else
    printf 'missing: %s\n' "${missing_files[@]}"
    fail "expected files installed"
fi
if grep -q '^/etc/xdg/autostart' "$work/package-files"; then
    echo "the package installs a system-wide autostart entry; autostart is a per-user choice"
    fail "no system-wide autostart entry"
else
    pass "no system-wide autostart entry"
fi
if file /usr/bin/deskbreak | grep -q 'not stripped'; then
    file /usr/bin/deskbreak
    fail "binary stripped"
else
    pass "binary stripped"
fi

# The CLI runs as an ordinary user would, in a throwaway home.
home=$work/home
mkdir -p "$home"
run_cli() {
    env -i PATH=/usr/bin:/bin HOME="$home" XDG_CONFIG_HOME="$home/.config" \
        XDG_DATA_HOME="$home/.local/share" XDG_STATE_HOME="$home/.local/state" \
        XDG_RUNTIME_DIR="$home/run" LANG=C.UTF-8 /usr/bin/deskbreak "$@"
}
mkdir -p "$home/run" && chmod 0700 "$home/run"

section "deskbreak --version"
out=$(run_cli --version 2>&1) && rc=0 || rc=$?
echo "$out"
if [ "$rc" -eq 0 ] && [ "$out" = "deskbreak $upstream_version" ]; then
    pass "deskbreak --version"
else
    fail "deskbreak --version"
fi

section "deskbreak check-config $data/deskbreak.toml"
out=$(run_cli check-config "$data/deskbreak.toml" 2>&1) && rc=0 || rc=$?
echo "$out"
if [ "$rc" -eq 0 ]; then pass "deskbreak check-config (shipped default)"; else fail "deskbreak check-config (shipped default)"; fi

section "deskbreak routine show desk-break"
out=$(run_cli routine show desk-break 2>&1) && rc=0 || rc=$?
echo "$out" | head -n 12
echo "..."
if [ "$rc" -eq 0 ] && grep -q "$data/illustrations/" <<<"$out"; then
    pass "deskbreak routine show desk-break (data from $data)"
else
    echo "exit $rc; expected pictures under $data/illustrations/"
    fail "deskbreak routine show desk-break (data from $data)"
fi

section "The daemon starts, answers and quits (offscreen, no display)"
# The installed binary as a daemon: Qt's offscreen platform, the SQLite driver for the
# history, the control socket. Killed by its own PID if it does not quit.
run_cli >"$work/daemon.log" 2>&1 &
daemon_pid=$!
answered=0
for _ in $(seq 1 50); do
    if out=$(run_cli status 2>&1); then
        answered=1
        break
    fi
    sleep 0.2
done
echo "$out"
run_cli quit || true
for _ in $(seq 1 50); do
    kill -0 "$daemon_pid" 2>/dev/null || break
    sleep 0.2
done
if kill -0 "$daemon_pid" 2>/dev/null; then
    echo "the daemon did not quit within 10 s"
    kill "$daemon_pid" 2>/dev/null || true
    answered=0
fi
wait "$daemon_pid" 2>/dev/null || true
daemon_pid=
if [ "$answered" = 1 ] && [ -s "$home/.local/share/deskbreak/history.sqlite" ]; then
    pass "daemon: starts, answers status, keeps history, quits"
else
    echo "daemon output:"
    cat "$work/daemon.log"
    fail "daemon: starts, answers status, keeps history, quits"
fi

section "The sound module is installed and loads (deskbreak doctor)"
# The cue module, loaded at run time from ../lib/.../deskbreak/ beside the binary: doctor
# loads it as a break would. Without a sound server here the chimes may be unavailable,
# but never because the module is missing; the voice needs only the recommended engine.
module=$(grep '/deskbreak-cues\.so$' "$work/package-files" || true)
echo "module: ${module:-none in the package}"
if out=$(run_cli doctor --json 2>&1) && [ -n "$module" ] && python3 - "$out" <<'PY'
import json, sys
report = {c["capability"]: c for c in json.loads(sys.argv[1])["capabilities"]}
for name in ("sound", "voice"):
    c = report[name]
    reasons = "; ".join(r["reason"] for r in c["rejected"])
    print(f"{name}: {'ok ' + c['detail'] if c['available'] else 'none: ' + reasons}")
    if "sound module" in reasons or "cannot load" in reasons:
        sys.exit(1)
PY
then
    pass "sound module installed and loadable"
else
    echo "$out" | tail -n 20
    fail "sound module installed and loadable"
fi

section "desktop-file-validate"
check "desktop-file-validate" desktop-file-validate /usr/share/applications/org.deskbreak.deskbreak.desktop &&
    [ "${results[-1]}" = "PASS  desktop-file-validate" ] && echo "no findings"

section "The .desktop entry names the installed binary (KWin grants its window list by it)"
desktop=/usr/share/applications/org.deskbreak.deskbreak.desktop
check "Exec=/usr/bin/deskbreak" grep -qx "Exec=/usr/bin/deskbreak" "$desktop"
check "X-KDE-Wayland-Interfaces" grep -qx "X-KDE-Wayland-Interfaces=org_kde_plasma_window_management" "$desktop"
grep -E "^(Exec|X-KDE-Wayland-Interfaces)=" "$desktop"

section "KWin with its permission checks offers the installed binary its window list (deskbreak doctor)"
# KWin 5.27 as in a Plasma session, through the tests' harness and its input tool from
# the build tree (a build without tests has none: then this is skipped, and says so).
fake_input=$build_dir/bin/kwin_fake_input
with_kwin=$(cd "$(dirname "$0")/../.." && pwd)/tests/support/with-kwin.sh
if command -v kwin_wayland >/dev/null && [ -x "$fake_input" ] && [ -x "$with_kwin" ]; then
    out=$(env HOME="$home" QT_QPA_PLATFORM=offscreen "$with_kwin" --input-tool "$fake_input" \
        --permission-checks /usr/bin/deskbreak doctor 2>&1) || true
    echo "$out" | grep -A1 "^hold: fullscreen" || echo "$out" | tail -n 20
    check "KWin offers org_kde_plasma_window_management to /usr/bin/deskbreak" \
        grep -qE "^hold: fullscreen +ok +kde-plasma-window-management" <<<"$out"
else
    echo "skipped: needs kwin_wayland and $fake_input (a build with tests)"
    results+=("SKIP  KWin offers org_kde_plasma_window_management to /usr/bin/deskbreak")
fi

section "appstreamcli validate --no-net"
check "appstreamcli validate --no-net" \
    appstreamcli validate --no-net /usr/share/metainfo/org.deskbreak.deskbreak.metainfo.xml

section "man -l (with warnings)"
man_warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l /usr/share/man/man1/deskbreak.1.gz 2>&1 >/dev/null)
if [ -z "$man_warnings" ] && LC_ALL=C.UTF-8 MANWIDTH=80 man -l /usr/share/man/man1/deskbreak.1.gz | head -n 4; then
    pass "man -l deskbreak.1.gz"
else
    echo "$man_warnings"
    fail "man -l deskbreak.1.gz"
fi

section "bash completion"
if bash -n /usr/share/bash-completion/completions/deskbreak; then
    echo "parses"
    pass "bash completion parses"
else
    fail "bash completion parses"
fi

section "Release notes name this version"
head_line=$(zcat /usr/share/doc/deskbreak/changelog.Debian.gz | head -n 1)
echo "$head_line"
check "changelog.Debian.gz is for $version" grep -q "^deskbreak ($version) " <<<"$head_line"

section "lintian (all findings; only E: fails)"
# lintian reads the .deb only; as root it must be told that this is fine.
lintian_out=$(lintian --allow-root --display-level '>=pedantic' --display-experimental \
    --show-overrides --tag-display-limit 0 "$deb" 2>&1) || true
if [ -n "$lintian_out" ]; then echo "$lintian_out"; else echo "no findings"; fi
lintian_errors=$(grep -c '^E:' <<<"$lintian_out" || true)
lintian_warnings=$(grep -c '^W:' <<<"$lintian_out" || true)
lintian_others=$(grep -c '^[IPXO]:' <<<"$lintian_out" || true)
echo "errors: $lintian_errors, warnings: $lintian_warnings, info/pedantic/experimental/overridden: $lintian_others"
if [ "$lintian_errors" -eq 0 ]; then pass "lintian: no errors"; else fail "lintian: no errors"; fi

section "Remove (apt-get remove $package)"
DEBIAN_FRONTEND=noninteractive apt-get remove -y "$package"
installed_by_us=0
if [ ${#pulled_in[@]} -gt 0 ]; then
    echo "removing the dependencies the install pulled in: ${pulled_in[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "${pulled_in[@]}" >/dev/null
    pulled_in=()
fi
status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
echo "dpkg status now: ${status:-unknown to dpkg}"
leftovers=()
while read -r path; do
    [ -e "$path" ] || [ -L "$path" ] || continue
    grep -qxF "$path" "$work/existing-before" || leftovers+=("$path")
done <"$work/package-files"
if [ ${#leftovers[@]} -eq 0 ] && [[ $status != *"ok installed" && $status != *config-files ]]; then
    echo "nothing left of the $(wc -l <"$work/package-files") paths dpkg -L listed"
    pass "removal leaves nothing behind"
else
    printf 'left behind: %s\n' "${leftovers[@]}"
    fail "removal leaves nothing behind"
fi

section "Summary"
printf '%s\n' "${results[@]}"
if [ "$failed" -ne 0 ]; then
    echo "test-package.sh: FAILED"
    exit 1
fi
echo "test-package.sh: all checks passed ($(basename "$deb"), lintian: $lintian_errors errors, $lintian_warnings warnings, $lintian_others other findings)"
