#!/bin/sh
# Installs the Debian packages the private test mail stack needs, without
# starting the system's own Dovecot/Postfix (they would grab 143/993/25).
# Idempotent: when everything is present it only runs dpkg-query and exits.
# Usage: sudo sh e2e/mailserver/install.sh [--check]   (--check: report, install nothing)
set -eu

PACKAGES="dovecot-imapd dovecot-lmtpd postfix openssl"

missing=""
for p in $PACKAGES; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing="$missing $p"
done

if [ -z "$missing" ]; then
  echo "mailstack: all packages present ($PACKAGES)"
  exit 0
fi
if [ "${1:-}" = "--check" ]; then
  echo "mailstack: missing packages:$missing (run: sh e2e/mailserver/install.sh as root)" >&2
  exit 1
fi
if [ "$(id -u)" != 0 ]; then
  echo "mailstack: installing$missing needs root" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# "No configuration" keeps the postfix package from writing /etc/postfix/main.cf
# and from asking questions; our instance uses its own config directory.
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections

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

echo "mailstack: installing$missing"
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
echo "mailstack: installed$missing"
