import pytest

from pil_cases import demo as case_demo
from pil_cases.models import Case, Suggestion

pytestmark = pytest.mark.django_db


def test_demo_cases_load_twice_without_duplicates_and_show_a_living_system(demo):
    case_demo.load()
    case_demo.load()
    assert Case.objects.count() == 16
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {"filed", "investigating", "pre_litigation", "announcing", "judged", "enforcing", "suspended", "closed"} <= statuses
    rectification = set(Suggestion.objects.values_list("rectification", flat=True))
    assert {"pending", "rectified", "partly"} <= rectification
    assert "overdue" not in rectification  # read from the register, never stored
    assert (
        Case.objects.get(title__startswith="益阳市赫山区废弃矿山").suggestions.get().agency.name
        == "益阳市自然资源和规划局赫山分局"
    )
