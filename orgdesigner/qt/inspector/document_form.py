"""The document form, shown when nothing is selected: the organisation's own name,
description and default team model."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from ...core import ops
from ..document import DocumentController
from ..fields import HINT_COLOUR, CommitTextEdit, plural, show_text
from .base import MODEL_NAMES, TEAM_MODELS, Form


class DocumentForm(Form):
    """When nothing is selected: the organisation's own name, description and default model."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.name = QLineEdit()
        self.name.editingFinished.connect(self._name_done)
        self.add_row("name", "Name", self.name)
        self.description = CommitTextEdit(3)
        self.description.setPlaceholderText("What this variant proposes")
        self.description.editingFinished.connect(self._description_done)
        self.add_row("description", "Description", self.description)
        self.model = QComboBox()
        for value, text in TEAM_MODELS[1:3]:  # a service team is a choice per team
            self.model.addItem(text, value)
        self.model.activated.connect(self._model_picked)
        self.add_row(
            "default_team_model",
            "Default team model",
            self.model,
            "The model of every team that does not choose its own",
        )
        self.findings_title.hide()
        self.findings.hide()
        self.title.setText("Organisation")
        self.hint = QLabel(
            "Select a person, team, role or function on the canvas, in the "
            "findings or with Find (Ctrl+F) to edit it here."
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {HINT_COLOUR};")
        self.layout().insertWidget(self.layout().count() - 1, self.hint)

    def load(self, ids: list[str], keep_errors: bool = False) -> None:
        doc = self.doc
        self.subtitle.setText(
            f"{plural(len(doc.people), 'position')} \u00b7 {plural(len(doc.teams), 'team')} "
            f"\u00b7 {plural(len(doc.roles), 'role')} \u00b7 "
            f"{plural(len(doc.functions), 'function')}"
        )
        if not (keep_errors and self.rows["name"].has_error):
            show_text(self.name, doc.name)
        self.description.set_text(doc.description)
        self.model.setCurrentIndex(max(0, self.model.findData(doc.default_team_model)))
        for extra in self.extras:
            extra.load(ids, keep_errors)

    def _name_done(self) -> None:
        new = self.name.text().strip()
        if new != self.doc.name:
            self._apply(
                ops.SetField(
                    "document", None, "name", new, label=f"Rename the organisation to {new}"
                ),
                "name",
            )

    def _description_done(self) -> None:
        new = self.description.toPlainText().strip()
        if new != self.doc.description:
            self._apply(
                ops.SetField("document", None, "description", new, label="Edit the description"),
                "description",
            )

    def _model_picked(self, row: int) -> None:
        value = self.model.itemData(row)
        if value != self.doc.default_team_model:
            self._apply(
                ops.SetField(
                    "document",
                    None,
                    "default_team_model",
                    value,
                    label=f"Make {MODEL_NAMES[value].lower()} the default team model",
                ),
                "default_team_model",
            )
