#!/usr/bin/env bash
# Installs the Debian packages redis-console needs, but only those not installed yet (checked
# with dpkg -s), so `make demo` on a prepared machine never touches apt. Uses sudo only when
# not root. The Swift toolchain itself is not an apt package: it is checked, not installed.
set -euo pipefail

packages=(
    libssl-dev libhiredis-dev libncurses-dev libedit-dev pkg-config
    redis-server redis-tools openssl tmux bsdutils
)

missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done

if [[ ${#missing[@]} -gt 0 ]]; then
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "install-deps: missing packages (${missing[*]}) and no apt-get here; install them by hand" >&2
        exit 1
    fi
    sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null 2>&1 \
            || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
        sudo=(sudo)
    fi
    echo "install-deps: installing ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${missing[@]}"
else
    echo "install-deps: all system packages present"
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "install-deps: the Swift toolchain (6.0 or later) is not on PATH; see https://www.swift.org/install/linux/" >&2
    exit 1
fi
