"""The "Add party…" dialog of the record form: an organisation, its type, its role and its words.

The name field completes from the gazetteer (English, Chinese or an alias: ``Exim``, ``进出口``);
choosing an organisation sets its type, and a name the gazetteer does not know is kept as typed
with the type the curator picks. The words selected in the article can be taken as the party's
evidence. :func:`ask_party` runs the dialog and returns a :class:`PartyRequest` (tests replace it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from aidcurator.curation.parties import OrganisationChoice
from aidcurator.gui.name_completion import ChoiceCompleter
from aidcurator.gui.parties_panel import ROLE_LABELS, TYPE_LABELS

__all__ = ["AddPartyDialog", "PartyRequest", "ask_party"]

#: At most this many characters of the selected words are quoted in the evidence check box.
QUOTE_CHARS = 40


@dataclass(frozen=True, slots=True)
class PartyRequest:
    """What the curator asked for: an organisation (known or new), its type, role and evidence."""

    name: str
    name_zh: str | None
    organisation_type: str
    role: str
    span: tuple[int, int] | None


class AddPartyDialog(QDialog):
    """Pick or type an organisation, choose its role, optionally take the selected words."""

    def __init__(
        self,
        choices: Callable[[str], list[OrganisationChoice]],
        selection: tuple[int, int, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("addPartyDialog")
        self.setWindowTitle("Add party")
        self._choices = choices
        self._offered: dict[str, OrganisationChoice] = {}
        self._selection = selection
        self.name = QLineEdit()
        self.name.setObjectName("partyName")
        self.name.setPlaceholderText("Organisation, in Chinese or English (e.g. 中国进出口银行, Exim)")
        self.completer = ChoiceCompleter(self.name, self._offer)
        self.known = QLabel()
        self.known.setObjectName("partyKnown")
        self.known.setEnabled(False)
        self.known.setWordWrap(True)
        self.type = QComboBox()
        self.type.setObjectName("partyType")
        for value, label in TYPE_LABELS.items():
            self.type.addItem(label, value)
        self.type.setCurrentIndex(self.type.findData("other"))
        self.role = QComboBox()
        self.role.setObjectName("partyRole")
        for value, label in ROLE_LABELS.items():
            self.role.addItem(label, value)
        self.evidence = QCheckBox()
        self.evidence.setObjectName("partyEvidence")
        if selection is not None:
            words = selection[2] if len(selection[2]) <= QUOTE_CHARS else selection[2][:QUOTE_CHARS] + "…"
            self.evidence.setText(f"Evidence: the selected words “{words}”")
            self.evidence.setChecked(True)
            self.name.setText(" ".join(selection[2].split()))
        else:
            self.evidence.setText("Evidence: select words in the article first")
            self.evidence.setEnabled(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add party")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Organisation", self.name)
        form.addRow("", self.known)
        form.addRow("Type", self.type)
        form.addRow("Role", self.role)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.evidence)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.name.textChanged.connect(self._on_name_changed)
        self._on_name_changed(self.name.text())

    def _offer(self, text: str) -> list[OrganisationChoice]:
        offered = self._choices(text)
        self._offered.update({choice.name: choice for choice in offered})
        return offered

    def choose(self, choice: OrganisationChoice) -> None:
        """Take a gazetteer organisation (as picking it from the completion list does)."""
        self._offered[choice.name] = choice
        self.name.setText(choice.name)

    def _known_choice(self, text: str) -> OrganisationChoice | None:
        name = " ".join(text.split())
        if not name:
            return None
        choice = self._offered.get(name)
        if choice is None:  # typed or selected in full: a gazetteer name or alias (China Eximbank)
            folded = name.casefold()
            choice = next(
                (
                    c
                    for c in self._choices(name)
                    if folded in {k.casefold() for k in (c.name, c.name_zh, *c.aliases) if k}
                ),
                None,
            )
            if choice is not None:
                self._offered[choice.name] = choice
        return choice

    def _on_name_changed(self, text: str) -> None:
        choice = self._known_choice(text)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(text.strip()))
        if choice is not None:
            self.type.setCurrentIndex(max(0, self.type.findData(choice.organisation_type)))
            zh = f" · {choice.name_zh}" if choice.name_zh and choice.name_zh != choice.name else ""
            self.known.setText(f"In the gazetteer: {choice.name}{zh}")
        else:
            self.known.setText("A new organisation: choose its type" if text.strip() else "")

    def request(self) -> PartyRequest | None:
        """The party as filled in (None without a name)."""
        name = " ".join(self.name.text().split())
        if not name:
            return None
        choice = self._known_choice(name)
        span = None
        if self._selection is not None and self.evidence.isChecked():
            span = (self._selection[0], self._selection[1])
        return PartyRequest(
            name=choice.name if choice else name,
            name_zh=choice.name_zh if choice else None,
            organisation_type=str(self.type.currentData()),
            role=str(self.role.currentData()),
            span=span,
        )


def ask_party(
    parent: QWidget | None,
    choices: Callable[[str], list[OrganisationChoice]],
    selection: tuple[int, int, str] | None,
) -> PartyRequest | None:
    """Run the dialog; the request, or None when cancelled."""
    dialog = AddPartyDialog(choices, selection, parent)
    try:
        return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def selection_of(view: Any, text: str | None) -> tuple[int, int, str] | None:
    """The words selected in the article view (``view.selected_span()``) with their text."""
    span = view.selected_span() if view is not None else None
    if span is None or text is None or span[0] >= span[1]:
        return None
    return span[0], span[1], text[span[0] : span[1]]
