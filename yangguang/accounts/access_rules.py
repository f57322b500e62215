"""The accounts app's part of the permission policy: the subjects of its audit records that are not
accounts (a username that matches no account, a client address) resolve to nothing, so only the
audit administrator reads them. The actions it asks (``user.manage``, ``audit.view``,
``user.view``) are the roster's (accounts are roster users)."""

from __future__ import annotations

from yangguang.access import policy


def register() -> None:
    for prefix in ("accounts.login", "accounts.address"):
        policy.register_subject(prefix, resolve=lambda rest: None, action="audit.view", audit=True)
