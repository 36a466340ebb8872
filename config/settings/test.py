"""Test mode: the base settings with fast hashing and plain static storage.

DATABASE_URL still decides the database, so the same suite runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, INSTALLED_APPS, STORAGES
from .env import env_str

# Each test process its own search index (tests/search give every test a fresh one).
GONGKAI_SEARCH_DIR = Path(tempfile.gettempdir()) / f"gongkai-test-search-{os.getpid()}"

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
# First, so that its ``flush`` (which lifts the audit table's append-only triggers for the test
# database's flushes, see config/testdb) replaces Django's. Only the test settings install it.
INSTALLED_APPS = ["config.testdb", *INSTALLED_APPS]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False}

_template = env_str("TEST_DB_TEMPLATE")
if _template:
    DATABASES["default"]["TEST"] = {"TEMPLATE": _template}

# WhiteNoise warns when STATIC_ROOT is missing; tests serve static files through the finders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
