"""Thin API views (API.md): look the object up within the user's scope, make one call into the domain."""

from django.http import Http404, HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import Pagination, call_service, validated

from . import exports, rules, selectors, services
from .models import HitStatus
from .serializers import (
    AdaptSerializer,
    BindSerializer,
    DatasetCreateSerializer,
    DatasetSerializer,
    DatasetVersionSerializer,
    DescribeSerializer,
    HitConvertSerializer,
    HitDismissSerializer,
    HitSerializer,
    ImportSerializer,
    ModelCreateSerializer,
    ModelWriteSerializer,
    PreviewSerializer,
    ResultsSerializer,
    RevisionSerializer,
    RunSerializer,
    ShareSerializer,
    SupervisionModelSerializer,
    row_payload,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_MAX = 50_000


@extend_schema(tags=["supervision-models"])
class DatasetViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Datasets (数据集): an agency's data, seen by its procuratorate and those it is shared with."""

    serializer_class = DatasetSerializer
    lookup_value_regex = r"\d+"
    search_fields = ["name", "source_agency"]
    ordering_fields = ["created_at", "name"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return selectors.dataset_list(self.request.user)

    @extend_schema(request=DatasetCreateSerializer, responses=DatasetSerializer)
    def create(self, request):
        dataset = call_service(services.dataset_create, DatasetCreateSerializer, request, actor=request.user)
        return Response(self.get_serializer(dataset).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PreviewSerializer, responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["post"])
    def preview(self, request, pk=None):
        dataset = selectors.access_dataset_by_id(request.user, pk)
        return Response(call_service(services.dataset_preview, PreviewSerializer, request, dataset=dataset, actor=request.user))

    @extend_schema(request=ImportSerializer, responses=DatasetVersionSerializer)
    @action(detail=True, methods=["post"], url_path="import")
    def import_(self, request, pk=None):
        dataset = selectors.access_dataset_by_id(request.user, pk)
        version = call_service(services.dataset_import, ImportSerializer, request, dataset=dataset, actor=request.user)
        version.refresh_from_db()
        return Response(DatasetVersionSerializer(version).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses=DatasetVersionSerializer(many=True))
    @action(detail=True, methods=["get"])
    def versions(self, request, pk=None):
        dataset = selectors.access_dataset_by_id(request.user, pk)
        return Response(DatasetVersionSerializer(dataset.versions.all(), many=True).data)

    @extend_schema(request=ShareSerializer, responses=DatasetSerializer)
    @action(detail=True, methods=["post"])
    def share(self, request, pk=None):
        dataset = selectors.access_dataset_by_id(request.user, pk)
        call_service(services.dataset_share, ShareSerializer, request, dataset=dataset, actor=request.user)
        return Response(self.get_serializer(selectors.access_dataset_by_id(request.user, pk)).data)

    @extend_schema(responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"])
    def rows(self, request, pk=None):
        """The current version's rows, personal identifiers masked; `?unmask=1` shows them in full to those with the
        right, and every such read is recorded in the audit trail."""
        dataset = selectors.access_dataset_by_id(request.user, pk)
        unmasked = request.query_params.get("unmask") == "1"
        if unmasked:
            services.dataset_unmasked_read(dataset=dataset, actor=request.user)
        paginator = Pagination()
        page = paginator.paginate_queryset(selectors.dataset_rows(dataset), request, view=self)
        version = dataset.current_version
        return paginator.get_paginated_response([row_payload(r, version, unmasked=unmasked) for r in page])


@extend_schema(tags=["supervision-models"])
class SupervisionModelViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Supervision models (监督模型): the office's own, and those published by the offices above it."""

    serializer_class = SupervisionModelSerializer
    lookup_value_regex = r"\d+"
    search_fields = ["name", "purpose"]
    ordering_fields = ["created_at", "name"]
    filterset_fields = ["status", "field"]

    def get_queryset(self):
        return selectors.model_list(self.request.user).prefetch_related("bindings__dataset_a", "bindings__dataset_b")

    def _model(self, request, pk):
        return selectors.access_model_by_id(request.user, pk)

    def _answer(self, request, pk, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=pk)).data, status=code)

    @extend_schema(request=ModelCreateSerializer, responses=SupervisionModelSerializer)
    def create(self, request):
        model = call_service(services.model_create, ModelCreateSerializer, request, actor=request.user)
        return self._answer(request, model.pk, status.HTTP_201_CREATED)

    @extend_schema(request=ModelWriteSerializer, responses=SupervisionModelSerializer)
    def partial_update(self, request, pk=None):
        call_service(services.model_update, ModelWriteSerializer, request, model=self._model(request, pk), actor=request.user)
        return self._answer(request, pk)

    @extend_schema(request=None, responses=SupervisionModelSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        services.model_publish(model=self._model(request, pk), actor=request.user, now=timezone.now())
        return self._answer(request, pk)

    @extend_schema(request=BindSerializer, responses=SupervisionModelSerializer)
    @action(detail=True, methods=["post"])
    def bind(self, request, pk=None):
        call_service(services.model_bind, BindSerializer, request, model=self._model(request, pk), actor=request.user)
        return self._answer(request, pk)

    @extend_schema(request=AdaptSerializer, responses=SupervisionModelSerializer)
    @action(detail=True, methods=["post"])
    def adapt(self, request, pk=None):
        copy = call_service(services.model_adapt, AdaptSerializer, request, model=self._model(request, pk), actor=request.user)
        return self._answer(request, copy.pk, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=RunSerializer)
    @action(detail=True, methods=["post"])
    def run(self, request, pk=None):
        run = services.run_start(model=self._model(request, pk), actor=request.user)
        return Response(RunSerializer(selectors.access_run_by_id(request.user, run.pk)).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses=RevisionSerializer(many=True))
    @action(detail=True, methods=["get"])
    def revisions(self, request, pk=None):
        return Response(RevisionSerializer(self._model(request, pk).revisions.all(), many=True).data)

    @extend_schema(request=DescribeSerializer, responses=OpenApiTypes.OBJECT)
    @action(detail=False, methods=["post"])
    def describe(self, request):
        """What a rule will find, in words, before it is saved (checked against the datasets when they are given)."""
        data = validated(DescribeSerializer, request)
        rule = rules.check_shape(data["rule"])
        a, b = data.get("dataset_a"), data.get("dataset_b")
        if a is not None and b is not None:
            rules.check_against(rule, services._ready_version(a), services._ready_version(b))
        return Response({"description": rules.describe(rule, a.name if a else "A", b.name if b else "B")})


@extend_schema(tags=["supervision-models"])
class RunViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = RunSerializer
    lookup_value_regex = r"\d+"
    filterset_fields = ["model", "status"]
    ordering_fields = ["requested_at"]

    def get_queryset(self):
        return selectors.Run.objects.visible_to(self.request.user).select_related("model", "procuratorate")

    @extend_schema(request=None, responses=RunSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        run = services.run_cancel(run=selectors.access_run_by_id(request.user, pk), actor=request.user)
        return Response(self.get_serializer(run).data)


@extend_schema(tags=["supervision-models"])
class HitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Hits (命中) to review: filter by model, run, status; convert to clues or dismiss, in bulk."""

    serializer_class = HitSerializer
    lookup_value_regex = r"\d+"
    filterset_fields = ["model", "status", "last_run", "first_run"]
    search_fields = ["explanation", "key"]
    ordering_fields = ["id", "found_at", "times_found", "status"]

    def get_queryset(self):
        return selectors.hit_list(self.request.user)

    def _hits(self, request, ids):
        hits = list(selectors.hit_list(request.user).filter(pk__in=ids))
        if len(hits) != len(set(ids)):
            raise Http404
        return hits

    @extend_schema(responses={(200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): OpenApiTypes.BINARY})
    @action(detail=False, methods=["get"])
    def export(self, request):
        """The filtered hits as an Excel workbook; personal identifiers masked as on screen."""
        hits = self.filter_queryset(self.get_queryset())[:EXPORT_MAX]
        response = HttpResponse(exports.hits_workbook(hits), content_type=XLSX)
        response["Content-Disposition"] = "attachment; filename=supervision-hits.xlsx"
        return response

    @extend_schema(request=HitConvertSerializer, responses=OpenApiTypes.OBJECT)
    @action(detail=False, methods=["post"])
    def convert(self, request):
        data = validated(HitConvertSerializer, request)
        clues = services.hit_convert(hits=self._hits(request, data.pop("hits")), actor=request.user, **data)
        return Response({"clues": [c.pk for c in clues]})

    @extend_schema(request=HitDismissSerializer, responses=OpenApiTypes.OBJECT)
    @action(detail=False, methods=["post"])
    def dismiss(self, request):
        data = validated(HitDismissSerializer, request)
        hits = services.hit_dismiss(hits=self._hits(request, data.pop("hits")), actor=request.user, **data)
        return Response({"dismissed": [h.pk for h in hits], "status": HitStatus.DISMISSED})


class ResultsView(APIView):
    """Results per model and procuratorate across what the user sees (supervisors: their subtree)."""

    @extend_schema(tags=["supervision-models"], responses=ResultsSerializer)
    def get(self, request):
        return Response({"results": selectors.model_results(request.user)})



