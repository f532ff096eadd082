"""Staff pages: shells whose data comes from the API (/api/v1/mechanisms/, /api/v1/campaigns/)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from deadlines.models import DeadlineKind
from deadlines.periods import period
from procuratorates.models import Agency, Field, Procuratorate

from . import permissions, selectors
from .models import CampaignTargetKind, CooperationItem, MechanismKind, MechanismStatus, MemberRole


def _choices(choices):
    return [{"value": value, "label": str(label)} for value, label in choices]


def _reference():
    """What the forms choose from. Names of procuratorates, agencies and fields are not confidential."""
    return {
        "kinds": _choices(MechanismKind.choices),
        "statuses": _choices(MechanismStatus.choices),
        "items": _choices(CooperationItem.choices),
        "roles": _choices(MemberRole.choices),
        "target_kinds": _choices(CampaignTargetKind.choices),
        "procuratorates": list(Procuratorate.objects.values("id", "name", "short_name", "level", "parent_id")),
        "fields": list(Field.objects.filter(active=True).values("id", "name")),
    }


@login_required
def mechanism_list(request):
    user = request.user
    can_create = user.is_system_admin or permissions.can_create_mechanism(user, user.procuratorate)
    return render(
        request, "mechanisms/mechanism_list.html", {"nav_active": "mechanisms", "ref": _reference(), "can_create": can_create}
    )


@login_required
def mechanism_form(request, pk=None):
    mechanism = None
    if pk is not None:
        mechanism = selectors.access_mechanism_by_id(request.user, pk)  # 404 outside the user's scope
        if not permissions.can_configure(request.user, mechanism):
            raise PermissionDenied
    elif not permissions.can_create_mechanism(request.user, request.user.procuratorate):
        raise PermissionDenied
    agencies = list(Agency.objects.values("id", "name", "region_name"))
    return render(
        request,
        "mechanisms/mechanism_form.html",
        {
            "nav_active": "mechanisms",
            "ref": {**_reference(), "agencies": agencies},
            "mechanism_id": mechanism.pk if mechanism else None,
            "default_convener": request.user.procuratorate_id,
        },
    )


@login_required
def mechanism_detail(request, pk):
    mechanism = selectors.access_mechanism_by_id(request.user, pk)
    return render(
        request,
        "mechanisms/mechanism_detail.html",
        {
            "nav_active": "mechanisms",
            "mechanism": mechanism,
            "ref": _reference(),
            "assistance_period": period(DeadlineKind.ASSISTANCE).length.label,
        },
    )


@login_required
def campaign_list(request):
    return render(
        request,
        "mechanisms/campaign_list.html",
        {
            "nav_active": "mechanisms",
            "ref": _reference(),
            "can_create": request.user.is_system_admin or permissions.can_organise(request.user, request.user.procuratorate),
            "default_organiser": request.user.procuratorate_id,
        },
    )


@login_required
def campaign_detail(request, pk):
    campaign = selectors.access_campaign_by_id(request.user, pk)
    return render(request, "mechanisms/campaign_detail.html", {"nav_active": "mechanisms", "campaign": campaign})
