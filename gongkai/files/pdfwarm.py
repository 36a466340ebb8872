"""Loaded by the PDF reader's fork server: pdfminer imported and warmed up once, so that each reader forked
from the server starts with its lazily loaded tables (fonts, encodings) in memory (~12 ms less per PDF)."""

from __future__ import annotations

from .pdfdoc import warm_up

warm_up()
