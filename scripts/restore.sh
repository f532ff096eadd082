#!/usr/bin/env bash
# Restore a backup of scripts/backup.sh into a NEW database and a NEW media folder; it never writes over
# an existing database or a non-empty folder (README, "Backups").
#
#   DATABASE_URL=postgres://user@host:5432/pil scripts/restore.sh BACKUP_DIR NEW_DATABASE NEW_MEDIA_DIR
#
# DATABASE_URL gives the server and the role (its database name is not touched); NEW_DATABASE is created
# on that server. Point the app at the restored copy with DATABASE_URL=.../NEW_DATABASE MEDIA_ROOT=NEW_MEDIA_DIR,
# and the same FIELD_ENCRYPTION_KEYS / FIELD_HASH_KEY as when the backup was taken.
set -euo pipefail

if [ "$#" -ne 3 ]; then
  echo "usage: scripts/restore.sh BACKUP_DIR NEW_DATABASE NEW_MEDIA_DIR" >&2
  exit 2
fi
backup="$1" name="$2" media="$3"
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL server to restore onto}"
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) echo "restore.sh: DATABASE_URL must be a postgres:// URL" >&2; exit 2 ;;
esac
if ! [[ "$name" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
  echo "restore.sh: the database name may hold letters, digits and _ only" >&2
  exit 2
fi
for file in database.dump media.tar.gz; do
  [ -f "$backup/$file" ] || { echo "restore.sh: $backup/$file is missing" >&2; exit 2; }
done
if [ -f "$backup/SHA256SUMS" ]; then
  ( cd "$backup" && sha256sum --quiet --check SHA256SUMS )
fi
if [ -e "$media" ] && [ -n "$(ls -A "$media")" ]; then
  echo "restore.sh: $media is not empty; restore into a new folder" >&2
  exit 2
fi

# The same server and role, another database: swap the path of the URL, keep its query string.
query=""
case "$DATABASE_URL" in *\?*) query="?${DATABASE_URL#*\?}" ;; esac
base="${DATABASE_URL%%\?*}"
server="${base%/*}"
maintenance="$server/postgres$query"
target="$server/$name$query"

# CREATE DATABASE fails if it exists: a restore never lands on live data.
psql --quiet --set ON_ERROR_STOP=1 --dbname "$maintenance" -c "CREATE DATABASE \"$name\""
pg_restore --no-owner --no-acl --exit-on-error --dbname "$target" "$backup/database.dump"

mkdir -p "$media"
tar -C "$media" -xzf "$backup/media.tar.gz"
echo "restored into database $name and $media"
