"""Pre-publication review (先审查、后公开): review rounds and their sign-offs, the findings of the
wording and privacy checks at their place in the text, and the dictionaries administrators keep.

A document goes draft → first review → (second review →) final review → published; each
submission opens a :class:`ReviewRound`, each reviewer's decision is a :class:`ReviewSignoff`.
:class:`CheckFinding` rows carry the dictionary version they were found with, so that a re-check
(resubmission, the patrol) can tell new findings from old ones by their key.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.text.checks import Severity


class SeverityChoice(models.TextChoices):
    ERROR = Severity.ERROR.value, _("error")
    WARNING = Severity.WARNING.value, _("warning")
    NOTICE = Severity.NOTICE.value, _("hint")


class WordingCategory(models.TextChoices):
    POLITICAL = "political", _("fixed political term")
    LEGAL = "legal", _("legal or disclosure term")
    TYPO = "typo", _("common misspelling")
    AGENCY = "agency", _("outdated agency name")
    LAW = "law", _("repealed or renamed law")
    WORDING = "wording", _("sensitive or outdated wording")


class WordingEntry(models.Model):
    """One entry of the wording dictionary (错敏词): the wrong term and what to write instead."""

    category = models.CharField(_("dictionary"), max_length=16, choices=WordingCategory.choices)
    severity = models.CharField(_("severity"), max_length=8, choices=SeverityChoice.choices)
    term = models.CharField(_("wrong term"), max_length=100, unique=True)
    suggestion = models.CharField(_("suggestion"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("wording dictionary entry")
        verbose_name_plural = _("wording dictionary")
        ordering = ["category", "term"]

    def __str__(self) -> str:
        return self.term


class WhitelistEntry(models.Model):
    """A correct phrase that contains a dictionary term (a finding inside it is not reported)."""

    phrase = models.CharField(_("phrase"), max_length=100, unique=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("whitelist entry")
        verbose_name_plural = _("whitelist")
        ordering = ["phrase"]

    def __str__(self) -> str:
        return self.phrase


class RoundOutcome(models.TextChoices):
    OPEN = "open", _("in review")
    RETURNED = "returned", _("returned to the editor")
    PUBLISHED = "published", _("published")


class ReviewRound(models.Model):
    """One submission of a document for review, with the sign-offs it collects."""

    document = models.ForeignKey(
        "documents.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="review_rounds"
    )
    number = models.PositiveSmallIntegerField(_("round"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    signoffs_required = models.PositiveSmallIntegerField(_("sign-offs required"))
    outcome = models.CharField(
        _("outcome of the round"), max_length=16, choices=RoundOutcome.choices, default=RoundOutcome.OPEN
    )

    class Meta:
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        ordering = ["document_id", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="review_round_number_once")]

    def __str__(self) -> str:
        return f"{self.document_id}#{self.number}"


class Decision(models.TextChoices):
    APPROVED = "approved", _("approved")
    RETURNED = "returned", _("returned")


class ReviewSignoff(models.Model):
    """A reviewer's decision at one stage of a round (一事一审: the reviewer is accountable)."""

    document = models.ForeignKey(
        "documents.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="signoffs"
    )
    round = models.ForeignKey(ReviewRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="signoffs")
    stage = models.CharField(_("stage"), max_length=16)  # the document's state when signed: first_review, …
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    comment = models.TextField(_("comment"), blank=True)
    at = models.DateTimeField(_("signed at"))

    class Meta:
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "reviewer"], name="review_signoff_one_per_reviewer"),
        ]

    def __str__(self) -> str:
        return f"{self.document_id} {self.stage} {self.decision}"


class FindingStatus(models.TextChoices):
    OPEN = "open", _("open")
    ACCEPTED = "accepted", _("accepted")
    DISMISSED = "dismissed", _("dismissed")


class CheckFinding(models.Model):
    """A finding of the checks in a document's body (as plain text) or in an attachment's text."""

    document = models.ForeignKey(
        "documents.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="check_findings"
    )
    attachment = models.ForeignKey(
        "documents.DocumentAttachment",
        verbose_name=_("attachment"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="check_findings",
    )  # empty: the body
    check_name = models.CharField(_("check"), max_length=16)  # wording, privacy, format
    category = models.CharField(_("category"), max_length=32)
    severity = models.CharField(_("severity"), max_length=8, choices=SeverityChoice.choices)
    start = models.PositiveIntegerField(_("start position"))
    end = models.PositiveIntegerField(_("end position"))
    found = models.CharField(_("found text"), max_length=200)  # personal data masked
    suggestion = models.CharField(_("suggestion"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    status = models.CharField(
        _("state of the finding"), max_length=16, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    reason = models.TextField(_("reason"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    dictionary_version = models.CharField(_("dictionary version"), max_length=64)
    found_by = models.CharField(_("found by"), max_length=16, default="review")  # review | patrol
    created_at = models.DateTimeField(_("found at"), auto_now_add=True)

    class Meta:
        verbose_name = _("check finding")
        verbose_name_plural = _("check findings")
        ordering = ["document_id", "attachment_id", "start", "id"]
        indexes = [models.Index(fields=["document", "status", "severity"], name="finding_doc_status")]

    def __str__(self) -> str:
        return f"{self.document_id}:{self.start}-{self.end} {self.found}"

    def key(self) -> tuple[int | None, str, str, str]:
        """What identifies a finding across re-checks (its place and kind, not its position)."""
        return (self.attachment_id, self.check_name, self.category, self.found)


class PatrolStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("stopped with an error")


class PatrolRun(models.Model):
    """One patrol over the published documents (from the back office or the command line)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency and those below it"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: every agency."),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    status = models.CharField(
        _("state of the patrol"), max_length=16, choices=PatrolStatus.choices, default=PatrolStatus.QUEUED
    )
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    report = models.JSONField(_("report"), default=list, blank=True, editable=False)
    reason = models.TextField(_("reason of failure"), blank=True, editable=False)
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("patrol")
        verbose_name_plural = _("patrols")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.pk} {self.status}"
