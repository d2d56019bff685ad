"""The window's place in the list and the session: resuming where the curator stopped, keeping
the article pane in step with the list's search and filters, the keyboard from the search box,
and a form field scrolled into view when it gets the focus (a mixin of the main window)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QScrollArea, QWidget

    from aidcurator.gui.article_view import ArticleView
    from aidcurator.gui.controller import WindowController
    from aidcurator.gui.models import ArticleListModel
    from aidcurator.gui.panes import ArticleListPane
    from aidcurator.gui.record_form import RecordForm
    from aidcurator.gui.settings import Preferences

#: How far down the list the window loads pages to mark the article on screen.
REVEAL_ROWS = 1000


class ListSession:
    """Resume, list following and search-box keys (mixed into :class:`MainWindow`)."""

    controller: WindowController
    articles: ArticleListModel
    list_pane: ArticleListPane
    article_view: ArticleView
    form: RecordForm
    form_scroll: QScrollArea
    prefs: Preferences
    database_path: str | None
    remember: bool
    _track_position: bool
    _emptied_by_list: bool
    apply_query: Callable[[], None]

    def enter_results(self) -> None:
        """Return or Down in the search box: search now, then move into the list at its first row."""
        self.apply_query()
        self.list_pane.enter_results()

    def resume_session(self) -> bool:
        """Open the article and record this database was left at; the first article when that
        article is gone (or none was kept). False when the list is empty."""
        saved = self.prefs.position(self.database_path) if self.database_path else None
        self._track_position = True
        if saved is not None and self.articles.holds(saved[0]):
            self.controller.open_article(*saved)
            if self.controller.article_id == saved[0]:
                return True
        return self.controller.select_first_article()

    def _remember_position(self) -> None:
        c = self.controller
        if self.remember and self._track_position and self.database_path and c.article_id:
            self.prefs.set_position(self.database_path, c.article_id, c.record_id)

    def _reveal_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """A field of the form got the focus (Tab, Ctrl+M, a highlight's click): scroll it into view."""
        if new is not None and self.form.isAncestorOf(new):
            self.form_scroll.ensureWidgetVisible(new, 8, 8)

    def _follow_list(self) -> None:
        """The list was read again (search, filter, order, import): keep the article on screen while
        the list holds it; else show the list's first article, or an empty pane that says why."""
        article_id = self.controller.article_id
        if article_id and self.articles.holds(article_id):
            self.articles.load_until(article_id, REVEAL_ROWS)
            self.list_pane.select_article(article_id)
            return
        if not article_id and not self._emptied_by_list:
            return  # nothing was on screen (starting, switching databases)
        first = self.articles.article_at(0)
        self._emptied_by_list = first is None
        if first is not None:
            self.controller.open_article(first.id)
            return
        self.controller.open_article(0)
        self.article_view.show_empty(
            "No article matches", "No article matches the search and filters; change or clear them."
        )
