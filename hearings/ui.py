"""Staff pages: the roster of hearing officers (data from /api/v1/hearing-officers/)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.csrf import ensure_csrf_cookie

from procuratorates import access

from . import permissions
from .models import OfficerKind


@login_required
@ensure_csrf_cookie
def officer_list(request):
    user = request.user
    managed = [
        {"id": p.pk, "name": p.name}
        for p in access.visible_procuratorates(user).order_by("path")
        if permissions.can_manage_roster(user, p)
    ][:200]
    return render(request, "hearings/officer_list.html", {
        "nav_active": "hearing-officers",
        "ref": {
            "kinds": [{"value": v, "label": str(label)} for v, label in OfficerKind.choices],
            "managed": managed,
            "own": user.procuratorate_id,
        },
    })
