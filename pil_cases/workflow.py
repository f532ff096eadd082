"""The case workflow of DOMAIN.md §5 as a table of allowed moves, and the rules of law beside it.

Each action names the case types it applies to, the statuses it may start from and the status it
leads to (None: the status does not change, e.g. adding an investigation record). Suggestion actions
are in the same table, by the status of their case: nothing is served, replied to or reviewed while
the case is suspended or closed. Some moves also need facts beyond the status (a suit needs the
rectification period over, R 81): those are the `refusal` rules below, each naming its article and,
where there is one, the date from which the move becomes possible. The services check both before any
change; `allowed_actions` and the buttons follow the same table.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from deadlines.models import Deadline, DeadlineKind, PauseReason
from deadlines.periods import period
from procuratorates.models import CaseType

from .models import CaseStatus as S
from .models import (
    ClosingReason,
    ConsultationResult,
    CriminalLink,
    NonPerformance,
    ReviewFinding,
    SettlementStatus,
    SuggestionStatus,
    SupportResult,
)

ADMIN = (CaseType.ADMINISTRATIVE,)
CIVIL = (CaseType.CIVIL, CaseType.CRIMINAL_CIVIL)
ALL = ADMIN + CIVIL
OPEN = (S.FILED, S.INVESTIGATING, S.PRE_LITIGATION, S.ANNOUNCING, S.LITIGATING, S.JUDGED, S.ENFORCING, S.SUPPORTING)


@dataclass(frozen=True)
class Move:
    case_types: tuple
    sources: tuple
    target: str | None


TRANSITIONS = {
    # 调查: after filing the handler investigates (R 32–45).
    "investigate": Move(ALL, (S.FILED,), S.INVESTIGATING),
    "serve-filing": Move(ADMIN, (S.FILED, S.INVESTIGATING), None),  # R 70: on the agency
    "records": Move(ALL, (S.FILED, S.INVESTIGATING, S.PRE_LITIGATION, S.ANNOUNCING, S.SUPPORTING), None),
    # Drafting a suggestion is an administrative move; issuing it puts the case into the pre-litigation stage.
    "draft-suggestion": Move(ADMIN, (S.INVESTIGATING, S.PRE_LITIGATION), None),
    "issue-suggestion": Move(ADMIN, (S.INVESTIGATING, S.PRE_LITIGATION), S.PRE_LITIGATION),
    # 中止审查 (R 78) is a stop in the procuratorate's own examination: not possible once the case is in court.
    "suspend": Move(ALL, (S.FILED, S.INVESTIGATING, S.PRE_LITIGATION, S.ANNOUNCING), S.SUSPENDED),
    "resume": Move(ALL, (S.SUSPENDED,), None),  # back to where it was
    "announce": Move(CIVIL, (S.INVESTIGATING,), S.ANNOUNCING),
    # R 47: only these stages have a decision-to-sue period running, so only they can extend it.
    "extend": Move(ALL, (S.PRE_LITIGATION, S.ANNOUNCING), None),
    "sue": Move(ALL, (S.PRE_LITIGATION, S.ANNOUNCING), S.LITIGATING),
    # 支持起诉 (R 100–103): the civil alternative to suing, before or after the announcement.
    "support-suit": Move(CIVIL, (S.INVESTIGATING, S.ANNOUNCING), S.SUPPORTING),
    "record-judgment": Move(ALL, (S.LITIGATING,), S.JUDGED),
    "enforce": Move(ALL, (S.JUDGED,), S.ENFORCING),
    # Not while litigating: a suit in court ends by its judgment, and the case is closed after it.
    "close": Move(ALL, (S.FILED, S.INVESTIGATING, S.PRE_LITIGATION, S.ANNOUNCING, S.JUDGED, S.ENFORCING, S.SUPPORTING), S.CLOSED),
    "metrics": Move(ALL, OPEN + (S.CLOSED, S.SUSPENDED), None),
    # 回头看 is the one move on a closed case: it checks that the repair has held (持续跟进监督).
    "lookback": Move(ALL, (S.CLOSED,), None),
    "reassign": Move(ALL, OPEN + (S.SUSPENDED,), None),
    # R 48: appraisal, testing, evaluation and audit time is not counted in the decision-to-sue period.
    "appraisal-start": Move(ALL, (S.PRE_LITIGATION, S.ANNOUNCING), None),
    "appraisal-end": Move(ALL, (S.PRE_LITIGATION, S.ANNOUNCING), None),
    # 磋商 (R 70–72): the agency is consulted before a suggestion; its follow-up may come later.
    "consult": Move(ADMIN, (S.FILED, S.INVESTIGATING), None),
    "consultation-follow-up": Move(ADMIN, (S.FILED, S.INVESTIGATING, S.PRE_LITIGATION), None),
    # Suggestions (R 75–82), by the status of their case.
    "serve-suggestion": Move(ADMIN, (S.PRE_LITIGATION,), None),
    # Filing-up (R 76) and a late reply are still recorded after the suit was filed.
    "file-up-suggestion": Move(ADMIN, (S.PRE_LITIGATION, S.LITIGATING, S.JUDGED, S.ENFORCING), None),
    "reply-suggestion": Move(ADMIN, (S.PRE_LITIGATION, S.LITIGATING, S.JUDGED, S.ENFORCING), None),
    # Follow-up continues until the harm is repaired, through the suit too (持续跟进监督).
    "review-suggestion": Move(ADMIN, (S.PRE_LITIGATION, S.LITIGATING, S.JUDGED, S.ENFORCING), None),
}

ACTION_LABELS = {
    "investigate": gettext_lazy("开始调查"),
    "serve-filing": gettext_lazy("送达立案决定书"),
    "records": gettext_lazy("添加调查记录"),
    "draft-suggestion": gettext_lazy("起草检察建议"),
    "suspend": gettext_lazy("中止审查"),
    "resume": gettext_lazy("恢复审查"),
    "announce": gettext_lazy("发布公告"),
    "extend": gettext_lazy("延长决定期限"),
    "sue": gettext_lazy("提起诉讼"),
    "support-suit": gettext_lazy("支持起诉"),
    "record-judgment": gettext_lazy("登记裁判结果"),
    "enforce": gettext_lazy("执行监督"),
    "close": gettext_lazy("结案"),
    "metrics": gettext_lazy("登记办案成效"),
    "lookback": gettext_lazy("“回头看”复查"),
    "appraisal-start": gettext_lazy("鉴定评估开始（期间不计入）"),
    "appraisal-end": gettext_lazy("鉴定评估结束"),
    "consult": gettext_lazy("磋商"),
    "reassign": gettext_lazy("变更承办人"),
}

_SUSPENDED = gettext_lazy("案件已中止审查（《人民检察院公益诉讼办案规则》第七十八条），恢复审查后方可进行此操作。")
_CLOSED = gettext_lazy("案件已结案，不能进行此操作。")


def allows(action, case):
    move = TRANSITIONS[action]
    return case.case_type in move.case_types and case.status in move.sources


def status_refusal(action, case):
    """Why the case's type or status does not allow `action`, in a sentence; None when it does."""
    if allows(action, case):
        return None
    if case.status == S.SUSPENDED:
        return str(_SUSPENDED)
    if case.status == S.CLOSED:
        return str(_CLOSED)
    if case.case_type not in TRANSITIONS[action].case_types:
        return _("%(case_type)s案件不适用此操作。") % {"case_type": CaseType(case.case_type).label}
    return _("案件当前状态（%(status)s）不允许此操作。") % {"status": case.get_status_display()}


# ---------------------------------------------------------------- rules of law beyond the status


def _deadline(subject_deadlines, kind):
    return next((d for d in subject_deadlines if d.kind == kind), None)


def _latest_review(suggestion):
    reviews = sorted(suggestion.reviews.all(), key=lambda r: (r.reviewed_on, r.pk))
    return reviews[-1] if reviews else None


def _served(case):
    return [s for s in case.suggestions.all() if s.status in (SuggestionStatus.SERVED, SuggestionStatus.REPLIED)]


def _administrative_suit_refusal(case, on: date):
    """R 81: a suit after the suggestion was served, its rectification period over (or the reply in hand),
    and a follow-up review that found the agency still not performing its duty."""
    served = _served(case)
    if not served:
        return _("提起行政公益诉讼须先向行政机关送达诉前检察建议（《人民检察院公益诉讼办案规则》第八十一条）。")
    over = []
    for suggestion in served:
        reply = _deadline(suggestion.deadlines.all(), DeadlineKind.SUGGESTION_REPLY)
        # A paused reply clock (suspension, R 78) has not run out, whatever its stored due date says.
        if suggestion.replied_on or (reply is not None and reply.paused_on is None and reply.due_on < on):
            over.append(suggestion)
    if not over:
        dues = [d.due_on for s in served for d in s.deadlines.all() if d.kind == DeadlineKind.SUGGESTION_REPLY]
        when = _("（%(date)s）") % {"date": min(dues)} if dues else ""
        return _(
            "检察建议回复期限届满%(when)s后方可提起行政公益诉讼；行政机关书面回复的，经跟进调查后方可起诉"
            "（《人民检察院公益诉讼办案规则》第八十一条）。"
        ) % {"when": when}
    # Several agencies may have been addressed: one that still does not perform is enough to sue.
    if not any(_finds_non_performance_after_the_period(s) for s in over):
        latest = [r for s in over if (r := _latest_review(s))]
        if not latest:
            found = _("尚无跟进调查。")
        elif latest[-1].finding in NON_PERFORMANCE:
            found = _("跟进调查须在回复期限届满或行政机关回复之后进行。")
        else:
            found = _("最近一次跟进调查认定为“%(finding)s”。") % {"finding": latest[-1].get_finding_display()}
        return _(
            "提起行政公益诉讼须经跟进调查认定行政机关仍未依法履行职责（《人民检察院公益诉讼办案规则》第八十一条、第八十二条）；"
            "%(found)s"
        ) % {"found": found}
    return None


# R 82: partial rectification is not due performance either; delay by objective obstacles is not counted as failure.
NON_PERFORMANCE = (ReviewFinding.NOT_RECTIFIED, ReviewFinding.PARTLY)


def _finds_non_performance_after_the_period(suggestion):
    """R 81: the agency still does not perform after the suggestion, so the finding must be of a review made
    once the reply is in or the reply period is over, not one made while the agency still had time."""
    review = _latest_review(suggestion)
    if review is None or review.finding not in NON_PERFORMANCE:
        return False
    if suggestion.replied_on:
        # A review on the day of the reply counts; without a reply, only one after the due day does.
        return review.reviewed_on >= suggestion.replied_on
    reply = _deadline(suggestion.deadlines.all(), DeadlineKind.SUGGESTION_REPLY)
    return reply is not None and review.reviewed_on > reply.due_on


def _civil_suit_refusal(case, on: date):
    """Interp. 13, R 91: a civil suit only after the 30-day announcement has ended."""
    end = _deadline(case.deadlines.all(), DeadlineKind.ANNOUNCEMENT_END)
    if end is None:
        return _("提起民事公益诉讼须先依法公告（《人民检察院公益诉讼办案规则》第九十一条）。")
    # The due day is the announcement's last day: a suit can come the day after at the earliest.
    if on <= end.due_on:
        return _("公告期届满（%(due_on)s）后方可提起诉讼（《人民检察院公益诉讼办案规则》第九十一条）。") % {"due_on": end.due_on}
    return None


def suit_refusal(case, on: date):
    if case.case_type == CaseType.ADMINISTRATIVE:
        return _administrative_suit_refusal(case, on)
    return _civil_suit_refusal(case, on) or criminal_incidental_suit_refusal(case)


def closing_refusal(case, *, reason, note):
    """Closing as rectified needs every served suggestion's latest review to find it rectified (R 73–74);
    and closing never cancels a running deadline silently: the closing note must account for it."""
    if reason == ClosingReason.CONSULTATION_PERFORMED:
        refusal = consultation_closing_refusal(case)
        if refusal:
            return refusal
    if reason == ClosingReason.RECTIFIED:
        served = _served(case)
        if not served:
            return _("以“行政机关已依法履职、整改到位”结案，须已送达检察建议并经跟进调查认定已整改。")
        for suggestion in served:
            latest = _latest_review(suggestion)
            if latest is None or latest.finding != ReviewFinding.RECTIFIED:
                found = (
                    _("最近一次跟进调查认定为“%(finding)s”") % {"finding": latest.get_finding_display()}
                    if latest else _("尚无跟进调查")
                )
                return _(
                    "以“行政机关已依法履职、整改到位”结案，须跟进调查认定已整改：检察建议“%(suggestion)s”%(found)s"
                    "（《人民检察院公益诉讼办案规则》第七十九条、第八十二条）。"
                ) % {"suggestion": suggestion, "found": found}
    running = [
        d for d in case.deadlines.all()
        # Closing is itself the decision not to sue (it meets SUE_DECISION), and the look-back
        # belongs to the closed case: neither needs accounting for in the note.
        if d.state == Deadline.State.OPEN and d.kind not in (DeadlineKind.SUE_DECISION, DeadlineKind.LOOKBACK)
    ]
    if running and not (note or "").strip():
        listed = _("、").join(
            _("%(kind)s（届满日%(due_on)s）") % {"kind": d.get_kind_display(), "due_on": d.due_on} for d in running
        )
        return _("本案尚有未完成的期限：%(listed)s。结案将撤销这些期限，请在结案说明中写明其处理情况。") % {"listed": listed}
    return None


def consultation_closing_refusal(case):
    """R 70–72: "磋商后行政机关依法履职" closes an administrative case at consultation, once a follow-up of
    the consultation found the agency performing and before any suggestion went out."""
    if case.case_type != CaseType.ADMINISTRATIVE:
        return _("“磋商后行政机关依法履职”仅适用于行政公益诉讼案件（《人民检察院公益诉讼办案规则》第七十条至第七十二条）。")
    consultations = list(case.consultations.all())
    if not consultations:
        return _("以“磋商后行政机关依法履职”结案，须已与行政机关磋商（《人民检察院公益诉讼办案规则》第七十条至第七十二条）。")
    if not any(c.result == ConsultationResult.PERFORMED for c in consultations):
        return _(
            "以“磋商后行政机关依法履职”结案，须经跟进认定行政机关已依法履职（《人民检察院公益诉讼办案规则》第七十条至第七十二条）。"
        )
    if any(s.status != SuggestionStatus.DRAFT for s in case.suggestions.all()):
        return _("本案已制发检察建议，应以跟进调查的结论结案，不能以“磋商后行政机关依法履职”结案。")
    return None


def review_refusal(suggestion, *, reviewed_on, non_performance):
    """R 82(1): "逾期不回复" can be found only after the reply period has ended without a reply."""
    if non_performance != NonPerformance.NO_REPLY:
        return None
    if suggestion.replied_on:
        return _("行政机关已于%(replied_on)s书面回复，不能认定为逾期不回复。") % {"replied_on": suggestion.replied_on}
    reply = _deadline(suggestion.deadlines.all(), DeadlineKind.SUGGESTION_REPLY)
    # While the case is suspended the reply clock stands (R 78): the agency is not late yet.
    if reply is None or reply.paused_on is not None or reviewed_on <= reply.due_on:
        when = _("（%(date)s）") % {"date": reply.due_on} if reply is not None else ""
        return _("回复期限届满%(when)s后方可认定逾期不回复（《人民检察院公益诉讼办案规则》第八十二条）。") % {"when": when}
    return None


def appraisal_refusal(case, *, starting):
    """R 48 pauses the decision-to-sue clock alone, so there must be one, running or paused for appraisal."""
    sue = next((d for d in case.deadlines.all() if d.kind == DeadlineKind.SUE_DECISION and d.state == Deadline.State.OPEN), None)
    if sue is None:
        return _("本案没有待决定是否起诉的期限，无需登记鉴定评估期间。")
    running = any(p.reason == PauseReason.APPRAISAL and p.ended_on is None for p in sue.pauses.all())
    if starting and running:
        return _("鉴定评估期间已在登记中，结束后方可再次登记。")
    if not starting and not running:
        return _("本案没有正在进行的鉴定评估期间。")
    return None


# ---------------------------------------------------------------- litigation to the end (R 49–66: pil_cases.litigation)

TRANSITIONS.update({
    # R 50: the 起诉书 is filed with the superior; recorded once, also late (after the judgment).
    "file-complaint-up": Move(ALL, (S.LITIGATING, S.JUDGED, S.ENFORCING), None),
    # Court sessions at first instance, and at second instance while an appeal is heard.
    "court-hearing": Move(ALL, (S.LITIGATING, S.JUDGED), None),
    # The judgment does not yet stand: appeal (上诉) or the superior's protest (抗诉) within the appeal period.
    "appeal": Move(ALL, (S.JUDGED,), None),
    "protest": Move(ALL, (S.JUDGED,), None),
    "second-instance": Move(ALL, (S.JUDGED,), None),
    # Enforcement supervision (R 64–66) once the judgment is being enforced.
    "enforcement-case": Move(ALL, (S.ENFORCING,), None),
    "enforcement-status": Move(ALL, (S.ENFORCING,), None),
    "enforcement-recovery": Move(ALL, (S.ENFORCING,), None),
    "enforcement-suggestion": Move(ALL, (S.ENFORCING,), None),
})

LITIGATION_ACTION_LABELS = {
    "file-complaint-up": gettext_lazy("起诉书报上级院备案"),
    "court-hearing": gettext_lazy("登记庭审"),
    "appeal": gettext_lazy("提出上诉"),
    "protest": gettext_lazy("提出抗诉（上级院）"),
    "second-instance": gettext_lazy("登记二审结果"),
    "enforcement-case": gettext_lazy("登记执行案件"),
    "enforcement-status": gettext_lazy("更新执行状态"),
    "enforcement-recovery": gettext_lazy("登记执行到位"),
    "enforcement-suggestion": gettext_lazy("执行监督检察建议"),
}


def pending_appeal(case):
    return next((a for a in case.appeals.all() if a.result == "pending"), None)


def appeal_refusal(case, *, filed_on):
    """ALP 85, CPL 171: an appeal or protest within the appeal period from the service of the judgment or
    ruling; one per judgment. `case` carries its deadlines and appeals (prefetched or fresh)."""
    if any(True for _a in case.appeals.all()):
        return _("本案已提出上诉或抗诉，不能重复提出。")
    clock = _deadline(case.deadlines.all(), DeadlineKind.APPEAL)
    if clock is None or clock.state != Deadline.State.OPEN:
        return _("本案没有正在计算的上诉期限，不能提出上诉或抗诉。")
    if case.judgment_served_on and filed_on < case.judgment_served_on:
        return _("提出日期不能早于裁判文书送达日期（%(date)s）。") % {"date": case.judgment_served_on}
    if filed_on > clock.due_on:
        return _(
            "上诉期限已于%(due_on)s届满，第一审%(kind)s已经生效，不能再提出上诉或抗诉"
            "（《中华人民共和国行政诉讼法》第八十五条；《民事诉讼法》第一百七十一条）。"
        ) % {"due_on": clock.due_on, "kind": case.get_judgment_kind_display()}
    return None


def second_instance_refusal(case, *, decided_on):
    appeal = pending_appeal(case)
    if appeal is None:
        return _("本案没有待二审裁判的上诉或抗诉。")
    if decided_on < appeal.filed_on:
        return _("二审裁判日期不能早于提出上诉（抗诉）的日期（%(date)s）。") % {"date": appeal.filed_on}
    return None


def judgment_stands_refusal(case):
    """Enforcement and closing wait for the second instance while an appeal or protest is pending."""
    if case.status == S.JUDGED and pending_appeal(case) is not None:
        return _("本案上诉（抗诉）尚在二审审理中，二审裁判后方可进行此操作。")
    return None


# R 90's civil grounds apply to civil cases only, and "the agency has performed" to administrative ones.
# One row per closing reason: the case types it is allowed for. A reason not listed is allowed for every type.
CLOSING_REASON_CASE_TYPES = {
    ClosingReason.RECTIFIED: ADMIN,
    ClosingReason.PUBLIC_INTEREST_PROTECTED: ALL,
    ClosingReason.NO_VIOLATION: ALL,
    ClosingReason.OTHER_PLAINTIFF: CIVIL,
    ClosingReason.COMPENSATION_AGREEMENT: CIVIL,
    ClosingReason.JUDGMENT_EXECUTED: ALL,
    ClosingReason.SUIT_SUPPORTED: CIVIL,
    ClosingReason.CONSULTATION_PERFORMED: ADMIN,
    ClosingReason.OTHER: ALL,
}


def closing_reasons_for(case_type):
    return [reason for reason in ClosingReason if case_type in CLOSING_REASON_CASE_TYPES[reason]]


def closing_reason_refusal(case, *, reason):
    if case.case_type in CLOSING_REASON_CASE_TYPES[ClosingReason(reason)]:
        return None
    return _("%(case_type)s案件不能以“%(reason)s”结案（《人民检察院公益诉讼办案规则》第七十三条、第九十条）。") % {
        "case_type": CaseType(case.case_type).label, "reason": ClosingReason(reason).label,
    }
# ---------------------------------------------------------------- civil specifics (DOMAIN.md §5 civil stages, §5a)

CRIMINAL_CIVIL = (CaseType.CRIMINAL_CIVIL,)

TRANSITIONS.update({
    # A settlement or mediation agreement is reached, published and confirmed while the suit is in court;
    # the court's confirmation ends the first instance as a judgment would.
    "settlement": Move(CIVIL, (S.LITIGATING,), None),
    "publish-settlement": Move(CIVIL, (S.LITIGATING,), None),
    "settlement-objection": Move(CIVIL, (S.LITIGATING,), None),
    "confirm-settlement": Move(CIVIL, (S.LITIGATING,), S.JUDGED),
    # R 97–98: the criminal case is named before the suit that is filed together with it.
    "link-criminal": Move(CRIMINAL_CIVIL, (S.FILED, S.INVESTIGATING, S.ANNOUNCING), None),
    # R 100–103: the ways of support and the supported suit's outcome, while the case supports it.
    "support-act": Move(CIVIL, (S.SUPPORTING,), None),
    "support-outcome": Move(CIVIL, (S.SUPPORTING,), None),
})

# The civil stages' buttons (the case page's civil component); the page's own table stays ACTION_LABELS.
CIVIL_ACTION_LABELS = {
    "link-criminal": gettext_lazy("关联刑事案件"),
    "settlement": gettext_lazy("登记和解（调解）协议"),
    "support-act": gettext_lazy("登记支持起诉方式"),
    "support-outcome": gettext_lazy("登记支持起诉结果"),
}
# The agreement's buttons by the case move each of them is in the table as.
_SETTLEMENT_MOVES = {"publish": "publish-settlement", "objections": "settlement-objection", "confirm": "confirm-settlement"}
SETTLEMENT_ACTION_LABELS = {
    "publish": gettext_lazy("公告协议"),
    "objections": gettext_lazy("登记异议"),
    "confirm": gettext_lazy("法院确认"),
}

_SETTLEMENT_BASIS = gettext_lazy("《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第二百八十七条")


def criminal_incidental_suit_refusal(case):
    """R 97–98: a criminal-incidental civil suit is filed together with its criminal case, so that case and
    its public prosecution must be on record first."""
    if case.case_type != CaseType.CRIMINAL_CIVIL:
        return None
    link = CriminalLink.objects.filter(case_id=case.pk).first()
    if link is None:
        return _(
            "刑事附带民事公益诉讼须与刑事案件一并提起，请先关联刑事案件（《人民检察院公益诉讼办案规则》第九十七条、第九十八条）。"
        )
    if link.prosecuted_on is None:
        return _(
            "请先登记刑事案件提起公诉的日期：刑事附带民事公益诉讼随刑事公诉一并提起（《人民检察院公益诉讼办案规则》第九十八条）。"
        )
    return None


def settlement_refusal(case):
    """One agreement at a time: a new one only once the earlier is confirmed (none is pending)."""
    if any(s.status != SettlementStatus.CONFIRMED for s in case.settlements.all()):
        return _("本案已有尚未经法院确认的和解（调解）协议。")
    return None


def publication_refusal(settlement):
    if settlement.status != SettlementStatus.RECORDED:
        return _("协议已公告，不能再次公告。")
    return None


def settlement_publication(settlement):
    return _deadline(settlement.deadlines.all(), DeadlineKind.SETTLEMENT_PUBLICATION)


def objection_refusal(settlement):
    if settlement.status != SettlementStatus.PUBLISHING:
        return _("只能在协议公告期间登记异议。")
    return None


def confirmation_refusal(settlement, on: date):
    """The court confirms the agreement only after at least 30 days of publication."""
    if settlement.status == SettlementStatus.CONFIRMED:
        return _("协议已经法院确认。")
    end = settlement_publication(settlement)
    if settlement.status != SettlementStatus.PUBLISHING or end is None:
        return _("和解（调解）协议须经公告，公告期满后法院方可确认（%(basis)s）。") % {"basis": _SETTLEMENT_BASIS}
    # The due day is the publication's last day: the court confirms on the day after at the earliest.
    if on <= end.due_on:
        return _("协议公告期（不少于%(period)s）至%(due_on)s届满，届满后法院方可确认（%(basis)s）。") % {
            "period": period(DeadlineKind.SETTLEMENT_PUBLICATION).length.label, "due_on": end.due_on,
            "basis": _SETTLEMENT_BASIS,
        }
    return None


def support_outcome_refusal(case):
    if SupportResult.objects.filter(case_id=case.pk).exists():
        return _("已登记支持起诉结果。")
    return None


def civil_actions(case, settlements, today: date):
    """(allowed, blocked) civil moves of the case and its agreements, for its page: the same table and rules
    the services apply."""
    allowed, blocked = [], []
    for action, label in CIVIL_ACTION_LABELS.items():
        if not allows(action, case):
            continue
        if action == "settlement" and settlement_refusal(case):
            continue
        if action == "support-outcome" and support_outcome_refusal(case):
            continue
        allowed.append({"action": action, "label": label})
    for settlement in settlements:
        for action, label in SETTLEMENT_ACTION_LABELS.items():
            if not allows(_SETTLEMENT_MOVES[action], case):
                continue
            if action == "publish" and publication_refusal(settlement):
                continue
            if action == "objections" and objection_refusal(settlement):
                continue
            row = {"action": action, "label": label, "settlement": settlement.pk}
            if action == "confirm":
                if settlement.status != SettlementStatus.PUBLISHING:
                    continue
                refusal = confirmation_refusal(settlement, today)
                if refusal:
                    blocked.append({**row, "reason": refusal})
                    continue
            allowed.append(row)
    return allowed, blocked
