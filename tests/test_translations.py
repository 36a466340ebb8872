"""The zh_Hans catalogues are complete, compiled, and hold every string the code marks."""

from __future__ import annotations

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(ROOT.glob("gongkai/*/locale/zh_Hans/LC_MESSAGES/django.po"))


def app_dir(po_path: Path) -> Path:
    return po_path.parents[3]


def test_every_app_with_translatable_strings_has_a_catalogue() -> None:
    apps_with_strings = {
        path.parent.relative_to(ROOT).parts[1]
        for path in ROOT.glob("gongkai/*/**/*.py")
        if "gettext" in path.read_text(encoding="utf-8")
    } | {path.relative_to(ROOT).parts[1] for path in ROOT.glob("gongkai/*/templates/**/*.html")}
    with_catalogue = {app_dir(p).name for p in CATALOGUES}
    assert apps_with_strings - with_catalogue == set()


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: app_dir(p).name)
def test_catalogue_is_complete(po_path: Path) -> None:
    catalogue = polib.pofile(str(po_path))
    todo = [e.msgid for e in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]
    assert todo == [], f"untranslated in {po_path}: {todo}"


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: app_dir(p).name)
def test_compiled_catalogue_matches_the_source(po_path: Path) -> None:
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"run make messages: {mo_path} is missing"
    with mo_path.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in polib.pofile(str(po_path)).translated_entries():
        if entry.msgid_plural:
            continue
        found = compiled.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else compiled.gettext(entry.msgid)
        assert found == entry.msgstr, f"{mo_path} is stale: run make messages"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed")
@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: app_dir(p).name)
def test_catalogue_holds_every_marked_string(po_path: Path, tmp_path: Path) -> None:
    """Re-extract the app's strings in a copy and compare with the committed catalogue."""
    source = app_dir(po_path)
    copy = tmp_path / source.name
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__"))
    django_admin = Path(sys.executable).with_name("django-admin")
    subprocess.run(
        [str(django_admin), "makemessages", "-l", "zh_Hans", "--no-location", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    extracted = {e.msgid for e in polib.pofile(str(copy / "locale/zh_Hans/LC_MESSAGES/django.po"))}
    committed = {e.msgid for e in polib.pofile(str(po_path))}
    assert extracted - committed == set(), "run make messages and translate the new strings"


# Django merges every app's catalogue into one, so a msgid translated two ways shows whichever
# app comes first — on every page. These differ today by design (the same English word, two
# Chinese terms in their own context) or by age; a new difference fails.
KNOWN_DIFFERENT = {
    "name", "active", "agency", "phone", "channel", "year", "status", "note", "Kind", "Files", "Record", "Status",
    "Agency", "Name", "Phone", "Year", "Search", "Enter the %(y)s schedule",
    "Too many failed look-ups from your address. Please try again in ten minutes.",
    "No application with this number and query code.",
    "Only the case's handler and the office head may work on case %(number)s.",
    "Nothing was saved: correct the fields marked below.",
}  # fmt: skip


def test_a_msgid_has_one_translation_across_the_apps() -> None:
    translations: dict[str, set[str]] = {}
    for po_path in CATALOGUES:
        for entry in polib.pofile(str(po_path)).translated_entries():
            if not entry.msgid_plural:
                translations.setdefault(entry.msgid, set()).add(entry.msgstr)
    different = {msgid for msgid, texts in translations.items() if len(texts) > 1}
    assert different - KNOWN_DIFFERENT == set(), sorted(different - KNOWN_DIFFERENT)
