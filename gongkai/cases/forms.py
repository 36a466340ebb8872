"""The public application form (Art. 29) and the status look-up form. Field checks that are law
(identity numbers, contact, delivery) are the service's (``application_problems``); the form
shows its messages beside the fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from gongkai.files.caps import megabytes

from .models import ApplicantKindChoice, DeliveryForm, DeliveryMethod, IdType
from .services import (
    MAX_FILES,
    ApplicantInput,
    ApplicationInput,
    AttachmentFile,
    attachment_problems,
    max_attachment_bytes,
)

# application_problems field names → form field names
FIELD_OF_PROBLEM = {
    "applicant.kind": "kind",
    "applicant.name": "name",
    "applicant.id_type": "id_type",
    "applicant.id_number": "id_number",
    "applicant.phone": "phone",
    "applicant.email": "email",
    "applicant.address": "address",
    "description": "description",
    "title_hint": "title",
    "document_number_hint": "document_number",
    "other_features": "other_features",
    "delivery_form": "delivery_form",
    "delivery_method": "delivery_method",
}


# -- attachments -------------------------------------------------------------------------------

ATTACHMENT_ACCEPT = ".pdf,.docx,.ofd,.png,.jpg,.jpeg,.gif"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files at once (``<input type=file multiple>``), read into (name, bytes) and
    checked by the service's rules (``attachment_problems``: kind by content, size, count)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ATTACHMENT_ACCEPT}))
        kwargs.setdefault(
            "help_text",
            _("PDF, Word (DOCX), OFD or pictures (PNG, JPEG, GIF): at most %(count)d files of up to %(size)s each.")
            % {"count": MAX_FILES, "size": megabytes(max_attachment_bytes())},
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[AttachmentFile]:
        items = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not items:
            super().clean(None, initial)  # "required" when it is
            return []
        single = super().clean
        uploads: list[UploadedFile] = [single(item, initial) for item in items]
        limit = max_attachment_bytes()
        # Too many: none is read. Too large: one byte past the limit is enough to know it.
        files = [] if len(uploads) > MAX_FILES else [(u.name or "", u.read(limit + 1)) for u in uploads]
        problems = attachment_problems(files, count=len(uploads))
        if problems:
            raise forms.ValidationError(problems)
        return files


class AttachmentForm(forms.Form):
    """The office adds files to a case (the staff case page)."""

    attachments = AttachmentsField(label=_("files"))


class ApplicationForm(forms.Form):
    kind = forms.ChoiceField(label=_("applicant kind"), choices=ApplicantKindChoice.choices)
    name = forms.CharField(label=_("name of the applicant"), max_length=200)
    id_type = forms.ChoiceField(label=_("identity document"), choices=IdType.choices)
    id_number = forms.CharField(label=_("identity number"), max_length=64)
    phone = forms.CharField(label=_("contact phone"), max_length=32, required=False)
    email = forms.CharField(label=_("e-mail"), max_length=254, required=False)
    address = forms.CharField(label=_("postal address"), max_length=300, required=False)
    description = forms.CharField(
        label=_("information requested"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Describe the government information you need, as precisely as you can."),
    )
    title = forms.CharField(label=_("document title"), max_length=300, required=False)
    document_number = forms.CharField(label=_("document number"), max_length=100, required=False)
    other_features = forms.CharField(
        label=_("other identifying features"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    delivery_form = forms.ChoiceField(label=_("form of delivery"), choices=DeliveryForm.choices)
    delivery_method = forms.ChoiceField(label=_("way of delivery"), choices=DeliveryMethod.choices)
    attachments = AttachmentsField(label=_("attachments"), required=False)

    def application(self) -> ApplicationInput:
        data = self.cleaned_data
        return ApplicationInput(
            applicant=ApplicantInput(
                kind=data["kind"],
                name=data["name"],
                id_type=data["id_type"],
                id_number=data["id_number"],
                phone=data["phone"],
                email=data["email"],
                address=data["address"],
            ),
            description=data["description"],
            delivery_form=data["delivery_form"],
            delivery_method=data["delivery_method"],
            title_hint=data["title"],
            document_number_hint=data["document_number"],
            other_features=data["other_features"],
        )

    def attachment_files(self) -> list[AttachmentFile]:
        files: list[AttachmentFile] = self.cleaned_data.get("attachments") or []
        return files

    def show_problems(self, problems: dict[str, str]) -> None:
        for key, message in problems.items():
            field = FIELD_OF_PROBLEM.get(key)
            self.add_error(field if field in self.fields else None, message)


class StatusForm(forms.Form):
    number = forms.CharField(label=_("case number"), max_length=80)
    code = forms.CharField(label=_("query code"), max_length=20)
