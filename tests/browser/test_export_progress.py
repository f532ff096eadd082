"""As a supervisor in the browser: export the filtered case list in the background, watch the progress bar move
(percentage and rows done) and download a ledger of exactly the rows the list shows."""

import io
import threading

import pytest
from freezegun import freeze_time
from openpyxl import load_workbook

from tests.reporting.dataset import build

from .conftest import screenshot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def known(demo, org):
    with freeze_time("2026-11-26"):
        return build(demo, org)


@pytest.fixture
def held_worker(monkeypatch):
    """No worker picks the job up by itself: the test runs it, one row per chunk, pausing after the first chunk
    so that the page can be seen mid-way."""
    from core import outbox
    from reporting import jobs, ledgers

    monkeypatch.setattr(outbox, "_relay_after_commit", lambda key: None)
    monkeypatch.setattr(ledgers, "CHUNK", 1)
    first_chunk, go_on = threading.Event(), threading.Event()
    tick = jobs._Run.tick

    def paused(run, rows_done, *args, **kwargs):
        tick(run, rows_done, *args, **kwargs)
        if rows_done == 1:
            first_chunk.set()
            go_on.wait(60)

    monkeypatch.setattr(jobs._Run, "tick", paused)

    def start(job_id):
        from django.db import connection
        from django.utils import timezone

        def work():
            try:
                jobs.report_job_run(job_id=job_id, now=timezone.now(), worker="celery@test")
            finally:
                connection.close()

        thread = threading.Thread(target=work, daemon=True)
        thread.start()
        assert first_chunk.wait(30)
        return thread

    start.go_on = go_on
    return start


def test_the_case_list_exports_its_filtered_rows_in_the_background_with_a_progress_bar(page, known, held_worker):
    from reporting.models import ReportJob

    sign_in(page, "aba_supervisor")
    page.goto(page.base_url + "/cases/?search=%E6%A1%88")  # 案: four of the five cases
    page.wait_for_selector(".pil-table .case-link")
    listed = sorted(page.locator(".pil-table .case-link").all_inner_texts())
    assert len(listed) == 4

    page.click(".export-button")
    job_box = page.locator(".pil-report-job")
    job_box.wait_for()
    assert job_box.get_attribute("data-status") == "queued"
    assert page.locator(".pil-report-job .report-job-progress").is_visible()

    job = ReportJob.objects.get()
    thread = held_worker(job.pk)
    page.wait_for_selector(".pil-report-job[data-status=running]")
    page.wait_for_function("document.querySelector('.pil-report-job .report-job-rows').textContent.includes('1')")
    rows_text = page.locator(".pil-report-job .report-job-rows").inner_text()
    assert "1" in rows_text and "4" in rows_text  # rows done of rows in all
    assert page.locator(".pil-report-job .report-job-progress").first.get_attribute("aria-valuenow") == "25"
    screenshot(page, f"export-progress-running-{page.lang}")

    held_worker.go_on.set()
    thread.join(30)
    page.wait_for_selector(".pil-report-job[data-status=done] .report-job-download")
    assert page.locator(".pil-report-job .report-job-rows").inner_text().count("4") >= 2
    screenshot(page, f"export-progress-done-{page.lang}")

    with page.expect_download() as download:
        page.click(".pil-report-job .report-job-download")
    book = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()), read_only=True)
    exported = [r for r in book.worksheets[0].iter_rows(values_only=True)][1:]
    assert sorted(r[2] for r in exported) == listed
    assert page.foreign_requests == []
