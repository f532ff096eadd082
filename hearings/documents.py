"""听证公告 as .docx (python-docx), in the layout of the case documents (pil_cases.documents)."""

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from core.language import in_record_language
from pil_cases import documents as case_documents

DOCX_CONTENT_TYPE = case_documents.DOCX_CONTENT_TYPE


def announcement(hearing):
    """听证公告: what is heard, when and where, by which officers; published before the hearing.
    Stored text of a legal document: Chinese whatever the interface language."""
    with in_record_language():
        return _announcement(hearing)


def _announcement(hearing):
    case = hearing.case
    procuratorate = case.procuratorate
    doc = Document()
    case_documents._paragraph(
        doc, procuratorate.name, align=WD_ALIGN_PARAGRAPH.CENTER, name="宋体", size=22, bold=True, indent=False
    )
    case_documents._paragraph(doc, "听证公告", align=WD_ALIGN_PARAGRAPH.CENTER, name="宋体", size=26, bold=True, indent=False)
    kind = "公开听证" if hearing.public else "听证"
    case_documents._paragraph(
        doc,
        f"根据《人民检察院审查案件听证工作规定》，本院定于{case_documents.chinese_date(hearing.scheduled_on)}"
        f"在{hearing.place}就{case.title}（{hearing.get_stage_display()}）{hearing.topic}举行{kind}。",
    )
    seats = list(hearing.seats.select_related("officer"))
    if seats:
        names = "、".join(f"{s.officer.name}（{s.officer.get_kind_display()}）" for s in seats)
        case_documents._paragraph(doc, f"听证员：{names}。")
    if hearing.participants:
        case_documents._paragraph(doc, f"其他参加人：{hearing.participants}")
    if hearing.public:
        case_documents._paragraph(doc, "欢迎社会各界人士旁听。旁听人员请携带有效身份证件，于听证开始前到场登记。")
    if case.handler:
        case_documents._paragraph(doc, f"联系人：{case.handler}")
    case_documents._foot(doc, procuratorate, None)
    return case_documents._bytes(doc)
