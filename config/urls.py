from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

api_v1 = [
    path("", include("procuratorates.urls")),
    path("", include("clues.urls")),
    path("", include("pil_cases.urls")),
    path("", include("approvals.urls")),
    path("", include("mechanisms.urls")),
    path("", include("integrated.urls")),
    path("", include("oversight.urls")),
    path("", include("supervision_models.urls")),
    path("", include("hearings.urls")),
    path("", include("search.urls")),
    path("", include("deadlines.urls")),
    path("", include("reporting.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]

urlpatterns = [
    path("api/v1/", include(api_v1)),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico whatever the page links to; resolved per request (hashed name in production).
    path("favicon.ico", RedirectView.as_view(url=lazy(static_url, str)("app/favicon.svg"), permanent=True)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("portal/", include("clues.public_urls")),
    path("", include("procuratorates.ui_urls")),
    path("", include("clues.ui_urls")),
    path("", include("pil_cases.ui_urls")),
    path("", include("mechanisms.ui_urls")),
    path("", include("oversight.ui_urls")),
    path("", include("supervision_models.ui_urls")),
    path("", include("hearings.ui_urls")),
    path("", include("search.ui_urls")),
    path("", include("deadlines.ui_urls")),
    path("", include("reporting.ui_urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The app's own error answers: JSON in the API's error shape under /api/, Chinese pages elsewhere.
handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
