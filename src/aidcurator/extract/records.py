"""Group an article's mentions into candidate records: who gave what to whom, when, for what.

Each money amount anchors one record. From the amount's sentence (falling back to the article's
main parties) the record takes its donor, recipient, period, project count, beneficiaries, jobs
and sector; its amount kind comes from the cue words around it (``resources/rules/records.json``).
A share (其中…) becomes its own record linked to its parent; the same figure repeated (headline and
body) yields one record with two evidence spans. Every field keeps the span it came from.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from aidcurator.domain import (
    AmountKind,
    CandidateAmount,
    CandidateRecord,
    Mention,
    MentionKind,
    Qualifier,
    RecordKind,
    Span,
)
from aidcurator.extract.places import (
    donors_for,
    find_places,
    is_paired,
    lookup_place,
    pairing_for,
    place_by_id,
)
from aidcurator.extract.quantities import find_quantities
from aidcurator.extract.sectors import dominant_sector, find_sectors
from aidcurator.extract.sentences import sentence_of, sentence_spans
from aidcurator.extract.timex import find_times
from aidcurator.resources import resource_path

_COUNT_FIELDS = {
    "projects": "n_projects",
    "households": "beneficiaries_households",
    "people": "beneficiaries_people",
    "jobs": "jobs",
}
_CJK = re.compile(r"[\u3400-\u9fff]")
_EXPLICIT_YEAR = re.compile(r"(?<![0-9])(19[5-9][0-9]|20[0-9][0-9])(?![0-9])")
_REGION_LEVELS = {"region", "country"}
_AREA_RANK = {"county": 0, "city": 0, "district": 0, "xpcc_division": 1, "prefecture": 2, "province": 3,
              "region": 4, "xpcc": 4, "country": 5}


@dataclass(frozen=True)
class _RecordRules:
    kind_priority: tuple[AmountKind, ...]
    zh_cues: dict[AmountKind, re.Pattern[str]]
    en_cues: dict[AmountKind, re.Pattern[str]]
    en_cue_after_window: int
    aggregate_zh: re.Pattern[str]
    aggregate_en: re.Pattern[str]
    programme_zh: re.Pattern[str]
    programme_en: re.Pattern[str]


def _alternation(words: list[str], *, english: bool) -> re.Pattern[str]:
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{body})\b", re.IGNORECASE) if english else re.compile(body)


@cache
def _rules() -> _RecordRules:
    data = json.loads(resource_path("rules", "records.json").read_text(encoding="utf-8"))
    try:
        priority = tuple(AmountKind(k) for k in data["kind_priority"])
        cues = data["kind_cues"]
        return _RecordRules(
            kind_priority=priority,
            zh_cues={k: _alternation(cues[k.value]["zh"], english=False) for k in priority},
            en_cues={k: _alternation(cues[k.value]["en"], english=True) for k in priority},
            en_cue_after_window=int(data["en_cue_after_window"]),
            aggregate_zh=_alternation(data["aggregate_cues"]["zh"], english=False),
            aggregate_en=_alternation(data["aggregate_cues"]["en"], english=True),
            programme_zh=_alternation(data["programme_cues"]["zh"], english=False),
            programme_en=_alternation(data["programme_cues"]["en"], english=True),
        )
    except (KeyError, ValueError) as exc:
        raise ValueError(f"resources/rules/records.json is malformed: {exc}") from exc


def reference_date(text: str, published: dt.date | None) -> tuple[dt.date | None, bool]:
    """The date relative words (今年, this year) resolve against, and whether it is estimated.

    Without a publication date the first explicit year in the text stands in (estimated).
    """
    if published is not None:
        return published, False
    match = _EXPLICIT_YEAR.search(text)
    if match is None:
        return None, False
    return dt.date(int(match.group(1)), 1, 1), True


def find_mentions(text: str, published: dt.date | None = None) -> list[Mention]:
    """Amounts, counts, places, years and sectors in ``text``, sorted by position."""
    quantities = find_quantities(text)
    taken = [(m.start, m.end) for m in quantities]
    reference, estimated = reference_date(text, published)
    extra: list[Mention] = []
    for mention in find_times(text, reference):
        if any(s < mention.end and mention.start < e for s, e in taken):
            continue
        if estimated and mention.data.get("relative"):
            mention.data["estimated"] = True
        extra.append(mention)
    extra.extend(m for m in find_places(text) if not any(s < m.end and m.start < e for s, e in taken))
    extra.extend(find_sectors(text))
    mentions = quantities + extra
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


def _side(place: Mention) -> str:
    hint = place.data.get("role_hint")
    if hint:
        return hint
    row = place_by_id(place.data.get("id", ""))
    return row.role if row else "recipient"


def _is_china(place: Mention) -> bool:
    return place.data.get("name") == "中国"


@dataclass
class _Parties:
    donor: Mention | None
    recipient: Mention | None


def _pick_parties(places: list[Mention], anchor: int) -> _Parties:
    """Nearest donor-side and recipient-side places; foreign aid: China gives, the country receives."""
    def distance(m: Mention) -> int:
        return min(abs(m.start - anchor), abs(anchor - m.end))

    ordered = sorted(places, key=distance)
    donors = [m for m in ordered if _side(m) == "donor" or _is_china(m)]
    recipients = [m for m in ordered if _side(m) != "donor" and not _is_china(m)]
    if not recipients and len({m.data.get("name") for m in donors}) >= 2:
        # 江苏省与陕西省协作: the first named gives, the other receives
        by_position = sorted(donors, key=lambda m: m.start)
        first = by_position[0]
        other = next(m for m in by_position if m.data.get("name") != first.data.get("name"))
        return _Parties(first, other)
    recipient = None
    if recipients:
        # the most specific place near the amount: a county beats the region it lies in
        near = [m for m in recipients if distance(m) <= distance(recipients[0]) + 40]
        recipient = min(near, key=lambda m: (_AREA_RANK.get(m.data.get("level", ""), 3), distance(m)))
    return _Parties(donors[0] if donors else None, recipient)


def _main_parties(places: list[Mention]) -> _Parties:
    """The article's most named donor and recipient (earlier mentions weigh a little more)."""
    donor_votes: Counter[str] = Counter()
    recipient_votes: Counter[str] = Counter()
    first_seen: dict[str, Mention] = {}
    for index, place in enumerate(places):
        name = place.data.get("name", "")
        first_seen.setdefault(name, place)
        weight = 2 if index < 3 else 1
        if _side(place) == "donor" or _is_china(place):
            donor_votes[name] += weight
        elif place.data.get("level") not in _REGION_LEVELS or _is_country(place):
            recipient_votes[name] += weight + (1 - _AREA_RANK.get(place.data.get("level", ""), 3) / 10)
    donor = first_seen[donor_votes.most_common(1)[0][0]] if donor_votes else None
    recipient = first_seen[recipient_votes.most_common(1)[0][0]] if recipient_votes else None
    if donor is not None and recipient_votes:
        donor_name = donor.data.get("name", "")
        direct = {row.recipient for row in pairing_for(donor_name)}
        paired = [first_seen[name] for name in recipient_votes if name in direct] or [
            first_seen[name] for name in recipient_votes
            if place_is_xinjiang(name) and is_paired(donor_name, name)
        ]
        if paired:  # 扬州 with 伊犁州 and 新源县 named: the most named paired place is the recipient
            recipient = max(paired, key=lambda m: (recipient_votes[m.data.get("name", "")],
                                                   -_AREA_RANK.get(m.data.get("level", ""), 3)))
    if recipient is None:
        regions = [p for p in places if _side(p) != "donor" and not _is_china(p)]
        recipient = regions[0] if regions else None
    return _Parties(donor, recipient)


def _is_country(place: Mention) -> bool:
    return place.data.get("level") == "country"


def _amount_kind(text: str, sentence: Span, amount: Mention, previous_end: int) -> AmountKind:
    rules = _rules()
    before = text[max(sentence.start, previous_end) : amount.start]
    whole_before = text[sentence.start : amount.start]
    english = not _CJK.search(text, amount.start, amount.end) and not _CJK.search(before)
    cues = rules.en_cues if english else rules.zh_cues
    after = text[amount.end : min(sentence.end, amount.end + rules.en_cue_after_window)] if english else ""
    for kind in rules.kind_priority:
        pattern = cues[kind]
        window = whole_before if kind is AmountKind.SHARE else before
        if pattern.search(window) or (english and kind is not AmountKind.SHARE and pattern.search(after)):
            return kind
    return AmountKind.UNKNOWN


def _nearest(mentions: list[Mention], anchor: Mention) -> list[Mention]:
    return sorted(mentions, key=lambda m: min(abs(m.start - anchor.end), abs(anchor.start - m.end)))


def assemble_records(
    text: str, mentions: list[Mention], published: dt.date | None = None
) -> list[CandidateRecord]:
    """Candidate records for one article, parents before their shares."""
    sentences = sentence_spans(text)
    places = [m for m in mentions if m.kind is MentionKind.PLACE]
    main = _main_parties(places)
    rules = _rules()
    records: list[CandidateRecord] = []
    amount_mentions = [m for m in mentions if m.kind is MentionKind.AMOUNT]
    last_parent: int | None = None
    previous_end = 0
    for amount in amount_mentions:
        sentence = sentence_of(sentences, amount.start)
        if previous_end < sentence.start:
            previous_end = sentence.start
        in_sentence = [m for m in mentions if sentence.start <= m.start < sentence.end]
        kind = _amount_kind(text, sentence, amount, previous_end)
        previous_end = amount.end
        record = CandidateRecord()
        assert amount.value is not None
        record.amounts.append(
            CandidateAmount(
                text=amount.text, value=amount.value, currency=amount.currency or "unknown",
                qualifier=amount.qualifier or Qualifier.EXACT, kind=kind, span=amount.span,
                value_max=amount.value_max,
            )
        )
        record.evidence["amount"] = [amount.span]
        _fill_counts(record, in_sentence, amount)
        _fill_period(record, in_sentence, amount, mentions)
        _fill_parties(record, [m for m in in_sentence if m.kind is MentionKind.PLACE], amount, main)
        next_start = next((m.start for m in amount_mentions if m.start > amount.start), sentence.end)
        _fill_sector(record, mentions, sentence, amount, min(next_start, sentence.end))
        sentence_text = text[sentence.start : sentence.end]
        aggregate = rules.aggregate_zh.search(sentence_text) or rules.aggregate_en.search(sentence_text)
        if aggregate or (record.recipient == "新疆维吾尔自治区" and record.donor is None):
            record.record_kind = RecordKind.AGGREGATE
            record.flags["aggregate_cue"] = aggregate.group() if aggregate else "region-wide"
            region = next((m for m in in_sentence if m.kind is MentionKind.PLACE
                           and m.data.get("level") == "region"), None)
            if region is not None:  # "19 provinces … in Xinjiang": the whole region receives
                record.recipient = region.data.get("name")
                record.evidence["recipient"] = [region.span]
            if aggregate and record.donor is not None and "donor" not in record.flags.get("inferred", []):
                record.donor = None  # many donors: no single one
                record.evidence.pop("donor", None)
        elif (record.n_projects and record.n_projects > 1) or (
            record.year_end and record.year_start and record.year_end > record.year_start
            and kind is not AmountKind.CUMULATIVE
        ) or rules.programme_zh.search(sentence_text) or rules.programme_en.search(sentence_text):
            record.record_kind = RecordKind.PROGRAMME
        if kind is AmountKind.SHARE and last_parent is not None:
            record.parent_index = last_parent
            parent = records[last_parent]
            for field in ("donor", "recipient", "year_start", "year_end"):
                if getattr(record, field) is None and getattr(parent, field) is not None:
                    setattr(record, field, getattr(parent, field))
                    if field in parent.evidence:
                        record.evidence.setdefault(field, list(parent.evidence[field]))
            record.amounts[0].share_of = last_parent
            record.record_kind = RecordKind.PROJECT
        duplicate = _find_duplicate(records, record)
        if duplicate is not None:
            records[duplicate].evidence["amount"].append(amount.span)
            continue
        records.append(record)
        if kind is not AmountKind.SHARE:
            last_parent = len(records) - 1
    return records


def _fill_counts(record: CandidateRecord, in_sentence: list[Mention], amount: Mention) -> None:
    for count in _nearest([m for m in in_sentence if m.kind is MentionKind.COUNT], amount):
        field = _COUNT_FIELDS.get(count.what or "")
        if field and getattr(record, field) is None and count.value is not None:
            setattr(record, field, int(count.value))
            record.evidence[field] = [count.span]


def _fill_period(record: CandidateRecord, in_sentence: list[Mention], amount: Mention,
                 mentions: list[Mention]) -> None:
    years = [m for m in in_sentence if m.kind is MentionKind.YEAR and m.data.get("start") is not None]
    if not years:  # the year set earlier in the paragraph still holds (In 2023, … . It also …)
        earlier = [m for m in mentions if m.kind is MentionKind.YEAR and m.end <= amount.start
                   and amount.start - m.end < 120 and m.data.get("start") is not None]
        years = earlier[-1:]
    if not years:
        return
    before = [m for m in years if m.end <= amount.start]
    year = _nearest(before, amount)[0] if before else _nearest(years, amount)[0]
    record.year_start = year.data.get("start")
    record.year_end = year.data.get("end") or record.year_start
    record.evidence["year"] = [year.span]
    if year.data.get("estimated"):
        record.flags["year_estimated"] = True


def _fill_parties(record: CandidateRecord, places: list[Mention], amount: Mention, main: _Parties) -> None:
    near = _pick_parties(places, amount.start)
    donor = near.donor or main.donor
    recipient = near.recipient or main.recipient
    if ((near.recipient is not None and main.recipient is not None
            and near.recipient.data.get("level") == "region" and main.recipient.data.get("level") != "region"
            and main.recipient.data.get("parent") == near.recipient.data.get("name"))
            or _within(main.recipient, near.recipient)):
        recipient = main.recipient  # "88 projects in Xinjiang" of an article about Turpan
    inferred: list[str] = []
    if donor is not None:
        record.donor = donor.data.get("name")
        record.evidence["donor"] = [donor.span]
    if recipient is not None:
        record.recipient = recipient.data.get("name")
        record.evidence["recipient"] = [recipient.span]
    if record.donor and (record.recipient is None or record.recipient == "新疆维吾尔自治区"):
        rows = pairing_for(record.donor)
        if rows:
            specific = [r for r in rows if r.certainty in ("direct", "derived")] or rows
            if len({r.recipient for r in specific}) == 1:
                record.recipient = specific[0].recipient
                record.evidence.pop("recipient", None)
                inferred.append("recipient")
    elif record.recipient and record.donor is None:
        rows = donors_for(record.recipient)
        if len({r.donor for r in rows}) == 1:
            record.donor = rows[0].donor
            inferred.append("donor")
    if inferred:
        record.flags["inferred"] = inferred
    if (record.donor and record.recipient and not _is_china_name(record.donor)
            and place_is_xinjiang(record.recipient) and not is_paired(record.donor, record.recipient)):
        record.flags["pairing_unknown"] = True  # a pair not in the table is flagged, not dropped


def _within(inner: Mention | None, outer: Mention | None) -> bool:
    """Whether place ``inner`` lies inside region-level place ``outer`` (吐鲁番市 in 新疆)."""
    if inner is None or outer is None or outer.data.get("level") != "region":
        return False
    if inner.data.get("level") == "region":
        return False
    return place_is_xinjiang(inner.data.get("name", "")) and outer.data.get("name") == "新疆维吾尔自治区"


def _is_china_name(name: str) -> bool:
    return name == "中国"


def place_is_xinjiang(name: str) -> bool:
    """Whether a canonical place name lies in Xinjiang (the pairing table covers only those)."""
    place = lookup_place(name)
    return bool(place and place.id.startswith("xj-"))


def _fill_sector(
    record: CandidateRecord, mentions: list[Mention], sentence: Span, amount: Mention, until: int
) -> None:
    sector = dominant_sector(mentions, amount.start, until) or dominant_sector(
        mentions, sentence.start, sentence.end
    )
    if sector is not None:
        record.sector = sector.data.get("code")
        record.evidence["sector"] = [sector.span]


def _find_duplicate(records: list[CandidateRecord], record: CandidateRecord) -> int | None:
    new = record.amounts[0]
    for index, other in enumerate(records):
        old = other.amounts[0]
        if (old.value, old.currency, old.value_max) != (new.value, new.currency, new.value_max):
            continue
        if (other.year_start, other.year_end) != (record.year_start, record.year_end):
            continue
        if AmountKind.UNKNOWN not in (old.kind, new.kind) and old.kind is not new.kind:
            continue
        return index
    return None


def evidence_spans(record: CandidateRecord) -> list[tuple[str, Span]]:
    """(field, span) pairs of a candidate record, in field order."""
    return [(field, span) for field, spans in record.evidence.items() for span in spans]
