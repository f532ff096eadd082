"""Exports and imports in the background: a job per request with progress, a file of exactly the filtered rows,
one notice, cancellation, the requester's scope, idempotent runs and recovery after a worker restart."""

import io

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from freezegun import freeze_time
from openpyxl import load_workbook

from deadlines.models import Notification, NotificationEvent
from reporting import jobs as report_jobs
from reporting.models import ReportJob, ReportJobStatus

from .test_import import CASE_HEAD, good_case, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Each test's files in a folder of its own: job ids restart with every test database."""
    settings.MEDIA_ROOT = tmp_path


def ask(client, kind, params=None):
    return client.post("/api/v1/report-jobs/", {"kind": kind, "params": params or {}}, format="json")


def download(client, job):
    response = client.get(job["download_url"])
    assert response.status_code == 200, response.content[:300]
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)


def data_rows(book, sheet):
    return [list(r) for r in book[sheet].iter_rows(values_only=True)][1:]


def notices(user):
    return Notification.objects.filter(recipient=user, tier=NotificationEvent.REPORT_READY)


@freeze_time("2026-11-26")
@pytest.mark.usefixtures("known")
def test_a_case_export_runs_in_the_background_and_its_file_holds_exactly_the_filtered_rows(client_for, supervisor, jobs):
    client = client_for(supervisor)
    params = {"search": "案", "ordering": "title"}
    listed = client.get("/api/v1/cases/", {**params, "page_size": 200}).json()
    assert 2 <= listed["count"] < client.get("/api/v1/cases/").json()["count"]  # the filter leaves some out

    created = jobs(lambda: ask(client, "case_ledger", params))
    assert created.status_code == 202, created.json()
    job = client.get(f"/api/v1/report-jobs/{created.json()['id']}/").json()

    assert job["status"] == "done" and job["progress"] == 100
    assert job["rows_done"] == job["rows_total"] == listed["count"]
    exported = data_rows(download(client, job), "案件台账")
    assert sorted(r[2] for r in exported) == sorted(c["title"] for c in listed["results"])
    assert job["filename"].startswith("案件台账-") and job["filename"].endswith(".xlsx")


@freeze_time("2026-11-26")
@pytest.mark.usefixtures("known")
def test_the_suggestion_list_export_follows_its_filters(client_for, supervisor, jobs):
    client = client_for(supervisor)
    job = jobs(lambda: ask(client, "suggestion_ledger", {"rectification": "overdue"})).json()
    exported = data_rows(download(client, client.get(f"/api/v1/report-jobs/{job['id']}/").json()), "检察建议台账")
    assert [r[3] for r in exported] == ["金川县校园周边食品安全案"]


@freeze_time("2026-11-26")
@pytest.mark.usefixtures("known")
def test_progress_rises_chunk_by_chunk_while_the_job_runs(client_for, supervisor, jobs, monkeypatch):
    from reporting import ledgers

    monkeypatch.setattr(ledgers, "CHUNK", 2)
    client = client_for(supervisor)
    seen = []
    tick = report_jobs._Run.tick

    def watched(run, *args, **kwargs):
        tick(run, *args, **kwargs)
        view = client.get(f"/api/v1/report-jobs/{run.job.pk}/").json()
        seen.append((view["status"], view["rows_done"], view["progress"]))

    monkeypatch.setattr(report_jobs._Run, "tick", watched)
    jobs(lambda: ask(client, "case_ledger"))

    assert all(status == "running" for status, _rows, _p in seen)
    rows = [r for _s, r, _p in seen]
    progress = [p for _s, _r, p in seen]
    assert rows == sorted(rows) and progress == sorted(progress)
    assert any(0 < p < 100 for p in progress)  # a bar that moves, not one that jumps from 0 to done


@freeze_time("2026-11-26")
@pytest.mark.usefixtures("known")
def test_the_requester_is_notified_once_with_a_link_to_the_file(client_for, supervisor, jobs):
    client = client_for(supervisor)
    job = jobs(lambda: ask(client, "clue_ledger")).json()

    notice = client.get("/api/v1/notifications/").json()["results"][0]
    assert notice["tier"] == NotificationEvent.REPORT_READY and notice["tier_display"] == "导出导入任务完成"
    assert "线索台账已生成" in notice["title"]
    assert notice["url"] == f"/api/v1/report-jobs/{job['id']}/download/"
    assert notices(supervisor).count() == 1


@freeze_time("2026-11-26")
@pytest.mark.usefixtures("known")
def test_a_job_run_twice_makes_one_file_and_one_notice(client_for, supervisor, jobs):
    client = client_for(supervisor)
    job = jobs(lambda: ask(client, "case_ledger")).json()
    before = ReportJob.objects.get(pk=job["id"])

    assert report_jobs.report_job_run(job_id=job["id"], now=timezone.now()) is None  # the task delivered again
    after = ReportJob.objects.get(pk=job["id"])
    assert (after.file, after.attempt, after.finished_at) == (before.file, before.attempt, before.finished_at)
    assert notices(supervisor).count() == 1
    _dirs, files = default_storage.listdir(f"report-jobs/{job['id']}/{after.attempt}")
    assert files == [after.file.rsplit("/", 1)[1]]


@freeze_time("2026-11-26")
@pytest.mark.usefixtures("known")
def test_asking_twice_for_the_same_export_while_it_waits_gives_the_same_job(client_for, supervisor):
    client = client_for(supervisor)
    first = ask(client, "case_ledger", {"search": "金川"})
    second = ask(client, "case_ledger", {"search": "金川", "page": 3})  # paging is not part of what is exported
    assert (first.status_code, second.status_code) == (202, 200)
    assert first.json()["id"] == second.json()["id"]
    assert ReportJob.objects.count() == 1


@freeze_time("2026-11-26")
@pytest.mark.usefixtures("known")
def test_a_queued_job_cancelled_never_runs(client_for, supervisor):
    client = client_for(supervisor)
    job = ask(client, "case_ledger").json()

    cancelled = client.post(f"/api/v1/report-jobs/{job['id']}/cancel/")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert report_jobs.report_job_run(job_id=job["id"], now=timezone.now()) is None
    assert ReportJob.objects.get(pk=job["id"]).file == "" and not notices(supervisor).exists()
    assert client.post(f"/api/v1/report-jobs/{job['id']}/cancel/").status_code == 409


@freeze_time("2026-11-26")
@pytest.mark.usefixtures("known")
def test_a_running_job_cancelled_stops_at_its_next_chunk_and_leaves_no_file(client_for, supervisor, monkeypatch):
    from reporting import ledgers

    monkeypatch.setattr(ledgers, "CHUNK", 1)
    client = client_for(supervisor)
    job = ask(client, "case_ledger").json()
    tick = report_jobs._Run.tick

    def cancel_midway(run, rows_done, *args, **kwargs):
        if rows_done == 2:
            assert client.post(f"/api/v1/report-jobs/{run.job.pk}/cancel/").status_code == 200
        tick(run, rows_done, *args, **kwargs)

    monkeypatch.setattr(report_jobs._Run, "tick", cancel_midway)
    assert report_jobs.report_job_run(job_id=job["id"], now=timezone.now()) == ReportJobStatus.CANCELLED

    view = client.get(f"/api/v1/report-jobs/{job['id']}/").json()
    assert view["status"] == "cancelled" and view["download_url"] is None and view["rows_done"] == 2
    assert not default_storage.exists(f"report-jobs/{job['id']}/1/case_ledger.xlsx")
    assert not notices(supervisor).exists()


@freeze_time("2026-11-26")
@pytest.mark.usefixtures("known")
def test_another_users_job_is_404_and_lists_show_only_ones_own(client_for, supervisor, outsider, jobs):
    job = jobs(lambda: ask(client_for(supervisor), "case_ledger")).json()
    stranger = client_for(outsider)
    for response in (
        stranger.get(f"/api/v1/report-jobs/{job['id']}/"),
        stranger.post(f"/api/v1/report-jobs/{job['id']}/cancel/"),
        stranger.get(f"/api/v1/report-jobs/{job['id']}/download/"),
    ):
        assert response.status_code == 404
    assert stranger.get("/api/v1/report-jobs/").json()["count"] == 0
    assert client_for(supervisor).get("/api/v1/report-jobs/").json()["count"] == 1


@freeze_time("2026-11-26")
@pytest.mark.usefixtures("known")
def test_an_export_of_a_procuratorate_outside_the_scope_is_404_and_a_bad_filter_400(client_for, handler, org):
    client = client_for(handler)
    assert ask(client, "case_ledger", {"procuratorate": org["泸定"].pk}).status_code == 404
    bad = ask(client, "case_ledger", {"status": "no-such-status"})
    assert bad.status_code == 400 and "status" in bad.json()["errors"]
    assert ask(client, "no_such_kind").status_code == 400
    assert not ReportJob.objects.exists()


@freeze_time("2026-11-26")
@pytest.mark.usefixtures("known")
def test_the_list_scope_is_applied_when_the_job_runs(client_for, handler, outsider, jobs):
    job = jobs(lambda: ask(client_for(outsider), "case_ledger")).json()
    view = client_for(outsider).get(f"/api/v1/report-jobs/{job['id']}/").json()
    titles = [r[2] for r in data_rows(download(client_for(outsider), view), "案件台账")]
    assert titles and not any("金川" in t for t in titles)


@freeze_time("2026-11-26")
@pytest.mark.usefixtures("known")
def test_a_job_whose_worker_restarted_is_run_again_and_finishes_once(client_for, supervisor, jobs):
    client = client_for(supervisor)
    job = ask(client, "case_ledger").json()
    # The worker claimed it and died mid-run.
    ReportJob.objects.filter(pk=job["id"]).update(status="running", attempt=1, worker="celery@w1",
                                                   heartbeat_at=timezone.now(), rows_done=4)
    assert client.get(f"/api/v1/report-jobs/{job['id']}/").json()["status"] == "running"

    requeued = jobs(lambda: report_jobs.report_jobs_recover(now=timezone.now(), worker="celery@w1"))
    assert requeued == 1
    view = client.get(f"/api/v1/report-jobs/{job['id']}/").json()
    assert view["status"] == "done" and view["download_url"]
    assert ReportJob.objects.get(pk=job["id"]).attempt == 2 and notices(supervisor).count() == 1


@freeze_time("2026-11-26")
@pytest.mark.usefixtures("known")
def test_a_silent_run_is_given_back_after_the_lease_and_fails_after_three_attempts(client_for, supervisor):
    job = ask(client_for(supervisor), "case_ledger").json()
    now = timezone.now()
    ReportJob.objects.filter(pk=job["id"]).update(status="running", attempt=1, heartbeat_at=now)
    assert report_jobs.report_jobs_recover(now=now) == 0  # still within its lease
    assert report_jobs.report_jobs_recover(now=now + report_jobs.LEASE * 2) == 1
    ReportJob.objects.filter(pk=job["id"]).update(status="running", attempt=report_jobs.MAX_ATTEMPTS, heartbeat_at=now)
    report_jobs.report_jobs_recover(now=now + report_jobs.LEASE * 2)
    assert ReportJob.objects.get(pk=job["id"]).status == ReportJobStatus.FAILED


@freeze_time("2026-11-26")
@pytest.mark.usefixtures("known")
def test_the_statistics_workbook_as_a_job(client_for, supervisor, jobs):
    client = client_for(supervisor)
    job = jobs(lambda: ask(client, "stats_workbook")).json()
    view = client.get(f"/api/v1/report-jobs/{job['id']}/").json()
    book = download(client, view)
    assert view["status"] == "done" and "总体情况" in book.sheetnames and "按检察院" in book.sheetnames


@freeze_time("2026-11-26")
def test_a_ledger_import_runs_as_a_job_all_or_nothing(client_for, handler, jobs):
    from pil_cases.models import Case

    client = client_for(handler)
    good = xlsx(CASE_HEAD, good_case("甲案"), good_case("乙案", "2025年4月2日"))
    job = jobs(lambda: client.post("/api/v1/report-jobs/", {"kind": "case_import", "file": good}, format="multipart"))
    assert job.status_code == 202, job.json()
    view = client.get(f"/api/v1/report-jobs/{job.json()['id']}/").json()
    assert view["status"] == "done" and view["result"]["created"] == 2
    assert Case.objects.filter(title__in=["甲案", "乙案"]).count() == 2

    bad_row = good_case("丙案")
    bad_row[1] = "普通案件"
    bad = xlsx(CASE_HEAD, good_case("丁案"), bad_row)
    job = jobs(lambda: client.post("/api/v1/report-jobs/", {"kind": "case_import", "file": bad}, format="multipart"))
    view = client.get(f"/api/v1/report-jobs/{job.json()['id']}/").json()
    assert view["status"] == "failed" and view["result"]["created"] == 0
    assert view["result"]["problems"][0]["row"] == 3 and view["result"]["problems"][0]["column"] == "案件类型"
    assert data_rows(download(client, view), "错误报告")[0][0] == 3
    assert not Case.objects.filter(title="丁案").exists()
    assert notices(handler).count() == 2


def test_an_import_without_a_file_is_refused_at_the_field(client_for, handler):
    response = client_for(handler).post("/api/v1/report-jobs/", {"kind": "clue_import"}, format="multipart")
    assert response.status_code == 400 and response.json()["errors"]["file"] == ["请选择要导入的 Excel 文件。"]
