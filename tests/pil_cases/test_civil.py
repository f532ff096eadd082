"""Civil specifics through the API (DOMAIN.md §5 civil stages, §5a): the settlement published ≥ 30 days before
the court confirms it, the criminal-incidental suit filed with its criminal case, the support of suit."""

import datetime

import pytest
from freezegun import freeze_time

pytestmark = pytest.mark.django_db


def _deadline(rows, kind):
    return next(d for d in rows if d["kind"] == kind)


def _sued_civil_case(make_case, api, *, case_type="civil"):
    """A civil case filed, announced and sued (announcement 2026-06-10, ended 2026-07-10)."""
    case = make_case(case_type=case_type, title="金川县某砂石厂污染河道民事公益诉讼案", filed_on=datetime.date(2026, 6, 1))
    url = f"/api/v1/cases/{case.pk}/"
    with freeze_time("2026-07-20"):
        api.post(url + "investigate/", {"on": "2026-06-02"}, format="json")
        api.post(url + "announce/", {"announced_on": "2026-06-10", "media": "正义网"}, format="json")
        if case_type == "criminal_civil":
            api.post(url + "link-criminal/", CRIMINAL | {"prosecuted_on": "2026-07-20"}, format="json")
        sued = api.post(url + "sue/", {"sued_on": "2026-07-20", "court": "阿坝藏族羌族自治州中级人民法院"}, format="json")
        assert sued.status_code == 200, sued.content
    return case, url


CRIMINAL = {
    "criminal_case_number": "（2026）川3221刑初12号",
    "court": "金川县人民法院",
    "defendants": "张某、李某",
    "prosecution_department": "金川县人民检察院刑事检察部",
}
SETTLEMENT = {"kind": "mediation", "concluded_on": "2026-09-25", "parties": "金川县人民检察院、某砂石有限公司",
              "content": "被告于2027年6月30日前完成河道清淤并支付生态服务功能损失费18万元。"}


def test_civil_case_through_announcement_suit_and_settlement_published_thirty_days_before_confirmation(
    client_for, handler, make_case
):
    api = client_for(handler)
    case, url = _sued_civil_case(make_case, api)
    with freeze_time("2026-10-15"):
        created = api.post(url + "settlements/", SETTLEMENT, format="json")
        assert created.status_code == 201, created.content
        settlement = created.json()
        assert settlement["status"] == "recorded"
        s_url = f"/api/v1/settlements/{settlement['id']}/"
        # Confirming an agreement never published is refused, in Chinese.
        unpublished = api.post(s_url + "confirm/", {"confirmed_on": "2026-10-15"}, format="json")
        assert unpublished.status_code == 409
        assert "公告" in unpublished.json()["detail"]

        published = api.post(s_url + "publish/", {"published_on": "2026-10-01", "media": "人民法院报"}, format="json")
        assert published.status_code == 200, published.content
        period = _deadline(published.json()["deadlines"], "settlement_publication")
        # 30 days from 1 October end on Saturday 31 October: the period runs to the next working day.
        assert period["due_date"] == "2026-11-02"
        assert period["state"] == "open"
        # The publication period is the case's deadline too, through the register.
        assert _deadline(api.get(url).json()["deadlines"], "settlement_publication")["due_date"] == "2026-11-02"
        again = api.post(s_url + "publish/", {"published_on": "2026-10-02", "media": "人民法院报"}, format="json")
        assert again.status_code == 409

        early = api.post(s_url + "objections/", {"received_on": "2026-09-30", "objector": "某村委会", "content": "异议"},
                         format="json")
        assert early.status_code == 400
        assert "received_on" in early.json()["errors"]
        objection = api.post(
            s_url + "objections/",
            {"received_on": "2026-10-12", "objector": "沙耳乡某村村民委员会", "content": "请明确下游灌溉渠清淤范围。"},
            format="json",
        )
        assert objection.status_code == 201, objection.content

        too_soon = api.post(s_url + "confirm/", {"confirmed_on": "2026-10-15", "note": "经审查不损害社会公共利益"},
                            format="json")
        assert too_soon.status_code == 409
        assert "2026-11-02" in too_soon.json()["detail"] and "届满" in too_soon.json()["detail"]
        civil = api.get(url + "civil/").json()
        assert {a["action"] for a in civil["blocked_actions"]} == {"confirm"}
        assert civil["settlements"][0]["objections"][0]["objector"] == "沙耳乡某村村民委员会"

    with freeze_time("2026-11-03"):
        # An objection received: the court's handling of it must be written down.
        silent = api.post(s_url + "confirm/", {"confirmed_on": "2026-11-03"}, format="json")
        assert silent.status_code == 400
        assert "note" in silent.json()["errors"]
        confirmed = api.post(
            s_url + "confirm/", {"confirmed_on": "2026-11-03", "note": "经审查，协议不损害社会公共利益，出具调解书。"},
            format="json",
        )
        assert confirmed.status_code == 200, confirmed.content
        assert confirmed.json()["status"] == "confirmed"
        assert _deadline(confirmed.json()["deadlines"], "settlement_publication")["state"] == "met"
        detail = api.get(url).json()
        assert detail["status"] == "judged"
        assert detail["judgment_on"] == "2026-11-03"
        assert "调解协议" in detail["judgment_result"]
        late = api.post(s_url + "objections/", {"received_on": "2026-11-03", "objector": "某人", "content": "异议"},
                        format="json")
        assert late.status_code == 409
        history = api.get(url + "history/?page_size=50").json()["results"]
        actions = [e["action"] for e in history]
        assert {"settlement", "publish", "objection", "confirm", "confirm-settlement"} <= set(actions)
        assert api.get(s_url + "history/").json()["count"] == 4


def test_publication_period_is_in_the_periods_table_with_its_legal_basis(client_for, handler):
    rows = client_for(handler).get("/api/v1/calendar/periods/").json()
    row = next(r for r in rows if r["kind"] == "settlement_publication")
    assert row["length"]["days"] == 30
    assert "第二百八十七条" in row["basis"]


@freeze_time("2026-11-26")
def test_criminal_incidental_suit_is_filed_only_with_its_linked_criminal_case(client_for, handler, make_case):
    api = client_for(handler)
    case = make_case(case_type="criminal_civil", title="某公司销售有毒有害食品刑事附带民事公益诉讼案",
                     filed_on=datetime.date(2026, 6, 1))
    url = f"/api/v1/cases/{case.pk}/"
    api.post(url + "investigate/", {"on": "2026-06-02"}, format="json")
    api.post(url + "announce/", {"announced_on": "2026-06-10", "media": "正义网"}, format="json")
    refused = api.post(url + "sue/", {"sued_on": "2026-07-20", "court": "金川县人民法院"}, format="json")
    assert refused.status_code == 409
    assert "关联刑事案件" in refused.json()["detail"]
    blocked = api.get(url).json()["blocked_actions"]
    assert any(b["action"] == "sue" and "刑事案件" in b["reason"] for b in blocked)

    linked = api.post(url + "link-criminal/", CRIMINAL, format="json")
    assert linked.status_code == 200, linked.content
    without_date = api.post(url + "sue/", {"sued_on": "2026-07-20", "court": "金川县人民法院"}, format="json")
    assert without_date.status_code == 409
    assert "提起公诉" in without_date.json()["detail"]
    api.post(url + "link-criminal/", CRIMINAL | {"prosecuted_on": "2026-07-20"}, format="json")
    sued = api.post(url + "sue/", {"sued_on": "2026-07-20", "court": "金川县人民法院"}, format="json")
    assert sued.status_code == 200, sued.content
    civil = api.get(url + "civil/").json()
    assert civil["criminal_link"]["criminal_case_number"] == "（2026）川3221刑初12号"
    assert civil["criminal_link"]["prosecuted_on"] == "2026-07-20"
    # The link is fixed once the suit is filed with it.
    assert api.post(url + "link-criminal/", CRIMINAL, format="json").status_code == 409
    history = api.get(url + "history/?page_size=50").json()["results"]
    assert any(e["action"] == "link-criminal" and "张某、李某" in e["reason"] for e in history)


@freeze_time("2026-11-26")
def test_support_of_suit_records_its_forms_and_the_outcome(client_for, handler, make_case):
    api = client_for(handler)
    case = make_case(case_type="civil", title="某养殖场污染河流民事公益诉讼（支持起诉）案", filed_on=datetime.date(2026, 6, 1))
    url = f"/api/v1/cases/{case.pk}/"
    api.post(url + "investigate/", {"on": "2026-06-02"}, format="json")
    # Not before the procuratorate supports a suit.
    assert api.post(url + "support-acts/", {"form": "consultation"}, format="json").status_code == 409
    api.post(url + "support-suit/", {"on": "2026-07-01", "plaintiff": "四川省某环境保护公益基金会"}, format="json")
    for form, on in (("consultation", "2026-07-05"), ("evidence", "2026-08-01"), ("court", "2026-10-10")):
        created = api.post(url + "support-acts/", {"form": form, "acted_on": on, "note": "说明"}, format="json")
        assert created.status_code == 201, created.content
    outcome = api.post(url + "support-outcome/", {"outcome": "upheld", "decided_on": "2026-11-20", "court": "某中院"},
                       format="json")
    assert outcome.status_code == 201, outcome.content
    assert api.post(url + "support-outcome/", {"outcome": "dismissed", "decided_on": "2026-11-21"},
                    format="json").status_code == 409
    civil = api.get(url + "civil/").json()
    assert [a["form"] for a in civil["support_acts"]] == ["consultation", "evidence", "court"]
    assert civil["support_result"]["outcome_display"] == "判决支持诉讼请求"
    assert civil["supported_plaintiff"] == "四川省某环境保护公益基金会"
    assert "support-outcome" not in {a["action"] for a in civil["allowed_actions"]}
    assert api.post(url + "close/", {"reason": "suit_supported"}, format="json").json()["status"] == "closed"


@freeze_time("2026-11-26")
def test_outsider_gets_404_and_supervisor_403_for_every_new_object(client_for, handler, supervisor, outsider, make_case):
    api = client_for(handler)
    case, url = _sued_civil_case(make_case, api)
    settlement = api.post(url + "settlements/", SETTLEMENT, format="json").json()
    s_url = f"/api/v1/settlements/{settlement['id']}/"
    api.post(s_url + "publish/", {"published_on": "2026-10-01", "media": "人民法院报"}, format="json")
    reads = [url + "civil/", url + "settlements/", url + "support-acts/", s_url, s_url + "objections/", s_url + "history/"]
    writes = {
        url + "link-criminal/": CRIMINAL,
        url + "settlements/": SETTLEMENT,
        url + "support-acts/": {"form": "court"},
        url + "support-outcome/": {"outcome": "upheld"},
        s_url + "publish/": {"media": "某报"},
        s_url + "objections/": {"objector": "某人", "content": "异议"},
        s_url + "confirm/": {},
    }
    stranger = client_for(outsider)
    for path in reads:
        assert stranger.get(path).status_code == 404, path
    for path, body in writes.items():
        assert stranger.post(path, body, format="json").status_code == 404, path
    reader = client_for(supervisor)
    for path in reads:
        assert reader.get(path).status_code == 200, path
    assert reader.get(url + "civil/").json()["allowed_actions"] == []
    for path, body in writes.items():
        assert reader.post(path, body, format="json").status_code == 403, path


@freeze_time("2026-11-26")
def test_dates_of_past_events_are_not_after_today(client_for, handler, make_case):
    api = client_for(handler)
    case, url = _sued_civil_case(make_case, api)
    tomorrow = "2026-11-27"
    refused = api.post(url + "settlements/", SETTLEMENT | {"concluded_on": tomorrow}, format="json")
    assert refused.status_code == 400
    assert refused.json()["errors"]["concluded_on"] == ["日期不能晚于今天。"]
    settlement = api.post(url + "settlements/", SETTLEMENT, format="json").json()
    s_url = f"/api/v1/settlements/{settlement['id']}/"
    checks = [
        (s_url + "publish/", {"published_on": tomorrow, "media": "某报"}, "published_on"),
        (url + "link-criminal/", CRIMINAL | {"prosecuted_on": tomorrow}, "prosecuted_on"),
        (url + "support-acts/", {"form": "court", "acted_on": tomorrow}, "acted_on"),
        (url + "support-outcome/", {"outcome": "upheld", "decided_on": tomorrow}, "decided_on"),
    ]
    api.post(s_url + "publish/", {"published_on": "2026-10-01", "media": "某报"}, format="json")
    checks += [
        (s_url + "objections/", {"received_on": tomorrow, "objector": "某人", "content": "异议"}, "received_on"),
        (s_url + "confirm/", {"confirmed_on": tomorrow}, "confirmed_on"),
    ]
    for path, body, field in checks:
        response = api.post(path, body, format="json")
        assert response.status_code == 400, (path, response.content)
        assert response.json()["errors"][field] == ["日期不能晚于今天。"], path


@freeze_time("2026-11-26")
def test_administrative_cases_refuse_the_civil_only_stages_in_chinese(client_for, handler, make_case):
    api = client_for(handler)
    case = make_case()
    url = f"/api/v1/cases/{case.pk}/"
    for path, body in {
        "link-criminal/": CRIMINAL,
        "settlements/": SETTLEMENT,
        "support-acts/": {"form": "court"},
        "support-outcome/": {"outcome": "upheld"},
    }.items():
        response = api.post(url + path, body, format="json")
        assert response.status_code == 409, path
        assert response.json()["detail"] == "行政公益诉讼案件不适用此操作。"
    assert api.get(url + "civil/").json()["allowed_actions"] == []
    # A plain civil case has no criminal case to link either.
    civil = make_case(case_type="civil", title="某民事公益诉讼案")
    response = api.post(f"/api/v1/cases/{civil.pk}/link-criminal/", CRIMINAL, format="json")
    assert response.status_code == 409
    assert response.json()["detail"] == "民事公益诉讼案件不适用此操作。"
