"""The article in the centre: a header, a legend and the read-only text with highlighted mentions.

The view only paints ``(start, end, kind)`` spans it is given (Python str offsets, converted to
Qt positions by :class:`~aidcurator.gui.offsets.OffsetMap`); it never searches the text itself.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, Qt, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QMouseEvent,
    QPalette,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from aidcurator.domain.fields import RECORD_FIELDS, highlight_kind
from aidcurator.gui.formatting import mention_tooltip
from aidcurator.gui.highlight_styles import (
    SELECTION_COLOUR,
    Legend,
    style_for,
    text_format,
)
from aidcurator.gui.offsets import OffsetMap

if TYPE_CHECKING:
    from aidcurator.domain.views import ArticleView as ArticleData
    from aidcurator.domain.views import MentionView

#: Record fields offered under "Use as" (field name, menu label): the table's ``use_as`` fields,
#: then the amount.
USE_AS_FIELDS: tuple[tuple[str, str], ...] = (
    *((spec.name, spec.label) for spec in RECORD_FIELDS if spec.use_as),
    ("amount", "Amount (add to record)"),
)


class ArticleText(QPlainTextEdit):
    """Read-only article text that reports clicks, hovers and context menus in UTF-16 positions."""

    # UTF-16 position of a plain click (no selection made)
    clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTabChangesFocus(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setObjectName("articleText")
        # A neutral selection colour that no highlight kind uses, the same with and without focus
        # (jumping to evidence selects text while the form keeps the focus).
        palette = self.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Highlight, QColor(SELECTION_COLOUR))
            palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
        self.setPalette(palette)
        self.tooltip_for = None  # callable(position) -> str | None, set by ArticleView
        self.menu_for = None  # callable(menu, QContextMenuEvent) -> None, set by ArticleView
        self._press: QPoint | None = None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        position = self.cursorForPosition(event.position().toPoint()).position()
        self.clicked.emit(position)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.tooltip_for is not None:
            pos = event.pos()  # type: ignore[attr-defined]
            text = self.tooltip_for(self.cursorForPosition(pos).position())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        if self.menu_for is not None:
            self.menu_for(menu)
        menu.exec(event.globalPos())
        menu.deleteLater()


class ArticleView(QWidget):
    """Header, legend and highlighted text of one article."""

    # the MentionView that was clicked
    mention_clicked = Signal(object)
    # Python start, end of the selection
    new_record_requested = Signal(int, int)
    # field name, Python start, end of the selection
    use_as_requested = Signal(str, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._article: ArticleData | None = None
        self._map = OffsetMap("")
        self._mentions: list[MentionView] = []
        self._mention_selections: list[QTextEdit.ExtraSelection] = []
        self._record_spans: list[tuple[str, int, int]] = []
        self.record_fields_enabled = False

        self.title = QLabel()
        self.title.setObjectName("articleTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.meta = QLabel()
        self.meta.setObjectName("articleMeta")
        self.meta.setWordWrap(True)
        self.meta.setOpenExternalLinks(True)
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.legend = Legend()
        self.text = ArticleText()
        text_font = self.text.font()
        text_font.setPointSizeF(text_font.pointSizeF() * 1.15)
        self.text.setFont(text_font)
        self.text.tooltip_for = self._tooltip_at
        self.text.menu_for = self._extend_menu
        self.text.clicked.connect(self._on_text_clicked)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.legend)
        layout.addWidget(self.text, 1)
        self.show_article(None, ())

    # -- content

    @property
    def article(self) -> ArticleData | None:
        return self._article

    @property
    def offsets(self) -> OffsetMap:
        return self._map

    def show_article(self, article: ArticleData | None, mentions: Sequence[MentionView]) -> None:
        self._article = article
        self._mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self._record_spans = []
        if article is None:
            self.title.setText("No article selected")
            self.meta.setText("Choose an article on the left, or import files with File → Import (Ctrl+O).")
            self._map = OffsetMap("")
            self.text.setPlainText("")
            self._mention_selections = []
            self._apply_selections()
            return
        self.title.setText(article.title or "(untitled)")
        self.meta.setText(self._meta_html(article))
        self._map = OffsetMap(article.text)
        self.text.setPlainText(article.text)
        self._mention_selections = [
            self._selection(m.start, m.end, text_format(style_for(m.kind).light)) for m in self._mentions
        ]
        self._apply_selections()

    def show_empty(self, title: str, text: str) -> None:
        """No article, with a heading and a line saying why."""
        self.show_article(None, ())
        self.title.setText(title)
        self.meta.setText(text)

    @staticmethod
    def _meta_html(article: ArticleData) -> str:
        parts = [
            html.escape(p) for p in (article.source, article.published and article.published.isoformat()) if p
        ]
        if article.language:
            parts.append(html.escape(article.language))
        if article.url:
            url = html.escape(article.url, quote=True)
            parts.append(f'<a href="{url}">{html.escape(article.url)}</a>')
        origin = article.origin_file
        if origin:
            name = origin.replace("\\", "/").rsplit("/", 1)[-1]
            where = f" ({article.origin_position})" if article.origin_position else ""
            parts.append(html.escape(f"file {name}{where}"))
        return f"<span>{' · '.join(parts) or '&nbsp;'}</span>"  # a tag: always read as rich text

    def set_record_spans(self, spans: Iterable[tuple[str, int, int]]) -> None:
        """Mark the selected record's evidence ``(field, start, end)`` strongly."""
        self._record_spans = sorted(set(spans), key=lambda s: (s[1], s[2], s[0]))
        self._apply_selections()

    def record_spans(self) -> list[tuple[str, int, int]]:
        return list(self._record_spans)

    def mentions(self) -> list[MentionView]:
        return list(self._mentions)

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        qt_start, qt_end = self._map.span_to_qt(start, end)
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(qt_start)
        cursor.setPosition(qt_end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _apply_selections(self) -> None:
        strong = []
        for field, start, end in self._record_spans:
            style = style_for(highlight_kind(field) or field)
            strong.append(
                self._selection(start, end, text_format(style.strong, strong=True, line=style.line))
            )
        self.text.setExtraSelections([*self._mention_selections, *strong])

    # -- selection and navigation (Python offsets)

    def selected_span(self) -> tuple[int, int] | None:
        cursor = self.text.textCursor()
        if not cursor.hasSelection():
            return None
        return self._map.span_to_py(cursor.selectionStart(), cursor.selectionEnd())

    def select_span(self, start: int, end: int) -> None:
        """Select ``[start, end)`` (Python offsets) and scroll it into view."""
        qt_start, qt_end = self._map.span_to_qt(start, end)
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(qt_start)
        cursor.setPosition(qt_end, QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.centerCursor()

    def reveal_span(self, start: int, end: int) -> None:
        """Scroll ``[start, end)`` (Python offsets) into sight, centred when it was out of sight.

        Unlike :meth:`select_span` the text cursor and any selection the curator made stay.
        """
        qt_start, qt_end = self._map.span_to_qt(start, end)
        document = self.text.document()
        if not 0 <= qt_start <= qt_end <= document.characterCount():
            return
        cursor = QTextCursor(document)
        cursor.setPosition(qt_start)
        tail = QTextCursor(document)
        tail.setPosition(qt_end)
        view = self.text.viewport().rect()
        if view.contains(self.text.cursorRect(cursor)) and view.contains(self.text.cursorRect(tail)):
            return
        block = cursor.block()
        layout = block.layout()
        line = block.firstLineNumber()
        if layout is not None and layout.lineCount():
            line += layout.lineForTextPosition(cursor.positionInBlock()).lineNumber()
        shown = max(1, view.height() // max(1, self.text.fontMetrics().lineSpacing()))
        self.text.verticalScrollBar().setValue(max(0, line - shown // 2))

    def mention_at(self, offset: int) -> MentionView | None:
        """The mention under Python offset ``offset`` (amounts win over other kinds)."""
        hits = [m for m in self._mentions if m.start <= offset < m.end]
        if not hits:
            return None
        hits.sort(key=lambda m: (m.kind != "amount", m.end - m.start))
        return hits[0]

    # -- slots and menus

    def _tooltip_at(self, position: int) -> str | None:
        mention = self.mention_at(self._map.to_py(position))
        return mention_tooltip(mention) if mention is not None else None

    @Slot(int)
    def _on_text_clicked(self, position: int) -> None:
        mention = self.mention_at(self._map.to_py(position))
        if mention is not None:
            self.mention_clicked.emit(mention)

    def _extend_menu(self, menu: QMenu) -> None:
        span = self.selected_span()
        if span is None or self._article is None:
            return
        start, end = span
        quoted = self._article.text[start:end].strip()
        short = quoted if len(quoted) <= 24 else quoted[:23] + "…"
        first = menu.actions()[0] if menu.actions() else None
        new_record = QAction(f"New record from selection “{short}”", menu)
        new_record.setObjectName("newRecordFromSelection")
        new_record.triggered.connect(lambda: self.new_record_requested.emit(start, end))
        use_as = QMenu("Use as", menu)
        use_as.setObjectName("useAsMenu")
        use_as.setEnabled(self.record_fields_enabled)
        for field, label in USE_AS_FIELDS:
            action = use_as.addAction(label)
            action.setObjectName(f"useAs_{field}")
            action.triggered.connect(
                lambda _checked=False, f=field: self.use_as_requested.emit(f, start, end)
            )
        if first is None:
            menu.addAction(new_record)
            menu.addMenu(use_as)
        else:
            menu.insertAction(first, new_record)
            menu.insertMenu(first, use_as)
            menu.insertSeparator(first)

    def menu_actions_for_selection(self) -> QMenu:
        """The selection menu as the context menu would show it (for keyboard users and tests)."""
        menu = QMenu(self)
        self._extend_menu(menu)
        return menu
