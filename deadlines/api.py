"""The deadline register and the notification centre (API.md): thin views, one call into the domain."""

from datetime import date

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import VersionedUpdateMixin, validated
from procuratorates.access import get_visible_or_404

from . import permissions, selectors, services
from .calendar import FIRST_YEAR, LAST_YEAR, CalendarUnavailable, due_date
from .filters import DeadlineFilter, NotificationFilter
from .models import Deadline, Notification
from .periods import PERIODS
from .serializers import (
    CalendarYearSerializer,
    DayCorrectionSerializer,
    DeadlineCountsSerializer,
    DueDateQuerySerializer,
    DueDateSerializer,
    NoticeImportSerializer,
    NoticeResultSerializer,
    NotificationPreferenceSerializer,
    NotificationSerializer,
    PeriodSerializer,
    ReadAllResultSerializer,
    RegisterDeadlineSerializer,
    UnreadCountSerializer,
)


class DeadlineListView(generics.ListAPIView):
    """The register of deadlines the user may see (own procuratorate; supervisors their subtree), by due date."""

    serializer_class = RegisterDeadlineSerializer
    filterset_class = DeadlineFilter
    search_fields = ["explanation", "case__title", "clue__title"]
    ordering_fields = ["due_on", "kind", "created_at"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Deadline.objects.none()
        return selectors.deadline_register(self.request.user, today=timezone.localdate())

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}


class DeadlineCountsView(generics.GenericAPIView):
    """How many of the deadlines the list's filters select are overdue or fall due within 3 or 7 days: the
    workbench's figures in one aggregate, not counted in the browser from a page of 200 rows."""

    filterset_class = DeadlineFilter
    search_fields = DeadlineListView.search_fields
    serializer_class = DeadlineCountsSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Deadline.objects.none()
        return Deadline.objects.visible_to(self.request.user)

    def get(self, request):
        counts = selectors.deadline_counts(self.filter_queryset(self.get_queryset()), today=timezone.localdate())
        return Response(DeadlineCountsSerializer(counts).data)


class NotificationListView(generics.ListAPIView):
    """The signed-in user's own reminders and notices, newest first (`?unread=true` for the unread ones)."""

    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter
    ordering_fields = ["created_at"]
    search_fields = ["title", "message"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no signed-in user
            return Notification.objects.none()
        return selectors.notifications_of(self.request.user)


class NotificationReadView(APIView):
    @extend_schema(request=None, responses={200: NotificationSerializer, 404: OpenApiResponse(description="不是您的通知")})
    def post(self, request, pk):
        notification = get_visible_or_404(selectors.notifications_of(request.user), pk=pk)
        notification = services.notification_read(notification=notification, now=timezone.now())
        return Response(NotificationSerializer(notification).data)


class NotificationReadAllView(APIView):
    @extend_schema(request=None, responses={200: ReadAllResultSerializer})
    def post(self, request):
        marked = services.notifications_read_all(user=request.user, now=timezone.now())
        return Response({"marked": marked}, status=status.HTTP_200_OK)


class NotificationUnreadCountView(APIView):
    @extend_schema(responses={200: UnreadCountSerializer})
    def get(self, request):
        return Response({"unread": selectors.notifications_unread_count(request.user)})


class NotificationPreferenceView(VersionedUpdateMixin, generics.RetrieveUpdateAPIView):
    """The user's own choice: immediate reminder emails or one daily digest (08:00)."""

    serializer_class = NotificationPreferenceSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self):
        return services.notification_preference_get(user=self.request.user)


# ---------------------------------------------------------------- the legal calendar (DOMAIN.md §6, §6a)


class PeriodListView(APIView):
    """The table of legal periods: every length the system uses, with its article. The UI reads it from here."""

    @extend_schema(responses={200: PeriodSerializer(many=True)}, tags=["calendar"])
    def get(self, request):
        return Response(PeriodSerializer(PERIODS.values(), many=True).data)


class DueDateView(APIView):
    """The period calculator: the same rules as every deadline, for any start date."""

    @extend_schema(parameters=[DueDateQuerySerializer], responses={200: DueDateSerializer}, tags=["calendar"])
    def get(self, request):
        query = DueDateQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        d = query.validated_data
        try:
            due = due_date(d["start"], days=d.get("days", 0), months=d.get("months", 0))
        except CalendarUnavailable as error:  # the period would end past the last year the calendar knows
            raise ValidationError({"start": [str(error)]}) from error
        return Response({"due_date": due.date, "explanation": due.explanation, "provisional": due.provisional})


class CalendarYearView(APIView):
    """A year of the legal calendar: where it comes from (notice, chinese-calendar or the statutory rule)."""

    @extend_schema(responses={200: CalendarYearSerializer}, tags=["calendar"])
    def get(self, request, year):
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise Http404
        return Response(CalendarYearSerializer(selectors.calendar_year(year)).data)


class NoticeImportView(APIView):
    """Admins paste the State Council notice of a year: `dry_run` answers what was read; otherwise it is stored
    as the year's official schedule and the open deadlines it touches are recomputed in the background."""

    @extend_schema(request=NoticeImportSerializer, responses={200: NoticeResultSerializer, 201: NoticeResultSerializer},
                   tags=["calendar"])
    def post(self, request):
        permissions.require_manage_calendar(request.user)
        data = validated(NoticeImportSerializer, request)
        parsed = services.calendar_notice_import(actor=request.user, **data)
        days = sorted(
            [{"date": d, "working": False, "name": n, "kind": "rest"} for d, n in parsed.rest_days.items()]
            + [{"date": d, "working": True, "name": n, "kind": "workday"} for d, n in parsed.working_days.items()],
            key=lambda row: row["date"],
        )
        body = {
            "year": data["year"], "rest_days": sorted(parsed.rest_days), "working_days": sorted(parsed.working_days),
            "days": days, "stored": not data["dry_run"],
        }
        code = status.HTTP_200_OK if data["dry_run"] else status.HTTP_201_CREATED
        return Response(NoticeResultSerializer(body).data, status=code)


class DayCorrectionView(APIView):
    """Admins correct one day (a rest day or a make-up working day), or remove a stored day."""

    @extend_schema(request=DayCorrectionSerializer, responses={201: CalendarYearSerializer}, tags=["calendar"])
    def post(self, request):
        permissions.require_manage_calendar(request.user)
        data = validated(DayCorrectionSerializer, request)
        services.calendar_day_correct(actor=request.user, **data)
        return Response(CalendarYearSerializer(selectors.calendar_year(data["day"].year)).data, status=status.HTTP_201_CREATED)


class DayCorrectionDeleteView(APIView):
    @extend_schema(request=None, responses={200: CalendarYearSerializer}, tags=["calendar"])
    def delete(self, request, day):
        permissions.require_manage_calendar(request.user)
        try:
            on = date.fromisoformat(day)
        except ValueError as error:
            raise Http404 from error
        if not services.calendar_day_clear(day=on, actor=request.user):
            raise Http404
        return Response(CalendarYearSerializer(selectors.calendar_year(on.year)).data)

