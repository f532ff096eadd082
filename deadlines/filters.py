"""Query parameters of the deadline register and the notification list (django-filter)."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from procuratorates import access
from procuratorates.models import Procuratorate

from .models import Deadline, DeadlineKind, Notification
from .selectors import due_within_q, overdue_q

ALL_STATES = "all"


class DeadlineFilter(django_filters.FilterSet):
    # Open deadlines unless asked otherwise: the met and cancelled ones outnumber them many times over and
    # are read rarely (a case's history); `state=all` shows every one.
    state = django_filters.ChoiceFilter(
        choices=[*Deadline.State.choices, (ALL_STATES, _("全部"))], method="filter_state", label=_("状态（默认未完成）")
    )
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("是否逾期"))
    kind = django_filters.MultipleChoiceFilter(choices=DeadlineKind.choices, label=_("期限类型"))
    due_from = django_filters.DateFilter(field_name="due_on", lookup_expr="gte", label=_("届满日起"))
    due_to = django_filters.DateFilter(field_name="due_on", lookup_expr="lte", label=_("届满日止"))
    due_within = django_filters.NumberFilter(method="filter_due_within", min_value=0, label=_("几日内届满（未逾期）"))
    mine = django_filters.BooleanFilter(method="filter_mine", label=_("只看我承办的"))
    procuratorate = django_filters.ModelChoiceFilter(
        queryset=Procuratorate.objects.all(), method="filter_procuratorate", label=_("检察院（含下级院）")
    )
    # The owners' reverse query names (their GenericRelation to this register): case, clue.
    case = django_filters.NumberFilter(field_name="case__id", label=_("案件"))
    clue = django_filters.NumberFilter(field_name="clue__id", label=_("线索"))
    handler = django_filters.NumberFilter(field_name="handler_id", label=_("承办人"))

    class Meta:
        model = Deadline
        fields = []

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("state"):
            queryset = queryset.filter(state=Deadline.State.OPEN)
        return super().filter_queryset(queryset)

    def filter_state(self, queryset, name, value):
        return queryset if value == ALL_STATES else queryset.filter(state=value)

    def _today(self):
        return timezone.localdate()

    def filter_overdue(self, queryset, name, value):
        q = overdue_q(self._today())
        return queryset.filter(q) if value else queryset.exclude(q)

    def filter_due_within(self, queryset, name, value):
        return queryset.filter(due_within_q(self._today(), int(value)))

    def filter_mine(self, queryset, name, value):
        return queryset.filter(handler=self.request.user) if value else queryset

    def filter_procuratorate(self, queryset, name, value):
        return queryset.filter(access.within_q("procuratorate", value))


class NotificationFilter(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(field_name="read_at", lookup_expr="isnull", label=_("未读"))

    class Meta:
        model = Notification
        fields = []
