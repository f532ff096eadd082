from django.utils import timezone
from rest_framework import serializers

from .models import Deadline


class DeadlineSerializer(serializers.ModelSerializer):
    """The API.md shape: {"kind", "due_date", "explanation"}, plus state and overdue."""

    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    due_date = serializers.DateField(source="due_on", read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Deadline
        fields = ["kind", "kind_display", "due_date", "explanation", "state", "met_on", "paused_on", "overdue"]

    def get_overdue(self, deadline) -> bool:
        return deadline.is_overdue(timezone.localdate())
