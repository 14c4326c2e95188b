#!/bin/sh
# Wait (at most a minute) for the database; with DJANGO_MIGRATE=true (the compose
# file's one-shot `migrate` service, or a single container) apply the migrations and
# make the cache table, and load the demo with LOAD_DEMO_DATA=true; then run the
# command. The web copies and the worker do not migrate: several copies must not race.
set -e
tries=0
until python manage.py check --database default >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 60 ]; then
    python manage.py check --database default  # show why
    exit 1
  fi
  echo "waiting for the database..."
  sleep 1
done
if [ "${DJANGO_MIGRATE:-true}" = "true" ]; then
  python manage.py createcachetable  # the cache table, when REDIS_URL is not set
  python manage.py migrate --noinput
  if [ "${LOAD_DEMO_DATA:-false}" = "true" ]; then
    python manage.py load_demo
  fi
fi
exec "$@"
