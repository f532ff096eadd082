"""The search page: a shell whose results come from GET /api/v1/search/."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .models import Kind


@login_required
def search_page(request):
    return render(request, "search/search.html", {
        "nav_active": "search",
        "search_q": request.GET.get("q", ""),
        "kinds": [{"value": value, "label": str(label)} for value, label in Kind.choices],
    })
