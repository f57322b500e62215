"""Judging a certificate (执法证) on a day from its dated history.

A certificate's current fields (valid from/until, status) say what it is today; an act recorded
after the fact (补录) must be judged on its own date, and a renewal overwrites those fields. So each
certificate keeps its history — issue, renewal, suspension, reinstatement, revocation, lapse, each
dated (``CertificateEvent``) — and this module replays it. It imports no models (the model and the
selectors both call it), so there is exactly one judge.

Replay, in the order the events were recorded:
- an issue or a renewal adds a validity period [valid_from, valid_until];
- a revocation on day X ends every period known so far on X − 1 (a period starting on or after X
  is void): a certificate revoked on X gives no power from X, even by a renewal recorded before the
  revocation; only a new issue or renewal recorded afterwards starts a new period;
- a lapse on day X (失效: the period ran out, or the certificate was declared invalid early) ends
  the period running on X on X − 1; a renewal already recorded for a later period stands;
- a suspension on day S lasts until the next reinstatement (day E, exclusive) or indefinitely.

A day is valid when it lies in a period and in no suspension.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

ISSUE = "issue"
RENEWAL = "renewal"
SUSPENSION = "suspension"
REINSTATEMENT = "reinstatement"
REVOCATION = "revocation"
LAPSE = "lapse"

VALID = "valid"
EXPIRED = "expired"
SUSPENDED = "suspended"
REVOKED = "revoked"
NOT_YET_VALID = "not_yet_valid"

ONE_DAY = dt.timedelta(days=1)


class EventLike(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def effective_on(self) -> dt.date: ...
    @property
    def valid_from(self) -> dt.date | None: ...
    @property
    def valid_until(self) -> dt.date | None: ...


@dataclass(frozen=True)
class PlainEvent:
    """An event that is not (yet) a database row: the fallback for an officer without history."""

    kind: str
    effective_on: dt.date
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


@dataclass(frozen=True)
class CertificateState:
    """Whether a certificate allows enforcement on a day, and if not, why (a Chinese phrase such as
    执法证在 2026-05-01 已过期（有效期至 2026-04-30）)."""

    valid: bool
    status: str
    reason: str = ""


@dataclass
class _Period:
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Replay:
    periods: list[tuple[dt.date, dt.date]]
    suspensions: list[tuple[dt.date, dt.date | None]]  # (from, until exclusive or None)
    ended: list[tuple[str, dt.date]]  # (revocation|lapse, day)


def replay(events: Iterable[EventLike]) -> Replay:
    """The validity periods and suspensions the history adds up to (events in recording order)."""
    periods: list[_Period] = []
    suspensions: list[tuple[dt.date, dt.date | None]] = []
    ended: list[tuple[str, dt.date]] = []
    open_suspension: dt.date | None = None
    for e in events:
        if e.kind in (ISSUE, RENEWAL) and e.valid_from and e.valid_until:
            periods.append(_Period(e.valid_from, e.valid_until))
        elif e.kind == REVOCATION:
            ended.append((e.kind, e.effective_on))
            for p in periods:
                p.end = min(p.end, e.effective_on - ONE_DAY)
        elif e.kind == LAPSE:
            ended.append((e.kind, e.effective_on))
            for p in periods:
                if p.start < e.effective_on <= p.end:
                    p.end = e.effective_on - ONE_DAY
                elif p.start == e.effective_on:
                    p.end = p.start - ONE_DAY  # declared invalid from its first day
        elif e.kind == SUSPENSION and open_suspension is None:
            open_suspension = e.effective_on
        elif e.kind == REINSTATEMENT and open_suspension is not None:
            if e.effective_on > open_suspension:
                suspensions.append((open_suspension, e.effective_on))
            open_suspension = None
    if open_suspension is not None:
        suspensions.append((open_suspension, None))
    return Replay([(p.start, p.end) for p in periods if p.start <= p.end], suspensions, ended)


def judge(events: Iterable[EventLike], day: dt.date, certificate_no: str = "") -> CertificateState:
    """THE judge of a certificate on ``day`` (see the module docstring)."""
    r = replay(events)
    iso = day.isoformat()
    if any(start <= day <= end for start, end in r.periods):
        for start, until in r.suspensions:
            if start <= day and (until is None or day < until):
                return CertificateState(False, SUSPENDED, f"执法证在 {iso} 处于暂扣期间")
        return CertificateState(True, VALID)
    revoked = [d for kind, d in r.ended if kind == REVOCATION and d <= day]
    if revoked:
        number = f"（{certificate_no}）" if certificate_no else ""
        return CertificateState(False, REVOKED, f"执法证{number}已于 {max(revoked).isoformat()} 被吊销")
    earlier = [end for start, end in r.periods if start <= day]
    if not earlier:
        starts = [start for start, _ in r.periods]
        if not starts:
            return CertificateState(False, EXPIRED, f"执法证在 {iso} 无有效期")
        return CertificateState(False, NOT_YET_VALID, f"执法证在 {iso} 尚未生效（有效期自 {min(starts).isoformat()}）")
    return CertificateState(False, EXPIRED, f"执法证在 {iso} 已过期（有效期至 {max(earlier).isoformat()}）")


def events_from_fields(valid_from: dt.date, valid_until: dt.date, status: str, *, today: dt.date) -> list[PlainEvent]:
    """The history implied by a certificate's current fields, for an officer recorded before the
    history existed (the backfill migration writes exactly these): the issue, and for a certificate
    not valid today the state since the start of its period (its date is unknown, so every day of
    the period is judged by it — what the fields alone said before)."""
    events = [PlainEvent(ISSUE, valid_from, valid_from, valid_until)]
    if status == SUSPENDED:
        events.append(PlainEvent(SUSPENSION, valid_from))
    elif status == REVOKED:
        events.append(PlainEvent(REVOCATION, valid_from))
    elif status == EXPIRED and valid_until >= today:
        # declared expired before its end date: ends from the start, as the field said
        events.append(PlainEvent(LAPSE, valid_from))
    elif status == EXPIRED:
        events.append(PlainEvent(LAPSE, valid_until + ONE_DAY))  # the period ran out
    # (a period that ran out under a "valid" status gets its lapse from the lapse job, with its
    # ledger entry: ``roster.certificates.record_due_lapses``)
    return events
