"""Thin API views of integrated case handling: look up within the user's scope, make one call into the domain."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import Pagination, call_service
from core.api import history_response, history_schema

from . import permissions, selectors, services
from . import serializers as s
from .models import CaseTrack, TaskForce


def _case_summary(request, case):
    user = request.user
    track = CaseTrack.objects.filter(case=case).first()
    return {
        "track": s.TrackSerializer(track).data if track else None,
        "task_forces": s.TaskForceSerializer(selectors.task_forces_of_case(user=user, case=case), many=True).data,
        "evaluations": s.EvaluationSerializer(
            selectors.evaluations_of_case(user=user, case=case), many=True, context={"with_scores": True}
        ).data,
        "checklist": s.CriterionSerializer(selectors.checklist(), many=True).data,
        "can_form": permissions.can_form_task_force(user, case),
        "can_evaluate": permissions.can_evaluate(user, case) and case.status == "closed",
        "can_set_track": permissions.can_set_track(user, case),
    }


@extend_schema(tags=["integrated"], responses=OpenApiTypes.OBJECT)
class CaseIntegratedView(APIView):
    """GET: the case's track, task forces and quality evaluations, and what the user may do here."""

    def get(self, request, pk):
        case = selectors.access_case_by_id(request.user, pk)
        return Response(_case_summary(request, case))


@extend_schema(tags=["integrated"], request=s.TaskForceFormInput, responses={201: s.TaskForceSerializer})
class CaseTaskForceView(APIView):
    """POST: form a task force for the case (组建专案组) and call prosecutors into it."""

    def post(self, request, pk):
        case = selectors.access_case_by_id(request.user, pk)
        task_force = call_service(services.task_force_form, s.TaskForceFormInput, request, case=case, actor=request.user)
        return Response(s.TaskForceSerializer(task_force).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["integrated"], request=s.TrackInput, responses=s.TrackSerializer)
class CaseTrackView(APIView):
    """POST: a head puts the case on the simple or the complicated track (繁简分流) with a reason."""

    def post(self, request, pk):
        case = selectors.access_case_by_id(request.user, pk)
        row = call_service(services.case_track_set, s.TrackInput, request, case=case, actor=request.user, now=timezone.now())
        return Response(s.TrackSerializer(row).data)


@extend_schema(tags=["integrated"], request=s.EvaluateInput, responses={201: s.EvaluationSerializer})
class CaseEvaluationView(APIView):
    """POST: the superior evaluates the quality of a closed case (案件质量评查)."""

    def post(self, request, pk):
        case = selectors.access_case_by_id(request.user, pk)
        evaluation = call_service(services.case_evaluate, s.EvaluateInput, request, case=case, actor=request.user)
        return Response(s.EvaluationSerializer(evaluation, context={"with_scores": True}).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["integrated"])
class TaskForceViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.TaskForceSerializer
    queryset = TaskForce.objects.none()  # for the schema only: get_object looks up within the user's scope
    lookup_value_regex = "[0-9]+"  # anything else is 404, not a lookup that fails

    def get_object(self):
        return selectors.access_task_force_by_id(self.request.user, self.kwargs["pk"])

    def _run(self, input_class, service):
        task_force = call_service(service, input_class, self.request, task_force=self.get_object(), actor=self.request.user)
        return Response(s.TaskForceSerializer(task_force).data)

    @extend_schema(summary="调入检察官", request=s.MemberAddInput)
    @action(detail=True, methods=["post"])
    def members(self, request, pk=None):
        return self._run(s.MemberAddInput, services.task_force_member_add)

    @extend_schema(summary="调出检察官", request=s.MemberRemoveInput)
    @action(detail=True, methods=["post"], url_path="members/remove")
    def remove_member(self, request, pk=None):
        return self._run(s.MemberRemoveInput, services.task_force_member_remove)

    @extend_schema(summary="解散专案组", request=s.DisbandInput)
    @action(detail=True, methods=["post"])
    def disband(self, request, pk=None):
        return self._run(s.DisbandInput, services.task_force_disband)

    @history_schema
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        return history_response(self, self.get_object(), own=True)

    @extend_schema(summary="可调用的检察人员", responses=s.PersonSerializer(many=True))
    @action(detail=False, methods=["get"])
    def candidates(self, request):
        people = selectors.callable_staff(actor=request.user, search=request.query_params.get("q", "").strip()[:50])
        return Response(s.PersonSerializer(people, many=True).data)


@extend_schema(tags=["integrated"])
class EvaluationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The quality evaluations the user may see, newest first; `?grade=` narrows them."""

    serializer_class = s.EvaluationSerializer
    pagination_class = Pagination

    def get_queryset(self):
        qs = selectors.evaluation_list(user=self.request.user)
        grade = self.request.query_params.get("grade")
        if grade:
            if grade not in s.GRADES.values:
                raise ValidationError({"grade": [_("评查结论无效。")]})
            qs = qs.filter(grade=grade)
        return qs
