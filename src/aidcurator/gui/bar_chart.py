"""A bar chart painted with QPainter (PySide6-Essentials has no QtCharts): horizontal bars with
their labels at the left, or vertical bars (years) with their labels below.

The same :meth:`BarChart.paint_chart` paints the widget, the PNG (``QImage``) and the SVG
(``QSvgGenerator``), so an export looks like the screen. A click on a bar emits its key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

BAR_COLOR = QColor("#4c78a8")
HOVER_COLOR = QColor("#6b95c4")
SELECTED_COLOR = QColor("#e45756")
TEXT_COLOR = QColor("#222222")
MUTED_COLOR = QColor("#666666")
GRID_COLOR = QColor("#dddddd")
BACKGROUND = QColor("#ffffff")

MARGIN = 10.0
ROW_PITCH = 24.0  # horizontal chart: height of one bar and its gap
VERTICAL_HEIGHT = 200.0  # vertical chart: the plot's height
EXPORT_WIDTH = 720  # exports are at least this wide (logical pixels)


class _NoneSelected:
    """No bar is selected (``None`` is a real key: "not set")."""

    def __repr__(self) -> str:
        return "<no bar selected>"


_NONE = _NoneSelected()


@dataclass(frozen=True, slots=True)
class ChartBar:
    """One bar as the chart draws it: its key (emitted on click), label, length (display only),
    the text at its end, and a tooltip."""

    key: Any
    label: str
    length: float
    value_text: str
    tooltip: str = ""
    short_text: str = ""  # for a narrow vertical bar: ``12.1bn`` instead of ``US$12.1 bn``


class BarChart(QWidget):
    """A titled bar chart; horizontal by default, vertical for a time axis."""

    # key of the clicked bar (an int, a str or None for "not set")
    bar_clicked = Signal(object)

    def __init__(self, title: str, *, vertical: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.vertical = vertical
        self.bars: list[ChartBar] = []
        self.note = ""
        self.empty_text = "Nothing to show"
        self.selected: Any = _NONE
        self._hover = -1
        self._regions: list[QRectF] = []  # where each bar was last painted on the widget (click area)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrows move between bars, Return clicks
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(320)

    # ------------------------------------------------------------------------------- data

    def set_bars(self, bars: Sequence[ChartBar], *, note: str = "", selected: Any = _NONE) -> None:
        """Show these bars; ``selected`` (a key) is drawn highlighted: the list's current filter."""
        self.bars = list(bars)
        self.note = note
        self.selected = selected
        self._hover = -1
        self.setFixedHeight(self.preferred_height())
        self.update()

    def set_selected(self, key: Any) -> None:
        self.selected = key
        self.update()

    def clear_selected(self) -> None:
        self.selected = _NONE
        self.update()

    def set_empty(self, text: str) -> None:
        """No bars: the text says why."""
        self.empty_text = text
        self.set_bars([])

    def preferred_height(self) -> int:
        header = self._header_height()
        if not self.bars:
            return int(header + 60)
        if self.vertical:
            return int(header + VERTICAL_HEIGHT + 2 * MARGIN)
        return int(header + len(self.bars) * ROW_PITCH + 2 * MARGIN)

    def sizeHint(self) -> QSize:
        return QSize(480, self.preferred_height())

    # ---------------------------------------------------------------------------- painting

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._regions = self.paint_chart(painter, QRectF(self.rect()), hover=self._hover)
        finally:
            painter.end()

    def paint_chart(self, painter: QPainter, area: QRectF, *, hover: int = -1) -> list[QRectF]:
        """Paint the whole chart into ``area``; returns each bar's rectangle (its click area)."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.fillRect(area, BACKGROUND)
        body = area.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        body.setTop(self._paint_header(painter, body))
        if not self.bars:
            painter.setPen(MUTED_COLOR)
            painter.setFont(self.font())
            painter.drawText(body, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
            return []
        if self.vertical:
            return self._paint_vertical(painter, body, hover)
        return self._paint_horizontal(painter, body, hover)

    def _title_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1 if font.pointSizeF() > 0 else 10.0)
        return font

    def _small_font(self) -> QFont:
        font = QFont(self.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 0.9)
        return font

    def _header_height(self) -> float:
        height = QFontMetricsF(self._title_font()).height() + 6
        if self.note:
            height += QFontMetricsF(self._small_font()).height() + 2
        return height

    def _paint_header(self, painter: QPainter, body: QRectF) -> float:
        """Title and note at the top; returns where the plot starts."""
        title_metrics = QFontMetricsF(self._title_font())
        painter.setFont(self._title_font())
        painter.setPen(TEXT_COLOR)
        line = QRectF(body.left(), body.top(), body.width(), title_metrics.height())
        painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title)
        top = line.bottom() + 6
        if self.note:
            metrics = QFontMetricsF(self._small_font())
            painter.setFont(self._small_font())
            painter.setPen(MUTED_COLOR)
            note = metrics.elidedText(self.note, Qt.TextElideMode.ElideRight, body.width())
            painter.drawText(QRectF(body.left(), top, body.width(), metrics.height()), note)
            top += metrics.height() + 2
        return top

    def _bar_color(self, index: int, hover: int) -> QColor:
        if self.bars[index].key == self.selected:
            return SELECTED_COLOR
        return HOVER_COLOR if index == hover else BAR_COLOR

    def _paint_horizontal(self, painter: QPainter, body: QRectF, hover: int) -> list[QRectF]:
        font = self.font()
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        label_width = min(max(metrics.horizontalAdvance(b.label) for b in self.bars) + 8, body.width() * 0.42)
        value_width = max(metrics.horizontalAdvance(b.value_text) for b in self.bars) + 8
        plot_left = body.left() + label_width
        plot_width = max(body.width() - label_width - value_width, 10.0)
        longest = max((b.length for b in self.bars), default=0.0) or 1.0
        painter.setPen(GRID_COLOR)
        bottom = body.top() + len(self.bars) * ROW_PITCH
        painter.drawLine(QPointF(plot_left, body.top()), QPointF(plot_left, bottom))
        regions = []
        for index, bar in enumerate(self.bars):
            top = body.top() + index * ROW_PITCH
            row = QRectF(body.left(), top, body.width(), ROW_PITCH)
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.setPen(TEXT_COLOR)
            painter.drawText(
                QRectF(body.left(), top, label_width - 8, ROW_PITCH),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            length = max(plot_width * max(bar.length, 0.0) / longest, 1.0 if bar.length > 0 else 0.0)
            rect = QRectF(plot_left, top + 4, length, ROW_PITCH - 8)
            painter.fillRect(rect, self._bar_color(index, hover))
            painter.setPen(MUTED_COLOR)
            painter.drawText(
                QRectF(rect.right() + 4, top, value_width, ROW_PITCH),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                bar.value_text,
            )
            regions.append(row)
        return regions

    def _paint_vertical(self, painter: QPainter, body: QRectF, hover: int) -> list[QRectF]:
        font = self.font()
        small = self._small_font()
        metrics, small_metrics = QFontMetricsF(font), QFontMetricsF(small)
        label_height = metrics.height() + 4
        value_height = small_metrics.height() + 2
        plot = QRectF(body.left(), body.top() + value_height, body.width(), 0)
        plot.setBottom(body.bottom() - label_height)
        slot = plot.width() / len(self.bars)
        gap = min(slot * 0.2, 8.0)
        longest = max((b.length for b in self.bars), default=0.0) or 1.0
        widest_label = max(metrics.horizontalAdvance(b.label) for b in self.bars) + 6
        every = max(1, int(widest_label // slot) + (1 if widest_label % slot else 0))
        painter.setPen(GRID_COLOR)
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        labels = self._axis_labels(plot, slot, label_height, metrics, every)
        regions = []
        for index, bar in enumerate(self.bars):
            left = plot.left() + index * slot
            height = plot.height() * max(bar.length, 0.0) / longest
            rect = QRectF(left + gap / 2, plot.bottom() - height, slot - gap, height)
            painter.fillRect(rect, self._bar_color(index, hover))
            text = next(
                (
                    t
                    for t in (bar.value_text, bar.short_text)
                    if t and small_metrics.horizontalAdvance(t) <= slot
                ),
                "",
            )
            if text:
                painter.setFont(small)
                painter.setPen(MUTED_COLOR)
                painter.drawText(
                    QRectF(left - 2, rect.top() - value_height, slot + 4, value_height),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                    text,
                )
            if index in labels:
                painter.setFont(font)
                painter.setPen(TEXT_COLOR)
                painter.drawText(
                    labels[index], Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, bar.label
                )
            regions.append(QRectF(left, body.top(), slot, body.height()))
        return regions

    def _axis_labels(
        self, plot: QRectF, slot: float, height: float, metrics: QFontMetricsF, every: int
    ) -> dict[int, QRectF]:
        """Where each shown label of the time axis goes: every ``every``-th bar, and always the
        last one (e.g. "(no year)"), leaving out a label that would overlap it."""

        def place(index: int) -> QRectF:
            width = metrics.horizontalAdvance(self.bars[index].label) + 6
            centre = plot.left() + index * slot + slot / 2
            left = min(max(centre - width / 2, plot.left()), plot.right() - width)
            return QRectF(left, plot.bottom() + 2, width, height)

        last = len(self.bars) - 1
        placed = {last: place(last)}
        for index in range(0, last, every):
            rect = place(index)
            if not rect.intersects(placed[last]):
                placed[index] = rect
        return placed

    # ----------------------------------------------------------------------------- exports

    def export_size(self) -> QSize:
        return QSize(max(self.width(), EXPORT_WIDTH), self.preferred_height())

    def to_png(self, scale: float = 2.0) -> bytes:
        """The chart as PNG bytes (``scale`` pixels per logical pixel, for a sharp print)."""
        size = self.export_size()
        image = QImage(int(size.width() * scale), int(size.height() * scale), QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(scale)
        image.fill(BACKGROUND)
        painter = QPainter(image)
        try:
            self.paint_chart(painter, QRectF(0, 0, size.width(), size.height()))
        finally:
            painter.end()
        return _encode(image)

    def to_svg(self) -> bytes:
        """The chart as SVG (bars are ``<rect>`` elements, labels ``<text>``)."""
        size = self.export_size()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(size)
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        generator.setTitle(self.title)
        generator.setDescription(self.note or self.title)
        painter = QPainter(generator)
        try:
            self.paint_chart(painter, QRectF(0, 0, size.width(), size.height()))
        finally:
            painter.end()
        buffer.close()
        return bytes(data.data())

    # ------------------------------------------------------------------------------ mouse

    def bar_at(self, position: QPointF) -> int:
        """Index of the bar under a point of the widget (-1: none)."""
        return next((n for n, region in enumerate(self._regions) if region.contains(position)), -1)

    def bar_centre(self, index: int) -> QPointF:
        """Where a bar is on the widget (for tests and keyboard users)."""
        return self._regions[index].center()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.bar_at(event.position())
        if index != self._hover:
            self._hover = index
            self.setCursor(Qt.CursorShape.PointingHandCursor if index >= 0 else Qt.CursorShape.ArrowCursor)
            self.update()
        if index >= 0 and self.bars[index].tooltip:
            QToolTip.showText(event.globalPosition().toPoint(), self.bars[index].tooltip, self)
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrows move the marked bar, Return or Space clicks it (the keyboard's click)."""
        key = event.key()
        step = {
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Right: 1,
        }.get(Qt.Key(key))
        if step is not None and self.bars:
            start = self._hover if self._hover >= 0 else (-1 if step > 0 else len(self.bars))
            self._hover = min(max(start + step, 0), len(self.bars) - 1)
            self.update()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and 0 <= self._hover < len(
            self.bars
        ):
            self.bar_clicked.emit(self.bars[self._hover].key)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: Any) -> None:
        self._hover = -1
        self.update()
        super().focusOutEvent(event)

    def leaveEvent(self, event: Any) -> None:
        self._hover = -1
        self.update()
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            index = self.bar_at(event.position())
            if index >= 0:
                self.bar_clicked.emit(self.bars[index].key)
                return
        super().mouseReleaseEvent(event)


def _encode(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())
