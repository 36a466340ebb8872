"""Staff forms: upload reports for audit, import a past report."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.core.files import upload_limits
from gongkai.files.caps import megabytes


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that accepts several files at once (``<input type=file multiple>``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        attrs = {"accept": ".txt,.htm,.html,.docx,.pdf,.zip"}
        kwargs.setdefault("widget", MultipleFileInput(attrs=attrs))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: models.Model) -> str:
        agency = obj if isinstance(obj, Agency) else None
        if agency is None:
            return str(obj)
        return f"{'　' * agency.depth}{agency.name}"


class UploadForm(forms.Form):
    agency = AgencyChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.none(),
        help_text=_(
            "Each report is filed under the agency it names on its first page, when that agency is this one or "
            "one below it with the same name or short name (e.g. 青山市教育局); a report naming no such agency is "
            "filed under the agency chosen here."
        ),
    )
    documents = MultipleFileField(label=_("Report files (.txt, .html, .docx, .pdf) or ZIP archives of them"))

    def __init__(self, *args: Any, agencies: models.QuerySet[Agency], **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")  # Chinese labels take no colon
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        # The limits of the whole upload, as gongkai.files checks them (and as the request parser counts files).
        limits = upload_limits()
        self.fields["documents"].help_text = _(
            "At most %(files)d files in one upload, the files inside ZIP archives included, and %(total)s in all "
            "(ZIP archives unpacked); each file at most %(file)s, each ZIP archive at most %(zip)s."
        ) % {
            "files": limits.max_files,
            "total": megabytes(limits.max_unpacked_bytes),
            "file": megabytes(limits.max_file_bytes),
            "zip": megabytes(limits.max_zip_bytes),
        }
        if not self.is_bound and "agency" not in self.initial:
            # The user's own agency: the top of the subtrees they supervise or administer.
            self.fields["agency"].initial = agencies.order_by("depth", "path").first()


class HistoryForm(forms.Form):
    agency = AgencyChoiceField(label=_("Agency"), queryset=Agency.objects.none())
    year = forms.IntegerField(label=_("Reporting year"), min_value=2008)
    file = forms.FileField(
        label=_("Report file (.txt, .html, .docx, .pdf)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.htm,.html,.docx,.pdf"}),
    )

    def __init__(self, *args: Any, agencies: models.QuerySet[Agency], **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")  # Chinese labels take no colon
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        year_field = self.fields["year"]
        assert isinstance(year_field, forms.IntegerField)
        last_year = timezone.localdate().year - 1
        year_field.max_value = last_year
        year_field.validators.append(MaxValueValidator(last_year))
        year_field.widget.attrs["max"] = last_year
