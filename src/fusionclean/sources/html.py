"""Turning bytes into text before lxml sees them: BOM, then ``<meta charset>``, then UTF-8.

Never guesses Latin-1 silently: bytes that are not valid UTF-8 and declare no charset are
decoded with replacement characters, and a message says how many.
"""

from __future__ import annotations

import codecs
import re
from typing import Final

from .._context import Context
from ..errors import InputError

__all__ = ["decode_bytes", "looks_binary"]

_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET_RE: Final = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE
)
_XML_DECL_RE: Final = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([a-zA-Z0-9_\-.]+)""")
#: File signatures of formats that are certainly not text.
_BINARY_MAGIC: Final = (
    b"\x89PNG", b"GIF8", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"\xff\xd8\xff", b"BZh",
    b"\xfd7zXZ", b"RIFF", b"\x7fELF",
)  # fmt: skip


def looks_binary(data: bytes) -> bool:
    """True for bytes that are evidently not text (an image, an archive, random binary)."""
    if data.startswith(_BINARY_MAGIC):
        return True
    head = data[:8192]
    if not head or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) * 0.1


def decode_bytes(data: bytes, ctx: Context | None = None) -> str:
    """Decode ``data`` by BOM, then declared charset, then UTF-8 (with replacement).

    Raises:
        InputError: the bytes are evidently binary, or declare an unknown charset that
            does not decode as UTF-8 either.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"bytes start with a {encoding} BOM but do not decode: {exc}") from None
    if looks_binary(data):
        raise InputError("input bytes are not text (binary content detected)")
    head = data[:4096]
    m = _XML_DECL_RE.match(head) or _META_CHARSET_RE.search(head)
    if m:
        declared = m.group(1).decode("ascii", "replace").lower()
        try:
            codec = codecs.lookup(declared).name
        except LookupError:
            codec = ""
        if codec and codec not in ("utf-8", "ascii"):
            if codec in ("latin-1", "iso8859-1"):
                codec = "cp1252"  # the HTML standard reads a latin-1 label as windows-1252
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        if ctx is not None:
            n = text.count("\ufffd")
            ctx.warn("", "invalid-utf8", f"input is not valid UTF-8: {n} replacement characters")
        return text
