"""Local mode (``make run``, ``manage.py``): production-like, but self-configuring for a trial.

Without SECRET_KEY in the environment a random key is generated once and kept in
``var/secret_key`` (never committed), so sessions survive restarts.
"""

from __future__ import annotations

import secrets

from .base import *  # noqa: F403
from .base import VAR_DIR
from .env import env_str


def _local_secret_key() -> str:
    given = env_str("SECRET_KEY")
    if given:
        return given
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _local_secret_key()
