"""Fault injection for crash tests: ``point("name")`` kills this process (SIGKILL, as a power cut
or the OOM killer would) when the environment asks for it, and does nothing otherwise.

``YG_FAULT_POINTS="tus.finish.stored,tus.patch.before_confirm"`` names the points armed;
``YG_FAULT_PROBABILITY`` (default 1.0) the chance that an armed point fires each time it is passed;
``YG_FAULT_SEED`` seeds the draw (mixed with the process id, so restarted processes differ).
Only the crash tests set these variables.
"""

from __future__ import annotations

import os
import random
import signal
from functools import cache


@cache
def _armed() -> tuple[frozenset[str], float, random.Random]:
    names = frozenset(n.strip() for n in os.environ.get("YG_FAULT_POINTS", "").split(",") if n.strip())
    probability = float(os.environ.get("YG_FAULT_PROBABILITY", "1.0"))
    seed = int(os.environ.get("YG_FAULT_SEED", "0")) * 1_000_003 + os.getpid()
    return names, probability, random.Random(seed)


def point(name: str) -> None:
    names, probability, rng = _armed()
    if names and name in names and rng.random() < probability:
        os.kill(os.getpid(), signal.SIGKILL)
