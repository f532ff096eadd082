"""Admins configure the 繁简分流 criteria and the quality checklist; task forces and evaluations are read here,
made through the case page (their services notify and grant rights)."""

from django.contrib import admin

from core.admin import AuditedAdmin

from .models import ComplexityCriterion, QualityCriterion, QualityEvaluation, SimplePath, TaskForce


@admin.register(ComplexityCriterion)
class ComplexityCriterionAdmin(AuditedAdmin):
    list_display = ["__str__", "procuratorate", "active"]
    list_filter = ["active", "kind"]
    autocomplete_fields = ["procuratorate"]


@admin.register(SimplePath)
class SimplePathAdmin(AuditedAdmin):
    list_display = ["decision", "approver_role", "procuratorate"]
    list_filter = ["decision"]
    autocomplete_fields = ["procuratorate"]


@admin.register(QualityCriterion)
class QualityCriterionAdmin(AuditedAdmin):
    list_display = ["text", "max_score", "order", "active"]
    list_editable = ["order", "active"]


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TaskForce)
class TaskForceAdmin(_ReadOnly):
    list_display = ["name", "case", "procuratorate", "leader", "status", "formed_on", "disbanded_on"]
    list_filter = ["status"]


@admin.register(QualityEvaluation)
class QualityEvaluationAdmin(_ReadOnly):
    list_display = ["case", "procuratorate", "evaluator", "evaluated_on", "score", "full_score", "grade"]
    list_filter = ["grade"]
