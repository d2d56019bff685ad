"""The use cases the command line and the window share. No Qt here.

A :class:`Curator` is bound to one database engine. Every operation runs in its own transaction
and returns plain values (ids, :mod:`aidcurator.domain.views` snapshots, reports), so a GUI worker
thread can call it and hand the result to the GUI thread.

Every change to a record, an amount or an article's review state writes an ``Edit`` row (field,
old value, new value, when, who). Undo in the window calls these same functions with the old
values, so undoing is itself recorded.

Errors are exceptions whose message a user can read: ``ValueError`` for a value that does not
fit a field, :class:`ConflictError` when a record changed since it was loaded,
:class:`~aidcurator.store.NotFoundError` for an id that is gone, and the extractor's
``AmountParseError`` (a ``ValueError``) for amount text it cannot read.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from aidcurator.domain import (
    UNKNOWN_CURRENCY,
    AmountKind,
    ArticleDraft,
    CandidateRecord,
    Extraction,
    Origin,
    ParsedAmount,
    Qualifier,
    RecordKind,
    RecordStatus,
    ReviewState,
)
from aidcurator.domain.views import (
    AmountView,
    ArticleListRow,
    ArticleQuery,
    ArticleRow,
    ArticleView,
    EditView,
    MentionView,
    RecordCounts,
    RecordSnapshot,
    RecordView,
    Stats,
)
from aidcurator.store import NotFoundError, StoreError, listing, open_engine, read_session, write_session
from aidcurator.store import repository as repo
from aidcurator.store.models import Amount, Record, utcnow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

__all__ = [
    "AMOUNT_FIELDS",
    "RECORD_FIELDS",
    "ConflictError",
    "Curator",
    "ImportReport",
    "NotFoundError",
    "ReExtractReport",
    "StoreError",
    "content_hash",
    "default_actor",
]

Extractor = Callable[[str, dt.date | None], Extraction]
AmountParser = Callable[[str], ParsedAmount]
Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


class ConflictError(Exception):
    """The record was changed by someone else since the caller loaded it."""


class _Unset(Enum):
    token = 0


UNSET: Final = _Unset.token


# ------------------------------------------------------------------------------------ field rules


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    label: str
    kind: Literal["text", "count", "year", "record_kind", "record_ref"]


RECORD_FIELDS: Final[dict[str, FieldSpec]] = {
    spec.name: spec
    for spec in (
        FieldSpec("record_kind", "record kind", "record_kind"),
        FieldSpec("donor", "donor", "text"),
        FieldSpec("recipient", "recipient", "text"),
        FieldSpec("year_start", "start year", "year"),
        FieldSpec("year_end", "end year", "year"),
        FieldSpec("title", "title", "text"),
        FieldSpec("sector", "sector", "text"),
        FieldSpec("n_projects", "number of projects", "count"),
        FieldSpec("beneficiaries_people", "people benefiting", "count"),
        FieldSpec("beneficiaries_households", "households benefiting", "count"),
        FieldSpec("jobs", "jobs", "count"),
        FieldSpec("notes", "notes", "text"),
        FieldSpec("parent_id", "parent record", "record_ref"),
    )
}
AMOUNT_FIELDS: Final = (
    "text",
    "value",
    "value_max",
    "currency",
    "qualifier",
    "kind",
    "period_start",
    "period_end",
    "share_of_id",
)
EVIDENCE_FIELDS: Final = frozenset(RECORD_FIELDS) | {"amount", "year", "place", "status"}

_GROUPING = re.compile(r"[,，_\s\u00a0\u202f']")
_CURRENCY = re.compile(r"[A-Z]{3}")
MIN_YEAR, MAX_YEAR = 1900, 2200


def _parse_whole_number(value: Any, label: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"{label} must be a whole number, not {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal | float):
        if value != value or value in (Decimal("Infinity"), Decimal("-Infinity")) or value != int(value):
            raise ValueError(f"{label} must be a whole number, not {value}")
        return int(value)
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        if not text:
            return None
        digits = _GROUPING.sub("", text)
        if re.fullmatch(r"[+-]?\d+", digits):
            return int(digits)
        raise ValueError(f"{label} must be a whole number, not {value.strip()!r}")
    raise ValueError(f"{label} must be a whole number, not {value!r}")


def coerce_field_value(name: str, value: Any) -> Any:
    """Check and convert a value typed for record field ``name`` (``""`` clears a field).

    Raises ``ValueError`` with a message naming the field and the problem.
    """
    spec = RECORD_FIELDS.get(name)
    if spec is None:
        raise ValueError(f"unknown record field {name!r}; editable fields are {', '.join(RECORD_FIELDS)}")
    if spec.kind == "text":
        if value is None:
            return None
        if not isinstance(value, str):
            raise ValueError(f"{spec.label} must be text, not {value!r}")
        return value.strip() or None
    if spec.kind == "count":
        number = _parse_whole_number(value, spec.label)
        if number is not None and number < 0:
            raise ValueError(f"{spec.label} cannot be negative ({number})")
        return number
    if spec.kind == "year":
        number = _parse_whole_number(value, spec.label)
        if number is not None and not MIN_YEAR <= number <= MAX_YEAR:
            raise ValueError(f"{spec.label} must be a year between {MIN_YEAR} and {MAX_YEAR}, not {number}")
        return number
    if spec.kind == "record_kind":
        if isinstance(value, str):
            value = value.strip().lower()
        try:
            return RecordKind(value)
        except ValueError:
            choices = ", ".join(k.value for k in RecordKind)
            raise ValueError(f"{spec.label} must be one of {choices}, not {value!r}") from None
    # record_ref
    return _parse_whole_number(value, spec.label)


def _coerce_enum(enum: type[Enum], value: Any, label: str) -> Any:
    if isinstance(value, str):
        value = value.strip().lower()
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(str(member.value) for member in enum)  # type: ignore[attr-defined]
        raise ValueError(f"{label} must be one of {choices}, not {value!r}") from None


def coerce_currency(value: Any) -> str:
    if value is None:
        return UNKNOWN_CURRENCY
    if not isinstance(value, str):
        raise ValueError(f"currency must be text, not {value!r}")
    code = value.strip()
    if not code or code.lower() == UNKNOWN_CURRENCY:
        return UNKNOWN_CURRENCY
    if not _CURRENCY.fullmatch(code.upper()):
        raise ValueError(
            f"currency must be a 3-letter ISO 4217 code such as CNY or USD, or 'unknown', not {code!r}"
        )
    return code.upper()


def _coerce_decimal(value: Any, label: str, parser: AmountParser) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool | float):
        raise ValueError(f"{label} must be an exact number (text, int or Decimal), not {value!r}")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{label} must be a finite number")
        return value
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            number = Decimal(_GROUPING.sub("", unicodedata.normalize("NFKC", text)))
        except InvalidOperation:
            return parser(text).value  # "5亿" → 500000000; AmountParseError if unreadable
        if not number.is_finite():
            raise ValueError(f"{label} must be a finite number")
        return number
    raise ValueError(f"{label} must be a number, not {value!r}")


def content_hash(text: str) -> str:
    """The de-duplication key of an article: SHA-256 of its NFC-normalized, stripped text."""
    return hashlib.sha256(unicodedata.normalize("NFC", text).strip().encode("utf-8")).hexdigest()


def default_actor() -> str:
    """Who is editing: the operating-system user name."""
    try:
        return getpass.getuser() or "unknown"
    except Exception:  # no login name (containers, some services)
        return os.environ.get("USERNAME") or "unknown"


def _default_extractor() -> Extractor:
    from aidcurator.extract import extract

    return extract


def _default_amount_parser() -> AmountParser:
    from aidcurator.extract import parse_amount

    return parse_amount


# ------------------------------------------------------------------------------------------ reports


@dataclass(slots=True)
class ImportReport:
    """What an import did. ``failures`` holds ``(file, reason)`` pairs."""

    files: int = 0
    imported: int = 0
    skipped: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)
    cancelled: bool = False

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def ok(self) -> bool:
        return not self.failures

    def merge(self, other: ImportReport) -> None:
        """Add another report's counts (e.g. stdin after files)."""
        self.files += other.files
        self.imported += other.imported
        self.skipped += other.skipped
        self.failures.extend(other.failures)
        self.article_ids.extend(other.article_ids)
        self.cancelled = self.cancelled or other.cancelled

    def summary(self) -> str:
        text = (
            f"Imported {self.imported} article{'s' if self.imported != 1 else ''} "
            f"({self.skipped} skipped as duplicates) from {self.files} file{'s' if self.files != 1 else ''}; "
            f"{self.failed} failed"
        )
        return text + (" (cancelled)" if self.cancelled else "")


@dataclass(slots=True)
class ReExtractReport:
    articles: int = 0
    records_added: int = 0
    records_refreshed: int = 0
    records_kept: int = 0
    records_removed: int = 0
    failures: list[tuple[int, str]] = field(default_factory=list)
    cancelled: bool = False


@dataclass(slots=True)
class _PreparedFile:
    items: list[tuple[ArticleDraft, str, Extraction]]
    skipped: int
    hashes: set[str]


class _FileFailure(Exception):
    pass


# ------------------------------------------------------------------------------------------ curator


class Curator:
    """Use cases over one database. Thread-safe in the sense that each call opens its own session."""

    def __init__(
        self,
        engine: Engine,
        *,
        extractor: Extractor | None = None,
        amount_parser: AmountParser | None = None,
        actor: str | None = None,
    ) -> None:
        self.engine = engine
        self._extractor = extractor
        self._amount_parser = amount_parser
        self._actor = actor

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None, **kwargs: Any) -> Curator:
        """Open (create, upgrade) the database ``db`` (path or URL; ``None`` = the default one)."""
        return cls(open_engine(db), **kwargs)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Curator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- helpers

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            self._extractor = _default_extractor()
        return self._extractor

    @property
    def amount_parser(self) -> AmountParser:
        if self._amount_parser is None:
            self._amount_parser = _default_amount_parser()
        return self._amount_parser

    def _who(self, actor: str | None) -> str:
        return actor or self._actor or default_actor()

    def _run_extractor(self, text: str, published: dt.date | None) -> Extraction:
        extraction = self.extractor(text, published)
        for mention in extraction.mentions:
            repo.check_span(text, mention.start, mention.end, f"{mention.kind} mention")
        return extraction

    # ------------------------------------------------------------------------------------ reading

    def article(self, article_id: int) -> ArticleView:
        with read_session(self.engine) as session:
            view = repo.get_article(session, article_id=article_id)
        if view is None:
            raise NotFoundError(f"article {article_id} does not exist")
        return view

    def list_articles(self, **filters: Any) -> list[ArticleRow]:
        with read_session(self.engine) as session:
            return repo.list_articles(session, **filters)

    def count_articles(self, **filters: Any) -> int:
        with read_session(self.engine) as session:
            return repo.count_articles(session, **filters)

    def record_counts(self, article_ids: Sequence[int]) -> dict[int, RecordCounts]:
        with read_session(self.engine) as session:
            return repo.article_record_counts(session, article_ids=article_ids)

    def record(self, record_id: int) -> RecordView:
        with read_session(self.engine) as session:
            view = repo.get_record(session, record_id=record_id)
        if view is None:
            raise NotFoundError(f"record {record_id} does not exist (it may have been deleted)")
        return view

    def records(self, article_id: int) -> list[RecordView]:
        with read_session(self.engine) as session:
            return repo.records_for_article(session, article_id=article_id)

    def mentions(self, article_id: int, kinds: Iterable[str] | None = None) -> list[MentionView]:
        with read_session(self.engine) as session:
            return repo.mentions_for_article(session, article_id=article_id, kinds=kinds)

    def history(self, record_id: int) -> list[EditView]:
        with read_session(self.engine) as session:
            return repo.edits_for_record(session, record_id=record_id)

    # -- the article list (one query in store.listing, shared by the window, CLI and export)

    def article_page(self, query: ArticleQuery, offset: int = 0, limit: int = 200) -> list[ArticleListRow]:
        """One page of the article list: filtered, ordered and paged in SQL."""
        with read_session(self.engine) as session:
            return listing.article_page(session, query=query, offset=offset, limit=limit)

    def article_rows(self, article_ids: Sequence[int]) -> dict[int, ArticleListRow]:
        """Fresh list rows for a few articles (after an edit changed their state or tallies)."""
        with read_session(self.engine) as session:
            return listing.article_rows(session, article_ids=article_ids)

    def article_progress(self, query: ArticleQuery) -> tuple[int, int]:
        """``(done, total)`` among the articles the query matches."""
        with read_session(self.engine) as session:
            return listing.article_progress(session, query=query)

    def article_languages(self) -> list[str]:
        with read_session(self.engine) as session:
            return listing.article_languages(session)

    def article_ids(self, query: ArticleQuery) -> list[int]:
        """Ids of every article the query matches (export of the current filter)."""
        with read_session(self.engine) as session:
            return listing.article_ids(session, query=query)

    def next_article_with_pending(self, query: ArticleQuery, after: int | None) -> int | None:
        """The next article (in the list's order, wrapping) that still has pending records."""
        with read_session(self.engine) as session:
            return listing.next_article_with_pending(session, query=query, after=after)

    def stats(self) -> Stats:
        with read_session(self.engine) as session:
            return repo.stats(session)

    # ------------------------------------------------------------------------------------- import

    def import_paths(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
    ) -> ImportReport:
        """Import files and folders; each file is stored completely or not at all."""
        from aidcurator.ingest import IngestError, iter_input_files, read_file

        report = ImportReport()
        files: list[Path] = []
        for given in paths:
            try:
                files.extend(iter_input_files([given]))
            except IngestError as exc:
                report.failures.append((exc.path, exc.reason))
        report.files = len(files) + len(report.failures)
        seen: set[str] = set()
        for index, path in enumerate(files):
            if cancel is not None and cancel():
                report.cancelled = True
                break
            if progress is not None:
                progress(index, len(files), str(path))
            try:
                drafts = read_file(path)
            except IngestError as exc:
                report.failures.append((exc.path, exc.reason))
                continue
            except OSError as exc:
                report.failures.append((str(path), exc.strerror or str(exc)))
                continue
            self._import_unit(str(path), drafts, seen, report)
        if progress is not None and not report.cancelled:
            progress(len(files), len(files), "")
        return report

    def import_drafts(self, drafts: Sequence[ArticleDraft], *, name: str = "<input>") -> ImportReport:
        """Import already-read articles as one all-or-nothing unit called ``name``."""
        report = ImportReport(files=1)
        self._import_unit(name, list(drafts), set(), report)
        return report

    def _import_unit(
        self, name: str, drafts: list[ArticleDraft], seen: set[str], report: ImportReport
    ) -> None:
        try:
            prepared = self._prepare(drafts, seen)
            ids = self._store(prepared)
        except _FileFailure as exc:
            report.failures.append((name, str(exc)))
            return
        except (StoreError, NotFoundError) as exc:
            report.failures.append((name, f"could not be stored: {exc}"))
            return
        except Exception as exc:  # any other problem must not stop the other files
            report.failures.append((name, f"{type(exc).__name__}: {exc}"))
            return
        seen.update(prepared.hashes)
        report.imported += len(ids)
        report.skipped += prepared.skipped
        report.article_ids.extend(ids)

    def _prepare(self, drafts: list[ArticleDraft], seen: set[str]) -> _PreparedFile:
        if not drafts:
            raise _FileFailure("no articles found")
        keyed = []
        for number, draft in enumerate(drafts, start=1):
            if not draft.text or not draft.text.strip():
                where = draft.origin_position or f"article {number}"
                raise _FileFailure(f"{where} has no text")
            keyed.append((draft, content_hash(draft.text)))
        with read_session(self.engine) as session:
            stored = repo.existing_hashes(session, hashes=[h for _, h in keyed])
        prepared = _PreparedFile(items=[], skipped=0, hashes=set())
        for draft, digest in keyed:
            if digest in stored or digest in seen or digest in prepared.hashes:
                prepared.skipped += 1
                continue
            prepared.hashes.add(digest)
            try:
                extraction = self._run_extractor(draft.text, draft.published)
            except Exception as exc:
                where = draft.origin_position or draft.title or "an article"
                raise _FileFailure(f"extraction failed for {where}: {type(exc).__name__}: {exc}") from exc
            prepared.items.append((draft, digest, extraction))
        return prepared

    def _store(self, prepared: _PreparedFile) -> list[int]:
        ids: list[int] = []
        if not prepared.items:
            return ids
        with write_session(self.engine) as session:
            raced = repo.existing_hashes(session, hashes=[digest for _, digest, _ in prepared.items])
            for draft, digest, extraction in prepared.items:
                if digest in raced:  # imported by someone else meanwhile
                    prepared.skipped += 1
                    prepared.hashes.discard(digest)
                    continue
                article_id = repo.add_article(session, draft=draft, content_hash=digest)
                repo.replace_mentions(session, article_id=article_id, mentions=extraction.mentions)
                repo.add_candidate_records(
                    session, article_id=article_id, text=draft.text, candidates=extraction.records
                )
                ids.append(article_id)
        return ids

    # ------------------------------------------------------------------------------ record fields

    @staticmethod
    def _check_version(record: Record, expected_version: int | None) -> None:
        if expected_version is not None and record.version != expected_version:
            raise ConflictError(
                f"record {record.id} was changed elsewhere since you loaded it "
                f"(now version {record.version}, yours {expected_version}); reload it and try again"
            )

    @staticmethod
    def _touch(record: Record) -> None:
        record.version = (record.version or 0) + 1
        record.updated_at = utcnow()

    @staticmethod
    def _mark_curated(row: Record | Amount, *names: str) -> None:
        current = list(row.curated_fields or [])
        row.curated_fields = current + [n for n in names if n not in current]

    @staticmethod
    def _unmark_curated(row: Record | Amount, *names: str) -> None:
        row.curated_fields = [n for n in (row.curated_fields or []) if n not in names]

    def _view(self, session: Session, record_id: int) -> RecordView:
        session.flush()
        view = repo.get_record(session, record_id=record_id)
        assert view is not None
        return view

    def _load_for_change(self, session: Session, record_id: int, expected_version: int | None) -> Record:
        record = repo.load_record(session, record_id=record_id)
        self._check_version(record, expected_version)
        return record

    def update_record_field(
        self,
        record_id: int,
        field: str,
        value: Any,
        *,
        expected_version: int | None = None,
        actor: str | None = None,
    ) -> RecordView:
        """Set one record field (typed text such as ``"1,200"`` is accepted for numbers).

        Bumps the version, marks the field as curated and writes an Edit. Nothing is written when
        the value does not fit the field (``ValueError``) or the version is stale (``ConflictError``).
        An unchanged value writes nothing and returns the record as it is.
        """
        new = coerce_field_value(field, value)
        with write_session(self.engine) as session:
            record = self._load_for_change(session, record_id, expected_version)
            old = getattr(record, field)
            if field == "parent_id" and new is not None:
                self._check_parent(session, record, new)
            if old == new:
                return self._view(session, record_id)
            setattr(record, field, new)
            self._mark_curated(record, field)
            self._touch(record)
            repo.add_edit(
                session,
                action="update",
                actor=self._who(actor),
                record_id=record_id,
                article_id=record.article_id,
                field=field,
                old_value=old,
                new_value=new,
            )
            return self._view(session, record_id)

    @staticmethod
    def _check_parent(session: Session, record: Record, parent_id: int) -> None:
        if parent_id == record.id:
            raise ValueError("a record cannot be its own parent")
        parent = repo.load_record(session, record_id=parent_id)
        if parent.article_id != record.article_id:
            raise ValueError(f"record {parent_id} belongs to another article")
        seen = {record.id}
        while parent is not None and parent.parent_id is not None:
            if parent.parent_id in seen:
                raise ValueError("that parent would make a cycle of records")
            seen.add(parent.id)
            parent = session.get(Record, parent.parent_id)

    def set_status(
        self,
        record_id: int,
        status: RecordStatus | str,
        *,
        expected_version: int | None = None,
        actor: str | None = None,
    ) -> RecordView:
        """Accept, reject or reset a record to pending; moves its article's review state along."""
        new = _coerce_enum(RecordStatus, status, "status")
        who = self._who(actor)
        with write_session(self.engine) as session:
            record = self._load_for_change(session, record_id, expected_version)
            old = RecordStatus(record.status)
            if old != new:
                record.status = new
                self._touch(record)
                repo.add_edit(
                    session,
                    action="status",
                    actor=who,
                    record_id=record_id,
                    article_id=record.article_id,
                    field="status",
                    old_value=old,
                    new_value=new,
                )
                session.flush()
                self._refresh_review_state(session, record.article_id, who, started=True)
            return self._view(session, record_id)

    def accept(self, record_id: int, **kwargs: Any) -> RecordView:
        return self.set_status(record_id, RecordStatus.ACCEPTED, **kwargs)

    def reject(self, record_id: int, **kwargs: Any) -> RecordView:
        return self.set_status(record_id, RecordStatus.REJECTED, **kwargs)

    def _refresh_review_state(self, session: Session, article_id: int, actor: str, *, started: bool) -> None:
        """new → in progress when work starts; all records decided → done; a pending one → in progress."""
        article = repo.load_article(session, article_id=article_id)
        old = ReviewState(article.review_state)
        statuses = repo.record_statuses_for_article(session, article_id=article_id)
        new = old
        if statuses and all(s != RecordStatus.PENDING for s in statuses):
            new = ReviewState.DONE
        elif (old == ReviewState.NEW and started) or (
            old == ReviewState.DONE and RecordStatus.PENDING in statuses
        ):
            new = ReviewState.IN_PROGRESS
        if new != old:
            self._set_state(session, article, old, new, actor)

    @staticmethod
    def _set_state(session: Session, article: Any, old: ReviewState, new: ReviewState, actor: str) -> None:
        article.review_state = new
        repo.add_edit(
            session,
            action="review_state",
            actor=actor,
            article_id=article.id,
            field="review_state",
            old_value=old,
            new_value=new,
        )

    def set_review_state(
        self, article_id: int, state: ReviewState | str, *, actor: str | None = None
    ) -> None:
        new = _coerce_enum(ReviewState, state, "review state")
        with write_session(self.engine) as session:
            article = repo.load_article(session, article_id=article_id)
            old = ReviewState(article.review_state)
            if old != new:
                self._set_state(session, article, old, new, self._who(actor))

    # ------------------------------------------------------------------------------------ amounts

    def update_amount(
        self,
        amount_id: int,
        *,
        text: str | None = None,
        currency: str | None = None,
        qualifier: Qualifier | str | None = None,
        kind: AmountKind | str | None = None,
        value_max: Decimal | int | str | _Unset | None = UNSET,
        period_start: int | str | _Unset | None = UNSET,
        period_end: int | str | _Unset | None = UNSET,
        share_of_id: int | _Unset | None = UNSET,
        value: Decimal | int | str | _Unset = UNSET,
        expected_version: int | None = None,
        actor: str | None = None,
    ) -> RecordView:
        """Change an amount. ``text`` is parsed with the extractor's parser, which sets the value,
        qualifier and maximum (and the currency when the text names one); explicit arguments win.

        Arguments left out are not changed; ``value_max``, ``period_*`` and ``share_of_id`` accept
        ``None`` to clear them. Giving ``value`` together with ``text`` stores both exactly as given
        without parsing (what undo needs to put back an extracted text such as ``69920万 元``).
        Unreadable text raises ``AmountParseError`` and nothing changes.
        """
        changes = self._amount_changes(
            value=value,
            text=text,
            currency=currency,
            qualifier=qualifier,
            kind=kind,
            value_max=value_max,
            period_start=period_start,
            period_end=period_end,
            share_of_id=share_of_id,
        )
        with write_session(self.engine) as session:
            amount = repo.load_amount(session, amount_id=amount_id)
            record = self._load_for_change(session, amount.record_id, expected_version)
            if "currency" not in changes and changes.get("_text_currency") not in (None, UNKNOWN_CURRENCY):
                changes["currency"] = changes["_text_currency"]
            changes.pop("_text_currency", None)
            if "share_of_id" in changes and changes["share_of_id"] is not None:
                self._check_share(session, amount, changes["share_of_id"])
            self._check_amount_consistency(amount, changes)
            changed = self._apply_amount(session, amount, record, changes, self._who(actor))
            if changed:
                self._touch(record)
            return self._view(session, record.id or 0)

    def _amount_changes(self, **given: Any) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        text = given["text"]
        exact = given.get("value", UNSET)
        if exact is not UNSET:
            number = _coerce_decimal(exact, "value", self.amount_parser)
            if number is None:
                raise ValueError("an amount needs a value")
            changes["value"] = number
            if text is not None:
                if not text.strip():
                    raise ValueError("an amount needs its text as written")
                changes["text"] = text.strip()
        elif text is not None:
            parsed = self.amount_parser(text)  # AmountParseError propagates; nothing written yet
            changes.update(
                text=text.strip(),
                value=Decimal(parsed.value),
                qualifier=Qualifier(parsed.qualifier),
                value_max=Decimal(parsed.value_max) if parsed.value_max is not None else None,
                _text_currency=parsed.currency or UNKNOWN_CURRENCY,
            )
        if given["currency"] is not None:
            changes["currency"] = coerce_currency(given["currency"])
        if given["qualifier"] is not None:
            changes["qualifier"] = _coerce_enum(Qualifier, given["qualifier"], "qualifier")
        if given["kind"] is not None:
            changes["kind"] = _coerce_enum(AmountKind, given["kind"], "amount kind")
        if given["value_max"] is not UNSET:
            changes["value_max"] = _coerce_decimal(given["value_max"], "maximum", self.amount_parser)
        for name, label in (("period_start", "period start"), ("period_end", "period end")):
            if given[name] is not UNSET:
                year = _parse_whole_number(given[name], label)
                if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
                    raise ValueError(f"{label} must be a year between {MIN_YEAR} and {MAX_YEAR}, not {year}")
                changes[name] = year
        if given["share_of_id"] is not UNSET:
            changes["share_of_id"] = _parse_whole_number(given["share_of_id"], "share of")
        return changes

    @staticmethod
    def _check_amount_consistency(amount: Amount | None, changes: Mapping[str, Any]) -> None:
        def final(name: str) -> Any:
            return (
                changes[name] if name in changes else (getattr(amount, name) if amount is not None else None)
            )

        qualifier, value, value_max = final("qualifier"), final("value"), final("value_max")
        if qualifier == Qualifier.RANGE and value_max is None:
            raise ValueError("a range needs a maximum (value_max)")
        if value is not None and value_max is not None and value_max < value:
            raise ValueError(f"the maximum {value_max} is below the value {value}")

    @staticmethod
    def _check_share(session: Session, amount: Amount, share_of_id: int) -> None:
        if share_of_id == amount.id:
            raise ValueError("an amount cannot be a share of itself")
        parent = repo.load_amount(session, amount_id=share_of_id)
        owner = repo.load_record(session, record_id=parent.record_id)
        mine = repo.load_record(session, record_id=amount.record_id)
        if owner.article_id != mine.article_id:
            raise ValueError(f"amount {share_of_id} belongs to another article")

    def _apply_amount(
        self, session: Session, amount: Amount, record: Record, changes: Mapping[str, Any], actor: str
    ) -> bool:
        changed = False
        for name, new in changes.items():
            old = getattr(amount, name)
            if old == new:
                continue
            setattr(amount, name, new)
            self._mark_curated(amount, name)
            repo.add_edit(
                session,
                action="update",
                actor=actor,
                record_id=record.id,
                amount_id=amount.id,
                article_id=record.article_id,
                field=f"amount.{name}",
                old_value=old,
                new_value=new,
            )
            changed = True
        return changed

    def add_amount(
        self,
        record_id: int,
        text: str,
        *,
        currency: str | None = None,
        qualifier: Qualifier | str | None = None,
        kind: AmountKind | str = AmountKind.UNKNOWN,
        value_max: Decimal | int | str | _Unset | None = UNSET,
        period_start: int | str | None = None,
        period_end: int | str | None = None,
        share_of_id: int | None = None,
        span: tuple[int, int] | None = None,
        expected_version: int | None = None,
        actor: str | None = None,
    ) -> int:
        """Add an amount typed by a person; returns its id."""
        changes = self._amount_changes(
            text=text,
            currency=currency,
            qualifier=qualifier,
            kind=kind,
            value_max=value_max,
            period_start=period_start,
            period_end=period_end,
            share_of_id=share_of_id,
        )
        text_currency = changes.pop("_text_currency", UNKNOWN_CURRENCY)
        changes.setdefault("currency", text_currency)
        self._check_amount_consistency(None, changes)
        with write_session(self.engine) as session:
            record = self._load_for_change(session, record_id, expected_version)
            start = end = None
            if span is not None:
                article = repo.load_article(session, article_id=record.article_id)
                start, end = span
                repo.check_span(article.text, start, end, "amount span")
            amount = Amount(
                record_id=record_id,
                position=repo.next_amount_position(session, record_id=record_id),
                start=start,
                end=end,
                origin=Origin.MANUAL,
                curated_fields=list(AMOUNT_FIELDS),
                **{k: v for k, v in changes.items() if k != "share_of_id"},
            )
            session.add(amount)
            session.flush()
            if changes.get("share_of_id") is not None:
                self._check_share(session, amount, changes["share_of_id"])
                amount.share_of_id = changes["share_of_id"]
            self._mark_curated(record, "amounts")
            self._touch(record)
            repo.add_edit(
                session,
                action="create",
                actor=self._who(actor),
                record_id=record_id,
                amount_id=amount.id,
                article_id=record.article_id,
                field="amount",
                new_value=repo.amount_view(amount).text,
            )
            assert amount.id is not None
            return amount.id

    def delete_amount(
        self, amount_id: int, *, expected_version: int | None = None, actor: str | None = None
    ) -> AmountView:
        """Delete an amount; returns it as it was so :meth:`restore_amount` can put it back."""
        with write_session(self.engine) as session:
            amount = repo.load_amount(session, amount_id=amount_id)
            record = self._load_for_change(session, amount.record_id, expected_version)
            view = repo.amount_view(amount)
            session.delete(amount)
            self._mark_curated(record, "amounts")
            self._touch(record)
            repo.add_edit(
                session,
                action="delete",
                actor=self._who(actor),
                record_id=record.id,
                amount_id=amount_id,
                article_id=record.article_id,
                field="amount",
                old_value=view.text,
            )
            return view

    def restore_amount(self, amount: AmountView, *, actor: str | None = None) -> int:
        """Put back an amount removed by :meth:`delete_amount`, with the same id."""
        with write_session(self.engine) as session:
            if session.get(Amount, amount.id) is not None:
                raise ValueError(f"amount {amount.id} already exists; nothing to restore")
            record = repo.load_record(session, record_id=amount.record_id)
            share_of = amount.share_of_id
            if share_of is not None and session.get(Amount, share_of) is None:
                share_of = None
            session.add(
                Amount(
                    id=amount.id,
                    record_id=amount.record_id,
                    position=amount.position,
                    text=amount.text,
                    value=amount.value,
                    value_max=amount.value_max,
                    currency=amount.currency,
                    qualifier=amount.qualifier,
                    kind=amount.kind,
                    period_start=amount.period_start,
                    period_end=amount.period_end,
                    share_of_id=share_of,
                    start=amount.start,
                    end=amount.end,
                    origin=amount.origin,
                    extracted=dict(amount.extracted),
                    curated_fields=list(amount.curated_fields),
                )
            )
            self._mark_curated(record, "amounts")
            self._touch(record)
            repo.add_edit(
                session,
                action="restore",
                actor=self._who(actor),
                record_id=record.id,
                amount_id=amount.id,
                article_id=record.article_id,
                field="amount",
                new_value=amount.text,
            )
            return amount.id

    # ---------------------------------------------------------------------- create / delete records

    def create_record(
        self,
        article_id: int,
        fields: Mapping[str, Any] | None = None,
        evidence: Iterable[tuple[str, int, int]] = (),
        *,
        amounts: Iterable[str] = (),
        actor: str | None = None,
    ) -> int:
        """A record made by hand (origin manual, status pending); returns its id.

        ``amounts`` are amount texts such as ``"3.5亿元"``; ``evidence`` are ``(field, start, end)``.
        Everything is checked before anything is written.
        """
        values = {name: coerce_field_value(name, value) for name, value in (fields or {}).items()}
        parsed_amounts = [
            self._amount_changes(
                text=text,
                currency=None,
                qualifier=None,
                kind=None,
                value_max=UNSET,
                period_start=UNSET,
                period_end=UNSET,
                share_of_id=UNSET,
            )
            for text in amounts
        ]
        spans = [(self._evidence_field(name), start, end) for name, start, end in evidence]
        who = self._who(actor)
        with write_session(self.engine) as session:
            article = repo.load_article(session, article_id=article_id)
            parent_id = values.pop("parent_id", None)
            record = Record(
                article_id=article_id,
                origin=Origin.MANUAL,
                status=RecordStatus.PENDING,
                curated_fields=sorted(values),
                **values,
            )
            session.add(record)
            session.flush()
            assert record.id is not None
            if parent_id is not None:
                self._check_parent(session, record, parent_id)
                record.parent_id = parent_id
            for position, changes in enumerate(parsed_amounts):
                currency = changes.pop("_text_currency", UNKNOWN_CURRENCY)
                session.add(
                    Amount(
                        record_id=record.id,
                        position=position,
                        origin=Origin.MANUAL,
                        currency=currency,
                        curated_fields=list(AMOUNT_FIELDS),
                        **changes,
                    )
                )
            for name, start, end in spans:
                repo.add_evidence(
                    session,
                    record_id=record.id,
                    field=name,
                    start=start,
                    end=end,
                    text=article.text,
                    origin=Origin.MANUAL,
                )
            repo.add_edit(
                session,
                action="create",
                actor=who,
                record_id=record.id,
                article_id=article_id,
                new_value={**values, **({"parent_id": parent_id} if parent_id is not None else {})},
            )
            session.flush()
            self._refresh_review_state(session, article_id, who, started=False)
            return record.id

    @staticmethod
    def _evidence_field(name: str) -> str:
        if name not in EVIDENCE_FIELDS:
            raise ValueError(
                f"cannot attach evidence to {name!r}; use one of {', '.join(sorted(EVIDENCE_FIELDS))}"
            )
        return name

    def delete_record(self, record_id: int, *, actor: str | None = None) -> RecordSnapshot:
        """Delete a record with its amounts and evidence; the snapshot lets :meth:`restore_record`
        recreate it exactly (same ids, links)."""
        who = self._who(actor)
        with write_session(self.engine) as session:
            snapshot = repo.snapshot_record(session, record_id=record_id)
            article_id = int(snapshot.record["article_id"])
            repo.delete_record_row(session, record_id=record_id)
            repo.add_edit(
                session,
                action="delete",
                actor=who,
                record_id=record_id,
                article_id=article_id,
                old_value={k: v for k, v in snapshot.record.items() if k in RECORD_FIELDS or k == "status"},
            )
            self._refresh_review_state(session, article_id, who, started=False)
            return snapshot

    def restore_record(self, snapshot: RecordSnapshot, *, actor: str | None = None) -> RecordView:
        who = self._who(actor)
        with write_session(self.engine) as session:
            record_id = repo.restore_snapshot(session, snapshot=snapshot)
            article_id = int(snapshot.record["article_id"])
            repo.add_edit(
                session,
                action="restore",
                actor=who,
                record_id=record_id,
                article_id=article_id,
                new_value={k: v for k, v in snapshot.record.items() if k in RECORD_FIELDS or k == "status"},
            )
            self._refresh_review_state(session, article_id, who, started=False)
            return self._view(session, record_id)

    # ----------------------------------------------------------------------------------- evidence

    def set_evidence(
        self, record_id: int, field: str, start: int, end: int, *, actor: str | None = None
    ) -> RecordView:
        """Make ``[start, end)`` of the article the (only) evidence for ``field``."""
        return self.replace_evidence(record_id, field, [(start, end)], actor=actor)

    def replace_evidence(
        self,
        record_id: int,
        field: str,
        spans: Sequence[tuple[int, int]],
        *,
        expected_version: int | None = None,
        actor: str | None = None,
    ) -> RecordView:
        """Replace all evidence for ``field`` by ``spans`` (an empty list clears it)."""
        with write_session(self.engine) as session:
            record = self._load_for_change(session, record_id, expected_version)
            current = repo.load_evidence(session, record_ids=[record_id]).get(record_id, [])
            if field not in {ev.field for ev in current}:
                self._evidence_field(field)
            article = repo.load_article(session, article_id=record.article_id)
            old = [[ev.start, ev.end] for ev in current if ev.field == field]
            new = [[int(s), int(e)] for s, e in spans]
            if sorted(old) == sorted(new):
                return self._view(session, record_id)
            for ev in current:
                if ev.field == field:
                    session.delete(ev)
            session.flush()
            for start, end in new:
                repo.add_evidence(
                    session,
                    record_id=record_id,
                    field=field,
                    start=start,
                    end=end,
                    text=article.text,
                    origin=Origin.MANUAL,
                )
            self._touch(record)
            repo.add_edit(
                session,
                action="evidence",
                actor=self._who(actor),
                record_id=record_id,
                article_id=record.article_id,
                field=field,
                old_value=old,
                new_value=new,
            )
            return self._view(session, record_id)

    # ------------------------------------------------------------------------------------- reset

    def reset_to_extracted(
        self,
        record_id: int,
        field: str | None = None,
        *,
        expected_version: int | None = None,
        actor: str | None = None,
    ) -> RecordView:
        """Put one field (or every curated field) back to the extractor's value."""
        with write_session(self.engine) as session:
            record = self._load_for_change(session, record_id, expected_version)
            if record.origin == Origin.MANUAL:
                raise ValueError(f"record {record_id} was made by hand; it has no extracted values")
            extracted = record.extracted or {}
            if field is None:
                names = [n for n in (record.curated_fields or []) if n in repo.MACHINE_FIELDS]
            elif field in repo.MACHINE_FIELDS:
                names = [field]
            else:
                raise ValueError(f"{field!r} has no extracted value to go back to")
            who = self._who(actor)
            changed = False
            for name in names:
                old = getattr(record, name)
                raw = extracted.get(name)
                new = RecordKind(raw or RecordKind.PROJECT) if name == "record_kind" else raw
                self._unmark_curated(record, name)
                if old != new:
                    setattr(record, name, new)
                    changed = True
                    repo.add_edit(
                        session,
                        action="reset",
                        actor=who,
                        record_id=record_id,
                        article_id=record.article_id,
                        field=name,
                        old_value=old,
                        new_value=new,
                    )
            if changed or names:
                self._touch(record)
            return self._view(session, record_id)

    def reset_amount_to_extracted(
        self,
        amount_id: int,
        field: str | None = None,
        *,
        expected_version: int | None = None,
        actor: str | None = None,
    ) -> RecordView:
        with write_session(self.engine) as session:
            amount = repo.load_amount(session, amount_id=amount_id)
            record = self._load_for_change(session, amount.record_id, expected_version)
            if amount.origin == Origin.MANUAL:
                raise ValueError(f"amount {amount_id} was typed by hand; it has no extracted values")
            if field is not None and field not in repo.AMOUNT_MACHINE_FIELDS:
                raise ValueError(f"amount field {field!r} has no extracted value to go back to")
            names = (
                [field]
                if field
                else [n for n in (amount.curated_fields or []) if n in repo.AMOUNT_MACHINE_FIELDS]
            )
            values = _decode_amount_values(amount.extracted or {})
            changes = {n: values[n] for n in names if n in values}
            changed = self._apply_amount(session, amount, record, changes, self._who(actor))
            self._unmark_curated(amount, *names)
            if changed or names:
                self._touch(record)
            return self._view(session, record.id or 0)

    # -------------------------------------------------------------------------------- re-extract

    def re_extract(
        self,
        article_ids: Iterable[int] | None = None,
        *,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
        actor: str | None = None,
    ) -> ReExtractReport:
        """Run the extractor again (all articles when ``article_ids`` is None).

        Mentions are replaced. Records a person made or reviewed, and every curated field or
        amount, are kept as they are; untouched machine values are refreshed; new candidates are
        added; untouched pending machine records that no longer appear are removed.
        """
        if article_ids is None:
            with read_session(self.engine) as session:
                ids = repo.all_article_ids(session)
        else:
            ids = list(article_ids)
        report = ReExtractReport()
        who = self._who(actor)
        for index, article_id in enumerate(ids):
            if cancel is not None and cancel():
                report.cancelled = True
                break
            if progress is not None:
                progress(index, len(ids), str(article_id))
            try:
                article = self.article(article_id)
                extraction = self._run_extractor(article.text, article.published)
                with write_session(self.engine) as session:
                    self._re_extract_article(session, article, extraction, who, report)
            except Exception as exc:
                report.failures.append((article_id, f"{type(exc).__name__}: {exc}"))
                continue
            report.articles += 1
        if progress is not None and not report.cancelled:
            progress(len(ids), len(ids), "")
        return report

    def _re_extract_article(
        self,
        session: Session,
        article: ArticleView,
        extraction: Extraction,
        actor: str,
        report: ReExtractReport,
    ) -> None:
        text = article.text
        repo.replace_mentions(session, article_id=article.id, mentions=extraction.mentions)
        existing = repo.load_records_for_article(session, article_id=article.id)
        machine = [r for r in existing if r.origin == Origin.EXTRACTED]
        report.records_kept += len(existing) - len(machine)  # made by hand: never touched
        amounts_of = repo.load_amounts(session, record_ids=[r.id for r in machine if r.id is not None])
        candidates = extraction.records
        matched = _match_candidates(candidates, machine, amounts_of)

        records: list[Record | None] = [None] * len(candidates)
        amounts: list[list[Amount | None]] = [[] for _ in candidates]
        refreshed: list[int] = []
        for index, candidate in enumerate(candidates):
            record = matched.get(index)
            if record is None:
                record, rows = repo.add_candidate_record(
                    session, article_id=article.id, text=text, candidate=candidate
                )
                records[index], amounts[index] = record, list(rows)
                refreshed.append(index)
                report.records_added += 1
                continue
            assert record.id is not None
            records[index] = record
            if record.status != RecordStatus.PENDING:
                stored = [a for a in amounts_of.get(record.id, []) if a.origin == Origin.EXTRACTED]
                amounts[index] = [_pick_amount(stored, ca.span) for ca in candidate.amounts]
                report.records_kept += 1
                continue
            amounts[index] = self._refresh_record(
                session, record, candidate, amounts_of.get(record.id, []), text, actor
            )
            refreshed.append(index)
            report.records_refreshed += 1
        session.flush()
        repo.link_candidates(candidates, records, amounts, only=refreshed)

        used = {r.id for r in records if r is not None}
        evidence_of = repo.load_evidence(
            session, record_ids=[r.id for r in machine if r.id not in used and r.id]
        )
        for record in machine:
            if record.id in used:
                continue
            untouched = (
                record.status == RecordStatus.PENDING
                and not record.curated_fields
                and all(
                    a.origin == Origin.EXTRACTED and not a.curated_fields
                    for a in amounts_of.get(record.id or 0, [])
                )
                and all(e.origin == Origin.EXTRACTED for e in evidence_of.get(record.id or 0, []))
            )
            if untouched:
                repo.add_edit(
                    session,
                    action="re_extract_remove",
                    actor=actor,
                    record_id=record.id,
                    article_id=article.id,
                    old_value={name: getattr(record, name) for name in repo.MACHINE_FIELDS},
                )
                session.delete(record)
                report.records_removed += 1
            else:
                report.records_kept += 1
        session.flush()

    def _refresh_record(
        self,
        session: Session,
        record: Record,
        candidate: CandidateRecord,
        current_amounts: list[Amount],
        text: str,
        actor: str,
    ) -> list[Amount | None]:
        """Refresh the untouched machine values of a pending record.

        Returns the stored amount for each of the candidate's amounts (None where a person's
        choice of amounts left one out).
        """
        assert record.id is not None
        curated = set(record.curated_fields or [])
        values = repo.candidate_values(candidate)
        changed = False

        def edit(field: str, old: Any, new: Any, amount_id: int | None = None) -> None:
            repo.add_edit(
                session,
                action="re_extract",
                actor=actor,
                record_id=record.id,
                amount_id=amount_id,
                article_id=record.article_id,
                field=field,
                old_value=old,
                new_value=new,
            )

        for name in repo.MACHINE_FIELDS:
            if name in curated:
                continue
            old, new = getattr(record, name), values[name]
            if old != new:
                setattr(record, name, new)
                edit(name, old, new)
                changed = True
        extracted = repo.jsonable(values)
        extracted[repo.KEY_FIELD] = repo.candidate_key(candidate)
        record.extracted = extracted
        record.flags = repo.jsonable(dict(candidate.flags))

        # Pair candidate amounts with stored machine amounts by span (same, else overlapping).
        # When a person added or deleted amounts ("amounts" curated), the set is left alone.
        amounts_curated = "amounts" in curated
        free = [a for a in current_amounts if a.origin == Origin.EXTRACTED]
        paired: list[Amount | None] = []
        for candidate_amount in candidate.amounts:
            span = candidate_amount.span
            repo.check_span(text, span.start, span.end, "amount span")
            row = _pick_amount(free, span)
            if row is not None:
                free.remove(row)
                new_values = repo.amount_values(candidate_amount)
                row_curated = set(row.curated_fields or [])
                for name, new in new_values.items():
                    old = getattr(row, name)
                    if name not in row_curated and old != new:
                        setattr(row, name, new)
                        edit(f"amount.{name}", old, new, row.id)
                        changed = True
                row.extracted = repo.jsonable(new_values)
                row.start, row.end = span.start, span.end
            elif not amounts_curated:
                row = repo.add_candidate_amount(
                    session,
                    record_id=record.id,
                    position=repo.next_amount_position(session, record_id=record.id),
                    candidate_amount=candidate_amount,
                    text=text,
                )
                session.flush()
                edit("amount", None, row.text, row.id)
                changed = True
            paired.append(row)
        for row in free:
            if amounts_curated or row.curated_fields:
                continue
            edit("amount", row.text, None, row.id)
            session.delete(row)
            changed = True

        evidence = repo.load_evidence(session, record_ids=[record.id]).get(record.id, [])
        old_spans = sorted(
            (e.field, e.start, e.end)
            for e in evidence
            if e.origin == Origin.EXTRACTED and e.field not in curated
        )
        new_spans = sorted(
            (name, span.start, span.end)
            for name, spans in candidate.evidence.items()
            if name not in curated
            for span in spans
        )
        if old_spans != new_spans:
            for e in evidence:
                if e.origin == Origin.EXTRACTED and e.field not in curated:
                    session.delete(e)
            session.flush()
            for name, start, end in new_spans:
                repo.add_evidence(
                    session,
                    record_id=record.id,
                    field=name,
                    start=start,
                    end=end,
                    text=text,
                    origin=Origin.EXTRACTED,
                )
        if changed:
            self._touch(record)
        return paired

    # ------------------------------------------------------------------------------------- export

    def export(
        self,
        path: str | os.PathLike[str],
        fmt: str | None = None,
        *,
        status: RecordStatus | str | None = "accepted",
        what: Literal["records", "articles", "mentions", "edits"] = "records",
        article_ids: Sequence[int] | None = None,
    ) -> int:
        """Write records (``status`` "accepted", "pending", "rejected" or "all") or a table to
        ``path`` as csv, json, jsonl or xlsx (``fmt`` defaults to the file's suffix).

        Returns the number of rows written. Raises ``ExportError`` / ``ValueError`` with a message.
        """
        from aidcurator.export import write_records, write_table

        fmt = fmt or Path(path).suffix.lstrip(".").lower()
        if not fmt:
            raise ValueError(
                f"cannot tell the export format from {os.fspath(path)!r}; choose csv, json, jsonl or xlsx"
            )
        wanted = None if status in (None, "all") else _coerce_enum(RecordStatus, status, "status")
        with read_session(self.engine) as session:
            if what == "records":
                rows = repo.record_export_rows(session, status=wanted, article_ids=article_ids)
            elif what in ("articles", "mentions", "edits"):
                rows = repo.table_rows(session, what=what, article_ids=article_ids)
            else:
                raise ValueError(f"cannot export {what!r}; choose records, articles, mentions or edits")
        if what == "records":
            write_records(rows, path, fmt)
        else:
            write_table(rows, path, fmt, sheet_name=what)
        return len(rows)


# ------------------------------------------------------------------------------------ helpers


def _decode_amount_values(extracted: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in repo.AMOUNT_MACHINE_FIELDS:
        if name not in extracted:
            continue
        raw = extracted[name]
        if name in ("value", "value_max"):
            values[name] = Decimal(raw) if raw is not None else None
        elif name == "qualifier":
            values[name] = Qualifier(raw)
        elif name == "kind":
            values[name] = AmountKind(raw)
        else:
            values[name] = raw
    return values


def _pick_amount(rows: Sequence[Amount], span: Any) -> Amount | None:
    """The row whose span equals ``span``, else the first that overlaps it."""
    for row in rows:
        if row.start == span.start and row.end == span.end:
            return row
    for row in rows:
        if row.start is not None and row.end is not None and row.start < span.end and span.start < row.end:
            return row
    return None


def _match_candidates(
    candidates: Sequence[CandidateRecord],
    machine: Sequence[Record],
    amounts_of: Mapping[int, Sequence[Amount]],
) -> dict[int, Record]:
    """Pair new candidates with stored machine records: same key first, then overlapping anchor amount."""
    by_key: dict[str, Record] = {}
    for record in machine:
        key = (record.extracted or {}).get(repo.KEY_FIELD)
        if key and key not in by_key:
            by_key[key] = record
    matched: dict[int, Record] = {}
    used: set[int] = set()
    for index, candidate in enumerate(candidates):
        record = by_key.get(repo.candidate_key(candidate))
        if record is not None and record.id not in used:
            matched[index] = record
            used.add(record.id or 0)
    for index, candidate in enumerate(candidates):
        if index in matched or not candidate.amounts:
            continue
        span = candidate.amounts[0].span
        for record in machine:
            if record.id in used:
                continue
            anchors = [a for a in amounts_of.get(record.id or 0, []) if a.origin == Origin.EXTRACTED]
            anchor = anchors[0] if anchors else None
            if (
                anchor is not None
                and anchor.start is not None
                and anchor.end is not None
                and anchor.start < span.end
                and span.start < anchor.end
            ):
                matched[index] = record
                used.add(record.id or 0)
                break
    return matched
