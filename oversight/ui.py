"""The supervisors' page: a shell whose data comes from the API (/api/v1/supervisions/, /api/v1/upward-reports/)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .models import SupervisionStatus, UpwardReportStatus


@login_required
def oversight_page(request):
    choices = {
        "supervision_status": [{"value": v, "label": str(label)} for v, label in SupervisionStatus.choices],
        "report_status": [{"value": v, "label": str(label)} for v, label in UpwardReportStatus.choices],
    }
    return render(request, "oversight/board.html", {"nav_active": "oversight", "choices": choices})
