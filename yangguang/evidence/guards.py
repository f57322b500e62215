"""The AV recording list (音像记录事项清单) as a guard of the case workflow (contributed in
``apps.py``)."""

from __future__ import annotations

from yangguang.cases.extensions import GuardContext
from yangguang.core.errors import DomainError

from .selectors import recording_missing


def av_recording(ctx: GuardContext) -> None:
    """A step the AV item list says must be recorded needs its recording uploaded, or an exception
    recorded by the officer with its reason."""
    message = recording_missing(ctx.case, ctx.transition.action)
    if message:
        raise DomainError(message, code="av_recording_missing")


GUARDS = {"av_recording": av_recording}
