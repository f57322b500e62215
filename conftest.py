"""Shared fixtures: named personas (officer, reviewer, supervisor, public, ...) and the browser.

Passwords of every persona are ``Yangguang-2026``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

PASSWORD = "Yangguang-2026"
CHROMIUM = os.environ.get("YG_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session", autouse=True)
def _ledger_signing_key(tmp_path_factory: Any) -> None:
    """The ledger never creates its signing key by itself (``manage.py ledger keygen`` does): the
    suite makes one per test process, in a directory of its own."""
    from django.conf import settings

    from yangguang.ledger.crypto import generate_key

    settings.LEDGER_KEY_DIR = tmp_path_factory.mktemp("ledger-keys")
    generate_key()


@pytest.fixture(autouse=True, scope="session")
def _extensions_match_declarations() -> None:
    """The start-up check (``yangguang.E001``) as the test session starts: every contribution made
    through ``yangguang.core.extensions`` matches the declarations it names."""
    from yangguang.core import extensions

    extensions.check()


@pytest.fixture(autouse=True)
def _ledger_numbers_from_zero(request: Any) -> None:
    """PostgreSQL sequences ignore rollbacks: each database test numbers its ledger entries from
    the log's size (0), as a fresh database would (SQLite needs nothing)."""
    uses_db = request.node.get_closest_marker("django_db") is not None or any(
        name in request.fixturenames for name in ("db", "transactional_db", "live_server")
    )
    if not uses_db:
        return
    request.getfixturevalue("django_db_setup")
    from yangguang.ledger.integration import restart_sequence

    with request.getfixturevalue("django_db_blocker").unblock():
        restart_sequence()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """PBKDF2 costs about a second per persona on this machine; tests need no slow hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _ledger_integrated_at_once(settings: Any) -> None:
    """PostgreSQL: entries join the Merkle tree right after each commit, so tests see their hashes at
    once (the batching interval has its own test)."""
    settings.LEDGER_INTEGRATE_INTERVAL = 0.0


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Each test starts with an empty cache (the to-do counts of the top bar are cached per user
    id, and ids are reused once a test's transaction rolls back)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _outbox_in_line(settings: Any) -> None:
    """After-commit work (publication, indexing, documents) runs when it is queued, so tests of
    other behaviour see its result at once; tests of the queue and of the transaction boundary
    set ``settings.JOBS_OUTBOX_EAGER = False``."""
    settings.JOBS_OUTBOX_EAGER = True


@pytest.fixture
def city(db: Any) -> Any:
    from yangguang.roster.models import Region, RegionLevel

    province, _ = Region.objects.get_or_create(
        code="330000", defaults={"name": "浙江省", "level": RegionLevel.PROVINCE, "path": "/330000/"}
    )
    region, _ = Region.objects.get_or_create(
        code="330100",
        defaults={"name": "杭州市", "level": RegionLevel.CITY, "parent": province, "path": "/330000/330100/"},
    )
    return region


@pytest.fixture
def agency(city: Any) -> Any:
    from yangguang.roster.tests.factories import AgencyFactory, UnitFactory

    agency = AgencyFactory(name="杭州市市场监督管理局", region=city)
    UnitFactory(agency=agency, name="执法稽查处")
    UnitFactory(agency=agency, name="法规处", is_review_unit=True)
    return agency


@pytest.fixture
def justice_bureau(city: Any) -> Any:
    from yangguang.roster.tests.factories import AgencyFactory

    return AgencyFactory(name="杭州市司法局", region=city, is_supervisor=True, power_kinds=[])


def _persona(
    username: str, role: str, agency: Any, *, officer: bool = True, review_unit: bool = False, **officer_kw: Any
) -> Any:
    from yangguang.roster.tests.factories import OfficerFactory, UserFactory

    off = None
    if officer:
        unit = agency.units.filter(is_review_unit=review_unit).first()
        off = OfficerFactory(agency=agency, unit=unit, **officer_kw)
    return UserFactory(username=username, role=role, agency=agency, officer=off)


@pytest.fixture
def officer(agency: Any) -> Any:
    """A case-handling officer with a valid certificate."""
    return _persona("officer", "officer", agency, name="李明")


@pytest.fixture
def officer2(agency: Any) -> Any:
    """A second certified officer: penalties need two (行政处罚法 Art. 42)."""
    return _persona("officer2", "officer", agency, name="赵强")


@pytest.fixture
def unit_head(agency: Any) -> Any:
    return _persona("unithead", "unit_head", agency, name="钱科长")


@pytest.fixture
def reviewer(agency: Any) -> Any:
    """A legal reviewer of the review unit (法规处) with the legal professional qualification."""
    return _persona(
        "reviewer", "reviewer", agency, review_unit=True, name="孙审核", is_reviewer=True, legal_qualification=True
    )


@pytest.fixture
def agency_head(agency: Any) -> Any:
    return _persona("agencyhead", "agency_head", agency, name="周局长")


@pytest.fixture
def supervisor(justice_bureau: Any) -> Any:
    return _persona("supervisor", "supervisor", justice_bureau, officer=False)


@pytest.fixture
def admin_user(db: Any) -> Any:
    """The system administrator (系统管理员): configuration and master data, no power over cases."""
    from yangguang.roster.tests.factories import UserFactory

    return UserFactory(username="admin", role="system_admin", is_staff=True, full_name="系统管理员")


@pytest.fixture
def security_admin(justice_bureau: Any) -> Any:
    """The security administrator (安全管理员) of the city justice bureau: accounts, roles, password
    resets, and the certificates it issues (发证机关) for the city and the regions below."""
    from yangguang.roster.tests.factories import UserFactory

    return UserFactory(
        username="secadmin", role="security_admin", agency=justice_bureau, is_staff=True, full_name="安全管理员"
    )


@pytest.fixture
def audit_admin(db: Any) -> Any:
    """The audit administrator (审计管理员): reads the audit log and the ledger, nothing else."""
    from yangguang.roster.tests.factories import UserFactory

    return UserFactory(username="auditor", role="audit_admin", full_name="审计管理员")


@pytest.fixture
def public(client: Any) -> Any:
    """An anonymous member of the public."""
    return client


# --- Browser (end-to-end) -------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM}: run `make chromium` (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; Django refuses ORM calls while one
    # runs unless told it is safe, which it is here (tests own the thread).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        )
        yield b
        b.close()


# Every page is served with a Content-Security-Policy without 'unsafe-inline' (issue 11): each
# browser test also fails when the page broke that policy (an inline script, handler or style the
# browser refused), reported through the page's console.
CSP_WATCH = """document.addEventListener("securitypolicyviolation", function (e) {
  console.error("CSP violation: " + e.violatedDirective + " " + (e.blockedURI || "inline") + " at " +
                (e.sourceFile || location.href) + ":" + e.lineNumber);
});"""


def csp_violations(context: Any) -> list[str]:
    """Start recording the CSP violations of every page of ``context``; returns the live list."""
    found: list[str] = []
    context.add_init_script(CSP_WATCH)

    def on_console(msg: Any) -> None:
        if "Content Security Policy" in msg.text or msg.text.startswith("CSP violation"):
            found.append(msg.text)

    context.on("console", on_console)
    return found


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    violations = csp_violations(context)
    pg = context.new_page()
    yield pg
    context.close()
    assert violations == [], "the page broke its Content-Security-Policy"


@pytest.fixture
def login(page: Any, live_server: Any) -> Any:
    """login(user) signs ``user`` in through the real login page."""

    def _login(user: Any) -> Any:
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        return page

    return _login
