"""提办决定书 and 督办通知书 as .docx (python-docx), in the layout of pil_cases.documents.

Legal documents are printed in Chinese whatever the user's language: their texts are not translated."""

from docx import Document

from pil_cases.documents import DOCX_CONTENT_TYPE, _bytes, _foot, _head, _paragraph, chinese_date

__all__ = ["DOCX_CONTENT_TYPE", "supervision_notice", "take_up_decision"]


def take_up_decision(take_up):
    """提办决定书: the superior takes the case up from the subordinate office (R 11, 18)."""
    case = take_up.case
    doc = Document()
    _head(doc, take_up.to_procuratorate, "提办决定书", take_up.number)
    _paragraph(doc, f"{take_up.from_procuratorate.name}：", indent=False)
    _paragraph(
        doc,
        f"你院办理的{case.title}（{case.filing_number or '未编号'}），"
        f"本院经审查认为：{take_up.reason.rstrip('。')}。",
    )
    _paragraph(
        doc,
        f"根据{take_up.basis}的规定，本院决定提办该案，自{chinese_date(take_up.decided_on)}起由本院办理。"
        "请你院自收到本决定书之日起将案件全部卷宗材料移送本院，并配合做好相关工作。",
    )
    if take_up.handler:
        _paragraph(doc, f"本院承办检察官：{take_up.handler}")
    _foot(doc, take_up.to_procuratorate, take_up.decided_on)
    return _bytes(doc)


def supervision_notice(supervision):
    """督办通知书: requirements and the report-back period of a supervised case (R 11, 18)."""
    case = supervision.case
    doc = Document()
    _head(doc, supervision.procuratorate, "督办通知书", supervision.number)
    _paragraph(doc, f"{case.procuratorate.name}：", indent=False)
    _paragraph(doc, f"你院办理的{case.title}（{case.filing_number or '未编号'}），本院决定挂牌督办。")
    _paragraph(doc, "一、督办要求", name="黑体")
    for line in filter(None, supervision.requirements.splitlines()):
        _paragraph(doc, line.strip())
    _paragraph(doc, "二、报告要求", name="黑体")
    _paragraph(
        doc,
        f"请你院自本通知书发出之日起每{supervision.report_every_days}日向本院书面报告一次案件办理进展，"
        "遇有重大情况随时报告，案件办结后及时报送结案情况。",
    )
    _foot(doc, supervision.procuratorate, supervision.started_on)
    return _bytes(doc)
