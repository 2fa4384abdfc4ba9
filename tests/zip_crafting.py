"""Zip files written byte by byte, for the hostile-file tests: bombs, lying directories, thousands of entries.

``zipfile`` cannot write an entry whose directory disagrees with its data, and compressing a gigabyte to make a
bomb takes seconds; here a bomb is one compressed chunk repeated (each copy ends with a full flush, so no copy
refers back to another) and the directory says whatever the test wants it to say.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

DEFLATED = 8
STORED = 0


@dataclass(frozen=True)
class Entry:
    """One archive entry: its name, the bytes as stored, and what the directory declares about them."""

    name: str
    data: bytes
    crc: int
    file_size: int
    method: int = DEFLATED


def deflated(name: str, content: bytes) -> Entry:
    """An honest entry: ``content`` deflated."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = packer.compress(content) + packer.flush()
    return Entry(name, data, zlib.crc32(content), len(content))


def bomb(
    name: str, *, chunk: bytes, copies: int, prefix: bytes = b"", suffix: bytes = b"", with_crc: bool = True
) -> Entry:
    """An entry unpacking to ``prefix + chunk * copies + suffix``, about 1,000 times its size for a chunk of
    one repeated byte."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = packer.compress(prefix) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    data = head + block * copies + packer.compress(suffix) + packer.flush()
    crc = zlib.crc32(prefix)
    if with_crc:
        for _ in range(copies):
            crc = zlib.crc32(chunk, crc)
    return Entry(name, data, zlib.crc32(suffix, crc), len(prefix) + len(chunk) * copies + len(suffix))


def archive(entries: list[Entry]) -> bytes:
    """The zip file of ``entries``: local headers and data, then the central directory."""
    body = bytearray()
    directory = bytearray()
    for entry in entries:
        name = entry.name.encode("utf-8")
        offset = len(body)
        sizes = (entry.crc, len(entry.data), entry.file_size)
        body += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, entry.method, 0, 0x21, *sizes, len(name), 0)
        body += name + entry.data
        directory += struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            20,
            20,
            0,
            entry.method,
            0,
            0x21,
            *sizes,
            len(name),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        directory += name
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), len(body), 0
    )
    return bytes(body + directory + end)


CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="word/document.xml"/></Relationships>'
)
W = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARAGRAPH = b"<w:p><w:r><w:t>Article 1. Everyone has the right to a word of their own.</w:t></w:r></w:p>"


def document_xml(paragraphs: bytes) -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="'
        + W
        + b'"><w:body>'
        + paragraphs
        + b"</w:body></w:document>"
    )


def docx_parts(document: Entry) -> list[Entry]:
    """The three parts a Word document needs, around ``document`` (word/document.xml)."""
    return [deflated("[Content_Types].xml", CONTENT_TYPES), deflated("_rels/.rels", RELS), document]


def docx_bomb(*, unpacked_mb: int) -> bytes:
    """A .docx whose word/document.xml is one paragraph of ``unpacked_mb`` MB of spaces, packed ~1,000 times."""
    opening = document_xml(b"").removesuffix(b"</w:body></w:document>") + b"<w:p><w:r><w:t>"
    closing = b"</w:t></w:r></w:p></w:body></w:document>"
    body = bomb("word/document.xml", chunk=b" " * 2**20, copies=unpacked_mb, prefix=opening, suffix=closing)
    return archive(docx_parts(body))
