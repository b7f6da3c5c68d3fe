#!/usr/bin/env bash
# Runs a test as root in a mount namespace of its own, so that whatever it mounts
# (a small tmpfs to fill up) is gone when it ends, even if it is killed. Exits 77
# (ctest: skipped) where that cannot be: not root, no mount namespaces, or no
# chattr +i on the temp folder's file system (the read-only scenario needs it).
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
    echo "skipped: needs root (mount, chattr)"
    exit 77
fi
if ! unshare --mount --propagation private true 2>/dev/null; then
    echo "skipped: cannot make a mount namespace here"
    exit 77
fi
probe=$(mktemp)
if ! chattr +i "$probe" 2>/dev/null; then
    rm -f "$probe"
    echo "skipped: chattr +i does not work in ${TMPDIR:-/tmp}"
    exit 77
fi
chattr -i "$probe"
rm -f "$probe"
exec unshare --mount --propagation private "$@"
