"""The Projects panel's form for a curator's own project facts: review status, umbrella flag, parent
(umbrella) link, the "recommended for aggregates" override with its reason, planned/actual start
and end dates with their "estimated" flags, and notes.

The form only shows and collects text: :meth:`ProjectFactsForm.changed_text` returns what the person
changed since the project was loaded, and the panel turns it into facts with
:func:`aidcurator.curation.project_facts.facts_from_text` (one clear message for a bad date, nothing
written) and applies them as one undoable change. Loading a project never looks like an edit
(signals blocked).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aidcurator.curation.project_facts import REVIEW_STATUSES
from aidcurator.domain.projects import recommended_for_aggregates

if TYPE_CHECKING:
    from aidcurator.domain.project_views import ProjectView

DATE_FIELDS = ("planned_start", "planned_end", "actual_start", "actual_end")
_RECOMMENDED = (("auto", "auto (AidData's rule)"), ("yes", "yes (override)"), ("no", "no (override)"))


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


class ProjectFactsForm(QWidget):
    """The facts of the shown project; "Save facts" emits :attr:`save_requested`."""

    save_requested = Signal()  # the person asked to save what they changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectFacts")
        self._loaded: dict[str, str] = {}
        self.review_status = QComboBox()
        self.review_status.setObjectName("factReviewStatus")
        self.review_status.addItems(REVIEW_STATUSES)
        self.umbrella = QCheckBox("umbrella project (its children carry the money)")
        self.umbrella.setObjectName("factUmbrella")
        self.parent_id = QLineEdit()
        self.parent_id.setObjectName("factParent")
        self.parent_id.setPlaceholderText("none, or the umbrella project's id")
        self.recommended = QComboBox()
        self.recommended.setObjectName("factRecommended")
        for key, text in _RECOMMENDED:
            self.recommended.addItem(text, key)
        self.derived = QLabel()
        self.derived.setObjectName("factDerived")
        self.reason = QLineEdit()
        self.reason.setObjectName("factReason")
        self.reason.setPlaceholderText("required for an override")
        self.notes = QLineEdit()
        self.notes.setObjectName("factNotes")
        self.dates: dict[str, QLineEdit] = {}
        self.estimated: dict[str, QCheckBox] = {}
        self.save_button = QPushButton("Save facts")
        self.save_button.setObjectName("saveFacts")
        self.save_button.clicked.connect(self.save_requested)

        form = QFormLayout()
        form.addRow("Review", self.review_status)
        form.addRow("", self.umbrella)
        form.addRow("Parent", self.parent_id)
        recommended = QHBoxLayout()
        recommended.addWidget(self.recommended, 1)
        recommended.addWidget(self.derived)
        form.addRow("Recommended", recommended)
        form.addRow("Reason", self.reason)
        for field in DATE_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"fact_{field}")
            edit.setPlaceholderText("YYYY-MM-DD")
            edit.setToolTip("A date you type replaces the sources'; empty: from the sources")
            flag = QCheckBox("estimated")
            flag.setObjectName(f"fact_{field}_estimated")
            self.dates[field], self.estimated[field] = edit, flag
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(flag)
            form.addRow(field.replace("_", " ").capitalize(), row)
        form.addRow("Notes", self.notes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.save_button)
        layout.addStretch(1)
        self.load(None)

    # ---------------------------------------------------------------------------- loading

    def load(self, view: ProjectView | None) -> None:
        """Show ``view``'s facts (None: an empty, disabled form); remembers them to see changes."""
        self.setEnabled(view is not None)
        columns: dict[str, Any] = view.columns if view is not None else {}
        blockers = [QSignalBlocker(w) for w in self.findChildren(QWidget)]
        self.review_status.setCurrentText(columns.get("review_status") or "pending")
        self.umbrella.setChecked(bool(columns.get("umbrella")))
        parent = columns.get("parent_id")
        self.parent_id.setText("" if parent is None else str(parent))
        override = columns.get("recommended_override")
        self.recommended.setCurrentIndex(0 if override is None else (1 if override else 2))
        derived = recommended_for_aggregates(
            columns.get("project_status"), umbrella=bool(columns.get("umbrella"))
        )
        self.derived.setText(f"rule says {_yes_no(derived)}" if view is not None else "")
        self.reason.setText(columns.get("recommended_reason") or "")
        self.notes.setText(columns.get("notes") or "")
        typed = columns.get("field_sources") or {}
        for field in DATE_FIELDS:
            day = columns.get(field)
            self.dates[field].setText(day.isoformat() if day is not None else "")
            typed_here = isinstance(typed.get(field), dict)
            self.dates[field].setToolTip(
                "typed by a curator; empty: from the sources" if typed_here else "from the sources"
            )
            self.estimated[field].setChecked(bool(columns.get(f"{field}_estimated")))
        del blockers
        self._loaded = self.text()

    # ---------------------------------------------------------------------------- reading

    def text(self) -> dict[str, str]:
        """Every fact as the form shows it, as text (the keys of the project facts)."""
        values = {
            "review_status": self.review_status.currentText(),
            "umbrella": _yes_no(self.umbrella.isChecked()),
            "parent_id": self.parent_id.text().strip() or "none",
            "recommended_override": str(self.recommended.currentData()),
            "recommended_reason": self.reason.text().strip(),
            "notes": self.notes.text().strip(),
        }
        for field in DATE_FIELDS:
            values[field] = self.dates[field].text().strip()
            values[f"{field}_estimated"] = _yes_no(self.estimated[field].isChecked())
        return values

    def changed_text(self) -> dict[str, str]:
        """What the person changed since :meth:`load` (a typed date brings its flag along)."""
        now = self.text()
        changed = {k: v for k, v in now.items() if self._loaded.get(k) != v}
        for field in DATE_FIELDS:
            flag = f"{field}_estimated"
            if field in changed and now[field] and flag not in changed:
                changed[flag] = now[flag]
            if flag in changed and field not in changed and not now[field]:
                changed.pop(flag)  # no date to flag
        return changed
