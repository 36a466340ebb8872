"""Production headers (issue 9 item 10): a Content-Security-Policy without inline script, kept by every page."""

from __future__ import annotations

import re
from pathlib import Path

from django.test import Client

ROOT = Path(__file__).resolve().parents[2]


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part}


def test_pages_carry_a_policy_without_inline_script(client: Client, db) -> None:
    policy = _policy(client.get("/"))
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert not any("unsafe" in value for values in policy.values() for value in values)


def test_the_inline_calendar_style_carries_the_nonce(client: Client, db) -> None:
    response = client.get("/clock/")
    nonce = re.search(r'<style nonce="([^"]+)">', response.content.decode())
    assert nonce, "the calendar's inline style must carry the request's nonce"
    assert f"'nonce-{nonce.group(1)}'" in _policy(response)["style-src"]


def test_api_docs_keep_the_policy(client: Client, db) -> None:
    assert _policy(client.get("/api/v1/docs"))["script-src"] == ["'self'"]


def test_no_template_has_inline_script_or_style_attributes() -> None:
    """What the policy would block in a browser: inline <script>, on…= handlers, style= attributes,
    and <style> without the nonce. (The audit report page is a file written to disk, not served.)"""
    served = [p for p in ROOT.glob("gongkai/*/templates/**/*.html") if "reports/audit/page.html" not in str(p)]
    problems = []
    for path in served:
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", text):
            problems.append(f"{path}: inline {match.group(0)}")
        problems += [f"{path}: {m.group(0)}" for m in re.finditer(r"\son[a-z]+=\"", text)]
        problems += [f"{path}: {m.group(0)}" for m in re.finditer(r"\sstyle=\"", text)]
        problems += [f"{path}: {m.group(0)}" for m in re.finditer(r"<style(?![^>]*nonce=)[^>]*>", text)]
    assert problems == []
