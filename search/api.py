"""GET /api/v1/search/?q=: clues, cases and suggestions the user may see, ranked (docs/search.md)."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from . import selectors
from .presenters import present
from .serializers import SearchPageSerializer, SearchQuerySerializer


class SearchView(APIView):
    """Search titles, case and document numbers, agencies, places and parties; any two adjacent characters find."""

    @extend_schema(parameters=[SearchQuerySerializer], responses={200: SearchPageSerializer}, tags=["search"])
    def get(self, request):
        query = SearchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        q, page, size, kind = data["q"], data["page"], data["page_size"], data.get("kind")
        result = selectors.search(request.user, q, kind=kind, offset=(page - 1) * size, limit=size)
        url = request.build_absolute_uri()
        has_next = page * size < result.count
        return Response({
            "count": result.count,
            "capped": result.capped,
            "next": replace_query_param(url, "page", page + 1) if has_next else None,
            "previous": (replace_query_param(url, "page", page - 1) if page > 2 else remove_query_param(url, "page"))
            if page > 1 else None,
            "results": [present(hit, q) for hit in result.hits],
        })
