"""The table of a project's reference candidates (plain snapshots, best first) and the one-line
texts the Reconciliation panel shows for a reference project."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

if TYPE_CHECKING:
    from aidcurator.domain.reconcile import Candidate, ReferenceFacts

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)


def amount_text(amount: Decimal | None, currency: str | None) -> str:
    """``300,000,000 CNY`` (exact; no digits invented)."""
    if amount is None:
        return ""
    return f"{amount:,f} {currency or ''}".strip()


def reference_text(ref: ReferenceFacts | None) -> str:
    """One line naming a reference project."""
    if ref is None:
        return ""
    facts = [str(ref.year) if ref.year else "", ref.recipient or "", amount_text(ref.amount, ref.currency)]
    return f"{ref.dataset} #{ref.ref_id} — {ref.title or '(no title)'} ({', '.join(f for f in facts if f)})"


#: Tooltips of the headers that say little by themselves (the first has no text).
HEADER_TIPS = {
    0: "✓: the reference confirmed for this project",
    7: "Other projects that already confirmed this reference",
}


class CandidatesModel(QAbstractTableModel):
    """The candidates of one project, best first, with the reference's own facts beside them."""

    HEADERS = ("", "Score", "Reference", "Title", "Year", "Recipient", "Amount", "Confirmed for", "Why")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.candidates: list[Candidate] = []
        self.references: dict[int, ReferenceFacts] = {}
        self.confirmed: int | None = None
        self.others: dict[int, list[int]] = {}

    def set_candidates(
        self,
        candidates: Sequence[Candidate],
        references: dict[int, ReferenceFacts],
        confirmed: int | None,
        others: dict[int, list[int]] | None = None,
    ) -> None:
        """Show ``candidates``; ``confirmed`` is this project's reference, ``others`` the other
        projects that confirmed a reference (reference id → project ids)."""
        self.beginResetModel()
        self.candidates, self.references, self.confirmed = list(candidates), references, confirmed
        self.others = others or {}
        self.endResetModel()

    def taken_by(self, reference_id: int) -> str:
        """``project 4, 7``: other projects that confirmed this reference."""
        projects = self.others.get(reference_id, [])
        return (
            f"project{'s' if len(projects) > 1 else ''} {', '.join(map(str, projects))}" if projects else ""
        )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.candidates)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def cell(self, row: int, column: int) -> str:
        c = self.candidates[row]
        ref = self.references.get(c.reference_id)
        values = (
            "✓" if c.reference_id == self.confirmed else "",
            f"{c.score:.2f}",
            f"{c.dataset} #{c.ref_id}",
            ref.title if ref else "",
            str(ref.year) if ref and ref.year else "",
            ref.recipient if ref else "",
            amount_text(ref.amount, ref.currency) if ref else "",
            self.taken_by(c.reference_id),
            "; ".join(c.reasons),
        )
        return values[column] or ""

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.candidates):
            return None
        if role == _DISPLAY:
            return self.cell(index.row(), index.column())
        if role == _TOOLTIP:
            return self.cell(index.row(), index.column()) or None
        if role == int(Qt.ItemDataRole.TextAlignmentRole) and index.column() in (1, 4, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        if role == _TOOLTIP and orientation == Qt.Orientation.Horizontal and section in HEADER_TIPS:
            return HEADER_TIPS[section]
        return None
