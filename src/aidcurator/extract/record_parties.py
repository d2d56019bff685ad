"""The article's parties: which places give and which receive, what the article names most, venues."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cache

from aidcurator.domain import CandidateRecord, Mention, MentionKind
from aidcurator.extract.main_votes import drop_donor_homes, gives_or_funds, receiving_names
from aidcurator.extract.parties import is_dateline, is_example, is_venue_around, thanks_china
from aidcurator.extract.party_clauses import foreign_gives, gives_after
from aidcurator.extract.places import (
    ancestors_of,
    is_paired,
    lookup_place,
    pairing_for,
    place_by_id,
    place_in_china,
    smallest_common_place,
)
from aidcurator.extract.recipient_places import listed_holder
from aidcurator.extract.record_merge import is_conversion
from aidcurator.extract.record_rules import record_rules, without_pinyin

_REGION_LEVELS = {"region", "country"}
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


def side(place: Mention) -> str:
    """``donor`` or ``recipient`` (or the role hint the place carries): the side the place stands on."""
    data = place.data
    return data.get("role_hint") or _role_of(data.get("id", ""))


@cache  # the gazetteer does not change while the process runs
def _role_of(place_id: str) -> str:
    """The gazetteer row's side of the place with this id (``recipient`` when none)."""
    row = place_by_id(place_id)
    return row.role if row else "recipient"


def is_china(place: Mention) -> bool:
    """Whether the place is China itself."""
    return place.data.get("name") == "中国"


@dataclass
class Parties:
    """A donor-side and a recipient-side place, either may be missing."""

    donor: Mention | None
    recipient: Mention | None


class PlacesByLevel:
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
class Context:
    """What the whole article says about its parties."""

    main: Parties
    lead: CandidateRecord | None
    places: PlacesByLevel
    tails: dict[str, Mention]  # 四川 → 芦山县 where the article writes 四川雅安芦山 (parties.chain_tails)
    foreign: Mention | None  # the foreign country the article names most (first named on a tie)
    cues: str = ""  # the text with pinyin residue taken out of word runs, for cue words (record_rules)
    home: Mention | None = None  # the outlet's home place (四川日报 → 四川省): 我省 in its text


def pick_parties(places: list[Mention], anchor: int, text: str) -> Parties:
    """Nearest donor-side and recipient-side places; foreign aid: China gives, the country receives."""

    def distance(m: Mention) -> int:
        return min(abs(m.start - anchor), abs(anchor - m.end))

    ordered = sorted(places, key=distance)
    countries = [  # (_is_country and not is_china)
        m for m in places if (data := m.data).get("level") == "country" and data.get("name") != "中国"
    ]
    if countries and thanks_china(
        text, places
    ):  # 斯里兰卡总统向中国政府提供的援助表示感谢: China still gives
        china = next(m for m in ordered if is_china(m))
        thanker = min(countries, key=distance)
        return Parties(china, thanker)
    foreign_givers = [m for m in countries if foreign_gives(text, m)]
    if foreign_givers:  # 某国政府…无偿援助若干万美元用于我省灾后重建: Japan gives, China's side receives
        giver = min(foreign_givers, key=distance)
        takers = [m for m in ordered if is_china(m) or (not _is_country(m) and _in_china(m))]
        return Parties(giver, takers[0] if takers else None)
    abroad = next(  # (countries: the places that are a country other than China, in text order)
        (m for m in countries if _TO_BEFORE.search(text, max(0, m.start - 12), m.start)),
        None,
    )
    at_home = (  # 云南省政府向缅甸捐赠, Yunnan donated … to Myanmar: a place in China before the country gives
        [m for m in places if m.end <= abroad.start and not _is_country(m) and _in_china(m)]
        if abroad is not None
        else []
    )
    if at_home:
        return Parties(at_home[-1], abroad)
    china_takes = [
        m for m in places if m.data.get("name") == "中国" and m.data.get("role_hint") == "recipient"
    ]  # (is_china)
    before_china = (  # 英国国际发展部（DFID）向中国提供: a donor country before 向中国 gives
        [
            m
            for m in countries
            if _row_role(m) in ("donor", "both")
            and m.end <= china_takes[0].start
            and not thanks_china(text, [m, china_takes[0]])
        ]
        if china_takes
        else []
    )
    if any(m.data.get("role_hint") == "donor" for m in countries) or before_china:  # (_foreign_giver)
        givers = [m for m in ordered if _foreign_giver(m)] or before_china[-1:]
        takers = [
            m
            for m in ordered
            if is_china(m)
            or (_is_country(m) and side(m) != "donor" and m.data.get("name") != givers[0].data.get("name"))
        ]
        return Parties(givers[0], takers[0] if takers else None)
    donors: list[Mention] = []
    recipients: list[Mention] = []  # (one pass: a place is on one side or the other)
    for m in ordered:
        (donors if side(m) == "donor" or m.data.get("name") == "中国" else recipients).append(m)
    names = {m.data.get("name", "") for m in donors}
    held = {a for name in names for a in ancestors_of(name)}
    if held & names:  # Taizhou, a city in Jiangsu: the city's team gives
        donors = [m for m in donors if m.data.get("name") not in held] + [
            m for m in donors if m.data.get("name") in held
        ]
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
                and not is_china(m)  # 香港…中国: a region of China does not give to China
                and m.data.get("name") not in ancestors_of(first_name)
                and first_name not in ancestors_of(m.data.get("name", ""))
            ),
            None,
        )
        if (
            other is not None
            and not _listed_together(first, other, text)  # not 泰州, a city in 江苏
            and not gives_after(text, other)  # 北京市共安排…，天津市共安排…: both give
        ):
            return Parties(first, other)
        # 香港…中国: Hong Kong gives, not China
        donors = [m for m in donors if not is_china(m)] + [m for m in donors if is_china(m)]
    recipient = None
    if recipients:
        # the most specific place near the amount: a county beats the region it lies in
        near = [m for m in recipients if distance(m) <= distance(recipients[0]) + 40]
        recipient = min(near, key=lambda m: (_AREA_RANK.get(m.data.get("level", ""), 3), distance(m)))
    return Parties(donors[0] if donors else None, recipient)


_TO_BEFORE = re.compile(r"(?:\bto\s+(?:the\s+)?|向(?:\([^()\s]{1,8}\))?\s*)$")  # to Myanmar, 向(xiàng)缅甸


def _hinted(place: Mention, role: str) -> bool:
    return place.data.get("role_hint") == role


@cache  # the gazetteer does not change while the process runs
def _in_china_name(name: str) -> bool:
    return place_in_china(name)


def _in_china(place: Mention) -> bool:
    return _in_china_name(place.data.get("name", ""))


def _row_role(place: Mention) -> str | None:
    row = place_by_id(place.data.get("id", ""))
    return row.role if row else None


def _foreign_giver(place: Mention) -> bool:
    """A foreign country the words around it make the giver (``Germany will offer``, ``aid from Japan``)."""
    return _is_country(place) and not is_china(place) and place.data.get("role_hint") == "donor"


_LIST_MARKS = ("、", ",", "，", "和", "及", "and", ", and")  # not 与: 江苏省与陕西省协作 is a pair


def _listed_together(first: Mention, other: Mention, text: str) -> bool:
    """``湖南、浙江``, ``Guangdong and Fujian``: two places joined by a list mark give side by side; neither
    receives. Not a place
    and the province it lies in (``Shenzhen, Guangdong province``)."""
    if other.start <= first.end or text[first.end : other.start].strip() not in _LIST_MARKS:
        return False
    one, two = first.data.get("name", ""), other.data.get("name", "")
    return one not in ancestors_of(two) and two not in ancestors_of(one)


def in_donor_list(text: str, places: list[Mention], index: int, sides: list[str] | None = None) -> bool:
    """Whether the donor-side place at ``index`` is listed with another one (``湖南、浙江``).

    ``sides``: :func:`side` of each place, when known."""
    place = places[index]
    for other_index in (index - 1, index + 1):
        if other_index < 0 or other_index >= len(places):
            continue
        other = places[other_index]
        other_side = sides[other_index] if sides is not None else side(other)
        if other_side == "donor" and other.data.get("name") != place.data.get("name"):
            first, second = (other, place) if other.start < place.start else (place, other)
            if _listed_together(first, second, text):
                return True
    return False


def main_parties(text: str, places: list[Mention]) -> Parties:
    """The article's most named donor and recipient (earlier mentions weigh a little more).

    A place named as an example of a group (江苏等9省市) does not vote, and the main donor never
    receives (澳门各界…澳门: the giver's own name does not make it the recipient)."""
    donor_votes: Counter[str] = Counter()
    recipient_votes: Counter[str] = Counter()
    first_seen: dict[str, Mention] = {}
    taking = receiving_names(places)
    sides = ["recipient" if p.data.get("name") in taking else side(p) for p in places]
    cues = without_pinyin(text)  # 甲市对(duì)口帮扶资金 reads 甲市对口帮扶资金
    sides = [  # a receiving place its clause shows giving (甲市对口帮扶资金, 甲市帮扶) votes for neither side
        "giving" if s == "recipient" and gives_or_funds(cues, p, places) else s
        for p, s in zip(places, sides, strict=True)
    ]
    abroad = [p for p in places if _is_country(p) and not is_china(p)]
    givers_abroad = {p.data.get("name") for p in abroad if foreign_gives(text, p)}
    if givers_abroad and all(p.data.get("name") in givers_abroad for p in abroad):
        # 日本政府…捐赠 with no other foreign country: Japan gives, China receives
        sides = [
            "donor" if p.data.get("name") in givers_abroad else s for p, s in zip(places, sides, strict=True)
        ]
    china_gives = not givers_abroad or not all(p.data.get("name") in givers_abroad for p in abroad)
    for index, place in enumerate(places):
        data = place.data
        name = data.get("name", "")
        if name not in first_seen:
            first_seen[name] = place
        if is_example(text, place) or sides[index] == "giving":
            continue
        weight = 2 if index < 3 else 1
        if sides[index] == "donor" or (name == "中国" and china_gives):  # (is_china)
            if in_donor_list(text, places, index, sides):
                continue  # 湖南、浙江两省的资金: one of several donors, not the article's
            donor_votes[name] = donor_votes.get(name, 0) + weight
        elif (level := data.get("level", "")) != "region":  # (a country, or not a region)
            recipient_votes[name] = (
                recipient_votes.get(name, 0) + weight + (1 - _AREA_RANK.get(level, 3) / 10)
            )
    donor = first_seen[donor_votes.most_common(1)[0][0]] if donor_votes else None
    if donor is not None:
        recipient_votes.pop(donor.data.get("name", ""), None)
        drop_donor_homes(recipient_votes, donor.data.get("name", ""))
    recipient = first_seen[recipient_votes.most_common(1)[0][0]] if recipient_votes else None
    if recipient is not None:  # 某市甲县、乙县和丙区, each named as often: the place holding them
        top = recipient_votes[recipient.data.get("name", "")]
        tied = [name for name, votes in recipient_votes.items() if abs(votes - top) < 1e-9]
        common = smallest_common_place(tied) if len(tied) > 1 else None
        if common is not None and common in first_seen and common in recipient_votes:
            recipient = first_seen[common]
        recipient = (
            listed_holder(text, places, recipient) or recipient
        )  # 赴甲县、乙县、丙县: their prefecture
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
            for p, p_side in zip(places, sides, strict=True)
            if p_side not in ("donor", "giving")
            and not is_china(p)
            and p.data.get("name") != giver
            and not is_example(text, p)
        ]
        recipient = regions[0] if regions else None
    return Parties(donor, recipient)


def main_foreign(places: list[Mention]) -> Mention | None:
    """The foreign country named most often (the first named on a tie), if any."""
    votes: Counter[str] = Counter()
    first_seen: dict[str, Mention] = {}
    for place in places:
        if _is_country(place) and not is_china(place):
            name = place.data.get("name", "")
            votes[name] += 1
            first_seen.setdefault(name, place)
    return first_seen[votes.most_common(1)[0][0]] if votes else None


def _is_country(place: Mention) -> bool:
    return place.data.get("level") == "country"


def is_venue(text: str, place: Mention) -> bool:
    """Whether the place only says where the report comes from (新华社福州3月11日电, 来源：青海日报), where a
    meeting was held (在成都召开), or names an organisation the money is passed on through (channel)."""
    rules = record_rules()
    start, end = place.start, place.end
    return bool(
        place.data.get("role_hint") == "channel"
        or rules.venue_after.match(text, end, end + 30)  # (an end past the text stops at its end)
        or rules.venue_before.search(text, max(0, start - 8), start)
        or is_venue_around(text, place)
        or (start < 400 and is_dateline(text, place))  # (a dateline opens the story: its quick test first)
    )


@cache  # the gazetteer does not change while the process runs
def place_is_xinjiang(name: str) -> bool:
    """Whether a canonical place name lies in Xinjiang (the pairing table covers only those)."""
    place = lookup_place(name)
    return bool(place and place.id.startswith("xj-"))


def party_segment(
    text: str,
    amounts: list[Mention],
    index: int,
    segment: tuple[int, int],
    sentence_end: int,
    mentions: list[Mention],
) -> tuple[int, int]:
    """The amount's stretch of the sentence for its parties: a conversion right after it (``120 billion
    yuan ($17.5 billion) … poured into the region``) restates it and does not end the stretch, unless
    the stretch already names a place before the amount (``10 million yuan to Guinea as part of…``)."""
    following = index + 1
    while following < len(amounts) and is_conversion(text, amounts[following - 1], amounts[following]):
        following += 1
    if following == index + 1 or any(
        p.kind is MentionKind.PLACE and segment[0] <= p.start < amounts[index].start for p in mentions
    ):
        return segment
    stop = amounts[following].start if following < len(amounts) else len(text)
    return segment[0], min(stop, sentence_end)
