"""What every use case needs: the database, the extractor, the actor, and loading for a change."""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import os
import unicodedata
from collections.abc import Callable
from typing import Any, Self

from aidcurator.curation.history import check_version
from aidcurator.curation.validation import AmountParser
from aidcurator.domain import Extraction
from aidcurator.domain.views import RecordView
from aidcurator.store import Engine, Session, open_engine
from aidcurator.store import repository as repo

Extractor = Callable[[str, dt.date | None], Extraction]
Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


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


class CuratorBase:
    """One database, the extractor and amount parser to use, and who is working."""

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
        # record id → the version this curator's own undoable changes left (see curation.changes)
        self.change_versions: dict[int, int] = {}
        # article id → the metadata version this curator's own undoable changes left
        self.article_versions: dict[int, int] = {}

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None, **kwargs: Any) -> Self:
        """Open (create, upgrade) the database ``db`` (path or URL; ``None`` = the default one)."""
        return cls(open_engine(db), **kwargs)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def actor(self) -> str:
        """Who the edits of this curator are written as."""
        return self._who(None)

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

    @property
    def standard_extractor(self) -> bool:
        """Whether extraction is the package's own ``extract`` (which worker processes can run too)."""
        return self._extractor is None or self._extractor is _default_extractor()

    def _who(self, actor: str | None) -> str:
        return actor or self._actor or default_actor()

    def _run_extractor(self, text: str, published: dt.date | None) -> Extraction:
        extraction = self.extractor(text, published)
        for mention in extraction.mentions:
            repo.check_span(text, mention.start, mention.end, f"{mention.kind} mention")
        return extraction

    @staticmethod
    def _view(session: Session, record_id: int) -> RecordView:
        session.flush()
        view = repo.get_record(session, record_id=record_id)
        assert view is not None
        return view

    @staticmethod
    def _load_for_change(session: Session, record_id: int, expected_version: int | None) -> Any:
        record = repo.load_record(session, record_id=record_id)
        check_version(record, expected_version)
        return record
