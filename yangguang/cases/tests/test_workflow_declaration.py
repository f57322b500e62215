"""The declaration is consistent: every state, guard, handler, deadline and role it names exists."""

from __future__ import annotations

from yangguang.cases.access_rules import APPROVERS
from yangguang.cases.extensions import GUARDS
from yangguang.cases.guards import MSG
from yangguang.cases.services.appliers import APPLY
from yangguang.cases.workflow import APPROVALS, DEADLINES, WORKFLOWS, CaseKind, CaseState
from yangguang.roster.models import Role


def test_every_kind_has_a_workflow() -> None:
    assert set(WORKFLOWS) == set(CaseKind.values)


def test_names_resolve() -> None:
    for wf in WORKFLOWS.values():
        assert wf.initial in wf.states
        assert set(wf.states) <= set(CaseState.values)
        assert len(set(wf.states)) == len(wf.states)
        for t in wf.transitions:
            assert set(t.sources) <= set(wf.states), (wf.kind, t.action)
            assert t.target is None or t.target in wf.states, (wf.kind, t.action)
            assert set(t.guards) <= set(GUARDS), (wf.kind, t.action)
            assert set(t.deadlines) <= set(DEADLINES)
            assert t.roles and set(t.roles) <= set(Role.values)
            assert {f.name for f in t.fields} & {"reason"} == set()  # the reason is separate


def test_every_state_changing_step_that_sets_dates_has_its_handler() -> None:
    for action in ("file", "issue_notice", "decide", "serve", "close", "archive", "impose", "accept"):
        assert action in APPLY


def test_no_duplicate_action_from_a_state() -> None:
    for wf in WORKFLOWS.values():
        for state in wf.states:
            actions = [t.action for t in wf.from_state(state)]
            assert len(actions) == len(set(actions)), (wf.kind, state)


def test_every_state_is_reachable_and_non_terminal_states_have_a_way_out() -> None:
    for wf in WORKFLOWS.values():
        reached = {wf.initial}
        frontier = [wf.initial]
        while frontier:
            s = frontier.pop()
            for t in wf.from_state(s):
                if t.target and t.target not in reached:
                    reached.add(t.target)
                    frontier.append(t.target)
        assert reached == set(wf.states), wf.kind
        for s in set(wf.states) - wf.terminal:
            assert any(t.target for t in wf.from_state(s)), (wf.kind, s)
        for s in wf.terminal:
            assert not any(t.target for t in wf.from_state(s)), (wf.kind, s)


def test_penalty_ordinary_follows_the_law_in_order() -> None:
    wf = WORKFLOWS[CaseKind.PENALTY_ORDINARY]
    path = ["file", "end_investigation", "issue_notice", "decide", "serve", "close", "archive"]
    state = wf.initial
    for action in path:
        t = wf.get(state, action)
        assert t is not None and t.target, action
        state = t.target
    assert state == CaseState.ARCHIVED
    decide = wf.by_action("decide")
    # the handlers draft the decision; the agency's responsible person signs it off (审签)
    assert decide is not None and decide.approval is not None and decide.approval.code == "decision"
    assert APPROVERS["decision"] == {Role.AGENCY_HEAD}
    assert {"notice_given", "statement_period_over", "hearing_not_pending", "collective_discussion"} <= set(
        decide.guards
    )
    assert "two_certified_officers" in wf.by_action("file").guards  # type: ignore[union-attr]


def test_messages_name_their_article() -> None:
    for code, text in MSG.items():
        if code in (
            "hearing_duplicate",
            "hearing_date_not_reached",
            "no_fine",
            "fine_paid",
            "violation_not_found",
            "party_required",
            "fine_amount_missing",
            "confiscation_amount_missing",
            "decision_no_penalty_types",
        ):
            continue
        assert "《" in text and "第" in text, code


def test_every_approval_has_approvers_in_the_policy() -> None:
    """The declarations name the approvals; who gives each is the permission policy's."""
    assert set(APPROVALS) == set(APPROVERS)
    approvals = {
        (kind, t.action): t.approval.code for kind, wf in WORKFLOWS.items() for t in wf.transitions if t.approval
    }
    assert approvals == {
        ("penalty_ordinary", "file"): "filing",
        ("penalty_ordinary", "preserve_evidence"): "preservation",
        ("penalty_ordinary", "extend_decision_deadline"): "extension",
        ("penalty_ordinary", "decide"): "decision",
        ("coercive_measure", "impose"): "seizure",
        ("coercive_measure", "extend_seizure"): "extension",
        ("licensing", "extend_licensing"): "extension",
        ("licensing", "decide_licence"): "licensing_decision",
    }
