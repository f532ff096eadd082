"""The staff clue API: scope, intake, assignment, the four decisions, PATCH with If-Match, lists."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time
from rest_framework.test import APIClient

from clues.models import Clue
from core.audit import audit_history
from pil_cases.models import Case

from .conftest import jpeg, png

pytestmark = pytest.mark.django_db


@freeze_time("2026-03-02 10:00:00+08:00")
def test_public_clue_is_assigned_filed_as_a_case_and_the_tracking_page_shows_it(org, demo, ecology, client_for):
    code = APIClient().post("/api/v1/public/clues/", {
        "procuratorate": org["金川"].pk, "field": ecology.pk, "description": "勒乌镇河道有人非法采砂。", "address": "勒乌镇",
        "anonymous": "true", "photos": [jpeg("a.jpg"), png("b.png")],
    }, format="multipart").json()["tracking_code"]
    clerk, handler = client_for(demo["jinchuan_clerk"]), client_for(demo["jinchuan_handler"])

    listed = clerk.get("/api/v1/clues/").json()["results"]
    assert [c["title"] for c in listed] == ["勒乌镇河道有人非法采砂。"]
    clue_id = listed[0]["id"]
    assigned = clerk.post(f"/api/v1/clues/{clue_id}/assign/", {"handler": demo["jinchuan_handler"].pk}, format="json")
    assert assigned.status_code == 200 and assigned.json()["status"] == "evaluating"
    assert assigned.json()["handler"]["username"] == "jinchuan_handler"

    filed = handler.post(f"/api/v1/clues/{clue_id}/evaluate/", {"decision": "file_case", "case_type": "administrative",
                                                                 "reason": "属实，行政机关未依法履职"}, format="json")

    assert filed.status_code == 200, filed.json()
    case = Case.objects.get(pk=filed.json()["case_id"])
    assert case.clues.get().pk == clue_id and Clue.objects.get(pk=clue_id).case == case  # linked both ways
    assert filed.json()["clue"]["status"] == "filed"
    tracked = APIClient().get(f"/api/v1/public/clues/{code}/").json()
    assert tracked["status_display"] == "已立案"
    evaluate = Clue.objects.get(pk=clue_id).deadlines.get(kind="clue_evaluate")
    assert (evaluate.state, evaluate.met_on) == ("met", date(2026, 3, 2))


def test_outsider_gets_404_for_the_clue_and_its_photos_and_the_supervisor_sees_them(make_clue, handler, supervisor, outsider,
                                                                                     client_for):
    from clues.uploads import check_files

    clue = make_clue(files=check_files([jpeg()]))
    photo_url = client_for(handler).get(f"/api/v1/clues/{clue.pk}/").json()["attachments"][0]["url"]

    assert client_for(outsider).get(f"/api/v1/clues/{clue.pk}/").status_code == 404
    assert client_for(outsider).get(photo_url).status_code == 404
    assert client_for(outsider).get(f"/api/v1/clues/{clue.pk}/reporter/").status_code == 404
    assert client_for(outsider).get("/api/v1/clues/").json()["count"] == 0
    assert client_for(supervisor).get(f"/api/v1/clues/{clue.pk}/").status_code == 200
    photo = client_for(supervisor).get(photo_url)
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    assert b"".join(photo.streaming_content)[:2] == b"\xff\xd8"


def test_clerk_registers_a_clue_from_any_channel_with_agencies_and_a_handler(demo, org, ecology, client_for):
    from procuratorates.models import Agency

    agency = Agency.objects.get(name="金川县自然资源局")
    response = client_for(demo["jinchuan_clerk"]).post("/api/v1/clues/", {
        "title": "中央环保督察交办：矿山未复绿", "description": "某矿区开采后未按要求恢复植被。", "source": "inspection",
        "received_on": "2026-03-02", "field": ecology.pk, "agencies": [agency.pk], "handler": demo["jinchuan_handler"].pk,
        "address": "金川县咯尔乡", "parties": "某矿业公司",
    }, format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["source_display"] == "中央环保督察交办" and body["status"] == "evaluating"
    assert [a["name"] for a in body["agencies"]] == ["金川县自然资源局"]
    assert body["procuratorate"]["short_name"] == "金川"
    history = client_for(demo["jinchuan_clerk"]).get(f"/api/v1/clues/{body['id']}/history/").json()["results"]
    assert [h["action"] for h in history] == ["register", "assign"]


def test_registering_for_a_procuratorate_outside_ones_scope_is_refused(demo, org, client_for):
    response = client_for(demo["jinchuan_clerk"]).post("/api/v1/clues/", {
        "title": "x", "description": "y", "source": "media", "received_on": "2026-03-02", "procuratorate": org["泸定"].pk,
    }, format="json")
    assert response.status_code == 400 and "procuratorate" in response.json()["errors"]
    assert Clue.objects.count() == 0


def test_a_colleague_who_is_not_the_handler_may_see_but_not_decide(make_clue, demo, client_for):
    clue = make_clue(handler=demo["jinchuan_handler"])
    clerk = client_for(demo["jinchuan_clerk"])
    assert clerk.get(f"/api/v1/clues/{clue.pk}/").status_code == 200
    response = clerk.post(f"/api/v1/clues/{clue.pk}/evaluate/", {"decision": "no_case", "reason": "x"}, format="json")
    assert response.status_code == 403
    assert Clue.objects.get(pk=clue.pk).status == "evaluating"


def test_supervisor_sees_but_cannot_assign(make_clue, supervisor, handler, client_for):
    clue = make_clue()
    response = client_for(supervisor).post(f"/api/v1/clues/{clue.pk}/assign/", {"handler": handler.pk}, format="json")
    assert response.status_code == 403


def test_a_handler_from_another_office_cannot_be_assigned(make_clue, clerk, outsider, client_for):
    clue = make_clue()
    response = client_for(clerk).post(f"/api/v1/clues/{clue.pk}/assign/", {"handler": outsider.pk}, format="json")
    assert response.status_code == 400 and "handler" in response.json()["errors"]


def test_not_filing_needs_a_reason_and_a_second_decision_answers_409(make_clue, handler, client_for):
    clue = make_clue(handler=handler)
    api = client_for(handler)
    url = f"/api/v1/clues/{clue.pk}/evaluate/"

    assert api.post(url, {"decision": "no_case", "reason": ""}, format="json").status_code == 400
    assert api.post(url, {"decision": "no_case", "reason": "经核实，已由行政机关依法处理"}, format="json").status_code == 200
    again = api.post(url, {"decision": "no_case", "reason": "再次"}, format="json")

    assert again.status_code == 409 and "已处理完毕" in again.json()["detail"]
    clue.refresh_from_db()
    assert (clue.status, clue.decision_reason) == ("not_filed", "经核实，已由行政机关依法处理")
    row = audit_history(clue).filter(action="no_case").get()
    assert (row.actor, row.from_status, row.to_status) == (handler, "evaluating", "not_filed")


def test_filing_a_case_needs_a_case_type_the_field_allows(make_clue, handler, client_for):
    from procuratorates.models import Field

    clue = make_clue(handler=handler, field=Field.objects.get(code=5))  # heroes & martyrs: civil only
    response = client_for(handler).post(f"/api/v1/clues/{clue.pk}/evaluate/", {"decision": "file_case",
                                                                                "case_type": "administrative", "reason": "属实"},
                                        format="json")
    assert response.status_code == 400 and "field" in response.json()["errors"]
    clue.refresh_from_db()
    assert clue.status == "evaluating" and Case.objects.count() == 0


def test_merging_into_an_earlier_clue_marks_it_merged(make_clue, handler, client_for):
    earlier = make_clue(title="大金川河采砂")
    clue = make_clue(handler=handler)
    response = client_for(handler).post(f"/api/v1/clues/{clue.pk}/evaluate/", {"decision": "merge", "merge_into": earlier.pk,
                                                                                "reason": "同一事项"}, format="json")
    assert response.status_code == 200
    clue.refresh_from_db()
    assert (clue.status, clue.merged_into) == ("merged", earlier)


def test_merging_into_a_clue_one_cannot_see_is_refused(make_clue, handler, org, demo, client_for):
    foreign = make_clue(actor=demo["luding_handler"], procuratorate=org["泸定"])
    clue = make_clue(handler=handler)
    response = client_for(handler).post(f"/api/v1/clues/{clue.pk}/evaluate/", {"decision": "merge", "merge_into": foreign.pk,
                                                                                "reason": "同一事项"},
                                        format="json")
    assert response.status_code == 400 and "merge_into" in response.json()["errors"]


def test_merging_into_an_existing_case(make_clue, handler, org, ecology, client_for):
    from pil_cases.services import case_file

    case = case_file(actor=handler, procuratorate=org["金川"], case_type="administrative", field=ecology, title="采砂案",
                     filed_on=date(2026, 3, 1))
    clue = make_clue(handler=handler)
    response = client_for(handler).post(f"/api/v1/clues/{clue.pk}/evaluate/",
                                        {"decision": "merge", "merge_into_case": case.pk, "reason": "同一事项"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["clue"]["merged_into_case_id"] == case.pk


def test_patch_with_a_stale_if_match_answers_412_and_changes_nothing(make_clue, handler, client_for):
    clue = make_clue(handler=handler)
    api = client_for(handler)
    etag = api.get(f"/api/v1/clues/{clue.pk}/")["ETag"]

    first = api.patch(f"/api/v1/clues/{clue.pk}/", {"address": "勒乌镇新址"}, format="json", HTTP_IF_MATCH=etag)
    stale = api.patch(f"/api/v1/clues/{clue.pk}/", {"address": "别处"}, format="json", HTTP_IF_MATCH=etag)

    assert first.status_code == 200 and first["ETag"] != etag
    assert stale.status_code == 412
    clue.refresh_from_db()
    assert clue.address == "勒乌镇新址"


def test_status_cannot_be_changed_by_patch(make_clue, handler, client_for):
    clue = make_clue(handler=handler)
    client_for(handler).patch(f"/api/v1/clues/{clue.pk}/", {"status": "filed"}, format="json")
    clue.refresh_from_db()
    assert clue.status == "evaluating"


def test_the_handler_sets_the_feedback_the_reporter_sees(org, handler, client_for):
    code = APIClient().post("/api/v1/public/clues/", {"procuratorate": org["金川"].pk, "description": "垃圾倾倒",
                                                      "address": "金川镇", "anonymous": "true"},
                                    format="multipart").json()["tracking_code"]
    clue = Clue.objects.get()
    Clue.objects.filter(pk=clue.pk).update(handler=handler, status="evaluating")
    response = client_for(handler).post(f"/api/v1/clues/{clue.pk}/feedback/", {"public_feedback": "已责成镇政府清理。"},
                                        format="json")
    assert response.status_code == 200
    assert APIClient().get(f"/api/v1/public/clues/{code}/").json()["public_feedback"] == "已责成镇政府清理。"


def test_staff_upload_attachments_checked_by_content(make_clue, handler, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    clue = make_clue(handler=handler)
    api = client_for(handler)
    bad = api.post(f"/api/v1/clues/{clue.pk}/attachments/", {"files": [SimpleUploadedFile("x.png", b"<html>no</html>")]},
                   format="multipart")
    good = api.post(f"/api/v1/clues/{clue.pk}/attachments/", {"files": [jpeg()]}, format="multipart")
    assert bad.status_code == 400
    assert good.status_code == 201 and good.json()[0]["kind"] == "photo"
    assert len(api.get(f"/api/v1/clues/{clue.pk}/attachments/").json()) == 1


@freeze_time("2026-06-10 10:00:00+08:00")
def test_list_filters_by_status_source_overdue_date_and_subtree(make_clue, org, demo, supervisor, client_for):
    make_clue(title="早", received_on=date(2026, 3, 2))  # evaluate due 2026-04-02: overdue on 06-10
    make_clue(title="晚", received_on=date(2026, 6, 1), source="media")
    make_clue(title="泸定", actor=demo["luding_handler"], procuratorate=org["泸定"], received_on=date(2026, 6, 1))
    api = client_for(demo["sichuan_supervisor"])

    def titles(query):
        return sorted(c["title"] for c in api.get(f"/api/v1/clues/?{query}").json()["results"])

    assert titles("") == sorted(["早", "晚", "泸定"])
    assert titles("source=media") == ["晚"]
    assert titles("overdue=true") == ["早"]
    # Each row says whether it is overdue (the red mark on the list), the filter aside.
    flags = {c["title"]: c["overdue"] for c in api.get("/api/v1/clues/").json()["results"]}
    assert flags == {"早": True, "晚": False, "泸定": False}
    assert titles("received_after=2026-05-01&received_before=2026-06-30") == sorted(["晚", "泸定"])
    assert titles(f"procuratorate={org['阿州'].pk}") == sorted(["早", "晚"])
    assert titles("status=received") == sorted(["早", "晚", "泸定"])
    assert titles("search=早") == ["早"]
    assert client_for(supervisor).get("/api/v1/clues/").json()["count"] == 2


def test_the_list_costs_the_same_number_of_queries_whatever_the_page_size(make_clue, handler, client_for,
                                                                          django_assert_max_num_queries):
    from clues.uploads import check_files

    for i in range(12):
        make_clue(title=f"线索{i}", handler=handler, files=check_files([jpeg()]))
    api = client_for(handler)
    api.get("/api/v1/clues/?page_size=5")
    with django_assert_max_num_queries(8) as small:
        assert len(api.get("/api/v1/clues/?page_size=5").json()["results"]) == 5
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(api.get("/api/v1/clues/?page_size=50").json()["results"]) == 12


def test_every_clue_carries_its_deadlines(make_clue, handler, client_for):
    clue = make_clue()
    body = client_for(handler).get(f"/api/v1/clues/{clue.pk}/").json()
    assert [d["kind"] for d in body["deadlines"]] == ["clue_evaluate"]
    assert body["deadlines"][0]["due_date"] == "2026-04-02" and body["deadlines"][0]["explanation"]


def test_reporter_read_is_recorded_for_clerk_and_handler_only(make_clue, demo, named_reporter, client_for):
    clue = make_clue(handler=demo["jinchuan_handler"], reporter=named_reporter)

    for username, expected in [("jinchuan_clerk", 200), ("jinchuan_handler", 200), ("jinchuan_head", 403),
                               ("aba_supervisor", 403), ("admin", 403), ("luding_handler", 404)]:
        response = client_for(demo[username]).get(f"/api/v1/clues/{clue.pk}/reporter/")
        assert response.status_code == expected, username
        if expected == 200:
            assert response.json()["name"] == named_reporter["name"]

    reads = audit_history(clue).filter(action__startswith="reporter-read")
    assert list(reads.values_list("actor__username", "action")) == [
        ("jinchuan_clerk", "reporter-read"), ("jinchuan_handler", "reporter-read"),
        # The refused attempts are recorded too; the outsider's 404 reveals nothing and records nothing.
        ("jinchuan_head", "reporter-read-refused"), ("aba_supervisor", "reporter-read-refused"),
        ("admin", "reporter-read-refused"),
    ]


def test_a_clerk_cannot_be_assigned_as_handler_since_a_clerk_may_not_file_the_case(make_clue, clerk, client_for):
    """The assignable handlers are those case_file accepts (clues.selectors.assignable_handlers): a clerk
    assigned as handler could evaluate the clue but would get 403 when filing it."""
    from clues import services
    from clues.selectors import assignable_handlers

    clue = make_clue()
    assert clerk not in assignable_handlers(clue.procuratorate)
    response = client_for(clerk).post(f"/api/v1/clues/{clue.pk}/assign/", {"handler": clerk.pk}, format="json")
    assert response.status_code == 400 and "handler" in response.json()["errors"]
    with pytest.raises(ValidationError):
        services.clue_assign(clue=clue, actor=clerk, handler=clerk)
    assert Clue.objects.get(pk=clue.pk).handler_id is None


def test_the_assign_dialog_lists_each_persons_roles_and_open_caseload_in_one_query(
        make_clue, handler, clerk, client_for, django_assert_max_num_queries):
    make_clue(handler=handler)
    make_clue(handler=handler)
    client = client_for(clerk)
    client.get("/api/v1/me/")  # the session and the user are loaded once, outside the count
    with django_assert_max_num_queries(5):
        people = client.get(f"/api/v1/clues/handlers/?procuratorate={handler.procuratorate_id}").json()

    mine = next(p for p in people if p["id"] == handler.pk)
    assert mine["roles"] == ["承办检察官/助理"]
    assert mine["open_clues"] == 2 and mine["open_cases"] == 0
    assert all({"roles", "open_clues", "open_cases"} <= set(p) for p in people)


def test_the_decidable_filter_offers_only_the_clues_the_user_may_decide(make_clue, handler, clerk, client_for):
    mine, unassigned = make_clue(handler=handler), make_clue()

    offered = client_for(handler).get("/api/v1/clues/?decidable=true").json()["results"]
    assert [c["id"] for c in offered] == [mine.pk]
    assert client_for(clerk).get("/api/v1/clues/?decidable=true").json()["count"] == 0  # the clerk registers, never decides
    assert unassigned.pk in [c["id"] for c in client_for(handler).get("/api/v1/clues/?decidable=false").json()["results"]]


def test_every_decision_on_a_clue_states_its_reason(make_clue, handler, client_for):
    clue = make_clue(handler=handler)
    response = client_for(handler).post(f"/api/v1/clues/{clue.pk}/evaluate/", {"decision": "file_case",
                                                                                "case_type": "administrative"}, format="json")
    assert response.status_code == 400 and response.json()["errors"] == {"reason": ["此项为必填项。"]}
    clue.refresh_from_db()
    assert clue.status == "evaluating" and Case.objects.count() == 0
