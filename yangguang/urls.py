"""URL configuration: each app mounts its pages from its ``urls.py``."""

from __future__ import annotations

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path, reverse

from yangguang.accounts.views import logout_view
from yangguang.api import api


def _admin_login(request: HttpRequest) -> HttpResponse:
    """The admin has no login of its own: everyone signs in through the platform's login (throttling,
    lockout, second factor, audit)."""
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/login/", _admin_login),
    path("admin/logout/", logout_view),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("accounts/", include("yangguang.accounts.auth_urls")),
    path("", include("yangguang.core.urls")),
]

# Apps mount their pages under their own prefix.
PAGE_APPS = {
    "accounts": "accounts/",
    "roster": "roster/",
    "workdays": "workdays/",
    "ledger": "ledger/",
    "documents": "documents/",
    "cases": "cases/",
    "discretion": "discretion/",
    "review": "review/",
    "evidence": "evidence/",
    "inspections": "inspections/",
    "jobs": "jobs/",
    "supervision": "supervision/",
    # The public portal (公示平台): no login, its own layout.
    "publicity": "public/",
}
for _label, _prefix in PAGE_APPS.items():
    urlpatterns.append(path(_prefix, include(f"yangguang.{_label}.urls")))
# Field mode for officers on a phone (an installable web app whose service worker's scope is
# /field/), served by the evidence app (yangguang/evidence/field.py).
urlpatterns.append(path("field/", include("yangguang.evidence.field_urls")))

# Error pages in Chinese (the public portal's layout under /public/).
handler400 = "yangguang.core.errorpages.bad_request"
handler403 = "yangguang.core.errorpages.permission_denied"
handler404 = "yangguang.core.errorpages.page_not_found"
handler500 = "yangguang.core.errorpages.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
