"""The plain-language synonyms administrators keep (生孩子 → 生育): searched as alternatives."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SynonymEntry(models.Model):
    """A plain word citizens type and the official terms a document uses for it."""

    plain = models.CharField(_("plain words"), max_length=50, unique=True, help_text=_("as a citizen types it"))
    official = models.CharField(
        _("official terms"), max_length=300, help_text=_("the terms documents use, separated by commas")
    )
    is_active = models.BooleanField(_("in use"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["plain"]

    def __str__(self) -> str:
        return f"{self.plain} → {self.official}"

    def official_terms(self) -> tuple[str, ...]:
        parts = self.official.replace("，", ",").replace("、", ",").split(",")
        return tuple(dict.fromkeys(part.strip() for part in parts if part.strip()))


class PopularQuery(models.Model):
    """What citizens search for, counted (searches that found something): offered as suggestions
    once seen often enough, unless an administrator hides it; administrators may add their own."""

    text = models.CharField(_("search words"), max_length=100, unique=True)
    count = models.PositiveIntegerField(_("times searched"), default=0)
    hidden = models.BooleanField(_("hidden from suggestions"), default=False)
    pinned = models.BooleanField(_("always suggested"), default=False, help_text=_("suggested however rarely searched"))
    last_searched_at = models.DateTimeField(_("last searched"), null=True, blank=True)

    class Meta:
        verbose_name = _("popular search")
        verbose_name_plural = _("popular searches")
        ordering = ["-count", "text"]

    def __str__(self) -> str:
        return self.text
