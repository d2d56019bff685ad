"""The same money named twice: a conversion (1亿元（约合1500万美元）) and a repeat (headline and body)
fold into the record they restate."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal

from aidcurator.domain import (
    UNKNOWN_CURRENCY,
    AmountKind,
    CandidateAmount,
    CandidateRecord,
    Mention,
    Qualifier,
    RecordKind,
    Span,
)
from aidcurator.domain.fields import COUNT_FIELDS
from aidcurator.extract.periods import take_agreement_year
from aidcurator.extract.places import ancestors_of
from aidcurator.extract.record_rules import record_rules


def is_conversion(text: str, before: Mention, amount: Mention) -> bool:
    """Whether ``amount`` restates ``before`` in another currency (``443.2 million yuan (69.58 million U.S.
    dollars)``, ``184 billion yuan, or nearly 26 billion US dollars``, ``1亿元（约合1500万美元）``)."""
    if not before.currency or not amount.currency or before.currency == amount.currency:
        return False
    if before.currency == UNKNOWN_CURRENCY or amount.currency == UNKNOWN_CURRENCY:
        return False
    return record_rules().conversion_gap.fullmatch(text, before.end, amount.start) is not None


def add_conversion(records: list[CandidateRecord], into: int, amount: Mention) -> None:
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
            fold(other, restated)
            break


_FOLDED_FIELDS = ("donor", "recipient", "sector", *COUNT_FIELDS.values())


def fold(kept: CandidateRecord, repeat: CandidateRecord, title_end: int = 0) -> None:
    """The same amount named again (headline and body): one record, with the fields only the repeat
    names (its year, recipient, sector …) and both evidence spans. A headline's figure (it starts before
    ``title_end``) takes the body's amount kind: the body says what was done (决定拨款 after 捐助)."""
    retold = (
        kept.amounts[0].span.start < title_end
        and AmountKind.UNKNOWN not in (kept.amounts[0].kind, repeat.amounts[0].kind)
        and kept.amounts[0].kind is not repeat.amounts[0].kind
    )
    if retold:  # the headline's period comes from the article, not from the body's later stage
        kept.amounts[0].kind = repeat.amounts[0].kind
        kept.evidence.pop("amount_kind", None)
        if "amount_kind" in repeat.evidence:
            kept.evidence["amount_kind"] = list(repeat.evidence["amount_kind"])
    kept.evidence["amount"].extend(repeat.evidence["amount"])
    if kept.amounts[0].currency == UNKNOWN_CURRENCY:  # the headline's 825 million is the body's $825 million
        kept.amounts[0].currency = repeat.amounts[0].currency
    if kept.amounts[0].span.start >= title_end:
        take_agreement_year(kept, repeat)
    if kept.amounts[0].span.start < title_end and kept.year_start is not None and _within(kept, repeat):
        kept.year_start, kept.year_end = repeat.year_start, repeat.year_end  # the body's wider period
        kept.evidence["year"] = list(repeat.evidence.get("year", []))
    elif (
        kept.year_start is None
        and repeat.year_start is not None
        and (not retold or repeat.flags.get("year_from_month"))
    ):  # a retelling dated in its own sentence (7月5日，…宣布拿出500万元) dates the headline too
        kept.year_start, kept.year_end = repeat.year_start, repeat.year_end
        kept.evidence["year"] = list(repeat.evidence.get("year", []))
    elif kept.year_start is None and repeat.year_start is not None:  # a news report takes it (periods.py)
        kept.flags["retold_year"] = (
            repeat.year_start,
            repeat.year_end,
            [[span.start, span.end] for span in repeat.evidence.get("year", [])],
        )
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


def find_duplicate(
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
        if (
            (other.year_start, other.year_end) != (record.year_start, record.year_end)
            and None not in (other.year_start, record.year_start)
            and not (old.span.start < title_end and _within(other, record))
        ):  # (a headline's 去年…至今 is the body's 2016年10月以来 2016–2017)
            continue
        if (
            AmountKind.UNKNOWN not in (old.kind, new.kind)
            and old.kind is not new.kind
            and old.span.start >= title_end  # a headline's figure is the body's, whatever its verb
        ):
            continue
        return index
    return None


def _within(inner: CandidateRecord, outer: CandidateRecord) -> bool:
    """Whether ``outer``'s period holds ``inner``'s (both set)."""
    if None in (inner.year_start, inner.year_end, outer.year_start, outer.year_end):
        return False
    assert inner.year_start is not None and inner.year_end is not None
    assert outer.year_start is not None and outer.year_end is not None
    return outer.year_start <= inner.year_start and inner.year_end <= outer.year_end


_LEAD_CHARS = 400  # a rounded figure this near the start (title, lead) may restate a later exact one


def find_rounded(records: list[CandidateRecord], record: CandidateRecord) -> int | None:
    """The earlier record whose amount rounds this exact one (a title's ``7亿多元`` or a lead's ``近10亿元``
    for the body's ``7.74亿元``): near the start of the text, approximate, same currency, with fewer
    significant digits, that the exact one rounds to (约/近: to the nearest; 多/超: down; 不到: up)."""
    new = record.amounts[0]
    if new.qualifier is not Qualifier.EXACT or new.value_max is not None or new.value <= 0:
        return None
    for index, other in enumerate(records):
        old = other.amounts[0]
        if old.span.start >= _LEAD_CHARS or other.parent_index is not None or old.currency != new.currency:
            continue
        if old.qualifier not in (Qualifier.APPROX, Qualifier.AT_LEAST, Qualifier.AT_MOST):
            continue
        if _digits(old.value) >= _digits(new.value) or old.value_max is not None:
            continue
        if _rounds_to(new.value, old.value, old.qualifier):
            return index
    return None


def restate(kept: CandidateRecord, exact: CandidateRecord) -> None:
    """``kept`` (the rounded figure) takes the exact amount as its own; both spans stay evidence."""
    spans = [*kept.evidence["amount"], *exact.evidence["amount"]]
    kept.amounts[0] = replace(exact.amounts[0], share_of=kept.amounts[0].share_of)
    kept.evidence["amount"] = spans
    if "amount_kind" in exact.evidence:
        kept.evidence["amount_kind"] = list(exact.evidence["amount_kind"])
    for field in ("year_start", "year_end", *_FOLDED_FIELDS):
        if getattr(kept, field) is None and getattr(exact, field) is not None:
            setattr(kept, field, getattr(exact, field))
            key = "year" if field.startswith("year") else field
            if key in exact.evidence:
                kept.evidence[key] = list(exact.evidence[key])


def _rounds_to(exact: Decimal, rounded: Decimal, qualifier: Qualifier) -> bool:
    """Whether ``exact`` written with ``rounded``'s last significant place is ``rounded``."""
    quantum = Decimal(1).scaleb(rounded.normalize().as_tuple().exponent)
    mode = {Qualifier.AT_LEAST: ROUND_DOWN, Qualifier.AT_MOST: ROUND_UP}.get(qualifier, ROUND_HALF_UP)
    return (exact / quantum).quantize(Decimal(1), rounding=mode) * quantum == rounded


def _digits(value: Decimal) -> int:
    """Significant digits of a value (7亿 → 1, 7.74亿 → 3)."""
    digits = value.normalize().as_tuple().digits
    return len(digits)


def merge_repeat(
    records: list[CandidateRecord],
    record: CandidateRecord,
    title_end: int,
    same_value: list[int],
    sentence_start: int,
    text: str,
) -> int | None:
    """Fold ``record`` into the earlier record it repeats (same figure, not in its own sentence: the
    Red Cross's $100,000 and the government's $100,000 are two gifts) or whose rounded figure it makes
    exact; the index it went into, or None when it stands on its own."""
    duplicate = find_duplicate(records, record, title_end, same_value)
    if duplicate is not None and (
        records[duplicate].amounts[0].span.start >= sentence_start
        or _other_giver(records[duplicate], record)
        or record.flags.get("each_giver")  # 分别捐出200万港币: new gifts, whoever gave the same before
    ):
        duplicate = None
    new = record.amounts[0]
    if duplicate is None and record_rules().restated_before.search(
        text, max(0, new.span.start - 12), new.span.start
    ):
        # over half of the 500 million yuan has been used: the sum named before, whatever the verb
        duplicate = next(
            (
                i
                for i in same_value
                if records[i].amounts[0].currency == new.currency
                and records[i].amounts[0].span.start < sentence_start
            ),
            None,
        )
        if duplicate is not None:
            kept = records[duplicate]
            kept.evidence["amount"].extend(record.evidence["amount"])
            if kept.amounts[0].span.start >= title_end:
                take_agreement_year(kept, record)
            return duplicate
    if duplicate is not None:
        fold(records[duplicate], record, title_end)
        _body_parties(records[duplicate], record, title_end, text)
        return duplicate
    rounded = find_rounded(records, record)
    if rounded is not None:
        restate(records[rounded], record)  # 近10亿元 in the lead, 9.94亿元 in the body: one record
    return rounded


def _body_parties(kept: CandidateRecord, repeat: CandidateRecord, title_end: int, text: str) -> None:
    """A headline's figure whose donor or recipient the headline does not name takes the narrower place
    inside it that the body names on the repeat's own line (``HKD 100 million donation passed`` … ``to
    help … Lushan County, Sichuan Province``: 芦山县, not the article's most named 四川省)."""
    if kept.amounts[0].span.start >= title_end:
        return
    at = repeat.amounts[0].span.start
    line = (text.rfind("\n", 0, at) + 1, (text.find("\n", at) + 1 or len(text) + 1) - 1)
    for field in ("donor", "recipient"):
        own = repeat.evidence.get(field, [])
        if getattr(repeat, field) is None or not own or getattr(kept, field) == getattr(repeat, field):
            continue
        if any(span.start < title_end for span in kept.evidence.get(field, [])):
            continue  # the headline names it
        if field == "donor" and kept.record_kind is RecordKind.AGGREGATE:
            continue
        if getattr(kept, field) in ancestors_of(getattr(repeat, field)) and all(
            line[0] <= span.start < line[1] for span in own
        ):
            setattr(kept, field, getattr(repeat, field))
            kept.evidence[field] = list(own)


def each_giver_count(text: str, amount: Span, next_start: int, sentence: Span) -> int:
    """How many givers each give ``amount``: two when ``分别``/``各自`` (and at most a short verb) stands
    right before it and the clause before that word joins exactly two names (香港中华总商会和旭日集团分别
    捐出200万港币); else 1, also when another amount follows at once (分别捐款300万、400万港币: one each).
    Only the sure case: one list word. ``next_start``: where the next amount starts."""
    rules = record_rules()
    start = amount.start
    each = rules.each_giver_before.search(text, max(sentence.start, start - 24), start)
    if each is None or next_start - amount.end <= 3:
        return 1
    clause_start = sentence.start
    for match in _CLAUSE_MARK.finditer(text, sentence.start, each.start()):
        clause_start = match.end()
    joiners = sum(text.count(joiner, clause_start, each.start()) for joiner in rules.each_giver_joiners)
    return 2 if joiners == 1 else 1


_CLAUSE_MARK = re.compile(r"[,，;；:：]")


def _other_giver(kept: CandidateRecord, record: CandidateRecord) -> bool:
    """Whether two records of the same figure name different donors, each in its own words (香港红十字会拨款
    五十万元人民币 … 澳门红十字会拨出五十万元人民币: two gifts)."""
    return (
        kept.donor is not None
        and record.donor is not None
        and kept.donor != record.donor
        and bool(kept.evidence.get("donor"))
        and bool(record.evidence.get("donor"))
    )


def link_share(record: CandidateRecord, parent: CandidateRecord, parent_index: int, sentence: Span) -> None:
    """A share points at its parent and takes the parent's parties, period and sector where it names none,
    and its record kind (but one donor's part of a total of many is that donor's programme);
    in the sentence of a running total (2016年10月以来…共投入…，其中…) it takes the total's period."""
    record.parent_index = parent_index
    record.amounts[0].share_of = parent_index
    own_donor = record.donor is not None and any(
        sentence.start <= span.start < sentence.end for span in record.evidence.get("donor", [])
    )
    for field in ("donor", "recipient", "year_start", "year_end", "sector"):
        if getattr(record, field) is None and getattr(parent, field) is not None:
            setattr(record, field, getattr(parent, field))
            if field in parent.evidence:
                record.evidence.setdefault(field, list(parent.evidence[field]))
    if (
        parent.record_kind is RecordKind.AGGREGATE
        and parent.donor is None
        and own_donor
        and not record.flags.get("aggregate_cue")
    ):  # 多省市累计到位93亿元，其中上海市72.8亿元: one donor's part of a total of many is its programme
        record.record_kind = RecordKind.PROGRAMME
    elif parent.record_kind is not RecordKind.PROJECT and not record.flags.get("project_cue"):
        record.record_kind = parent.record_kind
    if (
        parent.amounts[0].kind is AmountKind.CUMULATIVE
        and parent.year_start is not None
        and any(sentence.start <= span.start < sentence.end for span in parent.evidence["amount"])
    ):
        record.year_start, record.year_end = parent.year_start, parent.year_end
