"""Bytes to text: byte-order marks, strict UTF-8, Chinese encodings, then charset-normalizer.

Order of attempts (the first that fits wins):

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. NUL bytes: BOM-less UTF-16 if the NULs sit in every other byte, otherwise binary data;
3. strict UTF-8 (valid UTF-8 is almost never anything else, whatever a page declares), then
   UTF-8 with a few bad bytes when it has a dozen valid multi-byte characters per bad spot;
4. an encoding the file declares (``declared``), if the bytes decode with it strictly;
5. GB 18030 and Big5 (strict), kept when most non-ASCII characters are common ideographs or
   punctuation, the better-scoring one winning (charset-normalizer alone often mistakes GBK
   for Big5 or Shift-JIS on short texts);
6. a repaired decoding, the one with the fewest bad bytes: UTF-8 with at least as many valid
   multi-byte characters as bad spots (so Windows-1252 text is not taken for broken UTF-8)
   or cut at the end after a lead and a continuation byte, the declared encoding, GB 18030
   or Big5 still reading as plausible Chinese;
7. charset-normalizer's best guess (Windows-1252 when the guess is another Latin code page
   and the bytes decode as Windows-1252).

Repairs: a file that is in one encoding except for a few bad bytes (at most 1% of the bytes,
at least 1, not counting a multi-byte sequence cut off at the very end) is decoded with
U+FFFD in place of the bad bytes, and ``DecodedText.warnings`` says how many bytes were
replaced. With a byte-order mark or UTF-16's NUL pattern the encoding is settled and only the
count matters (more bad bytes refuse the file as before). A repair is only taken when the
result is not full of control characters; otherwise the next attempt runs.

Whatever is chosen must not be full of control characters. Newlines become ``\\n``; nothing
else in the text is changed.
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass

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
# Unicode category Cc is exactly U+0000-U+001F and U+007F-U+009F; tab, LF, VT, FF, CR are
# allowed. They are counted in the text's UTF-8 form, where C0 controls are single bytes
# (bytes.translate deletes every other byte) and C1 controls are \xc2 + \x80-\x9f.
_NOT_C0_CONTROL = bytes(b for b in range(256) if not (b <= 0x08 or 0x0E <= b <= 0x1F or b == 0x7F))
_C1_CONTROL_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
# Repairs: the share of bytes that may be bad, and the longest cut sequence at the end.
_MAX_BAD_SHARE = 0.01
_MAX_CUT_TAIL = 3
# UTF-8 this clearly (valid multi-byte characters per bad spot) is repaired before any other
# encoding is tried.
_CLEAR_UTF8_RATIO = 12
_CUT_REASONS = frozenset({"unexpected end of data", "truncated data", "incomplete multibyte sequence"})
_LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "utf-32": "UTF-32",
    "gb18030": "GB18030",
    "big5": "Big5",
    "cp950": "Big5",
}

BINARY = "not a text file (binary data)"
EMPTY = "file is empty"


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Text decoded from bytes: the encoding used and how many bad bytes became U+FFFD."""

    text: str
    encoding: str
    replaced: int = 0

    @property
    def warnings(self) -> list[str]:
        """One line per repair (none when the bytes decoded cleanly)."""
        if not self.replaced:
            return []
        label = _LABELS.get(self.encoding, self.encoding.upper())
        if self.replaced == 1:
            return [f"1 byte that is not valid {label} was replaced"]
        return [f"{self.replaced} bytes that are not valid {label} were replaced"]


def decode_text(data: bytes, name: str = "<data>", *, declared: str | None = None) -> str:
    """Decode ``data`` to text with ``\\n`` newlines, detecting its encoding.

    ``declared`` is an encoding named by the file itself (an HTML meta charset); it is used
    when the bytes have no byte-order mark, are not UTF-8 and decode with it strictly.
    Raises IngestError for empty input or binary data; ``name`` labels the error. A few bad
    bytes are replaced by U+FFFD (``decode_bytes`` also says how many).
    """
    return decode_bytes(data, name, declared=declared).text


def decode_bytes(data: bytes, name: str = "<data>", *, declared: str | None = None) -> DecodedText:
    """Like ``decode_text``, with the encoding used and the number of bytes replaced."""
    decoded = _decode(data, name, declared)
    text = decoded.text
    if not text or text.isspace():
        raise IngestError(name, EMPTY)
    # clean UTF-8 is its own UTF-8 form; any other text is encoded to count its controls
    utf8 = data if decoded.encoding in ("utf-8", "utf-8-sig") and not decoded.replaced else None
    if _control_share(text, utf8) > _MAX_CONTROL_SHARE:
        raise IngestError(name, BINARY)
    return DecodedText(text.replace("\r\n", "\n").replace("\r", "\n"), decoded.encoding, decoded.replaced)


def _decode(data: bytes, name: str, declared: str | None) -> DecodedText:
    if not data or data.isspace():
        raise IngestError(name, EMPTY)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try_decode(data, encoding)
            if text is not None:
                return DecodedText(text, encoding)
            repair = _repair(data, encoding)
            if repair is None or not repair.acceptable:
                raise IngestError(name, f"not a text file (invalid {encoding.upper()} data)")
            return repair.decoded
    if b"\x00" in data:
        decoded = _bomless_utf16(data)
        if decoded is None:
            raise IngestError(name, BINARY)
        return decoded
    text = _try_decode(data, "utf-8")
    if text is not None:
        return DecodedText(text, "utf-8")
    utf8 = _repair(data, "utf-8")
    if utf8 is not None and utf8.acceptable and utf8.looks_like_utf8(ratio=_CLEAR_UTF8_RATIO, cut_only=False):
        return utf8.decoded
    if declared:
        text = _try_decode(data, declared)
        if text is not None:
            return DecodedText(text, declared)
    decoded = _best_chinese(data)
    if decoded is not None:
        return decoded
    decoded = _best_repair(data, utf8, declared)
    if decoded is not None:
        return decoded
    import charset_normalizer  # the last resort, rarely reached: its import costs ~35 ms per process

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise IngestError(name, "not a text file (could not detect the encoding)")
    if best.encoding in _LATIN_CODEPAGES:
        text = _try_decode(data, "cp1252")
        if text is not None:
            return DecodedText(text, "cp1252")
    return DecodedText(str(best), best.encoding)


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _bomless_utf16(data: bytes) -> DecodedText | None:
    """Decode UTF-16 without a BOM when NULs fill one byte position of most code units.

    An odd last byte (a file cut in the middle of a code unit) and a few broken code units
    are repaired.
    """
    units = len(data) // 2
    whole = data[: units * 2]
    nul_even = whole[0::2].count(0)
    nul_odd = whole[1::2].count(0)
    if nul_odd >= units * 0.3 and nul_even <= units * 0.02:
        encoding = "utf-16-le"
    elif nul_even >= units * 0.3 and nul_odd <= units * 0.02:
        encoding = "utf-16-be"
    else:
        return None
    text = _try_decode(data, encoding)
    if text is not None:
        return DecodedText(text, encoding)
    repair = _repair(data, encoding)
    return repair.decoded if repair is not None and repair.acceptable else None


def _best_chinese(data: bytes) -> DecodedText | None:
    """The most plausible strict GB 18030 or Big5 decoding, or None if neither looks Chinese."""
    best: tuple[int, str, str] | None = None
    for family in _CHINESE_CODECS:
        for encoding in family:
            text = _try_decode(data, encoding)
            if text is None:
                continue
            share, score = chinese_plausibility(text)
            if share >= _MIN_COMMON_SHARE and score > 0 and (best is None or score > best[0]):
                best = (score, text, encoding)
            break  # the first codec of a family that decodes is the one to judge
    return None if best is None else DecodedText(best[1], best[2])


def _best_repair(data: bytes, utf8: _Repair | None, declared: str | None) -> DecodedText | None:
    """The repaired decoding with the fewest bad bytes among those that fit (UTF-8 first on ties).

    UTF-8 must have at least as many valid multi-byte characters as bad spots, or consist of
    nothing but a cut multi-byte sequence of two or more bytes at the end; a declared encoding
    only needs few bad bytes; GB 18030 and Big5 must read as plausible Chinese.
    """
    candidates: list[_Repair] = []
    if utf8 is not None and utf8.acceptable and utf8.looks_like_utf8(ratio=1):
        candidates.append(utf8)
    if declared:
        repair = _repair(data, declared)
        if repair is not None and repair.acceptable:
            candidates.append(repair)
    for family in _CHINESE_CODECS:
        repairs = [
            r for r in (_repair(data, encoding) for encoding in family) if r is not None and r.acceptable
        ]
        if not repairs:
            continue
        repair = min(repairs, key=lambda r: r.replaced)
        share, score = chinese_plausibility(repair.text)
        if share >= _MIN_COMMON_SHARE and score > 0:
            candidates.append(repair)
    if not candidates:
        return None
    return min(candidates, key=lambda r: r.replaced).decoded


class _TooManyBadBytes(Exception):
    """Raised from the error handler to stop decoding a file that is more than a little broken."""


@dataclass(slots=True)
class _Repair:
    """A decoding with replacement; the counts are bytes (body, tail) and U+FFFD spots."""

    text: str
    encoding: str
    size: int
    body: int = 0  # bad bytes, except a cut sequence at the very end
    tail: int = 0  # bytes of a multi-byte sequence cut off at the end
    spots: int = 0  # places where U+FFFD was put (except the cut tail)

    @property
    def replaced(self) -> int:
        return self.body + self.tail

    @property
    def acceptable(self) -> bool:
        """Few bad bytes, and not a text full of control characters (binary data)."""
        return self.body <= _bad_byte_limit(self.size) and _control_share(self.text) <= _MAX_CONTROL_SHARE

    def looks_like_utf8(self, *, ratio: int, cut_only: bool = True) -> bool:
        """At least ``ratio`` valid multi-byte characters per bad spot (and at least one).

        With ``cut_only``, a text whose only fault is a cut sequence of two bytes or more at
        the end (a lead byte and a continuation byte) also counts.
        """
        if cut_only and self.body == 0 and self.tail >= 2:
            return True
        valid = len(_NON_ASCII.findall(self.text)) - self.spots - (1 if self.tail else 0)
        return valid >= ratio * max(1, self.spots)

    @property
    def decoded(self) -> DecodedText:
        return DecodedText(self.text, self.encoding, self.replaced)


class _RepairCounter:
    """Counts what the error handler replaces during one decode (one per thread)."""

    __slots__ = ("body", "limit", "spots", "tail")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.body = self.tail = self.spots = 0


_state = threading.local()


def _replace_and_count(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    counter: _RepairCounter = _state.counter
    size = error.end - error.start
    if error.end >= len(error.object) and error.reason in _CUT_REASONS and size <= _MAX_CUT_TAIL:
        counter.tail = size
    else:
        counter.body += size
        counter.spots += 1
        if counter.body > counter.limit:
            raise _TooManyBadBytes
    return "\ufffd", error.end


_HANDLER = "aidcurator-ingest-repair"
codecs.register_error(_HANDLER, _replace_and_count)


def _bad_byte_limit(size: int) -> int:
    return max(1, int(size * _MAX_BAD_SHARE))


def _repair(data: bytes, encoding: str) -> _Repair | None:
    """``data`` decoded with U+FFFD for bad bytes, or None when more than a few are bad."""
    counter = _RepairCounter(_bad_byte_limit(len(data)))
    _state.counter = counter
    try:
        text = data.decode(encoding, _HANDLER)
    except (_TooManyBadBytes, LookupError):
        return None
    finally:
        _state.counter = None
    return _Repair(text, encoding, len(data), counter.body, counter.tail, counter.spots)


def _control_share(text: str, utf8: bytes | None = None) -> float:
    """Share of control characters in ``text`` (``utf8``: its UTF-8 bytes, maybe with a BOM)."""
    data = text.encode("utf-8", "surrogatepass") if utf8 is None else utf8
    controls = len(data.translate(None, _NOT_C0_CONTROL))
    if b"\xc2" in data:
        controls += len(_C1_CONTROL_UTF8.findall(data))
    return controls / len(text)
