"""Load benchmark: the public pages and the map's requests under concurrent clients.

The portal runs as `make serve` runs it (gunicorn, 2 workers, DEBUG off, whitenoise) on
loopback, on a database of its own (`atelier_bench_pages`, migrated and loaded with the
demo data). `wrk` calls each public page, the map's data requests and, for comparison,
a static file served by the same server in the same run, at 1, 20 and 50 concurrent
clients without think time: throughput, p50/p95/p99 latency, errors and time-outs (2 s).
Then the same server on the Flanders-sized data of `benchmarks/kaart.py`
(`atelier_bench`, 100,000 instruments and 50,000 projects: run that first, as `make
bench` does) answers the map's requests at zooms 8-18, one client at a time.

    .venv/bin/python benchmarks/load.py          # after benchmarks/kaart.py; or make bench
    .venv/bin/python benchmarks/load.py --seconds 2 --no-write   # a quick look

It prints Markdown tables and writes them into benchmarks/RESULTS.md (the section
"Under load", after what kaart.py wrote). Needs `wrk` (Debian package;
`bash scripts/system-packages.sh --bench` installs it).
"""

# ruff: noqa: T201

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import kaart  # noqa: E402  (the Flanders data set, its database and map views)

PAGES_DB = "atelier_bench_pages"
CLIENTS = (1, 20, 50)
TIMEOUT = "2s"
P95_TARGET_MS = 150  # at 20 clients (issue 13)
SIGNED_IN_P95_MS = 300  # a signed-in page at 20 clients
MAP_MS_TARGET = 100  # the map's own request, one client
SECTION = "## Under load"
KEMPEN_BBOX = "4.60,51.00,5.50,51.50"

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, '
    .. '"read": %d, "write": %d, "status": %d, "timeout": %d, "p50": %d, '
    .. '"p95": %d, "p99": %d}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write,
    e.status, e.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99)))
end
"""


def database_url(name):
    url = kaart.bench_url()
    return url.rsplit("/", 1)[0] + f"/{name}"


def server_env(url, port):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="atelier.settings.base",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="benchmark-only-not-secret",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_COOKIES="false",
        DJANGO_HSTS_SECONDS="0",
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_API_RATE_ANON="100000000/minute",  # measured, not throttled
        DJANGO_API_RATE_USER="100000000/minute",  # (it counts anonymous too)
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env, *args):
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def prepare_pages_database(env):
    import psycopg
    from psycopg import sql

    admin = kaart.libpq_url(env["DATABASE_URL"], "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [PAGES_DB]
        ).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(PAGES_DB)))
    with psycopg.connect(
        kaart.libpq_url(env["DATABASE_URL"], PAGES_DB), autocommit=True
    ) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    print(f"==> Migrating {PAGES_DB} and loading the demo data", flush=True)
    manage(env, "createcachetable")  # the database cache (no Redis)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn as `make serve` starts it (without the access log), in its own
    process group."""

    def __init__(self, env, port):
        self.base = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "atelier.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/", timeout=5).read()
                return
            except OSError:
                time.sleep(0.5)
        self.stop()
        sys.exit("error: gunicorn did not answer within 60 s")

    def get(self, path, timeout=30):
        return urllib.request.urlopen(self.base + path, timeout=timeout).read().decode()

    def drain(self, path):
        """Wait until the requests that wrk gave up on are served: the workers
        answer a connection's request even after its client left, so the next
        measurement would otherwise queue behind them."""
        self.get(path, timeout=300)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def wrk(url, clients, seconds, script, cookie=None):
    threads = min(2, clients)
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    output = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{clients}",
            f"-d{seconds}s",
            f"--timeout={TIMEOUT}",
            *headers,
            "-s",
            script,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(x for x in output.splitlines() if x.startswith("RESULT "))
    result = json.loads(line[len("RESULT ") :])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result["errors"] = sum(
        result[k] for k in ("connect", "read", "write", "status", "timeout")
    )
    result["kib"] = result["bytes"] / max(1, result["requests"]) / 1024
    return result


def public_pages(server):
    """The pages to measure: (name, path)."""
    home = server.get("/")
    static = re.search(r'/static/css/atelier[^"]*\.css', home)
    library = server.get("/modeldocumenten/")
    document = next(
        (
            path
            for path in re.findall(
                r'href="(/modeldocumenten/[a-z0-9]+-[a-z0-9-]+/)"', library
            )
        ),
        None,
    )
    gathering = next(
        iter(re.findall(r'href="(/agenda/[a-z0-9-]+/)"', server.get("/agenda/"))), None
    )
    pages = [
        ("home", "/"),
        ("/kaart/", "/kaart/"),
        ("/modeldocumenten/", "/modeldocumenten/"),
        ("a model document", document),
        ("/zoeken/?q=ruimte", "/zoeken/?q=ruimte"),
        ("a municipality", "/gemeenten/turnhout/"),
        ("/agenda/", "/agenda/"),
        ("a gathering", gathering),
        ("/netwerk/partners/", "/netwerk/partners/"),
        ("/leergemeenschap/", "/leergemeenschap/"),
        ("/kwaliteitskamer/adviezen/", "/kwaliteitskamer/adviezen/"),
        (
            "map: projecten z10",
            f"/api/kaart/projecten/?bbox={KEMPEN_BBOX}&zoom=10",
        ),
        (
            "map: instrumenten z10",
            f"/api/kaart/instrumenten/?bbox={KEMPEN_BBOX}&zoom=10",
        ),
        ("static file (baseline)", static.group(0) if static else None),
    ]
    return [(name, path) for name, path in pages if path]


SIGNED_IN = [("signed in: /account/", "/account/"), ("signed in: /kaart/", "/kaart/")]


def session_cookie(env, username="partner"):
    """A session of the demo account `username` in the bench database, as a Cookie
    header value (the signed-in pages are measured with it)."""
    code = (
        "from django.contrib.auth import get_user_model, SESSION_KEY, BACKEND_SESSION_KEY,"
        " HASH_SESSION_KEY\n"
        "from django.contrib.sessions.backends.db import SessionStore\n"
        f"u = get_user_model().objects.get(username={username!r})\n"
        "s = SessionStore()\n"
        "s[SESSION_KEY] = str(u.pk)\n"
        "s[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend'\n"
        "s[HASH_SESSION_KEY] = u.get_session_auth_hash()\n"
        "s.create()\n"
        "print('KEY', s.session_key)\n"
    )
    output = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    key = next(x for x in output.splitlines() if x.startswith("KEY ")).split()[1]
    return f"sessionid={key}"


def ms(microseconds):
    return microseconds / 1000


def cell(r, key):
    """A latency in ms, or – when nothing was answered in time."""
    return f"{ms(r[key]):.0f}" if r["requests"] else "–"


def pages_table(rows):
    lines = [
        "| request | clients | req/s | p50 ms | p95 ms | p99 ms | errors | time-outs "
        "| KiB | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, path, clients, r in rows:
        notes = []
        limit = SIGNED_IN_P95_MS if name.startswith("signed in") else P95_TARGET_MS
        if clients == 20 and (not r["requests"] or ms(r["p95"]) >= limit):
            notes.append(f"p95 ≥ {limit} ms")
        if clients == 50 and (r["errors"] or not r["requests"]):
            notes.append("errors at 50" if r["errors"] else "no answer within the run")
        target = ("✗ " + ", ".join(notes)) if notes else "✓"
        if clients == 1:
            target = ""
        lines.append(
            f"| [{name}]({path}) | {clients} | {r['rps']:,.0f} | {cell(r, 'p50')} "
            f"| {cell(r, 'p95')} | {cell(r, 'p99')} | {r['errors']} "
            f"| {r['timeout']} | {r['kib']:,.1f} | {target} |"
        )
    return "\n".join(lines)


def zoom_table(rows):
    lines = [
        "| layer | zoom | req/s | p50 ms | p95 ms | p99 ms | errors | KiB | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for layer, zoom, r in rows:
        ok = (
            r["requests"]
            and ms(r["p50"]) < MAP_MS_TARGET
            and r["kib"] < kaart.ZOOM_KIB_TARGET
        )
        lines.append(
            f"| {layer} | {zoom} | {r['rps']:,.0f} | {cell(r, 'p50')} "
            f"| {cell(r, 'p95')} | {cell(r, 'p99')} | {r['errors']} "
            f"| {r['kib']:,.1f} | {'✓' if ok else '✗'} |"
        )
    return "\n".join(lines)


def flanders_seeded(url):
    import psycopg

    try:
        with psycopg.connect(kaart.libpq_url(url, kaart.BENCH_DB)) as conn:
            return conn.execute(
                "SELECT count(*) FROM kempenkaart_instrument"
            ).fetchone()[0]
    except psycopg.Error:
        return 0


def write_section(text):
    results = ROOT / "benchmarks" / "RESULTS.md"
    before = results.read_text() if results.exists() else "# Benchmarks\n"
    before = before.split(f"\n{SECTION}\n")[0].rstrip("\n")
    results.write_text(f"{before}\n\n{text}\n")
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=3, help="per measurement")
    parser.add_argument("--clients", type=int, nargs="+", default=list(CLIENTS))
    parser.add_argument("--no-zooms", action="store_true", help="pages only")
    parser.add_argument(
        "--no-write", action="store_true", help="do not write benchmarks/RESULTS.md"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit(
            "error: wrk is missing; install it with "
            "`bash scripts/system-packages.sh --bench` (Debian package wrk)"
        )
    started = time.perf_counter()
    load_before = os.getloadavg()
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(WRK_SCRIPT)

    port = free_port()
    env = server_env(database_url(PAGES_DB), port)
    prepare_pages_database(env)
    print(f"==> gunicorn (2 workers) on 127.0.0.1:{port}, demo data", flush=True)
    server = Server(env, port)
    page_rows = []
    try:
        pages = [(name, path, None) for name, path in public_pages(server)]
        probe = pages[-1][1]  # the static file, or a page
        cookie = session_cookie(env)
        pages[-1:-1] = [(name, path, cookie) for name, path in SIGNED_IN]
        for name, path, with_cookie in pages:
            for clients in args.clients:
                r = wrk(
                    server.base + path, clients, args.seconds, str(script), with_cookie
                )
                server.drain(probe)
                page_rows.append((name, path, clients, r))
                print(
                    f"    {name:<24} c={clients:<3} {r['rps']:7.0f} req/s  p50 "
                    f"{ms(r['p50']):7.1f}  p95 {ms(r['p95']):7.1f}  p99 "
                    f"{ms(r['p99']):7.1f} ms  errors {r['errors']}",
                    flush=True,
                )
    finally:
        server.stop()

    zoom_rows = []
    flanders_url = database_url(kaart.BENCH_DB)
    seeded = 0 if args.no_zooms else flanders_seeded(flanders_url)
    if seeded:
        port = free_port()
        print(
            f"==> gunicorn on {kaart.BENCH_DB} ({seeded:,} instruments): the map at "
            f"zooms {kaart.ZOOMS[0]}–{kaart.ZOOMS[-1]}, one client",
            flush=True,
        )
        server = Server(server_env(flanders_url, port), port)
        try:
            for layer in ("projecten", "instrumenten"):
                for zoom in kaart.ZOOMS:
                    path = (
                        f"/api/kaart/{layer}/?bbox={kaart.zoom_bbox(zoom)}&zoom={zoom}"
                    )
                    r = wrk(server.base + path, 1, 2, str(script))
                    server.drain(path)
                    zoom_rows.append((layer, zoom, r))
                    print(
                        f"    {layer:<12} z{zoom:<2} p50 {ms(r['p50']):6.1f} ms "
                        f"p99 {ms(r['p99']):6.1f} ms  {r['kib']:6.1f} KiB",
                        flush=True,
                    )
        finally:
            server.stop()
    elif not args.no_zooms:
        print(f"    ({kaart.BENCH_DB} is empty: run benchmarks/kaart.py first)")
    script.unlink()

    seconds = time.perf_counter() - started
    load_after = os.getloadavg()
    text = (
        f"{SECTION}\n\n"
        f"- Command: `.venv/bin/python benchmarks/load.py {' '.join(sys.argv[1:])}`"
        f" (part of `make bench`); run took {seconds:.0f} s\n"
        f"- Server: gunicorn, 2 workers, DEBUG off, as `make serve` runs it (no access "
        f"log), on loopback; database `{PAGES_DB}` with the demo data\n"
        f"- Client: wrk, no think time, time-out {TIMEOUT}; {args.seconds} s per "
        "measurement; – where no answer came back within it\n"
        f"- Machine load (1-minute average) before: {load_before[0]:.1f}, after: "
        f"{load_after[0]:.1f}, on {os.cpu_count()} cores (other work shares this "
        "machine: compare each row with the static file of the same run)\n"
        f"- Targets (issue 13): every public page p95 < {P95_TARGET_MS} ms at 20 "
        f"clients, a signed-in page (the demo partner) p95 < {SIGNED_IN_P95_MS} ms; "
        "no errors or time-outs at 50\n\n"
        f"{pages_table(page_rows)}\n"
    )
    if zoom_rows:
        text += (
            "\n### The map at every zoom, through gunicorn, on the Flanders data\n\n"
            f"`/api/kaart/<layer>/` for a {kaart.VIEWPORT[0]} x {kaart.VIEWPORT[1]} pixel "
            f"view centred on {kaart.VIEW_LON}, {kaart.VIEW_LAT}, one client for 2 s "
            f"per row (server time plus HTTP). Target: under {MAP_MS_TARGET} ms and "
            f"{kaart.ZOOM_KIB_TARGET} KiB.\n\n{zoom_table(zoom_rows)}\n"
        )
    print()
    print(text)
    if not args.no_write:
        print(f"Written to {write_section(text).relative_to(ROOT)}.")


if __name__ == "__main__":
    main()
