"""Group an article's mentions into candidate records: who gave what to whom, when, for what.

Each money amount anchors one record. From the amount's sentence (falling back to the article's
main parties) the record takes its donor, recipient, period, project count, beneficiaries, jobs
and sector; its amount kind comes from the cue words around it (``resources/rules/records.json``).
A share (其中…) becomes its own record linked to its parent; the same figure repeated (headline and
body) yields one record with two evidence spans. Every field keeps the span it came from.

The parts live beside it: ``record_rules`` (the rule data), ``record_kinds`` (amount and record kind),
``record_parties`` and ``record_recipients`` (donor and recipient), ``record_merge`` (conversions, repeats);
the mentions it groups come from ``mention_finding``.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from copy import deepcopy

from aidcurator.domain import (
    AmountKind,
    CandidateAmount,
    CandidateRecord,
    Mention,
    MentionKind,
    Qualifier,
    Span,
)
from aidcurator.domain.fields import COUNT_FIELDS
from aidcurator.extract.amount_kinds import amount_kind, kind_of_listed
from aidcurator.extract.breakdowns import mark_breakdowns
from aidcurator.extract.flows import FlowReader
from aidcurator.extract.mention_finding import country_code, find_mentions, reference_date
from aidcurator.extract.not_aid import Blanked, clause, not_a_record
from aidcurator.extract.paragraphs import ParagraphIndex
from aidcurator.extract.parties import chain_tails, each_country_records, home_region, says_each_country
from aidcurator.extract.periods import PeriodChooser
from aidcurator.extract.places import lookup_place
from aidcurator.extract.record_checks import (
    headline_block_end,
    project_total_beside_aid,
    retell_record_kind,
)
from aidcurator.extract.record_kinds import (
    default_kind,
    extend_to_now,
    fill_record_kind,
    follows_rejected,
    list_parent,
    part_of_pledge,
)
from aidcurator.extract.record_merge import (
    add_conversion,
    each_giver_count,
    is_conversion,
    link_share,
    merge_repeat,
)
from aidcurator.extract.record_parties import (
    Context,
    PlacesByLevel,
    is_venue,
    main_foreign,
    main_parties,
    party_segment,
)
from aidcurator.extract.record_recipients import fill_parties
from aidcurator.extract.record_rules import record_rules, without_pinyin
from aidcurator.extract.script import to_simplified
from aidcurator.extract.sector_choice import SectorHits, context_sector, dominant_sector_hit, sector_list
from aidcurator.extract.sentences import sentence_index

__all__ = ["assemble_records", "country_code", "evidence_spans", "find_mentions", "reference_date"]

# Enum members looked up once: ``MentionKind.PLACE`` costs about 0.1 µs a time (the Enum metaclass's
# attribute hook), and the filters below test every mention of a text
_AMOUNT, _COUNT, _PLACE, _SECTOR = (
    MentionKind.AMOUNT,
    MentionKind.COUNT,
    MentionKind.PLACE,
    MentionKind.SECTOR,
)


_HEADLINE_MAX = 150  # characters: a longer first line is a lead paragraph, not a headline (as breakdowns)


def _nearest(mentions: list[Mention], anchor: Mention) -> list[Mention]:
    return sorted(mentions, key=lambda m: min(abs(m.start - anchor.end), abs(anchor.start - m.end)))


def assemble_records(
    text: str, mentions: list[Mention], published: dt.date | None = None
) -> list[CandidateRecord]:
    """Candidate records for one article, parents before their shares."""
    if not any(m.kind is _AMOUNT for m in mentions):
        return []  # no amount anchors a record: the article's parties, years and sectors are not read
    text = to_simplified(text)  # cue words are written in simplified characters; offsets are unchanged
    cues = without_pinyin(
        text
    )  # 生产(chǎn)总值 reads 生产总值 for cue words; places keep their offsets in text
    home = home_region(cues, [m for m in mentions if m.kind is _PLACE])  # 四川(chuān)日报
    mentions = [m for m in mentions if m.kind is not _PLACE or not is_venue(text, m)]
    sentences = sentence_index(text)
    starts = [m.start for m in mentions]  # mentions come sorted by start
    places = [m for m in mentions if m.kind is _PLACE]
    sectors = SectorHits([m for m in mentions if m.kind is _SECTOR])  # sorted once for every question
    reference, _ = reference_date(text, published)
    main = main_parties(text, places)
    places_by_level = PlacesByLevel(places)
    tails = chain_tails(text, places)
    foreign = main_foreign(places)
    blanked = Blanked(cues, record_rules().exceptions)
    rate_blanked = Blanked(cues, record_rules().not_a_record_exceptions)
    records: list[CandidateRecord] = []
    amount_mentions = [m for m in mentions if m.kind is _AMOUNT]
    last_parent: int | None = None
    by_value: dict[tuple, list[int]] = {}  # (value, value_max) → indices of the records with it
    previous_end = 0
    paragraph_of = ParagraphIndex(text)
    flows = FlowReader(text, paragraph_of, [m.start for m in amount_mentions])
    periods = PeriodChooser(
        text, mentions, sentences, paragraph_of, news=published is not None, undated=published is None
    )
    # the first line of a longer text, when short enough to be a headline (a wire story's first line may be
    # its whole lead: CITY, date (agency) -- The donor will … and a later figure is then no retelling)
    title_end = flows.title[1] if "\n" in text and flows.title[1] < _HEADLINE_MAX else 0
    headlines_end = headline_block_end(text)
    rejected_in = -1  # the start of the sentence of the last amount that is not aid
    record_of: dict[int, int] = {}  # amount index → index of the record it anchors or folded into
    for index, amount in enumerate(amount_mentions):
        sentence = sentences.of(amount.start)
        previous_end = max(previous_end, sentence.start)
        if index and is_conversion(text, amount_mentions[index - 1], amount):
            # 21.6 million yuan (US$2.6 million): the same money in another currency, no record of its own
            if (into := record_of.get(index - 1)) is not None:
                add_conversion(records, into, amount)
                record_of[index] = into
            previous_end = amount.end
            continue
        if (
            not_a_record(cues, amount, sentence, rate_blanked)
            or project_total_beside_aid(cues, amount, records)
            or (rejected_in == sentence.start and follows_rejected(cues, previous_end, amount.start))
        ):
            previous_end, rejected_in = amount.end, sentence.start
            continue
        in_sentence = mentions[bisect_left(starts, sentence.start) : bisect_left(starts, sentence.end)]
        next_start = amount_mentions[index + 1].start if index + 1 < len(amount_mentions) else len(text)
        record = CandidateRecord()
        amount_span = amount.span  # (made once: a Span costs about 1 µs)
        record.evidence["amount"] = [amount_span]
        _fill_counts(record, in_sentence, amount)
        segment = (previous_end, min(next_start, sentence.end))
        amount_clause = clause(text, amount, segment)
        periods.fill(record, in_sentence, amount, segment, amount_clause)
        if published is not None:
            periods.fill_from_month(record, in_sentence, sentence, published.year)
        multi_year = bool(
            record.year_start and record.year_end and record.year_end > record.year_start
        ) or bool(
            record.flags.get("year_unresolved")  # over the past five years on an undated page: years, unknown
        )
        period_open = bool(  # 2016至2020年…共安排 in a 2017 report: a budget for years still to come
            multi_year and published is not None and record.year_end and record.year_end > published.year
        )
        kind_next = next_start  # cues after the amount read past its restatement in another currency
        if index + 2 < len(amount_mentions) and is_conversion(text, amount, amount_mentions[index + 1]):
            kind_next = amount_mentions[index + 2].start
        elif index + 1 < len(amount_mentions) and is_conversion(text, amount, amount_mentions[index + 1]):
            kind_next = len(text)
        kind, cue = amount_kind(
            cues, sentence, amount, previous_end, kind_next, multi_year and not period_open, blanked
        )
        if kind is AmountKind.UNKNOWN and (listed := record_of.get(index - 1)) is not None:
            kind = kind_of_listed(
                cues, amount.start, records[listed], amount_mentions[index - 1], sentence, record
            )
        if (
            kind is AmountKind.SPENT
            and multi_year
            and reference is not None
            and record.year_end is not None
            and record.year_end <= reference.year
        ):  # spent over several years up to now: “十二五”时期…投入130亿元, 2016—2017年投入… (2017) are totals
            kind = AmountKind.CUMULATIVE
        if kind is AmountKind.CUMULATIVE:
            extend_to_now(record, cues, sentence, reference)
        if kind is AmountKind.SPENT and part_of_pledge(
            cues, amount, previous_end, records, last_parent, sentence
        ):
            kind, record.flags["part_of_pledge"] = AmountKind.SHARE, True
        previous_end = amount.end
        if (
            kind is not AmountKind.SHARE
            and (parent_of_list := list_parent(text, sentences, amount, records)) is not None
        ):
            kind, cue, last_parent = AmountKind.SHARE, None, parent_of_list
            record.flags["list_item"] = True
        parent = records[last_parent] if last_parent is not None else None
        if cue is not None:
            record.evidence["amount_kind"] = [cue]
        assert amount.value is not None
        record.amounts.append(
            CandidateAmount(
                text=amount.text,
                value=amount.value,
                currency=amount.currency or "unknown",
                qualifier=amount.qualifier or Qualifier.EXACT,
                kind=kind,
                span=amount_span,
                value_max=amount.value_max,
            )
        )
        context = Context(main, records[0] if records else None, places_by_level, tails, foreign, cues, home)
        fill_parties(
            record,
            text,
            [m for m in in_sentence if m.kind is _PLACE],
            party_segment(text, amount_mentions, index, segment, sentence.end, in_sentence),
            sentence.end,
            amount,
            context,
            parent if kind is AmountKind.SHARE else None,
        )
        _fill_sector(
            record,
            sectors,
            sentence,
            amount,
            amount_clause,
            min(next_start, sentence.end),
            text,
        )
        fill_record_kind(record, cues[sentence.start : sentence.end], in_sentence, kind, sentence)
        if kind is AmountKind.SHARE and parent is not None:
            assert last_parent is not None
            link_share(record, parent, last_parent, sentence)
        flows.fill(record, sentence)
        givers = each_giver_count(cues, amount_span, next_start, sentence)
        if givers > 1:
            record.flags["each_giver"] = givers
        same_value = by_value.setdefault((record.amounts[0].value, record.amounts[0].value_max), [])
        duplicate = merge_repeat(records, record, title_end, same_value, sentence.start, text)
        if duplicate is not None:
            retell_record_kind(records[duplicate], record, headlines_end)
            record_of[index] = duplicate
            continue
        same_value.append(len(records))
        record_of[index] = len(records)
        records.append(record)
        if says_each_country(text, sentence.start, sentence.end):  # 向两国各提供 (a quick test first)
            records.extend(each_country_records(record, text, sentence, amount, places))
        records.extend(deepcopy(record) for _ in range(givers - 1))  # 甲会和乙集团分别捐出200万港币
        if kind is not AmountKind.SHARE:
            last_parent = record_of[index]
    mark_breakdowns(records, text)
    periods.finish(records)
    default_kind(records)
    _sector_from_text(text, sectors, records, paragraph_of)
    _fill_codes(records)
    return records


def _sector_from_text(
    text: str, sectors: SectorHits, records: list[CandidateRecord], paragraph_of: ParagraphIndex
) -> None:
    """A record whose sentence names no sector takes the sector of its paragraph (a headline joins the
    lead paragraph), else of the whole text. Then the paragraph's context may change a record's sector
    (``context_rules`` in sectors.json: food aid after a flood is emergency response)."""
    if not sectors:
        return
    whole: Mention | bool | None = False
    by_paragraph: dict[tuple[int, int], Mention | None] = {}
    for record in records:
        if record.sector is not None:
            continue
        lo, hi = paragraph_of(record.amounts[0].span.start)
        if (lo, hi) not in by_paragraph:  # the sectors starting in the paragraph, found once
            by_paragraph[lo, hi] = dominant_sector_hit(sectors.between(lo, hi), lo, hi, text)
        hit = by_paragraph[lo, hi]
        if hit is None:
            if whole is False:
                whole = dominant_sector_hit(sectors, 0, len(text), text)
            hit = whole
        if hit is not None:
            record.sector = hit.data.get("code")
            record.evidence["sector"] = [hit.span]
            record.flags["sector_from_text"] = True
    for record in records:  # food given after a flood is emergency response
        if record.sector is not None:
            lo, hi = paragraph_of(record.amounts[0].span.start)
            context = context_sector(record.sector, sectors, lo, hi)
            if context is not None:
                record.sector = context.data["code"]
                record.evidence["sector"] = [*record.evidence.get("sector", []), context.span]


def _fill_codes(records: list[CandidateRecord]) -> None:
    """ISO 3166 alpha-3 codes of country parties (``recipient_code``, ``donor_code``); gazetteer ids of others."""
    for record in records:
        for name, code_field in ((record.donor, "donor_code"), (record.recipient, "recipient_code")):
            place = lookup_place(name) if name else None
            if place is not None:
                setattr(record, code_field, country_code(place.id) or place.id)


def _fill_counts(record: CandidateRecord, in_sentence: list[Mention], amount: Mention) -> None:
    counts = [m for m in in_sentence if m.kind is _COUNT]
    if not counts:
        return
    for count in _nearest(counts, amount):
        field = COUNT_FIELDS.get(count.what or "")
        if field and getattr(record, field) is None and count.value is not None:
            setattr(record, field, int(count.value))
            record.evidence[field] = [count.span]


def _fill_sector(
    record: CandidateRecord,
    sectors: SectorHits,
    sentence: Span,
    amount: Mention,
    clause: tuple[int, int],
    until: int,
    text: str,
) -> None:
    """The sector of the amount's own clause (教育领域安排1.92亿元，…), else of the words between the
    amount and the next one, else of the whole sentence. A list of sectors of several groups from the
    clause on (``$10 million for health, education and roads``) is one multi-sector sector. Over the
    whole sentence, a tie goes to the sector named nearest the amount."""
    in_sentence = sectors.between(sentence.start, sentence.end)
    if not in_sentence:
        return
    sector = (
        sector_list(in_sentence, clause[0], until, text)  # covers lists in the clause and the segment
        or dominant_sector_hit(in_sentence, clause[0], clause[1])
        or dominant_sector_hit(in_sentence, amount.start, until)
        or dominant_sector_hit(in_sentence, sentence.start, sentence.end, text, anchor=amount.start)
    )
    if sector is not None:
        record.sector = sector.data.get("code")
        record.evidence["sector"] = [sector.span]


def evidence_spans(record: CandidateRecord) -> list[tuple[str, Span]]:
    """(field, span) pairs of a candidate record, in field order."""
    return [(field, span) for field, spans in record.evidence.items() for span in spans]
