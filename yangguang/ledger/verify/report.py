"""What verification found: problems, named as an edit, deletion, insertion or reordering of an
entry, and the report that collects them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Problem:
    """One finding. ``code`` is stable for machines; ``message`` is the Chinese sentence."""

    code: str
    message: str
    seq: int | None = None

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "message": self.message, "seq": self.seq}


@dataclass
class VerifyReport:
    entries: int = 0
    checkpoints: int = 0
    hash_alg: str = ""
    bytes_hashed: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    # What this verification could not rule out (said plainly, in Chinese), and what it checked.
    caveats: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    covered: int = 0  # entries covered by a valid signed checkpoint
    witnessed: int = 0  # entries covered by a checkpoint cosigned by a quorum of configured witnesses
    trusted: int = 0  # outside checkpoints the log was checked against
    reconciled: list[str] = field(default_factory=list)  # names of the record kinds reconciled
    reconcile_seconds: float = 0.0
    pending: int = 0  # sequenced, not yet integrated (PostgreSQL)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first(self) -> Problem | None:
        """The problem naming the lowest entry, else the first problem found."""
        with_seq = [p for p in self.problems if p.seq is not None]
        if with_seq:
            return min(with_seq, key=lambda p: p.seq if p.seq is not None else -1)
        return self.problems[0] if self.problems else None


def edited(seq: int) -> Problem:
    return Problem("entry_edited", f"第 {seq} 条记录被修改", seq)


def deleted(seq: int) -> Problem:
    return Problem("entry_deleted", f"第 {seq} 条记录被删除", seq)


def inserted(seq: int) -> Problem:
    return Problem("entry_inserted", f"第 {seq} 条记录是插入的", seq)


def reordered(seq: int, other: int) -> Problem:
    return Problem("entry_reordered", f"第 {seq} 条记录的顺序被调换（与第 {other} 条）", seq)
