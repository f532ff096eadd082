"""Rows of the national dataset: the organisation, then clues and cases with what happened in them.

Each case is simulated from its filing date: events (service, suggestion, reply, review, suit, judgment,
closing) fall at plausible intervals, and whatever falls after `today` has not happened yet, so the case's
status, its open and met deadlines and its history agree. A small share of agencies never reply and of
handlers fall behind, so there are overdue deadlines to show.
"""

import datetime
import itertools
from functools import cache

from django.contrib.contenttypes.models import ContentType

from clues.models import Clue, ClueSource, ClueStatus
from core.models import AuditEntry
from deadlines.calendar import Pause, due_date
from deadlines.models import Deadline, DeadlineKind, DeadlinePause, Notification, PauseReason
from deadlines.periods import SUSPENSION, period
from pil_cases.models import (
    DEFAULT_NUMBER_TEMPLATE,
    DOCUMENT_CODES,
    Case,
    CaseOrigin,
    CaseParty,
    CaseStatus,
    ClosingReason,
    DocumentKind,
    DocumentSequence,
    IssuedNumber,
    JudgmentKind,
    JudgmentOutcome,
    LookbackReview,
    NonPerformance,
    Rectification,
    ReviewFinding,
    ReviewMethod,
    Suggestion,
    SuggestionReview,
    SuggestionStatus,
)
from procuratorates.models import Agency, CaseType, Department, Field, Level, Procuratorate, Role, User

from .org import CITY_AGENCIES, COUNTY_AGENCIES, PROVINCE_AGENCIES, Organisation, handler_count, joined, personas_of

D = datetime.timedelta
K = DeadlineKind
S = CaseStatus
OPEN_, MET, CANCELLED = Deadline.State.OPEN, Deadline.State.MET, Deadline.State.CANCELLED

# Share of cases per statutory field (code): ecology and food safety dominate, as in the SPP's figures.
FIELD_WEIGHTS = {1: 45, 2: 18, 3: 9, 4: 4, 5: 1, 6: 3, 7: 1, 8: 5, 9: 2, 10: 0.2, 11: 1, 12: 3, 13: 1, 14: 3, 15: 2, 16: 0.5,
                 99: 1}
PROBLEMS = {
    1: ["河道非法采砂", "非法占用林地", "固体废物违法堆放", "饮用水水源地污染", "非法占用耕地", "工业废水超标排放",
        "矿山生态修复不到位"],
    2: ["校园周边食品安全", "农村集市假冒伪劣食品", "网络餐饮无证经营", "过期药品销售"],
    3: ["违规发放惠农补贴", "国有资产流失", "社会保险基金违规领取"],
    4: ["国有土地使用权出让金欠缴", "闲置国有土地"],
    5: ["烈士纪念设施管护不力"], 6: ["未成年人违规进入网吧", "校园周边安全隐患"], 7: ["军人依法优待落实不到位"],
    8: ["燃气安全重大事故隐患", "危险化学品储存隐患"], 9: ["公民个人信息泄露"], 10: ["公用企业滥用市场支配地位"],
    11: ["电话卡违规开卡"], 12: ["农药残留超标"], 13: ["就业性别歧视"], 14: ["无障碍设施建设不到位"],
    15: ["文物保护单位保护不力"],
    16: ["军事设施保护区违法建设"], 99: ["其他公益受损"],
}
PLACES = ["镇", "乡", "街道", "村", "河段", "工业园区", "景区"]
CLUE_SOURCES = [
    (ClueSource.OWN_DISCOVERY, 25), (ClueSource.PUBLIC_REPORT, 28), (ClueSource.VOLUNTEER, 14), (ClueSource.DATA_PLATFORM, 8),
    (ClueSource.SUPERVISION_MODEL, 6), (ClueSource.AGENCY_TRANSFER, 5), (ClueSource.MEDIA, 4), (ClueSource.DEPUTY, 3),
    (ClueSource.POLICE_TRANSFER, 3), (ClueSource.COURT_TRANSFER, 2), (ClueSource.INSPECTION, 2),
]
REVIEW_FINDINGS = [(ReviewFinding.RECTIFIED, 80), (ReviewFinding.PARTLY, 8), (ReviewFinding.IN_PROGRESS, 5),
                   (ReviewFinding.NOT_RECTIFIED, 7)]
# Cases per office level: basic procuratorates file almost all of them.
LEVEL_SHARE = {Level.BASIC: 0.88, Level.PREFECTURE: 0.10, Level.PROVINCIAL: 0.018, Level.SUPREME: 0.002}
YEARS = 5
SUSPENDABLE = (S.INVESTIGATING, S.PRE_LITIGATION, S.ANNOUNCING)


def _at(day, rng):
    """A moment of a working day (09:00–17:00 in Beijing), as UTC."""
    return datetime.datetime(day.year, day.month, day.day, 1, tzinfo=datetime.UTC) + D(seconds=int(rng.random() * 28_800))


@cache
def _due(kind, start, variant=""):
    length = period(kind).length_for(variant)
    due = due_date(start, days=length.days, months=length.months)
    return length.days, length.months, due.end, due.date, due.provisional, due.explanation


class Generator:
    def __init__(self, *, loader, rng, today, password):
        self.loader, self.rng, self.today, self.password = loader, rng, today, password
        self.ids = {}
        self.user_count = 0
        self.sequences = {}  # (office, kind, year) -> last
        self.personas = {}
        self.held = []  # the current case's (or clue's) deadlines, written by emit_deadlines
        ct = ContentType.objects.get_for_model
        self.ct_case, self.ct_suggestion, self.ct_clue = ct(Case).pk, ct(Suggestion).pk, ct(Clue).pk
        self.roles = dict(Role.objects.values_list("code", "pk"))
        self.fields = list(Field.objects.filter(active=True).order_by("code"))
        self.field_choices = {}
        t = loader.table
        t(Procuratorate, ["id", "name", "short_name", "level", "parent_id", "region_code", "region_name", "path"])
        t(Department, ["id", "procuratorate_id", "name", "code"])
        t(User, ["id", "password", "username", "full_name", "procuratorate_id", "department_id", "is_staff", "is_superuser",
                 "date_joined"])
        t(User.roles.through, ["id", "user_id", "role_id"])
        t(Agency, ["id", "name", "kind", "region_code", "region_name"])
        t(Clue, ["id", "title", "description", "field_id", "source", "procuratorate_id", "handler_id", "registered_by_id",
                 "status", "received_on", "address", "region_code", "region_name", "parties", "decision_reason", "decided_on",
                 "case_id", "merged_into_case_id", "created_at", "updated_at"])
        t(Case, ["id", "case_type", "title", "field_id", "procuratorate_id", "handler_id", "status", "status_before_suspension",
                 "filed_on",
                 "filing_number", "filing_served_on", "origin", "assigned_by_id", "summary", "location", "announced_on",
                 "announcement_media", "announcement_number", "sued_on", "court", "complaint_number", "claims", "judgment_on",
                 "judgment_kind", "judgment_result", "judgment_served_on", "judgment_outcome", "supported_plaintiff",
                 "complaint_filed_up_on", "closed_on", "closing_reason", "closing_note", "closing_number", "created_at"])
        t(Case.agencies.through, ["id", "case_id", "agency_id"])
        t(CaseParty, ["id", "case_id", "name", "role"])
        t(Suggestion, ["id", "case_id", "procuratorate_id", "agency_id", "case_source", "harm_facts", "duty_facts",
                       "legal_basis", "recommendations", "rectification_period", "urgent", "status", "number", "issued_on",
                       "served_on", "replied_on", "reply_content", "rectification", "created_by_id", "created_at"])
        t(SuggestionReview, ["id", "suggestion_id", "reviewed_on", "method", "finding", "non_performance", "note",
                             "created_by_id", "created_at"])
        t(LookbackReview, ["id", "case_id", "reviewed_on", "finding", "created_by_id"])
        t(Deadline, ["id", "kind", "subject_type_id", "subject_id", "procuratorate_id", "handler_id", "owner_type_id",
                     "owner_id", "start_on", "after_id", "period_days", "period_months", "variant", "end_on", "due_on",
                     "provisional", "explanation", "state", "met_on", "paused_on", "created_at"])
        t(DeadlinePause, ["id", "deadline_id", "reason", "started_on", "ended_on"])
        t(AuditEntry, ["id", "subject_type_id", "subject_id", "subject_label", "root_type_id", "root_id", "action",
                       "from_status", "to_status", "actor_id", "at", "on"])
        t(Notification, ["id", "deadline_id", "tier", "recipient_id", "title", "message", "url", "created_at", "read_at",
                         "emailed_at"])
        t(IssuedNumber, ["id", "procuratorate_id", "kind", "year", "seq", "number", "issued_at"])
        t(DocumentSequence, ["id", "procuratorate_id", "kind", "year", "last"])

    def next_id(self, model):
        value = self.ids.get(model, 0) + 1
        self.ids[model] = value
        return value

    def add(self, model, *values):
        pk = self.next_id(model)
        self.loader.add(model, (pk, *values))
        return pk

    # ------------------------------------------------------------ organisation

    def organisation(self, *, expected_cases):
        rng = self.rng
        self.org = Organisation(rng)
        self.offices = self.org.build_tree()
        by_level = {}
        for office in self.offices:
            by_level.setdefault(office.level, []).append(office)
        # Each level's share of the cases, spread by weight: the expected caseload sizes the staff.
        for level, offices in by_level.items():
            total = sum(o.weight for o in offices)
            for o in offices:
                o.expected = expected_cases * LEVEL_SHARE[level] * o.weight / total
        personas = personas_of(self.offices)
        persona_at = {(office.id, role): name for name, (office, role) in personas.items()}
        for o in self.offices:
            self.add(Procuratorate, o.name, o.short, o.level, o.parent.id if o.parent else None, o.code, o.region, o.path)
            o.department_id = self.add(Department, o.id, "公益诉讼检察部", "公")
            o.clerk = self._user(o, Role.Code.CLERK, 1, persona_at)
            o.handlers = [self._user(o, Role.Code.HANDLER, n + 1, persona_at) for n in range(handler_count(o, o.expected))]
            o.head = self._user(o, Role.Code.HEAD, 1, persona_at)
            o.chief = self._user(o, Role.Code.CHIEF, 1, persona_at)
            kinds = {Level.BASIC: COUNTY_AGENCIES, Level.PREFECTURE: CITY_AGENCIES,
                     Level.PROVINCIAL: PROVINCE_AGENCIES}.get(o.level, [])
            for kind, label in kinds:
                o.agencies.append(self.add(Agency, f"{o.region}{label}", kind, o.code, o.region))
        admin = self.add(User, self.password, "nat_admin", "系统管理员", self.offices[0].id, self.offices[0].department_id,
                         True, True, joined(rng))
        self.add(User.roles.through, admin, self.roles[Role.Code.ADMIN])
        self.user_count += 1
        # The supreme procuratorate's chief would see everything too; an office of few cases needs no weight tuning.
        self.cum_weights = list(itertools.accumulate(o.expected for o in self.offices))

    def _user(self, office, role, n, persona_at):
        username = f"p{office.id}_{role}{n}"
        if n == 1 and (office.id, role) in persona_at:
            username = persona_at[(office.id, role)]
        pk = self.add(User, self.password, username, self.org.full_name(), office.id, office.department_id, False, False,
                      joined(self.rng))
        self.add(User.roles.through, pk, self.roles[role])
        self.user_count += 1
        if username.startswith("nat_"):
            self.personas[username] = (pk, office, role)
        return pk

    def persona_rows(self):
        return [(name, office.name, str(Role.Code(role).label)) for name, (_pk, office, role) in sorted(self.personas.items())]

    # ------------------------------------------------------------ helpers

    def number(self, office, kind, dept, on):
        key = (office.id, kind, on.year)
        seq = self.sequences.get(key, 0) + 1
        self.sequences[key] = seq
        number = DEFAULT_NUMBER_TEMPLATE.format(short=office.short, dept=dept, code=DOCUMENT_CODES[kind], year=on.year, seq=seq)
        self.add(IssuedNumber, office.id, kind, on.year, seq, number, _at(on, self.rng))
        return number

    def deadline(self, kind, *, subject_type, subject_id, office, handler, owner_type, owner_id, start=None, after=None,
                 variant="", met_on=None):
        """One register row: met when its event happened by today, cancelled when the case closed first, open otherwise.
        Held back until `emit_deadlines`, which knows whether the case is suspended (the clock then stands)."""
        if after is not None:
            after_id, start = after
        else:
            after_id = None
        days, months, end, due, provisional, explanation = _due(kind, start, variant)
        if met_on is not None and met_on <= self.today:
            state, met = MET, met_on
        else:
            state, met = OPEN_, None
        pk = self.next_id(Deadline)
        self.held.append([pk, kind, subject_type, subject_id, office, handler, owner_type, owner_id, start, after_id, days,
                          months, variant, end, due, provisional, explanation, state, met])
        return pk, due

    def emit_deadlines(self, suspended_on=None, closed_on=None):
        for (pk, kind, subject_type, subject_id, office, handler, owner_type, owner_id, start, after_id, days, months, variant,
             end, due, provisional, explanation, state, met) in self.held:
            if closed_on is not None and state == OPEN_:
                state = CANCELLED  # closing the case cancels whatever of it still runs (deadlines_cancel_of_owner)
            paused_on = None
            if suspended_on and state == OPEN_ and SUSPENSION in period(kind).pauses:
                # 中止审查 (R 78): the clock stands from that day; the register says so in its explanation.
                paused_on = suspended_on
                computed = due_date(start, days=days, months=months,
                                    pauses=[Pause(suspended_on, None, str(PauseReason.SUSPENSION.label))])
                end, due, provisional, explanation = computed.end, computed.date, computed.provisional, computed.explanation
                self.add(DeadlinePause, pk, PauseReason.SUSPENSION, suspended_on, None)
            self.loader.add(Deadline, (pk, kind, subject_type, subject_id, office.id, handler, owner_type, owner_id, start,
                                       after_id, days, months, variant, end, due, provisional, explanation, state, met,
                                       paused_on, _at(start, self.rng)))
            if state == OPEN_ and paused_on is None and (due - self.today).days <= 7:
                self.notices(pk, due, office, handler, owner_type, owner_id, kind)
        self.held = []

    def notices(self, deadline_id, due, office, handler, owner_type, owner_id, kind):
        """What the sweep would have sent by today: the handler's reminder or overdue notice, and for a deadline
        long overdue the escalations to the office's head and to the superior's PIL head."""
        left = (due - self.today).days
        label = str(DeadlineKind(kind).label)
        url = f"/cases/{owner_id}/" if owner_type == self.ct_case else f"/clues/{owner_id}/"
        message = f"{label}期限届满日为{due.isoformat()}。"
        if left < 0:
            sent = [(f"overdue:{self.today.isoformat()}", handler, f"【逾期提醒】{label}期限已逾期{-left}日")]
            if left < -5:
                sent.append(("escalate:head", office.head, f"【逾期督办】{label}期限已逾期"))
            if left < -15 and office.parent:
                sent.append(("escalate:superior", office.parent.head, f"【逾期督办（上级院）】{label}期限已逾期"))
        else:
            tier = f"before:{7 if left > 3 else (3 if left > 1 else left)}"
            sent = [(tier, handler, f"【期限提醒】{label}期限还有{left}日届满")]
        for tier, recipient, title in sent:
            now = _at(self.today, self.rng)
            self.add(Notification, deadline_id, tier, recipient, title, message, url, now,
                     now if self.rng.random() < 0.4 else None, now)

    def audit(self, subject_type, subject_id, label, root_type, root_id, action, before, after, actor, on):
        if on is None or on > self.today:
            return
        self.add(AuditEntry, subject_type, subject_id, label[:300], root_type, root_id, action, before, after, actor,
                 _at(on, self.rng), on)

    def pick_field(self, case_type, level):
        key = (case_type, level)
        if key not in self.field_choices:
            allowed = [f for f in self.fields if f.allows(case_type, level)]
            self.field_choices[key] = (allowed, list(itertools.accumulate(FIELD_WEIGHTS.get(f.code, 1) for f in allowed)))
        allowed, cum = self.field_choices[key]
        return self.rng.choices(allowed, cum_weights=cum)[0]

    # ------------------------------------------------------------ clues and cases

    def records(self, *, cases, clues, progress):
        rng, today = self.rng, self.today
        span = 365 * YEARS
        offices = rng.choices(self.offices, cum_weights=self.cum_weights, k=cases)
        # Most cases come from a clue; the rest of the clues (--clues in all) did not, or not yet, become cases.
        with_clue = [rng.random() < 0.9 for _ in range(cases)]
        budget = max(0, clues)
        for i, flag in enumerate(with_clue):
            if flag:
                budget -= 1
                if budget < 0:
                    with_clue[i] = False
        extra_clues = max(0, budget)
        # The case-less clues interleave with the cases so both spread over offices and years alike.
        extra_every = (cases / extra_clues) if extra_clues else None
        extra_done = 0
        self.cases_by_office = {}
        for i, office in enumerate(offices):
            filed = today - D(days=int(span * rng.random() ** 1.15))
            self.case(office, filed, with_clue[i])
            while extra_every and extra_done < extra_clues and extra_done * extra_every <= i:
                self.loose_clue(rng.choices(self.offices, cum_weights=self.cum_weights)[0])
                extra_done += 1
            if (i + 1) % 100_000 == 0:
                progress(f"  {i + 1:,} cases")
        while extra_done < extra_clues:
            self.loose_clue(rng.choices(self.offices, cum_weights=self.cum_weights)[0])
            extra_done += 1
        for (office_id, kind, year), last in sorted(self.sequences.items()):
            self.add(DocumentSequence, office_id, kind, year, last)

    def loose_clue(self, office):
        """A clue that did not become a case (yet): open, not filed, transferred or merged into a case."""
        rng, today = self.rng, self.today
        roll = rng.random()
        handler = rng.choice(office.handlers)
        field = self.pick_field(CaseType.ADMINISTRATIVE, office.level)
        if roll < 0.25:  # still open: recent, a few forgotten
            received = today - D(days=rng.randint(0, 40) if rng.random() < 0.9 else rng.randint(41, 200))
            status, decided, reason = (ClueStatus.EVALUATING if rng.random() < 0.6 else ClueStatus.RECEIVED), None, ""
        else:
            received = today - D(days=rng.randint(20, 365 * YEARS))
            decided = received + D(days=rng.randint(3, 31))
            status, reason = ClueStatus.NOT_FILED, "经评估，公益损害不存在或已消除，不予立案。"
            if roll > 0.85:
                status, reason = ClueStatus.TRANSFERRED, "不属于本院管辖，移送有管辖权的检察院。"
        merged_case = None
        if 0.78 < roll <= 0.85 and self.cases_by_office.get(office.id):
            status, reason, merged_case = ClueStatus.MERGED, "与已立案案件系同一事实，合并办理。", self.cases_by_office[office.id]
        self.clue(office, handler, field, received, status, decided, reason, case_id=None, merged_case=merged_case)

    def clue(self, office, handler, field, received, status, decided, reason, *, case_id, merged_case=None, title=None):
        rng = self.rng
        problem = rng.choice(PROBLEMS.get(field.code, PROBLEMS[99]))
        place = office.region
        title = title or f"{place}{problem}线索"
        source = rng.choices([s for s, _ in CLUE_SOURCES], weights=[w for _, w in CLUE_SOURCES])[0]
        pk = self.add(Clue, title, f"反映{place}存在{problem}问题，损害国家利益或者社会公共利益。", field.pk, source, office.id,
                      handler, office.clerk, status, received, f"{office.region}{rng.choice(PLACES)}", office.code,
                      office.region, "", reason, decided, case_id, merged_case, _at(received, rng),
                      _at(decided or received, rng))
        self.audit(self.ct_clue, pk, title, self.ct_clue, pk, "register", "", ClueStatus.RECEIVED, office.clerk, received)
        if status == ClueStatus.EVALUATING:
            self.audit(self.ct_clue, pk, title, self.ct_clue, pk, "assign", ClueStatus.RECEIVED, ClueStatus.EVALUATING,
                       office.head, received + D(days=1))
        action = {ClueStatus.FILED: "file_case", ClueStatus.NOT_FILED: "no_case", ClueStatus.TRANSFERRED: "transfer",
                  ClueStatus.MERGED: "merge"}.get(status)
        if action:
            self.audit(self.ct_clue, pk, title, self.ct_clue, pk, action, ClueStatus.EVALUATING, status, handler, decided)
        self.deadline(K.CLUE_EVALUATE, subject_type=self.ct_clue, subject_id=pk, office=office, handler=handler,
                      owner_type=self.ct_clue, owner_id=pk, start=received, met_on=decided)
        self.emit_deadlines()
        return pk

    def case(self, office, filed, with_clue):
        rng, today = self.rng, self.today
        roll = rng.random()
        case_type = CaseType.ADMINISTRATIVE if roll < 0.85 else (CaseType.CIVIL if roll < 0.95 else CaseType.CRIMINAL_CIVIL)
        field = self.pick_field(case_type, office.level)
        handler = rng.choice(office.handlers)
        dept = "行公" if case_type == CaseType.ADMINISTRATIVE else "民公"
        problem = rng.choice(PROBLEMS.get(field.code, PROBLEMS[99]))
        title = f"{office.region}{rng.choice(PLACES)}{problem}案"
        pk = self.next_id(Case)
        ev = {"investigate": filed + D(days=rng.randint(0, 5))}
        # Stalled: the handler (or the agency) never takes the next step; its deadline stays open, overdue.
        stalled = rng.random() < 0.03
        c = {"status": S.FILED, "status_before_suspension": "", "filing_served_on": None, "announced_on": None,
             "announcement_media": "", "announcement_number": None, "sued_on": None, "court": "", "complaint_number": None,
             "claims": "",
             "judgment_on": None, "judgment_kind": "", "judgment_result": "", "judgment_served_on": None,
             "judgment_outcome": "", "supported_plaintiff": "", "complaint_filed_up_on": None, "closed_on": None,
             "closing_reason": "", "closing_note": "", "closing_number": None}
        history = [("file", "", S.FILED, filed), ("investigate", S.FILED, S.INVESTIGATING, ev["investigate"])]
        if ev["investigate"] <= today:
            c["status"] = S.INVESTIGATING
        deadline = {"subject_type": self.ct_case, "subject_id": pk, "office": office, "handler": handler,
                    "owner_type": self.ct_case, "owner_id": pk}
        agency = rng.choice(office.agencies) if office.agencies else None
        pending = []  # deadlines written once the closing date is known: (kind, kwargs)
        closed = None

        if case_type == CaseType.ADMINISTRATIVE:
            served = filed + D(days=rng.randint(1, 6))
            pending.append((K.FILING_SERVICE, {"start": filed, "met_on": None if stalled else served}))
            if not stalled and served <= today:
                c["filing_served_on"] = served
                history.append(("serve-filing", S.INVESTIGATING, S.INVESTIGATING, served))
            # No violation found, or the harm was repaired before a suggestion was needed.
            if rng.random() < 0.12 or agency is None:
                closed = filed + D(days=rng.randint(20, 90))
                reason = rng.choice([ClosingReason.NO_VIOLATION, ClosingReason.PUBLIC_INTEREST_PROTECTED])
            else:
                _suggestion, closed, reason = self.suggestion_path(pk, office, handler, agency, filed, stalled, c, history,
                                                                   deadline, pending, dept)
        else:
            closed, reason = self.civil_path(pk, office, handler, filed, stalled, c, history, deadline, pending, dept,
                                             case_type)

        if closed is not None and closed <= today and not stalled:
            c["closed_on"], c["closing_reason"] = closed, reason
            c["closing_number"] = self.number(office, DocumentKind.CLOSING, dept, closed)
            c["closing_note"] = str(ClosingReason(reason).label)
            history.append(("close", c["status"], S.CLOSED, closed))
            c["status"] = S.CLOSED
        else:
            closed = None
        for kind, kw in pending:
            self.deadline(kind, **deadline, **kw)
        # A few open cases stand suspended (中止审查, R 78) since a day after everything else that happened in them.
        suspended_on = None
        if closed is None and not stalled and c["status"] in SUSPENDABLE and rng.random() < 0.04:
            last = max(on for _a, _b, _c, on in history if on <= today)
            if (today - last).days > 2:
                suspended_on = last + D(days=rng.randint(1, (today - last).days - 1))
                history.append(("suspend", c["status"], S.SUSPENDED, suspended_on))
                c["status_before_suspension"], c["status"] = c["status"], S.SUSPENDED
        self.emit_deadlines(suspended_on, closed)
        if closed is not None:
            lookback_due_start = closed
            reviewed = closed + D(days=rng.randint(170, 200))
            met = reviewed if reviewed <= today else None
            self.deadline(K.LOOKBACK, **deadline, start=lookback_due_start, met_on=met)
            if met:
                self.add(LookbackReview, pk, reviewed, "sustained" if rng.random() < 0.95 else "rebound", handler)
                history.append(("lookback", S.CLOSED, S.CLOSED, reviewed))
            self.emit_deadlines()

        origin = CaseOrigin.CLUE if with_clue else (CaseOrigin.ASSIGNED if rng.random() < 0.2 and office.parent else
                                                    CaseOrigin.OWN)
        filing_number = self.number(office, DocumentKind.FILING, dept, filed)
        self.loader.add(Case, (
            pk, case_type, title, field.pk, office.id, handler, c["status"], c["status_before_suspension"], filed,
            filing_number, c["filing_served_on"],
            origin, office.parent.id if origin == CaseOrigin.ASSIGNED else None, f"{title}：{problem}，公益受损。",
            f"{office.region}{rng.choice(PLACES)}", c["announced_on"], c["announcement_media"], c["announcement_number"],
            c["sued_on"], c["court"], c["complaint_number"], c["claims"], c["judgment_on"], c["judgment_kind"],
            c["judgment_result"], c["judgment_served_on"], c["judgment_outcome"], c["supported_plaintiff"],
            c["complaint_filed_up_on"], c["closed_on"], c["closing_reason"], c["closing_note"], c["closing_number"],
            _at(filed, rng),
        ))
        self.cases_by_office[office.id] = pk
        if agency is not None and case_type == CaseType.ADMINISTRATIVE:
            self.add(Case.agencies.through, pk, agency)
        if case_type != CaseType.ADMINISTRATIVE:
            self.add(CaseParty, pk, f"{office.region}某{rng.choice(['化工', '建材', '食品', '矿业', '养殖'])}有限公司",
                     CaseParty.Role.INFRINGER)
        for action, before, after, on in history:
            self.audit(self.ct_case, pk, title, self.ct_case, pk, action, before, after, handler, on)
        if with_clue:
            received = filed - D(days=rng.randint(3, 40))
            self.clue(office, handler, field, received, ClueStatus.FILED, filed, "经评估，符合立案条件。", case_id=pk,
                      title=title.removesuffix("案") + "线索")
        return pk

    def suggestion_path(self, case_id, office, handler, agency, filed, stalled, c, history, deadline, pending, dept):
        """Administrative: suggestion (R 75–76), reply (Interp. 21), follow-up (R 77–82), then close or sue (R 81)."""
        rng, today = self.rng, self.today
        issued = filed + D(days=rng.randint(15, 75))
        if issued > today:
            return None, None, ""
        served = issued + D(days=rng.randint(0, 3))
        urgent = rng.random() < 0.05
        no_reply = stalled or rng.random() < 0.04
        replied = None if no_reply else served + D(days=rng.randint(10, 70 if not urgent else 20))
        reviewed = replied + D(days=rng.randint(7, 60)) if replied else None
        finding = rng.choices([f for f, _ in REVIEW_FINDINGS], weights=[w for _, w in REVIEW_FINDINGS])[0]
        number = self.number(office, DocumentKind.SUGGESTION, dept, issued)
        status = SuggestionStatus.ISSUED
        if served <= today:
            status = SuggestionStatus.SERVED
        if replied and replied <= today:
            status = SuggestionStatus.REPLIED
        rectification = Rectification.PENDING
        if status == SuggestionStatus.REPLIED:
            rectification = finding if reviewed <= today else Rectification.REPLIED
        sid = self.add(Suggestion, case_id, office.id, agency, "本院在履行职责中发现", "公益受到侵害的事实（略）",
                       "行政机关未依法全面履行监督管理职责（略）", "《中华人民共和国行政诉讼法》第二十五条第四款",
                       "依法全面履行职责，及时整改",
                       "两个月" if not urgent else "十五日", urgent, status, number, issued,
                       served if served <= today else None, replied if replied and replied <= today else None,
                       "已收悉并组织整改" if status == SuggestionStatus.REPLIED else "", rectification, handler,
                       _at(issued, rng))
        history.append(("issue-suggestion", S.INVESTIGATING, S.PRE_LITIGATION, issued))
        c["status"] = S.PRE_LITIGATION
        label = number
        sd = {"subject_type": self.ct_suggestion, "subject_id": sid, "office": office, "handler": handler,
              "owner_type": self.ct_case, "owner_id": case_id}
        self.audit(self.ct_suggestion, sid, label, self.ct_case, case_id, "issue", SuggestionStatus.DRAFT,
                   SuggestionStatus.ISSUED, handler, issued)
        self.deadline(K.SUGGESTION_SERVICE, **sd, start=issued, met_on=served)
        if served > today:
            return sid, None, ""
        self.audit(self.ct_suggestion, sid, label, self.ct_case, case_id, "serve", SuggestionStatus.ISSUED,
                   SuggestionStatus.SERVED, handler, served)
        filed_up = served + D(days=rng.randint(1, 5))
        self.deadline(K.SUGGESTION_FILING_UP, **sd, start=served, met_on=filed_up)
        self.audit(self.ct_suggestion, sid, label, self.ct_case, case_id, "file-up", SuggestionStatus.SERVED,
                   SuggestionStatus.SERVED, handler, filed_up)
        reply_id, reply_due = self.deadline(K.SUGGESTION_REPLY, **sd, start=served, variant="urgent" if urgent else "",
                                            met_on=replied)
        if replied and replied <= today:
            self.audit(self.ct_suggestion, sid, label, self.ct_case, case_id, "reply", SuggestionStatus.SERVED,
                       SuggestionStatus.REPLIED, handler, replied)
        if reviewed and reviewed <= today:
            self.add(SuggestionReview, sid, reviewed, rng.choice(ReviewMethod.values), finding,
                     "" if finding == ReviewFinding.RECTIFIED else
                     (NonPerformance.PARTIAL if finding == ReviewFinding.PARTLY else
                      NonPerformance.NOT_EXECUTED if finding == ReviewFinding.NOT_RECTIFIED else ""),
                     "跟进调查情况（略）", handler, _at(reviewed, rng))
            self.audit(self.ct_suggestion, sid, label, self.ct_case, case_id, "review", Rectification.REPLIED, finding,
                       handler, reviewed)
        # The decision to sue runs from the end of the reply period (R 47) and is what closing or suing meets.
        if reviewed and finding in (ReviewFinding.RECTIFIED, ReviewFinding.IN_PROGRESS):
            closed = max(reviewed, reply_due) + D(days=rng.randint(3, 25))
            pending.append((K.SUE_DECISION, {"after": (reply_id, reply_due), "met_on": closed}))
            return sid, closed, (ClosingReason.RECTIFIED if finding == ReviewFinding.RECTIFIED else
                                 ClosingReason.PUBLIC_INTEREST_PROTECTED)
        if stalled:
            pending.append((K.SUE_DECISION, {"after": (reply_id, reply_due)}))
            return sid, None, ""
        sued = max(reviewed or reply_due, reply_due) + D(days=rng.randint(3, 28))
        pending.append((K.SUE_DECISION, {"after": (reply_id, reply_due), "met_on": sued}))
        closed, reason = self.litigation(office, handler, sued, c, history, deadline, pending, dept, "人民法院")
        return sid, closed, reason

    def civil_path(self, case_id, office, handler, filed, stalled, c, history, deadline, pending, dept, case_type):
        """Civil: announcement (30 days, R 91), then the decision to sue (3 months): sue, support, or close."""
        rng, today = self.rng, self.today
        announced = filed + D(days=rng.randint(10, 40))
        if announced > today:
            return None, ""
        c["announced_on"], c["announcement_media"] = announced, "正义网"
        c["announcement_number"] = self.number(office, DocumentKind.ANNOUNCEMENT, dept, announced)
        history.append(("announce", S.INVESTIGATING, S.ANNOUNCING, announced))
        c["status"] = S.ANNOUNCING
        end_id, end_due = self.deadline(K.ANNOUNCEMENT_END, **deadline, start=announced,
                                        met_on=None if stalled else announced + D(days=31))
        if stalled:
            pending.append((K.SUE_DECISION, {"after": (end_id, end_due), "variant": "civil"}))
            return None, ""
        roll = rng.random()
        decided = end_due + D(days=rng.randint(5, 80))
        pending.append((K.SUE_DECISION, {"after": (end_id, end_due), "variant": "civil", "met_on": decided}))
        if decided > today:
            return None, ""
        if roll < 0.35 or case_type == CaseType.CRIMINAL_CIVIL and roll < 0.1:
            return decided, ClosingReason.OTHER_PLAINTIFF
        if roll < 0.45 and case_type == CaseType.CIVIL:
            c["supported_plaintiff"] = f"{office.region}环保协会"
            history.append(("support-suit", S.ANNOUNCING, S.SUPPORTING, decided))
            c["status"] = S.SUPPORTING
            return decided + D(days=rng.randint(60, 300)), ClosingReason.SUIT_SUPPORTED
        return self.litigation(office, handler, decided, c, history, deadline, pending, dept, "中级人民法院")

    def litigation(self, office, handler, sued, c, history, deadline, pending, dept, court):
        """Suit (R 49–50), judgment and appeal period (ALP 85), then enforcement and closing."""
        rng, today = self.rng, self.today
        if sued > today:
            return None, ""
        c["sued_on"], c["court"] = sued, f"{office.region}{court}"
        c["complaint_number"] = self.number(office, DocumentKind.COMPLAINT, dept, sued)
        c["claims"] = "判令被告依法履行职责"
        history.append(("sue", c["status"], S.LITIGATING, sued))
        c["status"] = S.LITIGATING
        filed_up = sued + D(days=rng.randint(1, 5))
        judged = sued + D(days=rng.randint(60, 240))
        pending.append((K.COMPLAINT_FILING_UP, {"start": sued, "met_on": filed_up}))
        if filed_up <= today:
            c["complaint_filed_up_on"] = filed_up
        if judged > today:
            return None, ""
        c["judgment_on"], c["judgment_kind"] = judged, JudgmentKind.JUDGMENT
        c["judgment_outcome"] = rng.choices([JudgmentOutcome.SUPPORTED, JudgmentOutcome.PARTLY, JudgmentOutcome.REJECTED],
                                            weights=[88, 9, 3])[0]
        c["judgment_result"] = "判决支持检察机关的诉讼请求"
        history.append(("record-judgment", S.LITIGATING, S.JUDGED, judged))
        c["status"] = S.JUDGED
        served = judged + D(days=rng.randint(1, 7))
        enforced = served + D(days=rng.randint(16, 40))
        pending.append((K.APPEAL, {"start": served, "met_on": enforced}))
        if served <= today:
            c["judgment_served_on"] = served
        if enforced > today:
            return None, ""
        history.append(("enforce", S.JUDGED, S.ENFORCING, enforced))
        c["status"] = S.ENFORCING
        return enforced + D(days=rng.randint(30, 200)), ClosingReason.JUDGMENT_EXECUTED
