#!/usr/bin/env bash
# The site under load and under long work (bench/web_scale.py), on loopback only:
#   1. the embedded default: SQLite, 1 app server (gunicorn, 2 workers), 1 task worker,
#      the cache in the database;
#   2. scaled out: PostgreSQL, 2 app servers, 2 task workers, Redis as the shared cache.
#   bench/web_load.sh [--huge]     (installs Debian's wrk, postgresql, redis-server if missing)
# Then the time to create a 200 x 200 comparison in process.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v redis-server >/dev/null || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
TMP=$(mktemp -d)
REDIS_PID=""
trap '[ -n "$REDIS_PID" ] && kill $REDIS_PID 2>/dev/null; rm -rf "$TMP"' EXIT
export DEBUG=0 ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 \
  SECRET_KEY="load-test-$(head -c 32 /dev/urandom | base64)" \
  NEWSDIFF_CLIENT_IP_HEADER=HTTP_X_REAL_IP

echo "== 1. Embedded default =="
DATABASE_URL="sqlite:///$TMP/load.sqlite3" $PY bench/web_scale.py "$@"

echo
echo "== 2. Scaled out =="
redis-server --port 6390 --bind 127.0.0.1 --save "" --appendonly no --maxmemory 256mb \
  --maxmemory-policy allkeys-lru --daemonize no >/dev/null &
REDIS_PID=$!
REDIS_URL=redis://127.0.0.1:6390/0 scripts/with-postgres \
  $PY bench/web_scale.py --app-servers 2 --workers 2 --port 8775 "$@"

echo
$PY bench/comparison_create.py
