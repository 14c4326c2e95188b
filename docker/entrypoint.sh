#!/bin/sh
# Wait (at most a minute) for the database, apply migrations, then run the command.
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
python manage.py migrate --noinput
python manage.py createcachetable  # the cache table, when REDIS_URL is not set
if [ "${LOAD_DEMO_DATA:-false}" = "true" ]; then
  python manage.py load_demo
fi
exec "$@"
