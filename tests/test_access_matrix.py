"""The generated access matrix (issue 11 and 12, "Done when"): every role × every page and API
operation × own agency / other agency / secret case, over HTTP, on both databases.

The world is built once per module (and worker) and rolled back at the end; each role's column is
one test, so the columns spread over the workers. A column must keep the rules of issue 11
(``violations``) and be the one printed in docs/access-matrix.md; the printed rows must be every
endpoint there is. Regenerate with ``python manage.py access_matrix`` and review the difference.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from yangguang.demo import access_matrix as am

pytestmark = pytest.mark.django_db  # the test databases exist only for tests that ask

DOC = Path(__file__).resolve().parent.parent / "docs" / "access-matrix.md"
STALE = "docs/access-matrix.md is stale: run `python manage.py access_matrix` and review the difference"


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[am.World]:
    media = tmp_path_factory.mktemp("matrix-media")
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"], MEDIA_ROOT=str(media)),
        transaction.atomic(),
    ):
        yield am.build_world()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def printed() -> dict[am.Row, list[str]]:
    return am.parse(DOC.read_text(encoding="utf-8"))


def test_every_endpoint_is_printed(world: am.World, printed: dict[am.Row, list[str]]) -> None:
    current = [row for row, _i, _c in am.rows(am.served_endpoints())]
    assert current == list(printed), STALE


@pytest.mark.parametrize("principal", [name for name, _label in am.PRINCIPALS])
def test_column(world: am.World, printed: dict[am.Row, list[str]], principal: str) -> None:
    matrix = am.run(world, [principal])
    assert am.violations(matrix) == []
    index = [name for name, _label in am.PRINCIPALS].index(principal)
    expected = {row: cells[index] for row, cells in printed.items()}
    got = am.column(matrix, principal)
    assert {r: c for r, c in got.items() if expected.get(r) != c} == {}, STALE


def test_the_role_action_table_is_current() -> None:
    from yangguang.access import table
    from yangguang.demo.management.commands.access_matrix import DOCS, role_labels

    assert (DOCS / "access-policy.md").read_text(encoding="utf-8") == table.render(role_labels()), STALE
