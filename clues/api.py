"""Thin API views: look the clue up within the user's scope, make one call into the domain."""

import hmac
import re

from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from approvals import services as approvals
from approvals.models import Decision
from approvals.serializers import ApprovalSerializer
from config.api import VersionedUpdateMixin, call_service, validated
from config.throttling import PublicThrottle
from core.api import history_response, history_schema
from pil_cases.models import Case
from procuratorates import access
from procuratorates.models import Field

from . import selectors, services
from .filters import CLUE_SEARCH_FIELDS, ClueFilter
from .models import Clue, ClueAttachment, ClueStatus
from .serializers import (
    AssignableHandlerSerializer,
    ClueAcknowledgeSerializer,
    ClueAssignSerializer,
    ClueAttachmentSerializer,
    ClueAttachmentUploadSerializer,
    ClueCreateSerializer,
    ClueDuplicateSerializer,
    ClueEvaluateResultSerializer,
    ClueEvaluateSerializer,
    ClueFeedbackSerializer,
    ClueFieldBriefSerializer,
    ClueListSerializer,
    ClueReasonSerializer,
    ClueReporterSerializer,
    ClueSerializer,
    PublicClueCreatedSerializer,
    PublicClueStatusSerializer,
    PublicClueSubmitSerializer,
    VolunteerLookupSerializer,
    VolunteerPublicSerializer,
    VolunteerRegisterSerializer,
)
from .tracking import tracking_code_qr

CLUE_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)
# The outcomes of R 27 the rules reserve to the department head or chief: by the table, submitted for approval.
RESERVED = {"file_case": Decision.FILE_CASE, "no_case": Decision.NO_CASE}


def _reserved_payload(decision, values):
    """What the approval stores of the evaluation form: what the decision needs, nothing else."""
    if decision == "file_case":
        keys = ["case_type", "reason", "title", "agencies"]
    else:
        keys = ["reason"]
    return {key: values[key] for key in keys if key in values}


@extend_schema(parameters=[CLUE_ID])
class ClueViewSet(VersionedUpdateMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
                  viewsets.GenericViewSet):
    """Clues (线索). The reporter's identity is never part of a clue: see `reporter/`."""

    lookup_value_regex = r"\d+"  # ids are digits: /clues/abc/ is a 404, never a ValueError
    filterset_class = ClueFilter
    search_fields = CLUE_SEARCH_FIELDS
    ordering_fields = ["received_on", "created_at", "status", "id"]
    ordering = ["-received_on", "-id"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user, maybe no database
            return Clue.objects.none()
        if self.action in ("list", "export"):
            return selectors.clue_list(self.request.user, today=timezone.localdate())
        return selectors.clue_detail_queryset(self.request.user)

    def get_serializer_class(self):
        return ClueListSerializer if self.action in ("list", "export") else ClueSerializer

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None and self.action == "list":
            selectors.mark_overdue(page, today=timezone.localdate())
        return page

    def _clue(self):
        return selectors.access_clue_by_id(self.request.user, self.kwargs["pk"])

    def get_object(self):
        return self._clue()

    def _detail(self, clue, code=status.HTTP_200_OK):
        clue = selectors.access_clue_by_id(self.request.user, clue.pk)
        response = Response(ClueSerializer(clue, context=self.get_serializer_context()).data, status=code)
        response["ETag"] = f'"{clue.version}"'
        return response

    @extend_schema(request=ClueCreateSerializer, responses={201: ClueSerializer})
    def create(self, request):
        data = ClueCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        procuratorate = values.pop("procuratorate", None) or request.user.procuratorate
        if procuratorate is None or not access.can_see_procuratorate(request.user, procuratorate):
            raise serializers.ValidationError({"procuratorate": [gettext("所选检察院不存在。")]})
        if values.get("handler") is None:
            values["handler"] = services.registering_handler(actor=request.user, procuratorate=procuratorate)
        clue = services.clue_register(actor=request.user, procuratorate=procuratorate, **values)
        return self._detail(clue, status.HTTP_201_CREATED)

    def perform_update(self, serializer):
        from . import permissions

        if not permissions.can_edit(self.request.user, serializer.instance):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        super().perform_update(serializer)

    @extend_schema(request=ClueEvaluateSerializer,
                   responses={200: ClueEvaluateResultSerializer, 202: ClueEvaluateResultSerializer})
    @action(detail=True, methods=["post"])
    def evaluate(self, request, pk=None):
        """The handler's decision (R 27): file_case, no_case, transfer or merge. A decided clue answers 409."""
        clue = self._clue()
        values = dict(validated(ClueEvaluateSerializer, request))
        merge_into = values.pop("merge_into", None)
        merge_into_case = values.pop("merge_into_case", None)
        approvals.approval_pending_refuse(clue)  # a decision waiting for approval is not overtaken
        if values["decision"] in RESERVED:
            # 立案 / 不立案 are the head's or chief's (DOMAIN.md §1): submitted for approval unless delegated.
            decision, today = values.pop("decision"), values.pop("today")
            outcome = approvals.decision_submit(decision=RESERVED[decision], owner=clue, actor=request.user,
                                                payload=_reserved_payload(decision, values), on=today, now=timezone.now())
            result = outcome.result or {"case": None, "new_clue": None}
            pending = outcome.request
        else:
            if values["decision"] == "merge":
                values["merge_into"], values["merge_into_case"] = self._merge_targets(merge_into, merge_into_case)
            result, pending = services.clue_evaluate(clue=clue, actor=request.user, **values), None
        clue = selectors.access_clue_by_id(request.user, clue.pk)
        context = self.get_serializer_context()
        return Response({
            "clue": ClueSerializer(clue, context=context).data,
            "case_id": result["case"].pk if result["case"] else None,
            "new_clue_id": result["new_clue"].pk if result["new_clue"] else None,
            "approval": ApprovalSerializer(pending, context=context).data if pending else None,
        }, status=status.HTTP_202_ACCEPTED if pending else status.HTTP_200_OK)

    def _merge_targets(self, clue_id, case_id):
        into_clue = into_case = None
        if clue_id is not None:
            into_clue = Clue.objects.visible_to(self.request.user).filter(pk=clue_id).first()
            if into_clue is None:
                raise serializers.ValidationError({"merge_into": [gettext("要合并到的线索不存在。")]})
        if case_id is not None:
            into_case = Case.objects.filter(access.scope_q(self.request.user, "procuratorate"), pk=case_id).first()
            if into_case is None:
                raise serializers.ValidationError({"merge_into_case": [gettext("要合并到的案件不存在。")]})
        return into_clue, into_case

    @extend_schema(request=ClueAssignSerializer, responses={200: ClueSerializer})
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        clue = self._clue()
        call_service(services.clue_assign, ClueAssignSerializer, request, clue=clue, actor=request.user)
        return self._detail(clue)

    @extend_schema(request=ClueReasonSerializer, responses={200: ClueEvaluateResultSerializer})
    @action(detail=True, methods=["post"], url_path="report-up")
    def report_up(self, request, pk=None):
        """报请上级院 (R 26): what an office does with a transferred clue it considers not its own."""
        clue = self._clue()
        new = call_service(services.clue_report_up, ClueReasonSerializer, request, clue=clue, actor=request.user)
        clue = selectors.access_clue_by_id(request.user, clue.pk)
        return Response({"clue": ClueSerializer(clue, context=self.get_serializer_context()).data, "case_id": None,
                         "new_clue_id": new.pk})

    @extend_schema(request=None, responses={200: ClueSerializer})
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        """The named reporter has been told the report was received (meets the 7-day period)."""
        clue = self._clue()
        call_service(services.clue_acknowledge, ClueAcknowledgeSerializer, request, clue=clue, actor=request.user)
        return self._detail(clue)

    @extend_schema(request=ClueFeedbackSerializer, responses={200: ClueSerializer})
    @action(detail=True, methods=["post"])
    def feedback(self, request, pk=None):
        """Sets the text the reporter sees on the public tracking page."""
        clue = self._clue()
        call_service(services.clue_give_feedback, ClueFeedbackSerializer, request, clue=clue, actor=request.user)
        return self._detail(clue)

    @extend_schema(responses={200: ClueReporterSerializer})
    @action(detail=True, methods=["get"])
    def reporter(self, request, pk=None):
        """The reporter's identity: only the intake clerk and the assigned handler; every read is recorded."""
        clue = self._clue()
        reporter = services.reporter_read(clue=clue, actor=request.user)
        if reporter is None:
            return Response({"anonymous": True, "name": "", "phone": "", "id_number": "", "address": ""})
        return Response(ClueReporterSerializer(reporter).data)

    @extend_schema(methods=["GET"], request=None, responses={200: ClueAttachmentSerializer(many=True)})
    @extend_schema(methods=["POST"], request={"multipart/form-data": ClueAttachmentUploadSerializer},
                   responses={201: ClueAttachmentSerializer(many=True)})
    @action(detail=True, methods=["get", "post"], parser_classes=[MultiPartParser])
    def attachments(self, request, pk=None):
        clue = self._clue()
        if request.method == "POST":
            files = request.FILES.getlist("files")
            if not files:
                raise serializers.ValidationError({"files": [gettext("请选择要上传的文件。")]})
            created = services.clue_attach(clue=clue, actor=request.user, files=files)
            return Response(ClueAttachmentSerializer(created, many=True).data, status=status.HTTP_201_CREATED)
        return Response(ClueAttachmentSerializer(clue.attachments.all(), many=True).data)

    @extend_schema(responses={200: ClueDuplicateSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def duplicates(self, request, pk=None):
        """Clues and cases that look like the same matter, with a score (0–1) and the reasons."""
        clue = self._clue()
        return Response(ClueDuplicateSerializer(selectors.clue_duplicates(request.user, clue), many=True).data)

    @history_schema
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        """The clue's state changes and every read (or refused read) of its reporter's identity."""
        return history_response(self, self._clue())

    @extend_schema(parameters=[OpenApiParameter("procuratorate", OpenApiTypes.INT, description="默认为本人所在检察院")],
                   responses={200: AssignableHandlerSerializer(many=True)})
    @action(detail=False, methods=["get"])
    def handlers(self, request):
        """Who a clue or case of this procuratorate may be assigned to (its handlers, heads and chiefs), with
        their roles and open caseload (open clues, open cases)."""
        wanted = request.query_params.get("procuratorate") or request.user.procuratorate_id
        procuratorate = access.visible_procuratorates(request.user).filter(pk=wanted).first() if str(wanted).isdigit() else None
        if procuratorate is None:
            return Response([])
        return Response(AssignableHandlerSerializer(selectors.assignable_handlers(procuratorate), many=True).data)


class AttachmentDownloadView(APIView):
    """A clue's file, for those who may see the clue; 404 for everyone else."""

    @extend_schema(parameters=[CLUE_ID, OpenApiParameter("attachment_id", OpenApiTypes.INT, OpenApiParameter.PATH)],
                   responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request, pk, attachment_id):
        # Visible where its clue is (ClueAttachment.objects.visible_to): 404 alike for missing and not yours.
        attachment = access.get_visible_or_404(ClueAttachment.objects.visible_to(request.user), clue_id=pk, pk=attachment_id)
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        inline = attachment.kind == "photo" or attachment.content_type == "application/pdf"
        response = FileResponse(handle, content_type=attachment.content_type, as_attachment=not inline,
                                filename=attachment.original_name)
        response["Cache-Control"] = "private, max-age=3600"
        response["X-Content-Type-Options"] = "nosniff"
        return response


# The public portal: no sign-in --------------------------------------------------------------

class PublicClueSubmitView(GenericAPIView):
    """A member of the public or a volunteer submits a clue; the answer is the tracking code.

    Rate-limited per address (scope "public_submit"). Files are checked by content, and a
    submission with anything wrong stores nothing.
    """

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [PublicThrottle]
    throttle_scope = "public_submit"
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    serializer_class = PublicClueSubmitSerializer

    @extend_schema(request={"multipart/form-data": PublicClueSubmitSerializer}, responses={201: PublicClueCreatedSerializer})
    def post(self, request):
        # A plain dict, not request.data.copy(): copying deep-copies uploaded files held on disk.
        data = {key: request.data.get(key) for key in request.data if key != "photos"}
        data["photos"] = request.FILES.getlist("photos")
        serializer = PublicClueSubmitSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        reporter = {
            "anonymous": values["anonymous"], "name": values["name"], "phone": values["phone"], "id_number": values["id_number"],
            "address": values["contact_address"],
        }
        _clue, code = services.clue_submit_public(
            procuratorate=values["procuratorate"], field=values.get("field"), title=values["title"],
            description=values["description"], address=values["address"], latitude=values.get("latitude"),
            longitude=values.get("longitude"), reporter=reporter, volunteer=values["volunteer_code"], files=values["photos"],
            received_on=timezone.localdate(),
        )
        url = reverse("portal-track") + f"?code={code}"
        return Response({"tracking_code": code, "tracking_url": url,
                         "tracking_qr": tracking_code_qr(request.build_absolute_uri(url))}, status=status.HTTP_201_CREATED)


class PublicClueTrackView(APIView):
    """Status and the feedback meant for the reporter, nothing else."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [PublicThrottle]
    throttle_scope = "public_lookup"

    @extend_schema(parameters=[OpenApiParameter("tracking_code", OpenApiTypes.STR, OpenApiParameter.PATH)],
                   responses={200: PublicClueStatusSerializer, 404: OpenApiResponse(description="未找到")})
    def get(self, request, tracking_code):
        clue = selectors.clue_by_tracking_code(tracking_code)
        if clue is None:
            raise Http404
        transferred_to = None
        if clue.status == ClueStatus.TRANSFERRED and hasattr(clue, "outgoing_transfer"):
            transferred_to = clue.outgoing_transfer.to_procuratorate.name
        return Response(PublicClueStatusSerializer({
            "status": clue.status, "status_display": clue.get_status_display(), "received_on": clue.received_on,
            "procuratorate": clue.procuratorate.name, "public_feedback": clue.public_feedback, "transferred_to": transferred_to,
        }).data)


class PublicFieldList(APIView):
    """No sign-in: the statutory fields a member of the public may choose from."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [PublicThrottle]
    throttle_scope = "public_read"

    @extend_schema(responses={200: ClueFieldBriefSerializer(many=True)})
    def get(self, request):
        return Response(ClueFieldBriefSerializer(Field.objects.filter(active=True).order_by("code"), many=True).data)


class VolunteerRegisterView(GenericAPIView):
    """A volunteer registers; the answer is the volunteer code to give with each clue."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [PublicThrottle]
    throttle_scope = "public_submit"
    serializer_class = VolunteerRegisterSerializer

    @extend_schema(responses={201: VolunteerPublicSerializer})
    def post(self, request):
        serializer = VolunteerRegisterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        volunteer = services.volunteer_register(**serializer.validated_data)
        return Response({"code": volunteer.code, "name": volunteer.name, "organisation": volunteer.organisation,
                         "clue_count": 0, "filed_count": 0, "verified": True}, status=status.HTTP_201_CREATED)


VOLUNTEER_CODE = re.compile(r"^[A-Z0-9-]{1,20}$")


def _masked(name):
    """"王志愿" → "王**": enough for the owner to recognise, too little for a scanner to learn who it is."""
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


def _owns(volunteer, phone_last4):
    digits = "".join(ch for ch in volunteer.phone if ch.isdigit())
    return len(digits) >= 4 and bool(phone_last4) and hmac.compare_digest(digits[-4:], phone_last4)


class VolunteerDetailView(APIView):
    """A volunteer's own counts: clues submitted and clues that led to a case.

    Codes can be guessed, so a lookup shows the name masked and no organisation unless `phone_last4` (the last
    four digits of the phone the volunteer registered with) proves the code is the caller's; lookups are
    throttled per address (scope "public_lookup").
    """

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [PublicThrottle]
    throttle_scope = "public_lookup"

    @extend_schema(parameters=[OpenApiParameter("code", OpenApiTypes.STR, OpenApiParameter.PATH), VolunteerLookupSerializer],
                   responses={200: VolunteerPublicSerializer})
    def get(self, request, code):
        proof = VolunteerLookupSerializer(data=request.query_params)
        proof.is_valid(raise_exception=True)
        code = code.strip().upper()
        volunteer = selectors.volunteers_with_counts().filter(code=code).first() if VOLUNTEER_CODE.match(code) else None
        if volunteer is None:
            raise Http404
        verified = _owns(volunteer, proof.validated_data["phone_last4"])
        return Response(VolunteerPublicSerializer({
            "code": volunteer.code, "name": volunteer.name if verified else _masked(volunteer.name),
            "organisation": volunteer.organisation if verified else "",
            "clue_count": volunteer.clue_count, "filed_count": volunteer.filed_count, "verified": verified,
        }).data)
