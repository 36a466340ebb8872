"""Applications for disclosure (依申请公开): the case, its applicant, its events, its numbering.

A case carries the inputs of the reply clock (the legal receipt date and the clock events among
its ``CaseEvent`` rows) and stores what the clock computed from them (``due_on``,
``clock_state``), recomputed in the same transaction as every event and every calendar edit.
"""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel
from gongkai.core.storage import delete_files_with_rows
from gongkai.law.applicants import ApplicantKind
from gongkai.law.outcomes import OUTCOME_BY_CODE
from gongkai.law.receipt import Channel
from gongkai.law.remedies import AppealKind, AppealResult

DEFAULT_NUMBER_PATTERN = "{agency_short}申〔{year}〕{seq:04d}号"


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("received, awaiting acceptance")
    IN_PROGRESS = "in_progress", _("in progress")
    AWAITING_CORRECTION = "awaiting_correction", _("awaiting correction")
    CONSULTING = "consulting", _("consulting")
    AWAITING_PAYMENT = "awaiting_payment", _("awaiting payment")
    REPLY_DRAFTED = "reply_drafted", _("reply drafted, awaiting approval")
    REPLY_APPROVED = "reply_approved", _("reply approved")
    REPLIED = "replied", _("replied")
    TRANSFERRED = "transferred", _("transferred")
    WITHDRAWN = "withdrawn", _("withdrawn")
    CLOSED = "closed", _("closed")


OPEN_STATUSES = frozenset(
    {
        CaseStatus.RECEIVED,
        CaseStatus.IN_PROGRESS,
        CaseStatus.AWAITING_CORRECTION,
        CaseStatus.CONSULTING,
        CaseStatus.AWAITING_PAYMENT,
        CaseStatus.REPLY_DRAFTED,
        CaseStatus.REPLY_APPROVED,
    }
)


class ApplicantKindChoice(models.TextChoices):
    NATURAL_PERSON = ApplicantKind.NATURAL_PERSON.value, _("natural person")
    COMMERCIAL = ApplicantKind.COMMERCIAL.value, _("commercial enterprise")
    RESEARCH = ApplicantKind.RESEARCH.value, _("research institution")
    PUBLIC_INTEREST = ApplicantKind.PUBLIC_INTEREST.value, _("public-interest organisation")
    LEGAL_SERVICE = ApplicantKind.LEGAL_SERVICE.value, _("legal service institution")
    OTHER_ORG = ApplicantKind.OTHER_ORG.value, _("other organisation")


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("resident identity card")
    PASSPORT = "passport", _("passport")
    UNIFIED_SOCIAL_CREDIT_CODE = "unified_social_credit_code", _("unified social credit code")
    OTHER = "other", _("other identity document")


class ChannelChoice(models.TextChoices):
    ONLINE = Channel.ONLINE.value, _("online")
    IN_PERSON = Channel.IN_PERSON.value, _("in person")
    POST = Channel.POST.value, _("post (signed for)")
    ORDINARY_LETTER = Channel.ORDINARY_LETTER.value, _("ordinary letter")
    FAX = Channel.FAX.value, _("fax")
    OTHER = Channel.OTHER.value, _("other")


class DeliveryForm(models.TextChoices):
    ELECTRONIC = "electronic", _("electronic")
    PAPER = "paper", _("paper")


class DeliveryMethod(models.TextChoices):
    EMAIL = "email", _("e-mail")
    POST = "post", _("post")
    PICKUP = "pickup", _("collect in person")
    ONLINE = "online", _("online")


class Applicant(TimeStampedModel):
    """Who applied, as the application states it (one row per case: what they wrote then)."""

    kind = models.CharField(_("applicant kind"), max_length=20, choices=ApplicantKindChoice.choices)
    name = models.CharField(_("name"), max_length=200)
    id_type = models.CharField(_("identity document"), max_length=32, choices=IdType.choices)
    id_number = models.CharField(_("identity number"), max_length=64)
    # HMAC of the normalised identity number: finds the same applicant's other cases without a scan.
    id_digest = models.CharField(max_length=64, db_index=True, editable=False)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("postal address"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")

    def __str__(self) -> str:
        return self.name


class Case(TimeStampedModel):
    """One application, from receipt to the end of its handling."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="cases"
    )
    number = models.CharField(_("case number"), max_length=80)
    year = models.PositiveSmallIntegerField(_("year"))
    seq = models.PositiveIntegerField(_("sequence number"))
    status = models.CharField(_("status"), max_length=24, choices=CaseStatus.choices, default=CaseStatus.RECEIVED)
    applicant = models.OneToOneField(Applicant, verbose_name=_("applicant"), on_delete=models.PROTECT)

    channel = models.CharField(_("channel"), max_length=20, choices=ChannelChoice.choices)
    received_at = models.DateTimeField(_("arrived at"))
    # Art. 31: known at once in person and by signed-for post; online, fax and ordinary letters
    # count from the day office and applicant confirm (the office's acceptance records it).
    received_on = models.DateField(_("legal receipt date"), null=True, blank=True, help_text=_("Regulation Art. 31"))
    receipt_basis = models.CharField(_("receipt date basis"), max_length=200, blank=True)
    oral = models.BooleanField(_("oral application written down by the office"), default=False)

    description = models.TextField(_("information requested"))
    title_hint = models.CharField(_("document title"), max_length=300, blank=True)
    document_number_hint = models.CharField(_("document number"), max_length=100, blank=True)
    other_features = models.TextField(_("other identifying features"), blank=True)
    delivery_form = models.CharField(_("form of delivery"), max_length=16, choices=DeliveryForm.choices)
    delivery_method = models.CharField(_("way of delivery"), max_length=16, choices=DeliveryMethod.choices)

    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handled_cases",
    )
    outcome = models.CharField(_("outcome"), max_length=40, blank=True, help_text=_("row of report table 3"))
    reply_reasons = models.TextField(_("reasons of the reply"), blank=True)

    # What the reply clock computed from received_on and the clock events (recomputed on every change).
    due_on = models.DateField(_("reply due"), null=True, blank=True)
    due_provisional = models.BooleanField(_("due date provisional"), default=False)
    clock_state = models.CharField(_("clock state"), max_length=32, blank=True)
    clock_problem = models.CharField(_("clock problem"), max_length=300, blank=True)

    # The archive (归档): from then on the case takes no step until an administrator reopens it;
    # the library keeps its request and reasons with the personal data removed.
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    library_text = models.TextField(_("request, anonymised"), blank=True)
    library_reasons = models.TextField(_("reasons of the reply, anonymised"), blank=True)

    query_code_digest = models.CharField(max_length=64, editable=False)
    # NULL, not "", when absent: the unique constraint below applies only to given keys.
    idempotency_key = models.CharField(max_length=100, null=True, blank=True, editable=False)  # noqa: DJ001
    submission_digest = models.CharField(max_length=64, db_index=True, editable=False)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-received_on", "-seq"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="case_number_unique_per_agency"),
            models.UniqueConstraint(fields=["agency", "year", "seq"], name="case_seq_unique_per_agency_year"),
            models.UniqueConstraint(
                fields=["agency", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="case_idempotency_key_unique_per_agency",
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(outcome__in=sorted(OUTCOME_BY_CODE)), name="case_outcome_is_a_report_row"
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "status", "due_on"], name="case_agency_status_due"),
            models.Index(fields=["handler", "status"], name="case_handler_status"),
            models.Index(fields=["number"], name="case_number"),  # the public status look-up
            # The province-wide overdue and due-soon lists (bench/cases_bench.py: 467 → 88 ms p95
            # at 500,000 cases on PostgreSQL): open cases with a running clock, by due date.
            models.Index(
                fields=["due_on"],
                condition=Q(status__in=sorted(OPEN_STATUSES), clock_state="running"),
                name="case_open_running_due",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class CaseEvent(models.Model):
    """One step of a case: who did what, on which day, with its fields. Append-only."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("action"), max_length=32)
    on = models.DateField(_("date"))
    at = models.DateTimeField(_("recorded at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, null=True, blank=True
    )
    actor_label = models.CharField(_("by"), max_length=150)
    # The reply clock's event type (gongkai.law.clock.EventType) when this step moves the clock.
    clock_event = models.CharField(max_length=32, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["on", "at", "id"]

    def __str__(self) -> str:
        return f"{self.case.number} {self.action} {self.on:%Y-%m-%d}"


class CaseNumbering(models.Model):
    """Per agency: the case-number pattern and, per year, the last sequence number issued.

    The counter row is locked (``select_for_update``) in the transaction that inserts the case,
    so numbers are gap-free: a rolled-back insert rolls the counter back with it.
    """

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="case_counters")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("case number counter")
        verbose_name_plural = _("case number counters")
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="case_counter_unique_per_agency_year")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last}"


class CaseNumberPattern(models.Model):
    """An agency's own case-number pattern (default ``DEFAULT_NUMBER_PATTERN``)."""

    agency = models.OneToOneField("agencies.Agency", on_delete=models.CASCADE, related_name="case_number_pattern")
    pattern = models.CharField(_("case number pattern"), max_length=100, default=DEFAULT_NUMBER_PATTERN)

    class Meta:
        verbose_name = _("case number pattern")
        verbose_name_plural = _("case number patterns")

    def __str__(self) -> str:
        return self.pattern


class AttachmentSource(models.TextChoices):
    APPLICANT = "applicant", _("applicant")
    OFFICE = "office", _("office")


class CaseAttachment(models.Model):
    """A file sent with an application or added by the office, kept as received.

    The bytes live in Django storage under a generated name (``gongkai.core.storage``); the row
    keeps the uploaded name for display, the kind found by content, the size and the SHA-256.
    """

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(_("file"), upload_to="attachments", max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    media_type = models.CharField(_("file kind"), max_length=16)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64, editable=False)
    source = models.CharField(_("sent by"), max_length=16, choices=AttachmentSource.choices)
    uploaded_at = models.DateTimeField(_("uploaded at"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, null=True, blank=True
    )

    class Meta:
        verbose_name = _("case attachment")
        verbose_name_plural = _("case attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class CasePress(models.Model):
    """督办: a supervisor's recorded instruction to an agency, about one case or its open work."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency pressed"), on_delete=models.PROTECT, related_name="case_presses"
    )
    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, null=True, blank=True, related_name="presses"
    )
    instruction = models.TextField(_("instruction"))
    pressed_at = models.DateTimeField(_("pressed at"))
    pressed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pressed by"), on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("press (督办)")
        verbose_name_plural = _("presses (督办)")
        ordering = ["-pressed_at", "-id"]
        indexes = [models.Index(fields=["agency", "acknowledged_at"], name="case_press_agency_open")]

    def __str__(self) -> str:
        return f"{self.agency_id}: {self.instruction[:30]}"


class JointConsultation(models.Model):
    """联合会商: a meeting of units or agencies on a hard case — who took part, when, what was concluded."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="joint_consultations")
    held_on = models.DateField(_("held on"))
    participants = models.TextField(_("participants"), help_text=_("One unit or person per line."))
    conclusion = models.TextField(_("conclusion"))
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, null=True, blank=True
    )

    class Meta:
        verbose_name = _("joint consultation")
        verbose_name_plural = _("joint consultations")
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.held_on:%Y-%m-%d}"


class CasePrecedent(models.Model):
    """A closed, archived case that a handler links to a case as its precedent (so offices answer alike)."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="precedents")
    precedent = models.ForeignKey(Case, verbose_name=_("precedent"), on_delete=models.PROTECT, related_name="cited_by")
    note = models.CharField(_("why it applies"), max_length=500, blank=True)
    linked_at = models.DateTimeField(_("linked at"))
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("linked by"), on_delete=models.PROTECT, null=True, blank=True
    )

    class Meta:
        verbose_name = _("precedent")
        verbose_name_plural = _("precedents")
        ordering = ["linked_at", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "precedent"], name="case_precedent_once")]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.precedent_id}"


delete_files_with_rows(CaseAttachment, "file")


class AppealKindChoice(models.TextChoices):
    RECONSIDERATION = AppealKind.RECONSIDERATION.value, _("administrative reconsideration")
    LITIGATION_DIRECT = AppealKind.LITIGATION_DIRECT.value, _("litigation without reconsideration")
    LITIGATION_AFTER_RECONSIDERATION = (
        AppealKind.LITIGATION_AFTER_RECONSIDERATION.value,
        _("litigation after reconsideration"),
    )


class AppealResultChoice(models.TextChoices):
    PENDING = AppealResult.PENDING.value, _("pending")
    UPHELD = AppealResult.UPHELD.value, _("upheld")
    CORRECTED = AppealResult.CORRECTED.value, _("corrected")
    OTHER = AppealResult.OTHER.value, _("other result")


class CaseAppeal(models.Model):
    """A reconsideration (行政复议) or lawsuit (行政诉讼) against the reply of a case: report table 四.

    ``result`` is one of table 四's columns (``gongkai.law.remedies``); a result of 纠正 reopens
    the case for a new reply (``services.appeals``). A lawsuit after reconsideration may name the
    reconsideration it follows (``follows``).
    """

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="appeals")
    kind = models.CharField(_("kind of remedy"), max_length=40, choices=AppealKindChoice.choices)
    follows = models.ForeignKey(
        "self",
        verbose_name=_("reconsideration it follows"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lawsuits",
    )
    body = models.CharField(_("reconsideration body or court"), max_length=200)
    filed_on = models.DateField(_("filed on"))
    body_number = models.CharField(_("case number of the body or court"), max_length=100, blank=True)
    result = models.CharField(
        _("result"), max_length=16, choices=AppealResultChoice.choices, default=AppealResultChoice.PENDING
    )
    result_on = models.DateField(_("result on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("reconsideration or lawsuit")
        verbose_name_plural = _("reconsiderations and lawsuits")
        ordering = ["filed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(result=AppealResultChoice.PENDING) & Q(result_on__isnull=True))
                | (~Q(result=AppealResultChoice.PENDING) & Q(result_on__gte=models.F("filed_on"))),
                name="case_appeal_result_dated",
            ),
            models.CheckConstraint(
                condition=Q(follows__isnull=True) | Q(kind=AppealKindChoice.LITIGATION_AFTER_RECONSIDERATION),
                name="case_appeal_follows_only_after_reconsideration",
            ),
        ]
        indexes = [models.Index(fields=["filed_on"], name="case_appeal_filed_on")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.filed_on:%Y-%m-%d}"
