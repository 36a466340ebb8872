"""The storage helper: generated names (never the uploaded one), the hash, reading back, deleting, MEDIA_ROOT."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.test import override_settings

from gongkai.core.storage import (
    StoredFileDamaged,
    delete_stored,
    media_root_outside_web_root,
    read_bytes,
    safe_suffix,
    store_bytes,
    web_roots,
)

NAME = re.compile(r"^reports/\d{4}/\d{2}/[0-9a-f]{32}(\.[a-z0-9]{1,10})?$")


@pytest.mark.parametrize(
    ("uploaded", "suffix"),
    [
        ("报告.PDF", ".pdf"),
        ("a.docx", ".docx"),
        ("../../etc/passwd", ""),
        ("x.php/..", ""),
        ("no-extension", ""),
        ("a.tar.gz", ".gz"),
        ("evil.p h p", ""),
        ("a.html\x00.txt", ".txt"),
        ("dir.d/file", ""),
        (".htaccess", ".htaccess"),
    ],
)
def test_only_a_plain_extension_of_the_uploaded_name_survives(uploaded: str, suffix: str) -> None:
    assert safe_suffix(uploaded) == suffix


def test_bytes_are_stored_under_a_generated_name_with_their_hash() -> None:
    data = "第一行\n第二行".encode()
    first = store_bytes(data, folder="reports", suffix=".txt")
    second = store_bytes(data, folder="reports", suffix=".txt")
    assert NAME.match(first.name)
    assert NAME.match(second.name)
    assert first.name != second.name  # the same content twice: two files, nothing overwritten
    assert first.sha256 == hashlib.sha256(data).hexdigest()
    assert first.size == len(data)
    path = Path(default_storage.path(first.name)).resolve()
    assert Path(settings.MEDIA_ROOT).resolve() in path.parents
    assert all(root not in path.parents for root in web_roots())
    assert read_bytes(first.name, sha256=first.sha256) == data
    delete_stored([first.name, second.name, ""])
    assert not default_storage.exists(first.name)
    assert not default_storage.exists(second.name)


@pytest.mark.parametrize(("folder", "suffix"), [("../up", ""), ("Reports", ""), ("reports", "../x"), ("reports", "x")])
def test_folders_and_suffixes_are_checked(folder: str, suffix: str) -> None:
    with pytest.raises(ValueError, match=r"storage (folder|suffix)"):
        store_bytes(b"x", folder=folder, suffix=suffix)


def test_a_file_changed_in_storage_is_refused() -> None:
    stored = store_bytes(b"original", folder="reports")
    Path(default_storage.path(stored.name)).write_bytes(b"changed")
    with pytest.raises(StoredFileDamaged):
        read_bytes(stored.name, sha256=stored.sha256)
    assert read_bytes(stored.name) == b"changed"  # without a hash nothing is checked


def test_media_root_inside_the_web_root_is_an_error(tmp_path: Path) -> None:
    assert media_root_outside_web_root(None) == []
    static_root = tmp_path / "static"
    for media in (static_root / "media", tmp_path):  # inside the web root, or around it
        with override_settings(STATIC_ROOT=str(static_root), MEDIA_ROOT=str(media)):
            errors = media_root_outside_web_root(None)
        assert [error.id for error in errors] == ["gongkai.E011"]
        assert "MEDIA_ROOT" in errors[0].msg
        assert "网站根目录" in errors[0].msg
    app_static = Path(__file__).resolve().parents[2] / "gongkai" / "reports" / "static"
    with override_settings(MEDIA_ROOT=str(app_static / "uploads")):
        assert [error.id for error in media_root_outside_web_root(None)] == ["gongkai.E011"]


def test_media_root_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    import config.settings.base as base

    monkeypatch.setenv("GONGKAI_MEDIA_ROOT", str(tmp_path / "files"))
    try:
        assert (tmp_path / "files").resolve() == importlib.reload(base).MEDIA_ROOT
    finally:
        monkeypatch.delenv("GONGKAI_MEDIA_ROOT")
        importlib.reload(base)
    assert (base.VAR_DIR / "media").resolve() == base.MEDIA_ROOT
