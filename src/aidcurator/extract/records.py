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
from bisect import bisect_left, bisect_right
from collections import Counter
from copy import deepcopy
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise

from aidcurator.domain import (
    UNKNOWN_CURRENCY,
    AmountKind,
    CandidateAmount,
    CandidateRecord,
    Mention,
    MentionKind,
    Qualifier,
    RecordKind,
    Span,
)
from aidcurator.domain.fields import COUNT_FIELDS
from aidcurator.extract.fastre import after_first, first_chars
from aidcurator.extract.flows import FlowReader
from aidcurator.extract.parties import (
    chain_tails,
    currency_country,
    each_country,
    group_recipient,
    is_example,
    is_venue_around,
    pairing_area,
    says_each_country,
)
from aidcurator.extract.periods import PeriodChooser
from aidcurator.extract.places import (
    ancestors_of,
    donors_for,
    find_places,
    is_paired,
    lookup_place,
    pairing_for,
    place_by_id,
    place_in_china,
    smallest_common_place,
)
from aidcurator.extract.quantities import find_quantities
from aidcurator.extract.rules import load_rules
from aidcurator.extract.script import to_simplified
from aidcurator.extract.sectors import context_sector, dominant_sector_hit, find_sectors, sector_list
from aidcurator.extract.sentences import SentenceIndex
from aidcurator.extract.timex import find_times
from aidcurator.resources import resource_path

_CJK = re.compile(r"[\u3400-\u9fff]")
#: Characters re.IGNORECASE matches to ASCII letters (Kelvin sign, long s, dotted and dotless i).
_CASE_ODDITY = re.compile("[Kſİı]")
_EXPLICIT_YEAR = re.compile(r"(?<![0-9])(19[5-9][0-9]|20[0-9][0-9])(?![0-9])")
_REGION_LEVELS = {"region", "country"}
_XINJIANG = "新疆维吾尔自治区"
_AREA_RANK = {
    "county": 0,
    "city": 0,
    "district": 0,
    "xpcc_division": 1,
    "prefecture": 2,
    "province": 3,
    "region": 4,
    "xpcc": 4,
    "country": 5,
}


@dataclass(frozen=True)
class _Cues:
    """One list of cue words for each language."""

    zh: re.Pattern[str]
    en: re.Pattern[str]
    zh_words: tuple[str, ...] = ()
    en_words: tuple[str, ...] = ()  # lower case

    @classmethod
    def load(cls, words: dict[str, list[str]]) -> _Cues:
        return cls(
            _alternation(words["zh"], english=False),
            _alternation(words["en"], english=True),
            tuple(w for w in words["zh"] if w),
            tuple(w.lower() for w in words["en"] if w),
        )

    def absent(self, english: bool, text: str, low: str) -> bool:
        """Whether no cue word of the language occurs in ``text`` at all (``low``: its lower case),
        so the pattern need not run. Letters that match others only ignoring case (K, ſ) say nothing."""
        if english:
            return not any(w in low for w in self.en_words) and _CASE_ODDITY.search(text) is None
        return not any(w in text for w in self.zh_words)

    def pick(self, english: bool) -> re.Pattern[str]:
        return self.en if english else self.zh


@dataclass(frozen=True)
class _RecordRules:
    kind_priority: tuple[AmountKind, ...]
    kind_default: AmountKind
    kind_cues: dict[AmountKind, _Cues]
    weak_cumulative: _Cues
    exceptions: _Cues
    share_after: _Cues
    en_cue_after_window: int
    list_intro_endings: tuple[str, ...]
    programme_regions: dict[str, str]
    anaphora: dict[str, tuple[str, ...]]
    since_words: _Cues
    aggregate: _Cues
    programme: _Cues
    project: _Cues
    per_unit: _Cues
    not_aid: _Cues
    aid: _Cues
    difference_before: _Cues
    not_a_record_exceptions: _Cues
    venue_after: re.Pattern[str]
    venue_before: re.Pattern[str]
    conversion_gap: re.Pattern[str]


def _alternation(words: list[str], *, english: bool) -> re.Pattern[str]:
    """Any of ``words`` (English: whole words, any case), opening with one character class (see fastre)."""
    words = [w for w in words if w]
    if not words:
        return re.compile(r"(?!)")
    if english:  # cue words start and end with a letter or digit: \b on both sides
        return re.compile(
            rf"[{first_chars(words, both_cases=True)}](?<!\w.)(?i:{after_first(words, both_cases=True)})\b"
        )
    return re.compile(rf"[{first_chars(words)}]{after_first(words)}")


@cache
def _rules() -> _RecordRules:
    data = json.loads(resource_path("rules", "records.json").read_text(encoding="utf-8"))
    try:
        priority = tuple(AmountKind(k) for k in data["kind_priority"])
        return _RecordRules(
            kind_priority=priority,
            kind_default=AmountKind(data.get("kind_default", "unknown")),
            kind_cues={k: _Cues.load(data["kind_cues"][k.value]) for k in priority},
            weak_cumulative=_Cues.load(data["weak_cumulative_cues"]),
            exceptions=_Cues.load(data["cue_exceptions"]),
            share_after=_Cues.load(data["share_after_cues"]),
            en_cue_after_window=int(data["en_cue_after_window"]),
            list_intro_endings=tuple(data["list_intro_endings"]),
            programme_regions=dict(data["programme_regions"]),
            anaphora={k: tuple(v) for k, v in data["anaphora"].items()},
            since_words=_Cues.load(data["since_cues"]),
            aggregate=_Cues.load(data["aggregate_cues"]),
            programme=_Cues.load(data["programme_cues"]),
            project=_Cues.load(data["project_cues"]),
            per_unit=_Cues.load(data["not_a_record_cues"]["per_unit"]),
            not_aid=_Cues.load(data["not_a_record_cues"]["not_aid"]),
            aid=_Cues.load(data["not_a_record_cues"]["aid_cues"]),
            difference_before=_Cues.load(data["not_a_record_cues"]["difference_before"]),
            not_a_record_exceptions=_Cues.load(data["not_a_record_cues"]["exceptions"]),
            venue_after=re.compile("|".join(f"(?:{p})" for p in data.get("venue_after", [])) or "(?!)"),
            venue_before=re.compile("|".join(f"(?:{p})" for p in data.get("venue_before", [])) or "(?!)"),
            conversion_gap=re.compile(data.get("conversion_gap") or "(?!)"),
        )
    except (KeyError, ValueError, TypeError) as exc:
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
    """Amounts, counts, places, years and sectors in ``text``, sorted by position.

    Places, years and sectors are matched on the simplified form of the text (same offsets), so
    traditional-character articles find the same words; each mention keeps the text as written.
    """
    quantities = find_quantities(text)
    taken_starts = [m.start for m in quantities]  # quantities do not overlap and come in text order
    taken_ends = [m.end for m in quantities]

    def free(mention: Mention) -> bool:
        i = bisect_left(taken_ends, mention.start + 1)  # the first quantity ending after the start
        return i == len(taken_starts) or taken_starts[i] >= mention.end

    simple = to_simplified(text)
    reference, estimated = reference_date(simple, published)
    extra: list[Mention] = []
    for mention in find_times(simple, reference):
        if not free(mention):
            continue
        if estimated and mention.data.get("relative"):
            mention.data["estimated"] = True
        extra.append(mention)
    extra.extend(m for m in find_places(simple) if free(m))
    extra.extend(find_sectors(simple))
    if simple is not text:
        extra = [m if text.startswith(m.text, m.start) else _as_written(m, text) for m in extra]
    mentions = quantities + extra
    mentions.sort(key=lambda m: (m.start, m.end))
    _resolve_currency_families(mentions)
    return mentions


def _resolve_currency_families(mentions: list[Mention]) -> None:
    """A generic currency word (francs, shillings, Rs) takes the currency of the first country the
    text names that uses one of its family (CFA francs with Cameroon → XAF), else the family default."""
    generic = [m for m in mentions if m.kind is MentionKind.AMOUNT and m.data.get("currency_family")]
    if not generic:
        return
    families = load_rules().currencies.families
    countries = [
        code for m in mentions if m.kind is MentionKind.PLACE and (code := country_code(m.data.get("id")))
    ]
    by_family: dict[str, str | None] = {}
    for mention in generic:
        family = mention.data["currency_family"]
        if family not in by_family:
            default, by_country = families[family]
            by_family[family] = next((by_country[c] for c in countries if c in by_country), default)
        mention.currency = by_family[family] or UNKNOWN_CURRENCY


def country_code(place_id: str | None) -> str | None:
    """ISO 3166 alpha-3 code of a gazetteer country id (``ctry-ago`` → ``AGO``), None for other places."""
    if place_id and place_id.startswith("ctry-"):
        return place_id[5:].upper()
    return None


def _as_written(mention: Mention, text: str) -> Mention:
    """``mention`` (found in the simplified text) with its text and agency as the article writes them."""
    data = mention.data
    agency = data.get("agency")
    if agency:
        data = {**data, "agency": text[mention.start : mention.start + len(agency)]}
    return replace(mention, text=text[mention.start : mention.end], data=data)


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


class _PlacesByLevel:
    """The article's places (in text order), looked up by level: the latest one before an offset."""

    def __init__(self, places: list[Mention]) -> None:
        self.places = places
        self._by_levels: dict[tuple[str, ...], tuple[list[Mention], list[int]]] = {}

    def latest_before(self, levels: tuple[str, ...], offset: int) -> Mention | None:
        """The last place (in text order) of one of ``levels`` that ends at or before ``offset``."""
        found = self._by_levels.get(levels)
        if found is None:
            chosen = [m for m in self.places if m.data.get("level") in levels]
            found = self._by_levels[levels] = (chosen, [m.start for m in chosen])
        chosen, starts = found
        i = bisect_right(starts, offset)  # later places start after the offset, so end after it
        while i > 0:
            i -= 1
            if chosen[i].end <= offset:
                return chosen[i]
        return None


@dataclass
class _Context:
    """What the whole article says about its parties."""

    main: _Parties
    lead: CandidateRecord | None
    places: _PlacesByLevel
    tails: dict[str, Mention]  # 四川 → 芦山县 where the article writes 四川雅安芦山 (parties.chain_tails)
    foreign: Mention | None  # the foreign country the article names most (first named on a tie)


def _pick_parties(places: list[Mention], anchor: int, text: str) -> _Parties:
    """Nearest donor-side and recipient-side places; foreign aid: China gives, the country receives."""

    def distance(m: Mention) -> int:
        return min(abs(m.start - anchor), abs(anchor - m.end))

    ordered = sorted(places, key=distance)
    donors = [m for m in ordered if _side(m) == "donor" or _is_china(m)]
    names = {m.data.get("name", "") for m in donors}
    held = {a for name in names for a in ancestors_of(name)}
    if held & names:  # Taizhou, a city in Jiangsu: the city's team gives
        donors = [m for m in donors if m.data.get("name") not in held] + [
            m for m in donors if m.data.get("name") in held
        ]
    recipients = [m for m in ordered if _side(m) != "donor" and not _is_china(m)]
    if not recipients and len({m.data.get("name") for m in donors}) >= 2:
        # 江苏省与陕西省协作: the first named gives, the other receives
        by_position = sorted(donors, key=lambda m: m.start)
        first = by_position[0]
        first_name = first.data.get("name", "")
        other = next(
            (
                m
                for m in by_position
                if m.data.get("name") != first_name
                and m.data.get("name") not in ancestors_of(first_name)
                and first_name not in ancestors_of(m.data.get("name", ""))
            ),
            None,
        )
        if other is not None and not _listed_together(first, other, text):  # not 泰州, a city in 江苏
            return _Parties(first, other)
    recipient = None
    if recipients:
        # the most specific place near the amount: a county beats the region it lies in
        near = [m for m in recipients if distance(m) <= distance(recipients[0]) + 40]
        recipient = min(near, key=lambda m: (_AREA_RANK.get(m.data.get("level", ""), 3), distance(m)))
    return _Parties(donors[0] if donors else None, recipient)


def _listed_together(first: Mention, other: Mention, text: str) -> bool:
    """``湖南、浙江``: two places joined by a list mark give side by side; neither receives. Not a place
    and the province it lies in (``Shenzhen, Guangdong province``)."""
    if other.start <= first.end or text[first.end : other.start].strip() not in ("、", ",", "，"):
        return False
    one, two = first.data.get("name", ""), other.data.get("name", "")
    return one not in ancestors_of(two) and two not in ancestors_of(one)


def _in_donor_list(text: str, places: list[Mention], index: int) -> bool:
    """Whether the donor-side place at ``index`` is listed with another one (``湖南、浙江``)."""
    place = places[index]
    for other in (
        places[index - 1] if index else None,
        places[index + 1] if index + 1 < len(places) else None,
    ):
        if other is not None and _side(other) == "donor" and other.data.get("name") != place.data.get("name"):
            first, second = (other, place) if other.start < place.start else (place, other)
            if _listed_together(first, second, text):
                return True
    return False


def _main_parties(text: str, places: list[Mention]) -> _Parties:
    """The article's most named donor and recipient (earlier mentions weigh a little more).

    A place named as an example of a group (江苏等9省市) does not vote, and the main donor never
    receives (澳门各界…澳门: the giver's own name does not make it the recipient)."""
    donor_votes: Counter[str] = Counter()
    recipient_votes: Counter[str] = Counter()
    first_seen: dict[str, Mention] = {}
    for index, place in enumerate(places):
        name = place.data.get("name", "")
        first_seen.setdefault(name, place)
        if is_example(text, place):
            continue
        weight = 2 if index < 3 else 1
        if _side(place) == "donor" or _is_china(place):
            if _in_donor_list(text, places, index):
                continue  # 湖南、浙江资金到疆: one of several donors, not the article's
            donor_votes[name] += weight
        elif place.data.get("level") not in _REGION_LEVELS or _is_country(place):
            recipient_votes[name] += weight + (1 - _AREA_RANK.get(place.data.get("level", ""), 3) / 10)
    donor = first_seen[donor_votes.most_common(1)[0][0]] if donor_votes else None
    if donor is not None:
        recipient_votes.pop(donor.data.get("name", ""), None)
    recipient = first_seen[recipient_votes.most_common(1)[0][0]] if recipient_votes else None
    if donor is not None and recipient_votes:
        donor_name = donor.data.get("name", "")
        direct = {row.recipient for row in pairing_for(donor_name)}
        paired = [first_seen[name] for name in recipient_votes if name in direct] or [
            first_seen[name]
            for name in recipient_votes
            if place_is_xinjiang(name) and is_paired(donor_name, name)
        ]
        if paired:  # 扬州 with 伊犁州 and 新源县 named: the most named paired place is the recipient
            recipient = max(
                paired,
                key=lambda m: (
                    recipient_votes[m.data.get("name", "")],
                    -_AREA_RANK.get(m.data.get("level", ""), 3),
                ),
            )
    if recipient is None:
        giver = donor.data.get("name") if donor is not None else None
        regions = [
            p
            for p in places
            if _side(p) != "donor"
            and not _is_china(p)
            and p.data.get("name") != giver
            and not is_example(text, p)
        ]
        recipient = regions[0] if regions else None
    return _Parties(donor, recipient)


def _main_foreign(places: list[Mention]) -> Mention | None:
    """The foreign country named most often (the first named on a tie), if any."""
    votes: Counter[str] = Counter()
    first_seen: dict[str, Mention] = {}
    for place in places:
        if _is_country(place) and not _is_china(place):
            name = place.data.get("name", "")
            votes[name] += 1
            first_seen.setdefault(name, place)
    return first_seen[votes.most_common(1)[0][0]] if votes else None


def _is_country(place: Mention) -> bool:
    return place.data.get("level") == "country"


class _Blanked:
    """The article with exception words (今年以来, so far this year…) blanked out, per language, made once."""

    def __init__(self, text: str, exceptions: _Cues) -> None:
        self.text = text
        self.exceptions = exceptions
        self._made: dict[bool, str] = {}

    def get(self, english: bool) -> str:
        made = self._made.get(english)
        if made is None:
            text = self.text
            low = text.lower() if english else ""  # not kept: a big text's copy is freed at once
            # nothing to blank (most texts); the Chinese words are many, and their one pattern (below)
            # finds them faster than a substring test per word
            if english and self.exceptions.absent(english, text, low):
                made = text
            else:
                made = self.exceptions.pick(english).sub(_blank, text)
            self._made[english] = made
        return made


@cache
def _qualifier_gap() -> re.Pattern[str]:
    """Only spaces and qualifier words (约, 超过, nearly) up to the end: what may stand between a
    difference word and its amount (较去年增加约3000万元)."""
    amounts = load_rules()
    qualifiers = sorted({*amounts.zh_prefix_qualifiers, *amounts.en_prefix_qualifiers}, key=len, reverse=True)
    return re.compile(rf"(?:\s|{'|'.join(re.escape(q) for q in qualifiers)})*\Z", re.IGNORECASE)


def _not_a_record(text: str, amount: Mention, sentence: Span, blanked: _Blanked) -> bool:
    """Whether the amount is a rate, an income, a price, output or a difference rather than aid money
    (户均增收2600元, GDP of 79 billion dollars, 较去年增加3000万元): it stays a mention, anchoring no record."""
    rules = _rules()
    english = not _CJK.search(text, amount.start, amount.end)
    window = blanked.get(english)
    start, end = _clause(text, amount, (sentence.start, sentence.end))
    parts = ((start, amount.start), (amount.end, end))
    if any(rules.per_unit.pick(english).search(window, a, b) for a, b in parts):
        return True
    if any(rules.not_aid.pick(english).search(window, a, b) for a, b in parts) and not any(
        rules.aid.pick(english).search(window, a, b) for a, b in parts
    ):
        return True
    for match in rules.difference_before.pick(english).finditer(window, start, amount.start):
        if _qualifier_gap().match(window, match.end(), amount.start):
            return True
    return False


def _amount_kind(
    text: str,
    sentence: Span,
    amount: Mention,
    previous_end: int,
    next_start: int,
    multi_year: bool,
    blanked: _Blanked,
) -> tuple[AmountKind, Span | None]:
    """The amount's kind and the span of the cue word that decided it (None when no cue fired)."""
    rules = _rules()
    before_start = max(sentence.start, previous_end)
    english = not _CJK.search(text, amount.start, amount.end) and not _CJK.search(
        text, before_start, amount.start
    )
    window_end = clause_end = amount.end  # English cues may follow the amount ("… China pledged")
    if english:
        window_end = min(sentence.end, next_start, amount.end + rules.en_cue_after_window)
        comma = text.find(",", amount.end, window_end)
        clause_end = window_end if comma < 0 else comma
    window = blanked.get(english)
    before = (before_start, amount.start)
    whole_before = (sentence.start, amount.start)
    after = (amount.end, clause_end)
    after_clauses = (amount.end, window_end)

    def found(pattern: re.Pattern[str], *parts: tuple[int, int]) -> Span | None:
        for start, end in parts:
            if start < end and (match := pattern.search(window, start, end)):
                return Span(match.start(), match.end())
        return None

    if not found(_any_kind_cue(english), whole_before, after_clauses):  # every range below lies in these
        return AmountKind.UNKNOWN, None

    cue = found(rules.share_after.pick(english), after_clauses) or found(
        rules.kind_cues[AmountKind.SHARE].pick(english), whole_before
    )
    if cue is not None:
        return AmountKind.SHARE, cue
    clause_start = before[0]
    for match in _CLAUSE_BREAK.finditer(window, before[0], before[1]):
        clause_start = match.end()
    # the amount's own clause first (按…测算，未来将投入69920万元: planned), then the rest before it
    cumulative = rules.kind_cues[AmountKind.CUMULATIVE].pick(english)
    cue = found(cumulative, before, after) or (
        found(rules.weak_cumulative.pick(english), before, after) if multi_year else None
    )
    if cue is not None:
        return AmountKind.CUMULATIVE, cue
    for part in ((clause_start, before[1]), (before[0], clause_start)):
        for kind in rules.kind_priority:
            if kind in (AmountKind.SHARE, AmountKind.CUMULATIVE):
                continue  # decided above: their cues count anywhere before the amount (三年来，工作组投入…)
            cue = found(rules.kind_cues[kind].pick(english), part, after)
            if cue is not None:
                return kind, cue
    return AmountKind.UNKNOWN, None


@cache
def _any_kind_cue(english: bool) -> re.Pattern[str]:
    """Every cue _amount_kind looks for, as one pattern: where it finds none, no kind has a cue."""
    rules = _rules()
    cues = [*rules.kind_cues.values(), rules.weak_cumulative, rules.share_after]
    return re.compile("|".join(f"(?:{c.pick(english).pattern})" for c in cues))


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


@cache
def _list_label_end() -> re.Pattern[str]:
    """A list line's label ends in a separator, maybe followed by a qualifier word (``教育：约``)."""
    amounts = load_rules()
    qualifiers = sorted({*amounts.zh_prefix_qualifiers, *amounts.en_prefix_qualifiers}, key=len, reverse=True)
    alternation = "|".join(re.escape(q) for q in qualifiers)
    return re.compile(rf"(?:[：:|\t\u3000]|\s{{2,}})\s*(?:{alternation})?\s*$", re.IGNORECASE)


def _list_parent(
    text: str, sentences: SentenceIndex, amount: Mention, records: list[CandidateRecord]
) -> int | None:
    """If the amount is a line of a list (``教育文化：4820万元``, ``Ili | 2.47 billion yuan``) that a line
    ending in a colon introduces (``具体安排如下：``), the index of the list's parent: the first whole
    amount of the last sentence before the list that has one."""
    if not records:
        return None
    line_start = text.rfind("\n", 0, amount.start) + 1
    line_end = text.find("\n", amount.end)
    line_end = len(text) if line_end < 0 else line_end
    label = text[line_start : amount.start]
    rest = text[amount.end : line_end].strip(" \t\u3000。.;；,，")
    if line_start == 0 or not label.strip() or len(label) > 40 or len(rest) > 12:
        return None
    if not _list_label_end().search(label):
        return None
    cursor = line_start - 1  # walk up over the list's other lines to the line that introduces it
    while cursor > 0:
        previous_start = text.rfind("\n", 0, cursor) + 1
        previous = text[previous_start:cursor].strip()
        if previous.endswith(_rules().list_intro_endings):
            whole = [
                i
                for i, r in enumerate(records)
                if r.parent_index is None and r.amounts[0].span.start < cursor
            ]
            if not whole:
                return None
            sentence_start = sentences.of(records[whole[-1]].amounts[0].span.start).start
            return next(i for i in whole if records[i].amounts[0].span.start >= sentence_start)
        if not previous or len(previous) > 60:
            return None
        cursor = previous_start - 1
    return None


def _nearest(mentions: list[Mention], anchor: Mention) -> list[Mention]:
    return sorted(mentions, key=lambda m: min(abs(m.start - anchor.end), abs(anchor.start - m.end)))


def assemble_records(
    text: str, mentions: list[Mention], published: dt.date | None = None
) -> list[CandidateRecord]:
    """Candidate records for one article, parents before their shares."""
    text = to_simplified(text)  # cue words are written in simplified characters; offsets are unchanged
    mentions = [m for m in mentions if m.kind is not MentionKind.PLACE or not _is_venue(text, m)]
    sentences = SentenceIndex(text)
    starts = [m.start for m in mentions]  # mentions come sorted by start
    places = [m for m in mentions if m.kind is MentionKind.PLACE]
    sectors = [m for m in mentions if m.kind is MentionKind.SECTOR]
    sector_starts = [m.start for m in sectors]
    reference, _ = reference_date(text, published)
    main = _main_parties(text, places)
    places_by_level = _PlacesByLevel(places)
    tails = chain_tails(text, places)
    foreign = _main_foreign(places)
    shared_out = says_each_country(text)  # 向两国各提供: looked for per amount only when the text has it
    blanked = _Blanked(text, _rules().exceptions)
    rate_blanked = _Blanked(text, _rules().not_a_record_exceptions)
    records: list[CandidateRecord] = []
    amount_mentions = [m for m in mentions if m.kind is MentionKind.AMOUNT]
    last_parent: int | None = None
    by_value: dict[tuple, list[int]] = {}  # (value, value_max) → indices of the records with it
    previous_end = 0
    flows = FlowReader(text, lambda position: _paragraph(text, position))
    periods = PeriodChooser(text, mentions, sentences, lambda position: _paragraph(text, position))
    title_end = flows.title[1] if "\n" in text else 0  # the first line of a longer text
    record_of: dict[int, int] = {}  # amount index → index of the record it anchors or folded into
    for index, amount in enumerate(amount_mentions):
        sentence = sentences.of(amount.start)
        previous_end = max(previous_end, sentence.start)
        if index and _is_conversion(text, amount_mentions[index - 1], amount):
            # 21.6 million yuan (US$2.6 million): the same money in another currency, no record of its own
            if (into := record_of.get(index - 1)) is not None:
                _add_conversion(records, into, amount)
                record_of[index] = into
            previous_end = amount.end
            continue
        if _not_a_record(text, amount, sentence, rate_blanked):
            previous_end = amount.end
            continue
        in_sentence = mentions[bisect_left(starts, sentence.start) : bisect_left(starts, sentence.end)]
        next_start = amount_mentions[index + 1].start if index + 1 < len(amount_mentions) else len(text)
        record = CandidateRecord()
        record.evidence["amount"] = [amount.span]
        _fill_counts(record, in_sentence, amount)
        segment = (previous_end, min(next_start, sentence.end))
        periods.fill(record, in_sentence, amount, segment, _clause(text, amount, segment))
        multi_year = bool(record.year_start and record.year_end and record.year_end > record.year_start)
        kind, cue = _amount_kind(text, sentence, amount, previous_end, next_start, multi_year, blanked)
        if (
            kind is AmountKind.SPENT
            and multi_year
            and reference is not None
            and record.year_end is not None
            and record.year_end < reference.year
        ):  # spent over several years that are over: “十二五”时期…投入130亿元 is a total
            kind = AmountKind.CUMULATIVE
        if kind is AmountKind.CUMULATIVE:
            _extend_to_now(record, text[sentence.start : sentence.end], reference)
        previous_end = amount.end
        if (
            kind is not AmountKind.SHARE
            and (list_parent := _list_parent(text, sentences, amount, records)) is not None
        ):
            kind, cue, last_parent = AmountKind.SHARE, None, list_parent
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
                span=amount.span,
                value_max=amount.value_max,
            )
        )
        context = _Context(main, records[0] if records else None, places_by_level, tails, foreign)
        _fill_parties(
            record,
            text,
            [m for m in in_sentence if m.kind is MentionKind.PLACE],
            segment,
            sentence.end,
            amount,
            context,
            parent if kind is AmountKind.SHARE else None,
        )
        _fill_sector(
            record,
            sectors,
            sector_starts,
            sentence,
            amount,
            _clause(text, amount, segment),
            min(next_start, sentence.end),
            text,
        )
        _fill_record_kind(record, text[sentence.start : sentence.end], in_sentence, kind, sentence)
        if kind is AmountKind.SHARE and parent is not None:
            assert last_parent is not None
            _link_share(record, parent, last_parent)
        flows.fill(record, sentence)
        same_value = by_value.setdefault((record.amounts[0].value, record.amounts[0].value_max), [])
        duplicate = _find_duplicate(records, record, title_end, same_value)
        if duplicate is not None and records[duplicate].amounts[0].span.start >= sentence.start:
            duplicate = None  # the Red Cross's $100,000 and the government's $100,000: two gifts
        if duplicate is not None:
            _fold(records[duplicate], record)
            record_of[index] = duplicate
            continue
        same_value.append(len(records))
        record_of[index] = len(records)
        records.append(record)
        if shared_out:
            records.extend(_each_country_records(record, text, sentence, amount, places))
        if kind is not AmountKind.SHARE:
            last_parent = record_of[index]
    periods.finish(records)
    _default_kind(records)
    _sector_from_text(text, sectors, records)
    _fill_codes(records)
    return records


def _each_country_records(
    record: CandidateRecord, text: str, sentence: Span, amount: Mention, places: list[Mention]
) -> list[CandidateRecord]:
    """``向两国各提供1000万元``: the record goes to the first listed country, a copy to each other one."""
    countries = each_country(text, sentence.start, sentence.end, amount.start, places)
    if not countries:
        return []
    copies = []
    for index, country in enumerate(countries):
        target = record if index == 0 else deepcopy(record)
        target.recipient = country.data.get("name")
        target.evidence["recipient"] = [country.span]
        if index:
            copies.append(target)
    return copies


def _is_conversion(text: str, before: Mention, amount: Mention) -> bool:
    """Whether ``amount`` restates ``before`` in another currency (``443.2 million yuan (69.58 million U.S.
    dollars)``, ``256 billion yuan, or nearly 40 billion US dollars``, ``1亿元（约合1500万美元）``)."""
    if not before.currency or not amount.currency or before.currency == amount.currency:
        return False
    if before.currency == UNKNOWN_CURRENCY or amount.currency == UNKNOWN_CURRENCY:
        return False
    return _rules().conversion_gap.fullmatch(text, before.end, amount.start) is not None


def _add_conversion(records: list[CandidateRecord], into: int, amount: Mention) -> None:
    """A conversion is a further amount of the record it restates (kept once), not a record of its own.

    When an earlier record has the converted figure as its own amount (the headline's ``$1.83m`` over the
    body's ``15 million yuan (around $1.83 million)``), that record takes what the body says (year,
    recipient …) as a repeat of it would give."""
    record = records[into]
    assert amount.value is not None
    converted = CandidateAmount(
        text=amount.text,
        value=amount.value,
        currency=amount.currency or UNKNOWN_CURRENCY,
        qualifier=amount.qualifier or Qualifier.EXACT,
        kind=record.amounts[0].kind,
        span=amount.span,
        value_max=amount.value_max,
    )
    record.evidence["amount"].append(amount.span)
    if not any(a.value == amount.value and a.currency == amount.currency for a in record.amounts):
        record.amounts.append(converted)
    for index, other in enumerate(records):
        first = other.amounts[0]
        if (
            index != into
            and first.value == amount.value
            and first.value_max == amount.value_max
            and first.currency in (amount.currency, UNKNOWN_CURRENCY)
        ):
            restated = replace(
                record, amounts=[converted], evidence={**record.evidence, "amount": [amount.span]}
            )
            _fold(other, restated)
            break


def _default_kind(records: list[CandidateRecord]) -> None:
    """An amount no cue decided takes the rule file's default kind (``kind_default``), flagged."""
    default = _rules().kind_default
    if default is AmountKind.UNKNOWN:
        return
    for record in records:
        for amount in record.amounts:
            if amount.kind is AmountKind.UNKNOWN:
                amount.kind = default
                record.flags["kind_default"] = True


def _is_venue(text: str, place: Mention) -> bool:
    """Whether the place only says where the report comes from (新华社福州3月11日电, 来源：青海日报), where a
    meeting was held (在成都召开), or names an organisation the money is passed on through (channel)."""
    rules = _rules()
    return bool(
        place.data.get("role_hint") == "channel"
        or rules.venue_after.match(text, place.end, min(len(text), place.end + 30))
        or rules.venue_before.search(text, max(0, place.start - 8), place.start)
        or is_venue_around(text, place)
    )


def _sector_from_text(text: str, sectors: list[Mention], records: list[CandidateRecord]) -> None:
    """A record whose sentence names no sector takes the sector of its paragraph (a headline joins the
    lead paragraph), else of the whole text. Then the paragraph's context may change a record's sector
    (``context_rules`` in sectors.json: food aid after a flood is emergency response)."""
    if not sectors:
        return
    whole: Mention | bool | None = False
    starts = [m.start for m in sectors]
    by_paragraph: dict[tuple[int, int], Mention | None] = {}
    for record in records:
        if record.sector is not None:
            continue
        lo, hi = _paragraph(text, record.amounts[0].span.start)
        if (lo, hi) not in by_paragraph:  # the sectors starting in the paragraph, found once
            by_paragraph[lo, hi] = dominant_sector_hit(
                sectors[bisect_left(starts, lo) : bisect_left(starts, hi)], lo, hi, text
            )
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
            lo, hi = _paragraph(text, record.amounts[0].span.start)
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


_FOLDED_FIELDS = ("donor", "recipient", "sector", *COUNT_FIELDS.values())


def _fold(kept: CandidateRecord, repeat: CandidateRecord) -> None:
    """The same amount named again (headline and body): one record, with the fields only the repeat
    names (its year, recipient, sector …) and both evidence spans."""
    kept.evidence["amount"].extend(repeat.evidence["amount"])
    if kept.amounts[0].currency == UNKNOWN_CURRENCY:  # the headline's 825 million is the body's $825 million
        kept.amounts[0].currency = repeat.amounts[0].currency
    if kept.year_start is None and repeat.year_start is not None:
        kept.year_start, kept.year_end = repeat.year_start, repeat.year_end
        kept.evidence["year"] = list(repeat.evidence.get("year", []))
    for field in _FOLDED_FIELDS:
        if field == "donor" and kept.record_kind is RecordKind.AGGREGATE:
            continue  # many donors: no single one, whatever the repeat names
        if getattr(kept, field) is None and getattr(repeat, field) is not None:
            setattr(kept, field, getattr(repeat, field))
            if field in repeat.evidence:
                kept.evidence[field] = list(repeat.evidence[field])
    if kept.amounts[0].kind is AmountKind.UNKNOWN and repeat.amounts[0].kind is not AmountKind.UNKNOWN:
        kept.amounts[0].kind = repeat.amounts[0].kind
        if "amount_kind" in repeat.evidence:
            kept.evidence["amount_kind"] = list(repeat.evidence["amount_kind"])
    for field in ("flow_type", "project_status"):  # the body's cue beats the headline's default
        if field not in kept.evidence and field in repeat.evidence:
            setattr(kept, field, getattr(repeat, field))
            kept.evidence[field] = list(repeat.evidence[field])


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _paragraph(text: str, position: int) -> tuple[int, int]:
    """The paragraph (text between blank lines) holding ``position``; a headline (the text's first
    paragraph when it is one short line) belongs to the paragraph after it."""
    starts, ends = _paragraphs(text)
    i = max(0, bisect_left(ends, position + 1) if position < len(text) else len(ends) - 1)
    i = min(i, len(ends) - 1)
    start, end = starts[i], ends[i]
    if i == 0 and len(ends) > 1 and "\n" not in text[:end].strip() and end < 300:
        end = ends[1]  # the headline joins the lead paragraph
    elif i == 1 and "\n" not in text[: ends[0]].strip() and ends[0] < 300:
        start = 0
    return start, end


_last_paragraphs: tuple[str, tuple[list[int], list[int]]] | None = None


def _paragraphs(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of the text's paragraphs, made once per text."""
    global _last_paragraphs
    last = _last_paragraphs
    if last is not None and last[0] is text:
        return last[1]
    starts, ends = [0], []
    for match in _PARAGRAPH_BREAK.finditer(text):
        ends.append(match.start())
        starts.append(match.end())
    ends.append(len(text))
    _last_paragraphs = (text, (starts, ends))
    return starts, ends


_CLAUSE_BREAK = re.compile(r"[,，;；:：]")


def _clause(text: str, amount: Mention, segment: tuple[int, int]) -> tuple[int, int]:
    """The comma-delimited clause around ``amount``, inside ``segment``."""
    start = segment[0]
    for match in _CLAUSE_BREAK.finditer(text, segment[0], amount.start):
        start = match.end()
    after = _CLAUSE_BREAK.search(text, amount.end, segment[1])
    return start, after.start() if after else segment[1]


def _extend_to_now(record: CandidateRecord, sentence_text: str, reference: dt.date | None) -> None:
    """A cumulative total counted from one past year (自2010年…启动以来, since the round began in 2010)
    runs to the reference year."""
    if reference is None or record.year_start is None or record.year_end != record.year_start:
        return
    if record.year_start < reference.year and (
        _rules().since_words.zh.search(sentence_text) or _rules().since_words.en.search(sentence_text)
    ):
        record.year_end = reference.year


def _inside(spans: list[Span], sentence: Span) -> bool:
    return any(sentence.start <= span.start < sentence.end for span in spans)


def _fill_record_kind(
    record: CandidateRecord, sentence_text: str, in_sentence: list[Mention], kind: AmountKind, sentence: Span
) -> None:
    """Aggregate (many donors or the whole region), programme (a bundle or a period plan) or project."""
    rules = _rules()
    aggregate = rules.aggregate.zh.search(sentence_text) or rules.aggregate.en.search(sentence_text)
    if aggregate or (record.recipient == "新疆维吾尔自治区" and record.donor is None):
        record.record_kind = RecordKind.AGGREGATE
        record.flags["aggregate_cue"] = aggregate.group() if aggregate else "region-wide"
        region = next(
            (m for m in in_sentence if m.kind is MentionKind.PLACE and m.data.get("level") == "region"), None
        )
        if region is not None:  # "19 provinces … in Xinjiang": the whole region receives
            record.recipient = region.data.get("name")
            record.evidence["recipient"] = [region.span]
        elif aggregate and not _inside(record.evidence.get("recipient", []), sentence):
            # 19个援疆省市…到疆110亿元: all donors of a programme give to its region
            record.recipient = _programme_region(sentence_text)
            record.evidence.pop("recipient", None)
        if aggregate and record.donor is not None and "donor" not in record.flags.get("inferred", []):
            record.donor = None  # many donors: no single one
            record.evidence.pop("donor", None)
    elif (record.n_projects and record.n_projects > 1) or (
        record.year_end
        and record.year_start
        and record.year_end > record.year_start
        and kind is not AmountKind.CUMULATIVE
    ):
        record.record_kind = RecordKind.PROGRAMME
    elif project := rules.project.zh.search(sentence_text) or rules.project.en.search(sentence_text):
        record.record_kind = (
            RecordKind.PROJECT
        )  # 该项目投入北京援疆资金…: one project despite the fund's name
        record.flags["project_cue"] = project.group()
    elif (
        kind is AmountKind.CUMULATIVE
        or rules.programme.zh.search(sentence_text)
        or rules.programme.en.search(sentence_text)
    ):
        record.record_kind = RecordKind.PROGRAMME


def _link_share(record: CandidateRecord, parent: CandidateRecord, parent_index: int) -> None:
    """A share points at its parent and takes the parent's parties, period and sector where it names none."""
    record.parent_index = parent_index
    record.amounts[0].share_of = parent_index
    for field in ("donor", "recipient", "year_start", "year_end", "sector"):
        if getattr(record, field) is None and getattr(parent, field) is not None:
            setattr(record, field, getattr(parent, field))
            if field in parent.evidence:
                record.evidence.setdefault(field, list(parent.evidence[field]))
    if parent.record_kind is not RecordKind.PROJECT and not record.flags.get("project_cue"):
        record.record_kind = parent.record_kind


def _fill_counts(record: CandidateRecord, in_sentence: list[Mention], amount: Mention) -> None:
    for count in _nearest([m for m in in_sentence if m.kind is MentionKind.COUNT], amount):
        field = COUNT_FIELDS.get(count.what or "")
        if field and getattr(record, field) is None and count.value is not None:
            setattr(record, field, int(count.value))
            record.evidence[field] = [count.span]


def _fill_parties(
    record: CandidateRecord,
    text: str,
    places: list[Mention],
    segment: tuple[int, int],
    sentence_end: int,
    amount: Mention,
    context: _Context,
    parent: CandidateRecord | None,
) -> None:
    """Donor and recipient of one amount.

    The donor is the nearest donor-side place in the sentence, else the article's main donor (never
    China for a place in China). The recipient comes from the amount's own stretch of the sentence, else
    (for a share) its parent, else the rest of the sentence; several named places give the smallest place
    holding them all. A group of receivers named in the sentence (受灾国家, three listed countries) leaves
    it empty; else :func:`_fallback_recipient` stands in. A province the article writes with a place
    inside it (四川雅安芦山) stands for that place (parties.chain_tails).
    """
    near = _pick_parties(places, amount.start, text)
    donor = near.donor or context.main.donor
    donor_name = donor.data.get("name") if donor is not None else None
    if donor is not None:
        record.donor = donor_name
        record.evidence["donor"] = [donor.span]
    inferred: list[str] = []
    blocked = {donor_name, *ancestors_of(donor_name)} if donor_name else set()  # 泰州, a city in 江苏
    candidates = [
        m for m in places if _side(m) != "donor" and not _is_china(m) and m.data.get("name") not in blocked
    ]
    own = _own_scope(text, amount, segment, next_in_sentence=segment[1] < sentence_end)
    recipient, spans = _recipient_of(text, [m for m in candidates if own[0] <= m.start < own[1]])
    if (
        parent is not None
        and parent.recipient is not None
        and (recipient is None or recipient in ancestors_of(parent.recipient))
    ):
        recipient, spans = parent.recipient, list(parent.evidence.get("recipient", []))  # a share is no wider
    if recipient is None and not spans:
        recipient, spans = _recipient_of(text, candidates)
    if recipient is None and not spans and (group := group_recipient(text, segment[0], sentence_end)):
        spans = [group]  # 向有关受灾国家提供, to the Horn of Africa: many receivers, none stands in
    if recipient is None and not spans:
        recipient, spans, inferred_recipient = _fallback_recipient(
            text, amount, segment, sentence_end, record, donor_name, blocked, near, context
        )
        if inferred_recipient:
            inferred.append("recipient")
    if recipient == _XINJIANG and donor_name and (paired := _only_pairing(donor_name)):
        recipient, spans = paired, []  # 湖南 in Xinjiang: Hunan aids Turpan only
        inferred.append("recipient")
    if recipient is not None and recipient == donor_name:  # 澳门各界…捐款: the giver does not receive
        recipient, spans = _programme_region(text[segment[0] : sentence_end]), []
    if recipient is None and not spans and record.donor and _is_china_name(record.donor):
        recipient = currency_country(amount.currency)  # China grants 3 million TOP: to Tonga
        if recipient is not None:
            inferred.append("recipient")
    if recipient is not None and record.donor and (tail := context.tails.get(recipient)) is not None:
        recipient, spans = tail.data.get("name"), sorted([*spans, tail.span], key=lambda sp: sp.start)
    if recipient is None:
        spans = []
    if recipient is not None:
        record.recipient = recipient
        if spans:
            record.evidence["recipient"] = spans
    if record.donor and _is_china_name(record.donor) and recipient is not None and place_in_china(recipient):
        if (
            context.foreign is not None
        ):  # China aids the foreign country; 云南 or 广东 is where help comes from
            record.recipient = context.foreign.data.get("name")
            record.evidence["recipient"] = [context.foreign.span]
        else:  # Chinese provinces…Xinjiang: China does not aid its own regions, its provinces do
            record.donor = None
            record.evidence.pop("donor", None)
    if record.recipient and record.donor is None:
        rows = donors_for(record.recipient)
        if len({r.donor for r in rows}) == 1:
            record.donor = rows[0].donor
            inferred.append("donor")
    if inferred:
        record.flags["inferred"] = inferred
    if (
        record.donor
        and record.recipient
        and not _is_china_name(record.donor)
        and place_is_xinjiang(record.recipient)
        and not is_paired(record.donor, record.recipient)
    ):
        record.flags["pairing_unknown"] = True  # a pair not in the table is flagged, not dropped


def _fallback_recipient(
    text: str,
    amount: Mention,
    segment: tuple[int, int],
    sentence_end: int,
    record: CandidateRecord,
    donor_name: str | None,
    blocked: set[str | None],
    near: _Parties,
    context: _Context,
) -> tuple[str | None, list[Span], bool]:
    """The recipient of an amount whose sentence names none: (name, evidence, inferred from the table).

    In order: the second of two donor-side places (江苏省与陕西省协作), an anaphora (该县), the lead record's
    or the article's recipient when the donor aids it, the donor's only pairing, the area of the donor's
    pairings when the article's place in Xinjiang is not one the donor aids (山东援疆 in an article about
    深圳 and 塔县 → 喀什地区), the lead or main recipient, and the programme word (援疆 → 新疆)."""
    main, lead = context.main, context.lead
    if near.recipient is not None and near.recipient.data.get("name") not in blocked:
        return near.recipient.data.get("name"), [near.recipient.span], False  # 江苏省与陕西省协作
    recipient, spans = _anaphora(text, amount, segment, context.places)
    if recipient is not None and recipient not in blocked:  # "the province" that gives is no recipient
        return recipient, spans, False
    fallbacks: list[tuple[str, list[Span]]] = []
    if lead is not None and lead.recipient and lead.donor == record.donor:
        fallbacks.append((lead.recipient, list(lead.evidence.get("recipient", []))))
    if main.recipient is not None:
        fallbacks.append((main.recipient.data.get("name", ""), [main.recipient.span]))
    if donor_name:  # the article's own place when the donor aids it
        paired = next((f for f in fallbacks if _aids(donor_name, f[0])), None)
        if paired is not None:
            return paired[0], paired[1], False
    programme = _programme_region(text[segment[0] : sentence_end])
    elsewhere = (programme not in (None, _XINJIANG)) or bool(
        fallbacks and not place_is_xinjiang(fallbacks[0][0])
    )
    if donor_name and not elsewhere:  # the table covers 援疆 only
        only = _only_pairing(donor_name)
        if only is not None:
            return only, [], True
        if fallbacks and (area := pairing_area(donor_name)) is not None:
            return area, [], True  # the article's place is in Xinjiang but not one this donor aids
    if fallbacks:
        return fallbacks[0][0], fallbacks[0][1], False
    return programme or _text_programme_region(text), [], False


_ZH_CLAUSE_END = re.compile(r"[，,；;。、！？]")


def _own_scope(
    text: str, amount: Mention, segment: tuple[int, int], next_in_sentence: bool
) -> tuple[int, int]:
    """Where the places of this amount are named: since the previous amount, and after it up to the
    next amount (English: "… 1.1 billion yuan will go to Shache, Zepu and Bachu") or, in Chinese, up
    to the end of its clause (其中博州三点六亿元、第五师…)."""
    end = segment[1]
    if next_in_sentence and _CJK.search(text, max(segment[0], amount.start - 4), amount.end):
        stop = _ZH_CLAUSE_END.search(text, amount.end, end)
        end = stop.start() if stop else end
    return segment[0], end


_ETC_AFTER = re.compile(r"[^，。；,;！？!?\n]{0,12}?等")


def _recipient_of(text: str, places: list[Mention]) -> tuple[str | None, list[Span]]:
    """The one place that receives, from the places named around an amount.

    A place inside another named one wins (喀什地区 … 塔县 → 塔县); a place followed by 等 (百色、河池等地)
    stands for its parent; several places give the smallest place holding them all, two far apart the
    first named. Three or more countries written as one list give no recipient, with their spans:
    (None, spans) is such a group.
    """
    named: dict[str, list[Span]] = {}
    etc_lists: dict[int, list[Mention]] = {}  # places listed before one 等, by its position
    for place in places:
        etc = _ETC_AFTER.match(text, place.end)
        if etc is not None:
            etc_lists.setdefault(etc.end(), []).append(place)
        else:
            named.setdefault(place.data.get("name", ""), []).append(place.span)
    standing_in: dict[str, list[Span]] = {}
    for listed in etc_lists.values():
        listed = [m for m in listed if m.data.get("name") not in named]  # named plainly elsewhere too
        names = list(dict.fromkeys(m.data.get("name", "") for m in listed))
        if len(names) > 1:  # 固原市、吴忠市等地: the place holding them
            stand_in = smallest_common_place(names)
        else:  # 百色等地: somewhere in 百色's province
            stand_in = listed[0].data.get("parent") if listed else None
        if stand_in:
            standing_in.setdefault(stand_in, []).extend(m.span for m in listed)
    if not named and not standing_in:
        return None, []
    spans_of = {**standing_in, **named}
    chosen = [n for n in named if not any(n in ancestors_of(other) for other in named if other != n)]
    chosen += [n for n in standing_in if n not in chosen]
    if len(chosen) == 1:
        return chosen[0], spans_of[chosen[0]]
    spans = sorted((span for n in chosen for span in spans_of[n]), key=lambda s: s.start)
    common = smallest_common_place(chosen)
    if common is None and all(_country_name(n) for n in chosen) and _enumerated(text, spans) >= 3:
        return None, spans  # India, Indonesia, Thailand…: a list of countries, no single recipient
    if common is None:  # places far apart: the first named
        first = min(chosen, key=lambda n: spans_of[n][0].start)
        return first, spans_of[first]
    return common, spans


_LIST_GAP = re.compile(r"\s*(?:[,，、]\s*(?:and\s+)?|and\s+|和|及|与)\s*")


def _enumerated(text: str, spans: list[Span]) -> int:
    """The longest run of places written as one list (``India, Indonesia, Thailand and Maldives``)."""
    best = run = 1
    for before, after in pairwise(spans):
        run = run + 1 if _LIST_GAP.fullmatch(text, before.end, after.start) else 1
        best = max(best, run)
    return best if spans else 0


@cache  # the gazetteer does not change while the process runs
def _country_name(name: str) -> bool:
    place = lookup_place(name)
    return bool(place and place.level == "country")


def _anaphora(
    text: str, amount: Mention, segment: tuple[int, int], places: _PlacesByLevel
) -> tuple[str | None, list[Span]]:
    """``the prefecture`` / ``该县`` near the amount: the latest place of that level named before it."""
    scope = text[segment[0] : segment[1]]
    for phrase, levels in _rules().anaphora.items():
        if phrase in scope or phrase in scope.lower():
            earlier = places.latest_before(levels, amount.start)
            if earlier is not None:
                return earlier.data.get("name"), [earlier.span]
    return None, []


@cache  # the gazetteer does not change while the process runs
def _aids(donor: str, place: str) -> bool:
    """Whether the pairing table has the donor aiding this place or a place inside it."""
    if is_paired(donor, place):
        return True
    return any(place in ancestors_of(row.recipient) for row in pairing_for(donor, include_parents=True))


@cache  # the gazetteer does not change while the process runs
def _only_pairing(donor: str) -> str | None:
    """The donor's recipient when the pairing table gives exactly one place (扬州市 → 新源县; 湖南省 →
    吐鲁番市, whose counties it aids through the prefecture)."""
    rows = pairing_for(donor)
    specific = [r for r in rows if r.certainty in ("direct", "derived")] or rows
    names = {r.recipient for r in specific}
    widest = [n for n in names if not any(a in names for a in ancestors_of(n))]  # 吐鲁番市, not its counties
    return widest[0] if len(widest) == 1 else None


_last_programme: tuple[str, str | None] | None = None


def _text_programme_region(text: str) -> str | None:
    """:func:`_programme_region` of a whole article, found once per text."""
    global _last_programme
    last = _last_programme
    if last is not None and last[0] is text:
        return last[1]
    region = _programme_region(text)
    _last_programme = (text, region)
    return region


def _programme_region(text: str) -> str | None:
    """The region a programme word names (援疆 → 新疆维吾尔自治区), if any."""
    for word, region in _rules().programme_regions.items():
        if word in text:
            return region
    return None


def _is_china_name(name: str) -> bool:
    return name == "中国"


@cache  # the gazetteer does not change while the process runs
def place_is_xinjiang(name: str) -> bool:
    """Whether a canonical place name lies in Xinjiang (the pairing table covers only those)."""
    place = lookup_place(name)
    return bool(place and place.id.startswith("xj-"))


def _fill_sector(
    record: CandidateRecord,
    sectors: list[Mention],
    sector_starts: list[int],
    sentence: Span,
    amount: Mention,
    clause: tuple[int, int],
    until: int,
    text: str,
) -> None:
    """The sector of the amount's own clause (教育领域安排1.92亿元，…), else of the words between the
    amount and the next one, else of the whole sentence. A list of sectors of several groups from the
    clause on (``$10 million for health, education and roads``) is one multi-sector sector."""
    in_sentence = sectors[
        bisect_left(sector_starts, sentence.start) : bisect_left(sector_starts, sentence.end)
    ]
    if not in_sentence:
        return
    sector = (
        sector_list(in_sentence, clause[0], until, text)  # covers lists in the clause and the segment
        or dominant_sector_hit(in_sentence, clause[0], clause[1])
        or dominant_sector_hit(in_sentence, amount.start, until)
        or dominant_sector_hit(in_sentence, sentence.start, sentence.end, text)
    )
    if sector is not None:
        record.sector = sector.data.get("code")
        record.evidence["sector"] = [sector.span]


def _find_duplicate(
    records: list[CandidateRecord],
    record: CandidateRecord,
    title_end: int = 0,
    candidates: list[int] | None = None,
) -> int | None:
    """The record ``record`` repeats: same value, currency and period. A headline amount without a
    currency (``ICBC loans 825 million``, before ``title_end``) repeats the body's ``$825 million``.
    ``candidates``: the indices (ascending) of the records that may repeat it (default: all)."""
    new = record.amounts[0]
    for index in range(len(records)) if candidates is None else candidates:
        other = records[index]
        old = other.amounts[0]
        if (old.value, old.value_max) != (new.value, new.value_max):
            continue
        if old.currency != new.currency and not (
            UNKNOWN_CURRENCY in (old.currency, new.currency) and old.span.start < title_end
        ):
            continue
        if (other.year_start, other.year_end) != (record.year_start, record.year_end) and None not in (
            other.year_start,
            record.year_start,
        ):
            continue
        if AmountKind.UNKNOWN not in (old.kind, new.kind) and old.kind is not new.kind:
            continue
        return index
    return None


def evidence_spans(record: CandidateRecord) -> list[tuple[str, Span]]:
    """(field, span) pairs of a candidate record, in field order."""
    return [(field, span) for field, spans in record.evidence.items() for span in spans]
