"""What an amount is: not aid money at all, its record kind and share links (amount kind: amount_kinds; breakdowns: breakdowns)."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from functools import cache

from aidcurator.domain import (
    AmountKind,
    CandidateRecord,
    Mention,
    MentionKind,
    RecordKind,
    Span,
)
from aidcurator.extract.not_aid import CLAUSE_BREAK
from aidcurator.extract.places import ancestors_of
from aidcurator.extract.record_parties import is_china, side
from aidcurator.extract.record_rules import CJK, programme_region, record_rules
from aidcurator.extract.rules import load_rules
from aidcurator.extract.sentences import SentenceIndex
from aidcurator.extract.unlisted_parties import is_lender


@cache
def _list_label_end() -> re.Pattern[str]:
    """A list line's label ends in a separator, maybe followed by a qualifier word (``教育：约``)."""
    amounts = load_rules()
    qualifiers = sorted({*amounts.zh_prefix_qualifiers, *amounts.en_prefix_qualifiers}, key=len, reverse=True)
    alternation = "|".join(re.escape(q) for q in qualifiers)
    return re.compile(rf"(?:[：:|\t\u3000]|\s{{2,}})\s*(?:{alternation})?\s*$", re.IGNORECASE)


def list_parent(
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
        if previous.endswith(record_rules().list_intro_endings):
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


def default_kind(records: list[CandidateRecord]) -> None:
    """An amount no cue decided takes the rule file's default kind (``kind_default``), flagged."""
    default = record_rules().kind_default
    if default is AmountKind.UNKNOWN:
        return
    for record in records:
        for amount in record.amounts:
            if amount.kind is AmountKind.UNKNOWN:
                amount.kind = default
                record.flags["kind_default"] = True


def extend_to_now(record: CandidateRecord, cues: str, sentence: Span, reference: dt.date | None) -> None:
    """A cumulative total counted from one past year (自2010年…启动以来, since the round began in 2010)
    runs to the reference year. The since word stands between the year (or just before it) and the
    amount: one after the amount (群众自筹) says nothing of the year."""
    if reference is None or record.year_start is None or record.year_end != record.year_start:
        return
    years, amounts = record.evidence.get("year") or [], record.evidence.get("amount") or []
    if not years or not amounts:
        return
    year, amount = years[0], amounts[0]
    if year.start < amount.start:  # from the start of the year's clause (Since the round began in 2010)
        lo = max(sentence.start, year.start - SINCE_BEFORE_YEAR)
        for match in CLAUSE_BREAK.finditer(cues, lo, year.start):
            lo = match.end()
        hi = amount.start
    else:
        lo, hi = amount.end, min(sentence.end, year.end + SINCE_BEFORE_YEAR)
    window = cues[lo:hi]
    if record.year_start < reference.year and (
        record_rules().since_words.zh.search(window) or record_rules().since_words.en.search(window)
    ):
        record.year_end = reference.year


SINCE_BEFORE_YEAR = 90  # characters: at most this far before the year (its clause), or after it


def _inside(spans: list[Span], sentence: Span) -> bool:
    return any(sentence.start <= span.start < sentence.end for span in spans)


def _listed_donors(
    sentence_text: str, in_sentence: list[Mention], sentence_start: int, record: CandidateRecord
) -> str | None:
    """Two donor-side places joined by a list word before the amount (``北京、福建已向某省…``, ``江苏和浙江``),
    as written, or None; the last two donors named before the amount (其中上海市72.8亿元: one donor's share).
    Not a place and the province it lies in, not China, not the record's recipient."""
    end = record.amounts[0].span.start
    donors = [
        m
        for m in in_sentence
        if m.kind is MentionKind.PLACE and m.end <= end and side(m) == "donor" and not is_china(m)
    ]
    for first, second in itertools.pairwise(donors[-2:]):  # the donors nearest the amount
        one, two = first.data.get("name", ""), second.data.get("name", "")
        gap = sentence_text[first.end - sentence_start : second.start - sentence_start].strip()
        if (
            gap in record_rules().donor_list_joiners
            and one != two
            and record.recipient not in (one, two)  # 江苏省与陕西省协作: a giver and its partner
            and one not in ancestors_of(two)
            and two not in ancestors_of(one)
        ):
            return sentence_text[first.start - sentence_start : second.end - sentence_start]
    return None


def _each_giver(sentence_text: str, record: CandidateRecord, sentence_start: int) -> bool:
    """Whether the amount is what each of the givers listed before it gives (甲、乙、丙三市将分别帮扶…万元):
    one giver's sum, no total of the list."""
    start = record.amounts[0].span.start - sentence_start
    return record_rules().each_giver_before.search(sentence_text, max(0, start - 24), start) is not None


def _each_recipient(sentence_text: str, record: CandidateRecord, sentence_start: int) -> bool:
    """Whether the amount is what each receiver of a group gets (向两国各提供…1000万元): no programme."""
    start = record.amounts[0].span.start - sentence_start
    return record_rules().each_recipient_before.search(sentence_text, max(0, start - 16), start) is not None


def _many_countries_named(in_sentence: list[Mention]) -> bool:
    """Whether the sentence names three or more countries besides China (emergency aid to India,
    Indonesia, Thailand and Sri Lanka): aid to many receivers, a programme."""
    names = {
        m.data.get("name")
        for m in in_sentence
        if m.kind is MentionKind.PLACE and m.data.get("level") == "country" and not is_china(m)
    }
    return len(names) >= 3


def _many_givers(
    sentence_text: str, in_sentence: list[Mention], record: CandidateRecord, sentence_start: int
) -> re.Match[str] | None:
    """A many-givers cue between the amount before the record's own in its sentence and it (English: also
    in the rest of its clause, donations totalling HK$150 million from various sectors)."""
    rules = record_rules()
    if is_lender(record.donor):
        return None  # 世行…两笔共若干亿美元贷款: one lender's several loans
    start = _after_previous_amount(in_sentence, record, sentence_start) - sentence_start
    amount = record.amounts[0].span
    found = rules.many_givers.zh.search(sentence_text, start, max(0, amount.start - sentence_start))
    if found is None and not CJK.search(sentence_text):
        end = sentence_text.find(",", amount.end - sentence_start)
        found = rules.many_givers.en.search(sentence_text, start, len(sentence_text) if end < 0 else end)
    if found is not None and sentence_text[max(0, found.start() - 4) : found.start()].endswith(
        rules.many_givers_channels
    ):
        return None  # 某市通过社会捐赠筹集: the donor's own fundraising
    return found


def _after_previous_amount(in_sentence: list[Mention], record: CandidateRecord, sentence_start: int) -> int:
    """Where the amount before the record's own in its sentence ends (the sentence's start if none)."""
    start = record.amounts[0].span.start
    ends = [m.end for m in in_sentence if m.kind is MentionKind.AMOUNT and m.end <= start]
    return max(ends, default=sentence_start)


def _single_works(
    sentence_text: str, sentence_start: int, in_sentence: list[Mention], kind: AmountKind
) -> re.Match[str] | None:
    """One named works the money builds (浙江援建的阿克苏第一人民医院项目投入援疆资金…, 建设喀什大学新校区): a
    project despite the fund's name. The sentence counts nothing, lists no other works (、, 等, 和) and is no
    running total or share; the works is named: a place opens its name."""
    if kind in (AmountKind.CUMULATIVE, AmountKind.SHARE) or any(
        m.kind is MentionKind.COUNT for m in in_sentence
    ):
        return None
    found = list(record_rules().single_works.finditer(sentence_text))
    if not found or any(a.end() != b.start() for a, b in itertools.pairwise(found)):
        return None  # none, or two works apart (人民医院综合楼 is one)
    match = found[-1]
    around = sentence_text[max(0, match.start() - 6) : match.end() + 8]
    if any(mark in around for mark in "、等和及与"):
        return None
    named = any(  # a name opens with a place: 阿克苏第一人民医院, 喀什大学新校区 (团场学校 is no name)
        m.kind is MentionKind.PLACE
        and 0 <= match.start() - (m.end - sentence_start) <= 8
        and not _NAME_BREAK.search(sentence_text, m.end - sentence_start, match.start())
        for m in in_sentence
    )
    return match if named else None


_NAME_BREAK = re.compile(r"[\s,，。；;：:、（）()“”]")


def _programme_words(sentence_text: str, sector: str | None, in_sentence: list[Mention]) -> bool:
    """A programme cue in the sentence: a fund's name or a bundle word; for the one amount of its sentence
    in a one-off sector (emergency relief: one gift, whatever the fund is called) only a bundle word (total
    relief, 一批项目); a list of amounts (funds, donations and relief goods) stays a bundle."""
    rules = record_rules()
    one_off = sector in rules.one_off_sectors and sum(m.kind is MentionKind.AMOUNT for m in in_sentence) == 1
    cues = rules.programme_bundle if one_off else rules.programme
    return bool(cues.zh.search(sentence_text) or cues.en.search(sentence_text))


def fill_record_kind(
    record: CandidateRecord, sentence_text: str, in_sentence: list[Mention], kind: AmountKind, sentence: Span
) -> None:
    """Aggregate (many donors or the whole region), programme (a bundle or a period plan) or project."""
    rules = record_rules()
    aggregate = rules.aggregate.zh.search(sentence_text) or rules.aggregate.en.search(sentence_text)
    listed = (
        None
        if aggregate or _each_giver(sentence_text, record, sentence.start)
        else _listed_donors(sentence_text, in_sentence, sentence.start, record)
    )
    received = (
        None
        if aggregate or listed or record.donor is not None
        else rules.received_from_many.search(
            sentence_text, 0, max(0, record.amounts[0].span.start - sentence.start)
        )
    )  # 某区累计引进对口支援资金…: what a receiver brought in from donors it does not name
    if (
        aggregate
        or listed
        or received
        or (record.recipient in rules.donorless_regions and record.donor is None)
    ):
        record.record_kind = RecordKind.AGGREGATE
        record.flags["aggregate_cue"] = (
            aggregate.group() if aggregate else listed or (received.group() if received else "region-wide")
        )
        if listed and "donor" not in record.flags.get("inferred", []):
            record.donor = None  # 北京、福建已向某省累计投入…: two donors, no single one
            record.evidence.pop("donor", None)
        region = next(
            (m for m in in_sentence if m.kind is MentionKind.PLACE and m.data.get("level") == "region"), None
        )
        if region is not None and aggregate:  # "19 provinces … in Xinjiang": the whole region receives
            record.recipient = region.data.get("name")
            record.evidence["recipient"] = [region.span]
        elif (
            aggregate
            and not _inside(record.evidence.get("recipient", []), sentence)
            and ((region_name := programme_region(sentence_text)) is not None or record.donor is not None)
        ) and (region_name is not None or "recipient" in record.flags.get("inferred", [])):
            # 19个援疆省市…到疆110亿元: all donors of a programme give to its region (none named: the
            # place the donorless record already has, 中央单位…向我省 → 陕西省, stays, and so does the
            # article's place, 多个对口援建省市…资金数百亿元 in a 四川 report; one inferred from a
            # single donor's pairing goes)
            record.recipient = region_name
            record.evidence.pop("recipient", None)
        if aggregate and record.donor is not None and "donor" not in record.flags.get("inferred", []):
            record.donor = None  # many donors: no single one
            record.evidence.pop("donor", None)
    elif (
        givers := _many_givers(sentence_text, in_sentence, record, sentence.start)
    ):  # 香港各界…捐款: many givers of one place (since the amount before it: 各界募集善款1亿元，发运物资1800万元)
        record.record_kind = RecordKind.AGGREGATE
        record.flags["aggregate_cue"] = givers.group()
        if record.donor not in rules.whole_region_donors:
            record.donor = None
            record.evidence.pop("donor", None)
    elif (record.n_projects and record.n_projects > 1) or (
        record.year_end
        and record.year_start
        and record.year_end > record.year_start
        and kind is not AmountKind.CUMULATIVE
    ):
        record.record_kind = RecordKind.PROGRAMME
    elif project := (
        rules.project.zh.search(sentence_text)
        or rules.project.en.search(sentence_text)
        or _single_works(sentence_text, sentence.start, in_sentence, kind)
    ):
        record.record_kind = (
            RecordKind.PROJECT
        )  # 该项目投入北京援疆资金…: one project despite the fund's name
        record.flags["project_cue"] = project.group()
    elif (
        kind is AmountKind.CUMULATIVE
        or (
            record.flags.get("group_recipient") and not _each_recipient(sentence_text, record, sentence.start)
        )
        or _many_countries_named(in_sentence)
        or rules.many_countries.search(sentence_text)
        or _programme_words(sentence_text, record.sector, in_sentence)
    ):
        record.record_kind = RecordKind.PROGRAMME
        if (
            kind is not AmountKind.CUMULATIVE
            and not record.flags.get("group_recipient")
            and _programme_words(sentence_text, record.sector, in_sentence)
        ):  # a fund's name or a bundle word: a headline retelling the figure takes it (record_checks)
            record.flags["programme_cue"] = True


def part_of_pledge(
    text: str,
    amount: Mention,
    previous_end: int,
    records: list[CandidateRecord],
    parent_index: int | None,
    sentence: Span,
) -> bool:
    """Whether the amount is the part in place of a pledged or planned total just before it in its
    sentence (对口支援资金80亿元，已到位资金55亿元); ``records[parent_index]`` is that total."""
    if parent_index is None:
        return False
    parent = records[parent_index]
    if parent.amounts[0].span.start < sentence.start:
        return False
    if parent.amounts[0].kind not in (AmountKind.COMMITTED, AmountKind.PLANNED):
        return False
    start = max(previous_end, parent.amounts[0].span.end)
    return record_rules().part_of_pledge_before.search(text, start, amount.start) is not None


def follows_rejected(text: str, start: int, end: int) -> bool:
    """Whether the words between a rejected amount (an income, trade, a transfer) and the next amount of
    its sentence (``text[start:end]``) go on about the same figure: no aid word and no kind cue but a
    share one (财政补助收入968亿元，其中…785亿元; trade surpassed 100 billion and reached 79 billion)."""
    rules = record_rules()
    english = not CJK.search(text, start, end)
    if rules.aid.pick(english).search(text, start, end):
        return False
    if rules.raised_from[1 if english else 0][1].match(text, start, end):
        return False  # 从200亿美元提高到300亿美元: the new level is what is given
    return not any(
        cues.pick(english).search(text, start, end)
        for kind, cues in rules.kind_cues.items()
        if kind is not AmountKind.SHARE
    )
