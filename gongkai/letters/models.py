"""Letters: the templates administrators edit, each agency's letterhead data, and the letters
as issued (the exact DOCX and PDF bytes with their SHA-256, never rendered again)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel
from gongkai.law.letters import LetterKind

from .kinds import KIND_LABELS


class LetterKindChoice(models.TextChoices):
    RECEIPT = LetterKind.RECEIPT.value, KIND_LABELS[LetterKind.RECEIPT]
    CORRECTION = LetterKind.CORRECTION.value, KIND_LABELS[LetterKind.CORRECTION]
    EXTENSION = LetterKind.EXTENSION.value, KIND_LABELS[LetterKind.EXTENSION]
    CONSULT_THIRD_PARTY = LetterKind.CONSULT_THIRD_PARTY.value, KIND_LABELS[LetterKind.CONSULT_THIRD_PARTY]
    CONSULT_AGENCY = LetterKind.CONSULT_AGENCY.value, KIND_LABELS[LetterKind.CONSULT_AGENCY]
    THIRD_PARTY_NOTICE = LetterKind.THIRD_PARTY_NOTICE.value, KIND_LABELS[LetterKind.THIRD_PARTY_NOTICE]
    FEE = LetterKind.FEE.value, KIND_LABELS[LetterKind.FEE]
    REPLY = LetterKind.REPLY.value, KIND_LABELS[LetterKind.REPLY]


class Delivery(models.TextChoices):
    EMAIL = "email", _("e-mail")
    POST = "post", _("post")
    PICKUP = "pickup", _("collect in person")
    ONLINE = "online", _("online")


class LetterTemplate(TimeStampedModel):
    """The body of one kind of letter (for the reply: of one variant), as an administrator wrote
    it — for every agency (no agency) or for one agency. Without a row the shipped default
    (``letters/bodies/<kind>.txt``) applies. The body is Django template text; each line is a
    paragraph. Editing it changes letters issued afterwards, never one already issued."""

    kind = models.CharField(_("kind of letter"), max_length=32, choices=LetterKindChoice.choices)
    variant = models.CharField(
        _("variant"), max_length=40, blank=True, help_text=_("for a reply: the outcome code; empty: every variant")
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("empty: every agency without its own template"),
    )
    title = models.CharField(_("title"), max_length=100, blank=True, help_text=_("empty: the legal title"))
    body = models.TextField(_("body"), help_text=_("Django template text; one paragraph per line"))

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "variant", "agency"], name="letter_template_unique", condition=Q(agency__isnull=False)
            ),
            models.UniqueConstraint(
                fields=["kind", "variant"], name="letter_template_unique_default", condition=Q(agency__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.variant}".strip()


class Letterhead(TimeStampedModel):
    """What an agency's letters print beyond its disclosure office's contact details: the
    signing office, the seal placeholder and the bodies named in the remedies."""

    agency = models.OneToOneField(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="letterhead"
    )
    signer = models.CharField(_("signing office"), max_length=100, blank=True, help_text=_("empty: the agency's name"))
    seal_text = models.CharField(_("seal placeholder"), max_length=100, default="（盖章）")
    reconsideration_body = models.CharField(
        _("reconsideration body"), max_length=100, blank=True, help_text=_("named in the remedies of a reply")
    )
    court = models.CharField(_("court"), max_length=100, blank=True, help_text=_("named in the remedies of a reply"))
    remedies_note = models.TextField(
        _("remedies, the agency's own wording"), blank=True, help_text=_("empty: the legal wording")
    )

    class Meta:
        verbose_name = _("letterhead")
        verbose_name_plural = _("letterheads")

    def __str__(self) -> str:
        return self.signer or str(self.agency)


class Letter(models.Model):
    """A letter as issued: its exact bytes, never rendered again. Append-only (only the
    delivery's tracking number may be added after issuing)."""

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="letters")
    event = models.ForeignKey(
        "cases.CaseEvent", verbose_name=_("step"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind of letter"), max_length=32, choices=LetterKindChoice.choices)
    variant = models.CharField(_("variant"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=100)
    recipient = models.CharField(_("addressed to"), max_length=200)
    issued_at = models.DateTimeField(_("issued at"))
    issued_on = models.DateField(_("date of the letter"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), on_delete=models.PROTECT, null=True, blank=True
    )
    issued_by_label = models.CharField(_("issued by"), max_length=150)
    delivery = models.CharField(_("delivery"), max_length=16, choices=Delivery.choices)
    tracking_number = models.CharField(_("tracking number"), max_length=64, blank=True)
    to_applicant = models.BooleanField(_("sent to the applicant"), default=True)
    docx = models.FileField(_("DOCX as issued"), upload_to="letters", max_length=255)
    docx_sha256 = models.CharField(_("SHA-256 of the DOCX"), max_length=64)
    docx_size = models.PositiveIntegerField(_("size of the DOCX"))
    pdf = models.FileField(_("PDF as issued"), upload_to="letters", max_length=255)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64)
    pdf_size = models.PositiveIntegerField(_("size of the PDF"))

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["issued_at", "id"]
        indexes = [models.Index(fields=["case", "kind"], name="letter_case_kind")]

    def __str__(self) -> str:
        return f"{self.case} {self.title}"
