"""The deadline register and the notification centre (API.md): thin views, one call into the domain."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import VersionedUpdateMixin
from procuratorates.access import get_visible_or_404

from . import selectors, services
from .filters import DeadlineFilter, NotificationFilter
from .models import Deadline, Notification
from .serializers import (
    NotificationPreferenceSerializer,
    NotificationSerializer,
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
