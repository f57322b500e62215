"""Certificate checks (执法证核验) and their QR codes, as the public sees them.

``check_certificate`` states whether an officer's certificate is usable today and why; the QR code
of a certificate encodes the absolute URL of its verification page (``verification_url``), which is
the same function the print page shows beside the code.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import segno
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yangguang.publicity.tokens import certificate_token
from yangguang.roster.models import ActionKind, CertificateStatus, Officer

NOT_YET_VALID = "not_yet_valid"

# Printed size of the QR code on the certificate (the code plus its quiet zone), in millimetres,
# grown when a long address needs more modules so that no module is smaller than MIN_MODULE_MM
# (phone cameras read 0.5 mm modules at arm's length; 300 dpi printers draw them in six dots).
PRINT_SIZE_MM = 25
MIN_MODULE_MM = 0.5


@dataclass(frozen=True)
class CertificateCheck:
    """The answer to "may this officer act today?" (持证上岗)."""

    status: str  # valid / expired / suspended / revoked / not_yet_valid
    label: str
    is_valid: bool
    reason: str
    valid_from: dt.date
    valid_until: dt.date
    checked_on: dt.date


def check_certificate(officer: Officer, day: dt.date | None = None) -> CertificateCheck:
    day = day or timezone.localdate()
    status = officer.effective_status(day)
    valid_from, valid_until = officer.cert_valid_from, officer.cert_valid_until
    if status == CertificateStatus.VALID and day < valid_from:
        status = NOT_YET_VALID
    if status == CertificateStatus.VALID:
        label = _("有效")
        reason = _("证件状态正常，今日在有效期内，持证人可以从事执法活动。")
    elif status == CertificateStatus.EXPIRED:
        label = _("已过期")
        reason = _("证件有效期至%(until)s，已过期，持证人不得从事执法活动。") % {"until": valid_until.isoformat()}
    elif status == CertificateStatus.SUSPENDED:
        label = _("暂扣")
        reason = _("证件已被暂扣，暂扣期间持证人不得从事执法活动。")
    elif status == CertificateStatus.REVOKED:
        label = _("已吊销")
        reason = _("证件已被吊销，持证人不得从事执法活动。")
    else:
        label = _("尚未生效")
        reason = _("证件自%(since)s起生效，今日尚不能从事执法活动。") % {"since": valid_from.isoformat()}
    return CertificateCheck(
        status=status,
        label=label,
        is_valid=officer.certificate_valid_on(day),
        reason=reason,
        valid_from=valid_from,
        valid_until=valid_until,
        checked_on=day,
    )


def category_labels(officer: Officer) -> list[str]:
    return [str(ActionKind(c).label) if c in ActionKind.values else str(c) for c in officer.categories or []]


def token_for(officer: Officer) -> str:
    return certificate_token(officer.certificate_no)


def public_base_url(request: HttpRequest | None) -> str:
    """The origin printed into QR codes: ``settings.PUBLIC_BASE_URL`` (the portal's public address,
    e.g. https://zfgs.example.gov.cn) when set, so that a certificate printed from the intranet still
    points to the public site; otherwise the address of the current request."""
    configured = str(getattr(settings, "PUBLIC_BASE_URL", "") or "")
    if configured:
        return configured.rstrip("/")
    if request is None:
        return ""
    return request.build_absolute_uri("/").rstrip("/")


def verification_path(officer: Officer) -> str:
    return reverse("publicity:verify", args=[token_for(officer)])


def verification_url(officer: Officer, request: HttpRequest | None) -> str:
    """The absolute URL encoded in the officer's certificate QR code."""
    return public_base_url(request) + verification_path(officer)


def qr_svg(url: str, *, size_mm: float = PRINT_SIZE_MM, title: str = "", standalone: bool = False) -> str:
    """An SVG QR code of ``url`` (error correction M) drawn ``size_mm`` millimetres wide, quiet zone
    included; ``standalone`` gives a complete SVG file (XML declaration and namespace) instead of an
    element to embed in HTML."""
    qr = segno.make(url, error="m", micro=False)
    modules, _height = qr.symbol_size(scale=1, border=4)
    size_mm = max(size_mm, modules * MIN_MODULE_MM)
    options = {
        "scale": size_mm / modules,
        "border": 4,
        "unit": "mm",
        "title": title or None,
        "svgclass": "qr",
        "lineclass": None,
        "light": "#fff",
    }
    if not standalone:
        return str(qr.svg_inline(**options))
    buffer = io.BytesIO()
    qr.save(buffer, kind="svg", xmldecl=True, **options)
    return buffer.getvalue().decode("utf-8")
