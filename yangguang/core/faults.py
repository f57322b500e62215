"""Fault injection for crash tests: ``point(name, key)`` kills this process (SIGKILL, as a power cut
or the OOM killer would) when the environment asks for it, and does nothing otherwise.

``YG_FAULT_POINTS="tus.finish.stored,tus.patch.before_confirm"`` names the points armed;
``YG_FAULT_PROBABILITY`` (default 1.0) the share of (point, key) pairs that fire, chosen by hashing
them with ``YG_FAULT_SEED``, so a run dies at the same places every time whatever process serves
the request; with ``YG_FAULT_DIR`` each pair fires at most once (a marker file per firing, shared by
every process), so the retried request gets through. Only the crash tests set these variables.
"""

from __future__ import annotations

import hashlib
import os
import signal
from functools import cache
from pathlib import Path


@cache
def _armed() -> tuple[frozenset[str], float, str, str]:
    names = frozenset(n.strip() for n in os.environ.get("YG_FAULT_POINTS", "").split(",") if n.strip())
    probability = float(os.environ.get("YG_FAULT_PROBABILITY", "1.0"))
    return names, probability, os.environ.get("YG_FAULT_SEED", "0"), os.environ.get("YG_FAULT_DIR", "")


def point(name: str, key: str = "") -> None:
    names, probability, seed, marker_dir = _armed()
    if not names or name not in names:
        return
    digest = hashlib.sha256(f"{seed}:{name}:{key}".encode()).hexdigest()
    if int(digest[:8], 16) / 0xFFFFFFFF >= probability:
        return
    if marker_dir:
        try:
            os.close(os.open(Path(marker_dir) / f"{name}@{digest[:16]}", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            return  # fired once already: the retry goes through
    os.kill(os.getpid(), signal.SIGKILL)
