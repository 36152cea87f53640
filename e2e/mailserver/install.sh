#!/bin/sh
# Installs the Debian packages the private test mail stack needs, without
# starting the system's own Dovecot/Postfix (they would grab 143/993/25).
# Idempotent: when everything is present it only runs dpkg-query and exits.
set -eu
# "No configuration" keeps the postfix package from writing /etc/postfix/main.cf
# and from asking questions; our instance uses its own config directory.
if [ "$(id -u)" = 0 ]; then
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
fi
# dovecot-sieve (Pigeonhole) runs users' Sieve scripts at LMTP delivery;
# dovecot-managesieved lets the webmail edit them (RFC 5804).
exec sh "$(dirname "$0")/../apt-install.sh" mailstack dovecot-imapd dovecot-lmtpd dovecot-sieve dovecot-managesieved postfix openssl
