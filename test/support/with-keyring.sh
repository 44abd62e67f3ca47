#!/usr/bin/env bash
# Runs a command inside a D-Bus session with an unlocked gnome-keyring, so tests use the real
# OS keychain (Secret Service). The keyring lives in a throwaway data folder, so a test run never
# touches (or races with) the user's own keyrings. Where a session bus already exists, or the
# tools are missing, the command runs as it is and keychain tests report the keychain unavailable.
set -euo pipefail
if [ -n "${SKILLDOCK_KEYRING_READY:-}" ] || [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || [ "$(uname)" != "Linux" ] \
  || ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  exec "$@"
fi
export SKILLDOCK_KEYRING_READY=1
keyring_home="$(mktemp -d "${TMPDIR:-/tmp}/skilldock-keyring-XXXXXX")"
trap 'rm -rf "$keyring_home"' EXIT
XDG_DATA_HOME="$keyring_home" dbus-run-session -- bash -c '
  printf pw | gnome-keyring-daemon --daemonize --unlock --components=secrets >/dev/null
  exec "$@"' keyring-session "$@"
