from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from procuratorates import access
from procuratorates.models import CaseType, Procuratorate

from .models import Case, CaseStatus, Rectification, Suggestion, SuggestionStatus
from .selectors import cases_overdue_q, suggestions_overdue_q


def _within(queryset, field, value):
    """The procuratorate and every one under it (materialised path prefix)."""
    root = Procuratorate.objects.filter(pk=value).first()
    if root is None:
        return queryset.none()
    return queryset.filter(access.within_q(field, root))


class CaseFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=CaseStatus.choices, label=_("状态"))
    case_type = filters.ChoiceFilter(choices=CaseType.choices, label=_("案件类型"))
    procuratorate = filters.NumberFilter(method="filter_procuratorate", label=_("检察院（含下级院）"))
    overdue = filters.BooleanFilter(method="filter_overdue", label=_("有逾期期限"))

    class Meta:
        model = Case
        fields = ["status", "case_type", "field", "procuratorate", "handler", "origin", "overdue"]

    def filter_procuratorate(self, queryset, name, value):
        return _within(queryset, "procuratorate", value)

    def filter_overdue(self, queryset, name, value):
        q = cases_overdue_q(timezone.localdate())
        return queryset.filter(q) if value else queryset.exclude(q)


class SuggestionFilter(filters.FilterSet):
    rectification = filters.ChoiceFilter(choices=Rectification.choices, method="filter_rectification", label=_("整改情况"))
    status = filters.ChoiceFilter(choices=SuggestionStatus.choices, label=_("状态"))
    overdue = filters.BooleanFilter(method="filter_overdue", label=_("逾期未回复"))
    field = filters.NumberFilter(field_name="case__field", label=_("领域"))
    procuratorate = filters.NumberFilter(method="filter_procuratorate", label=_("检察院（含下级院）"))
    reply_due_from = filters.DateFilter(field_name="reply_due_date", lookup_expr="gte", label=_("回复期限起"))
    reply_due_to = filters.DateFilter(field_name="reply_due_date", lookup_expr="lte", label=_("回复期限止"))

    class Meta:
        model = Suggestion
        fields = ["rectification", "status", "overdue", "agency", "field", "procuratorate", "case", "urgent"]

    def filter_procuratorate(self, queryset, name, value):
        return _within(queryset, "procuratorate", value)

    def filter_rectification(self, queryset, name, value):
        q = suggestions_overdue_q(timezone.localdate())
        if value == Rectification.OVERDUE:
            return queryset.filter(q)
        queryset = queryset.filter(rectification=value)
        return queryset.exclude(q) if value == Rectification.PENDING else queryset

    def filter_overdue(self, queryset, name, value):
        q = suggestions_overdue_q(timezone.localdate())
        return queryset.filter(q) if value else queryset.exclude(q)
