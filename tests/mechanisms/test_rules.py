"""Sensible rules at the mechanism API: a meeting or a joint record is not dated tomorrow, texts are not cut."""

import datetime

from django.utils import timezone

from mechanisms.models import Meeting
from pil_cases.models import CaseRecord


def _tomorrow():
    return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


def test_a_meeting_held_tomorrow_or_with_200000_characters_of_minutes_is_refused(client_for, demo, jinchuan_luding):
    admin = client_for(demo["admin"])
    url = f"/api/v1/mechanisms/{jinchuan_luding.pk}/meetings/"
    meeting = admin.get(url).data["results"][0]
    tomorrow = admin.post(f"{url}{meeting['id']}/hold/", {"held_on": _tomorrow(), "minutes": "通报协作情况"}, format="json")
    assert tomorrow.status_code == 400
    assert tomorrow.json()["errors"]["held_on"] == ["日期不能晚于今天。"]
    long = admin.post(
        f"{url}{meeting['id']}/hold/", {"held_on": timezone.localdate().isoformat(), "minutes": "会" * 200_000}, format="json"
    )
    assert long.status_code == 400 and "20000" in long.json()["errors"]["minutes"][0]
    assert Meeting.objects.get(pk=meeting["id"]).status == "scheduled"


def test_a_joint_record_dated_tomorrow_is_refused(client_for, demo, org, jinchuan_luding, make_case):
    from mechanisms import services

    joint = services.joint_case_link(mechanism=jinchuan_luding, actor=demo["jinchuan_handler"], case=make_case(),
                                     collaborators=[org["泸定"]], today=jinchuan_luding.signed_on)
    response = client_for(demo["luding_handler"]).post(
        f"/api/v1/mechanisms/{jinchuan_luding.pk}/joint-cases/{joint.pk}/records/",
        {"kind": "inspection", "recorded_on": _tomorrow(), "title": "下游河段现场勘验"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"]["recorded_on"] == ["日期不能晚于今天。"]
    assert not CaseRecord.objects.exists()
