"""The bytes of an export as WordPress and its hosts hand them out: an .xml file, an .xml.gz, or a .zip of one
or more .xml files (WordPress.com splits a large site into site-000.xml, site-001.xml...), each read as it
is, never unpacked to disk, within size limits; and the encoding its bytes really have.

Compressed files are recognised by their first bytes, not their names. A compressed export may expand to at
most RATIO times its size and LIMIT bytes in all, so a "zip bomb" is refused before it fills the memory or
the disk. An export declared ISO-8859-1 (or windows-1252) whose bytes are UTF-8, common on old blogs, is read
as UTF-8; one declared UTF-8 whose bytes are not is read as windows-1252: either is said in the report."""
from __future__ import annotations

import codecs
import gzip
import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable

from ..errors import BuildError, Problem

CHUNK = 1 << 20
RATIO = 100  # a compressed export may expand to this many times its size...
LIMIT = 4 << 30  # ...and to 4 GiB at most
GZIP, ZIP = b"\x1f\x8b", b"PK\x03\x04"
DECLARATION = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
LATIN = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "windows-1252", "cp1252", "us-ascii", "ascii"}
UTF8 = {"utf-8", "utf8"}


@dataclass(frozen=True)
class Document:
    """One XML document of an export: `shown` names it in messages (export.zip:site-000.xml)."""

    shown: str
    open: Callable[[], BinaryIO]


class Limited(io.RawIOBase):
    """A stream that fails once more than `limit` bytes have been read from it."""

    def __init__(self, stream: BinaryIO, limit: int, shown: str, size: int, archive=None):
        self.stream, self.left, self.shown, self.size, self.limit = stream, limit, shown, size, limit
        self.archive = archive  # the ZipFile a member stream comes from, closed with it

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        try:
            data = self.stream.read(min(len(buffer), self.left + 1))
        except (OSError, EOFError, zlib.error, zipfile.BadZipFile) as exc:
            raise BuildError([Problem(self.shown, 0, f"is a damaged archive ({exc}); make or download it again")]) \
                from None
        self.left -= len(data)
        if self.left < 0:
            raise BuildError([Problem(self.shown, 0, (
                f"expands to more than {self.limit >> 20} MB ({RATIO} times its {self.size >> 10} kB, or 4 GiB): "
                f"refused, as an archive that expands so much may be a \"zip bomb\"; if you trust it, unpack it and "
                f"give the .xml file"))])
        buffer[:len(data)] = data
        return len(data)

    def close(self) -> None:
        self.stream.close()
        if self.archive is not None:
            self.archive.close()
        super().close()


def documents(path: Path, shown: str) -> list[Document]:
    """The XML documents of the export at `path`; a BuildError when it cannot be read or holds none."""
    try:
        with path.open("rb") as f:
            magic = f.read(4)
        size = path.stat().st_size
    except OSError as exc:
        raise BuildError([Problem(shown, 0, f"cannot be read: {exc.strerror or exc}")]) from None
    limit = min(LIMIT, max(RATIO * size, 64 << 20))
    if magic.startswith(GZIP):
        return [Document(shown, lambda: io.BufferedReader(Limited(gzip.open(path, "rb"), limit, shown, size), CHUNK))]
    if magic == ZIP:
        return zip_documents(path, shown, size, limit)
    return [Document(shown, lambda: path.open("rb"))]


def zip_documents(path: Path, shown: str, size: int, limit: int) -> list[Document]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = sorted((i for i in archive.infolist() if not i.is_dir()), key=lambda i: i.filename)
    except (OSError, zipfile.BadZipFile) as exc:
        raise BuildError([Problem(shown, 0, f"is not a readable .zip file ({exc})")]) from None
    xml = [m for m in members if m.filename.lower().endswith(".xml")]
    if not xml:
        raise BuildError([Problem(shown, 0, "holds no .xml file: a WordPress export in a .zip is one or more .xml files "
                                            "(WordPress.com: Tools → Export)")])
    if sum(m.file_size for m in xml) > limit:
        raise BuildError([Problem(shown, 0, f"its .xml files expand to more than {limit >> 20} MB: refused, as an "
                                            f"archive that expands so much may be a \"zip bomb\"; if you trust it, "
                                            f"unpack it and give the .xml files one by one")])

    def opener(name: str, left: int):
        def open_member() -> BinaryIO:
            archive = zipfile.ZipFile(path)
            return io.BufferedReader(Limited(archive.open(name), left, f"{shown}:{name}", size, archive), CHUNK)
        return open_member

    return [Document(f"{shown}:{m.filename}", opener(m.filename, limit)) for m in xml]


def declared_encoding(head: bytes) -> str:
    m = DECLARATION.match(head)
    return m.group(1).decode("ascii").lower() if m else ""


def encoding_of(document: Document) -> tuple[str | None, str]:
    """(the encoding to read the document in, instead of the one it declares, or None; what to say of it).

    Declared ISO-8859-1/windows-1252 but valid UTF-8 with some non-ASCII bytes: UTF-8. Declared UTF-8 (or
    nothing) but not valid UTF-8: windows-1252, the encoding of the old tools that wrote such files."""
    with document.open() as f:
        head = f.read(CHUNK)
        declared = declared_encoding(head)
        if declared not in LATIN and declared not in UTF8 and declared:
            return None, ""
        decoder = codecs.getincrementaldecoder("utf-8")("strict")
        ascii_only, chunk = True, head
        try:
            while chunk:
                decoder.decode(chunk)
                ascii_only = ascii_only and chunk.isascii()
                chunk = f.read(CHUNK)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            if declared in LATIN:
                return None, ""
            return "windows-1252", (f"{document.shown}: declared {declared or 'UTF-8'} but its bytes are not UTF-8: "
                                    f"read as windows-1252; check the accented letters of a few posts")
    if declared in LATIN and not ascii_only:
        return "utf-8", (f"{document.shown}: declared {declared.upper()} but its bytes are UTF-8 (as WordPress "
                         f"wrote them): read as UTF-8")
    return None, ""
