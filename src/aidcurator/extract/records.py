"""Group an article's mentions into candidate records.

Each money amount anchors one record. The record takes the project count, beneficiaries, jobs
and year found in the amount's sentence (nearest first) and keeps the span behind every field as
evidence, so the curator can check each value against the text.
"""

from __future__ import annotations

import datetime as dt
import re

from aidcurator.domain import (
    AmountKind,
    CandidateAmount,
    CandidateRecord,
    Mention,
    MentionKind,
    Span,
)
from aidcurator.extract.quantities import find_quantities
from aidcurator.extract.sentences import sentence_of, sentence_spans

_YEAR = re.compile(r"(?<![0-9])((?:19[5-9]|20[0-9])[0-9])(?:\s?年(?!代)|(?![0-9万亿元%]))")
_COUNT_FIELDS = {
    "projects": "n_projects",
    "households": "beneficiaries_households",
    "people": "beneficiaries_people",
    "jobs": "jobs",
}


def find_mentions(text: str, published: dt.date | None = None) -> list[Mention]:
    """All mentions the extractor knows how to find, sorted by position."""
    mentions = find_quantities(text)
    mentions.extend(_find_years(text, mentions))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


def _find_years(text: str, quantities: list[Mention]) -> list[Mention]:
    taken = [(m.start, m.end) for m in quantities]
    years: list[Mention] = []
    for match in _YEAR.finditer(text):
        start, end = match.span()
        if any(s < end and start < e for s, e in taken):
            continue
        year = int(match.group(1))
        years.append(
            Mention(MentionKind.YEAR, start, end, text[start:end], data={"start": year, "end": year})
        )
    return years


def assemble_records(
    text: str, mentions: list[Mention], published: dt.date | None = None
) -> list[CandidateRecord]:
    """One candidate record per amount, with the nearest count and year of its sentence."""
    sentences = sentence_spans(text)
    records: list[CandidateRecord] = []
    for amount in (m for m in mentions if m.kind is MentionKind.AMOUNT):
        sentence = sentence_of(sentences, amount.start)
        record = CandidateRecord()
        assert amount.value is not None
        record.amounts.append(
            CandidateAmount(
                text=amount.text,
                value=amount.value,
                currency=amount.currency or "unknown",
                qualifier=amount.qualifier,  # type: ignore[arg-type]
                kind=AmountKind.UNKNOWN,
                span=amount.span,
                value_max=amount.value_max,
            )
        )
        record.evidence["amount"] = [amount.span]
        in_sentence = [m for m in mentions if sentence.start <= m.start < sentence.end]
        for count in _nearest_first(in_sentence, amount, MentionKind.COUNT):
            field = _COUNT_FIELDS.get(count.what or "")
            if field and getattr(record, field) is None and count.value is not None:
                setattr(record, field, int(count.value))
                record.evidence[field] = [count.span]
        years = _nearest_first(in_sentence, amount, MentionKind.YEAR)
        if years:
            year = years[0]
            record.year_start = year.data.get("start")
            record.year_end = year.data.get("end")
            record.evidence["year"] = [year.span]
        records.append(record)
    return records


def _nearest_first(mentions: list[Mention], anchor: Mention, kind: MentionKind) -> list[Mention]:
    chosen = [m for m in mentions if m.kind is kind]
    return sorted(chosen, key=lambda m: min(abs(m.start - anchor.end), abs(anchor.start - m.end)))


def evidence_spans(record: CandidateRecord) -> list[tuple[str, Span]]:
    """(field, span) pairs of a candidate record, in field order."""
    return [(field, span) for field, spans in record.evidence.items() for span in spans]
