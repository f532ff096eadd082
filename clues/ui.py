"""Staff pages and the public portal pages. Pages are shells; their data comes from the API."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.csrf import ensure_csrf_cookie

from . import selectors
from .models import ClueSource, ClueStatus
from .serializers import PublicClueSubmitSerializer, VolunteerRegisterSerializer


def _choices(choices):
    return [{"value": value, "label": str(label)} for value, label in choices]


@login_required
def clue_list(request):
    return render(request, "clues/clue_list.html", {
        "nav_active": "clues", "statuses": _choices(ClueStatus.choices), "sources": _choices(ClueSource.choices),
    })


@login_required
def clue_new(request):
    return render(request, "clues/clue_new.html", {"nav_active": "clues", "sources": _choices(ClueSource.choices)})


@login_required
def clue_detail(request, pk):
    clue = selectors.access_clue_by_id(request.user, pk)  # 404 outside the user's scope
    return render(request, "clues/clue_detail.html", {"nav_active": "clues", "clue_id": clue.pk, "clue_title": clue.title})


def max_lengths(serializer_class):
    """{field: limit} of a form's text fields, for the counters the page shows: the server's limits, stated once."""
    return {name: field.max_length for name, field in serializer_class().fields.items() if getattr(field, "max_length", None)}


@ensure_csrf_cookie
def portal(request):
    return render(request, "clues/portal.html", {"portal_active": "submit", "limits": max_lengths(PublicClueSubmitSerializer)})


def portal_track(request):
    return render(request, "clues/portal_track.html", {"portal_active": "track"})


@ensure_csrf_cookie
def portal_volunteer(request):
    return render(request, "clues/portal_volunteer.html", {"portal_active": "volunteer",
                                                           "limits": max_lengths(VolunteerRegisterSerializer)})
