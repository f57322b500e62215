"""The published flowchart is drawn from the workflow declaration."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest

from yangguang.cases.flowchart import render_svg
from yangguang.cases.workflow import WORKFLOWS, CaseKind, CaseState

NS = {"s": "http://www.w3.org/2000/svg"}


@pytest.mark.parametrize("kind", CaseKind.values)
def test_every_state_and_transition_is_drawn(kind: str) -> None:
    svg = ET.fromstring(render_svg(kind))
    wf = WORKFLOWS[kind]
    states = {g.get("data-state") for g in svg.iterfind(".//s:g[@class='state']", NS)}
    assert states == set(wf.states)
    drawn = {g.get("data-action") for g in svg.iter("{http://www.w3.org/2000/svg}g") if g.get("data-action")}
    assert drawn == {t.action for t in wf.transitions if t.target}
    text = "".join(svg.itertext())
    for s in wf.states:
        assert str(CaseState(s).label) in text
    for t in wf.transitions:
        assert t.label in text  # arrows are labelled, records are listed beside their state


def test_current_state_is_highlighted() -> None:
    svg = render_svg("penalty_ordinary", current="notified")
    assert '<g class="state current" data-state="notified">' in svg
    assert svg.count("state current") == 1


def test_public_url_needs_no_login(public: Any) -> None:
    r = public.get("/cases/flowchart/penalty_ordinary.svg")
    assert r.status_code == 200 and r["Content-Type"].startswith("image/svg+xml")
    assert "行政处罚（普通程序）流程图" in r.content.decode()
    assert public.get("/cases/flowchart/nothing.svg").status_code == 404
