"""A known set of clues, cases, suggestions, replies and reviews whose figures are counted by hand.

Counted on 2026-11-26 (tests freeze time there). Reply periods are two months from service.

金川 (Aba, under aba_supervisor):
  J1 admin, ecology, filed 06-01 — S1 自然资源局: served 06-11, replied 07-20 (in time), review 08-20 rectified (70 days)
  J2 admin, ecology, filed 07-05 — S2 生态环境局金川分局: served 07-10, replied 09-30 (late: due 09-10),
     review 10-15 rectified (97 days)
  J3 admin, food & drug, filed 08-03 — S3 市场监督管理局: served 08-06, no reply → overdue
  J4 admin, ecology, filed 10-20 — S4 水务局: served 10-26 (reply due 12-26, not yet ended), replied 11-10;
     plus a draft (never counted)
  J5 admin, ecology, filed 05-10 from clue C1 (no suggestion)
  clues: C1 群众举报 05-01 → filed; C2 群众举报 05-03 → not filed; C3 益心为公 06-02 → still open
泸定 (Garzê, outside aba_supervisor's subtree):
  L1 admin, ecology, filed 06-15 — S6 泸定县自然资源局: served 06-22, replied 07-01 (in time),
     review 08-01 not rectified; sued 10-10
  clue: C4 新闻媒体 06-20 → open
Outcome metrics: J1 land 12.5 亩; J2 waste 30 吨 and eco costs 150000 元; L1 land 3 亩.

Hand counts (no period):
  金川: issued 4, served 4, due 3 (S1 S2 S3), replied in time 2 (S1 S4), rectified 2 (S1 S2), overdue 1 (S3),
        replied in time and rectified among due 1 (S1) → rate 33.3 %
  泸定: issued 1, served 1, due 1, in time 1, rectified 0, overdue 0, numerator 0 → rate 0.0 %
  四川 (sichuan_supervisor): issued 5, due 4, numerator 1 → 25.0 %
"""

import datetime

from procuratorates.models import Agency, Field

D = datetime.date

SUGGESTION = {
    "case_source": "本院在履行职责中发现",
    "harm_facts": "辖区内存在损害社会公共利益的情形。",
    "duty_facts": "你单位作为主管部门，未依法履行监督管理职责。",
    "legal_basis": "《中华人民共和国行政诉讼法》第二十五条第四款",
    "recommendations": "依法履行监督管理职责，督促整改。",
}


def build(users, org):
    from clues import services as clue_services
    from pil_cases import services as s

    ecology, food = Field.objects.get(code=1), Field.objects.get(code=2)
    agency = {a.name: a for a in Agency.objects.all()}
    jin, lu = users["jinchuan_handler"], users["luding_handler"]
    clerk = users["jinchuan_clerk"]

    def case(actor, office, title, field, filed_on):
        c = s.case_file(actor=actor, procuratorate=org[office], case_type="administrative", field=field, title=title,
                        handler=actor, filed_on=filed_on)
        s.case_investigate(case=c, actor=actor, on=filed_on)
        return c

    def suggestion(actor, c, agency_name, issued_on, served_on, replied_on=None):
        sug = s.suggestion_draft(case=c, actor=actor, agency=agency[agency_name], **SUGGESTION)
        s.suggestion_issue(suggestion=sug, actor=actor, issued_on=issued_on)
        s.suggestion_serve(suggestion=sug, actor=actor, served_on=served_on)
        if replied_on:
            s.suggestion_reply(suggestion=sug, actor=actor, replied_on=replied_on, content="已收到检察建议，正在整改。")
        return sug

    def review(actor, sug, on, finding, non_performance=""):
        s.suggestion_review_add(suggestion=sug, actor=actor, reviewed_on=on, method="on_site", finding=finding,
                                non_performance=non_performance)

    j1 = case(jin, "金川", "金川县大渡河河道非法采砂案", ecology, D(2026, 6, 1))
    s1 = suggestion(jin, j1, "金川县自然资源局", D(2026, 6, 10), D(2026, 6, 11), D(2026, 7, 20))
    review(jin, s1, D(2026, 8, 20), "rectified")
    j2 = case(jin, "金川", "金川县某养殖场污水直排案", ecology, D(2026, 7, 5))
    s2 = suggestion(jin, j2, "阿坝州生态环境局金川分局", D(2026, 7, 10), D(2026, 7, 10), D(2026, 9, 30))
    review(jin, s2, D(2026, 10, 15), "rectified")
    j3 = case(jin, "金川", "金川县校园周边食品安全案", food, D(2026, 8, 3))
    s3 = suggestion(jin, j3, "金川县市场监督管理局", D(2026, 8, 5), D(2026, 8, 6))
    j4 = case(jin, "金川", "金川县饮用水水源地保护案", ecology, D(2026, 10, 20))
    s4 = suggestion(jin, j4, "金川县水务局", D(2026, 10, 25), D(2026, 10, 26), D(2026, 11, 10))
    s.suggestion_draft(case=j4, actor=jin, agency=agency["金川县人民政府"], **SUGGESTION)

    l1 = case(lu, "泸定", "泸定县大渡河沿岸违法占地案", ecology, D(2026, 6, 15))
    s6 = suggestion(lu, l1, "泸定县自然资源局", D(2026, 6, 20), D(2026, 6, 22), D(2026, 7, 1))
    review(lu, s6, D(2026, 8, 1), "not_rectified", "partial")
    s.case_sue(case=l1, actor=lu, sued_on=D(2026, 10, 10), court="泸定县人民法院")

    s.case_metric_set(case=j1, actor=jin, kind="land_restored", quantity="12.5")
    s.case_metric_set(case=j2, actor=jin, kind="waste_cleared", quantity="30")
    s.case_metric_set(case=j2, actor=jin, kind="eco_costs", quantity="150000")
    s.case_metric_set(case=l1, actor=lu, kind="land_restored", quantity="3")

    def clue(actor, office, title, source, received_on, field=ecology):
        return clue_services.clue_register(actor=actor, procuratorate=org[office], title=title, description=title,
                                           source=source, received_on=received_on, field=field, handler=None)

    c1 = clue(clerk, "金川", "金川县某砂石场非法占用林地", "public_report", D(2026, 5, 1))
    c1.handler = jin
    c1.save(update_fields=["handler"])
    j5 = clue_services.clue_file_case(clue=c1, actor=jin, case_type="administrative", today=D(2026, 5, 10))
    c2 = clue(clerk, "金川", "金川县某小区噪声扰民", "public_report", D(2026, 5, 3))
    c2.handler = jin
    c2.save(update_fields=["handler"])
    clue_services.clue_reject(clue=c2, actor=jin, reason="不属于公益诉讼范围", today=D(2026, 5, 20))
    clue(clerk, "金川", "金川县河道垃圾堆积", "volunteer", D(2026, 6, 2))
    clue(lu, "泸定", "泸定县景区违规建设", "media", D(2026, 6, 20))
    return {"J1": j1, "J2": j2, "J3": j3, "J4": j4, "J5": j5, "L1": l1, "S1": s1, "S2": s2, "S3": s3, "S4": s4, "S6": s6}
