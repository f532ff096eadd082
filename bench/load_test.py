"""The load test: gunicorn with the production settings on loopback, Locust headless for a bounded time.

    .venv/bin/python bench/load_test.py [--users 16] [--spawn-rate 4] [--run-time 60s] [--workers 3]

It serves the database DATABASE_URL names (and REDIS_URL's Redis) with gunicorn as the Dockerfile runs it
(config.wsgi, 3 sync workers) under bench/loopback_settings.py — production's settings, DEBUG off, static
files collected into var/bench-static and served by whitenoise, throwaway keys generated for this run —
then runs the scenario of bench/locustfile.py and prints requests/s and p50/p95/p99 per endpoint (ms, as
Locust measures them: the client's view over loopback). When the time is up every user finishes the page
it is on (up to 60 s, gunicorn's timeout), so slow requests are counted, not cut off. It exits non-zero when
any request failed.

The scenario writes (outcome figures recorded again, notices marked read): run it on a benchmark copy.
"""

import argparse
import base64
import csv
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(args):
    """The environment production insists on, with fresh throwaway secrets (nothing encrypted is read)."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.loopback_settings",
        SECRET_KEY=secrets.token_urlsafe(60),
        DEMO_PASSWORD=secrets.token_urlsafe(16),
        FIELD_ENCRYPTION_KEYS=base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        FIELD_HASH_KEY=secrets.token_urlsafe(40),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        STATIC_ROOT=str(ROOT / "var" / "bench-static"),
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    if "DATABASE_URL" not in os.environ:
        raise SystemExit("DATABASE_URL is not set: the load test needs PostgreSQL with data (README, Benchmarks)")
    return env


def static_is_current(static_root):
    """Whether var/bench-static already holds every static file (collecting compresses them all: minutes)."""
    manifest = static_root / "staticfiles.json"
    if not manifest.exists():
        return False
    collected = manifest.stat().st_mtime
    return all(f.stat().st_mtime < collected for f in (ROOT / "static").rglob("*") if f.is_file())


def wait_until_up(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer {url} within {timeout} s")


def read_stats(prefix):
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    failures = []
    if os.path.exists(f"{prefix}_failures.csv"):
        with open(f"{prefix}_failures.csv", newline="", encoding="utf-8") as f:
            failures = list(csv.DictReader(f))
    return rows, failures


def format_table(rows):
    head = ["endpoint", "requests", "failures", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    body = [r for r in rows if r["Name"] != "Aggregated"]
    body.sort(key=lambda r: -float(r["95%"] if r["95%"] != "N/A" else 0))
    for r in [*body, *[r for r in rows if r["Name"] == "Aggregated"]]:
        name = f"{r['Type']} {r['Name']}" if r["Name"] != "Aggregated" else "**all**"
        lines.append(
            f"| {name} | {r['Request Count']} | {r['Failure Count']} | {float(r['Requests/s']):.2f} "
            f"| {r['50%']} | {r['95%']} | {r['99%']} | {float(r['Max Response Time']):.0f} |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--spawn-rate", type=float, default=4)
    parser.add_argument("--run-time", default="60s")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (the Dockerfile's 3)")
    parser.add_argument("--county", default="nat_county")
    parser.add_argument("--province", default="nat_province")
    parser.add_argument("--supreme", default="nat_supreme")
    parser.add_argument("--password", default="bench-pass-2026")
    args = parser.parse_args()

    env = server_env(args)
    if not static_is_current(Path(env["STATIC_ROOT"])):
        subprocess.run([str(BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    port = free_port()
    host = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
         "--timeout", "60", "--chdir", str(ROOT)],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        wait_until_up(host + "/login/", server)
        with tempfile.TemporaryDirectory() as tmp:
            prefix = os.path.join(tmp, "locust")
            locust_env = dict(os.environ, BENCH_COUNTY=args.county, BENCH_PROVINCE=args.province,
                              BENCH_SUPREME=args.supreme, BENCH_PASSWORD=args.password)  # fmt: skip
            ran = subprocess.run(
                [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "--host", host,
                 "--users", str(args.users), "--spawn-rate", str(args.spawn_rate), "--run-time", args.run_time,
                 "--csv", prefix, "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "60"],
                cwd=ROOT, env=locust_env, check=False, capture_output=True, text=True,
            )  # fmt: skip
            try:
                rows, failures = read_stats(prefix)
            except FileNotFoundError:
                print(ran.stdout, ran.stderr, sep="\n")  # Locust itself failed: its own words
                return 1
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()

    total = next((r for r in rows if r["Name"] == "Aggregated"), None)
    print(f"{args.users} users, spawn rate {args.spawn_rate}/s, {args.run_time}, gunicorn {args.workers} workers on {host}")
    print(format_table(rows))
    if total:
        print(
            f"\nrequests/s {float(total['Requests/s']):.2f}; p50 {total['50%']} ms, p95 {total['95%']} ms, "
            f"p99 {total['99%']} ms; {total['Failure Count']} of {total['Request Count']} requests failed"
        )
    for f in failures:
        print(f"error: {f['Method']} {f['Name']}: {f['Error']} ({f['Occurrences']}×)")
    if not total or int(total["Request Count"]) == 0:
        print("error: no request was made (did the sign-in fail? see --county/--province/--supreme/--password)")
        return 1
    return 1 if int(total["Failure Count"]) else 0


if __name__ == "__main__":
    sys.exit(main())
