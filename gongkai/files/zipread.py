"""Reading ZIP archives (DOCX packages, uploaded ZIPs) within caps: never a whole member at once.

- :func:`open_archive` counts the entries before :mod:`zipfile` builds its directory (from the end
  of central directory record, and from the directory's size: an archive cannot hold more entries
  than its directory has room for), so a file of a million tiny entries costs nothing.
- :func:`read_member` streams one member in chunks and stops as soon as what came out exceeds the
  member's cap, the archive's remaining :class:`Budget`, or ``max_ratio`` times what went in. The
  sizes the headers declare are not trusted: what is counted is the bytes actually decompressed,
  against the compressed bytes actually read from the archive for them.

Both raise :class:`~gongkai.files.caps.CapExceeded` with a Chinese message naming the cap.
"""

from __future__ import annotations

import io
import struct
import zipfile

from .caps import CapExceeded, megabytes

CHUNK = 4096  # zipfile reads ahead of the decompressor by what is asked for: keep it small, the count exact
RATIO_FLOOR = 1024 * 1024  # a member this small is never a bomb, however well it compresses
_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_EOCD64 = b"PK\x06\x06"
_MIN_ENTRY = 46  # a central directory entry with an empty name


class Budget:
    """Bytes that may still come out of an archive (or a whole upload), shared by its members."""

    def __init__(self, left: int, *, message: str, cap: str) -> None:
        self.left = left
        self.limit = left
        self._message = message
        self._cap = cap

    def take(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise CapExceeded(self._message, cap=self._cap, limit=self.limit)


def directory_entries(data: bytes) -> int | None:
    """The largest number of entries the archive's central directory can hold; None: no end record."""
    end = data.rfind(_EOCD, max(0, len(data) - 65_557))
    if end < 0 or len(data) < end + 22:
        return None
    _, _, _, _, count, size, _, _ = struct.unpack("<4sHHHHIIH", data[end : end + 22])
    locator = end - 20
    if locator >= 0 and data[locator : locator + 4] == _EOCD64_LOCATOR:
        (offset,) = struct.unpack("<Q", data[locator + 8 : locator + 16])
        if data[offset : offset + 4] == _EOCD64 and len(data) >= offset + 56:
            count, size = struct.unpack("<QQ", data[offset + 32 : offset + 48])
    # a lying count is caught by the directory's size (which cannot exceed the file)
    return min(count, min(size, len(data)) // _MIN_ENTRY)


class _CountingBytes(io.BytesIO):
    """The archive's bytes, counting what is read from them (the compressed bytes a member took)."""

    taken = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.taken += len(data)
        return data


class Archive(zipfile.ZipFile):
    """A ZIP archive that knows how many of its bytes have been read (for :func:`read_member`)."""

    source: _CountingBytes


def open_archive(data: bytes, *, max_members: int, what: str) -> Archive:
    """The archive, refused unread (CapExceeded) when it holds more than ``max_members`` entries."""
    entries = directory_entries(data)
    too_many = f"{what}包含的文件条目过多（超过{max_members}个），可能是恶意构造的文件，未读取"
    if entries is not None and entries > max_members:
        raise CapExceeded(too_many, cap="max_members", limit=max_members)
    source = _CountingBytes(data)
    archive = Archive(source)
    archive.source = source
    if len(archive.infolist()) > max_members:
        archive.close()
        raise CapExceeded(too_many, cap="max_members", limit=max_members)
    return archive


def read_member(
    archive: Archive, info: zipfile.ZipInfo, *, max_bytes: int, max_ratio: int, budget: Budget | None, what: str
) -> bytes:
    """The member's bytes, streamed: CapExceeded past ``max_bytes``, the budget or ``max_ratio``."""
    out = bytearray()
    with archive.open(info) as handle:
        went_in = archive.source.taken  # the member's own bytes are counted from here (its header read)
        while True:
            chunk = handle.read(CHUNK)
            if not chunk:
                break
            out += chunk
            if len(out) > max_bytes:
                raise CapExceeded(
                    f"{what}解压后超过{megabytes(max_bytes)}，可能是压缩炸弹，未读取",
                    cap="max_part_bytes",
                    limit=max_bytes,
                )
            if budget is not None:
                budget.take(len(chunk))
            if len(out) > RATIO_FLOOR and len(out) > max(1, archive.source.taken - went_in) * max_ratio:
                raise CapExceeded(
                    f"{what}的压缩比超过{max_ratio}倍，可能是压缩炸弹，未读取", cap="max_ratio", limit=max_ratio
                )
    return bytes(out)
