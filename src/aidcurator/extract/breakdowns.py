"""Breakdowns: amounts right after a total that add up to it are its shares."""

from __future__ import annotations

from decimal import Decimal

from aidcurator.domain import AmountKind, CandidateAmount, CandidateRecord, Qualifier, RecordKind

_PARTS_MAX_GAP = 600  # characters from a total to its last part
_PARTS_MIN = 3  # two round figures adding up to a third are too often chance (HK$100,000 + HK$200,000)
_LIST_TOLERANCE = Decimal("0.1")  # parts that go on a list already summing to its total
_PARTS_TOLERANCE = {Qualifier.EXACT: Decimal("0.03")}  # other qualifiers (超过百亿, almost, over): 0.1


def mark_breakdowns(records: list[CandidateRecord], text: str) -> None:
    """Amounts right after a total that add up to it are its shares (累计援助6.5亿元。…省级财政援助资金
    2.5亿元，对口市县援助3亿元，社会捐助折合1亿元; 184 billion yuan… 90 billion in grants,
    60 billion in loans and 34 billion in concessional loans): records in a row, same
    currency, no more than ``_PARTS_MAX_GAP`` characters on, whose sum is the total's within 3% (10% when
    either side is approximate), at least three of them. They take the total's period and parties where they name none."""
    title_end = text.find("\n")  # a headline's total (a short first line) is a summary
    title_end = title_end if 0 <= title_end < 150 else -1
    index = 0
    while index < len(records):
        total = records[index]
        parts = _parts_of(records, index, text) if total.amounts[0].span.start > title_end else []
        if not parts:
            index += 1
            continue
        for part_index in parts:
            part = records[part_index]
            part.amounts[0].kind = AmountKind.SHARE
            part.amounts[0].share_of = index
            part.parent_index = index
            part.flags["part_of_total"] = True
            part.flags.pop("kind_default", None)
            if (
                not part.flags.get("project_cue")
                and not part.flags.get("aggregate_cue")
                and (
                    total.record_kind is RecordKind.PROGRAMME
                    or (total.record_kind is RecordKind.AGGREGATE and part.donor is None)
                )
            ):  # the parts of a bundle are the bundle's (as a share linked by 其中 takes its parent's)
                part.record_kind = total.record_kind
            for field in ("donor", "recipient", "year_start", "year_end"):
                if field == "donor" and part.record_kind is RecordKind.AGGREGATE:
                    continue  # 社会各界捐助折款: many givers, whoever gave the total
                if getattr(part, field) is None and getattr(total, field) is not None:
                    setattr(part, field, getattr(total, field))
        index = parts[-1] + 1


def _parts_of(records: list[CandidateRecord], index: int, text: str) -> list[int]:
    total = records[index].amounts[0]
    if total.kind is AmountKind.SHARE or records[index].parent_index is not None or total.value <= 0:
        return []
    approximate = total.qualifier not in _PARTS_TOLERANCE
    running = Decimal(0)
    parts: list[int] = []
    for later in range(index + 1, len(records)):
        amount = records[later].amounts[0]
        if (
            records[later].parent_index is not None
            or amount.currency != total.currency
            or amount.span.start - total.span.end > _PARTS_MAX_GAP
            or amount.value >= total.value
            or _other_giver(records[index], records[later])
        ):
            return []
        approximate = approximate or amount.qualifier not in _PARTS_TOLERANCE
        running += amount.value
        parts.append(later)
        tolerance = Decimal("0.1") if approximate else Decimal("0.03")
        if len(parts) >= _PARTS_MIN and abs(running - total.value) <= total.value * tolerance:
            return parts + _more_parts(records, later, running, total, text)
        if running > total.value * (1 + tolerance):
            return []
    return []


def _other_giver(total: CandidateRecord, part: CandidateRecord) -> bool:
    """Whether the later amount names a giver of its own other than the total's: one giver's gift is no part
    of another giver's (甲会捐款4000万元。乙会捐款1000万元，丙公司捐赠1400万元…: not a breakdown)."""
    return total.donor is not None and part.donor is not None and part.donor != total.donor


def _more_parts(
    records: list[CandidateRecord],
    last: int,
    running: Decimal,
    total: CandidateAmount,
    text: str,
) -> list[int]:
    """The records after ``records[last]`` that go on its list (no full stop or line break between) while
    the sum stays within 10% of the total (a rounded total: 超过百亿元 … 45.18亿元；38.18亿元；…；2.78亿元；
    1.35亿元, where the first four already reach a hundred)."""
    more: list[int] = []
    end = records[last].amounts[0].span.end
    for later in range(last + 1, len(records)):
        amount = records[later].amounts[0]
        between = text[end : amount.span.start]
        if (
            records[later].parent_index is not None
            or amount.currency != total.currency
            or any(mark in between for mark in "。！？\n")
            or abs(running + amount.value - total.value) > total.value * _LIST_TOLERANCE
        ):
            break
        running += amount.value
        more.append(later)
        end = amount.span.end
    return more
