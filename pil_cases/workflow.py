"""The case workflow of DOMAIN.md §5 as a table of allowed moves.

Each action names the case types it applies to, the statuses it may start from and the status it
leads to (None: the status does not change, e.g. adding an investigation record). The services
check this table before any change; the API lists `allowed_actions` from it.
"""

from dataclasses import dataclass

from procuratorates.models import CaseType

from .models import CaseStatus as S

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
    "serve-filing": Move(ALL, (S.FILED, S.INVESTIGATING), None),
    "records": Move(ALL, (S.FILED, S.INVESTIGATING, S.PRE_LITIGATION, S.ANNOUNCING, S.SUPPORTING), None),
    # Drafting a suggestion is an administrative move; issuing it puts the case into the pre-litigation stage.
    "draft-suggestion": Move(ADMIN, (S.INVESTIGATING, S.PRE_LITIGATION), None),
    "issue-suggestion": Move(ADMIN, (S.INVESTIGATING, S.PRE_LITIGATION), S.PRE_LITIGATION),
    "suspend": Move(ALL, (S.FILED, S.INVESTIGATING, S.PRE_LITIGATION, S.ANNOUNCING), S.SUSPENDED),
    "resume": Move(ALL, (S.SUSPENDED,), None),  # back to where it was
    "announce": Move(CIVIL, (S.INVESTIGATING,), S.ANNOUNCING),
    "extend": Move(ALL, (S.PRE_LITIGATION, S.ANNOUNCING), None),
    "sue": Move(ALL, (S.PRE_LITIGATION, S.ANNOUNCING), S.LITIGATING),
    "support-suit": Move(CIVIL, (S.INVESTIGATING, S.ANNOUNCING), S.SUPPORTING),
    "record-judgment": Move(ALL, (S.LITIGATING,), S.JUDGED),
    "enforce": Move(ALL, (S.JUDGED,), S.ENFORCING),
    "close": Move(ALL, (S.FILED, S.INVESTIGATING, S.PRE_LITIGATION, S.ANNOUNCING, S.JUDGED, S.ENFORCING, S.SUPPORTING), S.CLOSED),
    "metrics": Move(ALL, OPEN + (S.CLOSED, S.SUSPENDED), None),
    "lookback": Move(ALL, (S.CLOSED,), None),
    "reassign": Move(ALL, OPEN + (S.SUSPENDED,), None),
}

ACTION_LABELS = {
    "investigate": "开始调查",
    "serve-filing": "送达立案决定书",
    "records": "添加调查记录",
    "draft-suggestion": "起草检察建议",
    "suspend": "中止审查",
    "resume": "恢复审查",
    "announce": "发布公告",
    "extend": "延长决定期限",
    "sue": "提起诉讼",
    "support-suit": "支持起诉",
    "record-judgment": "登记裁判结果",
    "enforce": "执行监督",
    "close": "结案",
    "metrics": "登记办案成效",
    "lookback": "“回头看”复查",
}


def allows(action, case):
    move = TRANSITIONS[action]
    return case.case_type in move.case_types and case.status in move.sources
