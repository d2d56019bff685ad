"""Plain value types shared by every layer (no imports from the rest of the package).

Glossary: an *Article* is immutable source text; a *Mention* is what the extractor found in it
(span + normalized value); a *Record* is one curated funding fact; an *Amount* is one money
observation of a record; *Evidence* ties a record field to an article span; an *Edit* is one
change made to a record. Offsets are Python ``str`` indices, end exclusive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any


class MentionKind(StrEnum):
    AMOUNT = "amount"
    COUNT = "count"
    PLACE = "place"
    YEAR = "year"
    SECTOR = "sector"


class Qualifier(StrEnum):
    EXACT = "exact"
    APPROX = "approx"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    RANGE = "range"


class AmountKind(StrEnum):
    PLANNED = "planned"
    COMMITTED = "committed"
    SPENT = "spent"
    CUMULATIVE = "cumulative"
    SHARE = "share"
    ESTIMATE = "estimate"
    UNKNOWN = "unknown"


class RecordKind(StrEnum):
    PROJECT = "project"
    PROGRAMME = "programme"
    AGGREGATE = "aggregate"


class FlowType(StrEnum):
    """How the money flows (AidData's flow types, condensed)."""

    GRANT = "grant"
    LOAN = "loan"
    INTEREST_FREE_LOAN = "interest_free_loan"
    CONCESSIONAL_LOAN = "concessional_loan"
    EXPORT_CREDIT = "export_credit"
    DEBT_RELIEF = "debt_relief"
    DEBT_RESCHEDULING = "debt_rescheduling"
    TECHNICAL_ASSISTANCE = "technical_assistance"
    SCHOLARSHIP = "scholarship"
    IN_KIND = "in_kind"
    UNKNOWN = "unknown"


class ProjectStatus(StrEnum):
    """Where the funded activity stands (AidData's status, condensed)."""

    PLEDGED = "pledged"
    COMMITTED = "committed"
    IMPLEMENTATION = "implementation"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    SUSPENDED = "suspended"
    UNKNOWN = "unknown"


class RecordStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    UNSURE = "unsure"  # needs a second look (added in migration 0005)


class ReviewState(StrEnum):
    """Where an article stands. ``skipped`` and ``flagged`` (a second look) are set by hand only."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"  # added in migration 0005
    FLAGGED = "flagged"  # added in migration 0005: a second look


#: Review states in which an article counts as finished ("N of M done").
FINISHED_STATES = frozenset({ReviewState.DONE, ReviewState.SKIPPED})
#: Record statuses that decide a record (an article whose records all have one is done).
DECIDED_STATUSES = frozenset({RecordStatus.ACCEPTED, RecordStatus.REJECTED})


class Origin(StrEnum):
    EXTRACTED = "extracted"
    MANUAL = "manual"


UNKNOWN_CURRENCY = "unknown"


@dataclass(frozen=True, slots=True, init=False)
class Span:
    """A half-open range ``[start, end)`` of Python str indices into an article text."""

    start: int
    end: int

    def __init__(self, start: int, end: int) -> None:
        # the slots' own setters: what a frozen class's generated __init__ does through object.__setattr__,
        # in half the time (extraction makes tens of thousands of spans a megabyte)
        _set_start(self, start)
        _set_end(self, end)

    def quote(self, text: str) -> str:
        return text[self.start : self.end]


_set_start, _set_end = Span.start.__set__, Span.end.__set__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class ParsedAmount:
    """A money amount read from text: exact value in full currency units."""

    value: Decimal
    currency: str = UNKNOWN_CURRENCY
    qualifier: Qualifier = Qualifier.EXACT
    value_max: Decimal | None = None


@dataclass(slots=True)
class Mention:
    """One thing the extractor found in a text.

    ``value`` is exact (Decimal); ``what`` is the counted noun class for counts
    (``projects``, ``households``, ``people``, ``jobs``, ``facilities``…).
    ``data`` holds kind-specific extras (place id and level, year range, sector code…).
    Treat it as a value. It is not frozen only because the extractor makes tens of thousands per MB
    of text, and a frozen dataclass takes three times as long to construct.
    """

    kind: MentionKind
    start: int
    end: int
    text: str
    value: Decimal | None = None
    currency: str | None = None
    qualifier: Qualifier | None = None
    value_max: Decimal | None = None
    what: str | None = None
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(slots=True)
class CandidateAmount:
    """An amount the extractor proposes for a record."""

    text: str
    value: Decimal
    currency: str
    qualifier: Qualifier
    kind: AmountKind
    span: Span
    value_max: Decimal | None = None
    period_start: int | None = None
    period_end: int | None = None
    share_of: int | None = None  # index of the parent amount's record in the same extraction


@dataclass(slots=True)
class ArticleDraft:
    """An article read from a file, before it is stored."""

    text: str
    title: str = ""
    source: str | None = None
    published: dt.date | None = None
    url: str | None = None
    language: str | None = None
    origin_file: str | None = None
    origin_position: str | None = None  # e.g. "article 3", "row 12", "line 7"
    metadata: dict[str, Any] = field(default_factory=dict)
    # what a reader had to repair, one line each (e.g. "3 bytes that are not valid UTF-8 were replaced")
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Extraction:
    """Everything the extractor found in one text."""

    mentions: list[Mention] = field(default_factory=list)
    records: list[Any] = field(default_factory=list)  # CandidateRecord (domain.candidates)
