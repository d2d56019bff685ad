"""Clause-level words about parties: a place that gives in its own clause, social donations that have no
single giver, and a county the gazetteer lacks that the article writes right after its recipient.

The words live in ``resources/rules/parties.json`` (``giver_after``, ``social_givers``); the county pattern
is the ``unlisted_county`` rule's (:func:`aidcurator.extract.unlisted_parties.county_after`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from aidcurator.domain import CandidateRecord, Mention, Span
from aidcurator.extract.places import ancestors_of, lookup_place, place_by_id
from aidcurator.extract.unlisted_parties import county_after, not_a_county, unlisted_county
from aidcurator.resources import resource_path

__all__ = [
    "aid_to_china",
    "china_aider",
    "clause_giver",
    "county_tail",
    "disaster_named",
    "foreign_gives",
    "gives_after",
    "keeps_social_donor",
    "money_of",
    "social_gift",
]

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_MARK = re.compile(r"[，,；;：:。！？\n]")


@dataclass(frozen=True)
class _Rules:
    giver_zh: re.Pattern[str]  # after a place: it gives in its clause (天津市共安排…)
    giver_en: re.Pattern[str]  # after a place: Tianjin has provided…
    giver_not_before: re.Pattern[str]  # before a place: 向(受灾的)某省捐赠, it receives
    social_zh: re.Pattern[str]  # 社会捐赠资金 in the amount's clause
    social_en_before: re.Pattern[str]
    social_en_after: re.Pattern[str]  # 550,000 yuan of social donation funds
    keep_donors: frozenset[str]  # regions that stay the donor of their society's gifts
    disaster_after: re.Pattern[str]  # after a county: 3日发生6.5级地震
    foreign_after: re.Pattern[str]  # after a foreign country: 政府…无偿援助
    foreign_not_between: re.Pattern[str]  # 日本政府感谢中国捐赠: China gives
    foreign_not_before: re.Pattern[str]  # 向日本…: Japan receives
    district: re.Pattern[str]  # after a donor city: 普陀区
    not_district: re.Pattern[str]  # 开发区, 各区
    apart_from: re.Pattern[str]  # Apart from aiding Baise, …; 除援助某县外
    clause_county: re.Pattern[str]  # 某川县某幼儿园由…安排300万元
    origin_before: re.Pattern[str]  # 出生于…, born in …
    origin_after: re.Pattern[str]  # …籍
    group_before: re.Pattern[str]  # 香港… (a group of natives: 香港某省联谊会)
    group_after: re.Pattern[str]  # …联谊会, 同乡会
    unlisted_donor: re.Pattern[str]  # 某楼区对口帮扶某源县
    province_money: re.Pattern[str]  # 省级统筹资金
    china_aided: re.Pattern[str]  # ODA loans to China, 对华提供贷款
    country_received: re.Pattern[str]  # to Japan, 向日本
    money_of: re.Pattern[str]  # 某市对口帮扶资金
    receiver_before: re.Pattern[str]  # 援助某省


@cache
def _rules() -> _Rules:
    data = json.loads(resource_path("rules", "parties.json").read_text(encoding="utf-8"))
    try:
        giver, social = data["giver_after"], data["social_givers"]
        return _Rules(
            giver_zh=re.compile(giver["zh"]),
            giver_en=re.compile(giver["en"], re.IGNORECASE),
            giver_not_before=re.compile(giver["not_before_zh"]),
            social_zh=re.compile(social["zh"]),
            social_en_before=re.compile(social["en_before"]),
            social_en_after=re.compile(social["en_after"]),
            keep_donors=frozenset(social["keep_donors"]),
            disaster_after=re.compile(data["county_tail_after"]),
            foreign_after=re.compile(data["foreign_giver"]["after"]),
            foreign_not_between=re.compile(data["foreign_giver"]["not_between"]),
            foreign_not_before=re.compile(data["foreign_giver"]["not_before"]),
            district=re.compile(data["donor_district"]["after"]),
            not_district=re.compile("|".join(map(re.escape, data["donor_district"]["not_in_name"]))),
            apart_from=re.compile(f"{data['apart_from']['en']}|{data['apart_from']['zh']}"),
            clause_county=re.compile(data["clause_county"], re.MULTILINE),
            origin_before=re.compile(data["origin_place"]["before"]),
            origin_after=re.compile(data["origin_place"]["after"]),
            group_before=re.compile(data["origin_place"]["group_before"]),
            group_after=re.compile(data["origin_place"]["group_after"]),
            unlisted_donor=re.compile(data["unlisted_donor"], re.MULTILINE),
            province_money=re.compile(data["province_money"]),
            china_aided=re.compile(f"{data['china_aided']['zh']}|{data['china_aided']['en']}"),
            country_received=re.compile(data["china_aided"]["country_received"]),
            money_of=re.compile(data["money_of"]),
            receiver_before=re.compile(data["receiver_before"]),
        )
    except (KeyError, ValueError, TypeError, re.error) as exc:
        raise ValueError(
            f"resources/rules/parties.json is malformed (giver_after/social_givers): {exc}"
        ) from exc


def gives_after(text: str, place: Mention) -> bool:
    """Whether the words right after ``place`` make it the giver of its clause (``天津市共安排``, ``北京市向``,
    ``Tianjin has provided``); not after 向 / 给 (``向受灾的某省捐赠``: it receives)."""
    rules = _rules()
    end = place.end
    chinese = _CJK.match(text, max(0, end - 1)) is not None
    if chinese and rules.giver_not_before.search(text, max(0, place.start - 20), place.start):
        return False  # 向遭受水灾的某省捐赠: the place receives
    pattern = rules.giver_zh if chinese else rules.giver_en
    return pattern.match(text, end, end + 24) is not None


def money_of(text: str, place: Mention, places: list[Mention]) -> bool:
    """Whether the words right after ``place`` make the money named next its own (``甲市对口帮扶资金``): the
    place opens its clause among ``places`` (not ``甲市下达乙州对口支援资金``) and no receiving word stands
    right before it (``援助某省帮扶资金``: it receives)."""
    rules = _rules()
    if rules.money_of.match(text, place.end) is None:
        return False
    marks = [m.end() for m in _CLAUSE_MARK.finditer(text, max(0, place.start - 80), place.start)]
    begin = marks[-1] if marks else max(0, place.start - 80)
    return not rules.receiver_before.search(text, max(0, place.start - 8), place.start) and not any(
        begin <= p.start < place.start for p in places
    )


def clause_giver(text: str, givers: list[Mention], start: int, amount: Span) -> Mention | None:
    """The last donor-side place in ``givers`` that gives in the amount's own clause: named between the
    clause's start (not before ``start``) and the amount, with a giving word right after it."""
    marks = [m.end() for m in _CLAUSE_MARK.finditer(text, start, amount.start)]
    begin = marks[-1] if marks else start
    found = [p for p in givers if begin <= p.start and p.end <= amount.start and gives_after(text, p)]
    return found[-1] if found else None


def social_gift(text: str, start: int, amount: Span) -> bool:
    """Whether the amount is a social donation (``社会捐赠资金7700多万元``, ``550,000 yuan of social donation
    funds``): words of its clause before it, from ``start`` on, or right after it say so."""
    rules = _rules()
    marks = [m.end() for m in _CLAUSE_MARK.finditer(text, start, amount.start)]
    begin = marks[-1] if marks else start
    return bool(
        rules.social_zh.search(text, begin, amount.start)
        or rules.social_en_before.search(text[begin : amount.start])  # ($: the words end the stretch)
        or rules.social_en_after.match(text, amount.end)
    )


def foreign_gives(text: str, country: Mention) -> bool:
    """Whether a foreign country gives in its own clause (``日本政府…无偿援助``): a giving word follows it in
    the clause, with no Chinese giver or thanks between them, and no receiving word (``向``) before it."""
    rules = _rules()
    if rules.foreign_not_before.search(text, max(0, country.start - 6), country.start):
        return False
    found = rules.foreign_after.match(text, country.end)
    return found is not None and rules.foreign_not_between.search(text, country.end, found.end()) is None


def donor_district(text: str, donor: Mention) -> tuple[str, Span] | None:
    """A district or county the gazetteer lacks written right after the donor city (``上海市普陀区``): it
    gives, named as written."""
    rules = _rules()
    found = rules.district.match(text, donor.end)
    if found is None or rules.not_district.search(found.group("name")):
        return None
    return found.group("name"), Span(found.start("name"), found.end("name"))


def apart_from(text: str, start: int, end: int) -> list[Span]:
    """The phrases of ``text[start:end]`` that set places apart (``Apart from aiding Baise``, ``除援助某县外``):
    places inside them do not receive the sentence's amounts."""
    return [Span(m.start(), m.end()) for m in _rules().apart_from.finditer(text, start, end)]


def clause_county(text: str, start: int, amount: Span) -> tuple[str, Span] | None:
    """The last county the gazetteer lacks named in the amount's own clause before it (from the last clause
    mark after ``start``): ``某川县某幼儿园由…资金安排300万元``; not one with a giving word right after it
    (``某兴县投入``: it gives)."""
    marks = [m.end() for m in _CLAUSE_MARK.finditer(text, start, amount.start)]
    best = _clause_county(text, marks[-1] if marks else start, amount)
    if best is None:  # 某岭县某村的种植项目，协作资金安排90万元: the county opens the clause before
        strong = [m.end() for m in _STRONG_MARK.finditer(text, start, amount.start)]
        best = _clause_county(text, strong[-1] if strong else start, amount)
    return best


_STRONG_MARK = re.compile(r"[；;。！？\n]")


def _clause_county(text: str, begin: int, amount: Span) -> tuple[str, Span] | None:
    """:func:`clause_county` from ``begin`` on."""
    best = unlisted_county(text, begin, amount.start)  # 其中向某乡县投入8000万元
    if best is not None and (cut := _listed_prefix(best[0])):  # 向贵州榕江县捐赠
        best = best[0][cut:], Span(best[1].start + cut, best[1].end)
    for found in _rules().clause_county.finditer(text, begin, amount.start):
        name = found.group("name")
        later = best is None or found.start("name") > best[1].start
        gives = _rules().giver_zh.match(text, found.end("name")) is not None  # 某兴县投入: it gives
        if later and not gives and not not_a_county(name):
            cut = _listed_prefix(name)  # 贵州榕江县: the county after the listed province
            best = name[cut:], Span(found.start("name") + cut, found.end("name"))
    return best


def china_aider(text: str, places: list[Mention], foreign: Mention | None) -> str | None:
    """The foreign country that aids China in this article (``ODA loans to China``, ``对华提供贷款``): the
    article's most named foreign country when it may give (gazetteer role donor or both), the text writes
    China as the receiver of aid, and no mention of that country follows a receiving word (``to Japan``)."""
    if foreign is None or (row := place_by_id(foreign.data.get("id", ""))) is None or row.role not in _GIVERS:
        return None
    rules = _rules()
    if rules.china_aided.search(text) is None:
        return None
    name = foreign.data.get("name")
    for place in places:
        if place.data.get("name") == name and rules.country_received.search(
            text, max(0, place.start - 50), place.start
        ):
            return None  # the country receives somewhere: China may aid it
    return name


_GIVERS = ("donor", "both")


def aid_to_china(record: CandidateRecord, text: str, places: list[Mention], foreign: Mention | None) -> None:
    """A country that aids China (:func:`china_aider`) gives the record's amount to China when the record
    has China or no one as donor and that country or no one as recipient."""
    aider = (
        china_aider(text, places, foreign)
        if record.donor in (None, "中国") or record.recipient is None
        else None
    )
    if aider is None or record.donor not in (None, "中国", aider) or record.recipient not in (None, aider):
        return
    assert foreign is not None
    if record.donor != aider:
        record.donor, record.evidence["donor"] = aider, [foreign.span]
    record.recipient = "中国"
    record.evidence.pop("recipient", None)


def is_origin(text: str, place: Mention) -> bool:
    """Whether the place only says where a person comes from (``出生于四川的``, ``浙江籍``, ``born in Guangdong``)."""
    rules = _rules()
    return bool(
        rules.origin_before.search(text, max(0, place.start - 16), place.start)
        or rules.origin_after.match(text, place.end)
        or (
            rules.group_after.match(text, place.end)
            and rules.group_before.search(text, max(0, place.start - 4), place.start)
        )  # 香港某省联谊会, 在港某省乡亲: a group of natives in Hong Kong
    )


def _listed_prefix(name: str) -> int:
    """The length of a listed place that opens a county name (``贵州榕江县`` → 2), else 0; at least two
    characters stay before 县."""
    for cut in range(len(name) - 3, 1, -1):
        if lookup_place(name[:cut]) is not None:
            return cut
    return 0


def pairing_donor(text: str, start: int, amount: Span) -> tuple[str, Span] | None:
    """A district, county or city the gazetteer lacks that pairs with a receiver in the amount's sentence
    before it (``某楼区对口帮扶某源县，…投入800万元``): the last such name and its span."""
    best = None
    for found in _rules().unlisted_donor.finditer(text, start, amount.start):
        name = found.group("name")
        if not not_a_county(name) and lookup_place(name) is None:
            best = name, Span(found.start("name"), found.end("name"))
    return best


def province_money(text: str, start: int, amount: Span) -> bool:
    """Whether the amount's clause before it says the money is the province's (``省级统筹资金``, ``省财政``)."""
    marks = [m.end() for m in _CLAUSE_MARK.finditer(text, start, amount.start)]
    begin = marks[-1] if marks else start
    return _rules().province_money.search(text, begin, amount.start) is not None


def keeps_social_donor(donor: str) -> bool:
    """Whether a region stays the donor of its society's gifts (香港社会各界捐款: Hong Kong gives)."""
    return donor in _rules().keep_donors


def county_tail(text: str, places: list[Mention], recipient: str) -> tuple[str, Span] | None:
    """A disaster county the gazetteer lacks that the article writes right after its recipient
    (``云南省昭通市鲁甸县3日发生6.5级地震``): the county when every such place is followed by the same county,
    the article names no listed place inside the recipient (else the recipient may mean any of them) and
    a disaster word follows the county or its short name (``鲁甸地震``) somewhere in the article."""
    named, holders = _names_of(places)
    if recipient in holders:
        return None  # another place inside the recipient: no single county
    found: dict[str, Span] = {}
    for place in named.get(recipient, ()):
        county = county_after(text, place.end)
        if county is not None:
            found.setdefault(county[0], county[1])
    if len(found) != 1:
        return None
    name, span = next(iter(found.items()))
    return (name, span) if disaster_named(text, name) else None


# The last place list asked about (an article's places, asked about for each of its records) with its
# places by name and the names that hold another place of it: one pass over the list, not one per
# record (quadratic in a long text). One tuple, replaced whole (threads never see a mixed pair).
_last_names: tuple[list[Mention], int, dict[str | None, list[Mention]], set[str]] | None = None


def _names_of(places: list[Mention]) -> tuple[dict[str | None, list[Mention]], set[str]]:
    """The places by name (in text order) and every name some place of another name lies inside."""
    global _last_names
    cached = _last_names
    if cached is not None and cached[0] is places and cached[1] == len(places):
        return cached[2], cached[3]
    named: dict[str | None, list[Mention]] = {}
    holders: set[str] = set()
    for place in places:
        name = place.data.get("name")
        named.setdefault(name, []).append(place)
        holders.update(a for a in ancestors_of(place.data.get("name", "")) if a != name)
    _last_names = (places, len(places), named, holders)
    return named, holders


_PLACE_SUFFIX = re.compile(r"(?:自治县|自治州|县|市|区|州|省)$")


def disaster_named(text: str, name: str) -> bool:
    """Whether the article writes a disaster word after the place (``鲁甸县3日发生6.5级地震``, ``雅安芦山地震``),
    by its full name or its name without the level word (not a one-character name: 理县)."""
    after = _rules().disaster_after
    short = _PLACE_SUFFIX.sub("", name)
    short = short if len(short) >= 2 else name
    position = text.find(short)
    while position >= 0:
        end = position + len(short)
        end += len(name) - len(short) if text.startswith(name, position) else 0
        if after.match(text, end):
            return True
        position = text.find(short, end)
    return False


def adjust_donor(
    record: CandidateRecord, text: str, group: bool, sentence: int, clause: int, amount: Span
) -> bool:
    """The clause's corrections to the record's donor: an unlisted district that pairs (``某楼区对口帮扶某源县``)
    gives when no place did, provincial money (``省级统筹资金``) is the province's, and a social donation
    (``社会捐赠资金``) has no donor. ``sentence`` and ``clause``: where the amount's sentence and stretch start.
    Returns whether the amount is a social donation."""
    if record.donor is None and not group and (paired := pairing_donor(text, sentence, amount)):
        record.donor, record.evidence["donor"] = paired[0], [paired[1]]
    if (
        record.donor
        and _level(record.donor) in ("city", "prefecture", "district", "county")
        and province_money(text, clause, amount)
        and (province := _province_of(record.donor)) is not None
    ):
        record.donor = province  # 其中…省级统筹资金4554.6万元: the province's money
    social = social_gift(text, clause, amount)
    if social and record.donor and not keeps_social_donor(record.donor):
        record.donor = None  # 社会捐赠资金7700多万元: many givers, none alone
        record.evidence.pop("donor", None)
    return social


@cache  # the gazetteer does not change while the process runs
def _level(name: str) -> str | None:
    place = lookup_place(name)
    return place.level if place else None


@cache  # the gazetteer does not change while the process runs
def _province_of(name: str) -> str | None:
    """The province (or municipality) a listed city or district lies in."""
    return next((a for a in ancestors_of(name) if _level(a) in ("province", "municipality")), None)
