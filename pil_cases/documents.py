"""The official documents as .docx, from the recorded data (python-docx).

Layout after the usual procuratorial document style: the procuratorate's name and the document
title centred at the top, the number below them on the right, the body in 仿宋 with a two-character
first-line indent, the procuratorate's name and the date at the end on the right, and a place for
the seal.
"""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from deadlines.models import DeadlineKind
from deadlines.periods import period

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_CN_DIGITS = "〇一二三四五六七八九"


def chinese_date(value):
    """2026-11-26 → 二〇二六年十一月二十六日, the way dates are written on official documents."""
    if value is None:
        return "    年  月  日"

    def number(n):
        if n < 10:
            return _CN_DIGITS[n]
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")

    year = "".join(_CN_DIGITS[int(d)] for d in str(value.year))
    return f"{year}年{number(value.month)}月{number(value.day)}日"


def _font(run, name="仿宋", size=16, bold=False):
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.rPr.rFonts.set(qn("w:eastAsia"), name)


def _paragraph(doc, text, *, align=None, name="仿宋", size=16, bold=False, indent=True):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    p.paragraph_format.line_spacing = Pt(28)
    _font(p.add_run(text), name=name, size=size, bold=bold)
    return p


def _head(doc, procuratorate, title, number):
    _paragraph(doc, procuratorate.name, align=WD_ALIGN_PARAGRAPH.CENTER, name="宋体", size=22, bold=True, indent=False)
    _paragraph(doc, title, align=WD_ALIGN_PARAGRAPH.CENTER, name="宋体", size=26, bold=True, indent=False)
    _paragraph(doc, number or "（未编号）", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)


def _foot(doc, procuratorate, on):
    doc.add_paragraph()
    _paragraph(doc, procuratorate.name, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _paragraph(doc, chinese_date(on), align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _paragraph(doc, "（院印）", align=WD_ALIGN_PARAGRAPH.RIGHT, size=12, indent=False)


def _bytes(doc):
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def filing_decision(case):
    """立案决定书."""
    doc = Document()
    _head(doc, case.procuratorate, "立案决定书", case.filing_number)
    agencies = "、".join(a.name for a in case.agencies.all())
    _paragraph(doc, f"本院在履行职责中发现{case.title}一案" + (f"，涉及{agencies}" if agencies else "") + "。")
    if case.summary:
        _paragraph(doc, case.summary)
    _paragraph(
        doc,
        f"本院经审查认为，该案属于{case.field.name}领域，国家利益或者社会公共利益可能受到侵害，"
        f"根据《人民检察院公益诉讼办案规则》的规定，决定对本案作为{case.get_case_type_display()}案件立案。",
    )
    if case.handler:
        _paragraph(doc, f"承办检察官：{case.handler}")
    _foot(doc, case.procuratorate, case.filed_on)
    return _bytes(doc)


def suggestion_document(suggestion):
    """检察建议书 with the eight parts of R 75."""
    case = suggestion.case
    doc = Document()
    _head(doc, suggestion.procuratorate, "检察建议书", suggestion.number)
    _paragraph(doc, f"{suggestion.agency.name}：", indent=False)
    _paragraph(doc, suggestion.case_source)
    sections = [
        ("一、国家利益或者社会公共利益受到侵害的事实", suggestion.harm_facts),
        ("二、认定行政机关不依法履行职责的事实和理由", suggestion.duty_facts),
        ("三、提出检察建议的法律依据", suggestion.legal_basis),
        ("四、建议的具体内容", suggestion.recommendations),
    ]
    for heading, text in sections:
        _paragraph(doc, heading, name="黑体")
        for line in filter(None, (text or "").splitlines()):
            _paragraph(doc, line.strip())
    reply = period(DeadlineKind.SUGGESTION_REPLY).length_for("urgent" if suggestion.urgent else "")
    rectification = suggestion.rectification_period or (
        f"请你单位在收到本检察建议书之日起{reply.words}内依法履行职责，并书面回复本院。"
    )
    _paragraph(doc, "五、整改期限", name="黑体")
    _paragraph(doc, rectification)
    if suggestion.other_matters:
        _paragraph(doc, "六、其他需要说明的事项", name="黑体")
        _paragraph(doc, suggestion.other_matters)
    if case.handler:
        _paragraph(doc, f"联系人：{case.handler}")
    _foot(doc, suggestion.procuratorate, suggestion.issued_on)
    return _bytes(doc)


def appeal_document(appeal):
    """上诉状 (the procuratorate's appeal) or 抗诉书 (the superior's protest) against the first-instance
    judgment or ruling: the header, the judgment appealed, the grounds. Unnumbered: numbered on paper."""
    case = appeal.case
    doc = Document()
    title = "抗诉书" if appeal.kind == "protest" else "上诉状"
    _head(doc, appeal.procuratorate, title, None)
    role = "抗诉机关" if appeal.kind == "protest" else "上诉人（公益诉讼起诉人）"
    _paragraph(doc, f"{role}：{appeal.procuratorate.name}", indent=False)
    judgment = case.get_judgment_kind_display() or "判决"
    _paragraph(
        doc,
        f"{case.procuratorate.name}诉{case.title}一案，{case.court or '人民法院'}于{chinese_date(case.judgment_on)}"
        f"作出第一审{judgment}，于{chinese_date(case.judgment_served_on or case.judgment_on)}送达。"
        f"本院认为该{judgment}确有错误，依法向{appeal.court}提出{'抗诉' if appeal.kind == 'protest' else '上诉'}。",
    )
    if case.judgment_result:
        _paragraph(doc, "一审裁判结果", name="黑体")
        _paragraph(doc, case.judgment_result)
    _paragraph(doc, "理由", name="黑体")
    for line in filter(None, (appeal.grounds or "").splitlines()):
        _paragraph(doc, line.strip())
    _paragraph(doc, f"此致\n{appeal.court}", indent=False)
    _foot(doc, appeal.procuratorate, appeal.filed_on)
    return _bytes(doc)
