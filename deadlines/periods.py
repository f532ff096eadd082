"""The one table of legal periods (期间). Every deadline the system opens names a row of it.

A period's length lives here and nowhere else: services open a deadline by naming the kind and the
event that starts it (`deadlines.services.deadline_open`), templates and scripts read the table from
`GET /api/v1/calendar/periods/`. Where DOMAIN.md marks a period *configurable*, the row holds the
default and says where a procuratorate or mechanism sets its own (`configured_by`); callers pass that
setting as `length`, and only such rows accept one.

Reading a row: `days` or `months` (never both); `starts` is the event whose day is not counted (CPL 85);
`variants` are the alternative lengths the law gives for a named situation (the urgent reply of
Interp. 21, the shorter appeal period against a ruling); `pauses` says what stops the clock —
suspension of the case (中止审查, R 78) and, for the decision to sue alone, appraisal, testing,
evaluation and audit time (鉴定、检测、评估、审计, R 48); `extension` is the approved prolongation.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import DeadlineKind, PauseReason

SUSPENSION = PauseReason.SUSPENSION
APPRAISAL = PauseReason.APPRAISAL


@dataclass(frozen=True)
class Length:
    days: int = 0
    months: int = 0

    def __post_init__(self):
        if (self.days > 0) == (self.months > 0) or self.days < 0 or self.months < 0:
            raise ValueError("a period is a positive number of either days or months")

    @property
    def text(self) -> str:
        """"2个月", "15日": the length in Chinese whatever the language, as notes and documents write it."""
        return f"{self.months}个月" if self.months else f"{self.days}日"

    @property
    def label(self) -> str:
        """The length as a person reads it, in the active language ("2个月", "2 months")."""
        if self.months:
            return ngettext("%(n)s个月", "%(n)s个月", self.months) % {"n": self.months}
        return ngettext("%(n)s日", "%(n)s日", self.days) % {"n": self.days}

    @property
    def words(self) -> str:
        """"两个月", "十五日": the length as a document of the procuratorate writes it."""
        return f"{_numeral(self.months, month=True)}个月" if self.months else f"{_numeral(self.days)}日"


_DIGITS = "零一二三四五六七八九"


def _numeral(n: int, *, month: bool = False) -> str:
    """Chinese numerals for 1–999, as documents write lengths ("两个月", "十五日", "三十日")."""
    # Documents write 两个月, never 二个月; days keep 二 (十二日, 二十日).
    if month and n == 2:
        return "两"
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = f"{_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (_DIGITS[ones] if ones else "")


@dataclass(frozen=True)
class Variant:
    length: Length
    label: str  # when it applies, e.g. "损害继续扩大的"
    basis: str = ""
    starts: str = ""  # when the variant starts from another event than the row


@dataclass(frozen=True)
class Period:
    kind: str
    length: Length
    starts: str
    basis: str
    reminds: str
    pauses: tuple = ()
    variants: dict = field(default_factory=dict)
    extension: Length | None = None
    extension_basis: str = ""
    configured_by: str = ""  # where a procuratorate or mechanism sets its own length

    @property
    def label(self) -> str:
        return str(DeadlineKind(self.kind).label)

    def length_for(self, variant: str = "", configured: Length | None = None) -> Length:
        if configured is not None:
            if not self.configured_by:
                raise ValueError(f"{self.kind} is fixed by law; no configured length is accepted")
            return configured
        if variant:
            return self.variants[variant].length
        return self.length


_HANDLER = _("承办人（未指定时为部门负责人），逾期后依次提醒部门负责人、上级院部门负责人")

PERIODS: dict[str, Period] = {
    p.kind: p
    for p in (
        Period(
            # Clue periods have no pauses: R 78 suspends a case, and a clue is not yet one.
            DeadlineKind.CLUE_ACKNOWLEDGE, Length(days=7), _("实名举报线索登记"),
            _("《人民检察院举报工作规定》（期限各院可配置）"), _HANDLER,
            configured_by=_("线索办理期限设置（每个检察院）"),
        ),
        Period(
            DeadlineKind.CLUE_EVALUATE, Length(months=1), _("线索登记或接收移送"),
            _("《人民检察院公益诉讼办案规则》第二十七条（期限各院可配置）"), _HANDLER,
            configured_by=_("线索办理期限设置（每个检察院）"),
        ),
        Period(
            DeadlineKind.CLUE_FEEDBACK, Length(months=3), _("实名举报线索登记"),
            _("《人民检察院举报工作规定》（期限各院可配置）"), _HANDLER,
            configured_by=_("线索办理期限设置（每个检察院）"),
        ),
        Period(
            DeadlineKind.FILING_SERVICE, Length(days=7), _("立案"), _("《人民检察院公益诉讼办案规则》第七十条"), _HANDLER,
            pauses=(SUSPENSION,),
        ),
        Period(
            DeadlineKind.SUGGESTION_SERVICE, Length(days=3), _("检察建议制发"), _("《人民检察院公益诉讼办案规则》第七十六条"),
            _HANDLER,
            pauses=(SUSPENSION,),
        ),
        Period(
            DeadlineKind.SUGGESTION_FILING_UP, Length(days=5), _("检察建议送达"), _("《人民检察院公益诉讼办案规则》第七十六条"),
            _HANDLER, pauses=(SUSPENSION,),
        ),
        Period(
            DeadlineKind.SUGGESTION_REPLY, Length(months=2), _("检察建议书送达（行政机关收到）"),
            _("《最高人民法院 最高人民检察院关于检察公益诉讼案件适用法律若干问题的解释》第二十一条"), _HANDLER,
            pauses=(SUSPENSION,),
            variants={"urgent": Variant(Length(days=15), _("国家利益或者社会公共利益损害继续扩大的"), _("同上第二十一条"))},
        ),
        Period(
            # Runs from the end of the reply period (the register chains it with `after`), not from service:
            # R 47 counts from the end of rectification.
            DeadlineKind.SUE_DECISION, Length(months=1), _("检察建议回复期限届满"),
            _("《人民检察院公益诉讼办案规则》第四十七条"), _HANDLER,
            pauses=(SUSPENSION, APPRAISAL),
            variants={
                "civil": Variant(
                    Length(months=3), _("民事公益诉讼"), _("《人民检察院公益诉讼办案规则》第四十七条"), _("公告期满")
                ),
            },
            extension=Length(months=1),
            extension_basis=_("《人民检察院公益诉讼办案规则》第四十七条：经检察长批准可延长一个月，还需延长的报上一级检察院批准"),
        ),
        Period(
            DeadlineKind.ANNOUNCEMENT_END, Length(days=30), _("公告发布"),
            _("《解释》第十三条；《人民检察院公益诉讼办案规则》第九十一条"), _HANDLER, pauses=(SUSPENSION,),
        ),
        Period(
            # No pauses: once the case is in court it cannot be suspended (pil_cases.workflow).
            # One clock for the procuratorate's appeal (上诉) and its superior's protest (抗诉) against the same
            # first-instance judgment or ruling: either lodged in time meets it (pil_cases.litigation).
            DeadlineKind.APPEAL, Length(days=15), _("第一审判决书、裁定书送达"),
            _("《中华人民共和国行政诉讼法》第八十五条；《民事诉讼法》第一百七十一条"), _HANDLER,
            variants={"ruling": Variant(Length(days=10), _("不服裁定的"), _("同上"))},
        ),
        Period(
            DeadlineKind.COMPLAINT_FILING_UP, Length(days=5), _("提起诉讼"), _("《人民检察院公益诉讼办案规则》第五十条"),
            _HANDLER,
        ),
        Period(
            DeadlineKind.TRANSFER_FEEDBACK, Length(days=15), _("协作机制移送线索"), _("协作机制约定（可配置）"), _HANDLER,
            configured_by=_("协作机制的“移送线索反馈期限”"),
        ),
        Period(
            DeadlineKind.ASSISTANCE, Length(days=30), _("委托调查取证"), _("《人民检察院公益诉讼办案规则》第四十三条"), _HANDLER,
        ),
        Period(
            # Six months by default: the joint-meeting rhythm of the source documents (DOMAIN.md §2).
            DeadlineKind.MEETING, Length(months=6), _("上次联席会议（或机制生效）"), _("协作机制约定（可配置）"),
            _("召集单位的部门负责人"), configured_by=_("协作机制的“联席会议周期”；临时会议为计划日期"),
        ),
        Period(
            DeadlineKind.LOOKBACK, Length(months=6), _("结案"), _("持续跟进监督（“回头看”，间隔各院可配置）"), _HANDLER,
            configured_by=_("办案设置的“回头看”间隔（每个检察院）"),
        ),
        Period(
            # 督办 (R 11, 18): the superior's supervision notice sets how often the subordinate reports; each
            # report starts the next period. Overdue reports go up the usual escalation (head, then superior).
            DeadlineKind.SUPERVISION_REPORT, Length(days=30), _("督办决定（或上次报告进展）"),
            _("《人民检察院公益诉讼办案规则》第十一条、第十八条（报告周期由督办通知书确定）"), _HANDLER,
            pauses=(SUSPENSION,), configured_by=_("督办通知书确定的报告周期"),
        ),
        Period(
            # A period that must run before the court may confirm the agreement, not one to act by. No pauses:
            # a case in court cannot be suspended (pil_cases.workflow).
            DeadlineKind.SETTLEMENT_PUBLICATION, Length(days=30), _("和解协议或调解协议公告"),
            _("《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第二百八十七条；"
              "《最高人民法院关于审理环境民事公益诉讼案件适用法律若干问题的解释》第二十五条"), _HANDLER,
        ),
    )
}

assert set(PERIODS) == set(DeadlineKind.values), "every deadline kind has its row in the periods table"


def period(kind: str) -> Period:
    return PERIODS[kind]
