"""The colours of the article's highlights, by mention kind, and the legend that names them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from aidcurator.gui.flow_layout import FlowLayout

TEXT_COLOUR = QColor("#1b1b1b")
SELECTION_COLOUR = "#3b4a5e"


@dataclass(frozen=True, slots=True)
class KindStyle:
    """The colours of one kind of highlight."""

    label: str
    light: str  # background of a mention
    strong: str  # background of the selected record's evidence
    line: str  # underline of the selected record's evidence


KIND_STYLES: dict[str, KindStyle] = {
    "amount": KindStyle("amount", "#ffe9a8", "#f4b400", "#7a4f00"),
    "count": KindStyle("count", "#cfe8fc", "#6fb6f0", "#0b4f8a"),
    "place": KindStyle("place", "#d3f0d3", "#79c879", "#1d5e1d"),
    "year": KindStyle("year", "#e7ddf8", "#b39be6", "#4b2a8c"),
    "sector": KindStyle("sector", "#fadbe7", "#ee8db3", "#8a1f4a"),
    "party": KindStyle("party", "#cdeee9", "#5fc2b5", "#0d5a51"),
}
EVIDENCE_STYLE = KindStyle("evidence", "#ffd8c2", "#ffa574", "#8a3300")


def style_for(kind: str) -> KindStyle:
    """The colours of a highlight kind; evidence colours for a kind without its own."""
    return KIND_STYLES.get(kind, EVIDENCE_STYLE)


def text_format(background: str, *, strong: bool = False, line: str | None = None) -> QTextCharFormat:
    """A highlight's character format: a background, and bold with an underline when ``strong``."""
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(background))
    fmt.setForeground(TEXT_COLOUR)
    if strong:
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(QColor(line or TEXT_COLOUR))
    return fmt


class Legend(QWidget):
    """Colour chips naming each highlight kind, wrapped onto as many lines as the width needs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = FlowLayout(self, spacing=4)  # chips wrap onto a second line when narrow
        self.setToolTip("Highlight colours: what the extractor found, by kind")
        self.chips: list[QLabel] = [self._chip(style.label, style.light) for style in KIND_STYLES.values()]
        selected = self._chip("selected record", KIND_STYLES["amount"].strong, strong=True)
        selected.setToolTip("Evidence of the record selected on the right is marked strongly")
        self.chips.append(selected)
        for chip in self.chips:
            layout.addWidget(chip)
        # never let the legend decide how narrow the article may be; its height follows its width
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumWidth(0)

    @staticmethod
    def _chip(text: str, colour: str, *, strong: bool = False) -> QLabel:
        chip = QLabel(text)
        weight = "font-weight: bold; text-decoration: underline;" if strong else ""
        chip.setStyleSheet(
            f"QLabel {{ background: {colour}; color: {TEXT_COLOUR.name()}; border-radius: 3px;"
            f" padding: 1px 6px; {weight} }}"
        )
        chip.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        return chip
