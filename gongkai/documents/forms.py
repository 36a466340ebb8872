"""Staff forms of the library; the rules are the services' (``document_problems``), shown beside the fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import DomainError, ValidationFailed

from .catalogue import ItemInput
from .models import Disclosure, InterpretationKind, LegalStatus, RelationKind
from .services import DocumentInput

T = TypeVar("T")


class ServiceForm(forms.Form):
    """A form whose data a service saves: the service's problems are shown beside the fields."""

    def show_problems(self, problems: dict[str, str]) -> None:
        for key, message in problems.items():
            self.add_error(key if key in self.fields else None, message)

    def saved(self, save: Callable[[], T]) -> T | None:
        """What ``save`` returns, or None with the service's problems shown on the form."""
        try:
            return save()
        except ValidationFailed as error:
            self.show_problems(error.details if isinstance(error.details, dict) else {})
            self.add_error(None, error.message)
        except DomainError as error:
            self.add_error(None, error.message)
        return None


def _date(label: Any) -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}))


class DocumentForm(ServiceForm):
    agency = forms.ChoiceField(label=_("publishing agency"))
    kind = forms.ChoiceField(label=_("kind"))
    title = forms.CharField(label=_("title"), max_length=500)
    doc_number = forms.CharField(label=_("document number (文号)"), max_length=100, required=False)
    issuer = forms.CharField(label=_("issuing authority (发文机关), as written"), max_length=200, required=False)
    co_issuers = forms.CharField(label=_("co-issuers"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    written_on = _date(_("date written (成文日期)"))
    published_on = _date(_("date published"))
    effective_on = _date(_("effective from"))
    expires_on = _date(_("expires on"))
    formed_on = _date(_("information formed or changed on"))
    topic = forms.CharField(label=_("topic (主题分类)"), max_length=50, required=False)
    art20_item = forms.IntegerField(label=_("item of Art. 20"), min_value=1, max_value=15, required=False)
    status = forms.ChoiceField(label=_("status"), choices=LegalStatus.choices, initial=LegalStatus.IN_FORCE)
    disclosure = forms.ChoiceField(label=_("disclosure attribute"), choices=Disclosure.choices)
    withheld_reason = forms.CharField(label=_("reason not disclosed"), max_length=300, required=False)
    withheld_article = forms.CharField(label=_("article"), max_length=100, required=False)
    is_policy = forms.BooleanField(
        label=_("policy document"), required=False, help_text=_("三同步: published only with its interpretation")
    )
    body = forms.CharField(
        label=_("body"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("HTML, sanitised when saved"),
    )

    def __init__(
        self, *args: Any, agencies: list[tuple[str, str]], kinds: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = agencies  # type: ignore[attr-defined]
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]

    def document_input(self) -> DocumentInput:
        data = {k: v for k, v in self.cleaned_data.items() if k != "agency"}
        data = {
            k: (
                ""
                if v is None
                and k not in ("written_on", "published_on", "effective_on", "expires_on", "formed_on", "art20_item")
                else v
            )
            for k, v in data.items()
        }
        return DocumentInput(**data)


class InterpretationForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=300)
    kind = forms.ChoiceField(label=_("kind"), choices=InterpretationKind.choices)
    body = forms.CharField(label=_("text"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    url = forms.URLField(label=_("link"), required=False, max_length=500, assume_scheme="https")
    published_on = _date(_("date published"))


class RelationForm(forms.Form):
    kind = forms.ChoiceField(label=_("relation"), choices=RelationKind.choices)
    target = forms.CharField(label=_("document acted on: its 文号 or 索引号"), max_length=100)
    on = _date(_("from"))


class ExemptForm(forms.Form):
    reason = forms.CharField(label=_("reason for no interpretation"), max_length=300)


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("name of the category"), max_length=50)
    position = forms.IntegerField(label=_("position"), min_value=0, max_value=9999, required=False)


class CatalogueItemForm(ServiceForm):
    category = forms.TypedChoiceField(label=_("category"), coerce=int)
    subject = forms.CharField(label=_("subject of disclosure"), max_length=200)
    content = forms.CharField(label=_("content disclosed"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    legal_basis = forms.CharField(label=_("legal basis"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    time_limit = forms.CharField(label=_("time limit"), max_length=200, required=False)
    responsible_unit = forms.CharField(label=_("responsible unit"), max_length=200, required=False)
    channel = forms.CharField(label=_("channel of disclosure"), max_length=300, required=False)
    method = forms.CharField(label=_("way of disclosure"), max_length=100, required=False)
    position = forms.IntegerField(label=_("position"), min_value=0, max_value=9999, required=False)
    documents = forms.CharField(
        label=_("documents that fulfil the item"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One 索引号 or 文号 per line, of the agency's own documents."),
    )

    def __init__(self, *args: Any, categories: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = categories  # type: ignore[attr-defined]

    def item_input(self) -> ItemInput:
        data = self.cleaned_data
        references = tuple(line.strip() for line in (data["documents"] or "").splitlines() if line.strip())
        return ItemInput(
            category=data["category"],
            subject=data["subject"],
            content=data["content"] or "",
            legal_basis=data["legal_basis"] or "",
            time_limit=data["time_limit"] or "",
            responsible_unit=data["responsible_unit"] or "",
            channel=data["channel"] or "",
            method=data["method"] or "",
            position=data["position"],
            documents=references,
        )


class GuideForm(forms.Form):
    body = forms.CharField(
        label=_("text of the guide"),
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=_(
            "HTML, sanitised when saved. The disclosure office's address, hours and phone are shown with it, "
            "from the agency's record."
        ),
    )
