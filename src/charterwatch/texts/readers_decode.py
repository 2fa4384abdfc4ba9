"""Turning the bytes of a text file into clean text: encoding detection, binary refusal, normalisation.

Constitutions reach monitors as UTF-8 from repositories, as Windows-1251 from older Russian-language portals,
and now and then as a download cut short. The one mistake we must not make is to "succeed" on a damaged UTF-8
file by decoding it as cp1251: that turns every Cyrillic letter into two wrong ones and the parser then finds
no articles at all, or worse, finds them with garbled text. So UTF-8 damage is reported with its byte offset.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from charterwatch.errors import CharterwatchError, E

# Control bytes that never occur in text (tab, LF, VT, FF and CR do).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_BINARY_CONTROL_SHARE = 0.02

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# A well-formed multibyte UTF-8 sequence (no overlongs, no surrogates), as in RFC 3629's grammar.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xC2-\xDF][\x80-\xBF]"
    rb"|\xE0[\xA0-\xBF][\x80-\xBF]|[\xE1-\xEC\xEE\xEF][\x80-\xBF]{2}|\xED[\x80-\x9F][\x80-\xBF]"
    rb"|\xF0[\x90-\xBF][\x80-\xBF]{2}|[\xF1-\xF3][\x80-\xBF]{3}|\xF4[\x80-\x8F][\x80-\xBF]{2}"
)
_HIGH_BYTE = re.compile(rb"[\x80-\xFF]")

# Characters cp1251 text legitimately has outside ASCII besides Cyrillic letters.
_CP1251_PUNCTUATION = set("«»—–№„“”‘’…•\u00a0§©®°±·")

# Everything a parser must not see: C0/C1 controls (tab and newline stay), BOMs inside the text.
_STRAY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff\u200b\ufdd0-\ufdef]")
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_SPACES = re.compile("[\u00a0\u2007\u202f]")


def read_text_file(path: Path, *, max_bytes: int) -> str:
    """The decoded text of a file, refused before it is read when missing or too large, and when empty."""
    shown = str(path)
    if not path.is_file():
        raise CharterwatchError(E.FILE_NOT_FOUND, path=shown)
    size = path.stat().st_size
    if size > max_bytes:
        raise CharterwatchError(
            E.FILE_TOO_LARGE, path=shown, size_mb=size / 2**20, limit_mb=max_bytes / 2**20
        )
    text = decode_text(path.read_bytes(), path=shown)
    if not text.strip():
        raise CharterwatchError(E.FILE_EMPTY, path=shown)
    return text


def decode_text(raw: bytes, *, path: str) -> str:
    """Decode the bytes of a text-like file (TXT, MD, HTML, XML, JSON) and normalise it.

    Order: a BOM decides outright; then NUL bytes or many control bytes mean binary; then strict UTF-8; then
    Windows-1251 only if the bytes are not damaged UTF-8 and the result reads as Cyrillic.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return normalise_text(raw[len(bom) :].decode(encoding))
            except UnicodeDecodeError as e:
                raise CharterwatchError(
                    E.FILE_UNDECODABLE,
                    path=path,
                    reason=f"invalid {encoding.upper()} at byte {e.start + len(bom)}",
                ) from e
    if looks_binary(raw):
        raise CharterwatchError(E.FILE_BINARY, path=path)
    try:
        return normalise_text(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        utf8_error = e
    if _mostly_utf8(raw):
        raise CharterwatchError(
            E.FILE_UNDECODABLE, path=path, reason=_utf8_reason(utf8_error, len(raw))
        ) from None
    text = _as_cp1251(raw)
    if text is None:
        reason = f"not UTF-8 ({_utf8_reason(utf8_error, len(raw))}) and not Windows-1251 Cyrillic text"
        raise CharterwatchError(E.FILE_UNDECODABLE, path=path, reason=reason) from None
    return normalise_text(text)


def looks_binary(raw: bytes) -> bool:
    """NUL bytes, or more than a sliver of control bytes: no text file of ours looks like that."""
    if b"\x00" in raw:
        return True
    controls = len(raw) - len(raw.translate(None, _CONTROL_BYTES))
    return controls > max(2, len(raw) * _BINARY_CONTROL_SHARE)


def normalise_text(text: str) -> str:
    """One line-ending convention, plain spaces for NBSPs, no stray control characters."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _SPACES.sub(" ", text)
    return _STRAY_CONTROLS.sub("", text)


def _mostly_utf8(raw: bytes) -> bool:
    """Whether most non-ASCII bytes form valid UTF-8 sequences: then the file is UTF-8 with damage.

    Cyrillic in cp1251 almost never forms valid UTF-8 pairs (a letter byte is followed by another letter byte,
    not by a continuation byte), so even a short run of valid sequences is telling.
    """
    high = len(_HIGH_BYTE.findall(raw))
    in_sequences = sum(len(m) for m in _UTF8_MULTIBYTE.findall(raw))
    return high > 0 and in_sequences >= high / 2


def _utf8_reason(error: UnicodeDecodeError, size: int) -> str:
    if error.end >= size and error.reason == "unexpected end of data":
        return f"truncated UTF-8 sequence at byte {error.start} (the file ends in the middle of a character)"
    return f"invalid UTF-8 byte 0x{error.object[error.start]:02X} at byte {error.start}"


def _as_cp1251(raw: bytes) -> str | None:
    """The text as Windows-1251 if it reads as Cyrillic, else None."""
    try:
        text = raw.decode("cp1251")
    except UnicodeDecodeError:
        return None
    if _cyrillic_ratio_says_cp1251(text) or _charset_normalizer_says_cp1251(raw, text):
        return text
    return None


def _cyrillic_ratio_says_cp1251(text: str) -> bool:
    """Nearly every non-ASCII character is a Cyrillic letter or common typography, and letters are largely
    Cyrillic: what a Russian text looks like, and what random high bytes do not."""
    non_ascii = [c for c in text if ord(c) > 0x7F]
    cyrillic = sum(1 for c in non_ascii if "\u0400" <= c <= "\u04ff")
    typographic = sum(1 for c in non_ascii if c in _CP1251_PUNCTUATION)
    letters = sum(1 for c in text if c.isalpha())
    return cyrillic > 0 and cyrillic + typographic >= 0.95 * len(non_ascii) and cyrillic >= 0.3 * letters


def _charset_normalizer_says_cp1251(raw: bytes, text: str) -> bool:
    """A second opinion for short or mixed texts that the ratio test is unsure of."""
    from charset_normalizer import from_bytes

    best = from_bytes(raw[: 256 * 1024]).best()
    if best is None or best.encoding not in ("cp1251", "windows_1251"):
        return False
    return any("\u0400" <= c <= "\u04ff" for c in text)
