"""File intake's caps and limits from the settings (``GONGKAI_FILES_*``, ``GONGKAI_UPLOAD_*``).

:func:`read_caps` are made the caps of every file read in the process when the core app is ready
(and again when a test changes one of the settings); :func:`upload_limits` are the limits of one
upload. docs/operations.md (文件读取上限) lists the settings and their defaults.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from gongkai.files import LOADABLE_SUFFIXES, ReadCaps, UploadLimits, configure_caps


def read_caps() -> ReadCaps:
    return ReadCaps(
        max_members=settings.GONGKAI_FILES_MAX_MEMBERS,
        max_part_bytes=settings.GONGKAI_FILES_MAX_PART_BYTES,
        max_unpacked_bytes=settings.GONGKAI_FILES_MAX_UNPACKED_BYTES,
        max_ratio=settings.GONGKAI_FILES_MAX_RATIO,
        pdf_max_stream_bytes=settings.GONGKAI_FILES_PDF_MAX_STREAM_BYTES,
        pdf_max_decoded_bytes=settings.GONGKAI_FILES_PDF_MAX_DECODED_BYTES,
        pdf_max_pages=settings.GONGKAI_FILES_PDF_MAX_PAGES,
        pdf_max_seconds=float(settings.GONGKAI_FILES_PDF_MAX_SECONDS),
        pdf_max_memory_bytes=settings.GONGKAI_FILES_PDF_MAX_MEMORY_BYTES,
        html_max_bytes=settings.GONGKAI_FILES_HTML_MAX_BYTES,
        html_max_depth=settings.GONGKAI_FILES_HTML_MAX_DEPTH,
    )


def upload_limits(accepted_suffixes: frozenset[str] = LOADABLE_SUFFIXES) -> UploadLimits:
    return UploadLimits(
        max_file_bytes=settings.GONGKAI_UPLOAD_MAX_FILE_BYTES,
        max_zip_bytes=settings.GONGKAI_UPLOAD_MAX_ZIP_BYTES,
        max_files=settings.GONGKAI_UPLOAD_MAX_FILES,
        max_unpacked_bytes=settings.GONGKAI_UPLOAD_MAX_TOTAL_BYTES,
        max_compression_ratio=settings.GONGKAI_FILES_MAX_RATIO,
        max_zip_entries=max(settings.GONGKAI_FILES_MAX_MEMBERS, 4 * settings.GONGKAI_UPLOAD_MAX_FILES),
        accepted_suffixes=accepted_suffixes,
    )


def configure() -> None:
    """Make the settings' caps those of every file read in this process."""
    configure_caps(read_caps())


@receiver(setting_changed)
def _caps_changed(*, setting: str, **kwargs: Any) -> None:
    if setting.startswith("GONGKAI_FILES_"):
        configure()
