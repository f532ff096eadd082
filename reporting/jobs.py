"""Exports, statistics workbooks and ledger imports as background jobs (issue 16 item 5).

    report_job_create(owner=…, kind=…, params=…)  → the job, queued through the outbox after commit
    report_job_run(job_id=…, now=…)                → the worker: claim, stream, store the file, notify once
    report_job_cancel(job=…, now=…)                → queued: cancelled at once; running: the worker stops at its next chunk
    report_jobs_recover(now=…)                     → runs that died with their worker go back to the queue

Memory stays flat at any size: rows are read with `.iterator(chunk_size)` (a server-side cursor), written to an
openpyxl write-only workbook (which streams to a temporary file) and the workbook is saved straight to the media
storage, never into memory. Idempotent: a run claims the job with a conditional update (queued → running) and
stamps its `attempt`; only the run holding the current attempt may record progress or finish, and the notice has
a unique key per job, so a task delivered twice, or a run overtaken by a restart, adds no second file or notice.
"""

import logging
import os
import re
import tempfile
from datetime import timedelta

from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import F, Q
from django.http import Http404, QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ValidationError

from core.errors import Conflict
from core.language import in_record_language
from core.outbox import outbox_enqueue
from deadlines.models import NotificationEvent
from deadlines.services import notification_send
from procuratorates.models import User

from . import ledger_import, ledgers, selections
from .models import ReportJob, ReportJobKind, ReportJobStatus

logger = logging.getLogger(__name__)

TASK = "reporting.tasks.report_job_run"
# A running job that has shown no progress for this long is taken to have died with its worker. Long enough for
# the last step of a 1M-row ledger (zipping the workbook, which reports no progress).
LEASE = timedelta(minutes=15)
MAX_ATTEMPTS = 3
KEEP = timedelta(days=7)  # finished jobs' files are deleted after this (report_jobs_purge)

ACTIVE = (ReportJobStatus.QUEUED, ReportJobStatus.RUNNING)
EXPORTS = {
    ReportJobKind.CLUE_LEDGER: (
        selections.clues_listed, ledgers.CLUE_COLUMNS, ledgers.clue_ledger_rows, gettext_lazy("线索台账"),
    ),
    ReportJobKind.CASE_LEDGER: (
        selections.cases_listed, ledgers.CASE_COLUMNS, ledgers.case_ledger_rows, gettext_lazy("案件台账"),
    ),
    ReportJobKind.SUGGESTION_LEDGER: (
        selections.suggestions_listed, ledgers.SUGGESTION_COLUMNS, ledgers.suggestion_ledger_rows,
        gettext_lazy("检察建议台账"),
    ),
}
IMPORTS = {ReportJobKind.CLUE_IMPORT: "clues", ReportJobKind.CASE_IMPORT: "cases"}


class ParamsRequest:
    """The parts of a request the list filters read (`user`, `query_params`), rebuilt from a job's params."""

    def __init__(self, user, params):
        self.user = user
        self.query_params = self.GET = _query_dict(params)


def _query_dict(params):
    query = QueryDict(mutable=True)
    for key, value in (params or {}).items():
        query.setlist(key, [str(v) for v in value] if isinstance(value, list) else [str(value)])
    return query


def access_report_job_by_id(user, pk):
    """The user's own job; another user's job, or none, is the same 404."""
    # ASCII digits that fit the column: anything else ("²", 30 digits) is simply not one of the user's jobs.
    job = ReportJob.objects.filter(owner=user, pk=pk).first() if re.fullmatch(r"[0-9]{1,18}", str(pk)) else None
    if job is None:
        raise Http404
    return job


# ---------------------------------------------------------------- asking for a job


def _clean_params(params):
    if not isinstance(params, dict):
        raise ValidationError({"params": [_("筛选条件格式不正确。")]})
    clean = {}
    for key, value in params.items():
        if key in ("page", "page_size", "ordering"):
            continue  # the whole filtered list is exported, in the ledger's own order
        values = value if isinstance(value, list) else [value]
        values = [v for v in values if v not in (None, "")]
        if values:
            clean[str(key)] = [str(v) for v in values] if isinstance(value, list) else str(values[0])
    return clean


def _check(kind, request):
    """Raise now what the job would meet later: invalid filters (400), a procuratorate outside the scope (404)."""
    if kind in EXPORTS:
        EXPORTS[kind][0](request)
    elif kind == ReportJobKind.STATS_WORKBOOK:
        selections.selection(request)


def report_job_create(*, owner, kind, params=None, upload=None, language=None, now=None):
    """Queue a job; returns (job, created). The same export asked for again while it is under way is that job."""
    now = now or timezone.now()
    params = _clean_params(params or {})
    if kind in IMPORTS:
        if upload is None:
            raise ValidationError({"file": [_("请选择要导入的 Excel 文件。")]})
        params = {}
    _check(kind, ParamsRequest(owner, params))
    with transaction.atomic():
        if kind not in IMPORTS:
            # Lock the owner's row so that two clicks at once still find one another's job.
            User.objects.select_for_update().filter(pk=owner.pk).first()
            running = ReportJob.objects.filter(owner=owner, kind=kind, params=params, status__in=ACTIVE).first()
            if running is not None:
                return running, False
        job = ReportJob.objects.create(
            owner=owner, kind=kind, params=params, language=language or translation.get_language() or "zh-hans",
            created_at=now,
        )
        if upload is not None:
            job.upload.save(f"{job.pk}.xlsx", upload, save=True)
        _enqueue(job)
    return job, True


def _enqueue(job):
    outbox_enqueue(TASK, key=f"report-job:{job.pk}:{job.attempt}", job_id=job.pk)


def report_job_cancel(*, job, now):
    """A queued job is cancelled at once; a running one at its next chunk (its partial file is deleted)."""
    with transaction.atomic():
        queued = ReportJob.objects.filter(pk=job.pk, status=ReportJobStatus.QUEUED)
        running = ReportJob.objects.filter(pk=job.pk, status=ReportJobStatus.RUNNING)
        if not queued.update(status=ReportJobStatus.CANCELLED, cancel_requested=True, finished_at=now) and not running.update(
            cancel_requested=True
        ):
            raise Conflict(_("任务已结束，不能取消。"))
    job.refresh_from_db()
    return job


# ---------------------------------------------------------------- running a job


class _Stop(Exception):
    """The run must end without finishing the job: cancelled, or overtaken by another attempt."""


class _Run:
    """One attempt at a job: reports progress, notices a cancel, and finishes the job only if still its own."""

    def __init__(self, job):
        self.job = job
        self.attempt = job.attempt
        self.mine = ReportJob.objects.filter(pk=job.pk, attempt=job.attempt, status=ReportJobStatus.RUNNING)
        self.rows_done = 0
        # Transactions opened below this depth are the job's own (the import's all-or-nothing transaction).
        self.depth = len(connection.atomic_blocks)

    def tick(self, rows_done, rows_total=None, progress=None):
        total = rows_total if rows_total is not None else self.job.rows_total
        if progress is None:
            progress = min(99, 100 * rows_done // total) if total else 0
        self.rows_done = rows_done
        if len(connection.atomic_blocks) > self.depth:
            # Inside the import's transaction an update would be invisible until the commit, and would lock the
            # job's row against a cancel: the progress goes to the cache instead (progress_of reads it).
            # `at` is the run's heartbeat meanwhile (report_jobs_recover reads it).
            cache.set(progress_key(self.job.pk), {"rows_done": rows_done, "rows_total": total, "progress": progress,
                                                  "at": timezone.now().timestamp()}, 3600)
        elif not self.mine.update(rows_done=rows_done, rows_total=total, progress=progress, heartbeat_at=timezone.now()):
            raise _Stop  # another attempt owns the job now
        self.job.rows_total = total
        if ReportJob.objects.filter(pk=self.job.pk, cancel_requested=True).exists():
            raise _Stop

    def counted(self, rows, total):
        """`rows`, ticking every chunk."""
        done = 0
        self.tick(0, total)
        for row in rows:
            yield row
            done += 1
            if done % ledgers.CHUNK == 0:
                self.tick(done)
        self.tick(done, progress=99)

    def finish(self, *, status, file="", filename="", result=None, error="", notify=None, now):
        """Record the outcome (and the notice, in the same transaction) if this attempt still owns the job."""
        with transaction.atomic():
            mine = self.mine
            if status == ReportJobStatus.DONE:
                mine = mine.filter(cancel_requested=False)
            finished = mine.update(
                rows_done=self.rows_done, rows_total=self.job.rows_total, status=status, file=file, filename=filename,
                result=result or {}, error=str(error)[:300],
                progress=100 if status == ReportJobStatus.DONE else F("progress"), finished_at=now, heartbeat_at=now,
            )
            if finished and notify:
                _notify(self.job, *notify, with_file=bool(file))
        cache.delete(progress_key(self.job.pk))
        if not finished and file:
            default_storage.delete(file)  # a cancel or another attempt got there first: keep no stray file
        return finished


def progress_key(job_id):
    return f"report-job-progress:{job_id}"


def progress_of(job):
    """(rows_done, rows_total, progress) as the requester should see them now."""
    if job.status == ReportJobStatus.RUNNING:
        cached = cache.get(progress_key(job.pk))
        if cached:
            return cached["rows_done"], cached["rows_total"], cached["progress"]
    return job.rows_done, job.rows_total, job.progress


def _notify(job, title, body, *, with_file):
    # The notice links to the file itself; an import that created records links back to the import page.
    url = f"/api/v1/report-jobs/{job.pk}/download/" if with_file else "/statistics/import/"
    notification_send(recipients=[job.owner_id], kind=NotificationEvent.REPORT_READY, title=str(title), body=str(body),
                      url=url, key=f"report-job:{job.pk}")


def _store(job, attempt, write):
    """Write the workbook into the media storage under a name of this attempt; returns the storage name."""
    name = f"report-jobs/{job.pk}/{attempt}/{job.kind}.xlsx"
    try:
        path = default_storage.path(name)
    except NotImplementedError:  # object storage: build locally, then upload in chunks
        with tempfile.TemporaryFile(suffix=".xlsx") as handle:
            write(handle)
            handle.seek(0)
            return default_storage.save(name, File(handle, name=os.path.basename(name)))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    partial = path + ".part"
    try:
        write(partial)
        os.replace(partial, path)  # a reader never sees half a file
    finally:
        if os.path.exists(partial):
            os.remove(partial)
    return name


def report_job_run(*, job_id, now, worker=""):
    """Run a queued job once. Returns the job's status after this run (None if the job was not queued)."""
    claimed = ReportJob.objects.filter(pk=job_id, status=ReportJobStatus.QUEUED, cancel_requested=False).update(
        status=ReportJobStatus.RUNNING, started_at=now, heartbeat_at=now, attempt=F("attempt") + 1, worker=worker[:200]
    )
    if not claimed:
        return None
    job = ReportJob.objects.select_related("owner").get(pk=job_id)
    run = _Run(job)
    try:
        with translation.override(job.language):
            if job.kind in EXPORTS:
                _export(job, run)
            elif job.kind == ReportJobKind.STATS_WORKBOOK:
                _stats(job, run)
            else:
                _import(job, run)
    except _Stop:
        run.finish(status=ReportJobStatus.CANCELLED, now=timezone.now())
    except Exception as exc:
        logger.exception("report job %s failed", job_id)
        with in_record_language():
            title = _("%(kind)s生成失败") % {"kind": job.get_kind_display()}
        run.finish(status=ReportJobStatus.FAILED, error=repr(exc), notify=(title, _("请稍后重试或联系管理员。")),
                   now=timezone.now())
    job.refresh_from_db()
    return job.status


def _stamp(now):
    return timezone.localtime(now).strftime("%Y%m%d")


def _export(job, run):
    listed, columns, rows, title = EXPORTS[job.kind]
    queryset = listed(ParamsRequest(job.owner, job.params))
    total = queryset.count()
    today = timezone.localdate()
    source = rows(queryset, today=today) if job.kind == ReportJobKind.SUGGESTION_LEDGER else rows(queryset)
    ledger = ledgers.Ledger()
    run.tick(0, total)
    try:
        # Inside a transaction the rows stream from a plain server-side cursor as they are written; outside one
        # Django declares the cursor WITH HOLD, and PostgreSQL runs the whole query (1M rows with their subqueries)
        # before handing over the first row, leaving the bar at 0 % for minutes. The progress goes to the cache.
        with transaction.atomic():
            ledger.sheet(str(title), columns, run.counted(source, total))
    except _Stop:
        ledger.discard()
        raise
    name = _store(job, run.attempt, ledger.save)
    filename = f"{title}-{_stamp(timezone.now())}.xlsx"
    with in_record_language():
        notice = (
            _("%(kind)s已生成，共%(rows)s行") % {"kind": job.get_kind_display(), "rows": total},
            _("请在“下载”链接中下载（保留7天）。"),
        )
    run.finish(status=ReportJobStatus.DONE, file=name, filename=filename, result={"rows": total}, notify=notice,
               now=timezone.now())


def _stats(job, run):
    scope = selections.selection(ParamsRequest(job.owner, job.params))
    run.tick(0, 0, progress=5)
    ledger = ledgers.stats_workbook(scope)
    run.tick(0, 0, progress=90)
    name = _store(job, run.attempt, ledger.save)
    filename = f"{_('统计报表')}-{scope.root.short_name}-{_stamp(timezone.now())}.xlsx"
    with in_record_language():
        notice = (_("统计报表已生成"), _("请在“下载”链接中下载（保留7天）。"))
    run.finish(status=ReportJobStatus.DONE, file=name, filename=filename, notify=notice, now=timezone.now())


def _import(job, run):
    kind = IMPORTS[job.kind]
    run.tick(0, 0, progress=1)
    with job.upload.open("rb") as upload:
        try:
            created = ledger_import.import_ledger(
                kind=kind, actor=job.owner, upload=upload, today=timezone.localdate(), progress=run.tick
            )
        except ledger_import.LedgerInvalid as invalid:
            problems = [p.as_dict() for p in invalid.problems]
            report = ledger_import.problem_report(invalid.problems)
            name = _store(job, run.attempt, report.save)
            with in_record_language():
                notice = (_("%(kind)s未通过校验，未导入任何数据") % {"kind": job.get_kind_display()},
                          _("共%(n)s处问题，请下载错误报告。") % {"n": len(problems)})
            run.finish(
                status=ReportJobStatus.FAILED, file=name, filename=f"{_('导入错误报告')}.xlsx",
                result={"created": 0, "problems": problems[:500], "problem_count": len(problems)},
                error=_("导入文件有误，未导入任何数据。"), notify=notice, now=timezone.now(),
            )
            return
    with in_record_language():
        notice = (_("%(kind)s完成，已导入%(n)s条记录") % {"kind": job.get_kind_display(), "n": len(created)}, "")
    run.finish(status=ReportJobStatus.DONE, result={"created": len(created), "ids": [obj.pk for obj in created][:1000]},
               notify=notice, now=timezone.now())


# ---------------------------------------------------------------- after a worker restart


def report_jobs_recover(*, now, worker=None):
    """Give back to the queue the running jobs whose worker died: those silent for LEASE, and, when a worker
    (re)starts, those it was running under the same name. After MAX_ATTEMPTS a job fails instead of looping.
    Returns how many were re-queued."""
    dead = Q(heartbeat_at__lt=now - LEASE)
    if worker:
        dead |= Q(worker=worker)
    requeued = 0
    for job in ReportJob.objects.filter(status=ReportJobStatus.RUNNING).filter(dead):
        beat = (cache.get(progress_key(job.pk)) or {}).get("at", 0)
        if job.worker != worker and beat > (now - LEASE).timestamp():
            continue  # alive: it reports its progress through the cache while it streams inside a transaction
        mine = ReportJob.objects.filter(pk=job.pk, status=ReportJobStatus.RUNNING, attempt=job.attempt)
        with transaction.atomic():
            if job.cancel_requested:
                mine.update(status=ReportJobStatus.CANCELLED, finished_at=now)
            elif job.attempt >= MAX_ATTEMPTS:
                mine.update(status=ReportJobStatus.FAILED, error=_("任务多次中断，请重新申请。"), finished_at=now)
            elif mine.update(status=ReportJobStatus.QUEUED, worker="", heartbeat_at=None):
                _enqueue(job)
                requeued += 1
    return requeued


def report_jobs_purge(*, now):
    """Delete the files (and rows) of jobs finished more than KEEP ago."""
    old = ReportJob.objects.filter(finished_at__lt=now - KEEP)
    for job in old.only("pk", "file", "upload"):
        if job.file:
            default_storage.delete(job.file)
        if job.upload:
            job.upload.delete(save=False)
    return old.delete()[0]
