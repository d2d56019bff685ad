"""Bytes to text: byte-order marks, strict UTF-8, Chinese encodings, then charset-normalizer.

Order of attempts (the first that fits wins):

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. NUL bytes: BOM-less UTF-16 if the NULs sit in every other byte, otherwise binary data;
3. strict UTF-8 (valid UTF-8 is almost never anything else, whatever a page declares);
4. an encoding the file declares (``declared``), if the bytes decode with it strictly;
5. GB 18030 and Big5 (strict), kept when most non-ASCII characters are common ideographs or
   punctuation, the better-scoring one winning (charset-normalizer alone often mistakes GBK
   for Big5 or Shift-JIS on short texts);
6. charset-normalizer's best guess (Windows-1252 when the guess is another Latin code page
   and the bytes decode as Windows-1252).

Whatever is chosen must not be full of control characters. Newlines become ``\\n``; nothing
else in the text is changed.
"""

from __future__ import annotations

import codecs
import unicodedata

import charset_normalizer

from aidcurator.ingest.cjk import chinese_plausibility
from aidcurator.ingest.errors import IngestError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHINESE_CODECS: tuple[tuple[str, ...], ...] = (("gb18030",), ("big5", "cp950"))
# Latin-script single-byte code pages that charset-normalizer cannot tell apart on short
# texts; for English news Windows-1252 is by far the likeliest, so it wins when it decodes.
# fmt: off
_LATIN_CODEPAGES = frozenset({
    "cp1250", "cp1252", "cp1257", "cp775", "cp850", "cp852", "cp858", "latin_1", "iso8859_2",
    "iso8859_4", "iso8859_13", "iso8859_15", "mac_latin2", "mac_iceland", "mac_roman",
})
# fmt: on
_MIN_COMMON_SHARE = 0.5
_MAX_CONTROL_SHARE = 0.02
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")

BINARY = "not a text file (binary data)"
EMPTY = "file is empty"


def decode_text(data: bytes, name: str = "<data>", *, declared: str | None = None) -> str:
    """Decode ``data`` to text with ``\\n`` newlines, detecting its encoding.

    ``declared`` is an encoding named by the file itself (an HTML meta charset); it is used
    when the bytes have no byte-order mark, are not UTF-8 and decode with it strictly.
    Raises IngestError for empty input or binary data; ``name`` labels the error.
    """
    text = _decode(data, name, declared)
    if not text.strip():
        raise IngestError(name, EMPTY)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise IngestError(name, BINARY)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, name: str, declared: str | None) -> str:
    if not data.strip():
        raise IngestError(name, EMPTY)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise IngestError(name, f"not a text file (invalid {encoding.upper()} data)") from None
    if b"\x00" in data:
        text = _bomless_utf16(data)
        if text is None:
            raise IngestError(name, BINARY)
        return text
    text = _try_decode(data, "utf-8")
    if text is not None:
        return text
    if declared:
        text = _try_decode(data, declared)
        if text is not None:
            return text
    text = _best_chinese(data)
    if text is not None:
        return text
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise IngestError(name, "not a text file (could not detect the encoding)")
    if best.encoding in _LATIN_CODEPAGES:
        text = _try_decode(data, "cp1252")
        if text is not None:
            return text
    return str(best)


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _bomless_utf16(data: bytes) -> str | None:
    """Decode UTF-16 without a BOM when NULs fill one byte position of most code units."""
    if len(data) % 2:
        return None
    units = len(data) // 2
    nul_even = data[0::2].count(0)
    nul_odd = data[1::2].count(0)
    if nul_odd >= units * 0.3 and nul_even <= units * 0.02:
        return _try_decode(data, "utf-16-le")
    if nul_even >= units * 0.3 and nul_odd <= units * 0.02:
        return _try_decode(data, "utf-16-be")
    return None


def _best_chinese(data: bytes) -> str | None:
    """The most plausible strict GB 18030 or Big5 decoding, or None if neither looks Chinese."""
    best: tuple[int, str] | None = None
    for family in _CHINESE_CODECS:
        for encoding in family:
            text = _try_decode(data, encoding)
            if text is None:
                continue
            share, score = chinese_plausibility(text)
            if share >= _MIN_COMMON_SHARE and score > 0 and (best is None or score > best[0]):
                best = (score, text)
            break  # the first codec of a family that decodes is the one to judge
    return None if best is None else best[1]


def _control_share(text: str) -> float:
    controls = sum(1 for ch in text if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc")
    return controls / len(text)
