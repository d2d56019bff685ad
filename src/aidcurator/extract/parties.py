"""Who gives and who receives: rules that read around a place or across the whole article.

The words live in ``resources/rules/parties.json`` (compiled by :mod:`aidcurator.extract.parties_rules`);
:mod:`aidcurator.extract.records` calls these helpers while it fills a record's donor and recipient.

* :func:`is_venue_around` — a place that only says where a meeting was held (在成都召开的座谈会) or where
  goods left from (从广州机场起运) is no party.
* :func:`is_example` — ``江苏等9省市``: the place is one example of a group of places.
* :func:`group_recipient` — ``向几个受灾国提供``, ``to the Horn of Africa``: many receivers and no single
  place holds them, so the recipient stays empty.
* :func:`chain_tails` — ``四川甲市乙县地震灾区``: where an article writes a province with a place inside it, a
  bare mention of the province elsewhere stands for that place.
* :func:`pairing_area` — the smallest place holding all of a donor's pairings (山东省 → 喀什地区).
* :func:`currency_country` — ``3 million TOP``: the country whose own currency the amount is written in.
* :func:`each_country` — ``向两国各提供1000万元``: the same sum to each of the countries listed before.
"""

from __future__ import annotations

import itertools
import re
from copy import deepcopy
from functools import cache

from aidcurator.domain import CandidateRecord, Mention, Span
from aidcurator.extract.parties_rules import parties_rules as _rules
from aidcurator.extract.places import ancestors_of, lookup_place, pairing_for, smallest_common_place
from aidcurator.extract.record_rules import without_pinyin

__all__ = [
    "chain_tails",
    "currency_country",
    "currency_home",
    "disaster_region",
    "each_country",
    "each_country_records",
    "group_givers",
    "group_is_programme",
    "group_recipient",
    "home_region",
    "home_word",
    "is_dateline",
    "is_example",
    "is_venue_around",
    "pairing_area",
    "programme_pairing",
    "says_each_country",
    "shares_from",
    "thanks_china",
]


_SENTENCE_END = re.compile(r"[。！？\n]")


def is_venue_around(text: str, place: Mention) -> bool:
    """Whether the words around ``place`` make it a meeting place or a point of departure."""
    start, end = place.start, place.end
    lo = max(0, start - 40)
    rules = _rules()
    if rules.venue_gate is not None and rules.venue_gate.search(text, lo, start) is None:
        return False  # no rule's words before the place (most places): one search for all
    near = None  # the 12 characters before the place, lower-cased once for the rules' quick tests
    for before, after, needs in rules.venue_around:
        if needs:
            if near is None:
                near = text[max(0, start - 12) : start].lower()
            if needs not in near:
                continue  # a quick test before the pattern
        if before is not None and before.search(text, lo, start) is None:
            continue  # (before the words after: they end at the place, so they fail sooner)
        if after is not None and after.match(text, end, end + 30) is None:
            continue
        return True
    return False


def is_example(text: str, place: Mention) -> bool:
    """``江苏等9省市``: the place is named as one example of a group."""
    return _rules().example_after.match(text, place.end, place.end + 12) is not None


def group_recipient(text: str, start: int, end: int) -> Span | None:
    """Where ``text[start:end]`` names a group of receivers that no single place holds."""
    rules = _rules()
    match = (
        rules.group_zh.search(text, start, end)
        or rules.group_en.search(text, start, end)
        or rules.group_counted.search(text, start, end)
    )
    return Span(match.start(), match.end()) if match else None


def group_is_programme(text: str, group: Span) -> bool:
    """Whether the group of receivers at ``group`` makes its aid a programme (向几个受灾国提供); not a
    plain one (向内地捐款: donations to the mainland at large)."""
    return text[group.start : group.end] not in _rules().group_plain


def chain_tails(text: str, places: list[Mention]) -> dict[str, Mention]:
    """Province (or prefecture) name → the place inside it that the article writes right after it.

    ``四川雅安芦山``: 四川省 → 芦山县 and 雅安市 → 芦山县. Only when the article names no other place inside
    the province (else a bare ``四川`` may mean any of them); chains ending on one line (四川雅安, 四川雅安芦山)
    give the deepest place. A province written before such a chain followed by 等 (河南郑州等地) anywhere in the article stands
    for itself.
    """
    tails: dict[str, set[str]] = {}
    tail_mention: dict[str, Mention] = {}
    examples: set[str] = set()  # heads of a chain followed by 等
    i = 0
    while i < len(places):
        j = i
        while (
            j + 1 < len(places)
            and places[j + 1].start == places[j].end
            and places[j].data.get("name") in ancestors_of(places[j + 1].data.get("name", ""))
        ):
            j += 1
        if j > i and _rules().chain_stop_after.match(text, places[j].end):
            examples.update(places[k].data.get("name", "") for k in range(i, j))
        elif j > i:
            tail = places[j]
            for k in range(i, j):
                tails.setdefault(places[k].data.get("name", ""), set()).add(tail.data.get("name", ""))
            tail_mention.setdefault(tail.data.get("name", ""), tail)
        i = j + 1
    if not tails:
        return {}
    inside: dict[str, set[str]] = {}
    for place in places:
        name = place.data.get("name", "")
        for ancestor in ancestors_of(name):
            inside.setdefault(ancestor, set()).add(name)
    out: dict[str, Mention] = {}
    for head, ends in tails.items():
        if head in examples:
            continue
        end = max(ends, key=lambda n: len(ancestors_of(n)))
        if any(e != end and e not in ancestors_of(end) for e in ends):
            continue  # 四川雅安 and 四川绵阳: no single place
        others = inside.get(head, set()) - {end, *ancestors_of(end)}
        if not others:
            out[head] = tail_mention[end]
    return out


@cache  # the gazetteer does not change while the process runs
def pairing_area(donor: str) -> str | None:
    """The smallest place holding every place the pairing table has ``donor`` aid (direct or derived)."""
    rows = [r for r in pairing_for(donor) if r.certainty in ("direct", "derived")]
    names = list(dict.fromkeys(r.recipient for r in rows))
    if len(names) < 2:
        return names[0] if names else None
    return smallest_common_place(names)


def says_each_country(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` (default: the whole text) says that a sum goes to each of several
    countries: :func:`each_country` finds none where this is False.

    Each pattern is searched on its own: one that opens with a character class or a word is skipped
    ahead in C, which the joined alternation is not (half the time on a whole article)."""
    stop = len(text) if end is None else end
    return any(pattern.search(text, start, stop) is not None for pattern in _rules().each_apart)


def each_country(text: str, start: int, end: int, before: int, places: list[Mention]) -> list[Mention]:
    """The countries that each receive the amount when ``text[start:end]`` (its sentence) says so
    (``向两国各提供``, ``to each of the two countries``): the last list of that many countries named before
    ``before`` (the amount; ``阿富汗和巴基斯坦``). Empty when the text says no such thing or names no such list."""
    rules = _rules()
    match = rules.each.search(text, start, end)
    if match is None:
        return []
    number = next((g for g in match.groups() if g is not None), "")
    count = rules.numbers.get(number.lower())
    if count is None:
        return []
    countries = [
        p
        for p in places
        if p.end <= before and p.data.get("level") == "country" and p.data.get("name") != "中国"
    ]
    best: list[Mention] = []
    run: list[Mention] = []
    for place in countries:
        if run and rules.list_gap.fullmatch(text, run[-1].end, place.start):
            run.append(place)
        else:
            run = [place]
        if len(run) == count:
            best = list(run)
    names = {p.data.get("name") for p in best}
    return best if len(names) == count else []


def currency_country(code: str | None) -> str | None:
    """The country whose national currency ``code`` is (TOP → 汤加), None for shared or unknown ones."""
    return _rules().currency_country.get(code or "")


def disaster_region(text: str, recipient: str, spans: list[Span]) -> str | None:
    """The wider place a disaster named after ``recipient`` stands for (汶川地震灾区 → 四川省), when one of
    ``spans`` (where the recipient is written) runs into the disaster word; else None."""
    rules = _rules()
    wider = rules.disaster_places.get(recipient)
    if wider is None:
        return None
    if any(rules.disaster_after.match(without_pinyin(text[span.end : span.end + 40])) for span in spans):
        return wider
    return None


def programme_pairing(
    recipient: str | None, donor: str | None, spans: list[Span], sentence: Span
) -> str | None:
    """The prefecture ``donor`` aids when ``recipient`` is a whole 援藏 / 援青 region that the amount's
    sentence does not name (``上海市…投入资金11.1亿元`` in a 援藏 report → 日喀则市); else None. A region
    the sentence names stays (``甲省对口支援西藏的年度资金``)."""
    if recipient is None or donor is None:
        return None
    prefecture = _rules().programme_pairing.get(recipient, {}).get(donor)
    if prefecture is None or any(sentence.start <= span.start < sentence.end for span in spans):
        return None
    return prefecture


def currency_home(code: str | None) -> str | None:
    """The giving region whose own currency ``code`` is (HKD → 香港特别行政区), for a gift whose giver the
    text does not name; None for other currencies."""
    return _rules().currency_home.get(code or "")


def shares_from(text: str, amount: Mention, sentence_end: int) -> int:
    """Where the shares of ``amount`` start in its sentence (``14亿元，其中莎车县5亿元``: at 其中): places
    after it name what the shares receive, not the total. ``sentence_end`` when nothing opens shares."""
    match = _rules().share_opener.search(text, amount.end, sentence_end)
    return match.start() if match else sentence_end


def group_givers(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (an amount's sentence up to the amount) says that several givers gave
    it together (``天津、青岛等四市共向甘肃投入``, ``the three donors spent``)."""
    return _rules().group_givers.search(text, start, end) is not None


def home_region(text: str, places: list[Mention]) -> Mention | None:
    """The place of the outlet an article comes from (``四川日报``, ``浙江日报讯``) or of a wire story's dateline
    (``SHANGHAI, May 4 (Xinhua) --``): the first place named right before a media word or opening such a
    dateline. ``我省`` / ``全市`` / ``the city`` in its text stand for it (:func:`home_word`)."""
    rules = _rules()
    media, firsts, size = rules.home_media, rules.home_media_firsts, len(text)
    return next(
        (
            p
            for p in places
            # (a media word starts with one of a few characters: the others need no match)
            if (
                (firsts is None or (p.end < size and text[p.end] in firsts))
                and media.match(text, p.end) is not None
            )
            or is_dateline(text, p)
        ),
        None,
    )


def is_dateline(text: str, place: Mention) -> bool:
    """Whether ``place`` opens a line of the story's start with a wire dateline in capitals (``LHASA --``,
    ``SHANGHAI, May 4 (Xinhua) --``, ``XI'AN, September 14, SinoCast --``): a venue, not a party. Not a
    country (a digest item headed ``LAOS — China spent…``)."""
    return (
        place.start < 400
        and text[place.start : place.end].isupper()  # LHASA, XI'AN (a quick test first)
        and not text[text.rfind("\n", 0, place.start) + 1 : place.start].strip()  # opens a line
        and place.data.get("level") != "country"
        and _rules().dateline_after.match(text, place.end) is not None
    )


def home_word(text: str, start: int, end: int, home: Mention | None) -> tuple[str, str] | None:
    """The side ``我省`` / ``全市`` / ``the province`` … in ``text[start:end]`` puts the outlet's or dateline's
    home on, and the place it stands for (the home, or the province holding a dateline city: NANJING …
    the province → 江苏省), from its last such word: ``recipient`` after a giving word or before a getting
    one (对口支援我省藏区, 向我市, 我区获得援疆资金, the region received), else ``donor`` for a place on the
    giving side (我省今年安排援疆资金 in 浙江日报); None when there is none."""
    if home is None:
        return None
    rules = _rules()
    matches = rules.home_re.finditer(text, start, end)
    first = next(matches, None)
    if first is None:
        return None  # (most stretches: the home's chain of places is not needed)
    name = home.data.get("name", "")
    chain = [(name, home.data.get("level"))] + [
        (a, place.level) for a in ancestors_of(name) if (place := lookup_place(a)) is not None
    ]
    found = []
    for match in itertools.chain((first,), matches):
        levels = rules.home_words.get(match.group(), rules.home_words.get(match.group().lower(), ()))
        meant = next((n for n, level in chain if level in levels), None)
        if meant is not None:
            found.append((match, meant))
    if not found:
        return None
    match, meant = found[-1]
    before = text[max(0, match.start() - 6) : match.start()]
    after = text[match.end() : match.end() + 12]
    if rules.home_receives.search(before) or rules.home_gets.search(after):
        return "recipient", meant
    row = lookup_place(meant)
    return ("donor", meant) if row is not None and row.role in ("donor", "both") else None


def thanks_china(text: str, places: list[Mention]) -> bool:
    """Whether a country only thanks China or asks it for money after ``向中国`` (斯里兰卡总统向中国政府提供的
    援助表示感谢, 向中国申请贷款): the first China of ``places`` with a thanking or asking word after it in
    its sentence."""
    china = next((p for p in places if p.data.get("name") == "中国"), None)
    if china is None:
        return False
    end = _SENTENCE_END.search(text, china.end)
    return _rules().thanks.search(text, china.end, end.start() if end else len(text)) is not None


def each_country_records(
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
