"""Events notify the person concerned at once (issue 14 item 3): in the notification centre without the sweep,
once per event and recipient, never the actor himself; immediate email through the outbox."""

import datetime

import pytest

from core.models import OutboxMessage
from deadlines.models import Notification, NotificationEvent, NotificationPreference
from deadlines.services import notification_send
from procuratorates.models import CaseType, Field, Role
from tests.factories import UserFactory

TODAY = datetime.date(2026, 11, 26)


@pytest.fixture
def inbox(client_for):
    """inbox(user) → the notices the user's notification centre lists, straight from the API."""

    def read(user):
        response = client_for(user).get("/api/v1/notifications/")
        assert response.status_code == 200
        data = response.json()
        return data["results"] if isinstance(data, dict) else data

    return read


def staff(procuratorate, *codes):
    user = UserFactory(procuratorate=procuratorate)
    user.roles.add(*Role.objects.filter(code__in=codes))
    return user


@pytest.fixture
def clue(demo, org):
    from clues import services

    return services.clue_register(
        actor=demo["jinchuan_clerk"], procuratorate=org["金川"], title="勒乌镇河道非法采砂",
        description="勒乌镇大金川河段有人夜间非法采砂。", source="public_report", received_on=TODAY,
        field=Field.objects.get(code=1),
    )


def of_kind(notices, kind):
    return [n for n in notices if n["tier"] == kind]


def test_assigning_a_clue_tells_the_handler_once_and_not_the_clerk(demo, clue, inbox):
    from clues import services

    clerk, handler = demo["jinchuan_clerk"], demo["jinchuan_handler"]
    services.clue_assign(clue=clue, actor=clerk, handler=handler)

    notices = of_kind(inbox(handler), NotificationEvent.CLUE_ASSIGNED)
    assert len(notices) == 1
    assert notices[0]["url"] == f"/clues/{clue.pk}/"
    assert "勒乌镇河道非法采砂" in notices[0]["title"]
    assert notices[0]["tier_display"] == "线索分配"
    assert notices[0]["deadline"] is None
    assert of_kind(inbox(clerk), NotificationEvent.CLUE_ASSIGNED) == []

    # Assigning the same handler again is no new event.
    services.clue_assign(clue=clue, actor=clerk, handler=handler)
    assert len(of_kind(inbox(handler), NotificationEvent.CLUE_ASSIGNED)) == 1


def test_a_head_assigning_himself_is_not_notified(demo, clue, inbox):
    from clues import services

    head = demo["jinchuan_head"]
    services.clue_assign(clue=clue, actor=head, handler=head)
    assert of_kind(inbox(head), NotificationEvent.CLUE_ASSIGNED) == []


def test_a_transferred_clue_reaches_the_receiving_intake_once(demo, org, clue, inbox):
    from clues import services

    handler = demo["jinchuan_handler"]
    clerk, head = staff(org["泸定"], Role.Code.CLERK), staff(org["泸定"], Role.Code.HEAD)
    services.clue_assign(clue=clue, actor=demo["jinchuan_clerk"], handler=handler)
    new = services.clue_transfer(clue=clue, actor=handler, to_procuratorate=org["泸定"], reason="属泸定县管辖", today=TODAY)

    for receiver in (clerk, head):
        notices = of_kind(inbox(receiver), NotificationEvent.CLUE_RECEIVED)
        assert len(notices) == 1
        assert notices[0]["url"] == f"/clues/{new.pk}/"
        assert "金川县人民检察院" in notices[0]["title"]
    # A handler of the receiving office is not its intake; the sender is not told of his own act.
    assert of_kind(inbox(demo["luding_handler"]), NotificationEvent.CLUE_RECEIVED) == []
    assert of_kind(inbox(handler), NotificationEvent.CLUE_RECEIVED) == []

    # The same event sent again (a retried call) adds nothing.
    key = f"clue-transfer:{new.incoming_transfer.pk}"
    assert notification_send(recipients=[clerk, head], kind=NotificationEvent.CLUE_RECEIVED, title="x", body="x",
                             url="/", key=key, actor=handler) == 2
    assert Notification.objects.filter(key=key).count() == 2
    assert len(of_kind(inbox(clerk), NotificationEvent.CLUE_RECEIVED)) == 1


@pytest.fixture
def jinchuan_luding(demo, org):
    from mechanisms import services
    from mechanisms.models import CooperationItem, MechanismKind

    mechanism = services.mechanism_create(
        actor=demo["admin"], name="金川县—泸定县生态环境保护协作机制", kind=MechanismKind.CROSS_REGIONAL,
        convener=org["金川"], members=[{"procuratorate": org["泸定"]}], items=list(CooperationItem.values),
        signed_on=TODAY, signed_at="金川县", meeting_interval_months=6,
    )
    return services.mechanism_activate(mechanism=mechanism, actor=demo["admin"], on=TODAY)


@pytest.fixture
def mechanism_transfer(demo, org, jinchuan_luding, clue):
    from clues import services as clue_services
    from mechanisms import services

    clue_services.clue_assign(clue=clue, actor=demo["jinchuan_clerk"], handler=demo["jinchuan_handler"])
    return services.transfer_send(mechanism=jinchuan_luding, actor=demo["jinchuan_handler"], clue=clue,
                                  to_procuratorate=org["泸定"], reason="属泸定县管辖", today=TODAY)


@pytest.mark.parametrize("answer", ["accept", "return"])
def test_an_answered_transfer_tells_the_senders_handler(demo, mechanism_transfer, inbox, answer):
    from mechanisms import services

    luding = demo["luding_handler"]
    if answer == "accept":
        services.transfer_accept(transfer=mechanism_transfer, actor=luding, today=TODAY, feedback="已受理")
    else:
        services.transfer_return(transfer=mechanism_transfer, actor=luding, today=TODAY, reason="不属本院管辖")

    notices = of_kind(inbox(demo["jinchuan_handler"]), NotificationEvent.TRANSFER_ANSWERED)
    assert len(notices) == 1
    assert ("已接收" if answer == "accept" else "已退回") in notices[0]["title"]
    assert notices[0]["url"] == f"/clues/{mechanism_transfer.from_clue_id}/"
    assert of_kind(inbox(luding), NotificationEvent.TRANSFER_ANSWERED) == []


def _assign_down(demo, org, handler=None):
    from pil_cases import services

    return services.case_file(
        actor=demo["aba_supervisor"], procuratorate=org["金川"], case_type=CaseType.ADMINISTRATIVE,
        field=Field.objects.get(code=1), title="金川县某砂石厂非法占用林地案", handler=handler, filed_on=TODAY,
        origin="assigned", assigned_by=demo["aba_supervisor"].procuratorate,
    )


def test_a_case_assigned_down_reaches_the_heads_and_the_handler(demo, org, inbox):
    case = _assign_down(demo, org, handler=demo["jinchuan_handler"])

    for receiver in (demo["jinchuan_head"], demo["jinchuan_handler"]):
        notices = of_kind(inbox(receiver), NotificationEvent.CASE_ASSIGNED)
        assert len(notices) == 1
        assert notices[0]["url"] == f"/cases/{case.pk}/"
        assert "阿坝" in notices[0]["title"]
    assert of_kind(inbox(demo["aba_supervisor"]), NotificationEvent.CASE_ASSIGNED) == []
    assert of_kind(inbox(demo["jinchuan_clerk"]), NotificationEvent.CASE_ASSIGNED) == []


def test_a_case_filed_by_its_own_office_notifies_nobody(demo, org):
    from pil_cases import services

    services.case_file(
        actor=demo["jinchuan_head"], procuratorate=org["金川"], case_type=CaseType.ADMINISTRATIVE,
        field=Field.objects.get(code=1), title="本院立案", handler=demo["jinchuan_handler"], filed_on=TODAY, origin="own",
    )
    assert not Notification.objects.filter(deadline__isnull=True).exists()


def test_a_reassigned_case_tells_the_new_handler_once(demo, org, inbox):
    from pil_cases import services

    case = _assign_down(demo, org, handler=demo["jinchuan_handler"])
    newcomer = staff(org["金川"], Role.Code.HANDLER)
    head = demo["jinchuan_head"]
    services.case_reassign(case=case, actor=head, handler=newcomer, reason="工作调整")

    notices = of_kind(inbox(newcomer), NotificationEvent.CASE_REASSIGNED)
    assert len(notices) == 1
    assert notices[0]["url"] == f"/cases/{case.pk}/"
    assert of_kind(inbox(head), NotificationEvent.CASE_REASSIGNED) == []

    services.case_reassign(case=case, actor=head, handler=newcomer)
    assert len(of_kind(inbox(newcomer), NotificationEvent.CASE_REASSIGNED)) == 1


def test_immediate_mail_goes_through_the_outbox_and_digest_users_wait(demo, clue):
    from clues import services

    handler, head = demo["jinchuan_handler"], demo["jinchuan_head"]
    for user in (handler, head):  # only people with an address are emailed
        user.email = f"{user.username}@example.gov.cn"
        user.save()
    NotificationPreference.objects.create(user=head, email_delivery=NotificationPreference.Delivery.DIGEST)
    services.clue_assign(clue=clue, actor=demo["jinchuan_clerk"], handler=handler)
    notice = Notification.objects.get(recipient=handler, tier=NotificationEvent.CLUE_ASSIGNED)
    message = OutboxMessage.objects.get(task="deadlines.tasks.notifications_email")
    assert message.kwargs == {"notification_ids": [notice.pk]}

    services.clue_assign(clue=clue, actor=demo["jinchuan_clerk"], handler=head)
    assert Notification.objects.filter(recipient=head, tier=NotificationEvent.CLUE_ASSIGNED).count() == 1
    assert OutboxMessage.objects.filter(task="deadlines.tasks.notifications_email").count() == 1


def test_texts_are_stored_in_the_record_language_whatever_the_actors_language(demo, clue):
    from django.utils import translation

    from clues import services

    with translation.override("en"):
        services.clue_assign(clue=clue, actor=demo["jinchuan_clerk"], handler=demo["jinchuan_handler"])
    notice = Notification.objects.get(tier=NotificationEvent.CLUE_ASSIGNED)
    assert notice.title.startswith("【线索分配】")
