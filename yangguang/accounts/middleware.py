"""The session policy on every request of a signed-in user:

1. the idle timeout (YG_SESSION_IDLE_MINUTES, default 30) and the absolute lifetime
   (YG_SESSION_MAX_HOURS, default 12): past either the session ends, is recorded
   (``auth.session_expired``) and the user signs in again;
2. a password that must be changed (after a reset to a one-time password, or past
   YG_PASSWORD_MAX_AGE_DAYS) and a second factor the role requires (YG_TOTP_REQUIRED_ROLES): until
   done, every page leads to the password (or security) page and the API answers 403
   ``password_change_required`` / ``second_factor_required``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from . import services

AUTH_AT = "yg_auth_at"
SEEN_AT = "yg_seen_at"
# Writing the last-seen time at most this often keeps a session write off most requests.
SEEN_RESOLUTION = 60.0
# Paths never held up by the policy (assets, probes, the public portal without a session).
OPEN_PREFIXES = ("/static/", "/healthz", "/readyz", "/public/", "/favicon")


def start_session(request: HttpRequest) -> None:
    """Stamp a new session (called right after ``login``)."""
    now = time.time()
    request.session[AUTH_AT] = now
    request.session[SEEN_AT] = now


def _client_ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", "") or "")


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


class SessionPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(OPEN_PREFIXES):  # before touching the session (public pages vary on nothing)
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response = self._session_ended(request) or self._held(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _session_ended(self, request: HttpRequest) -> HttpResponse | None:
        now = time.time()
        session = request.session
        auth_at, seen_at = session.get(AUTH_AT), session.get(SEEN_AT)
        if not isinstance(auth_at, int | float) or not isinstance(seen_at, int | float):
            start_session(request)  # a session opened before this policy (or by a test's force_login)
            return None
        reason = ""
        if now - seen_at > settings.SESSION_IDLE_MINUTES * 60:
            reason = "idle"
        elif now - auth_at > settings.SESSION_MAX_HOURS * 3600:
            reason = "lifetime"
        if not reason:
            if now - seen_at > SEEN_RESOLUTION:
                session[SEEN_AT] = now
            return None
        services.record_logout(user=request.user, ip=_client_ip(request), reason=reason)  # type: ignore[arg-type]
        logout(request)
        message = (
            _("由于%(minutes)d分钟未操作，您已自动退出，请重新登录。") % {"minutes": settings.SESSION_IDLE_MINUTES}
            if reason == "idle"
            else _("登录已超过%(hours)d小时，请重新登录。") % {"hours": settings.SESSION_MAX_HOURS}
        )
        if _is_api(request):
            return JsonResponse({"code": "session_expired", "message": message}, status=401)
        messages.info(request, message)
        return _redirect(request, redirect_to_login(request.get_full_path())["Location"])

    def _held(self, request: HttpRequest) -> HttpResponse | None:
        user = request.user
        allowed = {reverse("password_change"), reverse("logout"), reverse("login"), reverse("login_otp")}
        if request.path in allowed:
            return None
        if user.must_change_password or services.password_expired(user):  # type: ignore[arg-type, union-attr]
            message = _("请先修改密码（密码已被重置或已过期）")
            if _is_api(request):
                return JsonResponse({"code": "password_change_required", "message": message}, status=403)
            return _redirect(request, reverse("password_change"))
        security = reverse("accounts:security")
        if request.path != security and services.must_enrol_second_factor(user):  # type: ignore[arg-type]
            message = _("您的角色须启用动态口令（双因素认证），请先完成绑定")
            if _is_api(request):
                return JsonResponse({"code": "second_factor_required", "message": message}, status=403)
            return _redirect(request, security)
        return None
