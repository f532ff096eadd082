"""Writing the deadline register. Apps call these; nothing else computes a legal period."""

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from procuratorates.models import Procuratorate, Role, User

from .calendar import due_date, is_working_day
from .models import Deadline, Heartbeat, Notification, NotificationPreference


def _subject_key(subject):
    return {"subject_type": ContentType.objects.get_for_model(subject), "subject_id": subject.pk}


@transaction.atomic
def deadline_set(*, subject, kind, start, days=0, months=0, procuratorate, handler=None, case=None, clue=None):
    """Create or recompute the `kind` deadline of `subject`, running from `start` (not counted)."""
    due = due_date(start, days=days, months=months)
    deadline, _ = Deadline.objects.update_or_create(
        **_subject_key(subject),
        kind=kind,
        defaults={
            "procuratorate": procuratorate,
            "handler": handler,
            "case": case,
            "clue": clue,
            "start_on": start,
            "period_days": days,
            "period_months": months,
            "due_on": due.date,
            "explanation": due.explanation,
            "state": Deadline.State.OPEN,
            "met_on": None,
            "paused_on": None,
        },
    )
    return deadline


def deadline_meet(*, subject, kind, on):
    """Mark the deadline met (e.g. the reply arrived). Idempotent: a met deadline stays as it was."""
    return Deadline.objects.filter(**_subject_key(subject), kind=kind, state=Deadline.State.OPEN).update(
        state=Deadline.State.MET, met_on=on
    )


def deadline_cancel(*, subject, kind=None):
    """The deadline no longer applies (the clue was merged, the case closed early)."""
    qs = Deadline.objects.filter(**_subject_key(subject), state=Deadline.State.OPEN)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.update(state=Deadline.State.CANCELLED)


def deadlines_reassign(*, case=None, clue=None, handler):
    """A new handler takes over every open deadline of the case or clue."""
    qs = Deadline.objects.filter(state=Deadline.State.OPEN)
    qs = qs.filter(case=case) if case is not None else qs.filter(clue=clue)
    return qs.update(handler=handler)


@transaction.atomic
def deadlines_pause(*, case, on):
    """Suspension (中止审查) stops every open clock of the case."""
    return Deadline.objects.filter(case=case, state=Deadline.State.OPEN, paused_on__isnull=True).update(paused_on=on)


@transaction.atomic
def deadlines_resume(*, case, on):
    """Resumption moves each paused deadline on by the days it was paused, then re-applies the
    rest-day rule, so the explanation still tells the user how the date came about."""
    for deadline in Deadline.objects.select_for_update().filter(case=case, paused_on__isnull=False):
        paused_days = (on - deadline.paused_on).days
        due = due_date(deadline.due_on, days=paused_days) if paused_days else None
        if due:
            deadline.due_on = due.date
            deadline.explanation = f"{deadline.explanation}；中止审查{paused_days}日不计入期限，顺延：{due.explanation}"[:500]
        deadline.paused_on = None
        deadline.save(update_fields=["due_on", "explanation", "paused_on"])


def deadline_extend(*, subject, kind, days=0, months=0, reason):
    """An approved extension (e.g. R 47: +1 month with the chief's approval) moves the due date."""
    deadline = Deadline.objects.get(**_subject_key(subject), kind=kind)
    due = due_date(deadline.due_on, days=days, months=months)
    deadline.due_on = due.date
    deadline.explanation = f"{deadline.explanation}；经批准延长（{reason}）：{due.explanation}"[:500]
    deadline.save(update_fields=["due_on", "explanation"])
    return deadline


# ---------------------------------------------------------------- reminders: the sweep (the outbox)
#
# The sweep only writes Notification rows; the database's unique (deadline, tier, recipient) makes a
# second or concurrent sweep a no-op. Email is a separate step that claims `emailed_at` before it sends,
# and is queued after commit; a broker that is down only delays it until the next sweep re-queues it.

logger = logging.getLogger(__name__)

TIER_OVERDUE = "overdue"
TIER_ESCALATE_HEAD = "escalate:head"
TIER_ESCALATE_SUPERIOR = "escalate:superior"


@dataclass(frozen=True)
class SweepResult:
    today: date
    deadlines: int  # open deadlines in reminder range
    notices: int  # notices written by this run (a concurrent run may have written some of them first)
    queued: int  # undelivered immediate emails handed to the broker


def tier_before(days):
    return f"before:{days}"


def tier_label(tier):
    """The tier in words, for the notification centre."""
    if tier.startswith("before:"):
        days = int(tier.split(":")[1])
        return str(_("今日届满")) if days == 0 else str(_("%(days)s日内届满") % {"days": days})
    if tier.startswith(TIER_OVERDUE):
        return str(_("已逾期"))
    if tier == TIER_ESCALATE_HEAD:
        return str(_("逾期督办（部门负责人）"))
    if tier == TIER_ESCALATE_SUPERIOR:
        return str(_("逾期督办（上级院）"))
    return tier


def _escalation_cutoff(today, working_days):
    """The latest due date that has at least `working_days` working days after it up to today.

    add_working_days(due, n) <= today holds exactly for due dates up to this day, so one comparison per
    deadline replaces a calendar walk per deadline.
    """
    day, counted = today, 0
    while counted < working_days:
        if is_working_day(day):
            counted += 1
        day -= timedelta(days=1)
    return day


def _heads_by_procuratorate():
    heads = defaultdict(list)
    rows = User.objects.filter(roles__code=Role.Code.HEAD, is_active=True, procuratorate__isnull=False)
    for procuratorate_id, user_id in rows.values_list("procuratorate_id", "pk").distinct().order_by("pk"):
        heads[procuratorate_id].append(user_id)
    return heads


def _superior_heads(procuratorate_id, parents, heads):
    """Heads of the nearest ancestor that has any: the parent first, then further up."""
    ancestor = parents.get(procuratorate_id)
    while ancestor is not None:
        if heads.get(ancestor):
            return heads[ancestor]
        ancestor = parents.get(ancestor)
    return []


def deadline_subject_label(deadline):
    if deadline.case_id:
        return _("案件“%(title)s”") % {"title": deadline.case.title}
    if deadline.clue_id:
        return _("线索“%(title)s”") % {"title": deadline.clue.title}
    return _("事项")


def deadline_url(deadline):
    if deadline.case_id:
        return f"/cases/{deadline.case_id}/"
    if deadline.clue_id:
        return f"/clues/{deadline.clue_id}/"
    return ""


def _notice_text(deadline, tier, today):
    subject = deadline_subject_label(deadline)
    kind = deadline.get_kind_display()
    days_left = (deadline.due_on - today).days
    words = {"subject": subject, "kind": kind, "days": abs(days_left)}
    if days_left > 0:
        title = _("【期限提醒】%(subject)s的%(kind)s期限还有%(days)s日届满") % words
    elif days_left == 0:
        title = _("【期限提醒】%(subject)s的%(kind)s期限今日届满") % words
    elif tier in (TIER_ESCALATE_HEAD, TIER_ESCALATE_SUPERIOR):
        title = _("【逾期督办】%(subject)s的%(kind)s期限已逾期%(days)s日") % words
    else:
        title = _("【逾期提醒】%(subject)s的%(kind)s期限已逾期%(days)s日") % words
    handler = deadline.handler.full_name or deadline.handler.username if deadline.handler_id else _("未指定")
    message = _("%(subject)s的%(kind)s期限届满日为%(due)s。计算说明：%(explanation)s。承办人：%(handler)s。") % {
        "subject": subject, "kind": kind, "due": deadline.due_on.isoformat(), "explanation": deadline.explanation.rstrip("。"),
        "handler": handler,
    }
    return str(title)[:200], str(message)


def _notices_for(deadline, *, today, now, before_days, heads, parents, head_cutoff, superior_cutoff, existing=frozenset()):
    """The notices one deadline calls for today (Notification objects, not saved), leaving out those in `existing`."""
    days_left = (deadline.due_on - today).days
    owners = [deadline.handler_id] if deadline.handler_id else heads.get(deadline.procuratorate_id, [])
    pairs = []
    if days_left >= 0:
        # Only the most urgent tier reached: a sweep that catches up after an outage sends "1 day", not "7 days" too.
        reached = [n for n in before_days if days_left <= n]
        if reached:
            pairs += [(tier_before(min(reached)), user_id) for user_id in owners]
    else:
        if settings.DEADLINE_OVERDUE_DAILY:
            pairs += [(f"{TIER_OVERDUE}:{today.isoformat()}", user_id) for user_id in owners]
        if deadline.due_on <= head_cutoff:
            pairs += [(TIER_ESCALATE_HEAD, user_id) for user_id in heads.get(deadline.procuratorate_id, [])]
        if deadline.due_on <= superior_cutoff:
            pairs += [(TIER_ESCALATE_SUPERIOR, user_id) for user_id in _superior_heads(deadline.procuratorate_id, parents, heads)]
    notices = []
    for tier, user_id in dict.fromkeys(pairs):
        if (deadline.pk, tier, user_id) in existing:
            continue
        title, message = _notice_text(deadline, tier, today)
        notices.append(Notification(deadline=deadline, tier=tier, recipient_id=user_id, title=title, message=message,
                                    url=deadline_url(deadline), created_at=now))
    return notices


@translation.override(settings.LANGUAGE_CODE)  # the stored notices read in the site's language, whoever runs the sweep
def deadlines_sweep(*, today, now, batch_size=500, queue_emails=True):
    """Write the notices due `today` for every open deadline, one transaction per batch, then queue the emails.

    Safe to run twice, at once, or after a run that died half-way: each batch commits on its own and the
    unique constraint drops a notice that already exists, so the next run adds exactly what is missing.
    """
    before_days = sorted(set(settings.DEADLINE_REMINDER_DAYS))
    head_cutoff = _escalation_cutoff(today, settings.DEADLINE_ESCALATE_HEAD_WORKING_DAYS)
    superior_cutoff = _escalation_cutoff(today, settings.DEADLINE_ESCALATE_SUPERIOR_WORKING_DAYS)
    heads = _heads_by_procuratorate()
    parents = dict(Procuratorate.objects.values_list("pk", "parent_id"))
    horizon = today + timedelta(days=max(before_days, default=0))
    candidates = (
        Deadline.objects.filter(state=Deadline.State.OPEN, paused_on__isnull=True, due_on__lte=horizon)
        .select_related("case", "clue", "handler")
        .only("pk", "kind", "due_on", "explanation", "procuratorate_id", "handler__full_name", "handler__username",
              "case__title", "clue__title")
        .order_by("pk")
    )
    looked_at = notices = 0
    last_pk = 0
    while True:
        batch = list(candidates.filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            break
        last_pk = batch[-1].pk
        looked_at += len(batch)
        # Most sweeps find most notices already sent: skip building those. Only a shortcut: the unique
        # constraint, not this read, is what keeps a concurrent sweep from adding a notice twice.
        existing = set(
            Notification.objects.filter(deadline__in=[d.pk for d in batch])
            .filter(Q(tier__startswith="before:") | Q(tier__startswith="escalate:") | Q(tier=f"{TIER_OVERDUE}:{today}"))
            .values_list("deadline_id", "tier", "recipient_id")
        )
        new = [
            notice
            for deadline in batch
            for notice in _notices_for(deadline, today=today, now=now, before_days=before_days, heads=heads, parents=parents,
                                       head_cutoff=head_cutoff, superior_cutoff=superior_cutoff, existing=existing)
        ]
        with transaction.atomic():
            Notification.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
        notices += len(new)
    Heartbeat.objects.update_or_create(name="sweep", defaults={"beat_at": now})
    queued = notifications_queue_undelivered() if queue_emails else 0
    return SweepResult(today=today, deadlines=looked_at, notices=notices, queued=queued)


# ---------------------------------------------------------------- reminders: delivery


def _wants_digest_q():
    return Q(recipient__notification_preference__email_delivery=NotificationPreference.Delivery.DIGEST)


def notifications_queue_undelivered(*, chunk=100):
    """Hand every undelivered immediate email to the broker, after commit. Returns how many were queued.

    A broker that is down is logged, not raised: the notices are safe in the database and the next sweep
    queues them again. Sending claims each notice first, so queuing one twice sends it once.
    """
    undelivered = Notification.objects.filter(emailed_at__isnull=True).exclude(_wants_digest_q())
    ids = list(undelivered.order_by("pk").values_list("pk", flat=True))
    if not ids:
        return 0

    def queue():
        from .tasks import notifications_email

        for start in range(0, len(ids), chunk):
            try:
                notifications_email.delay(ids[start:start + chunk])
            except Exception:  # kombu.exceptions.OperationalError and friends: the next sweep retries
                logger.warning("broker unavailable: %d reminder emails wait in the database", len(ids) - start, exc_info=True)
                return

    transaction.on_commit(queue)
    return len(ids)


def _send(recipient, subject, body):
    if not recipient.email:
        return False
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
    return True


def _email_body(notifications):
    lines = []
    for n in notifications:
        link = f"{settings.SITE_URL}{n.url}" if n.url else ""
        lines.append(f"{n.title}\n{n.message}\n{link}".rstrip())
    return "\n\n".join(lines) + "\n\n" + str(_("—— 检察公益诉讼办案系统（本邮件由系统自动发送）"))


def notification_email(*, notification_id, now):
    """Email one notice, at most once: the conditional update claims it before anything is sent."""
    if not Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(emailed_at=now):
        return False  # another worker (or an earlier run) has it
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    try:
        return _send(notification.recipient, notification.title, _email_body([notification]))
    except Exception:
        # Give the claim back so the next sweep queues it again.
        Notification.objects.filter(pk=notification_id, emailed_at=now).update(emailed_at=None)
        logger.exception("reminder email %s failed; it will be retried", notification_id)
        return False


@translation.override(settings.LANGUAGE_CODE)
def notifications_digest(*, now):
    """One email per digest user with the notices not yet emailed. Running it twice sends nothing twice."""
    sent = 0
    users = User.objects.filter(
        notification_preference__email_delivery=NotificationPreference.Delivery.DIGEST, notifications__emailed_at__isnull=True
    ).distinct()
    for user in users:
        # The claim stamps `now`; the rows carrying it are this run's and no other's.
        if not Notification.objects.filter(recipient=user, emailed_at__isnull=True).update(emailed_at=now):
            continue
        claimed = list(Notification.objects.filter(recipient=user, emailed_at=now).order_by("deadline__due_on", "pk"))
        subject = _("【每日期限提醒】您有%(count)s条期限提醒") % {"count": len(claimed)}
        try:
            sent += _send(user, str(subject), _email_body(claimed))
        except Exception:
            Notification.objects.filter(pk__in=[n.pk for n in claimed], emailed_at=now).update(emailed_at=None)
            logger.exception("reminder digest for %s failed; it will be retried", user.pk)
    return sent


# ---------------------------------------------------------------- the notification centre


def notification_read(*, notification, now):
    """Mark one notice read; reading it again keeps the first time."""
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
    notification.refresh_from_db(fields=["read_at"])
    return notification


def notifications_read_all(*, user, now):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=now)


def notification_preference_get(*, user):
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    return preference
