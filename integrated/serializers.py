"""Input and output shapes of integrated case handling (API.md): labels are the Chinese field names."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config.api import TEXT_MAX, not_future
from procuratorates.models import User

from .models import CaseTrack, Grade, QualityCriterion, QualityEvaluation, TaskForce, TaskForceMember


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__")
    procuratorate = serializers.CharField(source="procuratorate.name", default="")


class TaskForceMemberSerializer(serializers.ModelSerializer):
    user = PersonSerializer()
    duty_display = serializers.CharField(source="get_duty_display")

    class Meta:
        model = TaskForceMember
        fields = ["user", "duty", "duty_display", "joined_on"]


class TaskForceSerializer(serializers.ModelSerializer):
    procuratorate = serializers.CharField(source="procuratorate.name")
    leader = PersonSerializer()
    members = TaskForceMemberSerializer(many=True)
    status_display = serializers.CharField(source="get_status_display")

    class Meta:
        model = TaskForce
        fields = [
            "id",
            "case",
            "procuratorate",
            "name",
            "purpose",
            "leader",
            "members",
            "status",
            "status_display",
            "formed_on",
            "disbanded_on",
            "disband_reason",
            "version",
        ]


class MemberInput(serializers.Serializer):
    user = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), label=_("检察人员"))
    duty = serializers.ChoiceField(choices=TaskForceMember.Duty.choices, default=TaskForceMember.Duty.MEMBER, label=_("组内职责"))


class TaskForceFormInput(serializers.Serializer):
    name = serializers.CharField(max_length=100, label=_("专案组名称"))
    purpose = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="", label=_("工作任务"))
    leader = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), label=_("组长"))
    members = MemberInput(many=True, label=_("成员"))
    formed_on = serializers.DateField(default=timezone.localdate, validators=[not_future], label=_("组建日期"))

    def validate_members(self, value):
        if not value:
            raise serializers.ValidationError(_("请至少调入一名检察人员。"))
        return [(m["user"], m["duty"]) for m in value]


class MemberAddInput(MemberInput):
    joined_on = serializers.DateField(default=timezone.localdate, validators=[not_future], label=_("调入日期"))
    version = serializers.IntegerField(label=_("版本"))


class MemberRemoveInput(serializers.Serializer):
    user = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), label=_("检察人员"))
    reason = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True, default="", label=_("理由"))
    version = serializers.IntegerField(label=_("版本"))


class DisbandInput(serializers.Serializer):
    disbanded_on = serializers.DateField(default=timezone.localdate, validators=[not_future], label=_("解散日期"))
    reason = serializers.CharField(max_length=300, label=_("解散原因"))
    version = serializers.IntegerField(label=_("版本"))


class TrackSerializer(serializers.ModelSerializer):
    track_display = serializers.CharField(source="get_track_display")
    overridden = serializers.SerializerMethodField()

    class Meta:
        model = CaseTrack
        fields = ["track", "track_display", "reasons", "overridden"]

    def get_overridden(self, row) -> bool:
        return bool(row.overridden_by_id)


class TrackInput(serializers.Serializer):
    track = serializers.ChoiceField(choices=CaseTrack.Track.choices, label=_("繁简"))
    reason = serializers.CharField(max_length=500, label=_("理由"))


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = QualityCriterion
        fields = ["id", "text", "max_score"]


class ScoreInput(serializers.Serializer):
    criterion = serializers.PrimaryKeyRelatedField(queryset=QualityCriterion.objects.filter(active=True), label=_("评查项目"))
    score = serializers.DecimalField(max_digits=5, decimal_places=1, min_value=0, label=_("得分"))
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="", label=_("扣分说明"))


class EvaluateInput(serializers.Serializer):
    evaluated_on = serializers.DateField(default=timezone.localdate, validators=[not_future], label=_("评查日期"))
    scores = ScoreInput(many=True, label=_("评分"))
    comment = serializers.CharField(max_length=2000, label=_("评查意见"))

    def validate_scores(self, value):
        return {row["criterion"].pk: (row["score"], row["note"]) for row in value}


class EvaluationSerializer(serializers.ModelSerializer):
    procuratorate = serializers.CharField(source="procuratorate.name")
    evaluator = PersonSerializer()
    grade_display = serializers.CharField(source="get_grade_display")
    case_title = serializers.CharField(source="case.title")
    case_procuratorate = serializers.CharField(source="case.procuratorate.name")
    scores = serializers.SerializerMethodField()

    class Meta:
        model = QualityEvaluation
        fields = [
            "id",
            "case",
            "case_title",
            "case_procuratorate",
            "procuratorate",
            "evaluator",
            "evaluated_on",
            "score",
            "full_score",
            "grade",
            "grade_display",
            "comment",
            "scores",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_scores(self, evaluation):
        if not self.context.get("with_scores"):
            return []
        return [
            {"criterion": row.criterion.text, "max_score": row.criterion.max_score, "score": row.score, "note": row.note}
            for row in evaluation.scores.all()
        ]


GRADES = Grade
