#!/bin/sh
# Postfix pipe(8) sink: every message for a domain other than example.test
# lands here as a file instead of leaving the machine.
# argv: SINK_DIR RECIPIENT   (Postfix adds Delivered-To/Return-Path/X-Original-To)
set -eu
dir=$1
rcpt=$2
f="$dir/$(date +%s.%N).$$.eml"
tmp="$dir/.tmp.$$"
{ printf 'X-Mailstack-Sink-Recipient: %s\n' "$rcpt"; cat; } > "$tmp"
mv "$tmp" "$f"
