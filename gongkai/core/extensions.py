"""How an app adds itself to the shared shell without editing shared files.

An app's ``AppConfig`` may declare:

- ``staff_nav``: ``[(url_name, label), ...]`` — links in the staff workspace's navigation;
- ``portal_cards``: ``[(url_name, title, description), ...]`` — cards on the public home page
  ("what you can do here"); list only pages that exist;
- ``cli_commands``: ``[(name, description), ...]`` — shown by ``gongkai help``;
- ``audit_actions``: ``{action: label, ...}`` — how the audit log names the app's actions.

Labels are lazy translations. Order follows INSTALLED_APPS.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse


@dataclass(frozen=True)
class NavLink:
    url: str
    label: str


@dataclass(frozen=True)
class PortalCard:
    url: str
    title: str
    description: str


def staff_nav() -> list[NavLink]:
    links: list[NavLink] = []
    for config in apps.get_app_configs():
        for url_name, label in getattr(config, "staff_nav", []):
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
