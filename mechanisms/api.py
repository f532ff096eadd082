"""Thin API views: look the object up within the user's scope, make one call into the domain."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from clues import selectors as clue_selectors
from config.api import VersionedUpdateMixin, call_service, validated
from core.api import history_response, history_schema
from pil_cases import selectors as case_selectors
from procuratorates import access

from . import permissions, selectors, services
from .models import Campaign, Mechanism, MechanismKind, MechanismStatus
from .serializers import (
    AssistanceCreateSerializer,
    AssistanceReplySerializer,
    AssistanceSerializer,
    CampaignProgressSerializer,
    CampaignSerializer,
    CampaignTagSerializer,
    JointCaseCreateSerializer,
    JointCaseSerializer,
    JointRecordCreateSerializer,
    JointRecordSerializer,
    MechanismFiguresSerializer,
    MechanismListSerializer,
    MechanismMemberSerializer,
    MechanismReasonSerializer,
    MechanismSerializer,
    MeetingHoldSerializer,
    MeetingSerializer,
    TransferCreateSerializer,
    TransferFeedbackSerializer,
    TransferReturnSerializer,
    TransferSerializer,
)


def _visible_case(user, pk):
    return case_selectors.access_case_by_id(user, pk)


class MechanismFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=MechanismKind.choices)
    status = filters.MultipleChoiceFilter(choices=MechanismStatus.choices)
    member = filters.NumberFilter(field_name="members__procuratorate", label=_("成员检察院"), distinct=True)

    class Meta:
        model = Mechanism
        fields = ["kind", "status", "member"]


ID = r"(?P<%s>[0-9]+)"

def paginated(serializer_class):
    """The schema of a nested list: {"count", "next", "previous", "results": [...]}."""
    return inline_serializer(
        name=f"Paginated{serializer_class.__name__.removesuffix('Serializer')}List",
        fields={
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer_class(many=True),
        },
    )


@extend_schema(tags=["mechanisms"])
class MechanismViewSet(
    VersionedUpdateMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Cooperation mechanisms (协作机制) the user's office is a member of; admins see all."""

    lookup_value_regex = r"\d+"
    filterset_class = MechanismFilter
    search_fields = ["name", "scope_regions", "members__other_name", "members__agency__name"]
    ordering_fields = ["signed_on", "name", "status"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        if self.action == "list":
            return selectors.mechanism_list(self.request.user).distinct()
        return selectors.mechanism_detail(self.request.user)

    def get_serializer_class(self):
        return MechanismListSerializer if self.action == "list" else MechanismSerializer

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.mechanism_create(actor=self.request.user, **data)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        instance = selectors.access_mechanism_by_id(request.user, serializer.instance.pk)
        return Response(MechanismSerializer(instance, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer):
        if not permissions.can_configure(self.request.user, serializer.instance):
            raise PermissionDenied
        super().perform_update(serializer)

    def update(self, request, *args, **kwargs):
        response = super().update(request, *args, **kwargs)
        instance = selectors.access_mechanism_by_id(request.user, kwargs["pk"])
        response.data = MechanismSerializer(instance, context=self.get_serializer_context()).data
        return response

    def _mechanism(self):
        return self.get_object()

    def _page(self, queryset, serializer_class):
        """A nested list in the API.md list shape, paginated like every other list."""
        page = self.paginator.paginate_queryset(queryset, self.request, view=self)
        return self.paginator.get_paginated_response(serializer_class(page, many=True).data)

    def _status_action(self, request, service):
        call_service(service, MechanismReasonSerializer, request, mechanism=self._mechanism(), actor=request.user)
        instance = selectors.access_mechanism_by_id(request.user, self.kwargs["pk"])
        return Response(MechanismSerializer(instance, context=self.get_serializer_context()).data)

    @extend_schema(request=MechanismReasonSerializer, responses=MechanismSerializer, summary="生效")
    @action(detail=True, methods=["post"])
    def activate(self, request, pk=None):
        return self._status_action(request, services.mechanism_activate)

    @extend_schema(request=MechanismReasonSerializer, responses=MechanismSerializer, summary="暂停")
    @action(detail=True, methods=["post"])
    def suspend(self, request, pk=None):
        return self._status_action(request, services.mechanism_suspend)

    @extend_schema(request=MechanismReasonSerializer, responses=MechanismSerializer, summary="失效")
    @action(detail=True, methods=["post"])
    def expire(self, request, pk=None):
        return self._status_action(request, services.mechanism_expire)

    @extend_schema(
        request={"multipart/form-data": {"type": "object", "properties": {"document": {"type": "string", "format": "binary"}}}},
        responses=MechanismSerializer,
        summary="上传协议文本",
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def document(self, request, pk=None):
        upload = request.FILES.get("document")
        if upload is None:
            from rest_framework.exceptions import ValidationError

            raise ValidationError({"document": [_("请选择要上传的文件。")]})
        services.mechanism_update(mechanism=self._mechanism(), actor=request.user, document=upload)
        return Response(
            MechanismSerializer(selectors.access_mechanism_by_id(request.user, pk), context=self.get_serializer_context()).data
        )

    # ---- members

    @extend_schema(methods=["get"], responses=paginated(MechanismMemberSerializer))
    @extend_schema(methods=["post"], request=MechanismMemberSerializer, responses={201: MechanismMemberSerializer})
    @action(detail=True, methods=["get", "post"])
    def members(self, request, pk=None):
        mechanism = self._mechanism()
        if request.method == "GET":
            return self._page(mechanism.members.select_related("procuratorate", "agency"), MechanismMemberSerializer)
        serializer = MechanismMemberSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        member = services.member_add(mechanism=mechanism, actor=request.user, **serializer.validated_data)
        return Response(MechanismMemberSerializer(member).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["delete"], url_path=f"members/{ID % 'member_id'}")
    def member_remove(self, request, pk=None, member_id=None):
        mechanism = self._mechanism()
        member = access.get_visible_or_404(mechanism.members.all(), pk=member_id)
        services.member_remove(member=member, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    # ---- meetings

    @extend_schema(methods=["get"], responses=paginated(MeetingSerializer))
    @extend_schema(methods=["post"], request=MeetingSerializer, responses={201: MeetingSerializer})
    @action(detail=True, methods=["get", "post"])
    def meetings(self, request, pk=None):
        mechanism = self._mechanism()
        if request.method == "GET":
            return self._page(selectors.meetings_of(mechanism), MeetingSerializer)
        serializer = MeetingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        meeting = services.meeting_schedule(
            mechanism=mechanism,
            actor=request.user,
            scheduled_on=data["scheduled_on"],
            today=timezone.localdate(),
            place=data.get("place", ""),
            agenda=data.get("agenda", ""),
            host=data.get("host"),
        )
        return Response(
            MeetingSerializer(selectors.meetings_of(mechanism).get(pk=meeting.pk)).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=MeetingHoldSerializer, responses=MeetingSerializer, summary="登记会议召开情况")
    @action(detail=True, methods=["post"], url_path=f"meetings/{ID % 'meeting_id'}/hold")
    def meeting_hold(self, request, pk=None, meeting_id=None):
        mechanism = self._mechanism()
        meeting = access.get_visible_or_404(selectors.meetings_of(mechanism), pk=meeting_id)
        serializer = MeetingHoldSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.meeting_hold(meeting=meeting, actor=request.user, **serializer.validated_data)
        return Response(MeetingSerializer(selectors.meetings_of(mechanism).get(pk=meeting.pk)).data)

    # ---- clue transfers

    @extend_schema(methods=["get"], responses=paginated(TransferSerializer))
    @extend_schema(methods=["post"], request=TransferCreateSerializer, responses={201: TransferSerializer})
    @action(detail=True, methods=["get", "post"])
    def transfers(self, request, pk=None):
        mechanism = self._mechanism()
        if request.method == "GET":
            qs = selectors.transfer_list(request.user, mechanism)
            return self._page(qs, TransferSerializer)
        serializer = TransferCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        clue = clue_selectors.access_clue_by_id(request.user, data["clue"])
        transfer = services.transfer_send(
            mechanism=mechanism,
            actor=request.user,
            clue=clue,
            to_procuratorate=data["to_procuratorate"],
            reason=data["reason"],
            today=timezone.localdate(),
        )
        return Response(
            TransferSerializer(selectors.transfer_list(request.user).get(pk=transfer.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    def _transfer(self, request, transfer_id):
        return access.get_visible_or_404(selectors.transfer_list(request.user, self._mechanism()), pk=transfer_id)

    @extend_schema(responses=TransferSerializer, operation_id="mechanisms_transfer_detail")
    @action(detail=True, methods=["get"], url_path=f"transfers/{ID % 'transfer_id'}")
    def transfer_detail(self, request, pk=None, transfer_id=None):
        return Response(TransferSerializer(self._transfer(request, transfer_id)).data)

    @extend_schema(request=TransferFeedbackSerializer, responses=TransferSerializer, summary="接收移送线索")
    @action(detail=True, methods=["post"], url_path=f"transfers/{ID % 'transfer_id'}/accept")
    def transfer_accept(self, request, pk=None, transfer_id=None):
        transfer = self._transfer(request, transfer_id)
        call_service(services.transfer_accept, TransferFeedbackSerializer, request, transfer=transfer, actor=request.user)
        return Response(TransferSerializer(self._transfer(request, transfer_id)).data)

    @extend_schema(request=TransferReturnSerializer, responses=TransferSerializer, summary="退回移送线索")
    @action(detail=True, methods=["post"], url_path=f"transfers/{ID % 'transfer_id'}/return")
    def transfer_return(self, request, pk=None, transfer_id=None):
        transfer = self._transfer(request, transfer_id)
        call_service(services.transfer_return, TransferReturnSerializer, request, transfer=transfer, actor=request.user)
        return Response(TransferSerializer(self._transfer(request, transfer_id)).data)

    # ---- joint cases

    @extend_schema(methods=["get"], responses=paginated(JointCaseSerializer))
    @extend_schema(methods=["post"], request=JointCaseCreateSerializer, responses={201: JointCaseSerializer})
    @action(detail=True, methods=["get", "post"], url_path="joint-cases")
    def joint_cases(self, request, pk=None):
        mechanism = self._mechanism()
        if request.method == "GET":
            return self._page(selectors.joint_case_list(request.user, mechanism), JointCaseSerializer)
        data = dict(validated(JointCaseCreateSerializer, request))
        case = _visible_case(request.user, data.pop("case"))
        joint = services.joint_case_link(mechanism=mechanism, actor=request.user, case=case, **data)
        return Response(
            JointCaseSerializer(selectors.joint_case_list(request.user).get(pk=joint.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(methods=["get"], responses=paginated(JointRecordSerializer))
    @extend_schema(
        methods=["post"],
        request={"application/json": JointRecordCreateSerializer, "multipart/form-data": JointRecordCreateSerializer},
        responses={201: JointRecordSerializer},
        summary="协作检察院添加调查记录",
    )
    @action(detail=True, methods=["get", "post"], url_path=f"joint-cases/{ID % 'joint_id'}/records")
    def joint_case_records(self, request, pk=None, joint_id=None):
        joint = access.get_visible_or_404(selectors.joint_case_list(request.user, self._mechanism()), pk=joint_id)
        if request.method == "GET":
            return self._page(joint.case.records.select_related("created_by"), JointRecordSerializer)
        serializer = JointRecordCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        record = services.joint_case_record_add(joint_case=joint, actor=request.user, **serializer.validated_data)
        return Response(JointRecordSerializer(record).data, status=status.HTTP_201_CREATED)

    # ---- commissioned evidence-gathering

    @extend_schema(methods=["get"], responses=paginated(AssistanceSerializer))
    @extend_schema(methods=["post"], request=AssistanceCreateSerializer, responses={201: AssistanceSerializer})
    @action(detail=True, methods=["get", "post"], url_path="assistance-requests")
    def assistance_requests(self, request, pk=None):
        mechanism = self._mechanism()
        if request.method == "GET":
            return self._page(selectors.assistance_list(request.user, mechanism), AssistanceSerializer)
        data = dict(validated(AssistanceCreateSerializer, request))
        case_id = data.pop("case", None)
        case = _visible_case(request.user, case_id) if case_id else None
        created = services.assistance_request(mechanism=mechanism, actor=request.user, case=case, **data)
        return Response(
            AssistanceSerializer(selectors.assistance_list(request.user).get(pk=created.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        request={"multipart/form-data": AssistanceReplySerializer, "application/json": AssistanceReplySerializer},
        responses=AssistanceSerializer,
        summary="回复委托调查",
    )
    @action(detail=True, methods=["post"], url_path=f"assistance-requests/{ID % 'request_id'}/reply")
    def assistance_reply(self, request, pk=None, request_id=None):
        mechanism = self._mechanism()
        item = access.get_visible_or_404(selectors.assistance_list(request.user, mechanism), pk=request_id)
        serializer = AssistanceReplySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        files = request.FILES.getlist("files") if hasattr(request.FILES, "getlist") else []
        services.assistance_reply(
            request=item, actor=request.user, reply=serializer.validated_data["reply"], today=timezone.localdate(), files=files
        )
        return Response(AssistanceSerializer(selectors.assistance_list(request.user).get(pk=item.pk)).data)

    # ---- figures and history

    @extend_schema(responses=MechanismFiguresSerializer, summary="机制统计")
    @action(detail=True, methods=["get"])
    def figures(self, request, pk=None):
        return Response(selectors.mechanism_figures(self._mechanism()))

    @history_schema
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        """The mechanism's entries and those of its members, transfers, assistance, meetings and joint cases."""
        return history_response(
            self, self._mechanism(), narrow=lambda entries: selectors.mechanism_history_visible(request.user, entries)
        )


class CampaignFilter(filters.FilterSet):
    organiser = filters.NumberFilter(field_name="organiser")
    active_on = filters.DateFilter(method="filter_active_on", label=_("进行中（日期）"))

    class Meta:
        model = Campaign
        fields = ["organiser"]

    def filter_active_on(self, qs, name, value):
        return qs.filter(starts_on__lte=value, ends_on__gte=value)


@extend_schema(tags=["campaigns"])
class CampaignViewSet(
    VersionedUpdateMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Special supervision campaigns (专项监督活动)."""

    lookup_value_regex = r"\d+"
    serializer_class = CampaignSerializer
    filterset_class = CampaignFilter
    search_fields = ["name", "description"]
    ordering_fields = ["starts_on", "ends_on", "name"]

    def get_queryset(self):
        return selectors.campaign_list(self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.campaign_create(actor=self.request.user, **data)

    def perform_update(self, serializer):
        if not permissions.can_organise(self.request.user, serializer.instance.organiser):
            raise PermissionDenied
        super().perform_update(serializer)

    @extend_schema(responses=CampaignProgressSerializer, summary="活动进展")
    @action(detail=True, methods=["get"])
    def progress(self, request, pk=None):
        return Response(selectors.campaign_progress(self.get_object()))

    @history_schema
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        return history_response(self, self.get_object())

    def _tag(self, request, service):
        campaign = self.get_object()
        serializer = CampaignTagSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        cases = [_visible_case(request.user, pk) for pk in serializer.validated_data["cases"]]
        clues = [clue_selectors.access_clue_by_id(request.user, pk) for pk in serializer.validated_data["clues"]]
        service(campaign=campaign, actor=request.user, cases=cases, clues=clues)
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(request=CampaignTagSerializer, responses=CampaignSerializer, summary="纳入案件/线索")
    @action(detail=True, methods=["post"])
    def tag(self, request, pk=None):
        return self._tag(request, services.campaign_tag)

    @extend_schema(request=CampaignTagSerializer, responses=CampaignSerializer, summary="移出案件/线索")
    @action(detail=True, methods=["post"])
    def untag(self, request, pk=None):
        return self._tag(request, services.campaign_untag)
