#!/bin/sh
# Installs the Debian packages named as arguments, if any is missing, without
# starting the system services they bring: the tests and the demo run private
# instances on loopback ports. Idempotent: only dpkg-query runs when all are present.
# Usage: sh e2e/apt-install.sh LABEL PACKAGE...
set -eu
label=$1
shift
missing=""
for p in "$@"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing="$missing $p"
done
if [ -z "$missing" ]; then
  echo "$label: all packages present ($*)"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "$label: installing$missing needs root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# policy-rc.d exiting 101 tells invoke-rc.d that starting services is forbidden,
# so the packages' maintainer scripts do not start system daemons.
POLICY=/usr/sbin/policy-rc.d
created_policy=no
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$POLICY"
  chmod 755 "$POLICY"
  created_policy=yes
fi
cleanup() { if [ "$created_policy" = yes ]; then rm -f "$POLICY"; fi; }
trap cleanup EXIT INT TERM
echo "$label: installing$missing"
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
echo "$label: installed$missing"
