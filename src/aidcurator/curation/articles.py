"""Editing an article's metadata (title, source, date, URL, language), with history and conflict check.

Every change writes one ``Edit`` per field (action ``article``, with the article id and no record
id) and raises the article's ``metadata_version``; an edit based on an older version raises
:class:`ConflictError` and writes nothing. When the publication date changes, the article is
extracted again through the re-extraction merge in the same transaction, so the years the
extractor read from relative words (今年, "this year", "over the past three years") follow the new
date, while every value a person set or a record a person reviewed stays as it is.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aidcurator.curation.history import ConflictError
from aidcurator.curation.reextract import ReExtractMixin, ReExtractReport
from aidcurator.domain.article_fields import ARTICLE_FIELD
from aidcurator.domain.views import ArticleView, EditView
from aidcurator.ingest.dates import parse_date
from aidcurator.store import read_session, write_session
from aidcurator.store import repository as repo

EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$")
ARTICLE_EDIT = "article"  # the Edit action of a metadata change


@dataclass(frozen=True, slots=True)
class ArticleUpdate:
    """What :meth:`ArticlesMixin.update_article` did."""

    article: ArticleView  # as stored afterwards
    changed: tuple[str, ...]  # the fields whose value changed
    reextract: ReExtractReport | None  # when the publication date changed


def coerce_article_value(name: str, value: Any) -> Any:
    """The stored form of a typed metadata value; ``ValueError`` with a readable reason if it does not fit."""
    spec = ARTICLE_FIELD.get(name)
    if spec is None:
        raise ValueError(f"{name!r} is not an article field that can be edited")
    if spec.kind == "date":
        return _coerce_date(value)
    text = " ".join(str(value).split()) if value is not None else ""
    if not text:
        if spec.required:
            raise ValueError(f"the {spec.label.lower()} cannot be empty")
        return None
    if spec.kind == "url" and any(ch.isspace() for ch in str(value).strip()):
        raise ValueError("a URL cannot contain spaces")
    if spec.kind == "language":
        text = text.lower().replace("_", "-")
        if not _LANGUAGE.match(text):
            raise ValueError(f"“{text}” is not a language code (zh, en, …)")
    return text


def _coerce_date(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        date = value.date()
    elif isinstance(value, dt.date):
        date = value
    else:
        parsed = parse_date(str(value))
        if parsed is None:
            raise ValueError(f"cannot read “{value}” as a date; type it as YYYY-MM-DD")
        date = parsed
    if not EARLIEST_YEAR <= date.year <= LATEST_YEAR:
        raise ValueError(f"{date.isoformat()} is not a plausible publication date")
    return date


class ArticlesMixin(ReExtractMixin):
    """Article metadata use cases."""

    def update_article(
        self,
        article_id: int,
        changes: Mapping[str, Any],
        *,
        expected_version: int | None = None,
        actor: str | None = None,
        reextract: bool = True,
    ) -> ArticleUpdate:
        """Set metadata fields of one article (typed text such as ``"2025年11月20日"`` is accepted).

        ``expected_version`` is the ``metadata_version`` the person saw (None: the current one).
        Unchanged values write nothing. A new publication date re-extracts the article (unless
        ``reextract`` is False); curated values and reviewed records are kept.
        """
        values = {name: coerce_article_value(name, value) for name, value in changes.items()}
        current: ArticleView = self.article(article_id)  # type: ignore[attr-defined]
        version = current.metadata_version if expected_version is None else expected_version
        if current.metadata_version != version:
            raise _conflict(article_id, current.metadata_version, version)
        changed = {name: value for name, value in values.items() if getattr(current, name) != value}
        if not changed:
            return ArticleUpdate(current, (), None)
        report: ReExtractReport | None = None
        extraction = None
        if reextract and "published" in changed:
            report = ReExtractReport()
            extraction = self._run_extractor(current.text, changed["published"])
        who = self._who(actor)
        with write_session(self.engine) as session:
            if not repo.update_article_metadata(
                session, article_id=article_id, expected_version=version, values=changed
            ):
                raise _conflict(article_id, None, version)
            for name, value in changed.items():
                repo.add_edit(
                    session,
                    action=ARTICLE_EDIT,
                    actor=who,
                    article_id=article_id,
                    field=name,
                    old_value=getattr(current, name),
                    new_value=value,
                )
            if extraction is not None and report is not None:
                dated = dataclasses.replace(current, published=changed["published"])
                self._re_extract_article(session, dated, extraction, who, report)
                report.articles = 1
        return ArticleUpdate(self.article(article_id), tuple(changed), report)  # type: ignore[attr-defined]

    def article_history(self, article_id: int) -> list[EditView]:
        """The metadata edits of one article, oldest first."""
        with read_session(self.engine) as session:
            edits = repo.edits_for_article(session, article_id=article_id)
        return [e for e in edits if e.action == ARTICLE_EDIT and e.record_id is None]


def _conflict(article_id: int, now: int | None, yours: int) -> ConflictError:
    state = f"now version {now}, yours {yours}" if now is not None else f"yours was version {yours}"
    return ConflictError(
        f"article {article_id} was changed elsewhere since you loaded it ({state}); reload it and try again"
    )
