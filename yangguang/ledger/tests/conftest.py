from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from yangguang.ledger.crypto import generate_key


@pytest.fixture(autouse=True)
def ledger_keys(settings: Any, tmp_path: Path) -> Path:
    """Every ledger test signs with a key of its own, in a temporary directory."""
    settings.LEDGER_KEY_DIR = tmp_path / "ledger-keys"
    generate_key()
    return Path(settings.LEDGER_KEY_DIR)
