"""Certificate verification (执法证核验): tokens, QR codes, the verification page and the manual check."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from PIL import Image

from yangguang.publicity.certificates import check_certificate, qr_svg
from yangguang.publicity.tokens import certificate_no_from_token, certificate_token
from yangguang.roster.models import CertificateStatus
from yangguang.roster.tests.factories import OfficerFactory

pytestmark = pytest.mark.django_db


def _html(response: Any) -> str:
    return response.content.decode()


# --- tokens ---------------------------------------------------------------------------------


def test_token_is_stable_and_round_trips() -> None:
    token = certificate_token("ZJ33010000000001")
    assert token == certificate_token("ZJ33010000000001")
    assert certificate_no_from_token(token) == "ZJ33010000000001"
    assert certificate_no_from_token(token.upper()) == "ZJ33010000000001"  # scanners may upper-case
    assert certificate_token("ZJ33010000000002") != token
    # Unicode certificate numbers survive too.
    assert certificate_no_from_token(certificate_token("浙杭执字第001号")) == "浙杭执字第001号"


@override_settings(SECRET_KEY="k1" * 30)
def test_token_depends_on_the_key_and_a_dedicated_key_wins() -> None:
    token = certificate_token("ZJ1")
    with override_settings(SECRET_KEY="k2" * 30):
        assert certificate_token("ZJ1") != token
        assert certificate_no_from_token(token) is None
    with override_settings(PUBLICITY_TOKEN_KEY="qr-key"):
        dedicated = certificate_token("ZJ1")
        with override_settings(SECRET_KEY="k3" * 30):
            # Rotating SECRET_KEY does not break printed QR codes once a dedicated key is set.
            assert certificate_token("ZJ1") == dedicated
    assert dedicated != token


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "abc",
        "-",
        "lbfdg-",
        "lbfdgmzq",
        "lbfdg!mzq-aaaaaaaaaaaaaaaa",
        "1-aaaaaaaaaaaaaaaa",
        "lbfdgmzq-aaaaaaaaaaaaaaaa",
    ],
)
def test_malformed_or_forged_tokens_are_refused(bad: str) -> None:
    assert certificate_no_from_token(bad) is None


def test_a_token_with_a_tampered_mac_is_refused() -> None:
    token = certificate_token("ZJ33010000000001")
    body, mac = token.split("-")
    flipped = ("b" if mac[0] == "a" else "a") + mac[1:]
    assert certificate_no_from_token(f"{body}-{flipped}") is None
    # Another certificate's number with this MAC is refused as well.
    other_body = certificate_token("ZJ33010000000002").split("-")[0]
    assert certificate_no_from_token(f"{other_body}-{mac}") is None


# --- status --------------------------------------------------------------------------------


def test_check_certificate_states_exact_status_and_reason(statuses: dict[str, Any], today: dt.date) -> None:
    valid = check_certificate(statuses["valid"], today)
    assert (valid.status, valid.label, valid.is_valid) == ("valid", "有效", True)
    assert valid.reason == "证件状态正常，今日在有效期内，持证人可以从事执法活动。"

    expired = check_certificate(statuses["expired"], today)
    assert (expired.status, expired.label, expired.is_valid) == ("expired", "已过期", False)
    lapsed = (today - dt.timedelta(days=1)).isoformat()
    assert expired.reason == f"证件有效期至{lapsed}，已过期，持证人不得从事执法活动。"

    suspended = check_certificate(statuses["suspended"], today)
    assert (suspended.status, suspended.label, suspended.is_valid) == ("suspended", "暂扣", False)
    assert suspended.reason == "证件已被暂扣，暂扣期间持证人不得从事执法活动。"

    revoked = check_certificate(statuses["revoked"], today)
    assert (revoked.status, revoked.label, revoked.is_valid) == ("revoked", "已吊销", False)
    assert revoked.reason == "证件已被吊销，持证人不得从事执法活动。"


def test_expiry_is_inclusive_of_the_last_day(agency: Any, today: dt.date) -> None:
    off: Any = OfficerFactory(agency=agency, cert_valid_until=today)
    assert check_certificate(off, today).status == "valid"
    assert check_certificate(off, today + dt.timedelta(days=1)).status == "expired"


def test_a_certificate_not_yet_in_force_is_not_valid(agency: Any, today: dt.date) -> None:
    start = today + dt.timedelta(days=3)
    off: Any = OfficerFactory(agency=agency, cert_valid_from=start)
    check = check_certificate(off, today)
    assert (check.status, check.label, check.is_valid) == ("not_yet_valid", "尚未生效", False)
    assert check.reason == f"证件自{start.isoformat()}起生效，今日尚不能从事执法活动。"


# --- the verification page ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "status", "label", "css"),
    [
        ("valid", "valid", "有效", "is-valid"),
        ("expired", "expired", "已过期", "is-invalid"),
        ("suspended", "suspended", "暂扣", "is-invalid"),
        ("revoked", "revoked", "已吊销", "is-invalid"),
    ],
)
def test_verification_page_shows_status_today(
    public: Any, statuses: dict[str, Any], key: str, status: str, label: str, css: str
) -> None:
    off = statuses[key]
    html = _html(public.get(f"/public/verify/{certificate_token(off.certificate_no)}/"))
    assert f'class="cert-status {css}" data-status="{status}"' in html
    assert f'<span class="cert-status-label">{label}</span>' in html
    assert check_certificate(off).reason in html
    for text in [
        off.name,
        "杭州市市场监督管理局",
        off.certificate_no,
        "行政处罚、行政检查、行政强制、行政许可",
        "杭州市",
    ]:
        assert text in html
    assert f"{off.cert_valid_from:%Y-%m-%d} 至 {off.cert_valid_until:%Y-%m-%d}" in html


def test_status_change_shows_on_the_same_token(public: Any, officer: Any) -> None:
    off = officer.officer
    url = f"/public/verify/{certificate_token(off.certificate_no)}/"
    assert 'data-status="valid"' in _html(public.get(url))
    off.cert_status = CertificateStatus.REVOKED
    off.save()
    assert 'data-status="revoked"' in _html(public.get(url))


def test_wrong_token_is_404(public: Any, officer: Any) -> None:
    off = officer.officer
    token = certificate_token(off.certificate_no)
    body, mac = token.split("-")
    forged = f"{body}-{'a' * len(mac) if mac != 'a' * len(mac) else 'b' * len(mac)}"
    for url in [
        f"/public/verify/{forged}/",
        f"/public/verify/{off.pk}/",  # the database id is not a way in
        f"/public/verify/{certificate_token('NO-SUCH-CERT')}/",  # genuine token, no such certificate
        f"/public/verify/{forged}/qr/",
        f"/public/verify/{forged}/qr.svg",
        f"/public/verify/{forged}/photo",
    ]:
        response = public.get(url)
        assert response.status_code == 404, url
    html = _html(public.get(f"/public/verify/{forged}/"))
    assert "未找到该执法证：二维码无效或证件信息已变更。请通过“执法证核验”输入证件编号核对。" in html


def test_a_changed_certificate_number_invalidates_the_old_code(public: Any, officer: Any) -> None:
    off = officer.officer
    old = certificate_token(off.certificate_no)
    off.certificate_no = "ZJ-REISSUED-0009"
    off.save()
    assert public.get(f"/public/verify/{old}/").status_code == 404
    assert public.get(f"/public/verify/{certificate_token('ZJ-REISSUED-0009')}/").status_code == 200


def test_photo_is_served_through_the_token(public: Any, officer: Any, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    off = officer.officer
    token = certificate_token(off.certificate_no)
    assert public.get(f"/public/verify/{token}/photo").status_code == 404  # no photo yet
    assert "未登记照片" in _html(public.get(f"/public/verify/{token}/"))
    buffer = io.BytesIO()
    Image.new("RGB", (30, 40), "#336699").save(buffer, format="PNG")
    off.photo.save("liming.png", ContentFile(buffer.getvalue()))
    html = _html(public.get(f"/public/verify/{token}/"))
    assert f'<img class="cert-photo" src="/public/verify/{token}/photo" alt="李明的照片"' in html
    response = public.get(f"/public/verify/{token}/photo")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == buffer.getvalue()


# --- QR codes -------------------------------------------------------------------------------


def test_qr_page_encodes_the_verification_url(public: Any, officer: Any) -> None:
    off = officer.officer
    token = certificate_token(off.certificate_no)
    expected = f"http://testserver/public/verify/{token}/"
    html = _html(public.get(f"/public/verify/{token}/qr/"))
    assert f'data-verification-url="{expected}"' in html
    assert f'<a id="verification-url" href="{expected}">{expected}</a>' in html
    # The code drawn on the page is the code of exactly that URL, 25 mm wide for the certificate.
    assert qr_svg(expected, title="执法证核验二维码") in html
    assert 'width="25.0mm"' in html
    assert f'<span class="qr-cert-no">{off.certificate_no}</span>' in html


def test_qr_grows_for_long_addresses_so_modules_stay_readable() -> None:
    assert 'width="25.0mm"' in qr_svg("https://a.cn/public/verify/x/")
    long_url = (
        "https://zfgs.example.gov.cn/public/verify/" + certificate_token("浙江省杭州市执法证第0000000001号") + "/"
    )
    svg = qr_svg(long_url)
    # 49 modules of a version-8 symbol plus 8 of quiet zone, at the 0.5 mm floor.
    assert svg.startswith('<svg width="28.5mm" height="28.5mm"')
    assert 'transform="scale(0.5)"' in svg


@override_settings(PUBLIC_BASE_URL="https://zfgs.example.gov.cn/")
def test_qr_uses_the_public_address_when_configured(public: Any, officer: Any) -> None:
    token = certificate_token(officer.officer.certificate_no)
    html = _html(public.get(f"/public/verify/{token}/qr/"))
    assert f'data-verification-url="https://zfgs.example.gov.cn/public/verify/{token}/"' in html


def test_qr_svg_download(public: Any, officer: Any) -> None:
    token = certificate_token(officer.officer.certificate_no)
    response = public.get(f"/public/verify/{token}/qr.svg")
    assert response["Content-Type"] == "image/svg+xml"
    body = response.content.decode()
    assert body.startswith("<?xml")
    assert 'xmlns="http://www.w3.org/2000/svg"' in body
    assert f"<title>{officer.officer.certificate_no}</title>" in body


# --- the manual check ------------------------------------------------------------------------


def test_manual_check_finds_the_certificate_by_number_and_name(public: Any, officer: Any) -> None:
    off = officer.officer
    response = public.get("/public/verify/", {"certificate_no": f" {off.certificate_no.lower()} ", "name": "李明"})
    assert response.status_code == 302
    assert response["Location"] == f"/public/verify/{certificate_token(off.certificate_no)}/"


def test_manual_check_refuses_a_wrong_name(public: Any, officer: Any) -> None:
    response = public.get("/public/verify/", {"certificate_no": officer.officer.certificate_no, "name": "李四"})
    assert response.status_code == 200
    assert "未找到与该执法证号和姓名相符的执法证，请核对后重新输入。" in _html(response)


def test_manual_check_needs_both_fields(public: Any) -> None:
    html = _html(public.get("/public/verify/", {"certificate_no": "ZJ1"}))
    assert "请填写执法证号和姓名。" in html
    html = _html(public.get("/public/verify/"))
    assert 'role="alert"' not in html
    assert '<label for="id_certificate_no">执法证号</label>' in html and '<label for="id_name">姓名</label>' in html
