"""Parties of candidate records: organisations named near a record's amount, with their roles.

Only the paragraphs that hold a record's amount (and the headline) are searched, so articles
without records cost nothing. Each organisation joins the record whose amount is in its sentence,
else the nearest amount of its paragraph; a name in the headline joins the first record. Its role
is the nearest cue word of its sentence (``funded by X``, ``X承建``; ``resources/rules/
party_roles.json``), else the default of its gazetteer row or of its type. A name the gazetteer
does not know is kept only when a cue gives its role or it shares the amount's sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from typing import Any

from aidcurator.domain import Mention, MentionKind, Span
from aidcurator.domain.parties import CandidateParty
from aidcurator.domain.projects import PartyRole
from aidcurator.extract.fastre import after_first, alternation, any_case_first_chars
from aidcurator.extract.organisations import (
    OrgHit,
    organisation_rules,
    resolve_organisation,
    scan_organisations,
)
from aidcurator.extract.script import to_simplified
from aidcurator.extract.sentences import sentence_index

__all__ = ["attach_parties"]

_CJK = re.compile(r"[\u3400-\u9fff]")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_MASK = "\x00"
_ZH_CLAUSE = ("，", ",", "；", ";", "。")
_NEAR = 16  # how far before a name a place may qualify it (安哥拉财政部, 上海援疆前方指挥部)


@dataclass(frozen=True, slots=True)
class _CueSet:
    pattern: re.Pattern[str]
    roles: dict[str, tuple[PartyRole, frozenset[PartyRole] | None]]  # cue word -> (role, for which defaults)


@dataclass(frozen=True, slots=True)
class _Cues:
    adjacent: dict[bool, _CueSet]  # cues that count only right before the name
    before: dict[bool, _CueSet]  # keyed by "is Chinese"
    after: dict[bool, _CueSet]
    window: dict[bool, int]
    defaults: dict[str, dict[str, PartyRole]]
    cue_required: frozenset[str]
    not_parties: frozenset[str]


def _cue_set(cues: list[dict[str, Any]], side: str, chinese: bool) -> _CueSet:
    roles: dict[str, tuple[PartyRole, frozenset[PartyRole] | None]] = {}
    for cue in cues:
        if cue["side"] != side or cue.get("adjacent"):
            continue
        for word in cue["zh" if chinese else "en"]:
            roles.setdefault(word if chinese else word.lower(), (PartyRole(cue["role"]), _only_for(cue)))
    if chinese:
        return _CueSet(re.compile(alternation(roles)), roles)
    if not roles:
        return _CueSet(re.compile("(?!)"), roles)
    # ``(?i)(?<![A-Za-z])(?:words)(?![A-Za-z])`` opening with one character class of what the words' first
    # letters match in any case (the class outside the case-insensitive group): the regex engine skips
    # ahead to those in C instead of trying every word at every character of the window
    firsts, rest = any_case_first_chars(roles), after_first(roles)
    return _CueSet(re.compile(rf"[{firsts}](?i:(?<![A-Za-z].){rest}(?![A-Za-z]))"), roles)


def _only_for(cue: dict[str, Any]) -> frozenset[PartyRole] | None:
    """The default roles a cue may change (``only_for``; None: any)."""
    only = cue.get("only_for")
    return frozenset(PartyRole(r) for r in only) if only else None


def _adjacent_set(rules: dict[str, Any], chinese: bool) -> _CueSet:
    roles: dict[str, tuple[PartyRole, frozenset[PartyRole] | None]] = {}
    for cue in rules["cues"]:
        if cue.get("adjacent"):
            for word in cue["zh" if chinese else "en"]:
                roles.setdefault(word if chinese else word.lower(), (PartyRole(cue["role"]), _only_for(cue)))
    if not roles:
        return _CueSet(re.compile("(?!)"), roles)
    if chinese:
        return _CueSet(re.compile(f"(?:{alternation(roles)})$"), roles)
    gap = alternation(rules.get("adjacent_gap_en", []))
    not_after = "".join(f"(?<!{re.escape(word)} )" for word in rules.get("adjacent_not_after_en", []))
    return _CueSet(
        re.compile(rf"(?<![A-Za-z]){not_after}({alternation(roles)})(?:\s+(?:{gap}))?\s+$", re.IGNORECASE),
        roles,
    )


@cache
def _cues() -> _Cues:
    rules = organisation_rules()
    defaults = {
        side: {kind: PartyRole(role) for kind, role in table.items() if not kind.startswith("_")}
        for side, table in rules["default_roles"].items()
        if not side.startswith("_")
    }
    return _Cues(
        adjacent={zh: _adjacent_set(rules, zh) for zh in (False, True)},
        before={zh: _cue_set(rules["cues"], "before", zh) for zh in (False, True)},
        after={zh: _cue_set(rules["cues"], "after", zh) for zh in (False, True)},
        window={False: int(rules["window_en"]), True: int(rules["window_zh"])},
        defaults=defaults,
        cue_required=frozenset(rules.get("cue_required", {}).get("ids", ())),
        not_parties=frozenset(rules.get("not_parties", {}).get("ids", ())),
    )


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Blank-line paragraphs; a short one-line headline joins the paragraph after it."""
    spans, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    if len(spans) > 1 and "\n" not in text[: spans[0][1]].strip() and spans[0][1] < 300:
        spans[0:2] = [(spans[0][0], spans[1][1])]
    return spans


def attach_parties(text: str, mentions: list[Mention], records: list[Any]) -> None:
    """Fill ``record.parties`` of each candidate record (in place)."""
    if not records:
        return
    anchors = sorted(
        (span.start, index)
        for index, record in enumerate(records)
        for span in record.evidence.get("amount", [])
    )
    if not anchors:
        return
    simple = to_simplified(text)
    paragraphs = _paragraphs(simple)
    paragraph_starts = [start for start, _ in paragraphs]
    hits: list[OrgHit] = []
    for begin, stop in _ranges(paragraphs, paragraph_starts, anchors):  # only where records are
        hits.extend(scan_organisations(simple, begin, stop))
    if not hits:
        return
    anchor_starts = [start for start, _ in anchors]
    place_kind = MentionKind.PLACE  # (looked up once: an Enum member costs about 0.1 µs a time)
    places = [m for m in mentions if m.kind is place_kind]
    place_starts = [m.start for m in places]
    sentences = sentence_index(simple)
    cues = _cues()
    masked = _masked(simple, hits)
    for hit in hits:
        begin, stop = paragraphs[bisect_right(paragraph_starts, hit.start) - 1]
        here = anchors[bisect_left(anchor_starts, begin) : bisect_left(anchor_starts, stop)]
        if not here:
            continue
        near = places[bisect_left(place_starts, hit.start - _NEAR) : bisect_left(place_starts, hit.end)]
        resolve_organisation(simple, hit, near)
        sentence = sentences.of(hit.start)
        role, cue = _role(masked, hit, sentence, cues)
        in_sentence = [a for a in here if sentence.start <= a[0] < sentence.end]
        unknown_far = hit.org is None and not in_sentence
        org_id = hit.org.id if hit.org is not None else None
        needs_cue = unknown_far or org_id in cues.cue_required
        if (cue is None and needs_cue) or org_id in cues.not_parties:
            continue  # an unknown name needs a cue or the amount's sentence; a byline (新华社) is none
        _, index = min(in_sentence or here, key=lambda a: abs(a[0] - hit.start))
        if hit.org is not None and hit.org.generic and not _with_donor(hit, records[index]):
            continue  # 前方指挥部 of no named donor says nothing
        _add(records[index], _party(text, hit, role, cue))


def _with_donor(hit: OrgHit, record: Any) -> bool:
    """A generic role name (援疆前方指挥部) named after the record's donor place; False without one."""
    donor, code = record.donor, record.donor_code or ""
    if (
        not donor or not (code.startswith("cn-") or code.isdigit()) or hit.org is None
    ):  # (digits: a division code)
        return False
    hit.name_en, hit.name_zh = None, f"{donor}{hit.org.name_zh or ''}"
    return True


def _ranges(
    paragraphs: list[tuple[int, int]], starts: list[int], anchors: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The paragraphs holding an amount, neighbours merged into one range."""
    ranges: list[tuple[int, int]] = []
    last = -1
    for position, _ in anchors:
        i = bisect_right(starts, position) - 1
        if i == last:
            continue
        begin, stop = paragraphs[i]
        if ranges and i == last + 1:
            ranges[-1] = (ranges[-1][0], stop)
        else:
            ranges.append((begin, stop))
        last = i
    return ranges


def _masked(text: str, hits: list[OrgHit]) -> str:
    """The text with organisation names blanked (their words are no cues: 中国建设银行)."""
    parts, cursor = [], 0
    for hit in hits:
        parts.append(text[cursor : hit.start])
        parts.append(_MASK * (hit.end - hit.start))
        cursor = hit.end
    parts.append(text[cursor:])
    return "".join(parts)


def _default_role(hit: OrgHit, cues: _Cues) -> PartyRole:
    if hit.default_role is not None:
        return hit.default_role
    table = cues.defaults["china" if hit.country_code == "CHN" else "other"]
    return table.get(hit.org_type.value, PartyRole.IMPLEMENTING)


def _role(masked: str, hit: OrgHit, sentence: Span, cues: _Cues) -> tuple[PartyRole, Span | None]:
    """The role the nearest cue of the sentence gives (ties: the cue before the name), else the default.

    A cue with ``only_for`` counts only for a party whose default role is one of those: ``loan`` for a
    bank, a Chinese agency or a multilateral (``the Zambian Ministry of Finance loan`` does not make the
    ministry a funder), ``to`` not for a contractor (``awarded on 30 December to CSCEC``)."""
    around = masked[max(0, hit.start - 2) : hit.start] + masked[hit.end : hit.end + 2]
    chinese = bool((_CJK.search(hit.name_zh or "") and not hit.name_en) or _CJK.search(around))
    default = _default_role(hit, cues)
    window = cues.window[chinese]
    found: list[tuple[int, float, PartyRole, Span]] = []
    low_from = max(sentence.start, hit.start - window)
    if chinese:  # a Chinese cue is in the name's own clause
        low_from = max(low_from, *(masked.rfind(mark, low_from, hit.start) + 1 for mark in _ZH_CLAUSE))
    before_text = masked[low_from : hit.start]
    before = cues.before[chinese]
    for match in reversed(list(before.pattern.finditer(before_text))):
        role, only = before.roles[match.group() if chinese else match.group().lower()]
        if only is not None and default not in only:
            continue
        if _reaches(before_text[match.end() :]):
            found.append(
                (
                    hit.start - low_from - match.end(),
                    0,
                    role,
                    Span(low_from + match.start(), low_from + match.end()),
                )
            )
        break
    near = cues.adjacent[chinese].pattern.search(before_text)
    if near is not None:
        word = near.group(0 if chinese else 1)
        role, only = cues.adjacent[chinese].roles[word if chinese else word.lower()]
        if only is None or default in only:
            span = Span(low_from + near.start(), low_from + near.start() + len(word))
            found.append((hit.start - span.end, 0.5, role, span))
    after_text = masked[hit.end : min(sentence.end, hit.end + window)]
    if chinese:
        cuts = [i for i in (after_text.find(mark) for mark in _ZH_CLAUSE) if i >= 0]
        after_text = after_text[: min(cuts)] if cuts else after_text
    after = cues.after[chinese]
    for match in after.pattern.finditer(after_text):
        role, only = after.roles[match.group() if chinese else match.group().lower()]
        if only is not None and default not in only:
            continue
        if _reaches(after_text[: match.start()]):
            found.append((match.start(), 1, role, Span(hit.end + match.start(), hit.end + match.end())))
        break
    if found:
        _, _, role, span = min(found, key=lambda f: (f[0], f[1]))
        return role, span
    return default, None


@cache
def _joiners() -> re.Pattern[str]:
    """The words and marks of a list between a cue and its name (``list_joiners`` in the rule file)."""
    words = organisation_rules()["list_joiners"]
    english = alternation(words["en"])
    chinese = "|".join(re.escape(w) for w in sorted(words["zh"], key=len, reverse=True))
    marks = "".join(re.escape(m) for m in words["marks"])
    return re.compile(rf"(?i)\b(?:{english})\b|{chinese}|[{marks}\s]")


def _reaches(between: str) -> bool:
    """Whether a cue reaches past the text between it and the name: another name in between counts
    only as part of a list (``financed by the World Bank and ADB``, ``中国路桥和中国港湾承建``)."""
    if _MASK not in between:
        return True
    return not _joiners().sub("", between.replace(_MASK, "")).strip()


def _party(text: str, hit: OrgHit, role: PartyRole, cue: Span | None) -> CandidateParty:
    org = hit.org
    return CandidateParty(
        name=hit.name or text[hit.start : hit.end],
        organisation_type=hit.org_type,
        role=role,
        span=Span(hit.start, hit.end),
        name_en=hit.name_en,
        name_zh=hit.name_zh,
        aliases=org.aliases if org is not None else (),
        country_code=hit.country_code,
        known=org is not None,
        cue=cue,
    )


def _add(record: Any, party: CandidateParty) -> None:
    """One party per name and record: a cue-decided role beats a default one, else the first stays."""
    for i, other in enumerate(record.parties):
        if other.name == party.name:
            if other.cue is None and party.cue is not None:
                record.parties[i] = party
            return
    record.parties.append(party)
