"""The transition plan in the app: the compare window's Plan tab, and File > Export.

The Plan tab shows what ``orgdesigner plan A B`` prints: the summary, who is
affected, then each wave with its numbered steps. Choosing a step selects its
subject on both sides of the compare window. Beside a generated variant, a
Decisions tab lists what the transform decided and why (``transform
--explain``). File > Export > Transition plan writes the plan of the open
comparison, or asks for the variant to compare the open organisation with.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import io
from ...core.diff import Diff
from ...core.model import Document
from ...core.plan import Plan, plan
from ...core.text import slug
from ...core.transform import Decision
from ..config import FILE_FILTER

PLAN_FILTER = "PDF documents (*.pdf);;Markdown (*.md);;CSV for a project tracker (*.csv)"
SUBJECT_KINDS = ("person", "team", "role", "function")


class PlanPanel(QWidget):
    """The plan from A to B as a tree: who is affected, then waves of numbered steps.

    The plan is computed when first needed (the tab shown, or an export), so
    opening a comparison costs nothing more. ``stepChosen(kind, id)`` is
    emitted when the user picks a step about an entity.
    """

    stepChosen = Signal(str, str)

    def __init__(
        self,
        a: Document,
        b: Document,
        diff: Diff | None = None,
        files: tuple[str, str] = ("", ""),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("planPanel")
        self._a, self._b, self._diff, self.files = a, b, diff, files
        self._plan: Plan | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 4, 6)
        layout.setSpacing(4)
        top = QHBoxLayout()
        heading = QLabel("<b>Transition plan</b> \u2014 click a step to find it on both sides")
        top.addWidget(heading, 1)
        self.export_button = QPushButton("Export plan\u2026")
        self.export_button.setToolTip("Write the plan as PDF, Markdown or CSV")
        self.export_button.clicked.connect(self.export_dialog)
        top.addWidget(self.export_button)
        layout.addLayout(top)
        self.summary = QLabel()
        self.summary.setObjectName("planSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setObjectName("planTree")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.currentItemChanged.connect(lambda cur, _prev=None: self._chosen(cur))
        self.tree.itemClicked.connect(lambda item, _col=0: self._chosen(item))
        layout.addWidget(self.tree, 1)

    # -- the plan -----------------------------------------------------------------------------
    @property
    def plan(self) -> Plan:
        if self._plan is None:
            self._plan = plan(self._a, self._b, files=self.files, d=self._diff)
        return self._plan

    def fill(self) -> None:
        """Compute the plan if needed and show it (once)."""
        if self.tree.topLevelItemCount():
            return
        p = self.plan
        text = p.summary() + "."
        if p.notes:
            text += " " + " ".join(p.notes)
        self.summary.setText(text)
        bold = QFont(self.tree.font())
        bold.setBold(True)
        impact = p.impact_lines()
        if impact:
            group = QTreeWidgetItem(["Who is affected"])
            group.setFont(0, bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for label, names in impact:
                item = QTreeWidgetItem([f"{label}: {names}"])
                item.setToolTip(0, f"{label}: {names}")
                group.addChild(item)
            self.tree.addTopLevelItem(group)
            group.setExpanded(False)
        n = 0
        for i, w in enumerate(p.waves, start=1):
            group = QTreeWidgetItem([f"Wave {i}: {w.name} ({len(w.steps)})"])
            group.setFont(0, bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            if w.note:
                group.setToolTip(0, w.note)
            for s in w.steps:
                n += 1
                item = QTreeWidgetItem([f"{n}. {s.text}"])
                item.setToolTip(0, s.text)
                if s.kind in SUBJECT_KINDS:
                    item.setData(0, Qt.ItemDataRole.UserRole, (s.kind, s.id))
                group.addChild(item)
            for f in w.new_errors:
                item = QTreeWidgetItem([f"Error after this wave: {f.message}"])
                item.setForeground(0, Qt.GlobalColor.red)
                group.addChild(item)
            self.tree.addTopLevelItem(group)
            group.setExpanded(len(w.steps) <= 300)
        if not p.waves:
            self.tree.addTopLevelItem(QTreeWidgetItem(["Nothing to do: A and B are the same."]))

    def step_items(self) -> list[QTreeWidgetItem]:
        """The rows about a step with a subject, in order."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount() if group is not None else 0):
                item = group.child(j)  # type: ignore[union-attr]
                if item is not None and item.data(0, Qt.ItemDataRole.UserRole):
                    out.append(item)
        return out

    def _chosen(self, item: QTreeWidgetItem | None) -> None:
        data = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if data:
            self.stepChosen.emit(data[0], data[1])

    # -- exporting ----------------------------------------------------------------------------
    def choose_path(self) -> str | None:
        """Ask where to write the plan. (Tests replace this.)"""
        return ask_plan_path(self, self.files, self._a, self._b)

    def export_dialog(self) -> None:
        path = self.choose_path()
        if path:
            self.export(path)

    def export(self, path: str | os.PathLike[str]) -> bool:
        """Write the plan (PDF, Markdown or CSV by the suffix); a failure is explained."""
        return write_plan_reporting(self, self.plan, path)

    def show_error(self, title: str, text: str) -> None:
        """Tell the user something failed. (Tests replace this.)"""
        QMessageBox.critical(self, title, text)


def ask_plan_path(
    parent: QWidget | None, files: tuple[str, str], a: Document, b: Document
) -> str | None:
    folder = next((str(Path(f).parent) for f in files if f and Path(f).exists()), "")
    name = f"plan-{slug(a.name) or 'a'}-to-{slug(b.name) or 'b'}.pdf"
    path, chosen = QFileDialog.getSaveFileName(
        parent,
        "Export the transition plan",
        str(Path(folder) / name) if folder else name,
        PLAN_FILTER,
    )
    if path and not Path(path).suffix:
        path += {"Markdown": ".md", "CSV f": ".csv"}.get(chosen[:8].rstrip(" ("), ".pdf")
    return path or None


def write_plan_reporting(widget: Any, p: Plan, path: str | os.PathLike[str]) -> bool:
    from ...export.common import ExportError
    from ...export.plan_report import write_plan

    try:
        write_plan(p, path)
    except (ExportError, OSError) as exc:
        widget.show_error("The plan was not written", str(exc))
        return False
    owner = widget.window() if isinstance(widget, QWidget) else getattr(widget, "window", None)
    bar = getattr(owner, "statusBar", None)
    if callable(bar):
        bar().showMessage(f"Wrote {Path(path).name}", 6000)
    return True


class DecisionList(QTreeWidget):
    """What a transform decided, and why: the list ``transform --explain`` prints.

    Two columns (the decision, its reason); what was left undone comes first.
    """

    def __init__(self, decisions: list[Decision], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decisionList")
        self.setColumnCount(2)
        self.setHeaderLabels(["Decision", "Why"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.header().setStretchLastSection(True)
        bold = QFont(self.font())
        bold.setBold(True)
        left = [d for d in decisions if d.left]
        done = [d for d in decisions if not d.left]
        for title, group in (("To look at", left), ("Done", done)):
            if not group:
                continue
            top = QTreeWidgetItem([f"{title} ({len(group)})", ""])
            top.setFont(0, bold)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            top.setFirstColumnSpanned(True)
            self.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            for d in group:
                item = QTreeWidgetItem([d.text, d.reason])
                tip = f"{d.text}\n\nWhy: {d.reason}" if d.reason else d.text
                item.setToolTip(0, tip)
                item.setToolTip(1, tip)
                if d.subjects:
                    item.setData(0, Qt.ItemDataRole.UserRole, d.subjects[0])
                top.addChild(item)
            top.setExpanded(True)
        self.setColumnWidth(0, 520)


# -- the compare window's hook -------------------------------------------------------------------


def install_plan_tab(cw: Any, changes: QWidget, decisions: list[Decision] | None = None) -> QWidget:
    """The compare window's bottom-left: Changes, Plan and (for a generated variant)
    Decisions tabs. Sets ``cw.tabs``, ``cw.plan_panel`` and ``cw.decision_list``."""
    tabs = QTabWidget()
    tabs.setObjectName("compareTabs")
    tabs.addTab(changes, "Changes")
    files = tuple(str(cw.paths[s]) if cw.paths[s] else cw.labels[s] for s in ("a", "b"))
    panel = PlanPanel(
        cw.controllers["a"].doc,
        cw.controllers["b"].doc,
        cw.diff,
        files,  # type: ignore[arg-type]
    )
    panel.stepChosen.connect(lambda kind, id_: cw.show_entity(id_, kind))
    tabs.addTab(panel, "Plan")
    cw.plan_panel = panel
    cw.decision_list = None
    if decisions:
        lst = DecisionList(decisions)
        lst.itemClicked.connect(
            lambda item, _c=0: (
                cw.show_entity(item.data(0, Qt.ItemDataRole.UserRole))
                if item.data(0, Qt.ItemDataRole.UserRole)
                else None
            )
        )
        tabs.addTab(lst, f"Decisions ({len(decisions)})")
        cw.decision_list = lst
    tabs.currentChanged.connect(lambda i: panel.fill() if tabs.widget(i) is panel else None)
    if cw.load_errors:
        tabs.setTabEnabled(tabs.indexOf(panel), False)
    cw.tabs = tabs
    return tabs


# -- File > Export > Transition plan ----------------------------------------------------------------


class PlanExport:
    """File > Export > Transition plan: the open comparison's plan, else ask for B."""

    def __init__(self, window: Any, compare: Any) -> None:
        self.window = window
        self.compare = compare
        parent = window if isinstance(window, QWidget) else None
        self.action = QAction("Transition &plan\u2026", parent)
        self.action.setStatusTip(
            "Write the plan from this organisation to another variant: who is affected, "
            "and the moves in waves (PDF, Markdown or CSV)"
        )
        self.action.triggered.connect(self.run)
        file = (getattr(window, "menus", {}) or {}).get("file")
        export = None
        if file is not None:
            for act in file.actions():
                menu = act.menu()
                if menu is not None and menu.title().replace("&", "") == "Export":
                    export = menu
        if export is not None:
            export.addAction(self.action)
        elif file is not None:
            file.addAction(self.action)
        elif parent is not None:
            parent.addAction(self.action)

    # -- helpers the tests replace ------------------------------------------------------------
    def choose_variant(self) -> str | None:
        path = getattr(self.window.controller, "path", None)
        chosen, _ = QFileDialog.getOpenFileName(
            self.window if isinstance(self.window, QWidget) else None,
            "Plan the transition to which variant?",
            str(Path(path).parent) if path else "",
            FILE_FILTER,
        )
        return chosen or None

    def choose_path(self, p: Plan) -> str | None:
        return ask_plan_path(
            self.window if isinstance(self.window, QWidget) else None,
            p.files,
            p.diff.docs["a"],
            p.diff.docs["b"],
        )

    def show_error(self, title: str, text: str) -> None:
        show = getattr(self.window, "show_error", None)
        if callable(show):
            show(title, text)
        else:
            QMessageBox.critical(
                self.window if isinstance(self.window, QWidget) else None, title, text
            )

    # -- the command ----------------------------------------------------------------------------
    def current_plan(self) -> Plan | None:
        """The plan of the most recent open comparison, else of this organisation and a
        variant the user picks."""
        for cw in reversed(getattr(self.compare, "windows", [])):
            panel = getattr(cw, "plan_panel", None)
            if panel is not None and cw.isVisible() and not cw.load_errors:
                return panel.plan  # type: ignore[no-any-return]
        b_path = self.choose_variant()
        if not b_path:
            return None
        try:
            b = io.load(b_path)
        except (io.LoadError, OSError) as exc:
            self.show_error("Cannot plan the transition to this file", str(exc))
            return None
        c = self.window.controller
        a_path = getattr(c, "path", None)
        return plan(c.doc, b, files=(str(a_path) if a_path else c.doc.name, b_path))

    def run(self) -> bool:
        p = self.current_plan()
        if p is None:
            return False
        path = self.choose_path(p)
        if not path:
            return False
        return write_plan_reporting(self, p, path)


def install_plan_export(window: Any, compare: Any) -> PlanExport:
    """Add File > Export > Transition plan to ``window`` (kept as ``window.plan_export``)."""
    export = PlanExport(window, compare)
    window.plan_export = export
    return export
