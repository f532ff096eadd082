"""The staff pages render for the owner and answer 404 outside what the user may see."""

import pytest

from .conftest import LICENCE_COLUMNS, licence_lines

pytestmark = pytest.mark.django_db


def test_the_pages_render_for_a_handler(client, handler, licence_model):
    client.force_login(handler)
    for url in ("/supervision/", "/supervision/datasets/", "/supervision/results/", "/supervision/models/new/",
                f"/supervision/models/{licence_model['model']}/", f"/supervision/datasets/{licence_model['licences']}/"):
        assert client.get(url).status_code == 200, url


def test_an_outsider_gets_404_for_the_pages_of_a_model_and_a_dataset(client, outsider, licence_model):
    client.force_login(outsider)
    assert client.get(f"/supervision/models/{licence_model['model']}/").status_code == 404
    assert client.get(f"/supervision/datasets/{licence_model['licences']}/").status_code == 404


def test_a_dataset_shared_with_another_office_is_visible_there_masked(handler, outsider, client_for, make_dataset):
    dataset = make_dataset(handler, "食品经营许可证", LICENCE_COLUMNS, licence_lines())
    client_for(handler).post(f"/api/v1/datasets/{dataset}/share/", {"procuratorates": [outsider.procuratorate_id]},
                             format="json")
    rows = client_for(outsider).get(f"/api/v1/datasets/{dataset}/rows/").json()["results"]
    assert "**********" in rows[0]["cells"][2]["value"]
    assert client_for(outsider).get(f"/api/v1/datasets/{dataset}/rows/?unmask=1").status_code == 403
