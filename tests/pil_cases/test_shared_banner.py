"""A case seen through a cooperation mechanism says so and offers no decision: "协作机制共享，只读"."""

import pytest

from pil_cases import services

pytestmark = pytest.mark.django_db


def test_a_case_shared_through_a_mechanism_is_marked_read_only_for_the_collaborator_only(
        make_case, handler, supervisor, outsider, client_for):
    case = make_case()
    services.case_collaborators_replace(source="mechanism:1", pairs=[(case.pk, outsider.procuratorate_id)])

    shared = client_for(outsider).get(f"/api/v1/cases/{case.pk}/").json()
    assert shared["shared_read_only"] is True and shared["allowed_actions"] == []
    assert client_for(handler).get(f"/api/v1/cases/{case.pk}/").json()["shared_read_only"] is False
    assert client_for(supervisor).get(f"/api/v1/cases/{case.pk}/").json()["shared_read_only"] is False


def test_the_shared_case_page_shows_the_banner_and_hides_the_actions(make_case, outsider, client_for):
    case = make_case()
    services.case_collaborators_replace(source="mechanism:1", pairs=[(case.pk, outsider.procuratorate_id)])
    client = client_for(outsider)
    client.force_login(outsider)

    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "协作机制共享，只读" in page and 'id="case-actions" v-if="!c.shared_read_only"' in page
