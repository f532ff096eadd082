"""The API's shared conventions (API.md): one error shape, pagination, 409 and 412."""

import re

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import Conflict, Unanswerable

from .pagination import Pagination  # noqa: F401  the lists' pagination (settings: DEFAULT_PAGINATION_CLASS)

# Upper bounds for free text (TextField) in input serializers: the database would take any length, but a
# 200,000-character clue makes its pages unreadable. Refused with a message naming the limit, never cut.
LONG_TEXT_MAX = 20000  # a clue's or case's description, minutes, a reply's content
TEXT_MAX = 5000  # reasons, opinions, notes


@extend_schema_field(OpenApiTypes.STR)
class ChoiceLabel(serializers.Field):
    """The label of a stored choice (`ChoiceLabel(DeadlineKind, source="kind")`), in the request's language.

    One enum lookup: `source="get_kind_display"` costs DRF an inspect.signature() per row, and Django builds a
    dict of every choice, translating each label, per call — 30 translations for each deadline of a list."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        try:
            return str(self.choices(value).label)
        except ValueError:  # a value no longer among the choices: shown as stored, as get_FOO_display would
            return value


def not_future(value):
    """Things that happened (a receipt, a service, a reply, a review, a meeting) are not dated in the future:
    the rules of the legal clock compare against these dates."""
    if value > timezone.localdate():
        raise serializers.ValidationError(_("日期不能晚于今天。"))
    return value


class _ConflictResponse(exceptions.APIException):
    """A core.errors.Conflict on its way to the client: 409 with the domain's own sentence."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = _("当前状态不允许此操作。")
    default_code = "conflict"


class PreconditionFailed(exceptions.APIException):
    """The client's If-Match names a version that is no longer current."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("该记录已被他人修改，请刷新后重试。")
    default_code = "stale"


# DRF's and Django's own messages, by their code, rewritten as sentences a person reads at the field's label:
# "该字段不能为 null。", "类型错误。期望为主键，获得的类型为 str。" or "无效主键 “7” － 对象不存在。" name what the
# API sees, not what the person did. Messages of our own (services, serializers' validators) keep their words.
_REQUIRED = _("此项为必填项。")
_BY_CODE = {
    "required": _REQUIRED,
    "null": _REQUIRED,
    "blank": _REQUIRED,
    "empty": _("请至少选择一项。"),
    "not_a_list": _("请选择一项或多项。"),
    "does_not_exist": _("所选项不存在或已不可用，请重新选择。"),
    "incorrect_type": _("所选项无效，请重新选择。"),
    "invalid_choice": _("请从列表中选择。"),
    "invalid_pk_value": _("所选项不存在或已不可用，请重新选择。"),
    "invalid_list": _("请选择一项或多项。"),
}
_LENGTH = {"max_length": _("不能超过%(n)s个字。"), "min_length": _("不能少于%(n)s个字。")}
# "确保该值小于或等于 365。" names no field but reads like a program: the bound, as a person would say it.
_BOUND = {"max_value": _("不能大于%(n)s。"), "min_value": _("不能小于%(n)s。")}


def _stock_messages():
    """The stock messages by code, from the fields' default_error_messages (DRF's and Django's model fields')."""
    from django.db.models import Field as ModelField
    from rest_framework import relations

    classes = [serializers.Field, serializers.CharField, serializers.ChoiceField, serializers.MultipleChoiceField,
               serializers.ListField, serializers.DateField, serializers.IntegerField, serializers.DecimalField,
               serializers.FloatField, relations.PrimaryKeyRelatedField, relations.ManyRelatedField]
    out = {}
    for cls in classes:
        for klass in cls.__mro__:
            for code, message in getattr(klass, "default_error_messages", {}).items():
                out.setdefault(code, set()).add(message)
    for code, message in ModelField.default_error_messages.items():
        out.setdefault(code, set()).add(message)
    return out


def _is_stock(code, text):
    """Whether `text` is one of the stock messages of `code` in the active language (placeholders filled in)."""
    global _STOCK
    if _STOCK is None:
        _STOCK = _stock_messages()
    for message in _STOCK.get(code, ()):
        template = str(message)
        parts = re.split(r"\{\w+\}|%\(\w+\)[sd]", template)
        if re.fullmatch(".*?".join(re.escape(p) for p in parts), text, flags=re.DOTALL):
            return True
    return False


_STOCK = None


def _plain(detail, code=None):
    """`detail` (an ErrorDetail, or lists and dicts of them) with DRF's and Django's stock messages replaced."""
    if isinstance(detail, dict):
        return {key: _plain(value) for key, value in detail.items()}
    if isinstance(detail, (list, tuple)):
        return [_plain(value) for value in detail]
    code = getattr(detail, "code", code)
    text = str(detail)
    if not _is_stock(code, text):  # a field's own message ("所选检察院不存在。") stands as written
        return exceptions.ErrorDetail(text, code)
    if code in _BY_CODE:
        return exceptions.ErrorDetail(str(_BY_CODE[code]), code)
    if code in _LENGTH:
        digits = re.findall(r"\d+", text)
        if digits:  # the limit is the first number of the stock message (the second, if any, is the input's length)
            return exceptions.ErrorDetail(str(_LENGTH[code]) % {"n": digits[0]}, code)
    if code in _BOUND:
        bound = re.findall(r"-?\d+(?:\.\d+)?", text)
        if bound:
            return exceptions.ErrorDetail(str(_BOUND[code]) % {"n": bound[-1]}, code)
    return exceptions.ErrorDetail(text, code)


def _django_errors(exc):
    """A Django ValidationError as {field: [ErrorDetail]}, keeping each message's code."""
    if hasattr(exc, "error_dict"):
        return {
            field: [exceptions.ErrorDetail(" ".join(e.messages), e.code) for e in errors]
            for field, errors in exc.error_dict.items()
        }
    return {"non_field_errors": [exceptions.ErrorDetail(" ".join(e.messages), e.code) for e in exc.error_list]}


def exception_handler(exc, context):
    """Every error answers {"code", "detail", "errors"}; `errors` maps fields to messages."""
    if isinstance(exc, Conflict):
        exc = _ConflictResponse(exc.message)
    elif isinstance(exc, Unanswerable):
        exc = exceptions.ValidationError({"non_field_errors": [exc.message]})
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_django_errors(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)  # NotAllowed carries its reason

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _plain(exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail})
        body = {"code": "invalid", "detail": str(_("输入有误，请检查后重试。")), "errors": errors}
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        body = {"code": code, "detail": str(detail), "errors": {}}
    response.data = body
    return response


def validated(serializer_class, request):
    """The request's body checked by `serializer_class`, with its defaults filled in (400 if invalid)."""
    serializer = serializer_class(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def call_service(service, serializer_class, request, **known):
    """Validate the request and make the one call into the domain: the serializer validates and
    defaults, its field names are the service's keyword arguments; `known` are the rest (the object
    looked up, the actor)."""
    return service(**known, **validated(serializer_class, request))


class VersionedUpdateMixin:
    """Optimistic concurrency for PATCH/PUT: ETag is the row's `version`, If-Match must match.

    An update without If-Match is accepted (scripts that read-then-write at once), but one with a
    stale If-Match answers 412 and changes nothing. The version check and bump happen in one
    conditional UPDATE so two writers can never both win.
    """

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        response = Response(self.get_serializer(instance).data)
        response["ETag"] = f'"{instance.version}"'
        return response

    def perform_update(self, serializer):
        instance = serializer.instance
        expected = self.request.headers.get("If-Match", "").strip('W/"')
        current = instance.version
        if expected and expected != str(current):
            raise PreconditionFailed()
        model = type(instance)
        if not model.objects.filter(pk=instance.pk, version=current).update(version=current + 1):
            raise PreconditionFailed()
        serializer.save(version=current + 1)
        self._saved_version = current + 1

    def update(self, request, *args, **kwargs):
        response = super().update(request, *args, **kwargs)
        # perform_update saved the bumped version on the instance: no second lookup needed.
        response["ETag"] = f'"{self._saved_version}"'
        return response
