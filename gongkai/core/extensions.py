"""How an app adds itself to the shared shell without editing shared files.

Adding an app is one entry in ``GONGKAI_APPS`` plus the app: its ``AppConfig`` declares what it
brings and the shell collects it. An ``AppConfig`` may declare:

- ``urls``: ``(prefix, "module")`` — the app's URLconf, included by ``config/urls.py`` at
  ``prefix`` (e.g. ``("staff/reports/", "gongkai.reports.urls")``), or a list of such pairs;
- ``api_router``: ``(prefix, "module.attribute")`` — a django-ninja ``Router`` mounted on API v1
  (e.g. ``("/reports", "gongkai.reports.api.router")``), or a list of such pairs;
- ``staff_nav``: ``[(url_name, label), ...]`` — links in the staff workspace's navigation; a
  third element ``"module.function"`` (``function(user) -> bool``) shows the link only to the
  users for whom it is true (e.g. the supervision page to those who supervise);
- ``portal_cards``: ``[(url_name, title, description), ...]`` — cards on the public home page
  ("what you can do here"); list only pages that exist;
- ``cli_commands``: ``[(name, description), ...]`` — shown by ``gongkai help``;
- ``audit_actions``: ``{action: label, ...}`` — how the audit log names the app's actions;
- ``recomputers``: ``{name: "module.function"}`` — called with the new working calendar when
  the holiday schedules change (see ``gongkai.calendars.recompute``);
- ``role_permissions``: ``{role: ["app_label.codename", ...]}`` — Django permissions the role's
  Group holds (collected by the agencies app's group sync after ``migrate``);
- ``demo_loaders``: ``["module.function", ...]`` — called by ``gongkai demo`` after the demo
  agencies and accounts exist; each adds the app's demo data if missing and returns what it made.

Labels are lazy translations. Order follows INSTALLED_APPS. Dotted paths are imported on first
use, so an ``apps.py`` never imports views or models.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.urls import URLResolver, include, path, reverse
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class NavLink:
    url: str
    label: str


@dataclass(frozen=True)
class PortalCard:
    url: str
    title: str
    description: str


def staff_nav(user: Any = None) -> list[NavLink]:
    """The navigation links for ``user``: a link with a predicate only when it holds for them."""
    links: list[NavLink] = []
    for config in apps.get_app_configs():
        for url_name, label, *condition in getattr(config, "staff_nav", []):
            if condition and (user is None or not import_string(condition[0])(user)):
                continue
            links.append(NavLink(reverse(url_name), str(label)))
    return links


def portal_cards() -> list[PortalCard]:
    cards: list[PortalCard] = []
    for config in apps.get_app_configs():
        for url_name, title, description in getattr(config, "portal_cards", []):
            cards.append(PortalCard(reverse(url_name), str(title), str(description)))
    return cards


def cli_commands() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for config in apps.get_app_configs():
        found.extend((name, str(text)) for name, text in getattr(config, "cli_commands", []))
    return found


def audit_action_label(action: str) -> str:
    """The human label of an audit action ("membership.granted" → "授予岗位"); the code itself if unknown."""
    for config in apps.get_app_configs():
        label = getattr(config, "audit_actions", {}).get(action)
        if label is not None:
            return str(label)
    return action


def url_includes() -> list[URLResolver]:
    """Every app's URLconf at its prefix; the longest prefix first, so a nested app
    (``staff/reports/``) is matched before the shell that contains it (``staff/``)."""
    declared: list[tuple[str, str]] = []
    for config in apps.get_app_configs():
        urls = getattr(config, "urls", None)
        if urls:  # one (prefix, module) pair, or a list of them (public pages and staff pages)
            declared.extend(urls if isinstance(urls, list) else [urls])
    declared.sort(key=lambda entry: len(entry[0]), reverse=True)  # stable: ties keep app order
    return [path(prefix, include(module)) for prefix, module in declared]


def api_routers() -> list[tuple[str, Any]]:
    """``(prefix, router)`` of every app that brings an API router, in app order."""
    declared: list[tuple[str, str]] = []
    for config in apps.get_app_configs():
        routers = getattr(config, "api_router", None)
        if routers:  # one (prefix, router) pair, or a list of them (public and staff endpoints)
            declared.extend(routers if isinstance(routers, list) else [routers])
    return [(prefix, import_string(dotted)) for prefix, dotted in declared]


def recomputers() -> dict[str, Callable[..., Any]]:
    """The recomputers the apps declare, by name."""
    found: dict[str, Callable[..., Any]] = {}
    for config in apps.get_app_configs():
        for name, dotted in getattr(config, "recomputers", {}).items():
            found[name] = import_string(dotted)
    return found


def role_permissions() -> dict[str, list[str]]:
    """Every app's ``role_permissions`` merged: role → the permissions its Group holds."""
    merged: dict[str, list[str]] = {}
    for config in apps.get_app_configs():
        for role, perms in getattr(config, "role_permissions", {}).items():
            held = merged.setdefault(str(role), [])
            for perm in perms:
                if perm not in held:
                    held.append(perm)
    return merged


def demo_loaders() -> list[Callable[[], list[str]]]:
    """The demo loaders the apps declare, in app order."""
    return [
        import_string(dotted) for config in apps.get_app_configs() for dotted in getattr(config, "demo_loaders", [])
    ]
