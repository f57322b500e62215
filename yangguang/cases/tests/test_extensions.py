"""The workflow's extension point: what the apps contributed matches the declaration, and a
contribution that names a step, kind, guard or document the declaration does not have stops the
start-up check with a message naming the app."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from yangguang.cases import extensions
from yangguang.cases.workflow import WORKFLOWS, CaseKind
from yangguang.core import extensions as core_extensions


@pytest.fixture
def temporary() -> Iterator[list[tuple[Any, str]]]:
    added: list[tuple[Any, str]] = []
    yield added
    for registry, name in added:
        registry.remove(name)


def test_the_installed_apps_contributions_match_the_declaration() -> None:
    assert extensions.problems() == []
    call_command("check")  # the system check yangguang.E001 passes
    assert extensions.GUARDS.app_of("legal_review_passed") == "review"
    assert extensions.GUARDS.app_of("av_recording") == "evidence"
    assert extensions.EFFECTS.app_of("publicity.publish_decision") == "publicity"
    assert extensions.STEP_KINDS["review_opinion"].documents == ("legal_review_opinion",)


def test_an_effect_on_a_renamed_action_fails_loudly(temporary: list[tuple[Any, str]]) -> None:
    extensions.contribute(
        "publicity", effects=[extensions.Effect("test.renamed", run=lambda ctx: None, actions={"decide_penalty"})]
    )
    temporary.append((extensions.EFFECTS, "test.renamed"))
    assert extensions.problems() == [
        "effect “test.renamed” of publicity reacts to step “decide_penalty” that no workflow declares"
    ]
    with pytest.raises(SystemCheckError, match="decide_penalty"):
        call_command("check")
    with pytest.raises(ImproperlyConfigured, match="decide_penalty"):
        core_extensions.check()


def test_an_effect_on_a_step_of_another_kind_fails(temporary: list[tuple[Any, str]]) -> None:
    effect = extensions.Effect("test.kind", run=lambda ctx: None, actions={"submit_review"}, kinds={CaseKind.LICENSING})
    extensions.contribute("review", effects=[effect])
    temporary.append((extensions.EFFECTS, "test.kind"))
    assert extensions.problems() == [
        "effect “test.kind” of review reacts to step “submit_review” that no workflow declares"
    ]


def test_a_renamed_document_code_fails_loudly(
    monkeypatch: pytest.MonkeyPatch, temporary: list[tuple[Any, str]]
) -> None:
    extensions.contribute(
        "review", step_kinds=[extensions.StepKind("test_opinion", "x", documents=("review_opinion_v2",))]
    )
    temporary.append((extensions.STEP_KINDS, "test_opinion"))
    wf = WORKFLOWS[CaseKind.PENALTY_ORDINARY]
    decide = wf.by_action("decide")
    assert decide is not None
    renamed = dataclasses.replace(decide, documents=("penalty_decision_v2",))
    transitions = tuple(renamed if t is decide else t for t in wf.transitions)
    monkeypatch.setitem(WORKFLOWS, CaseKind.PENALTY_ORDINARY, dataclasses.replace(wf, transitions=transitions))
    assert extensions.problems() == [
        "workflow penalty_ordinary, step “decide” issues document “penalty_decision_v2” that is not declared",
        "timeline step kind “test_opinion” of review issues document “review_opinion_v2” that is not declared",
    ]


def test_a_guard_no_app_registered_and_a_guard_no_step_names(monkeypatch: pytest.MonkeyPatch) -> None:
    passed = extensions.GUARDS["legal_review_passed"]
    monkeypatch.setattr(extensions.GUARDS, "_items", dict(extensions.GUARDS._items))
    extensions.GUARDS.remove("legal_review_passed")
    extensions.GUARDS.add("legal_review_passed_v2", passed, app="review")
    problems = extensions.problems()
    assert (
        "workflow penalty_ordinary, step “decide” names guard “legal_review_passed” that no app registered" in problems
    )
    assert "guard “legal_review_passed_v2” registered by review is named by no step" in problems


def test_a_step_kind_may_not_take_a_workflow_action(temporary: list[tuple[Any, str]]) -> None:
    extensions.contribute("review", step_kinds=[extensions.StepKind("decide", "x")])
    temporary.append((extensions.STEP_KINDS, "decide"))
    assert extensions.problems() == ["timeline step kind “decide” of review collides with a workflow step"]


def test_the_same_contribution_twice_is_kept_once_and_two_under_one_name_fail() -> None:
    guard = extensions.GUARDS["av_recording"]
    extensions.contribute("evidence", guards={"av_recording": guard})  # ready() run again
    assert extensions.GUARDS["av_recording"] is guard
    with pytest.raises(ImproperlyConfigured, match="“av_recording” is contributed twice"):
        extensions.contribute("publicity", guards={"av_recording": lambda ctx: None})
