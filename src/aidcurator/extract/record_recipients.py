"""Donor and recipient of one amount: from its own stretch of the sentence, else the article's fallbacks."""

from __future__ import annotations

from bisect import bisect_left
from functools import cache
from operator import attrgetter

from aidcurator.domain import CandidateRecord, Mention, Span
from aidcurator.extract.fallback_recipients import fallback_recipient, only_pairing
from aidcurator.extract.main_votes import receiving_names
from aidcurator.extract.parties import (
    currency_country,
    currency_home,
    disaster_region,
    group_givers,
    group_is_programme,
    group_recipient,
    home_word,
    pairing_area,
    programme_pairing,
    shares_from,
)
from aidcurator.extract.party_clauses import (
    adjust_donor,
    aid_to_china,
    apart_from,
    clause_county,
    clause_giver,
    county_tail,
    disaster_named,
    donor_district,
    gives_after,
    is_origin,
    money_of,
)
from aidcurator.extract.places import (
    ancestors_of,
    donors_for,
    is_paired,
    lookup_place,
    place_in_china,
)
from aidcurator.extract.recipient_places import country_name, recipient_of, tail_stands_in
from aidcurator.extract.record_parties import (
    Context,
    Parties,
    in_donor_list,
    is_china,
    pick_parties,
    place_is_xinjiang,
    side,
)
from aidcurator.extract.record_rules import programme_region, record_rules
from aidcurator.extract.sentence_recipients import contracted_place, own_scope, rest_of_sentence
from aidcurator.extract.unlisted_parties import (
    central_giver,
    county_after,
    embassy_gives,
    enterprise_donor,
    lender_from,
    organisation_giver,
    sentence_start,
    unlisted_county,
    unlisted_giver,
)

_START = attrgetter("start")
_XINJIANG = "新疆维吾尔自治区"
_DISTRICT_HOLDERS = ("municipality", "city", "prefecture")
_COUNTY_LEVELS = ("county", "city", "district")
_WIDE_LEVELS = ("province", "prefecture", "region")


def fill_parties(
    record: CandidateRecord,
    text: str,
    places: list[Mention],
    segment: tuple[int, int],
    sentence_end: int,
    amount: Mention,
    context: Context,
    parent: CandidateRecord | None,
) -> None:
    """Donor and recipient of one amount.

    The donor is the nearest donor-side place in the sentence, else the article's main donor (never
    China for a place in China). The recipient comes from the amount's own stretch of the sentence, else
    (for a share) its parent, else the rest of the sentence; several named places give the smallest place
    holding them all. A group of receivers named in the sentence (受灾国家, three listed countries) leaves
    it empty; else :func:`fallback_recipient` stands in. A province the article writes with a place
    inside it (四川雅安芦山) stands for that place (parties.chain_tails).
    """
    words = context.cues or text  # 对(duì)外提供 reads 对外提供
    places = [m for m in places if not is_origin(words, m)]  # 出生于四川的香港企业家: no party
    shares = shares_from(
        words, amount, sentence_end
    )  # 60亿元，其中上海市援助20亿元: Shanghai gives the share only
    near = pick_parties([m for m in places if m.start < shares], amount.start, text)
    givers = (  # Guangdong, China: a place and its country, no list
        [m for m in places if m.data.get("name") != "中国"] if near.donor is not None else []  # (is_china)
    )
    listed = near.donor in givers and in_donor_list(text, givers, givers.index(near.donor))
    group = listed or group_givers(words, segment[0], amount.start)
    subject = clause_giver(
        words,
        [m for m in places if (side(m) == "donor" or money_of(words, m, places)) and not is_china(m)],
        segment[0],
        amount.span,
    )
    if (
        subject is not None
        and near.donor is not None
        and listed
        and subject.end <= amount.start < near.donor.start
    ):
        group = False  # 甲省将帮扶600万元，乙、丙两市将分别帮扶…: the clause's giver, not the list after it
    if group:  # 天津、青岛、福州、厦门四市…共投入: several givers, none alone
        near = Parties(None, near.recipient)
    elif subject is not None:
        near = Parties(subject, near.recipient)  # …，某市共安排帮扶资金若干亿元: the clause's own giver
    donor = near.donor
    main_donor = context.main.donor
    if donor is None and not group:
        donor, group = _paragraph_donor(text, context.places.places, amount)
    if (
        donor is None
        and not group
        and main_donor is not None
        and (main_donor.start < min(sentence_end, shares) or is_china(main_donor))
    ):
        donor = main_donor  # a province the article first names after this sentence is not its donor
    home = home_word(words, segment[0], amount.start, context.home)
    if near.donor is None and not group and home is not None and home[0] == "donor":
        donor = context.home  # 我省今年安排援疆资金… in 浙江日报: the outlet's province gives
    donor_name = donor.data.get("name") if donor is not None else None
    if donor is not None:
        donor_name = home[1] if home is not None and donor is context.home else donor_name
        record.donor = donor_name
        record.evidence["donor"] = [donor.span]
        if (
            donor is near.donor
            and _place_level(donor_name) in _DISTRICT_HOLDERS
            and (district := donor_district(words, donor)) is not None
        ):  # 上海市普陀区…帮扶资金: the district gives
            record.donor, record.evidence["donor"] = district[0], [district[1]]
    if (firm := enterprise_donor(context.cues or text, amount.start)) is not None:
        donor_name, span = firm  # 宝钢集团对口援藏项目133个、援藏资金2.78亿元: the firm gives
        record.donor, record.evidence["donor"] = donor_name, [span]
    elif (giver := unlisted_giver(context.cues or text, amount, donor, main_donor)) and (
        near.donor is None or giver[1].start <= near.donor.start < giver[1].end
    ):  # (某市某某房地产有限公司捐助: the place inside the firm's name is the firm's)
        donor_name, span = giver  # 某集团…向某县捐出帮扶资金480万元: a firm the gazetteer does not list
        record.donor, record.evidence["donor"] = donor_name, [span]
    china_after: Mention | None = None
    if (near.donor is None or is_china(near.donor)) and (
        lender := organisation_giver(context.cues or text, amount.span, places, segment[1])
    ):
        donor_name, span, china_after = (
            lender  # 世界银行向中国提供1亿美元贷款: the bank gives, China receives
        )
        record.donor, record.evidence["donor"] = donor_name, [span]
    elif (near.donor is None or not is_china(near.donor)) and (
        lent := lender_from(context.cues or text, amount.span, segment)
    ) is not None:
        record.donor, record.evidence["donor"] = lent[0], [lent[1]]  # a loan from the Asian Development Bank
    if (
        record.donor == "中国"
        and (lead := context.lead) is not None
        and (firm := lead.donor or "").startswith("中国")
        and any(words.startswith(firm, sp.start) for sp in record.evidence.get("donor", []))
    ):
        record.donor = firm  # 中国某某 named as the giver before: its China is the firm's
    before = record.donor
    own_start = sentence_start(words, amount.start)
    social = adjust_donor(record, words, group, own_start, segment[0], amount.span)
    donor_name = record.donor
    group = group or (social and before is not None and record.donor is None)  # no donor to infer
    inferred: list[str] = []
    blocked = {donor_name, *ancestors_of(donor_name)} if donor_name else set()  # 泰州, a city in 江苏
    apart = apart_from(words, own_start, sentence_end)
    candidates = [
        m
        for m in places
        if side(m) != "donor"
        and not is_china(m)
        and m.data.get("name") not in blocked
        and not any(sp.start <= m.start < sp.end for sp in apart)  # Apart from helping Town A, …
    ]
    own = own_scope(text, amount, segment, own_start, next_in_sentence=segment[1] < sentence_end)
    recipient, spans = recipient_of(text, [m for m in candidates if own[0] <= m.start < own[1]])
    if recipient is None and not spans and (short := contracted_place(words, context.places.places, *own)):
        recipient, spans = short[0], [short[1]]  # 甲乙丙三市 for three cities named before: their province
    if near.recipient is not None and is_china(near.recipient) and donor is near.donor and donor is not None:
        china_after = near.recipient  # 日本政府向中国提供…用于贵州: China receives
    if china_after is not None:
        inside = [m for m in places if 0 <= m.start - china_after.end <= 3 and not is_china(m)]
        taker = inside[0] if inside and place_in_china(inside[0].data.get("name", "")) else china_after
        recipient, spans = taker.data.get("name"), [taker.span]  # China's Some province: the province
    if (
        parent is not None
        and parent.recipient is not None
        and (recipient is None or recipient in ancestors_of(parent.recipient))
    ):
        recipient, spans = parent.recipient, list(parent.evidence.get("recipient", []))  # a share is no wider
    if (
        (recipient is None or _place_level(recipient) in _WIDE_LEVELS)
        and (county := clause_county(words, segment[0], amount.span)) is not None
        and not any(county[1].end <= m.start < amount.start for m in candidates)
    ):
        recipient, spans = county[0], [county[1]]  # 某川县某幼儿园由…安排300万元: the project's county
    if (
        len(spans) == 1
        and _place_level(recipient) in ("province", "prefecture")
        and (county := county_after(words, spans[0].end))
    ):
        recipient, spans = county[0], [county[1]]  # 向贵州从江县捐赠: the county inside the province
    if recipient is None and not spans:  # the rest of the sentence, not the shares after 其中
        recipient, spans = rest_of_sentence(
            text, words, [m for m in candidates if m.start < shares], own_start, segment[0]
        )
    shared = [m for m in candidates if shares <= m.start < sentence_end]
    from_shares = recipient is None and not spans and len({m.data.get("name") for m in shared}) > 1
    if from_shares:  # 12亿元，其中喀什…8亿元，兵团第三师4亿元: the place holding the shares' places
        recipient, spans = recipient_of(text, shared)
        recipient, spans = (recipient, spans) if recipient is not None else (None, [])
    paragraph = text.rfind("\n", 0, amount.start) + 1
    home = home_word(words, paragraph, sentence_end, context.home)
    if recipient is None and not spans and home is not None and home[0] == "recipient":
        recipient = home[1]  # 对口支援我省藏区 in 四川日报, URUMQI … the region received: the home receives
    if recipient is None and not spans and (group := group_recipient(words, segment[0], sentence_end)):
        spans = [group]  # 向几个受灾国提供, to the Horn of Africa, 向内地: many receivers, none stands in
        record.flags.update({"group_recipient": True} if group_is_programme(words, group) else {})
    if recipient is None and not spans and (county := unlisted_county(words, segment[0], sentence_end)):
        recipient, spans = county[0], [county[1]]  # 向巧家县捐赠: a county the gazetteer does not list
    if recipient is None and not spans:
        recipient, spans, inferred_recipient = fallback_recipient(
            text, amount, segment, sentence_end, record, donor_name, blocked, near, context
        )
        if inferred_recipient:
            inferred.append("recipient")
        if recipient is None and not spans and (county := unlisted_county(words, paragraph, amount.start)):
            recipient, spans = county[0], [county[1]]  # the county the paragraph gave to before
        article_home = (
            home_word(words, 0, amount.start, context.home) if recipient is None and not spans else None
        )
        # 对我省…结对帮扶 earlier in a provincial outlet's article: the home receives
        if article_home is not None and article_home[0] == "recipient" and article_home[1] != record.donor:
            recipient = article_home[1]
    if (
        recipient == _XINJIANG
        and not from_shares
        and donor_name
        and (paired := only_pairing(donor_name) or pairing_area(donor_name))
    ):
        recipient, spans = paired, []  # 湖南 in Xinjiang: Hunan aids Turpan only; 上海: its counties of 喀什
        inferred.append("recipient")
    if paired := programme_pairing(recipient, donor_name, spans, Span(segment[0], sentence_end)):
        recipient, spans = paired, []  # 上海市…投入11.1亿元 in a 援藏 report: Shanghai aids 日喀则
        inferred.append("recipient")
    if recipient is not None and recipient == donor_name:  # 澳门各界…捐款: the giver does not receive
        recipient, spans = programme_region(text[segment[0] : sentence_end]), []
    if recipient is None and not spans and record.donor and _is_china_name(record.donor):
        recipient = currency_country(amount.currency)  # China grants 3 million TOP: to Tonga
        if recipient is not None:
            inferred.append("recipient")
    if (
        recipient is not None
        and record.donor
        and (tail := context.tails.get(recipient)) is not None
        and (tail.data.get("level") not in _COUNTY_LEVELS or disaster_named(words, tail.data.get("name", "")))
        and tail_stands_in(words, context.places.places, recipient, tail)
    ):  # a county stands for its prefecture only where a disaster struck it; any place for a bare province
        # only when it is a disaster place or named at least as often
        recipient, spans = tail.data.get("name"), sorted([*spans, tail.span], key=lambda sp: sp.start)
    if (
        recipient is not None
        and (record.donor or social)
        and _place_level(recipient) in ("province", "prefecture")
        and (county := county_tail(words, context.places.places, recipient)) is not None
    ):
        recipient, spans = county[0], [*spans, county[1]]  # 云南省昭通市鲁甸县…鲁甸地震: the county
    if recipient is not None and (wider := disaster_region(text, recipient, spans)) is not None:
        recipient = wider  # 汶川地震灾区: the quake's area, not the county it is named after
    if recipient is None:
        spans = []
    if recipient is not None:
        record.recipient = recipient
        if spans:
            record.evidence["recipient"] = spans
    if (
        record.donor in record_rules().capital_metonyms
        and recipient is not None
        and country_name(recipient)
        and not place_in_china(recipient)
    ):  # Beijing would write off loans to the DRC: the capital stands for China
        record.donor = record_rules().capital_metonyms[record.donor]
    if record.donor and _is_china_name(record.donor) and recipient is not None and place_in_china(recipient):
        if (
            context.foreign is not None
        ):  # China aids the foreign country; 云南 or 广东 is where help comes from
            record.recipient = context.foreign.data.get("name")
            record.evidence["recipient"] = [context.foreign.span]
        else:  # Chinese provinces…Xinjiang: China does not aid its own regions, its provinces do
            record.donor = None
            record.evidence.pop("donor", None)
    aid_to_china(record, words, context.places.places, context.foreign)  # ODA loans to China: Japan gives
    if record.donor is None and not group and (unit := central_giver(words, amount.span)) is not None:
        abroad = record.recipient and country_name(record.recipient) and not place_in_china(record.recipient)
        record.donor = "中国" if abroad else unit[0]  # 某部安排资金…落实某县项目; abroad it acts for China
        record.evidence["donor"] = [unit[1]]
    if not group and (embassy := embassy_gives(words, amount.span)) is not None:
        _embassy_gives(record, embassy)
    if record.recipient and record.donor is None and not social:
        rows = donors_for(record.recipient)
        if len({r.donor for r in rows}) == 1:
            record.donor = rows[0].donor
            inferred.append("donor")
    home = currency_home(amount.currency) if record.donor is None and not group else None
    if home is not None and home != record.recipient:  # 特区政府拨款3亿港元 under a Hong Kong dateline
        record.donor = home
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


def _embassy_gives(record: CandidateRecord, embassy: Span) -> None:
    """China's embassy or firms abroad give (驻某国使馆…向某国政府捐赠): the donor is China, with the mission's
    name as evidence. The country in the mission's name (驻甲国) is where it sits, no giver: it receives
    when the record has no other receiver than China."""
    spans = record.evidence.get("donor", [])
    if (
        record.donor is not None
        and spans
        and all(embassy.start <= s.start and s.end <= embassy.end for s in spans)
    ):
        host, record.donor = record.donor, None
        if record.recipient is None or _is_china_name(record.recipient):
            record.recipient, record.evidence["recipient"] = host, list(spans)
    if (
        record.donor is None
        and record.recipient
        and country_name(record.recipient)
        and not place_in_china(record.recipient)
    ):
        record.donor = "中国"
        record.evidence["donor"] = [embassy]


def _paragraph_donor(text: str, places: list[Mention], amount: Mention) -> tuple[Mention | None, bool]:
    """The last donor-side place named earlier in the amount's paragraph (香港多个团体…；宣明会调拨300万元):
    a clause without a place of its own gives for the place its paragraph names last, unless the article
    shows that place only receiving (支援甲省 and never 甲省援…). When that place is
    one of a list (甲、乙两省对口支援…；资金共计3亿元), or two places of the paragraph each give in
    their own clause (甲省对口支援某州，乙省对口支援某县), the donors are a group: no donor, and ``True``
    says so."""
    start = text.rfind("\n", 0, amount.start) + 1
    # the places from the paragraph's start to the amount (``places`` come in text order): found by
    # bisection, not a pass over the article's places for each amount (quadratic in a long text)
    first = bisect_left(places, start, key=_START)
    taking = receiving_names(places)  # (支援甲省 and never 甲省援…: 甲省 receives wherever named)
    before = [
        (index, place)
        for index in range(first, bisect_left(places, amount.start, first, key=_START))
        if side(place := places[index]) == "donor"
        and not is_china(place)
        and place.data.get("name") not in taking
    ]
    if before and in_donor_list(text, places, before[-1][0]):
        return None, True
    giving = {p.data.get("name", "") for _, p in before if gives_after(text, p)}
    if len(giving) > 1 and not any(a in giving for g in giving for a in ancestors_of(g)):
        return None, True  # 甲省对口支援某州，乙省对口支援某县…；累计投入8亿元: both give, neither alone
    single = [place for index, place in before if not in_donor_list(text, places, index)]
    return (pick_parties(single, amount.start, text).donor if single else None), False


@cache  # the gazetteer does not change while the process runs
def _place_level(name: str | None) -> str | None:
    place = lookup_place(name) if name else None
    return place.level if place else None


def _is_china_name(name: str) -> bool:
    return name == "中国"
