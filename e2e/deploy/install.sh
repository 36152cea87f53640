#!/bin/sh
# Installs what the reverse-proxy tests drive: Debian's nginx and Apache, and
# fail2ban (for fail2ban-regex against our filter). The system services are
# not started: the tests run private instances on loopback ports.
# Idempotent: a no-op when everything is present.
set -eu
PACKAGES="nginx apache2 fail2ban"
missing=""
for p in $PACKAGES; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing="$missing $p"
done
if [ -z "$missing" ]; then
  echo "deploy: all packages present ($PACKAGES)"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "deploy: installing$missing needs root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
POLICY=/usr/sbin/policy-rc.d
created_policy=no
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$POLICY"
  chmod 755 "$POLICY"
  created_policy=yes
fi
cleanup() { if [ "$created_policy" = yes ]; then rm -f "$POLICY"; fi; }
trap cleanup EXIT INT TERM
echo "deploy: installing$missing"
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
echo "deploy: installed$missing"
