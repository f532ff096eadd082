"""The admin pages of the clue app open, and none shows the reporter's identity."""

import pytest
from django.test import Client

from .conftest import REPORTER_NAME

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", ["clues/clue", "clues/cluedeadlinepolicy", "clues/cluetransfer", "core/auditentry", "clues/volunteer"]
)
def test_admin_lists_open_for_the_system_admin(demo, make_clue, named_reporter, model):
    clue = make_clue(reporter=named_reporter)
    client = Client()
    client.force_login(demo["jinchuan_clerk"])
    client.get(f"/api/v1/clues/{clue.pk}/reporter/")  # a read of the identity is in the audit trail, not its content
    client.force_login(demo["admin"])
    listing = client.get(f"/admin/{model}/")
    assert listing.status_code == 200
    assert REPORTER_NAME not in listing.content.decode()
    if model == "clues/clue":
        detail = client.get(f"/admin/clues/clue/{clue.pk}/change/")
        assert detail.status_code == 200 and REPORTER_NAME not in detail.content.decode()


def _change_form_data(client, clue):
    """The clue's change form as the browser would post it back, unchanged."""
    from django.contrib.admin.helpers import AdminForm  # noqa: F401  (the admin renders it)

    response = client.get(f"/admin/clues/clue/{clue.pk}/change/")
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [getattr(v, "pk", v) for v in value]
        else:
            data[name] = getattr(value, "pk", value)
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management.initial.get(name, 0)
    return data


def test_a_superuser_cannot_make_himself_the_handler_through_the_admin(demo, make_clue, named_reporter):
    clue = make_clue(reporter=named_reporter)
    admin_user = demo["admin"]
    client = Client()
    client.force_login(admin_user)

    data = _change_form_data(client, clue)
    data["handler"] = admin_user.pk
    response = client.post(f"/admin/clues/clue/{clue.pk}/change/", data)

    clue.refresh_from_db()
    assert response.status_code == 200  # the form again, with its error
    assert clue.handler_id is None
    reporter = Client()
    reporter.force_login(admin_user)
    assert reporter.get(f"/api/v1/clues/{clue.pk}/reporter/").status_code in (403, 404)


def test_the_admin_offers_only_the_clues_own_staff_as_handlers_and_never_moves_its_office(demo, make_clue, org):
    clue = make_clue()
    client = Client()
    client.force_login(demo["admin"])

    form = client.get(f"/admin/clues/clue/{clue.pk}/change/").context["adminform"].form

    offered = {u.procuratorate_id for u in form.fields["handler"].queryset}
    assert offered == {org["金川"].pk}
    assert "procuratorate" not in form.fields  # read-only: the office changes by a transfer only


def test_a_colleague_of_the_owning_office_may_still_be_assigned_in_the_admin(demo, make_clue, handler):
    clue = make_clue()
    client = Client()
    client.force_login(demo["admin"])

    data = _change_form_data(client, clue)
    data["handler"] = handler.pk
    response = client.post(f"/admin/clues/clue/{clue.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    clue.refresh_from_db()
    assert clue.handler_id == handler.pk
