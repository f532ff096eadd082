#!/usr/bin/env bash
# Serve the app on http://127.0.0.1:8000 with a Celery worker and beat beside it.
# The worker runs beat embedded (-B): one process is enough on one machine; docker-compose
# runs them as separate services.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

$BIN/celery -A config worker -B --loglevel=INFO --concurrency=2 \
  --schedule var/celerybeat-schedule >var/celery-worker.log 2>&1 &
worker=$!
trap 'kill $worker 2>/dev/null; wait $worker 2>/dev/null' EXIT INT TERM
echo "Celery worker and beat started (pid $worker, log var/celery-worker.log)"
echo "检察公益诉讼办案系统: http://127.0.0.1:8000  (Ctrl+C stops everything)"
$BIN/python manage.py runserver 127.0.0.1:8000
