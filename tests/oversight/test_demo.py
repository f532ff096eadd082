import pytest

from oversight import demo as oversight_demo
from oversight.models import Designation, Leadership, Supervision, TakeUp, UpwardReport
from pil_cases import demo as case_demo

pytestmark = pytest.mark.django_db


def test_the_demo_shows_every_superior_power_and_loads_twice(demo, org):
    case_demo.load()
    oversight_demo.load()
    oversight_demo.load()  # idempotent
    take_up = TakeUp.objects.get()
    assert take_up.case.procuratorate == org["甘州"] and take_up.from_procuratorate == org["丹巴"]
    supervision = Supervision.objects.get()
    assert supervision.reports.count() == 1
    due = supervision.deadlines.get(state="open").due_on
    assert due < oversight_demo.REFERENCE  # the next report is overdue
    assert Leadership.objects.count() == 1 and Designation.objects.get().clue.procuratorate == org["小金"]
    assert UpwardReport.objects.get().status == "instructed"
