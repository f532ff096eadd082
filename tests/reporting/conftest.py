import pytest
from freezegun import freeze_time

from .dataset import build


@pytest.fixture
def known(demo, org):
    """The hand-counted data set of tests/reporting/dataset.py, built with time frozen at 2026-11-26."""
    with freeze_time("2026-11-26"):
        return build(demo, org)
