"""Givers and receivers the gazetteer does not list: an enterprise that gives (``某某集团…向某县捐赠``,
``宝钢集团对口援藏…`` in a per-donor table) and
a county written after a giving word (``向某某县捐赠``, ``支持某某县``).

The words live in ``resources/rules/parties.json`` (``enterprise_giver``, ``unlisted_county``);
:mod:`aidcurator.extract.record_recipients` asks these helpers only when no listed place gives or receives.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from aidcurator.domain import Mention, Span
from aidcurator.domain.projects import OrganisationType
from aidcurator.extract.fastre import alternation, trie
from aidcurator.extract.organisations import organisations
from aidcurator.extract.record_rules import record_rules
from aidcurator.resources import resource_path

__all__ = [
    "central_giver",
    "county_after",
    "embassy_gives",
    "enterprise_donor",
    "enterprise_giver",
    "is_lender",
    "not_a_county",
    "organisation_giver",
    "sentence_start",
    "unlisted_county",
    "unlisted_giver",
]

_FIRM_WORD = re.compile(r"集团|公司")
_CLAUSE_MARK = re.compile(r"[，,；;：:。！？\n]")
_SENTENCE_MARK = re.compile(r"[。！？\n]")  # Chinese sentence marks (an enterprise's own sentence)
_SENTENCE_END = re.compile(r"[。！？!?\n]|\.\s")


@dataclass(frozen=True)
class _Rules:
    name: re.Pattern[str]  # an enterprise's name at the start of a clause, group 'name'
    gives: re.Pattern[str]  # a giving word between the name and the amount
    after: int  # how far after the amount a giving word may stand (…650万元帮扶资金)
    county: re.Pattern[str]  # a county after a giving word, group 'name'
    county_after: re.Pattern[str]  # a county right after the listed place it lies in
    not_county: re.Pattern[str]  # words that make such a name no place (贫困县, 该县)


@cache
def _rules() -> _Rules:
    data = json.loads(resource_path("rules", "parties.json").read_text(encoding="utf-8"))
    try:
        giver, county = data["enterprise_giver"], data["unlisted_county"]
        return _Rules(
            name=re.compile(giver["name"]),
            gives=re.compile("|".join(map(re.escape, giver["gives"]))),
            after=int(giver["after"]),
            county=re.compile(county["pattern"]),
            county_after=re.compile(county["after_place"]),
            not_county=re.compile("|".join(map(re.escape, county["not_in_name"]))),
        )
    except (KeyError, ValueError, TypeError, re.error) as exc:
        raise ValueError(
            f"resources/rules/parties.json is malformed (enterprise_giver/unlisted_county): {exc}"
        ) from exc


def sentence_start(
    text: str, position: int, *, marks: re.Pattern[str] = _SENTENCE_END, reach: int = 400
) -> int:
    """Where the sentence holding ``position`` starts: after the last of ``marks`` before it, at most
    ``reach`` characters back."""
    low = max(0, position - reach)
    ends = [m.end() for m in marks.finditer(text, low, position)]
    return ends[-1] if ends else low


def _giver_in(text: str, start: int, amount: Span) -> tuple[str, Span] | None:
    """The last enterprise opening a clause between ``start`` and the amount that a giving word links
    to the amount (the word stands after the name, at most ``after`` characters past the amount)."""
    rules = _rules()
    stop = min(len(text), amount.end + rules.after)
    clause_starts = [start] + [m.end() for m in _CLAUSE_MARK.finditer(text, start, amount.start)]
    best = None
    for begin in clause_starts:
        match = rules.name.match(text, begin, amount.start)
        if match is not None and rules.gives.search(text, match.end(), stop):
            best = match.group("name").replace(" ", ""), Span(match.start("name"), match.end("name"))
    return best


def enterprise_giver(text: str, amount: Span, paragraph_start: int) -> tuple[str, Span, bool] | None:
    """The enterprise that gives the amount, its span and whether it is named in the amount's own
    sentence (else it opens an earlier sentence of the paragraph: ``某集团自2007年帮扶某县…。新建了…，
    并投入50万元``)."""
    sentence = sentence_start(text, amount.start, marks=_SENTENCE_MARK, reach=300)
    found = _giver_in(text, sentence, amount)
    if found is not None:
        return found[0], found[1], True
    start = max(paragraph_start, 0)
    if start >= sentence:
        return None
    rules = _rules()
    best = None
    for begin in [start] + [m.end() for m in _SENTENCE_MARK.finditer(text, start, sentence)]:
        match = rules.name.match(text, begin, sentence)
        end = _SENTENCE_MARK.search(text, begin, sentence)
        if match is not None and rules.gives.search(text, match.end(), end.start() if end else sentence):
            best = match.group("name").replace(" ", ""), Span(match.start("name"), match.end("name"))
    return (best[0], best[1], False) if best is not None else None


def unlisted_county(text: str, start: int, end: int) -> tuple[str, Span] | None:
    """The last county named after a giving word in ``text[start:end]`` (``向某某县捐赠``)."""
    rules = _rules()
    best = None
    for match in rules.county.finditer(text, start, end):
        name = match.group("name")
        if not rules.not_county.search(name):
            best = name, Span(match.start("name"), match.end("name"))
    return best


_CLAUSE_START = re.compile(r"[；;。\n]")


def unlisted_giver(
    words: str, amount: Mention, donor: Mention | None, main_donor: Mention | None
) -> tuple[str, Span] | None:
    """An enterprise the gazetteer does not list that gives the amount (parties.json
    ``enterprise_giver``): one named in the amount's sentence, or one opening an earlier sentence of the
    paragraph when no place but the article's main donor stood in."""
    paragraph = words.rfind("\n", 0, amount.start) + 1
    if not _FIRM_WORD.search(words, paragraph, amount.end + _rules().after):
        return None  # (a quick test: no 集团 or 公司 in the paragraph so far)
    found = enterprise_giver(words, amount.span, paragraph)
    if found is None:
        return None
    name, span, own_sentence = found
    return (name, span) if own_sentence or donor is None or donor is main_donor else None


def enterprise_donor(words: str, position: int) -> tuple[str, Span] | None:
    """An enterprise opening the amount's clause as its giver (``宝钢集团(现为宝武集团)对口援藏…``, rule
    ``enterprise_donor``): its name as written and its span."""
    start = max(0, position - 120)
    for found in _CLAUSE_START.finditer(words, start, position):
        start = found.end()
    match = record_rules().enterprise_donor.match(words, start, position)
    if match is None:
        return None
    return match.group("name").replace(" ", ""), Span(match.start("name"), match.end("name"))


@dataclass(frozen=True)
class _OrgGivers:
    zh: re.Pattern[str]  # a multilateral's Chinese name at a clause start, group 'name'
    en: re.Pattern[str]  # its English name at a clause start ("The World Bank …")
    names: dict[str, str]  # every name and alias (English ones in lower case) → the name a record gives
    gives_zh: re.Pattern[str]
    gives_en: re.Pattern[str]
    from_zh: re.Pattern[str]  # 利用 before a lender's name
    from_en: re.Pattern[str]  # from before a lender's name
    receives_en: re.Pattern[str]  # (a place) will receive, after the lender's name


@cache
def _org_givers() -> _OrgGivers:
    data = json.loads(resource_path("rules", "parties.json").read_text(encoding="utf-8"))[
        "organisation_giver"
    ]
    names: dict[str, str] = {}
    zh_keys: list[str] = []
    en_keys: list[str] = []
    for org in organisations():
        if org.org_type is not OrganisationType.MULTILATERAL:
            continue
        shown = org.name_zh or org.name_en or org.id
        for key in (org.name_zh, org.name_en, *org.aliases):
            zh = re.search(r"[\u4e00-\u9fff]", key or "") is not None
            if not key or len(key) < (2 if zh else 3):  # 世行, 亚行: the usual short Chinese names
                continue
            if zh:
                zh_keys.append(key)
                names.setdefault(key, shown)
            else:
                en_keys.append(key)
                names.setdefault(key.lower(), shown)
    lead = data["lead_zh"]
    return _OrgGivers(
        # the names as tries (t(?:en|wo)): a plain alternation of hundreds of names was tried name by name
        # at every clause start; the longest name that fits wins either way (the English ones in any case,
        # lower-cased so that one branch holds every spelling)
        zh=re.compile(rf"\s*(?:{lead})?\s*(?P<name>{trie(zh_keys)})"),
        en=re.compile(
            rf"\s*(?:[Tt]he\s+)?(?P<name>{trie(k for k in en_keys if k.isupper())}"
            rf"|(?i:{trie(k.lower() for k in en_keys if not k.isupper())}))\b"
        ),
        names=names,
        gives_zh=re.compile(alternation(data["gives_zh"])),
        gives_en=re.compile(rf"\b(?:{alternation(data['gives_en'])})\b", re.IGNORECASE),
        from_zh=re.compile(data["from_zh"]),
        from_en=re.compile(data["from_en"]),
        receives_en=re.compile(data["receives_en"]),
    )


def organisation_giver(
    text: str, amount: Span, places: list[Mention], stretch_end: int
) -> tuple[str, Span, Mention | None] | None:
    """A multilateral lender or fund that opens a clause of the amount's sentence and gives it (parties.json
    ``organisation_giver``: 世界银行向中国提供1亿美元贷款, The World Bank approved a $100 million loan): the
    name a record gives (its Chinese name), its span and China when ``places`` name it after the lender,
    up to ``stretch_end`` (the end of the amount's stretch): then China receives."""
    rules = _org_givers()
    sentence = sentence_start(text, amount.start, marks=_SENTENCE_MARK, reach=300)
    starts = [sentence] + [m.end() for m in _CLAUSE_MARK.finditer(text, sentence, amount.start)]
    for begin in starts:
        for pattern, gives in ((rules.zh, rules.gives_zh), (rules.en, rules.gives_en)):
            match = pattern.match(text, begin, amount.start)
            if match is not None and (
                gives.search(text, match.end(), amount.start)
                or _place_receives(text, match.end(), amount.start, places)
            ):
                key = match.group("name")
                shown = rules.names.get(key) or rules.names.get(key.lower())  # acronyms: as written
                if shown:
                    end = match.end("name")
                    china = next(
                        (p for p in places if p.data.get("name") == "中国" and end <= p.start < stretch_end),
                        None,
                    )
                    return shown, Span(match.start("name"), end), china
    return None


def is_lender(name: str | None) -> bool:
    """Whether a record's donor is a multilateral lender or fund (世界银行, 亚洲开发银行): several of its loans
    summed up (两笔共若干亿美元贷款) are one giver's, not many givers'."""
    return name is not None and name in _org_givers().names.values()


def _place_receives(text: str, start: int, end: int, places: list[Mention]) -> bool:
    """Whether ``text[start:end]`` says a place named in it will receive (``… said Some Province will
    receive a``): the lender before it gives."""
    found = _org_givers().receives_en.search(text, start, end)
    return found is not None and any(start <= p.start and p.end <= found.start() for p in places)


def lender_from(text: str, amount: Span, stretch: tuple[int, int]) -> tuple[str, Span] | None:
    """A multilateral lender written after ``from`` / ``利用`` in the amount's stretch of its sentence
    (``stretch``: since the previous amount, up to the next) (a $50 million loan from the World Bank,
    利用亚洲开发银行贷款): its Chinese name and span; the one nearest the amount."""
    rules = _org_givers()
    found: list[tuple[int, str, Span]] = []
    start, end = stretch
    for cue, pattern in ((rules.from_en, rules.en), (rules.from_zh, rules.zh)):
        for word in cue.finditer(text, start, end):
            match = pattern.match(text, word.end(), end)
            key = match.group("name") if match is not None else ""
            shown = rules.names.get(key) or rules.names.get(key.lower())
            if match is not None and shown:
                span = Span(match.start("name"), match.end("name"))
                found.append((min(abs(amount.start - span.end), abs(span.start - amount.end)), shown, span))
    if not found:
        return None
    _, shown, span = min(found, key=lambda f: f[0])
    return shown, span


def not_a_county(name: str) -> bool:
    """Whether words of the name make it no county (``贫困县``, ``该县``; parties.json ``unlisted_county``)."""
    return _rules().not_county.search(name) is not None


def county_after(text: str, place_end: int) -> tuple[str, Span] | None:
    """A county the gazetteer lacks written right after a listed province or prefecture (贵州从江县)."""
    rules = _rules()
    match = rules.county_after.match(text, place_end)
    if match is None or rules.not_county.search(match.group("name")):
        return None
    return match.group("name"), Span(match.start("name"), match.end("name"))


@dataclass(frozen=True)
class _CentralGivers:
    name: re.Pattern[str]  # a central unit's name at a clause start (after a time word), group 'name'
    gives: re.Pattern[str]  # a giving word between the name and the amount


@cache
def _central_givers() -> _CentralGivers:
    data = json.loads(resource_path("rules", "parties.json").read_text(encoding="utf-8"))["central_giver"]
    return _CentralGivers(
        name=re.compile(
            rf"\s*(?:(?:{data['lead']})[，,]?\s*)?(?P<name>{trie(data['names'])})(?!{data['not_after']})"
        ),
        gives=re.compile(alternation(data["gives"])),
    )


def central_giver(text: str, amount: Span) -> tuple[str, Span] | None:
    """A central ministry, commission or bank that opens a clause of the amount's sentence and gives it
    (parties.json ``central_giver``: 某部安排资金若干万元，落实某县…): its name as written and its span; the
    last such clause before the amount."""
    rules = _central_givers()
    sentence = sentence_start(text, amount.start, marks=_SENTENCE_MARK, reach=300)
    best = None
    for begin in [sentence] + [m.end() for m in _CLAUSE_MARK.finditer(text, sentence, amount.start)]:
        match = rules.name.match(text, begin, amount.start)
        if match is not None and rules.gives.search(text, match.end(), amount.start):
            best = match.group("name"), Span(match.start("name"), match.end("name"))
    return best


@cache
def _embassy() -> re.Pattern[str]:
    return re.compile(
        json.loads(resource_path("rules", "parties.json").read_text(encoding="utf-8"))["embassy_giver"]
    )


def embassy_gives(text: str, amount: Span) -> bool:
    """Whether China's embassy, consulate or enterprises abroad are named in the amount's sentence before it
    (parties.json ``embassy_giver``: 大使代表驻某使馆…向某国政府捐赠): they give for China."""
    sentence = sentence_start(text, amount.start, marks=_SENTENCE_MARK, reach=300)
    return _embassy().search(text, sentence, amount.start) is not None
