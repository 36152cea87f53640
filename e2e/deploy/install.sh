#!/bin/sh
# What the reverse-proxy tests drive: Debian's nginx and Apache, and fail2ban
# (for fail2ban-regex against our filter); their system services stay stopped.
set -eu
exec sh "$(dirname "$0")/../apt-install.sh" deploy nginx apache2 fail2ban
