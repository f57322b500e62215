"""Security headers on every response: the Content-Security-Policy and the Permissions-Policy
(settings ``CONTENT_SECURITY_POLICY`` and ``PERMISSIONS_POLICY``).

Django's own middleware sends the others (see settings: X-Frame-Options, X-Content-Type-Options,
Referrer-Policy, Cross-Origin-Opener-Policy, and Strict-Transport-Security on HTTPS requests).

The policy allows scripts and styles from this origin only: templates carry no inline
``<script>``, no ``on…=`` handler, no ``style=`` attribute and no ``<style>`` element (behaviour is
in static files under ``static/js``, data in ``json_script`` blocks; ``tests/test_security_headers.py``
scans every template and rendered page to keep it so), and htmx runs with eval turned off.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def csp_header_value(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}".strip() for name, value in directives.items())


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy and Permissions-Policy headers (a view may set its own)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.csp = csp_header_value(settings.CONTENT_SECURITY_POLICY)
        self.permissions: str = settings.PERMISSIONS_POLICY
        self.baseline = [
            ("X-Frame-Options", settings.X_FRAME_OPTIONS),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", settings.SECURE_REFERRER_POLICY),
        ]

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.csp and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.csp
        if self.permissions and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.permissions
        # Responses answered before Django's own middleware (health probes) get its headers too.
        for name, value in self.baseline:
            if name not in response:
                response[name] = value
        return response
