"""Undoable changes of an article's metadata (title, source, date, URL, language)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aidcurator.curation.changes.base import Change, quote
from aidcurator.domain.article_fields import ARTICLE_FIELD

if TYPE_CHECKING:
    from aidcurator.curation import ArticleUpdate, Curator
    from aidcurator.domain.views import ArticleView


def _labels(names: list[str]) -> str:
    return ", ".join(ARTICLE_FIELD[name].label.lower() for name in names)


class SetArticleFields(Change):
    """New values for some metadata fields of one article; a new date re-reads its records' years.

    The metadata versions this curator's steps leave are kept in the curator's ``article_versions``
    book (as ``change_versions`` does for records). A date change re-extracts the article and so
    raises the versions of the records it refreshed: the book of those records moves along, so the
    undo steps of earlier record edits still match.
    """

    def __init__(self, article: ArticleView, values: dict[str, Any]) -> None:
        super().__init__(f"set {_labels(list(values))} of article {article.id}", article.id, None)
        self.values = dict(values)
        self.old = {name: getattr(article, name) for name in values}
        self.new: dict[str, Any] = {}
        self.expected = article.metadata_version
        self.result: ArticleUpdate | None = None

    def apply(self, curator: Curator) -> bool:
        curator.article_versions[self.article_id] = self.expected  # what the person acted on
        return self._first(curator)

    def _first(self, curator: Curator) -> bool:
        result = self._step(curator, self.values)
        self.new = {name: getattr(result.article, name) for name in result.changed}
        self.old = {name: self.old[name] for name in result.changed}
        if len(self.new) == 1:
            ((name, value),) = self.new.items()
            self.text = f"set {_labels([name])} of article {self.article_id} to {quote(value)}"
        elif self.new:
            self.text = f"set {_labels(list(self.new))} of article {self.article_id}"
        return bool(result.changed)

    def _redo(self, curator: Curator) -> None:
        self._step(curator, self.new)

    def _undo(self, curator: Curator) -> None:
        self._step(curator, self.old)

    def _step(self, curator: Curator, values: dict[str, Any]) -> ArticleUpdate:
        dated = "published" in values
        before = {r.id: r.version for r in curator.records(self.article_id)} if dated else {}
        result = curator.update_article(
            self.article_id,
            values,
            expected_version=curator.article_versions.get(self.article_id, self.expected),
        )
        curator.article_versions[self.article_id] = result.article.metadata_version
        if result.reextract is not None:
            for record in curator.records(self.article_id):
                if record.id in curator.change_versions and curator.change_versions[record.id] == before.get(
                    record.id
                ):
                    curator.change_versions[record.id] = record.version
        self.result = result
        return result
