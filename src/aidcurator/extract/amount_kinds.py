"""An amount's kind (planned, committed, spent, cumulative, share …) from the cue words around it."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from aidcurator.domain import AmountKind, CandidateRecord, Mention, Span
from aidcurator.extract.kind_context import (
    agreed,
    as_of_total,
    chinese_words,
    share_chain,
    share_paragraph,
    wrapped_start,
)
from aidcurator.extract.not_aid import CLAUSE_BREAK, Blanked
from aidcurator.extract.record_rules import CJK, Cues, record_rules


def amount_kind(
    text: str,
    sentence: Span,
    amount: Mention,
    previous_end: int,
    next_start: int,
    multi_year: bool,
    blanked: Blanked,
) -> tuple[AmountKind, Span | None]:
    """The amount's kind and the span of the cue word that decided it (None when no cue fired)."""
    kind, cue = _cue_kind(text, sentence, amount, previous_end, next_start, multi_year, blanked)
    if kind in (AmountKind.SPENT, AmountKind.UNKNOWN) and (signed := agreed(text, sentence, amount, blanked)):
        return AmountKind.COMMITTED, signed  # Ruritania signed two agreements, a loan worth $5 million
    if (
        cue is None
        and kind in (AmountKind.SPENT, AmountKind.UNKNOWN)
        and previous_end > sentence.start
        and (raised := record_rules().raised_from[0][1].match(text, previous_end, amount.start))
    ):  # 补助标准由1亿元提高到1.5亿元: a new level with no verb of giving is what was set, committed
        return AmountKind.COMMITTED, Span(raised.start(), raised.end())
    return kind, cue


def _cue_kind(
    text: str,
    sentence: Span,
    amount: Mention,
    previous_end: int,
    next_start: int,
    multi_year: bool,
    blanked: Blanked,
) -> tuple[AmountKind, Span | None]:
    """The amount's kind from the cue words around it, and the cue's span."""
    rules = record_rules()
    before_start = max(sentence.start, previous_end)
    english = not CJK.search(text, amount.start, amount.end) and not chinese_words(
        text, before_start, amount.start
    )
    if before_start > sentence.start and rules.raised_from[1 if english else 0][1].match(
        text, before_start, amount.start
    ):  # 拟将额度从200亿美元提高到300亿美元: the new level reads the cues before the old one
        breaks = [match.end() for match in CLAUSE_BREAK.finditer(text, sentence.start, before_start)]
        before_start = breaks[-1] if breaks else sentence.start
    window_end = clause_end = amount.end  # English cues may follow the amount ("… China pledged")
    if english and (turn := _last_turn(text, before_start, amount.start)) is not None:
        before_start = turn  # … since the storm struck, but those were preceded by $1 million: a new clause
    if english:
        window_end = min(sentence.end, next_start, amount.end + rules.en_cue_after_window)
        comma = text.find(",", amount.end, window_end)
        clause_end = window_end if comma < 0 else comma
        if relative := rules.en_relative_opener.search(text, amount.end, clause_end):
            clause_end = relative.start()  # a $5 million loan for a road that would link …: the road's verb
    window = blanked.get(english)
    before = (before_start, amount.start)
    whole_before = (wrapped_start(text, sentence.start) if english else sentence.start, amount.start)
    after = (amount.end, clause_end)
    after_clauses = (amount.end, window_end)

    def found(pattern: re.Pattern[str], *parts: tuple[int, int]) -> Span | None:
        for start, end in parts:
            if start < end and (match := pattern.search(window, start, end)):
                return Span(match.start(), match.end())
        return None

    quiet = not found(_any_kind_cue(english), whole_before, after_clauses)  # every range below lies in these
    if not english and not quiet and _next_list_item(window, sentence.start, before):
        # 提供了120亿日元贷款、8亿日元无偿援助和6亿日元技术援助: the words before a later
        # item are the noun of the item before it (援助 there is no cue of this one); a share opener earlier
        # in the sentence still makes a share, otherwise the list goes on with its first item's kind
        cue = found(rules.kind_cues[AmountKind.SHARE].zh, (sentence.start, before[0]))
        return (AmountKind.SHARE, cue) if cue is not None else (AmountKind.UNKNOWN, None)
    announced = (
        rules.announced_before.search(window, max(before[0], amount.start - 40), amount.start)
        if english
        else None
    )
    if quiet and english:
        if announced:
            return AmountKind.COMMITTED, Span(announced.start(), announced.end())
        return AmountKind.UNKNOWN, None
    if not quiet:
        cue = found(rules.share_after.pick(english), after_clauses) or found(
            rules.kind_cues[AmountKind.SHARE].pick(english), whole_before
        )
        if cue is not None:
            return AmountKind.SHARE, cue
    if not english and (
        (cue := share_chain(window, sentence.start)) is not None
        or (cue := share_paragraph(window, sentence.start)) is not None
    ):
        return AmountKind.SHARE, cue  # 。其中，A…；B…；C…: every clause of the chain is a part
    if english and (
        part := rules.partitive_after.match(window, amount.end, min(sentence.end, next_start + 12))
    ):
        return AmountKind.SHARE, Span(part.start(), part.end())  # 800 million dollars of the 1 billion
    if percent := rules.percent_share_before.search(
        window, max(sentence.start, amount.start - 16), amount.start
    ):
        return AmountKind.SHARE, Span(percent.start(), percent.end())  # 援助资金的51.8%（462.78亿元）
    if percent := rules.percent_share_after.match(window, amount.end, min(sentence.end, next_start)):
        return AmountKind.SHARE, Span(percent.start(), percent.end())  # 72.6亿元，占援助总额的8.1%
    after_end = _clause_end(window, amount.end, sentence.end)
    # words after the amount decide only when no other amount follows in its clause (今年的20亿元援疆资金已
    # 拨付15亿元: 已拨付 is the second amount's)
    zh_after = (amount.end, after_end if after_end <= next_start else amount.end)
    if quiet:
        after_kind = _after_cue(window, zh_after)
        if after_kind[1] is None and (budget := _budget(window, before[0], amount.start)) is not None:
            return AmountKind.COMMITTED, budget
        return after_kind
    clause_start = before[0]
    for match in CLAUSE_BREAK.finditer(window, before[0], before[1]):
        clause_start = match.end()
    # the amount's own clause first (按…测算，未来将投入69920万元: planned), then the rest before it
    cumulative = rules.kind_cues[AmountKind.CUMULATIVE].pick(english)
    # a total over years still to come is a plan (十四五期间共计划安排…; a total of … would be provided in 2025
    # and 2026): a weak total word counts only without a planned cue in the amount's clause
    planned_here = found(rules.kind_cues[AmountKind.PLANNED].pick(english), (clause_start, before[1]), after)
    cue = found(cumulative, before, after) or (
        found(rules.weak_cumulative.pick(english), before, after) if multi_year and not planned_here else None
    )
    if cue is not None and not _own_year_after(window, cumulative, before, amount.start):
        return AmountKind.CUMULATIVE, cue
    if not english and (total := as_of_total(window, before)) is not None:
        return AmountKind.CUMULATIVE, total  # 截至去年底，上海共向喀什投入…: a running total
    if english and (total := rules.en_perfect_total.search(window, clause_start, amount.start)):
        return AmountKind.CUMULATIVE, Span(total.start(), total.end())  # has put in a total of $9 million
    own = None
    if english:  # The grant, worth $5 million, was signed …: the verb after the apposition is the amount's
        apposition = clause_start > sentence.start and rules.en_value_apposition.fullmatch(
            window, clause_start, amount.start
        )
        own = _predicate_after(window, amount.end, window_end if apposition else clause_end, bool(apposition))
    if own is None:
        own = _first_cue(english, found, (clause_start, before[1]), after)
    if own is None and not english:
        own = _after_cue(window, zh_after)  # 1.1亿元年度帮扶资金及时到位
        own = None if own[1] is None else own
    if (
        not english
        and (own is None or own[0] is AmountKind.SPENT)
        and (total := _running_total_list(window, sentence.start, before[0], amount.start, cumulative))
    ):  # 累计拨付资金2亿元，另捐赠物资3000万元: the next item of a running total's list is one too
        return AmountKind.CUMULATIVE, total
    if (
        not english
        and (own is None or own[0] is AmountKind.SPENT)
        and clause_start > sentence.start
        and (
            framing := rules.committed_framing.search(
                window, max(sentence.start, clause_start - 12), clause_start
            )
        )
    ):  # 中国政府宣布，向某国提供…: what the clause gives was announced, a commitment
        return AmountKind.COMMITTED, Span(framing.start(), framing.end())
    if (
        not english
        and (own is None or own[0] is AmountKind.SPENT)
        and (decision := _shared_decision(window, sentence.start, before, clause_start)) is not None
    ):  # 宣布由特区政府拨款一亿元、基金会拨款一千万元: the decision opens the clause the list shares
        return AmountKind.COMMITTED, decision
    if (
        not english
        and (own is None or own[0] is AmountKind.SPENT)
        and (decision := _decision_before_colon(window, sentence.start, clause_start)) is not None
    ):  # 中国政府决定再向某国提供三批援助：一是提供价值2000万元的物资…: the items of a decided list
        return AmountKind.COMMITTED, decision
    if announced and (own is None or own[0] is AmountKind.SPENT):
        # China announced 10 million US dollars in emergency aid: the sum announced is a commitment
        return AmountKind.COMMITTED, Span(announced.start(), announced.end())
    if (
        english
        and own is not None
        and own[0] is AmountKind.SPENT
        and rules.en_value_apposition.fullmatch(window, clause_start, amount.start)
        and (main := _first_cue(english, found, (before[0], clause_start), (amount.end, amount.end)))
        and main[0] in (AmountKind.PLANNED, AmountKind.COMMITTED, AmountKind.ESTIMATE)
    ):  # China announced a package for the region, worth $8 billion: the value of what the main clause does
        return main
    if (
        not english
        and own is not None
        and own[0] is AmountKind.SPENT
        and (budget := _budget(window, clause_start, amount.start)) is not None
    ):  # 甲市援建任务资金总量为3亿元: the allotment noun at the amount outweighs the giving verb before it
        return AmountKind.COMMITTED, budget
    if own is not None:
        return own
    main = _first_cue(english, found, (before[0], clause_start), after)
    if main is None and not english and (budget := _budget(window, clause_start, amount.start)) is not None:
        return AmountKind.COMMITTED, budget
    return main or (AmountKind.UNKNOWN, None)


_COMMA = re.compile(r"\s*,")


def _last_turn(text: str, start: int, end: int) -> int | None:
    """Where the last English clause that a contrast word opens (``, but``, ``; while``) starts before the
    amount: cues before it belong to the other clause."""
    found = None
    for match in record_rules().en_clause_turn.finditer(text, start, end):
        found = match.end()
    return found


def _predicate_after(
    window: str, start: int, end: int, after_comma: bool = False
) -> tuple[AmountKind, Span] | None:
    """An English passive verb right after the amount (``… deals were concluded and $1 billion was disbursed``,
    ``$2 million will be released``): the amount is its subject, so its cue decides over cues before the
    amount that belong to an earlier clause of the sentence (priority order, share and cumulative aside);
    ``after_comma``: the amount closes a value apposition, its verb follows the comma that ends it."""
    rules = record_rules()
    if after_comma and (comma := _COMMA.match(window, start, end)):
        start = comma.end()
    match = rules.en_predicate_after.match(window, start, end)
    if match is None:
        return None
    for kind in rules.kind_priority:
        if kind in (AmountKind.SHARE, AmountKind.CUMULATIVE):
            continue
        if cue := rules.kind_cues[kind].en.search(window, match.start(), match.end()):
            return kind, Span(cue.start(), cue.end())
    return None


def _running_total_list(
    window: str, sentence_start: int, previous_end: int, start: int, cumulative: re.Pattern[str]
) -> Span | None:
    """The running-total cue (累计, 截至…共, N年来) of the amount just before this one in its sentence, when this
    one follows it as the next item of the same list: a comma right after the earlier amount, a short noun
    or verb, no year or this-year word of its own (累计拨付资金2亿元，另捐赠物资3000万元; 截至去年底，甲省共投入
    援助资金3亿元，社会捐赠资金2000万元)."""
    if previous_end <= sentence_start:
        return None
    gap = window[previous_end:start]
    rules = record_rules()
    if (
        len(gap) > rules.running_list_gap
        or not gap.lstrip().startswith(("，", ",", "；", ";"))
        or len(CLAUSE_BREAK.findall(gap)) != 1
        or any(c.isdigit() for c in gap)
        or rules.this_year_words.search(gap)
    ):
        return None
    match = cumulative.search(window, sentence_start, previous_end) or rules.as_of_total.search(
        window, sentence_start, previous_end
    )
    return None if match is None else Span(match.start(), match.end())


def _budget(window: str, start: int, end: int) -> Span | None:
    """An allotment noun just before the amount that no cue decides (年度资金总计…, 任务资金总量为…): the sum
    set aside for the year or the task, a commitment."""
    match = record_rules().budget_before.search(window, start, end)
    return None if match is None else Span(match.start(), match.end())


def _shared_decision(
    window: str, sentence_start: int, before: tuple[int, int], clause_start: int
) -> Span | None:
    """A decision word (宣布, 决定 …) in the clause the amount shares with the amount before it (no comma
    between the two amounts), before that earlier amount."""
    if before[0] <= sentence_start or clause_start != before[0]:
        return None
    shared_start = sentence_start
    for match in CLAUSE_BREAK.finditer(window, sentence_start, before[0]):
        shared_start = match.end()
    found = record_rules().decision_words.search(window, shared_start, before[0])
    return Span(found.start(), found.end()) if found else None


def _decision_before_colon(window: str, sentence_start: int, clause_start: int) -> Span | None:
    """A decision word in the clause that a colon before the amount's clause closes (决定再向某国提供
    三批援助：一是…): what the colon lists was decided."""
    colon = max(
        window.rfind("：", sentence_start, clause_start), window.rfind(":", sentence_start, clause_start)
    )
    reach = sentence_start
    if colon < 0:  # a list whose items start on new lines: the colon ends the line before the sentence
        end = sentence_start
        while end and window[end - 1].isspace():
            end -= 1
        if not end or window[end - 1] not in "：:":
            return None
        colon = end - 1
        reach = max(window.rfind(mark, 0, colon) for mark in "。！？!?\n") + 1
    start = reach
    for match in CLAUSE_BREAK.finditer(window, reach, colon):
        start = match.end()
    found = record_rules().decision_words.search(window, start, colon)
    return Span(found.start(), found.end()) if found else None


def _next_list_item(window: str, sentence_start: int, before: tuple[int, int]) -> bool:
    """Whether the amount follows another of its sentence with only that one's noun and a list joiner
    (、和及与) between them, no clause break: ``…亿日元贷款、961.01亿日元``."""
    start, end = before
    if start <= sentence_start or start >= end or CLAUSE_BREAK.search(window, start, end):
        return False
    gap = window[start:end].rstrip()
    return bool(gap) and gap[-1] in record_rules().zh_list_joiners and len(gap) <= 12


def _own_year_after(window: str, cumulative: re.Pattern[str], before: tuple[int, int], start: int) -> bool:
    """Whether one year of the amount's own (``2017年的``, ``2018年度``) stands between the last
    cumulative cue before the amount and the amount: 近年来持续增加…从2017年的2000万元 is 2017's money."""
    last = None
    for match in cumulative.finditer(window, *before):
        last = match
    return (
        last is not None and record_rules().single_year_before.search(window, last.end(), start) is not None
    )


def _first_cue(
    english: bool, found: Callable[..., Span | None], part: tuple[int, int], after: tuple[int, int]
) -> tuple[AmountKind, Span] | None:
    """The first kind in priority order (share and cumulative aside: decided before, their cues count
    anywhere before the amount, 三年来，工作组投入…) with a cue in ``part`` or ``after``."""
    rules = record_rules()
    for kind in rules.kind_priority:
        if kind in (AmountKind.SHARE, AmountKind.CUMULATIVE):
            continue
        cue = found(rules.kind_cues[kind].pick(english), part, after)
        if cue is not None:
            return kind, cue
    return None


def _clause_end(window: str, start: int, limit: int) -> int:
    """Where the clause that runs on from ``start`` ends (a comma, semicolon or colon), at most ``limit``."""
    found = CLAUSE_BREAK.search(window, start, limit)
    return found.start() if found else limit


def _after_cue(window: str, part: tuple[int, int]) -> tuple[AmountKind, Span | None]:
    """A Chinese kind word after the amount in its own clause (资金及时到位, 将于近日入账), priority order."""
    for kind, pattern in record_rules().after_cues_zh:
        if part[0] < part[1] and (match := pattern.search(window, *part)):
            return kind, Span(match.start(), match.end())
    return AmountKind.UNKNOWN, None


@cache
def _any_kind_cue(english: bool) -> re.Pattern[str]:
    """Every cue amount_kind looks for, as one pattern: where it finds none, no kind has a cue."""
    rules = record_rules()
    return Cues.union([*rules.kind_cues.values(), rules.weak_cumulative, rules.share_after]).pick(english)


def kind_of_listed(
    text: str,
    start: int,
    previous: CandidateRecord,
    previous_amount: Mention,
    sentence: Span,
    record: CandidateRecord,
) -> AmountKind:
    """The kind of an amount no cue decided that follows another one of its sentence: a list goes on
    with the kind of its first item (累计投入结对资金7.2亿元，引进社会资金3.1亿元: both cumulative);
    ``previous`` is the record the earlier amount anchors, flagged on ``record`` when it gives a kind;
    ``start``: where the amount starts in ``text``."""
    kind = previous.amounts[0].kind
    if previous_amount.start < sentence.start or kind is AmountKind.UNKNOWN:
        return AmountKind.UNKNOWN
    if kind is AmountKind.CUMULATIVE and record_rules().single_year_before.search(
        text, previous_amount.end, start
    ):  # 从2017年的2000万元…到2018年的9152万元: each its own year's
        return AmountKind.UNKNOWN
    record.flags["kind_of_list"] = True
    return kind
