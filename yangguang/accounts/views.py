"""Sign-in (with throttling, lockout and the optional second factor), sign-out, the password page,
the user's security page (TOTP enrolment), the security administrator's account pages and the audit
administrator's audit page. Views parse and render; ``accounts.services`` decides and records."""

from __future__ import annotations

import io
import time
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from yangguang.access import policy
from yangguang.core.errors import DomainError
from yangguang.roster.models import Role, User
from yangguang.roster.selectors import visible_agencies

from . import selectors, services, totp
from .forms import (
    AccountForm,
    AuditFilterForm,
    EnrolForm,
    LoginForm,
    NewAccountForm,
    PasswordChangeForm,
    PasswordConfirmForm,
    ReasonForm,
    SecondFactorForm,
)
from .middleware import start_session
from .models import ThrottleScope

BACKEND = "django.contrib.auth.backends.ModelBackend"
PENDING_USER, PENDING_AT, PENDING_NEXT = "yg_pending_user", "yg_pending_at", "yg_pending_next"
PENDING_SECONDS = 300
ENROL_SECRET = "yg_enrol_secret"


def _ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", "") or "")


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _safe_next(request: HttpRequest, raw: str) -> str:
    if raw and url_has_allowed_host_and_scheme(
        raw, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return raw
    return reverse("home")


# --- sign-in and sign-out --------------------------------------------------------------------------


def _complete(request: HttpRequest, user: User, second_factor: str, next_url: str) -> HttpResponse:
    login(request, user, backend=BACKEND)
    start_session(request)
    services.record_login(user=user, ip=_ip(request), second_factor=second_factor)
    reset = services.pending_reset(user)
    if reset is not None:
        by = reset.reset_by.display_name() if reset.reset_by else _("系统")
        messages.warning(
            request,
            _("您的密码已于%(when)s由%(by)s重置（或账号新建），请立即设置新密码。如非本人申请，请联系安全审计。")
            % {"when": reset.reset_at.astimezone().strftime("%Y-%m-%d %H:%M"), "by": by},
        )
    return HttpResponseRedirect(_safe_next(request, next_url))


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    next_url = request.POST.get("next") or request.GET.get("next", "")
    error = ""
    if request.method == "POST":
        if form.is_valid():
            outcome = services.attempt_login(
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                ip=_ip(request),
                request=request,
            )
            if outcome.user is not None and outcome.needs_second_factor:
                request.session[PENDING_USER] = outcome.user.pk
                request.session[PENDING_AT] = time.time()
                request.session[PENDING_NEXT] = next_url
                return redirect("login_otp")
            if outcome.user is not None:
                return _complete(request, outcome.user, "", next_url)
            error = outcome.error
        else:
            error = services.MSG_BAD_CREDENTIALS
    return render(request, "registration/login.html", {"form": form, "error": error, "next": next_url})


@require_http_methods(["GET", "POST"])
def login_otp(request: HttpRequest) -> HttpResponse:
    pk, at = request.session.get(PENDING_USER), request.session.get(PENDING_AT)
    if not pk or not isinstance(at, int | float) or time.time() - at > PENDING_SECONDS:
        messages.info(request, _("请重新输入用户名和密码"))
        return redirect("login")
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None:
        return redirect("login")
    form = SecondFactorForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            used = services.verify_second_factor(user=user, code=form.cleaned_data["code"], ip=_ip(request))
        except DomainError as exc:
            error = exc.message
        else:
            next_url = str(request.session.get(PENDING_NEXT) or "")
            for key in (PENDING_USER, PENDING_AT, PENDING_NEXT):
                request.session.pop(key, None)
            return _complete(request, user, used, next_url)
    return render(request, "accounts/login_otp.html", {"form": form, "error": error})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        services.record_logout(user=_user(request), ip=_ip(request))
    logout(request)
    return redirect("login")


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_password(user=user, new_password=form.cleaned_data["new_password1"], ip=_ip(request))
        except ValidationError as exc:
            form.add_error("new_password1", exc)
        else:
            user.refresh_from_db()
            update_session_auth_hash(request, user)
            return redirect("password_change_done")
    context = {
        "form": form,
        "reset": services.pending_reset(user),
        "expired": not user.must_change_password and services.password_expired(user),
        "max_age": settings.PASSWORD_MAX_AGE_DAYS,
    }
    return render(request, "registration/password_change_form.html", context)


@login_required
def password_change_done(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/password_change_done.html")


# --- the user's own security page (second factor) ------------------------------------------------


@login_required
def security_qr(request: HttpRequest) -> HttpResponse:
    """The QR code of the enrolment in progress (the secret stays in the session), as an SVG image."""
    secret = request.session.get(ENROL_SECRET)
    if not secret or selectors.has_second_factor(_user(request)):
        raise Http404
    uri = totp.provisioning_uri(str(secret), _user(request).username, settings.TOTP_ISSUER)
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(buffer, kind="svg", scale=5, title=_("动态口令绑定二维码"))
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml", headers={"Cache-Control": "no-store"})


@login_required
@require_http_methods(["GET", "POST"])
def security(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    context: dict[str, Any] = {"required": user.role in settings.TOTP_REQUIRED_ROLES}
    op = request.POST.get("op", "")
    try:
        if op == "start":
            request.session[ENROL_SECRET] = totp.new_secret()
        elif op == "confirm":
            form = EnrolForm(request.POST)
            secret = str(request.session.get(ENROL_SECRET) or "")
            if not secret or not form.is_valid():
                raise DomainError(services.MSG_BAD_CODE, code="bad_code")
            context["recovery_codes"] = services.enable_totp(
                user=user, secret=secret, code=form.cleaned_data["code"], ip=_ip(request)
            )
            request.session.pop(ENROL_SECRET, None)
        elif op in ("disable", "codes"):
            confirm = PasswordConfirmForm(request.POST)
            password = confirm.cleaned_data["password"] if confirm.is_valid() else ""
            if op == "disable":
                services.disable_totp(user=user, password=password, ip=_ip(request))
                messages.success(request, _("已关闭动态口令"))
                return redirect("accounts:security")
            context["recovery_codes"] = services.new_recovery_codes(user=user, password=password, ip=_ip(request))
        elif op == "cancel":
            request.session.pop(ENROL_SECRET, None)
    except DomainError as exc:
        context["error"] = exc.message
    secret = str(request.session.get(ENROL_SECRET) or "")
    enabled = selectors.has_second_factor(user)
    if secret and not enabled:
        context.update({"enrolling": True, "secret": secret, "enrol_form": EnrolForm()})
    context.update(
        {"enabled": enabled, "events": selectors.security_events(user), "password_form": PasswordConfirmForm()}
    )
    return render(request, "accounts/security.html", context, status=400 if context.get("error") else 200)


# --- the security administrator's account pages --------------------------------------------------


def _require_manager(request: HttpRequest) -> User:
    user = _user(request)
    if not policy.allows(user, "user.manage", User(agency=user.agency)) and not policy.allows(
        user, "user.manage", User(agency=None)
    ):
        raise Http404
    return user


@login_required
def users(request: HttpRequest) -> HttpResponse:
    manager = _require_manager(request)
    q, role = request.GET.get("q", "").strip()[:100], request.GET.get("role", "")
    rows = list(selectors.managed_users(manager, q=q, role=role if role in Role.values else "")[:200])
    locked = {r.key for r in services.locks(manager) if r.scope == ThrottleScope.ACCOUNT}
    return render(
        request,
        "accounts/users.html",
        {"rows": rows, "q": q, "role": role, "roles": Role.choices, "locked": locked, "locks": services.locks(manager)},
    )


def _agencies(manager: User) -> Any:
    return visible_agencies(manager).select_related("region").order_by("region__code", "name")


@login_required
@require_http_methods(["GET", "POST"])
def user_new(request: HttpRequest) -> HttpResponse:
    manager = _require_manager(request)
    form = NewAccountForm(request.POST or None, agencies=_agencies(manager))
    error = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, password = services.create_account(
                actor=manager,
                username=data["username"],
                role=data["role"],
                full_name=data["full_name"],
                agency=data["agency"],
                officer=data["certificate_no"],
            )
        except DomainError as exc:
            error = exc.message
        else:
            return render(
                request, "accounts/one_time_password.html", {"target": user, "password": password, "created": True}
            )
    return render(request, "accounts/user_new.html", {"form": form, "error": error}, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    manager = _require_manager(request)
    target = get_object_or_404(selectors.managed_users(manager), pk=pk)
    initial = {
        "role": target.role,
        "agency": str(target.agency_id or ""),
        "certificate_no": getattr(target.officer, "certificate_no", ""),
    }
    form = AccountForm(initial=initial, agencies=_agencies(manager))
    error = ""
    op = request.POST.get("op", "")
    if request.method == "POST":
        try:
            if op == "role":
                form = AccountForm(request.POST, agencies=_agencies(manager))
                if form.is_valid():
                    d = form.cleaned_data
                    services.change_role(
                        actor=manager, user=target, role=d["role"], agency=d["agency"], officer=d["certificate_no"]
                    )
                    messages.success(request, _("已变更角色"))
                    return redirect("accounts:user", pk=target.pk)
                error = _("请改正表单中的错误")
            elif op == "reset":
                password = services.reset_password(user=target, actor=manager)
                return render(request, "accounts/one_time_password.html", {"target": target, "password": password})
            elif op in ("deactivate", "activate"):
                reason = ReasonForm(request.POST)
                services.set_active(
                    actor=manager,
                    user=target,
                    active=op == "activate",
                    reason=reason.cleaned_data["reason"] if reason.is_valid() else "",
                )
                messages.success(request, _("已启用账号") if op == "activate" else _("已停用账号"))
                return redirect("accounts:user", pk=target.pk)
            elif op == "unlock":
                services.unlock(actor=manager, scope=ThrottleScope.ACCOUNT, key=target.username.lower())
                messages.success(request, _("已解除锁定"))
                return redirect("accounts:user", pk=target.pk)
            elif op == "reset_totp":
                services.reset_second_factor(user=target, actor=manager)
                messages.success(request, _("已重置动态口令，用户下次登录后须重新绑定（如角色要求）"))
                return redirect("accounts:user", pk=target.pk)
        except DomainError as exc:
            error = exc.message
    context = {
        "target": target,
        "form": form,
        "error": error,
        "locked": services.account_locked(target),
        "second_factor": selectors.has_second_factor(target),
        "last_reset": selectors.last_reset(target),
        "events": selectors.security_events(target),
        "is_self": target.pk == manager.pk,
    }
    return render(request, "accounts/user_detail.html", context, status=400 if error else 200)


@login_required
@require_POST
def unlock_address(request: HttpRequest) -> HttpResponse:
    manager = _require_manager(request)
    try:
        services.unlock(actor=manager, scope=request.POST.get("scope", ""), key=request.POST.get("key", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已解除锁定"))
    return redirect("accounts:users")


# --- the audit administrator's audit page ---------------------------------------------------------


@login_required
def audit(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not policy.allows(user, "audit.view"):
        raise Http404
    form = AuditFilterForm(request.GET or None)
    filters: dict[str, Any] = {"category": "security"}
    if form.is_valid():
        d = form.cleaned_data
        filters = {
            "category": d.get("category") or "security",
            "q": d.get("q") or "",
            "action": d.get("action") or "",
            "since": d.get("since"),
            "until": d.get("until"),
        }
    raw_page = request.GET.get("page", "1")
    page = int(raw_page) if raw_page.isascii() and raw_page.isdigit() and 0 < int(raw_page) < 100_000 else 1
    start = (page - 1) * selectors.PAGE_SIZE
    entries = list(selectors.audit_entries(user, **filters)[start : start + selectors.PAGE_SIZE + 1])
    has_next = len(entries) > selectors.PAGE_SIZE
    rows = selectors.audit_rows(entries[: selectors.PAGE_SIZE])
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/audit.html",
        {
            "form": form,
            "rows": rows,
            "page": page,
            "has_next": has_next,
            "query": query.urlencode(),
            "actions": sorted(selectors.ACTION_LABELS.items()),
        },
    )
