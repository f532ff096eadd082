"""Cases the browser walks start from, built through the services (so their deadlines and history are real)."""

import datetime

from pil_cases import services
from pil_cases.models import ReviewFinding
from procuratorates.models import Agency, Field


def filed_case(handler, title, filed_on):
    """An administrative case (ecology and resources) filed by `handler` at their own procuratorate."""
    return services.case_file(actor=handler, procuratorate=handler.procuratorate, case_type="administrative",
                              field=Field.objects.get(code=1), title=title, handler=handler, filed_on=filed_on)


def sued_after_unanswered_suggestion(handler, today, title):
    """Served a suggestion 120 days ago, found it unanswered and unrectified, sued 30 days ago: the next step is
    the judgment."""
    served = today - datetime.timedelta(days=120)
    case = filed_case(handler, title, served - datetime.timedelta(days=10))
    services.case_investigate(case=case, actor=handler, on=served - datetime.timedelta(days=9))
    suggestion = services.suggestion_draft(
        case=case, actor=handler, agency=Agency.objects.get(name="金川县自然资源局"), case_source="本院发现",
        harm_facts="渗漏", duty_facts="未履职", legal_basis="《行政诉讼法》第二十五条", recommendations="整改",
    )
    services.suggestion_issue(suggestion=suggestion, actor=handler, issued_on=served)
    services.suggestion_serve(suggestion=suggestion, actor=handler, served_on=served)
    services.suggestion_review_add(suggestion=suggestion, actor=handler, reviewed_on=today - datetime.timedelta(days=40),
                                   method="on_site", finding=ReviewFinding.NOT_RECTIFIED, non_performance="no_reply")
    services.case_sue(case=case, actor=handler, sued_on=today - datetime.timedelta(days=30), court="阿坝州中级人民法院")
    return case


def judged_yesterday(handler, today, title):
    """As sued_after_unanswered_suggestion, with the judgment served yesterday: the appeal period runs."""
    case = sued_after_unanswered_suggestion(handler, today, title)
    services.case_record_judgment(case=case, actor=handler, judgment_on=today - datetime.timedelta(days=2),
                                  served_on=today - datetime.timedelta(days=1), kind="judgment", result="驳回诉讼请求")
    return case
