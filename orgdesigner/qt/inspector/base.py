"""What every inspector form shares: a header, a form layout, and the findings about
the selection listed under it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...core.model import TEAM_MODEL_NAMES, Document
from ...core.ops import Op
from ...core.palette import SEVERITY_COLOURS
from ...core.rules import Report
from ..costs import cost_readout
from ..document import DocumentController
from ..fields import FieldRow, Section, apply_op, form_layout, header_label

TEAM_MODELS: tuple[tuple[str | None, str], ...] = (
    (None, "Default"),
    ("sto", "Single-threaded owner"),
    ("functional", "Three-legged stool"),
    ("service", "Service team"),
)
MODEL_NAMES = TEAM_MODEL_NAMES
MODEL_SHORT = {"sto": "STO", "functional": "stool", "service": "service"}


class Form(QWidget):
    """Base of the inspector's forms: a header, a form layout and the selection's findings."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.ids: list[str] = []
        self.rows: dict[str, FieldRow] = {}
        self.labels: dict[str, QLabel] = {}
        # Rows added by other modules (inspector.extras): each has load(items, keep_errors).
        self.extras: list[Any] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 10, 10, 10)
        outer.setSpacing(6)
        self.title, self.subtitle = header_label()
        outer.addWidget(self.title)
        outer.addWidget(self.subtitle)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        outer.addWidget(line)
        self.form = form_layout()
        outer.addLayout(self.form)
        self.cost_title = Section("Cost")
        outer.addWidget(self.cost_title)
        self.cost = QLabel()
        self.cost.setWordWrap(True)
        self.cost.setTextFormat(Qt.TextFormat.PlainText)
        self.cost.setObjectName("inspectorCost")
        outer.addWidget(self.cost)
        self.cost_title.hide()
        self.cost.hide()
        self.findings_title = Section("Findings")
        outer.addWidget(self.findings_title)
        self.findings = QLabel()
        self.findings.setWordWrap(True)
        self.findings.setTextFormat(Qt.TextFormat.RichText)
        self.findings.setObjectName("inspectorFindings")
        outer.addWidget(self.findings)
        outer.addStretch(1)

    @property
    def doc(self) -> Document:
        return self.controller.doc

    def add_row(self, key: str, label: str, editor: QWidget, tip: str = "") -> FieldRow:
        row = FieldRow(editor)
        lab = QLabel(label)
        if tip:
            lab.setToolTip(tip)
            editor.setToolTip(tip)
        self.form.addRow(lab, row)
        self.rows[key] = row
        self.labels[key] = lab
        return row

    def show_row(self, key: str, visible: bool) -> None:
        self.rows[key].setVisible(visible)
        self.labels[key].setVisible(visible)

    def reload_fields(self) -> None:
        """Show the document's values again, keeping the refusals still on screen."""
        self.load(self.ids, True)  # type: ignore[attr-defined]

    def clear_errors(self) -> None:
        for row in self.rows.values():
            row.set_error("")

    cost_kind = ""  # "person" or "team": the forms that show cost roll-ups

    def show_cost(self) -> None:
        text = cost_readout(self.controller, self.cost_kind, self.ids)
        self.cost.setText(text)
        self.cost_title.setVisible(bool(text))
        self.cost.setVisible(bool(text))

    def show_findings(self, report: Report) -> None:
        from html import escape

        self.show_cost()
        wanted = set(self.ids)
        found = [f for f in report.findings if wanted.intersection(f.subjects)]
        if not found:
            self.findings.setText("<span style='color:#15803d'>No findings.</span>")
            return
        colours = SEVERITY_COLOURS
        lines = []
        for f in found[:12]:
            sev = "waived" if f.waived else f.severity
            colour = colours.get(sev, "#6b7280")
            lines.append(
                f"<span style='color:{colour}'>\u25cf</span> <b>{escape(f.rule)}</b> "
                f"{escape(f.message)}" + (" <i>(waived)</i>" if f.waived else "")
            )
        if len(found) > 12:
            lines.append(f"\u2026 and {len(found) - 12} more in the Findings panel")
        self.findings.setText("<br>".join(lines))

    def _apply(self, op: Op, key: str) -> bool:
        return apply_op(self.controller, op, self.rows.get(key))


class Note(QWidget):
    """A selection the inspector cannot edit as one (people and teams mixed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 16, 16, 16)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.label)
        lay.addStretch(1)
