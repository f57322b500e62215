"""Demo cases are made through the real workflow."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from yangguang.cases.models import Case


def test_seed_demo_cases(officer: Any, officer2: Any, agency_head: Any, item: Any) -> None:
    out = StringIO()
    call_command("seed_demo_cases", "--officer", "officer", stdout=out)
    states = sorted(Case.objects.values_list("state", flat=True))
    assert states == ["closed", "clue", "investigating", "notified"]
    assert "已生成演示案件" in out.getvalue()
    call_command("seed_demo_cases", "--if-empty", stdout=out)
    assert Case.objects.count() == 4


def test_seed_demo_cases_needs_a_colleague_and_a_head(officer: Any) -> None:
    with pytest.raises(CommandError, match="演示案件需要本机关另一名持证执法人员和一名机关负责人账号"):
        call_command("seed_demo_cases", stdout=StringIO())
