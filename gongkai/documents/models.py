"""The document library (政府文件库): documents with their legal lifecycle, interpretations,
attachments, and the relations "amends" and "repeals" between them.

A document's *status* is its legal life (in force / amended / repealed / expired) and its *state*
the way to publication (draft → reviews → published, or withdrawn); the two are independent. A
document past its expiry date counts as expired by the date alone (``selectors.in_force`` and
``effective_status``), without a job having to run. The 文号 is kept as written and, parsed by
``gongkai.text.docnumber``, normalised and in its parts (机关代字, year, serial) for search.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import TimeStampedModel
from gongkai.core.storage import delete_files_with_rows

DEFAULT_INDEX_PATTERN = "{prefix}/{year}-{seq:05d}"


class BaseKind(models.TextChoices):
    """The three kinds the law and the annual report know (report table 二 counts the first two)."""

    RULE = "rule", _("rule (规章)")
    NORMATIVE = "normative", _("administrative normative document (行政规范性文件)")
    OTHER = "other", _("other document")


class DocumentKind(models.Model):
    """A kind of document: the three of the law (no agency) and those an agency configures
    (通知, 公告, 规划, 统计信息, …), each counted as one of the three."""

    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=50)
    base = models.CharField(_("counted as"), max_length=16, choices=BaseKind.choices, default=BaseKind.OTHER)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("kind of document")
        verbose_name_plural = _("kinds of document")
        ordering = ["agency_id", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=Q(agency__isnull=True), name="document_kind_global_code"
            ),
            models.UniqueConstraint(fields=["agency", "code"], name="document_kind_agency_code"),
        ]

    def __str__(self) -> str:
        return self.name


class LegalStatus(models.TextChoices):
    IN_FORCE = "in_force", _("in force")
    AMENDED = "amended", _("amended")
    REPEALED = "repealed", _("repealed")
    EXPIRED = "expired", _("expired")


class PublicationState(models.TextChoices):
    DRAFT = "draft", _("draft")
    FIRST_REVIEW = "first_review", _("in first review")
    SECOND_REVIEW = "second_review", _("in second review")
    FINAL_REVIEW = "final_review", _("in final review")
    PUBLISHED = "published", _("published")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Disclosure(models.TextChoices):
    """公开属性, set when the document is drafted (Art. 13–16)."""

    PROACTIVE = "proactive", _("proactive disclosure (主动公开)")
    ON_REQUEST = "on_request", _("disclosure on request (依申请公开)")
    WITHHELD = "withheld", _("not disclosed (不予公开)")


class Document(TimeStampedModel):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("publishing agency"), on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.ForeignKey(DocumentKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(_("title"), max_length=500)
    doc_number = models.CharField(_("document number (文号)"), max_length=100, blank=True)
    # The 文号 parsed (gongkai.text.docnumber): one normal form, and its parts for search.
    doc_number_norm = models.CharField(max_length=100, blank=True, db_index=True, editable=False)
    doc_prefix = models.CharField(_("issuer code (机关代字)"), max_length=50, blank=True, editable=False)
    doc_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    doc_serial = models.PositiveIntegerField(null=True, blank=True, editable=False)
    index_number = models.CharField(_("index number (索引号)"), max_length=100, blank=True)
    issuer = models.CharField(_("issuing authority (发文机关), as written"), max_length=200, blank=True)
    issuer_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("issuing agency in the platform"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    co_issuers = models.TextField(_("co-issuers"), blank=True, help_text=_("One per line."))
    written_on = models.DateField(_("date written (成文日期)"), null=True, blank=True)
    published_on = models.DateField(_("date published"), null=True, blank=True)
    effective_on = models.DateField(_("effective from"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    formed_on = models.DateField(
        _("information formed or changed on"), null=True, blank=True, help_text=_("Regulation Art. 26: 20 working days")
    )
    topic = models.CharField(_("topic (主题分类)"), max_length=50, blank=True)
    art20_item = models.PositiveSmallIntegerField(_("item of Art. 20"), null=True, blank=True)
    body = models.TextField(_("body"), blank=True, help_text=_("HTML, sanitised when saved"))
    disclosure = models.CharField(
        _("disclosure attribute"), max_length=16, choices=Disclosure.choices, default=Disclosure.PROACTIVE
    )
    withheld_reason = models.CharField(_("reason not disclosed"), max_length=300, blank=True)
    withheld_article = models.CharField(_("article"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=LegalStatus.choices, default=LegalStatus.IN_FORCE)
    state = models.CharField(
        _("publication"), max_length=16, choices=PublicationState.choices, default=PublicationState.DRAFT
    )
    is_policy = models.BooleanField(
        _("policy document"), default=False, help_text=_("三同步: published only with its interpretation")
    )
    interpretation_exempt_reason = models.CharField(_("reason for no interpretation"), max_length=300, blank=True)
    interpretation_exempt_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("exempted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    previous_version = models.OneToOneField(
        "self",
        verbose_name=_("revises"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
    )
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, null=True, blank=True
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-published_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "index_number"], condition=~Q(index_number=""), name="document_index_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(art20_item__isnull=True) | Q(art20_item__gte=1, art20_item__lte=15),
                name="document_art20_item_1_to_15",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "state", "published_on"], name="document_agency_state_pub"),
            models.Index(fields=["doc_prefix", "doc_year", "doc_serial"], name="document_number_parts"),
            models.Index(fields=["state", "status", "expires_on"], name="document_state_status"),
        ]

    def __str__(self) -> str:
        return self.title

    def effective_status(self, today: date) -> str:
        """The legal status as of ``today``: in force past its expiry date is expired, by the date alone."""
        if self.status == LegalStatus.IN_FORCE and self.expires_on is not None and self.expires_on < today:
            return LegalStatus.EXPIRED.value
        return str(self.status)


class RelationKind(models.TextChoices):
    AMENDS = "amends", _("amends")
    REPEALS = "repeals", _("repeals")


class DocumentRelation(models.Model):
    """``source`` amends or repeals ``target`` (from ``on``); the target's status follows."""

    source = models.ForeignKey(Document, verbose_name=_("document"), on_delete=models.PROTECT, related_name="acts_on")
    target = models.ForeignKey(
        Document, verbose_name=_("document acted on"), on_delete=models.PROTECT, related_name="acted_on_by"
    )
    kind = models.CharField(_("relation"), max_length=16, choices=RelationKind.choices)
    on = models.DateField(_("from"), null=True, blank=True)
    target_status_before = models.CharField(max_length=16, choices=LegalStatus.choices, editable=False)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("relation between documents")
        verbose_name_plural = _("relations between documents")
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="document_relation_once"),
            models.CheckConstraint(condition=~Q(source=models.F("target")), name="document_relation_not_itself"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.kind} {self.target_id}"


class InterpretationKind(models.TextChoices):
    TEXT = "text", _("text interpretation")
    GRAPHIC = "graphic", _("graphic interpretation (一图读懂)")
    VIDEO = "video", _("video")
    OTHER = "other", _("other")


class Interpretation(TimeStampedModel):
    """解读, linked to its document (三同步)."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="interpretations"
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=InterpretationKind.choices, default=InterpretationKind.TEXT
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    published_on = models.DateField(_("date published"), null=True, blank=True)

    class Meta:
        verbose_name = _("interpretation")
        verbose_name_plural = _("interpretations")
        ordering = ["published_on", "id"]

    def __str__(self) -> str:
        return self.title


class DocumentAttachment(models.Model):
    """A file of a document (PDF, DOCX, OFD, XLSX, images), kept as uploaded; its text for checks and search."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="documents", max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    media_type = models.CharField(_("file kind"), max_length=16)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64, editable=False)
    text = models.TextField(_("text of the file"), blank=True, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded at"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, null=True, blank=True
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class LibrarySettings(models.Model):
    """An agency's own settings of the library: the 索引号 pattern and the number of sign-offs."""

    agency = models.OneToOneField(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="library_settings"
    )
    index_prefix = models.CharField(
        _("index number prefix"), max_length=40, blank=True, help_text=_("e.g. the agency's unified social credit code")
    )
    index_pattern = models.CharField(_("index number pattern"), max_length=100, default=DEFAULT_INDEX_PATTERN)
    review_signoffs = models.PositiveSmallIntegerField(_("sign-offs before publication"), default=3)

    class Meta:
        verbose_name = _("library settings")
        verbose_name_plural = _("library settings")

    def __str__(self) -> str:
        return f"{self.agency_id}"


class IndexCounter(models.Model):
    """Per agency and year the last 索引号 serial issued (locked in the issuing transaction: gap-free)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="index_counter_per_agency_year")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last}"


delete_files_with_rows(DocumentAttachment, "file")


class ProactiveFigures(TimeStampedModel):
    """The figures of report table 二 that the library does not hold, entered or imported per agency
    and year: licensing, penalty and compulsory decisions, and the administrative fees collected."""

    agency = models.ForeignKey("agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    licensing_decisions = models.PositiveIntegerField(_("administrative licensing decisions"), default=0)
    penalty_decisions = models.PositiveIntegerField(_("administrative penalty decisions"), default=0)
    compulsory_decisions = models.PositiveIntegerField(_("administrative compulsory decisions"), default=0)
    fees_10k_yuan = models.DecimalField(
        _("administrative fees (10,000 yuan)"), max_digits=14, decimal_places=4, default=0
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT, null=True, blank=True
    )

    class Meta:
        verbose_name = _("figures of report table 2")
        verbose_name_plural = _("figures of report table 2")
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="proactive_figures_per_agency_year")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}"


class CatalogueCategory(models.Model):
    """A category of an agency's 主动公开事项目录 (机构职能, 政策文件, 财政信息, …), in its order."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="catalogue_categories"
    )
    name = models.CharField(_("name"), max_length=50)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("catalogue category")
        verbose_name_plural = _("catalogue categories")
        ordering = ["agency_id", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="catalogue_category_name_once")]

    def __str__(self) -> str:
        return self.name


class CatalogueItem(TimeStampedModel):
    """One item (事项) of the 主动公开事项目录 (Art. 12; the 2024 work plan): what is disclosed, on
    which legal basis, within which time, by whom, where and how — and the documents that fulfil it."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="catalogue_items"
    )
    category = models.ForeignKey(
        CatalogueCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="items"
    )
    subject = models.CharField(_("subject of disclosure"), max_length=200)
    content = models.TextField(_("content disclosed"), blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    time_limit = models.CharField(_("time limit"), max_length=200, blank=True)
    responsible_unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    channel = models.CharField(_("channel of disclosure"), max_length=300, blank=True)
    method = models.CharField(_("way of disclosure"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    documents = models.ManyToManyField(
        Document, verbose_name=_("documents"), blank=True, related_name="catalogue_items"
    )

    class Meta:
        verbose_name = _("catalogue item")
        verbose_name_plural = _("catalogue items")
        ordering = ["category__position", "category_id", "position", "id"]

    def __str__(self) -> str:
        return self.subject


class DisclosureGuide(models.Model):
    """An agency's 政府信息公开指南 (Art. 12): the text it writes; the office's contact data come
    from the agency's disclosure office when the guide is shown."""

    agency = models.OneToOneField(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="disclosure_guide"
    )
    body = models.TextField(_("text of the guide"), blank=True, help_text=_("HTML, sanitised when saved"))
    revised_on = models.DateField(_("last updated"))
    revised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), on_delete=models.PROTECT, null=True, blank=True
    )

    class Meta:
        verbose_name = _("guide to government information disclosure")
        verbose_name_plural = _("guides to government information disclosure")

    def __str__(self) -> str:
        return f"{self.agency_id}"
