#!/usr/bin/env bash
# Load-test the seed comparison page: gunicorn (2 workers) on loopback, wrk as the client.
#   bench/web_load.sh            (installs Debian's wrk if missing)
# Prints requests/s and latency percentiles, then the time to create a 200 x 200 comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT=${PORT:-8765}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
TMP=$(mktemp -d)
export DATABASE_URL="sqlite:///$TMP/load.sqlite3" DEBUG=0 ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 \
  SECRET_KEY="load-test-$(head -c 32 /dev/urandom | base64)"
$PY manage.py migrate -v0
$PY manage.py collectstatic --noinput -v0
$PY manage.py load_seeds >/dev/null
URL=$($PY manage.py shell -v 0 -c "
from newsdiff import pipeline; from newsdiff.models import Article
a = Article.objects.get(original_filename='000_abca97e62226170e.txt'); b = Article.objects.get(original_filename='002_949427fbf105c65a.txt')
print(pipeline.compare_articles(a, b).get_absolute_url())")
.venv/bin/gunicorn newsdiff.wsgi -w 2 -b 127.0.0.1:$PORT --log-level warning &
GPID=$!
trap 'kill $GPID 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$PORT$URL" && break; sleep 0.2; done
echo "Seed comparison page $URL (gunicorn, 2 workers, SQLite, DEBUG=0), wrk 4 threads, 16 connections, 20 s:"
wrk -t4 -c16 -d20s --latency -H "X-Forwarded-Proto: https" "http://127.0.0.1:$PORT$URL" | sed -n '1,20p'
echo
$PY bench/comparison_create.py
