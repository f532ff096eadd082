"""The public and volunteer portal API: submission, tracking, refusals that store nothing."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from freezegun import freeze_time
from rest_framework.test import APIClient

from clues.models import Clue, ClueAttachment, ClueReporter, Volunteer
from core.models import AuditEntry
from deadlines.models import Deadline

from .conftest import jpeg, png, stored_files

SUBMIT = "/api/v1/public/clues/"


def submit(client=None, **overrides):
    data = {
        "description": "大金川河勒乌镇段有挖掘机夜间采砂，河水浑浊。",
        "address": "金川县勒乌镇大金川河左岸",
        "anonymous": "false",
        "name": "卓玛",
        "phone": "13800001111",
    }
    data.update(overrides)
    return (client or APIClient()).post(SUBMIT, data, format="multipart")


def nothing_stored(media_root):
    return (Clue.objects.count(), ClueAttachment.objects.count(), ClueReporter.objects.count(), AuditEntry.objects.count(),
            Deadline.objects.count(), stored_files(media_root)) == (0, 0, 0, 0, 0, [])


@freeze_time("2026-03-02 10:00:00+08:00")
def test_member_of_public_submits_a_clue_with_two_photos_and_gets_a_tracking_code(org, ecology, media_root):
    response = submit(procuratorate=org["金川"].pk, field=ecology.pk, photos=[jpeg("a.jpg"), png("b.png")],
                      latitude="31.476512", longitude="102.066431")

    assert response.status_code == 201, response.json()
    code = response.json()["tracking_code"]
    assert len(code) >= 20
    clue = Clue.objects.get()
    assert clue.procuratorate == org["金川"] and clue.source == "public_report" and clue.status == "received"
    assert clue.tracking_code_hash != code  # only the hash is kept
    assert [a.kind for a in clue.attachments.all()] == ["photo", "photo"]
    assert len(stored_files(media_root)) == 2
    assert {d.kind for d in clue.deadlines.all()} == {"clue_acknowledge", "clue_evaluate", "clue_feedback"}


@freeze_time("2026-03-02 10:00:00+08:00")
def test_tracking_page_api_shows_status_and_feedback_and_nothing_else(org):
    code = submit(procuratorate=org["金川"].pk).json()["tracking_code"]

    body = APIClient().get(f"{SUBMIT}{code}/").json()

    assert body["status"] == "received" and body["status_display"] == "已登记"
    assert set(body) == {"status", "status_display", "received_on", "procuratorate", "public_feedback", "transferred_to"}
    assert "卓玛" not in str(body)


def test_a_guessed_tracking_code_is_not_found(org):
    submit(procuratorate=org["金川"].pk)
    assert APIClient().get(f"{SUBMIT}not-a-real-code-1234567/").status_code == 404


def test_an_anonymous_report_is_accepted_without_contact_details(org):
    response = submit(procuratorate=org["金川"].pk, anonymous="true", name="", phone="")

    assert response.status_code == 201
    clue = Clue.objects.get()
    assert clue.reporter.anonymous and clue.reporter.name == ""
    # Nobody to acknowledge by name: only the evaluation and the result via the tracking page are due.
    assert {d.kind for d in clue.deadlines.all()} == {"clue_evaluate", "clue_feedback"}


def test_a_report_that_is_neither_anonymous_nor_gives_contact_is_refused(org, media_root):
    response = submit(procuratorate=org["金川"].pk, name="", phone="")
    assert response.status_code == 400
    assert "匿名" in str(response.json()["errors"]["name"])
    assert nothing_stored(media_root)


def test_an_oversized_photo_is_refused_and_nothing_is_stored(org, media_root, settings):
    from clues import uploads

    big = BytesIO()
    from PIL import Image

    Image.effect_noise((2600, 2600), 100).convert("RGB").save(big, "PNG")
    assert big.tell() > 0
    original = uploads.MAX_FILE_BYTES
    uploads.MAX_FILE_BYTES = 1024 * 1024
    try:
        response = submit(procuratorate=org["金川"].pk, photos=[jpeg("ok.jpg"), SimpleUploadedFile("big.png", big.getvalue())])
    finally:
        uploads.MAX_FILE_BYTES = original

    assert response.status_code == 400
    assert "超过" in str(response.json()["errors"]["photos"])
    assert nothing_stored(media_root)


def test_a_file_that_only_pretends_to_be_a_photo_is_refused_and_nothing_is_stored(org, media_root):
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 this is a windows program, not a photo" * 10, content_type="image/jpeg")
    response = submit(procuratorate=org["金川"].pk, photos=[jpeg(), fake])

    assert response.status_code == 400
    assert "只接受 JPEG、PNG、WebP 图片和 PDF 文件" in str(response.json()["errors"]["photos"])
    assert nothing_stored(media_root)


def test_a_broken_jpeg_is_refused(org, media_root):
    good = jpeg().read()
    broken = SimpleUploadedFile("broken.jpg", good[:40], content_type="image/jpeg")
    response = submit(procuratorate=org["金川"].pk, photos=[broken])
    assert response.status_code == 400
    assert nothing_stored(media_root)


def test_a_pdf_is_accepted_as_a_document(org):
    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", content_type="application/pdf")
    assert submit(procuratorate=org["金川"].pk, photos=[pdf]).status_code == 201
    assert ClueAttachment.objects.get().kind == "document"


def test_more_than_nine_photos_are_refused(org, media_root):
    response = submit(procuratorate=org["金川"].pk, photos=[jpeg(f"{i}.jpg") for i in range(10)])
    assert response.status_code == 400
    assert "最多上传9个文件" in str(response.json()["errors"]["photos"])
    assert nothing_stored(media_root)


@pytest.mark.parametrize("missing", ["description", "address", "procuratorate"])
def test_a_submission_missing_a_required_field_is_refused_with_the_field_named(org, media_root, missing):
    data = {"procuratorate": org["金川"].pk, "photos": [jpeg()]}
    data.pop(missing, None)
    response = submit(**data, **({missing: ""} if missing != "procuratorate" else {}))
    assert response.status_code == 400
    assert missing in response.json()["errors"]
    assert nothing_stored(media_root)


def test_an_unknown_procuratorate_is_refused_with_a_clear_message(org, media_root):
    response = submit(procuratorate=999999, photos=[jpeg()])
    assert response.status_code == 400
    assert response.json()["errors"]["procuratorate"] == ["所选检察院不存在。"]
    assert nothing_stored(media_root)


def test_errors_are_in_english_when_asked(org):
    response = APIClient().post(SUBMIT, {"procuratorate": 999999}, format="multipart", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["errors"]["description"] == ["This is required."]  # DRF's stock message, in plain words


def test_a_failure_while_writing_removes_the_files_already_written(org, media_root, monkeypatch):
    from clues import services

    def broken(*args, **kwargs):
        raise RuntimeError("disk full while writing history")

    monkeypatch.setattr(services, "_set_deadlines", broken)
    with pytest.raises(RuntimeError):
        submit(procuratorate=org["金川"].pk, photos=[jpeg("a.jpg"), jpeg("b.jpg")])
    assert nothing_stored(media_root)


def test_submissions_are_rate_limited_per_address(org, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"public_submit": "2/hour"}}
    client = APIClient()
    codes = [submit(client, procuratorate=org["金川"].pk).status_code for _ in range(3)]
    assert codes == [201, 201, 429]


def test_a_volunteer_registers_and_their_submitted_and_filed_clues_are_counted(org):
    client = APIClient()
    registered = client.post("/api/v1/public/volunteers/",
                             {"name": "王志愿", "phone": "13900002222", "organisation": "共青团金川县委"},
                             format="json")
    assert registered.status_code == 201
    code = registered.json()["code"]
    submit(procuratorate=org["金川"].pk, volunteer_code=code.lower())
    submit(procuratorate=org["金川"].pk, volunteer_code=code)
    Clue.objects.filter(pk=Clue.objects.first().pk).update(status="filed")

    counts = client.get(f"/api/v1/public/volunteers/{code}/").json()

    assert (counts["clue_count"], counts["filed_count"]) == (2, 1)
    assert set(Clue.objects.values_list("source", flat=True)) == {"volunteer"}
    assert "phone" not in counts


def test_an_unknown_volunteer_code_is_refused(org, media_root):
    response = submit(procuratorate=org["金川"].pk, volunteer_code="YX-NOPE00")
    assert response.status_code == 400 and "志愿者编号不存在" in str(response.json()["errors"])
    assert Volunteer.objects.count() == 0 and nothing_stored(media_root)
