"""The logins' reconciler folds a login's entries (created, placed, deactivated) into the state its
record must have."""

from __future__ import annotations

from types import SimpleNamespace

from yangguang.roster.reconcile import UserReconciler


def _doc(action: str, **payload: object) -> dict[str, object]:
    return {"action": action, "subject": "roster.user:7", "payload": payload}


def test_a_logins_entries_fold_into_its_expected_state() -> None:
    r = UserReconciler()
    state = None
    for doc in (
        _doc("roster.user.create", username="clerk", role="officer", agency=3, officer=None),
        _doc("auth.login"),  # not a roster.user entry: not the reconciler's (key is None)
        _doc("roster.user.role", before={"role": "officer"}, after={"role": "unit_head", "agency": 3, "officer": 9}),
        _doc("roster.user.deactivate", reason="调离"),
    ):
        if r.key(doc) is not None:
            state = r.fold(state, doc)
    assert state == {"username": "clerk", "role": "unit_head", "agency": 3, "officer": 9, "is_active": False}
    record = SimpleNamespace(
        username="clerk", role="unit_head", agency_id=3, officer_id=9, is_active=False, full_name="", is_staff=False
    )
    assert r.differs(state, 42, record) is None
    record.is_active = True  # reactivated in the database, without its entry
    record.role = "agency_head"
    assert r.differs(state, 42, record) == "角色、启用状态"
    assert not r.is_deletion(state)
    assert r.is_deletion(r.fold(state, _doc("roster.user.delete", repr="clerk")))
