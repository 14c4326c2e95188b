"""Benchmark of the Kempenkaart API: each endpoint beside the bare PostGIS query.

The requirement: the map stays fast if the platform grows to all of Flanders (300
municipalities, 100,000 instruments, 50,000 projects). This script seeds such a data set
in its own database (`atelier_bench`, on the server of DATABASE_URL), at 1k, 10k and 100k
features, and times each API request (in process, through Django's test client, as an
anonymous visitor) beside the SQL statements that request ran, executed bare on the same
connection. Targets: at most 1.5x the bare query; a bbox request at 100k under 100 ms.

    .venv/bin/python benchmarks/kaart.py              # or: make bench
    .venv/bin/python benchmarks/kaart.py --scales 1000 --explain

It prints a Markdown table and writes it to benchmarks/RESULTS.md.
"""

# ruff: noqa: T201

import argparse
import datetime
import json
import math
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DB = "atelier_bench"
DEFAULT_URL = "postgis://postgres@127.0.0.1:5432/atelier"
SCALES = (1_000, 10_000, 100_000)
WARMUP = 2
RUNS = 15
RATIO_TARGET = 1.5
BBOX_TARGET_MS = 100

# Flanders, roughly, and the grid of 20 x 15 synthetic municipalities that tiles it.
WEST, EAST, SOUTH, NORTH = 2.55, 5.9, 50.7, 51.5
COLUMNS, ROWS = 20, 15
DX, DY = (EAST - WEST) / COLUMNS, (NORTH - SOUTH) / ROWS
NIS_BASE = (
    90001  # bench municipality n (0-based) has NIS code 90001 + n, slug bench-n+1
)
METRES_PER_DEGREE_LAT = 111_320
METRES_PER_DEGREE_LON = 70_055  # at 51° N

# A typical map view at zoom 13 (0.12° x 0.07°), in the middle of Flanders.
VIEW_LON, VIEW_LAT = 4.40, 51.10
BBOX = f"{VIEW_LON - 0.06:.3f},{VIEW_LAT - 0.035:.3f},{VIEW_LON + 0.06:.3f},{VIEW_LAT + 0.035:.3f}"
WORDS = [
    "Dorpskern",
    "Stationsomgeving",
    "Bedrijventerrein",
    "Kanaalzone",
    "Heidegebied",
    "Woonuitbreiding",
    "Sportpark",
    "Beekvallei",
    "Molenberg",
    "Kasteelpark",
]
SEARCH_WORD = "kanaalzone"

# The map at every zoom: a 1280 x 800 pixel map centred on the view above.
ZOOMS = range(8, 19)
VIEWPORT = (1280, 800)
ZOOM_RUNS = 7
ZOOM_MS_TARGET = 100
ZOOM_KIB_TARGET = 300


# -- database and Django ---------------------------------------------------------------


def env_file_value(name):
    env_file = ROOT / ".env"
    if env_file.exists():
        for line in env_file.read_text().splitlines():
            key, _, value = line.strip().partition("=")
            if key.strip() == name and not line.lstrip().startswith("#"):
                return value.strip()
    return None


def bench_url():
    url = (
        os.environ.get("DATABASE_URL") or env_file_value("DATABASE_URL") or DEFAULT_URL
    )
    return urlunsplit(urlsplit(url)._replace(path=f"/{BENCH_DB}"))


def libpq_url(url, dbname):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(scheme="postgresql", path=f"/{dbname}"))


def create_database(url):
    import psycopg
    from psycopg import sql

    with psycopg.connect(libpq_url(url, "postgres"), autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]
        ).fetchone()
        if not exists:
            print(f"==> Creating database {BENCH_DB}", flush=True)
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DB)))
    with psycopg.connect(libpq_url(url, BENCH_DB), autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")


def setup_django(url):
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "atelier.settings.base"
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ["DJANGO_SECRET_KEY"] = "benchmark-only-not-secret"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "false"
    os.environ["DJANGO_LOG_LEVEL"] = "WARNING"
    os.environ["MAP_TILE_URL"] = ""
    os.environ["DJANGO_API_RATE_ANON"] = "1000000/minute"  # measured, not throttled
    os.environ["DJANGO_API_RATE_USER"] = "1000000/minute"  # (it counts anonymous too)
    import django

    django.setup()
    from django.conf import settings

    name = settings.DATABASES["default"]["NAME"]
    if name != BENCH_DB:  # never seed (and truncate) another database
        sys.exit(f"error: the benchmark would run on {name!r}, not {BENCH_DB!r}")


# -- seeding ---------------------------------------------------------------------------


def execute(sql, params=None):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def seed_gemeenten():
    """300 grid cells tiling Flanders, beside the 29 real municipalities."""
    execute(
        """
        INSERT INTO atelier_gemeente (created_at, updated_at, nis_code, name, slug, geom)
        SELECT now(), now(), (%(base)s + n)::text, 'Benchgemeente ' || (n + 1),
               'bench-' || (n + 1),
               ST_Multi(ST_MakeEnvelope(
                   %(west)s + mod(n, %(cols)s) * %(dx)s,
                   %(south)s + (n / %(cols)s) * %(dy)s,
                   %(west)s + (mod(n, %(cols)s) + 1) * %(dx)s,
                   %(south)s + (n / %(cols)s + 1) * %(dy)s, 4326))
        FROM generate_series(0, %(count)s - 1) AS n
        ON CONFLICT (nis_code) DO NOTHING
        """,
        grid_params() | {"base": NIS_BASE, "count": COLUMNS * ROWS},
    )


def grid_params():
    return {
        "west": WEST,
        "east": EAST,
        "south": SOUTH,
        "north": NORTH,
        "cols": COLUMNS,
        "rows": ROWS,
        "dx": DX,
        "dy": DY,
    }


def seed(scale):
    """`scale` instruments and scale/2 projects, after emptying both tables."""
    from kempenkaart.models import Instrument, Project

    execute("TRUNCATE kempenkaart_instrument, kempenkaart_project CASCADE")
    execute("SELECT setseed(0.42)")
    params = grid_params() | {
        "n": scale,
        "words": WORDS,
        "soorten": Instrument.Soort.values,
        "statussen": Instrument.Status.values,
        "fasen": Project.Fase.values,
        "m_lat": METRES_PER_DEGREE_LAT,
        "m_lon": METRES_PER_DEGREE_LON,
        "base": NIS_BASE,
    }
    # Irregular star-shaped polygons (angles strictly increasing, radii > 0: simple and
    # valid) of 30-40 vertices, 100-600 m across.
    execute(
        """
        INSERT INTO kempenkaart_instrument (created_at, updated_at, name, slug, soort,
            status, description, geom, register_url, external_id, is_demo)
        SELECT now(), now(),
               'RUP Benchmark ' || s.i || ' '
                   || (%(words)s::text[])[1 + mod(s.i, cardinality(%(words)s::text[]))],
               'bench-' || s.i,
               (%(soorten)s::text[])[1 + s.soort], (%(statussen)s::text[])[1 + s.status],
               '', ST_Multi(g.poly), '', NULL, true
        FROM (
            SELECT i,
                   %(west)s + random() * (%(east)s - %(west)s) AS lon,
                   %(south)s + random() * (%(north)s - %(south)s) AS lat,
                   50 + random() * 250 AS radius,
                   30 + floor(random() * 11)::int AS vertices,
                   floor(random() * cardinality(%(soorten)s::text[]))::int AS soort,
                   floor(random() * cardinality(%(statussen)s::text[]))::int AS status
            FROM generate_series(1, %(n)s) AS i
        ) s
        CROSS JOIN LATERAL (
            SELECT ST_MakePolygon(ST_AddPoint(ST_MakeLine(p ORDER BY k),
                                              (array_agg(p ORDER BY k))[1])) AS poly
            FROM (
                SELECT k, ST_SetSRID(ST_MakePoint(
                           s.lon + r * cos(a) / %(m_lon)s,
                           s.lat + r * sin(a) / %(m_lat)s), 4326) AS p
                FROM (
                    SELECT k, s.radius * (0.55 + 0.45 * random()) AS r,
                           2 * pi() * (k + 0.3 * random()) / s.vertices AS a
                    FROM generate_series(0, s.vertices - 1) AS k
                ) v
            ) pts
        ) g
        """,
        params,
    )
    execute(
        """
        INSERT INTO kempenkaart_instrument_gemeenten (instrument_id, gemeente_id)
        SELECT i.id, g.id
        FROM kempenkaart_instrument i
        JOIN atelier_gemeente g
          ON g.nis_code LIKE '9%' AND ST_Intersects(g.geom, i.geom)
        """
    )
    execute(
        """
        INSERT INTO kempenkaart_project (live, has_unpublished_changes,
            first_published_at, last_published_at, expired, created_at, updated_at,
            title, slug, description, fase, start_jaar, eind_jaar, contact_naam,
            contact_email, locatie, is_demo, gemeente_id)
        SELECT true, false, now(), now(), false, now(), now(),
               'Project Benchmark ' || s.i || ' '
                   || (%(words)s::text[])[1 + mod(s.i, cardinality(%(words)s::text[]))],
               'bench-' || s.i, '', (%(fasen)s::text[])[1 + s.fase], s.start,
               CASE WHEN s.duur < 0 THEN NULL ELSE s.start + s.duur END, '', '',
               ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326), true, g.id
        FROM (
            SELECT i,
                   %(west)s + random() * (%(east)s - %(west)s) AS lon,
                   %(south)s + random() * (%(north)s - %(south)s) AS lat,
                   floor(random() * cardinality(%(fasen)s::text[]))::int AS fase,
                   2000 + floor(random() * 30)::int AS start,
                   floor(random() * 8)::int - 2 AS duur
            FROM generate_series(1, %(n)s / 2) AS i
        ) s
        JOIN atelier_gemeente g ON g.nis_code = (%(base)s
            + least(floor((s.lat - %(south)s) / %(dy)s)::int, %(rows)s - 1) * %(cols)s
            + least(floor((s.lon - %(west)s) / %(dx)s)::int, %(cols)s - 1))::text
        """,
        params,
    )
    # A theme on two features out of three, as on the real map.
    for model, owner in (("instrument", "instrument_id"), ("project", "project_id")):
        execute(
            f"""
            INSERT INTO kempenkaart_{model}_themas ({owner}, thema_id)
            SELECT f.id, t.ids[1 + mod(f.id, cardinality(t.ids))]
            FROM kempenkaart_{model} f,
                 (SELECT array_agg(id ORDER BY id) AS ids FROM atelier_thema) t
            WHERE mod(f.id, 3) <> 0 AND cardinality(t.ids) > 0
            """
        )
    for table in (
        "atelier_gemeente",
        "atelier_thema",
        "kempenkaart_instrument",
        "kempenkaart_instrument_gemeenten",
        "kempenkaart_instrument_themas",
        "kempenkaart_project",
        "kempenkaart_project_themas",
    ):
        execute(f"VACUUM ANALYZE {table}")


# -- measuring -------------------------------------------------------------------------


def bench_nis_code():
    """The bench municipality under the map view."""
    column = int((VIEW_LON - WEST) / DX)
    row = int((VIEW_LAT - SOUTH) / DY)
    return str(NIS_BASE + row * COLUMNS + column)


def requests():
    return [
        ("bbox", "projecten bbox", f"/api/projecten/?bbox={BBOX}&page_size=5000"),
        (
            "bbox",
            "instrumenten bbox z13",
            f"/api/instrumenten/?bbox={BBOX}&page_size=5000&zoom=13",
        ),
        ("list", "projecten gemeente", f"/api/projecten/?gemeente={bench_nis_code()}"),
        (
            "list",
            "instrumenten q",
            f"/api/instrumenten/?q={SEARCH_WORD}&page_size=1000",
        ),
        ("list", "instrumenten page 2", "/api/instrumenten/?page=2&page_size=1000"),
        ("counts", "per-gemeente instrumenten", "/api/per-gemeente/?laag=instrumenten"),
    ]


def median_ms(function, runs=RUNS, warmup=0):
    for _ in range(warmup):
        function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def features_returned(kind, response):
    body = json.loads(response.content)
    if kind == "counts":
        return sum(body["aantallen"].values()), len(body["aantallen"])
    return len(body["features"]), body.get("numberMatched")


def measure(client, kind, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def request():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: HTTP {response.status_code} {response.content}")
        return response

    endpoint = median_ms(request, warmup=WARMUP)
    with CaptureQueriesContext(connection) as captured:
        response = request()
    # The request's own SQL; Django also logs transaction control (BEGIN, COMMIT,
    # SAVEPOINT …), which is not the query's work.
    control = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")
    statements = [
        query["sql"]
        for query in captured.captured_queries
        if not query["sql"].upper().startswith(control)
    ]

    def bare():
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
                if cursor.description is not None:
                    cursor.fetchall()

    bare_ms = median_ms(bare, warmup=WARMUP)
    returned, matched = features_returned(kind, response)
    return {
        "endpoint_ms": endpoint,
        "bare_ms": bare_ms,
        "ratio": endpoint / bare_ms,
        "returned": returned,
        "matched": matched,
        "queries": len(statements),
        "kb": len(response.content) / 1024,
        "statements": statements,
    }


def zoom_bbox(zoom, lon=VIEW_LON, lat=VIEW_LAT, width=VIEWPORT[0], height=VIEWPORT[1]):
    """The bbox of a map of `width` x `height` pixels at `zoom` centred on lon, lat."""
    degrees_per_pixel = 360 / (256 * 2**zoom)
    half_w = width / 2 * degrees_per_pixel
    half_h = height / 2 * degrees_per_pixel * math.cos(math.radians(lat))
    return (
        f"{max(-180, lon - half_w):.5f},{max(-90, lat - half_h):.5f},"
        f"{min(180, lon + half_w):.5f},{min(90, lat + half_h):.5f}"
    )


def zoom_requests():
    """The map's own requests (/api/kaart/<laag>/) at every zoom, without and with a
    filter: (layer, filter, zoom, path)."""
    filters = {
        "projecten": ["", "thema=erfgoed", "fase=uitvoering", f"q={SEARCH_WORD}"],
        "instrumenten": ["", "thema=erfgoed", "soort=bpa", f"q={SEARCH_WORD}"],
    }
    for layer, options in filters.items():
        for extra in options:
            for zoom in ZOOMS:
                query = f"bbox={zoom_bbox(zoom)}&zoom={zoom}" + (
                    f"&{extra}" if extra else ""
                )
                yield layer, extra or "–", zoom, f"/api/kaart/{layer}/?{query}"


def measure_zoom(client, path):
    def request():
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path}: HTTP {response.status_code}")
        return response

    ms = median_ms(request, runs=ZOOM_RUNS, warmup=1)
    body = json.loads(request().content)
    counted = sum(
        f["properties"]["aantal"] if body["geclusterd"] else 1 for f in body["features"]
    )
    return {
        "ms": ms,
        "kb": len(request().content) / 1024,
        "clustered": body["geclusterd"],
        "items": len(body["features"]),
        "matched": body["numberMatched"],
        "adds_up": counted == body["numberMatched"],
    }


def zoom_table(rows):
    lines = [
        "| layer | filter | zoom | answer | matched | KiB | server ms | target |",
        "|---|---|---:|---|---:|---:|---:|---|",
    ]
    for layer, extra, zoom, r in rows:
        answer = f"{r['items']:,} " + ("clusters" if r["clustered"] else "features")
        notes = []
        if r["ms"] >= ZOOM_MS_TARGET:
            notes.append(f"≥ {ZOOM_MS_TARGET} ms")
        if r["kb"] >= ZOOM_KIB_TARGET:
            notes.append(f"≥ {ZOOM_KIB_TARGET} KiB")
        if not r["adds_up"]:
            notes.append("counts ≠ matched")
        lines.append(
            f"| {layer} | {extra} | {zoom} | {answer} | {r['matched']:,} "
            f"| {r['kb']:,.0f} | {r['ms']:.1f} | "
            + ("✗ " + ", ".join(notes) if notes else "✓")
            + " |"
        )
    return "\n".join(lines)


def explain(statements):
    from django.db import connection

    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {statement}")
            print("\n".join(row[0] for row in cursor.fetchall()))
            print()


# -- report ----------------------------------------------------------------------------


def verdict(scale, kind, result):
    notes = []
    if result["ratio"] > RATIO_TARGET:
        notes.append(f"ratio > {RATIO_TARGET}")
    if kind == "bbox" and scale == max(SCALES):
        if result["endpoint_ms"] >= BBOX_TARGET_MS:
            notes.append(f"≥ {BBOX_TARGET_MS} ms")
    return "✗ " + ", ".join(notes) if notes else "✓"


def table(rows):
    lines = [
        "| scale | endpoint | features | queries | KiB | endpoint ms | bare ms "
        "| ratio | target |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for scale, kind, name, r in rows:
        features = f"{r['returned']:,}"
        if r["matched"] is not None and kind != "counts":
            features += f" / {r['matched']:,}"
        elif kind == "counts":
            features = f"{r['matched']} gemeenten"
        lines.append(
            f"| {scale:,} | {name} | {features} | {r['queries']} | {r['kb']:,.0f} "
            f"| {r['endpoint_ms']:.1f} | {r['bare_ms']:.1f} | {r['ratio']:.2f} "
            f"| {verdict(scale, kind, r)} |"
        )
    return "\n".join(lines)


def machine():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
        cursor.execute("SELECT postgis_lib_version()")
        postgis = cursor.fetchone()[0]
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"{os.cpu_count()} cores ({cpu or platform.machine()}), "
        f"PostgreSQL {postgres}, PostGIS {postgis}, Python {platform.python_version()}"
    )


ZOOM_HEADING = f"""## The map at every zoom

The map's own requests (`/api/kaart/projecten/`, `/api/kaart/instrumenten/`) for a
{VIEWPORT[0]} x {VIEWPORT[1]} pixel map centred on {VIEW_LON}, {VIEW_LAT} at the largest
scale, without and with a filter (median of {ZOOM_RUNS} runs, in process). Targets: under
{ZOOM_MS_TARGET} ms and {ZOOM_KIB_TARGET} KiB, and the counts on the map (features, or the
sum of the clusters' counts) equal to `numberMatched`.

"""


def write_results(text, machine_line, seconds, command):
    today = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    results = ROOT / "benchmarks" / "RESULTS.md"
    results.write_text(
        "# Kempenkaart API benchmark\n\n"
        f"- Date: {today}\n"
        f"- Machine: {machine_line}\n"
        f"- Command: `{command}` (database `{BENCH_DB}`)\n"
        f"- Run took {seconds:.0f} s (seeding included)\n"
        f"- Times are medians of {RUNS} runs after {WARMUP} warm-ups; *bare* runs the "
        "same SQL statements the endpoint ran, in order, on the same connection; "
        "features = returned / matched.\n"
        f"- Targets: ratio ≤ {RATIO_TARGET}; bbox requests at "
        f"{max(SCALES):,} features under {BBOX_TARGET_MS} ms.\n\n"
        f"{text}\n"
    )
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scales",
        type=int,
        nargs="+",
        default=list(SCALES),
        help="numbers of instruments (projects: half as many)",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="print EXPLAIN ANALYZE of every statement at the largest scale",
    )
    parser.add_argument(
        "--no-write", action="store_true", help="do not write benchmarks/RESULTS.md"
    )
    parser.add_argument(
        "--zooms-only",
        action="store_true",
        help="only the map at every zoom, on the data already seeded (no seeding)",
    )
    args = parser.parse_args()
    started = time.perf_counter()

    url = bench_url()
    create_database(url)
    setup_django(url)

    from django.core.management import call_command
    from django.test import Client

    print(f"==> Migrating {BENCH_DB}", flush=True)
    call_command("createcachetable", verbosity=0)  # the database cache (no Redis)
    call_command("migrate", interactive=False, verbosity=0)
    seed_gemeenten()

    client = Client()
    rows = []
    for scale in [] if args.zooms_only else args.scales:
        print(f"==> Seeding {scale:,} instruments, {scale // 2:,} projects", flush=True)
        seeding = time.perf_counter()
        seed(scale)
        print(f"    seeded in {time.perf_counter() - seeding:.1f} s", flush=True)
        for kind, name, path in requests():
            result = measure(client, kind, path)
            rows.append((scale, kind, name, result))
            print(
                f"    {name:<26} {result['endpoint_ms']:8.1f} ms  bare "
                f"{result['bare_ms']:8.1f} ms  ratio {result['ratio']:.2f}",
                flush=True,
            )
            if args.explain and scale == max(args.scales):
                print(f"\n--- {path}")
                explain(result["statements"])

    print(f"==> The map at zooms {ZOOMS[0]}–{ZOOMS[-1]}", flush=True)
    zoom_rows = []
    for layer, extra, zoom, path in zoom_requests():
        result = measure_zoom(client, path)
        zoom_rows.append((layer, extra, zoom, result))
        print(
            f"    {layer:<12} {extra:<16} z{zoom:<2} {result['ms']:7.1f} ms "
            f"{result['kb']:7.1f} KiB  {result['items']:>5} "
            + ("clusters" if result["clustered"] else "features")
            + f" / {result['matched']:,}",
            flush=True,
        )

    seconds = time.perf_counter() - started
    text = table(rows) + "\n\n" + ZOOM_HEADING + zoom_table(zoom_rows)
    print()
    print(text)
    print(f"\nRun took {seconds:.0f} s.")
    if not args.no_write:
        command = " ".join([".venv/bin/python benchmarks/kaart.py", *sys.argv[1:]])
        results = write_results(text, machine(), seconds, command)
        print(f"Written to {results.relative_to(ROOT)}.")


if __name__ == "__main__":
    main()
