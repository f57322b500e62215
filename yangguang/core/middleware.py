"""Process-level middleware: health probes and the real client address behind a reverse proxy."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from . import health

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class HealthMiddleware:
    """``/healthz`` (the process answers) and ``/readyz`` (it can serve: database, storage,
    migrations) before host validation, sessions and the rest: probes come from load balancers and
    orchestrators that address the process by IP."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == "/healthz":
            return JsonResponse({"status": "ok"}, headers={"Cache-Control": "no-store"})
        if request.path == "/readyz":
            checks = health.readiness()
            ok = all(c["ok"] for c in checks.values())
            return JsonResponse(
                {"status": "ok" if ok else "unavailable", "checks": checks},
                status=200 if ok else 503,
                headers={"Cache-Control": "no-store"},
            )
        return self.get_response(request)


def _networks() -> list[Network]:
    out: list[Network] = []
    for raw in getattr(settings, "TRUSTED_PROXIES", []):
        out.append(ipaddress.ip_network(raw, strict=False))
    return out


def client_ip(remote_addr: str, forwarded_for: str, trusted: list[Network]) -> str:
    """The client address: walk X-Forwarded-For from the right (the hop nearest to us) while the
    hop is a trusted proxy; the first untrusted address is the client. A client cannot forge its
    way past a proxy that appends what it saw, whatever it puts on the left."""

    def is_trusted(addr: str) -> bool:
        try:
            ip = ipaddress.ip_address(addr)
        except ValueError:
            return False
        return any(ip in net for net in trusted)

    if not trusted or not is_trusted(remote_addr):
        return remote_addr
    hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]
    for hop in reversed(hops):
        if not is_trusted(hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote_addr
    return hops[0] if hops else remote_addr


class RealClientIPMiddleware:
    """Sets ``REMOTE_ADDR`` to the real client address when the request came through a trusted
    reverse proxy (``YG_TRUSTED_PROXIES``), so logs, throttling and audit records see the client,
    not the proxy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.trusted = _networks()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.trusted:
            request.META["REMOTE_ADDR"] = client_ip(
                request.META.get("REMOTE_ADDR", ""), request.META.get("HTTP_X_FORWARDED_FOR", ""), self.trusted
            )
        return self.get_response(request)
