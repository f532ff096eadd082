"""A national ledger exported in the background: rows, wall time and the worker's peak RSS (issue 16 item 5).

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/pil_exports_big REDIS_URL=redis://127.0.0.1:6379/5
    .venv/bin/python bench/bench_export_national.py --user nat_supreme                 # every case the user sees
    .venv/bin/python bench/bench_export_national.py --user nat_supreme --params '{"status": ["closed"]}'

It starts one Celery worker of its own (solo pool, so the export runs in the process it measures; on a queue of its
own, with the start-up relays and sweeps switched off, so that nothing else runs in it), asks for the job through
reporting.jobs as the given user, and follows it as the page does: the job's rows done and percentage every few
seconds, the worker's RSS (VmRSS) at each sample and its peak (VmHWM, read from /proc before the worker stops).
Flat memory means the peak hardly rises above the RSS the worker had before the job, whatever the rows.
Read-only apart from the job row and its file (under MEDIA_ROOT/report-jobs/). Never point it at a database you
must not write to.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")  # DEBUG off: no query log growing in memory
QUEUE = "bench-export"


def _kb(pid, field):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def worker():
    """The measured worker: no start-up work (outbox relay, deadline sweep, recovery), only the bench's queue."""
    import django

    django.setup()
    from celery.signals import worker_ready

    for receiver in list(worker_ready.receivers):
        worker_ready.receivers.remove(receiver)
    from config.celery import app

    app.worker_main(["worker", "--pool=solo", "--concurrency=1", "-Q", QUEUE, "-n", f"bench-export-{os.getpid()}@%h",
                     "--without-heartbeat", "--without-gossip", "--without-mingle", "--loglevel=WARNING"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--user", default="nat_supreme", help="the requester (the export is what this user may see)")
    parser.add_argument("--kind", default="case_ledger", choices=["case_ledger", "suggestion_ledger", "clue_ledger"])
    parser.add_argument("--params", default="{}", help="the list's filters as JSON, as the page sends them")
    parser.add_argument("--every", type=float, default=10.0, help="seconds between progress samples")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker()

    import django

    django.setup()
    from django.conf import settings
    from django.db import transaction

    from procuratorates.models import User
    from reporting import jobs
    from reporting.models import ReportJob
    from reporting.tasks import report_job_run

    proc = subprocess.Popen([sys.executable, __file__, "--worker"], cwd=ROOT, env=os.environ.copy())
    try:
        time.sleep(8)  # the worker imports Django and connects to the broker
        base_rss = _kb(proc.pid, "VmRSS")
        user = User.objects.get(username=args.user)
        jobs._enqueue = lambda job: None  # published below to the bench's own queue, not through the outbox
        with transaction.atomic():
            job, _created = jobs.report_job_create(owner=user, kind=args.kind, params=json.loads(args.params))
        started = time.monotonic()
        report_job_run.apply_async(args=[job.pk], queue=QUEUE)
        print(f"job {job.pk} {args.kind} for {args.user} {args.params}; worker pid {proc.pid}, "
              f"RSS before {base_rss / 1024:.0f} MiB")
        print(f"{'s':>7} {'status':>9} {'rows done':>11} {'of':>11} {'%':>4} {'worker RSS MiB':>15}")
        samples = []
        while True:
            job = ReportJob.objects.get(pk=job.pk)
            rows_done, rows_total, progress = jobs.progress_of(job)  # as the page sees it (the cache while streaming)
            rss = _kb(proc.pid, "VmRSS")
            samples.append(rss)
            elapsed = time.monotonic() - started
            print(f"{elapsed:7.1f} {job.status:>9} {rows_done:>11,} {rows_total or 0:>11,} {progress:>4} {rss / 1024:15.0f}",
                  flush=True)
            if job.finished:
                break
            time.sleep(args.every)
        wall = (job.finished_at - job.started_at).total_seconds() if job.started_at else elapsed
        peak = _kb(proc.pid, "VmHWM")
        size = (Path(settings.MEDIA_ROOT) / job.file).stat().st_size if job.file else 0
        print()
        print(f"status         {job.status} {job.error}")
        print(f"rows           {job.rows_done:,} of {job.rows_total or 0:,}")
        print(f"wall time      {wall:.1f} s (claimed → file stored), {job.rows_done / wall if wall else 0:,.0f} rows/s")
        print(f"worker RSS     before {base_rss / 1024:.0f} MiB, peak {peak / 1024:.0f} MiB "
              f"(+{(peak - base_rss) / 1024:.0f} MiB), samples {min(samples) / 1024:.0f}–{max(samples) / 1024:.0f} MiB")
        print(f"file           {job.file} {size / 1e6:.1f} MB")
    finally:
        proc.terminate()
        proc.wait(30)


if __name__ == "__main__":
    main()
