#!/bin/sh
# Takes a backup of OpenDay's database (`openday backup`, consistent while the servers run) into
# BACKUP_DIR as openday-<UTC time>.jsonl.gz, then keeps the BACKUP_KEEP newest and deletes older
# ones. Run by deploy/systemd/openday-backup.service; the environment names the database
# (DATABASE_URL, or DATA_DIR for the embedded one).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${BACKUP_DIR:-/var/backups/openday}
keep=${BACKUP_KEEP:-14}
case $keep in '' | *[!0-9]* | 0) echo "BACKUP_KEEP must be a whole number of at least 1, got '$keep'" >&2; exit 2 ;; esac
node="$root/node_modules/.bin/node"
[ -x "$node" ] || node=node

umask 077
mkdir -p "$dir"
file="$dir/openday-$(date -u +%Y%m%dT%H%M%SZ).jsonl.gz"
"$node" "$root/src/main.ts" backup "$file"

# The newest first; names sort by time. A half-written file is never named *.jsonl.gz.
ls -1 "$dir" | grep -E '^openday-[0-9]{8}T[0-9]{6}Z\.jsonl\.gz$' | sort -r | tail -n +"$((keep + 1))" |
  while read -r old; do rm -f -- "$dir/$old"; done
