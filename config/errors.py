"""What a client sees when a request goes wrong outside a view's own handling.

The API answers in its one error shape (`{"code", "detail", "errors"}`, API.md) — for an unknown URL,
a server error, or input no column can store; pages answer with the app's own Chinese error pages,
never Django's debug page or a bare English one.
"""

import json

from django.http import HttpResponseBadRequest, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

API_PREFIX = "/api/"


def _is_api(request):
    return request.path.startswith(API_PREFIX)


def api_error(status, code, detail):
    return JsonResponse({"code": code, "detail": str(detail), "errors": {}}, status=status,
                        json_dumps_params={"ensure_ascii": False})


def bad_request(request, exception=None):
    if _is_api(request):
        return api_error(400, "invalid", _("请求无法解析，请检查后重试。"))
    return defaults.bad_request(request, exception)


def permission_denied(request, exception=None):
    if _is_api(request):
        return api_error(403, "permission_denied", _("您没有执行该操作的权限。"))
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception=None):
    if _is_api(request):
        return api_error(404, "not_found", _("未找到。"))
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return api_error(500, "error", _("服务器内部错误，请稍后重试。"))
    return defaults.server_error(request)


# NUL cannot be stored in a PostgreSQL text column and a lone surrogate cannot be encoded as UTF-8:
# either would reach the database as a 500. They are refused at the door instead, for every view.
def _unstorable(text):
    if "\x00" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _request_strings(request):
    yield request.path
    for key, values in request.GET.lists():
        yield key
        yield from values
    content_type = request.content_type or ""
    if content_type == "application/json" and request.body:
        try:
            yield from _strings(json.loads(request.body))
        except ValueError:
            return  # not JSON at all: the parser answers 400 in its own words
    elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        for key, values in request.POST.lists():
            yield key
            yield from values


class UnstorableInputMiddleware:
    """400 for a request whose path, query, JSON or form fields carry NUL or a lone surrogate."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(_unstorable(text) for text in _request_strings(request)):
            detail = _("输入中含有无法保存的字符（如空字符），请删除后重试。")
            if _is_api(request):
                return api_error(400, "invalid", detail)
            # Rendered without the request: the context processors need a user, not resolved yet here.
            return HttpResponseBadRequest(loader.render_to_string("400.html"))
        return self.get_response(request)
