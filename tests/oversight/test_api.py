"""The superiors' powers through the API: 提办, 指定管辖, 督办, 领办, reports upward with the 批复."""

import datetime

import pytest
from django.utils import timezone
from freezegun import freeze_time

from deadlines.models import Deadline, DeadlineKind, Notification
from deadlines.services import deadlines_sweep
from pil_cases.models import Case

pytestmark = pytest.mark.django_db


def _take_up(client_for, supervisor, case, **extra):
    body = {"decided_on": "2026-11-20", "reason": "案情重大、跨区域，由州院办理。", "handler": supervisor.pk, **extra}
    return client_for(supervisor).post(f"/api/v1/cases/{case.pk}/take-up/", body, format="json")


@freeze_time("2026-11-26")
def test_a_superior_takes_up_a_case_and_the_subordinate_reads_it_only(client_for, supervisor, handler, demo, org, case):
    response = _take_up(client_for, supervisor, case)
    assert response.status_code == 201, response.json()
    case.refresh_from_db()
    assert case.procuratorate == org["阿州"] and case.handler == supervisor
    # The filing-service deadline went up with the case.
    assert set(Deadline.objects.filter(case=case, state="open").values_list("procuratorate_id", flat=True)) == {org["阿州"].pk}

    subordinate = client_for(handler)
    page = subordinate.get(f"/api/v1/cases/{case.pk}/")
    assert page.status_code == 200 and page.json()["allowed_actions"] == []
    assert subordinate.post(f"/api/v1/cases/{case.pk}/records/", {"kind": "other", "recorded_on": "2026-11-25",
                                                                    "title": "补充材料"}, format="json").status_code == 403
    assert subordinate.post(f"/api/v1/cases/{case.pk}/investigate/", {"on": "2026-11-25"}, format="json").status_code == 403
    # The subordinate was told, with the superior's name.
    notice = Notification.objects.get(recipient=demo["jinchuan_head"], tier="event:case_taken_up")
    assert "阿坝藏族羌族自治州人民检察院" in notice.title
    assert Notification.objects.filter(recipient=handler, tier="event:case_taken_up").exists()
    # The superior now acts on it, and the history says what happened.
    assert client_for(supervisor).post(f"/api/v1/cases/{case.pk}/investigate/", {"on": "2026-11-25"},
                                       format="json").status_code == 200
    actions = [e["action"] for e in client_for(supervisor).get(f"/api/v1/cases/{case.pk}/history/").json()["results"]]
    assert "take-up" in actions and "move-jurisdiction" in actions
    document = client_for(handler).get(f"/api/v1/take-ups/{response.json()['id']}/document/")
    assert document.status_code == 200 and document["Content-Type"].startswith("application/vnd.openxmlformats")


def test_only_a_superior_may_take_up_a_case(client_for, handler, demo, case):
    assert client_for(handler).post(f"/api/v1/cases/{case.pk}/take-up/", {"reason": "x"}, format="json").status_code == 403
    # The head of the same office is no superior of it.
    assert client_for(demo["jinchuan_head"]).post(f"/api/v1/cases/{case.pk}/take-up/", {"reason": "x"},
                                                  format="json").status_code == 403


def test_a_take_up_without_a_reason_is_refused_at_its_field_in_chinese(client_for, supervisor, case):
    response = client_for(supervisor).post(f"/api/v1/cases/{case.pk}/take-up/", {"reason": ""}, format="json")
    assert response.status_code == 400 and "reason" in response.json()["errors"]


def test_designation_moves_a_clue_to_the_designated_procuratorate(client_for, supervisor, demo, org, clue):
    response = client_for(supervisor).post(
        f"/api/v1/clues/{clue.pk}/designate/",
        {"to_procuratorate": org["小金"].pk, "reason": "线索发生地在小金县境内。", "decided_on": "2026-11-21"}, format="json",
    )
    assert response.status_code == 201, response.json()
    clue.refresh_from_db()
    assert clue.procuratorate == org["小金"]
    body = response.json()
    assert body["from_procuratorate"]["id"] == org["金川"].pk and body["designated_by"]["id"] == org["阿州"].pk
    assert "第十七条" in body["basis"]
    # Its evaluation clock went along.
    assert set(Deadline.objects.filter(owner_id=clue.pk, kind=DeadlineKind.CLUE_EVALUATE).values_list(
        "procuratorate_id", flat=True)) <= {org["小金"].pk}
    actions = [e["action"] for e in client_for(supervisor).get(f"/api/v1/clues/{clue.pk}/history/").json()["results"]]
    assert "designate" in actions and "move_jurisdiction" in actions


def test_a_superior_designates_only_within_its_subtree(client_for, supervisor, org, case):
    response = client_for(supervisor).post(
        f"/api/v1/cases/{case.pk}/designate/", {"to_procuratorate": org["泸定"].pk, "reason": "由泸定办理。"}, format="json"
    )
    assert response.status_code == 400 and "to_procuratorate" in response.json()["errors"]
    case.refresh_from_db()
    assert case.procuratorate == org["金川"]


def test_a_designated_case_moves_and_its_designation_is_recorded(client_for, supervisor, org, case):
    response = client_for(supervisor).post(
        f"/api/v1/cases/{case.pk}/designate/", {"to_procuratorate": org["马尔康"].pk, "reason": "与马尔康在办案件关联。"},
        format="json",
    )
    assert response.status_code == 201
    assert Case.objects.get(pk=case.pk).procuratorate == org["马尔康"]
    assert response.json()["subject"] == {"kind": "case", "id": case.pk, "title": case.title, "url": f"/cases/{case.pk}/"}


def test_an_overdue_progress_report_reminds_the_subordinate_and_escalates(client_for, supervisor, handler, demo, case):
    with freeze_time("2026-11-10"):
        response = client_for(supervisor).post(
            f"/api/v1/cases/{case.pk}/supervise/",
            {"started_on": "2026-11-10", "requirements": "一个月内查清采砂范围并督促恢复河道。", "report_every_days": 10},
            format="json",
        )
        assert response.status_code == 201, response.json()
        supervision = response.json()
        assert supervision["next_report_due"] == "2026-11-20"
        assert Notification.objects.filter(recipient=handler, tier="event:case_supervised").exists()
        assert client_for(handler).get(f"/api/v1/supervisions/{supervision['id']}/document/").status_code == 200
    with freeze_time("2026-12-10"):
        deadlines_sweep(today=datetime.date(2026, 12, 10), now=timezone.now(), queue_emails=False)
        reminded = Notification.objects.filter(deadline__kind=DeadlineKind.SUPERVISION_REPORT)
        assert reminded.filter(recipient=handler, tier__startswith="overdue:").exists()
        assert reminded.filter(recipient=demo["jinchuan_head"], tier="escalate:head").exists()
        assert reminded.filter(recipient=supervisor, tier="escalate:superior").exists()
        board = client_for(supervisor).get("/api/v1/supervisions/?overdue=true").json()
        assert [row["id"] for row in board["results"]] == [supervision["id"]]
        assert board["results"][0]["overdue"] is True
        # The report resets the clock: the next one falls due a period after it.
        report = client_for(handler).post(
            f"/api/v1/supervisions/{supervision['id']}/reports/",
            {"reported_on": "2026-12-10", "progress": "已完成现场勘验，责令停止采砂。"}, format="json",
        )
        assert report.status_code == 201, report.json()
        row = client_for(supervisor).get(f"/api/v1/supervisions/{supervision['id']}/").json()
        assert row["last_reported_on"] == "2026-12-10" and row["next_report_due"] == "2026-12-21"
        assert row["overdue"] is False and len(row["reports"]) == 1
        assert Notification.objects.filter(recipient=supervisor, tier="event:supervision_reported").exists()


@freeze_time("2026-11-26")
def test_a_supervision_is_cancelled_with_a_reason_and_its_clock_stops(client_for, supervisor, handler, case):
    sid = client_for(supervisor).post(f"/api/v1/cases/{case.pk}/supervise/", {"requirements": "按期报告。"},
                                      format="json").json()["id"]
    assert client_for(supervisor).post(f"/api/v1/cases/{case.pk}/supervise/", {"requirements": "再次督办。"},
                                       format="json").status_code == 409
    assert client_for(handler).post(f"/api/v1/supervisions/{sid}/cancel/", {"reason": "x"}, format="json").status_code == 403
    assert client_for(supervisor).post(f"/api/v1/supervisions/{sid}/cancel/", {"reason": ""},
                                       format="json").status_code == 400
    response = client_for(supervisor).post(f"/api/v1/supervisions/{sid}/cancel/", {"reason": "问题已整改到位。"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert not Deadline.objects.filter(kind=DeadlineKind.SUPERVISION_REPORT, state="open").exists()
    assert client_for(handler).post(f"/api/v1/supervisions/{sid}/reports/", {"progress": "进展"},
                                    format="json").status_code == 409


@freeze_time("2026-11-26")
def test_a_leader_leads_a_case_and_it_shows_on_the_case(client_for, supervisor, handler, demo, case):
    assert client_for(handler).post(f"/api/v1/cases/{case.pk}/lead/", {}, format="json").status_code == 403
    own_head = client_for(demo["jinchuan_head"]).post(f"/api/v1/cases/{case.pk}/lead/", {"note": "本院部门负责人领办。"},
                                                      format="json")
    assert own_head.status_code == 201
    assert client_for(supervisor).post(f"/api/v1/cases/{case.pk}/lead/", {}, format="json").status_code == 201
    assert client_for(supervisor).post(f"/api/v1/cases/{case.pk}/lead/", {}, format="json").status_code == 409
    shown = client_for(handler).get(f"/api/v1/cases/{case.pk}/oversight/").json()
    assert {row["leader"]["name"] for row in shown["leaderships"]} == {"王建国", "泽仁措"}
    assert Notification.objects.filter(recipient=handler, tier="event:case_led").exists()


@freeze_time("2026-11-26")
def test_a_major_case_is_reported_up_and_the_superior_instruction_is_recorded(client_for, supervisor, handler, case):
    response = client_for(handler).post(f"/api/v1/cases/{case.pk}/report-major/",
                                        {"content": "涉案河段长约三公里，社会关注度高。"}, format="json")
    assert response.status_code == 201, response.json()
    rid = response.json()["id"]
    assert response.json()["to_procuratorate"]["name"] == "阿坝藏族羌族自治州人民检察院"
    assert Notification.objects.filter(recipient=supervisor, tier="event:upward_report").exists()
    pending = client_for(supervisor).get("/api/v1/upward-reports/?status=pending").json()["results"]
    assert [r["id"] for r in pending] == [rid] and pending[0]["may_instruct"] is True
    assert client_for(handler).post(f"/api/v1/upward-reports/{rid}/instruct/", {"instruction": "同意"},
                                    format="json").status_code == 403
    answer = client_for(supervisor).post(f"/api/v1/upward-reports/{rid}/instruct/",
                                         {"instruction": "同意立案，加强与水务部门协作。"}, format="json")
    assert answer.status_code == 200 and answer.json()["status"] == "instructed"
    assert client_for(supervisor).post(f"/api/v1/upward-reports/{rid}/instruct/", {"instruction": "再批"},
                                       format="json").status_code == 409
    assert Notification.objects.filter(recipient=handler, tier="event:upward_instruction").exists()


@freeze_time("2026-11-26")
def test_an_outsider_gets_404_for_every_new_object(client_for, supervisor, handler, outsider, case, clue):
    superior = client_for(supervisor)
    ids = {
        "supervisions": superior.post(f"/api/v1/cases/{case.pk}/supervise/", {"requirements": "按期报告。"},
                                      format="json").json()["id"],
        "leaderships": superior.post(f"/api/v1/cases/{case.pk}/lead/", {}, format="json").json()["id"],
        "upward-reports": client_for(handler).post(f"/api/v1/cases/{case.pk}/report-major/", {"content": "重大"},
                                                   format="json").json()["id"],
    }
    ids["take-ups"] = _take_up(client_for, supervisor, case).json()["id"]
    stranger = client_for(outsider)
    for path, pk in ids.items():
        assert stranger.get(f"/api/v1/{path}/{pk}/").status_code == 404, path
        assert pk not in [row["id"] for row in stranger.get(f"/api/v1/{path}/").json()["results"]], path
    assert stranger.get(f"/api/v1/supervisions/{ids['supervisions']}/document/").status_code == 404
    assert stranger.get(f"/api/v1/take-ups/{ids['take-ups']}/document/").status_code == 404
    assert stranger.post(f"/api/v1/supervisions/{ids['supervisions']}/reports/", {"progress": "x"},
                         format="json").status_code == 404
    assert stranger.post(f"/api/v1/upward-reports/{ids['upward-reports']}/instruct/", {"instruction": "x"},
                         format="json").status_code == 404
    for action in ("oversight", "take-up", "designate", "supervise", "lead", "report-major"):
        method = stranger.get if action == "oversight" else stranger.post
        assert method(f"/api/v1/cases/{case.pk}/{action}/").status_code == 404, action
    for action in ("oversight", "designate", "report-major"):
        method = stranger.get if action == "oversight" else stranger.post
        assert method(f"/api/v1/clues/{clue.pk}/{action}/").status_code == 404, action


@freeze_time("2026-11-26")
def test_an_outsider_gets_404_for_a_designation(client_for, supervisor, outsider, org, clue):
    designation = client_for(supervisor).post(f"/api/v1/clues/{clue.pk}/designate/",
                                              {"to_procuratorate": org["小金"].pk, "reason": "x"}, format="json").json()
    assert client_for(outsider).get(f"/api/v1/designations/{designation['id']}/").status_code == 404
    assert client_for(outsider).get("/api/v1/designations/").json()["count"] == 0


@freeze_time("2026-11-26")
def test_statistics_count_supervised_taken_up_and_led_cases(client_for, supervisor, demo, org, case):
    superior = client_for(supervisor)
    superior.post(f"/api/v1/cases/{case.pk}/supervise/", {"requirements": "按期报告。"}, format="json")
    client_for(demo["jinchuan_head"]).post(f"/api/v1/cases/{case.pk}/lead/", {}, format="json")
    assert _take_up(client_for, supervisor, case).status_code == 201
    figures = superior.get("/api/v1/stats/overview/", {"procuratorate": org["阿州"].pk}).json()["oversight"]
    assert figures == {"supervised": 1, "supervised_active": 1, "taken_up": 1, "led": 1}
    # Outside the period: nothing.
    before = superior.get("/api/v1/stats/overview/", {"procuratorate": org["阿州"].pk, "date_to": "2026-10-31"}).json()
    assert before["oversight"] == {"supervised": 0, "supervised_active": 0, "taken_up": 0, "led": 0}


# ---------------------------------------------------------------- the documents' numbers (DOMAIN.md §7)


def _document_text(response):
    import io

    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)


@freeze_time("2026-11-26")
def test_take_up_decisions_and_supervision_notices_are_numbered_in_the_superiors_own_sequence(
    client_for, supervisor, handler, demo, org, case
):
    from pil_cases.services import case_file
    from procuratorates.models import Field

    second = case_file(actor=handler, procuratorate=org["金川"], case_type="civil", field=Field.objects.get(code=1),
                       title="金川县某砂石厂污染河道民事公益诉讼案", handler=handler, filed_on=datetime.date(2026, 11, 3))
    superior = client_for(supervisor)
    first_notice = superior.post(f"/api/v1/cases/{case.pk}/supervise/", {"requirements": "按期报告。"}, format="json").json()
    second_notice = superior.post(f"/api/v1/cases/{second.pk}/supervise/", {"requirements": "按期报告。"},
                                  format="json").json()
    # The superior's short name, the case's department, 督 / 提, the year, one sequence per kind.
    assert [first_notice["number"], second_notice["number"]] == ["阿州检行公督〔2026〕1号", "阿州检民公督〔2026〕2号"]
    decision = _take_up(client_for, supervisor, case).json()
    assert decision["number"] == "阿州检行公提〔2026〕1号"
    # The case's own numbers (金川's filing decision) run on unaffected.
    assert case.filing_number == "金川检行公立〔2026〕1号" and second.filing_number == "金川检民公立〔2026〕2号"

    text = _document_text(client_for(handler).get(f"/api/v1/take-ups/{decision['id']}/document/"))
    assert "阿州检行公提〔2026〕1号" in text and "未编号" not in text
    text = _document_text(superior.get(f"/api/v1/supervisions/{second_notice['id']}/document/"))
    assert "阿州检民公督〔2026〕2号" in text and "未编号" not in text
    # A refused second supervision takes no number: the next one is 3, nothing skipped.
    assert superior.post(f"/api/v1/cases/{second.pk}/supervise/", {"requirements": "再次督办。"},
                         format="json").status_code == 409
    from pil_cases.models import IssuedNumber

    assert list(IssuedNumber.objects.filter(kind="supervision").order_by("seq").values_list("seq", flat=True)) == [1, 2]


@freeze_time("2026-11-26")
def test_a_procuratorate_may_number_its_supervision_notices_with_its_own_template(client_for, supervisor, org, case):
    from pil_cases.models import NumberTemplate

    NumberTemplate.objects.create(procuratorate=org["阿州"], kind="supervision", template="{short}检督字〔{year}〕第{seq}号")
    response = client_for(supervisor).post(f"/api/v1/cases/{case.pk}/supervise/", {"requirements": "按期报告。"},
                                           format="json")
    assert response.json()["number"] == "阿州检督字〔2026〕第1号"


# ---------------------------------------------------------------- closing the case ends the supervision


@freeze_time("2026-11-26")
def test_closing_a_supervised_case_ends_the_supervision_and_says_so_in_its_history(client_for, supervisor, handler, case):
    sid = client_for(supervisor).post(f"/api/v1/cases/{case.pk}/supervise/", {"started_on": "2026-11-10",
                                                                             "requirements": "按期报告。"},
                                      format="json").json()["id"]
    closed = client_for(handler).post(f"/api/v1/cases/{case.pk}/close/",
                                      {"closed_on": "2026-11-25", "reason": "no_violation", "note": "经调查不存在违法行为。"},
                                      format="json")
    assert closed.status_code == 200, closed.json()

    row = client_for(supervisor).get(f"/api/v1/supervisions/{sid}/").json()
    assert (row["status"], row["status_display"], row["ended_on"]) == ("ended", "已结案，督办结束", "2026-11-25")
    assert row["next_report_due"] is None and row["overdue"] is False and row["may_cancel"] is False
    assert not Deadline.objects.filter(kind=DeadlineKind.SUPERVISION_REPORT, state="open").exists()
    history = client_for(supervisor).get(f"/api/v1/supervisions/{sid}/history/").json()["results"]
    ended = [e for e in history if e["action"] == "end"]
    assert len(ended) == 1 and ended[0]["on"] == "2026-11-25" and "经调查不存在违法行为或损害" in ended[0]["reason"]
    assert ended[0]["from_status"] == "active" and ended[0]["to_status"] == "ended"
    # The case's own history shows it too, and the superior hears of it.
    assert "end" in [e["action"] for e in client_for(handler).get(f"/api/v1/cases/{case.pk}/history/").json()["results"]]
    notice = Notification.objects.get(recipient=supervisor, tier="event:supervision_ended")
    assert case.title in notice.title and "2026-11-25" in notice.message
    # Off the running board and out of the running figure; no report is asked for, none can be cancelled.
    assert client_for(supervisor).get("/api/v1/supervisions/?status=active").json()["count"] == 0
    stats = client_for(supervisor).get("/api/v1/stats/overview/").json()["oversight"]
    assert (stats["supervised"], stats["supervised_active"]) == (1, 0)
    assert client_for(handler).post(f"/api/v1/supervisions/{sid}/reports/", {"progress": "进展"},
                                    format="json").status_code == 409
    assert client_for(supervisor).post(f"/api/v1/supervisions/{sid}/cancel/", {"reason": "x"},
                                       format="json").status_code == 409


@freeze_time("2026-11-26")
def test_a_cancelled_supervision_stays_cancelled_when_the_case_closes(client_for, supervisor, handler, case):
    sid = client_for(supervisor).post(f"/api/v1/cases/{case.pk}/supervise/", {"requirements": "按期报告。"},
                                      format="json").json()["id"]
    client_for(supervisor).post(f"/api/v1/supervisions/{sid}/cancel/", {"reason": "已整改。"}, format="json")
    client_for(handler).post(f"/api/v1/cases/{case.pk}/close/",
                             {"closed_on": "2026-11-26", "reason": "no_violation", "note": "经调查不存在违法行为。"},
                             format="json")
    row = client_for(supervisor).get(f"/api/v1/supervisions/{sid}/").json()
    assert (row["status"], row["ended_on"], row["cancel_reason"]) == ("cancelled", None, "已整改。")
    assert not Notification.objects.filter(tier="event:supervision_ended").exists()


@freeze_time("2026-11-26")
def test_a_report_period_out_of_range_is_told_as_its_bound_in_the_users_language(client_for, supervisor, case):
    api = client_for(supervisor)
    url = f"/api/v1/cases/{case.pk}/supervise/"
    too_long = api.post(url, {"requirements": "按期报告。", "report_every_days": 400}, format="json")
    assert too_long.status_code == 400 and too_long.json()["errors"] == {"report_every_days": ["不能大于365。"]}
    too_short = api.post(url, {"requirements": "按期报告。", "report_every_days": 0}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert too_short.status_code == 400 and too_short.json()["errors"] == {"report_every_days": ["Must not be less than 1."]}
    assert not case.supervisions.exists()
