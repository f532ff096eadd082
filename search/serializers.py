"""The search endpoint's query and answer (API.md conventions: errors at the field, in the user's language)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from . import tokens
from .models import Kind
from .selectors import CANDIDATES

PAGE_SIZE = 20
PAGE_SIZE_MAX = 50
Q_MAX = 100


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(label=_("检索词"), max_length=Q_MAX, trim_whitespace=True,
                              help_text="至少两个汉字、字母或数字；汉字按相邻两字匹配，不要求词序")
    kind = serializers.ChoiceField(label=_("类别"), choices=Kind.choices, required=False)
    # Paging runs within the ranked candidates (selectors.CANDIDATES): no page lies beyond them.
    page = serializers.IntegerField(label=_("页码"), min_value=1, max_value=CANDIDATES, required=False, default=1)
    page_size = serializers.IntegerField(label=_("每页条数"), min_value=1, max_value=PAGE_SIZE_MAX, required=False,
                                         default=PAGE_SIZE)

    def validate_q(self, value):
        # One character would match a posting list as long as the table: refused at the field.
        if tokens.significant_length(value) < 2:
            raise serializers.ValidationError(_("请至少输入两个字（汉字、字母或数字）。"))
        return value


class SearchProcuratorateSerializer(serializers.Serializer):  # a dict, not a model: named apart from procuratorates' brief
    id = serializers.IntegerField()
    name = serializers.CharField()


class SnippetSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="title | number | agency | place | party")
    label = serializers.CharField()
    text = serializers.CharField()
    highlights = serializers.ListField(child=serializers.ListField(child=serializers.IntegerField()),
                                       help_text="[[起, 止], …]：text 中与检索词匹配的字符（止不含）")


class SearchHitSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices)
    kind_display = serializers.CharField()
    id = serializers.IntegerField()
    title = serializers.CharField()
    title_highlights = serializers.ListField(child=serializers.ListField(child=serializers.IntegerField()))
    number = serializers.CharField(allow_blank=True)
    link = serializers.CharField()
    procuratorate = SearchProcuratorateSerializer()
    status = serializers.CharField(allow_blank=True)
    status_display = serializers.CharField(allow_blank=True)
    date = serializers.DateField(allow_null=True)
    snippet = SnippetSerializer()
    rank = serializers.FloatField()


class SearchPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="匹配数；达到上限时为上限（capped 为 true）")
    capped = serializers.BooleanField(help_text="匹配超过上限：只在前 1000 条中排序，请细化检索词")
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = SearchHitSerializer(many=True)
