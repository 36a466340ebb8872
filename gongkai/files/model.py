"""What a loaded source document looks like, whatever the file was (text, HTML, DOCX, PDF).

A document is an ordered list of blocks: paragraphs (one line of text each) and tables (rows of
cell strings). All text is already repaired (simplified characters, pinyin annotations removed,
punctuation and width normalised); each kind of repair is recorded as a REPAIRED (or GARBLED) problem.

Tables: real table markup (HTML, DOCX) becomes a grid with row and column spans expanded
(a merged cell's text repeats in every position it covers). Plain text tables flattened to
"a | b | c |" lines, and whitespace-aligned columns in PDF text layers, become tables too; their
cells are exactly as found (empty strings kept), so a reader can count positions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .problems import Problem


class MediaType(StrEnum):
    TEXT = "text"
    HTML = "html"
    DOCX = "docx"
    PDF = "pdf"
    UNKNOWN = "unknown"


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    TABLE = "table"


@dataclass
class Block:
    kind: BlockKind
    text: str = ""  # a paragraph's text
    rows: list[list[str]] = field(default_factory=list)  # a table's cells
    line: int | None = None  # 1-based line of the block's start in the decoded text, where known

    def as_text(self) -> str:
        if self.kind is BlockKind.PARAGRAPH:
            return self.text
        return "\n".join(" | ".join(row) for row in self.rows)


@dataclass
class SourceDocument:
    name: str
    media_type: MediaType
    encoding: str | None  # detected text encoding, where the format has one
    blocks: list[Block] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True  # False: nothing could be read; ``problems`` says why

    @property
    def text(self) -> str:
        return "\n".join(block.as_text() for block in self.blocks)
