"""Settings helpers that read the environment and fail loudly on bad values.

Every setting the deployment may change comes through one of these helpers, so that a typo
in a production environment stops the process at start-up instead of silently running with
a default.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


class ImproperlyConfiguredEnv(RuntimeError):
    """Raised when an environment variable is present but unusable."""


def env_str(name: str, default: str) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfiguredEnv(f"{name}={value!r} is not a boolean (use 1/0, true/false, yes/no, on/off)")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfiguredEnv(f"{name}={value!r} is not an integer") from exc


def env_int_range(name: str, default: int, low: int, high: int) -> int:
    """An integer that must lie in [low, high] (e.g. a lockout threshold of 0 would lock nobody out)."""
    value = env_int(name, default)
    if not low <= value <= high:
        raise ImproperlyConfiguredEnv(f"{name}={value} must be between {low} and {high}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_fingerprints(name: str) -> list[str]:
    """Comma-separated SHA-256 fingerprints (64 hexadecimal digits each; colons and case ignored),
    e.g. the ledger's pinned public key. Anything else stops the process at start-up."""
    out = []
    for item in env_list(name, []):
        value = item.replace(":", "").lower()
        if len(value) != 64 or any(ch not in "0123456789abcdef" for ch in value):
            raise ImproperlyConfiguredEnv(f"{name}: {item!r} is not a SHA-256 fingerprint (64 hexadecimal digits)")
        out.append(value)
    return out


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return float(value)
    except ValueError as exc:
        raise ImproperlyConfiguredEnv(f"{name}={value!r} is not a number") from exc


def env_choice(name: str, default: str, choices: set[str]) -> str:
    value = env_str(name, default)
    if value not in choices:
        raise ImproperlyConfiguredEnv(f"{name}={value!r} must be one of {sorted(choices)}")
    return value


def persistent_secret(path: Path, nbytes: int = 50) -> str:
    """Return the secret stored at ``path``, creating it (mode 0600) on first use.

    The embedded mode needs a stable secret key without anyone having to set one; it must never
    live in the repository, so it is generated into ``var/`` on first run.
    """
    if path.exists():
        value = path.read_text(encoding="utf-8").strip()
        if value:
            return value
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(nbytes)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value)
    return value


def secret_from_file(name: str) -> str:
    """The content of the file named by environment variable ``name`` (a mounted secret), or ""."""
    value = os.environ.get(name)
    if not value:
        return ""
    try:
        secret = Path(value).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ImproperlyConfiguredEnv(f"{name}={value!r} cannot be read: {exc}") from exc
    if not secret:
        raise ImproperlyConfiguredEnv(f"{name}={value!r} is empty")
    return secret


def cache_from_url(url: str) -> dict[str, object]:
    """A Django cache configuration from a URL: ``locmem://``, ``db://[table]`` (default table
    ``yg_cache``), ``redis://`` / ``rediss://`` (passed to Django's Redis backend as is)."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise ImproperlyConfiguredEnv(f"YG_CACHE_URL={url!r} is not a URL (locmem://, db://, redis://host:6379/0)")
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": rest or "yangguang"}
    if scheme == "db":
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": rest or "yg_cache"}
    if scheme in {"redis", "rediss"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    raise ImproperlyConfiguredEnv(f"YG_CACHE_URL={url!r}: scheme must be locmem, db, redis or rediss")
