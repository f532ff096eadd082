#!/usr/bin/env bash
# A backup: the database (pg_dump, custom format) and the uploaded files (a tar of MEDIA_ROOT), side by
# side in a new timestamped folder. Restore it with scripts/restore.sh (README, "Backups").
#
#   DATABASE_URL=postgres://... MEDIA_ROOT=/app/var/media scripts/backup.sh [BACKUP_ROOT]
#
# BACKUP_ROOT defaults to var/backups; the folder made is printed on the last line. The reporter's
# identity is encrypted in the database (core/crypto.py): keep FIELD_ENCRYPTION_KEYS and FIELD_HASH_KEY
# apart from the backups — a backup without its keys cannot be read, and keys next to it protect nothing.
# With media on object storage (AWS_STORAGE_BUCKET_NAME) the tar is empty: back the bucket up with its own
# tools (e.g. `mc mirror`), the database with this script.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to back up}"
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) echo "backup.sh: DATABASE_URL must be a postgres:// URL (SQLite: copy var/db.sqlite3)" >&2; exit 2 ;;
esac
root="${1:-${BACKUP_ROOT:-var/backups}}"
media="${MEDIA_ROOT:-var/media}"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
target="$root/$stamp"
suffix=1
while [ -e "$target" ]; do target="$root/$stamp-$suffix"; suffix=$((suffix + 1)); done
mkdir -p "$target"

# --no-owner/--no-acl: the dump restores under whichever role runs restore.sh.
pg_dump --format=custom --no-owner --no-acl --file "$target/database.dump" --dbname "$DATABASE_URL"
if [ -d "$media" ]; then
  tar -C "$media" -czf "$target/media.tar.gz" .
else
  tar -czf "$target/media.tar.gz" --files-from /dev/null
fi
( cd "$target" && sha256sum database.dump media.tar.gz > SHA256SUMS )
echo "$target"
