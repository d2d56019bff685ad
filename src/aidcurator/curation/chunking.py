"""Very large texts extracted in parts: cut at paragraph breaks, each part extracted on its own (by
the worker pool when there is one) with the document's date, positions shifted back.

An ordinary article is never cut (:data:`SPLIT_ABOVE` characters). A text of millions of characters
(a dump of many reports in one file) is cut into parts of about :data:`PART_CHARS` at blank lines,
else at a line break. Every part is extracted with the document's publication date or, for an
undated document, with the stand-in the extractor would take for the whole text (the first year it
names, marked estimated). The rest is what the extractor finds in that stretch of text: the guesses
it makes over a whole text (the most named donor and recipient as the fallback, one record for an
amount repeated far apart, the first line as the title) are made per part, the better guess for a
dump of unrelated reports.

A part is a true slice of the document: parts after the first start on the line break before their
first paragraph, so no line of a part is read as a title.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from aidcurator.curation.names import fill_candidate_codes
from aidcurator.domain import Extraction, Span
from aidcurator.store.bulk_rows import pack_rows, part_rows

#: Texts up to this many characters are extracted whole (every ordinary article).
SPLIT_ABOVE = 1_000_000
#: The size of a part of a longer text, in characters (about: it ends at a paragraph break).
PART_CHARS = 500_000

_BLANK_LINE = re.compile(r"\n[ \t\u3000]*\n")


@dataclass(frozen=True, slots=True)
class Part:
    """A stretch of a document to extract on its own: ``text`` is ``document[start:start + len(text)]``."""

    start: int
    text: str
    published: dt.date | None
    estimated: bool
    where: str  # for messages: the article and the part's position


def _cuts(text: str) -> list[int]:
    """Where parts start: at a blank line near every :data:`PART_CHARS`, else at the next line break."""
    size = math.ceil(len(text) / math.ceil(len(text) / PART_CHARS))
    cuts = [0]
    while cuts[-1] + size < len(text):
        target = cuts[-1] + size
        blank = _BLANK_LINE.search(text, target, target + size // 2)
        cut = blank.end() if blank is not None else text.find("\n", target) + 1
        if cut <= 0 or cut >= len(text):
            break
        cuts.append(cut)
    return cuts


def check_spans(text: str, extraction: Extraction) -> None:
    """Refuse an extraction with a mention outside ``text``."""
    for mention in extraction.mentions:
        if not 0 <= mention.start <= mention.end <= len(text):
            raise ValueError(
                f"{mention.kind} mention [{mention.start}, {mention.end}) is outside the article text "
                f"(length {len(text)})"
            )


def split_document(text: str, published: dt.date | None, where: str) -> list[Part] | None:
    """The parts of a very large text, or None for one to extract whole."""
    if len(text) <= SPLIT_ABOVE:
        return None
    cuts = _cuts(text)
    if len(cuts) == 1:  # one long line: nowhere to cut
        return None
    estimated = False
    if published is None:  # the stand-in the extractor takes for the whole undated text
        from aidcurator.extract.records import reference_date
        from aidcurator.extract.script import to_simplified

        published, estimated = reference_date(to_simplified(text), None)
    ends = [*cuts[1:], len(text)]
    starts = [0] + [cut - 1 for cut in cuts[1:]]  # from the line break before the paragraph
    return [
        Part(start, text[start:end], published, estimated, f"{where}, characters {start}-{end}")
        for start, end in zip(starts, ends, strict=True)
    ]


def shift(extraction: Extraction, offset: int) -> None:
    """Move every position the extraction holds ``offset`` characters on (in place)."""
    if not offset:
        return
    for mention in extraction.mentions:
        mention.start += offset
        mention.end += offset

    def moved(span: Span) -> Span:
        return Span(span.start + offset, span.end + offset)

    for record in extraction.records:
        for amount in record.amounts:
            amount.span = moved(amount.span)
        record.evidence = {name: [moved(span) for span in spans] for name, spans in record.evidence.items()}
        record.parties = [
            replace(party, span=moved(party.span), cue=None if party.cue is None else moved(party.cue))
            for party in record.parties
        ]


def extract_part(part: Part, extract: Callable[..., Extraction]) -> tuple[str | None, bytes]:
    """What the extractor finds in one part, at the document's positions: why its rows cannot be
    stored (None: they can) and the rows, packed (:func:`~aidcurator.store.bulk_rows.pack_rows`)."""
    extraction = extract(part.text, part.published, estimated=part.estimated)
    fill_candidate_codes(extraction.records)
    check_spans(part.text, extraction)
    shift(extraction, part.start)
    rows = part_rows(part.text, part.start, extraction)
    return rows.error, pack_rows(rows)
