"""Sector keyword mentions (kind SECTOR) mapped to OECD DAC/CRS purpose codes.

The keyword → code table lives in ``resources/rules/sectors.json``. One Aho-Corasick automaton runs
over the text (folded to lower case for English, offsets unchanged): Chinese keywords match as
substrings, English ones on word boundaries; the longest non-overlapping hit wins and stop phrases
(``道路自信``, ``Belt and Road``) remove the keywords they cover. ``dominant_sector`` picks the code
best supported inside a span, with the hits that fired as evidence.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from operator import attrgetter
from typing import Any

from aidcurator.domain import Mention, MentionKind
from aidcurator.extract.fastre import alternation
from aidcurator.extract.keyscan import KeyAutomaton
from aidcurator.extract.places import fold_text, squeeze_cjk_gaps
from aidcurator.resources import resource_path

__all__ = [
    "context_sector",
    "dominant_sector",
    "dominant_sector_hit",
    "find_sectors",
    "sector_group",
    "sector_keys",
    "sector_list",
]

_RULES_FILE = ("rules", "sectors.json")
_BY_POSITION = attrgetter("start", "end")


@dataclass(frozen=True, slots=True)
class _Rule:
    keyword: str
    group: str
    code: str
    code5: str | None
    label: str
    label5: str | None
    weight: float
    borderline: bool
    latin: bool
    stop: bool

    def data(self) -> dict[str, Any]:
        """A sector mention's ``data`` for this rule."""
        return {
            "group": self.group,
            "code": self.code,
            "code5": self.code5,
            "label": self.label,
            "label5": self.label5,
            "keyword": self.keyword,
            "weight": self.weight,
            "borderline": self.borderline,
        }


def _is_latin(word: str) -> bool:
    return any("a" <= c <= "z" or "A" <= c <= "Z" for c in word)


def _is_word_char(c: str) -> bool:
    return c.isalnum() and ord(c) < 0x2E80


@cache
def _raw_rules() -> dict[str, Any]:
    with resource_path(*_RULES_FILE).open(encoding="utf-8") as fh:
        return json.load(fh)


@cache
def _min_score() -> float:
    """The summed keyword weight a sector needs to be chosen (a lone outcome word such as
    ``jobs`` in "creating 8,000 jobs" is not the purpose of the money)."""
    return float(_raw_rules().get("min_score", 0.0))


@cache
def _automaton() -> KeyAutomaton:
    """The keyword automaton; values are ``_Rule`` objects (made when first searched alone)."""
    return KeyAutomaton(_key_table().items())


def sector_keys() -> list[tuple[str, Any]]:
    """Every keyword (lower case) with the value :func:`find_sectors` reads in ``key_hits``."""
    return list(_key_table().items())


@cache
def _key_table() -> dict[str, _Rule]:
    """Keyword (lower case) → its rule, plurals of English words and stop phrases included."""
    where = "/".join(_RULES_FILE)
    raw = _raw_rules()
    labels: dict[str, str] = raw["labels"]
    labels5: dict[str, str] = raw.get("labels5", {})
    split = frozenset(str(c) for c in raw.get("split_by_code5", []))
    table: dict[str, _Rule] = {}
    plurals: dict[str, _Rule] = {}
    for n, rule in enumerate(raw["rules"]):
        code, code5 = str(rule.get("code", "")), rule.get("code5")
        if code not in labels:
            raise ValueError(f"{where}: rule {n}: code {code!r} has no label")
        if code5 is not None and (str(code5)[:3] != code or str(code5) not in labels5):
            raise ValueError(f"{where}: rule {n}: code5 {code5!r} must start with {code} and have a label")
        words = [*rule.get("zh", []), *rule.get("en", [])]
        if not words:
            raise ValueError(f"{where}: rule {n} has no keywords")
        for word in words:
            form, latin = word.lower(), _is_latin(word)
            if form in table:
                raise ValueError(f"{where}: keyword {word!r} appears twice")
            entry = _Rule(
                keyword=form,
                group=str(code5) if code in split and code5 is not None else code,
                code=code,
                code5=str(code5) if code5 is not None else None,
                label=labels[code],
                label5=labels5.get(str(code5)) if code5 is not None else None,
                weight=float(rule.get("weight", 1.0)),
                borderline=bool(rule.get("borderline", False)),
                latin=latin,
                stop=False,
            )
            table[form] = entry
            if latin and not form.endswith("s"):
                plurals.setdefault(form + "s", entry)
    for form, entry in plurals.items():
        if form not in table:
            table[form] = _Rule(
                form,
                entry.group,
                entry.code,
                entry.code5,
                entry.label,
                entry.label5,
                entry.weight,
                entry.borderline,
                True,
                False,
            )
    for word in [*raw["stop"].get("zh", []), *raw["stop"].get("en", [])]:
        form = word.lower()
        table.setdefault(form, _Rule(form, "", "", None, "", None, 0.0, False, _is_latin(word), True))
    return table


_DATA: dict[int, tuple[_Rule, dict[str, Any]]] = {}  # id of a rule -> the rule (kept alive) and its data


def _data(rule: _Rule) -> dict[str, Any]:
    """The ``data`` of ``rule``'s mentions: one dict shared by all of them (mentions are values, never
    changed in place), so a long text's thousands of sector hits do not each hold a copy."""
    found = _DATA.get(id(rule))
    if found is None or found[0] is not rule:
        found = _DATA[id(rule)] = (rule, rule.data())
    return found[1]


@cache
def _titles() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Words that make a sector word part of a person's title (``Foreign Affairs Minister``,
    ``Minister of Health``, ``Minister of Economy, Trade and Energy``): matched at the end of the text
    before it (up to three words of the office between) and at the start of the text after."""
    raw = _raw_rules().get("titles_en", {})
    before = alternation(raw.get("before", [])) or "(?!)"
    after = alternation(raw.get("after", [])) or "(?!)"
    return (
        re.compile(rf"(?<![a-z])(?:{before})\s+(?:the\s+)?(?:[a-z-]+,?\s+(?:and\s+)?){{0,3}}\Z"),
        re.compile(rf"\s+(?:{after})(?![a-z])"),
    )


def _in_title(low: str, start: int, end: int) -> bool:
    """Whether the English sector word at ``[start, end)`` of ``low`` names a minister's office."""
    before, after = _titles()
    return bool(after.match(low, end) or before.search(low, max(0, start - 40), start))


@cache
def _title_words() -> tuple[str, ...]:
    """Words one of which every title phrase holds (a phrase holding another phrase of the lists is left
    out): where none is in a text, no sector word of it is part of a title."""
    raw = _raw_rules().get("titles_en", {})
    words = {w.lower() for w in (*raw.get("before", []), *raw.get("after", []))}
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


def _may_name_titles(low: str) -> bool:
    """Whether ``low`` (a lower-cased text) holds a word of a title phrase at all."""
    return any(word in low for word in _title_words())


def find_sectors(text: str, *, key_hits: list[tuple[int, Any]] | None = None) -> list[Mention]:
    """Sector keyword mentions in ``text`` (kind SECTOR), in text order.

    ``key_hits``: where the keywords of :func:`sector_keys` occur in the squeezed, folded text, as
    ``KeyAutomaton.iter`` gives them, when already found (see :mod:`~aidcurator.extract.keywords`).

    ``data`` = {"code": "111", "code5": "11120" | None, "label", "label5", "keyword" (the rule
    keyword that matched, lower-cased for English), "group" (what ``dominant_sector`` ranks: the
    code, or the code5 for catch-all categories such as 160), "weight", "borderline"}.
    """
    if not text:
        return []
    original, squeezed = text, squeeze_cjk_gaps(text)
    text = squeezed.text
    low = fold_text(text)  # lower case, same offsets
    n = len(text)
    # (start, -length, not a stop phrase, end, rule): sorted as tuples, leftmost-longest with stop
    # phrases first among equals (equal starts and lengths are the same keyword, so the same rule)
    hits: list[tuple[int, int, bool, int, _Rule]] = []
    append = hits.append
    for last, rule in _automaton().iter(low) if key_hits is None else key_hits:
        length = len(rule.keyword)
        start = last - length + 1
        if rule.latin and (
            (start and _is_word_char(low[start - 1])) or (last + 1 < n and _is_word_char(low[last + 1]))
        ):
            continue
        append((start, -length, not rule.stop, last + 1, rule))
    hits.sort()
    mentions: list[Mention] = []
    last_end = -1
    shifted = bool(squeezed.breaks)
    titles = None  # whether the text names a title at all, found when a Latin word first asks
    same: dict[str, str] = {}  # one str object per distinct keyword as written (long texts repeat them)
    for start, _, _, end, rule in hits:
        if start < last_end:
            continue
        last_end = end
        if rule.stop:
            continue
        if rule.latin:
            if titles is None:
                titles = _may_name_titles(low)
            if titles and _in_title(low, start, end):
                continue
        if shifted:
            start, end = squeezed.start(start), squeezed.end(end)
        written = original[start:end]
        mentions.append(
            Mention(
                kind=MentionKind.SECTOR,
                start=start,
                end=end,
                text=same.setdefault(written, written),
                data=_data(rule),
            )
        )
    return mentions


def dominant_sector_hit(
    mentions: list[Mention], start: int, end: int, text: str | None = None
) -> Mention | None:
    """The hit :func:`dominant_sector` would return, without its summary data (cheaper). With the
    ``text``, a list of sectors of different groups (``for agriculture, health and education``)
    inside the span is one multi-sector mention (:func:`sector_list`)."""
    if text is not None:
        listed = sector_list(mentions, start, end, text)
        if listed is not None:
            return listed
    won = _winner(mentions, start, end, start)
    return won[1] if won is not None else None


@dataclass(frozen=True, slots=True)
class _ListRule:
    code: str
    label: str
    min_groups: int
    min_weight: float
    joiners: frozenset[str]
    min_groups_with_noun: int
    noun_after: re.Pattern[str]  # matched right after the list's last word, or searched at its end


@cache
def _list_rule() -> _ListRule | None:
    raw = _raw_rules().get("multisector")
    if not raw:
        return None
    code = str(raw["code"])
    return _ListRule(
        code=code,
        label=_raw_rules()["labels"][code],
        min_groups=int(raw["min_groups"]),
        min_weight=float(raw["min_weight"]),
        joiners=frozenset(" ".join(j.lower().split()) for j in raw["joiners"]),
        min_groups_with_noun=int(raw["min_groups_with_noun"]),
        noun_after=re.compile(
            rf"(?i)(?:\s+(?:[a-z-]+\s+)?(?:{alternation(raw['nouns_en'])})\b|等?(?:{alternation(raw['nouns_zh'])}))"
            rf"|(?<=\s)(?:{alternation(raw['nouns_en'])})\Z"
        ),
    )


_Won = tuple[list[Mention], Mention, float] | None


def _leads(won: _Won, run: list[Mention]) -> bool:
    """Whether the sector that wins the span on its own (``won``) is one of the list's (a stronger cue
    elsewhere, such as *rebuild* before ``schools and health posts``, keeps its sector)."""
    return won is None or any(m.data.get("group") == won[1].data.get("group") for m in run)


def sector_group(code: str) -> str:
    """The DAC sector group of a purpose code: 111 and 114 are 110 (education), 720 and 730 are 700."""
    return code[0] + "00" if code[:1] in ("6", "7") else code[:2] + "0"


def sector_list(mentions: list[Mention], start: int, end: int, text: str) -> Mention | None:
    """A list of sector words of different DAC groups joined by commas or ``and``/``、``/``和``
    (``agriculture, health and education``; ``hospitals, energy and water``) inside ``[start, end)``:
    money for several sectors at once, the rule file's multi-sector code (``multisector`` in
    sectors.json). The mention spans the list; None when there is no such list."""
    rule = _list_rule()
    if rule is None:
        return None
    starts, hits_by_start = _sector_index(mentions)
    hits = [
        m
        for m in hits_by_start[bisect_left(starts, start) : bisect_left(starts, end)]
        if m.end <= end and m.data.get("weight", 1.0) >= rule.min_weight
    ]
    if len(hits) < rule.min_groups_with_noun or len({sector_group(m.data["code"]) for m in hits}) < 2:
        return None
    run = [hits[0]]
    won: list[_Won] = []  # the span's winner on its own, found once when a list first needs it
    least = min(rule.min_groups, rule.min_groups_with_noun)
    for hit in [*hits[1:], None]:
        if hit is not None and " ".join(text[run[-1].end : hit.start].lower().split()) in rule.joiners:
            run.append(hit)
            continue
        if len(run) < least:  # n hits name at most n groups: too few for a list
            groups = []
        else:
            groups = [g for g in dict.fromkeys(sector_group(m.data["code"]) for m in run) if g != rule.code]
        enough = len(groups) >= rule.min_groups or (
            len(groups) >= rule.min_groups_with_noun
            and (
                rule.noun_after.match(text, run[-1].end) is not None
                or rule.noun_after.search(text, run[-1].start, run[-1].end) is not None  # water projects
            )
        )
        if enough and not won:
            won.append(_winner(mentions, start, end, start))
        if enough and _leads(won[0], run):
            first, last = run[0], run[-1]
            data = {
                "group": rule.code,
                "code": rule.code,
                "code5": None,
                "label": rule.label,
                "label5": None,
                "keyword": " / ".join(dict.fromkeys(m.data["keyword"] for m in run)),
                "weight": sum(m.data.get("weight", 1.0) for m in run),
                "borderline": False,
                "listed": groups,
            }
            return Mention(
                kind=MentionKind.SECTOR,
                start=first.start,
                end=last.end,
                text=text[first.start : last.end],
                data=data,
            )
        if hit is not None:
            run = [hit]
    return None


# The last mention list asked about, with its sector hits sorted by start: record assembly asks
# about one article's list thousands of times, and a scan per question made long texts quadratic.
# One tuple, replaced whole, so threads never see a list paired with another list's index.
_last_index: tuple[list[Mention], int, list[int], list[Mention]] | None = None


def _sector_index(mentions: list[Mention]) -> tuple[list[int], list[Mention]]:
    global _last_index
    cached = _last_index
    if cached is not None and cached[0] is mentions and cached[1] == len(mentions):
        return cached[2], cached[3]
    hits = sorted((m for m in mentions if m.kind == MentionKind.SECTOR), key=_BY_POSITION)
    starts = [m.start for m in hits]
    _last_index = (mentions, len(mentions), starts, hits)
    return starts, hits


def _winner(
    mentions: list[Mention], start: int, end: int, pivot: int
) -> tuple[list[Mention], Mention, float] | None:
    """The winning sector's hits, its hit nearest ``pivot`` and its summed weight."""
    groups: dict[str, list[Mention]] = {}
    starts, hits_by_start = _sector_index(mentions)
    for m in hits_by_start[bisect_left(starts, start) : bisect_left(starts, end)]:
        if m.end <= end:
            groups.setdefault(m.data.get("group") or m.data["code"], []).append(m)
    if not groups:
        return None

    def distance(m: Mention) -> int:
        return 0 if m.start <= pivot < m.end else min(abs(m.start - pivot), abs(m.end - pivot))

    boosted = _boosted(groups, hits_by_start)  # the context: every hit of the list asked about

    def weight(m: Mention) -> float:
        return boosted.get(m.data["code"], m.data.get("weight", 1.0))

    if len(groups) == 1:
        hits = next(iter(groups.values()))
        score = sum(weight(m) for m in hits)
    else:  # the most weight; on a tie the hit nearest the pivot; then the first named
        totals = {code: sum(weight(m) for m in hits) for code, hits in groups.items()}
        score = max(totals.values())
        tied = [code for code, total in totals.items() if total == score]
        code = tied[0] if len(tied) == 1 else min(tied, key=lambda c: min(map(distance, groups[c])))
        hits = groups[code]
    if score < _min_score():
        return None
    best = hits[0] if len(hits) == 1 else min(hits, key=distance)
    return hits, best, score


@cache
def _boosts() -> tuple[tuple[str, frozenset[str], float], ...]:
    """(code, context codes, weight) of the rule file's ``boosts``."""
    return tuple(
        (str(b["code"]), frozenset(map(str, b["context_codes"])), float(b["weight"]))
        for b in _raw_rules().get("boosts", [])
    )


def _boosted(groups: dict[str, list[Mention]], context: list[Mention]) -> dict[str, float]:
    """The weight each hit of a boosted code takes in this span (code → weight), when ``context`` (the
    hits of the sentence or paragraph asked about) names one of its context codes."""
    boosts = _boosts()
    if not boosts or len(groups) < 2:
        return {}
    codes = {m.data["code"] for hits in groups.values() for m in hits}
    wanted = [(code, ctx, w) for code, ctx, w in boosts if code in codes]
    if not wanted:
        return {}
    around = {m.data["code"] for m in context}
    return {code: w for code, ctx, w in wanted if around & ctx}


def dominant_sector(
    mentions: list[Mention], start: int, end: int, *, anchor: int | None = None
) -> Mention | None:
    """The sector best supported by the SECTOR mentions inside ``[start, end)``.

    Sectors (``data["group"]``: the 3-digit code, or the 5-digit one for catch-all categories) are
    ranked by summed keyword weight (most hits), then by the distance of their nearest hit to
    ``anchor`` (default ``start``). The result is the winning sector's hit nearest the anchor, with
    extra data: "hits" (count), "score", "evidence" ([start, end] of every hit of that sector, in
    text order), "keywords" (distinct, in order) and "code5" set to the most supported 5-digit code.
    """
    pivot = start if anchor is None else anchor
    won = _winner(mentions, start, end, pivot)
    if won is None:
        return None
    hits, best, score = won

    def distance(m: Mention) -> int:
        return 0 if m.start <= pivot < m.end else min(abs(m.start - pivot), abs(m.end - pivot))

    code5_scores: dict[str, float] = {}
    for m in hits:
        if m.data.get("code5"):
            code5_scores[m.data["code5"]] = code5_scores.get(m.data["code5"], 0.0) + m.data.get("weight", 1.0)
    code5 = (
        min(
            code5_scores,
            key=lambda c: (-code5_scores[c], min(distance(m) for m in hits if m.data.get("code5") == c)),
        )
        if code5_scores
        else None
    )
    label5 = next((m.data.get("label5") for m in hits if m.data.get("code5") == code5), None)
    data = dict(best.data)
    data.update(
        {
            "code5": code5,
            "label5": label5,
            "hits": len(hits),
            "score": score,
            "evidence": [[m.start, m.end] for m in hits],
            "keywords": list(dict.fromkeys(m.data["keyword"] for m in hits)),
        }
    )
    return Mention(kind=MentionKind.SECTOR, start=best.start, end=best.end, text=best.text, data=data)


@cache
def _context_rules() -> tuple[tuple[frozenset[str], frozenset[str], str], ...]:
    """(codes, context keywords, code) of the rule file's ``context_rules``."""
    return tuple(
        (frozenset(map(str, r["codes"])), frozenset(w.lower() for w in r["context_keywords"]), str(r["code"]))
        for r in _raw_rules().get("context_rules", [])
    )


def context_sector(code: str, mentions: list[Mention], start: int, end: int) -> Mention | None:
    """The hit that changes a record's sector ``code`` in its context ``[start, end)`` (food given as
    emergency relief is emergency response): its ``data["code"]`` is the rule's new code. None when no
    ``context_rules`` entry applies."""
    rules = [(words, to) for codes, words, to in _context_rules() if code in codes]
    if not rules:
        return None
    starts, hits = _sector_index(mentions)
    for m in hits[bisect_left(starts, start) : bisect_left(starts, end)]:
        for words, to in rules:
            if m.data["keyword"] in words:
                return Mention(
                    kind=m.kind, start=m.start, end=m.end, text=m.text, data={**m.data, "code": to}
                )
    return None
