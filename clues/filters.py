"""The clue list's filters and search fields, shared by the API and the clue ledger export (reporting)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from procuratorates import access
from procuratorates.models import Procuratorate, Role

from .models import OPEN_STATUSES, Clue, ClueSource, ClueStatus

CLUE_SEARCH_FIELDS = ["title", "description", "address", "parties"]


class ClueFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=ClueStatus.choices)
    source = filters.MultipleChoiceFilter(choices=ClueSource.choices)
    procuratorate = filters.NumberFilter(method="filter_procuratorate", label=_("检察院（含下级院）"))
    overdue = filters.BooleanFilter(method="filter_overdue", label=_("已超期"))
    received_after = filters.DateFilter(field_name="received_on", lookup_expr="gte", label=_("收到日期起"))
    received_before = filters.DateFilter(field_name="received_on", lookup_expr="lte", label=_("收到日期止"))
    transferred = filters.BooleanFilter(field_name="transferred_from", lookup_expr="isnull", exclude=True,
                                        label=_("移送来的线索"))
    decidable = filters.BooleanFilter(method="filter_decidable", label=_("本人可作出处理决定的线索"))

    class Meta:
        model = Clue
        fields = ["status", "source", "field", "handler", "procuratorate", "overdue", "received_after", "received_before",
                  "decidable"]

    def filter_procuratorate(self, queryset, name, value):
        root = Procuratorate.objects.filter(pk=value).first()
        return queryset.filter(access.within_q("procuratorate", root)) if root else queryset.none()

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(is_overdue=value)

    def filter_decidable(self, queryset, name, value):
        """The open clues this user may decide (permissions.can_evaluate): what a dialog that transfers or
        merges a clue may offer, so that choosing one never ends in a 403."""
        user = self.request.user
        mine = Q(handler=user)
        if user.procuratorate_id and user.has_role(Role.Code.HEAD, Role.Code.CHIEF):
            mine |= Q(procuratorate_id=user.procuratorate_id)
        decidable = queryset.filter(mine, status__in=OPEN_STATUSES)
        return decidable if value else queryset.exclude(pk__in=decidable.values("pk"))

