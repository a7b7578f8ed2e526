"""The findings dock: the live validation report, grouped by severity and rule.

The dock reads the controller's report after every edit and rebuilds only the
rule groups whose findings changed, so a large organisation with a long
report does not stall the canvas. The current finding's suggested fix is shown
under the list. Clicking a finding selects its subjects and asks the window to
centre the first one; the context menu waives a finding
(with a reason, stored in the document's rules) or lifts a waiver.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..core import ops
from ..core.catalogue import RULES
from ..core.model import Document
from ..core.rules import Finding, Report
from .document import DocumentController
from .icons import severity_icon
from .tips import plain_tip

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2

GROUPS = ("error", "warning", "info", "waived")
GROUP_TITLES = {"error": "Errors", "warning": "Warnings", "info": "Information", "waived": "Waived"}


def group_of(f: Finding) -> str:
    return "waived" if f.waived else f.severity


def subject_names(doc: Document, subjects: Iterable[str]) -> str:
    """The subjects as a reader knows them: display names, falling back to the ID."""
    return ", ".join(doc.name_of(s) for s in subjects)


NO_FINDINGS = (
    "No findings.\nThis variant meets every enabled rule.\n\n"
    "Findings appear here as you edit: a team without an owner, a span too wide, "
    "a craft without a leader..."
)
CHECKING = "Checking the organisation against the rules..."


def summary_text(summary: dict[str, int]) -> str:
    """ "2 errors, 5 warnings, 1 info" (zero counts left out), or "No findings"."""
    parts = []
    for key, one, many in (
        ("error", "error", "errors"),
        ("warning", "warning", "warnings"),
        ("info", "info", "info"),
        ("waived", "waived", "waived"),
    ):
        n = summary.get(key, 0)
        if n:
            parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts) if parts else "No findings"


class _Filter(QSortFilterProxyModel):
    """Matches the filter text against a finding's message, subjects and rule."""

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        text = self.filterRegularExpression().pattern().lower()
        if not text:
            return True
        model = self.sourceModel()
        idx = model.index(row, 0, parent)
        if model.data(idx, FINDING_ROLE) is None:
            return False  # groups stay when a child matches (recursive filtering)
        hay = " ".join(str(model.data(model.index(row, c, parent)) or "") for c in (0, 1))
        f: Finding = model.data(idx, FINDING_ROLE)
        return text in (hay + " " + f.rule).lower()


class FindingsDock(QDockWidget):
    """Findings grouped by severity then rule; click to find, right-click to waive."""

    subjectActivated = Signal(list)  # the subjects (IDs) of the clicked finding

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__("Findings", parent)
        self.setObjectName("findingsDock")
        self.controller = controller
        self.model = QStandardItemModel(0, 2, self)
        self.model.setHorizontalHeaderLabels(["Finding", "About"])
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)

        self.summary = QLabel()
        self.summary.setObjectName("findingsSummary")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter findings")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter_changed)

        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setWordWrap(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 120)
        self.tree.clicked.connect(self._clicked)
        self.tree.activated.connect(self._clicked)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)

        self.empty = QLabel(NO_FINDINGS)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("findingsEmpty")
        self.empty.setContentsMargins(16, 16, 16, 16)

        # The suggested fix of the current finding, where the rule has a plain one.
        self.suggestion = QLabel()
        self.suggestion.setObjectName("findingsSuggestion")
        self.suggestion.setTextFormat(Qt.TextFormat.PlainText)  # names are users' text
        self.suggestion.setWordWrap(True)
        self.suggestion.hide()
        self.tree.selectionModel().currentChanged.connect(self._show_suggestion)
        controller.selectionChanged.connect(self._selection_moved)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)

        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.summary)
        lay.addWidget(self.filter)
        lay.addWidget(self.stack)
        lay.addWidget(self.suggestion)
        self.setWidget(body)

        self._groups: dict[str, QStandardItem] = {}
        self._rules: dict[tuple[str, str], QStandardItem] = {}
        self._shown: dict[tuple[str, str], list[Finding]] = {}
        self._doc_id = 0
        controller.findingsChanged.connect(self.refresh)
        controller.documentReplaced.connect(self._replaced)
        self.refresh(controller.report)

    # -- building --------------------------------------------------------------------
    def _replaced(self) -> None:
        self.model.removeRows(0, self.model.rowCount())
        self._groups.clear()
        self._rules.clear()
        self._shown.clear()
        # The findings of the new document follow (findingsChanged): a large file is
        # checked once its chart is on screen.
        self.summary.setText("Checking...")
        self.empty.setText(CHECKING)
        self.stack.setCurrentWidget(self.empty)

    def refresh(self, report: Report | None = None) -> None:
        """Show ``report`` (default: the controller's), touching only groups that changed."""
        report = report or self.controller.report
        doc = self.controller.doc
        wanted: dict[tuple[str, str], list[Finding]] = {}
        for f in report.findings:
            wanted.setdefault((group_of(f), f.rule), []).append(f)
        summary = report.summary()
        self.summary.setText(summary_text(summary))
        first_time = not self._groups
        new_rules: list[QStandardItem] = []

        for key in [k for k in self._shown if k not in wanted]:
            item = self._rules.pop(key)
            parent = item.parent()
            parent.removeRow(item.row())
            del self._shown[key]
        for key, findings in wanted.items():
            if self._shown.get(key) == findings:
                continue
            group = self._group_item(key[0])
            rule_item = self._rules.get(key)
            if rule_item is None:
                rule_item = self._rule_item(key[1])
                group.appendRow([rule_item, QStandardItem()])
                self._rules[key] = rule_item
                if not first_time:
                    # Something new went wrong: show it.
                    self.tree.expand(self.proxy.mapFromSource(group.index()))
                    new_rules.append(rule_item)
            rule_item.removeRows(0, rule_item.rowCount())
            rule_item.setText(f"{key[1]} ({len(findings)})")
            rows = [self._finding_row(doc, f) for f in findings]
            for row in rows:
                rule_item.appendRow(row)
            self._shown[key] = findings
        for name in GROUPS:
            item = self._groups.get(name)
            if item is None:
                continue
            if item.rowCount() == 0:
                self.model.removeRow(item.row())
                del self._groups[name]
                continue
            count = sum(len(v) for k, v in wanted.items() if k[0] == name)
            item.setText(f"{GROUP_TITLES[name]} ({count})")
            # Keep groups in severity order, rules sorted by ID within them.
            item.sortChildren(0)
        for rule_item in new_rules:
            self.tree.expand(self.proxy.mapFromSource(rule_item.index()))
        self.empty.setText(NO_FINDINGS)
        self.stack.setCurrentWidget(self.empty if not report.findings else self.tree)
        if first_time:
            self._expand_defaults()

    def _group_item(self, name: str) -> QStandardItem:
        item = self._groups.get(name)
        if item is not None:
            return item
        item = QStandardItem(severity_icon(name), GROUP_TITLES[name])
        item.setData(("group", name), KEY_ROLE)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        at = sum(1 for g in GROUPS[: GROUPS.index(name)] if g in self._groups)
        self.model.insertRow(at, [item, QStandardItem()])
        self._groups[name] = item
        return item

    @staticmethod
    def _rule_item(rule: str) -> QStandardItem:
        item = QStandardItem(rule)
        info = RULES.get(rule)
        if info is not None:
            item.setToolTip(f"<b>{rule}</b>: {info.summary}<br><br>{info.why}")
        item.setData(("rule", rule), KEY_ROLE)
        return item

    @staticmethod
    def _finding_row(doc: Document, f: Finding) -> list[QStandardItem]:
        msg = QStandardItem(severity_icon(group_of(f)), f.message)
        msg.setData(f, FINDING_ROLE)
        tip = f.message + (" (waived)" if f.waived else "")
        if f.fix:
            tip += f"\n\nSuggestion: {f.fix}"
        msg.setToolTip(plain_tip(tip))
        about = QStandardItem(subject_names(doc, f.subjects))
        about.setData(f, FINDING_ROLE)
        about.setToolTip(plain_tip(about.text()))
        return [msg, about]

    def _expand_defaults(self) -> None:
        """Open the severity groups; open rule groups too while the list is short."""
        total = sum(len(v) for v in self._shown.values())
        for name, item in self._groups.items():
            idx = self.proxy.mapFromSource(item.index())
            self.tree.setExpanded(idx, name != "waived")
            if total <= 60 and name != "waived":
                for r in range(item.rowCount()):
                    self.tree.expand(self.proxy.mapFromSource(item.child(r).index()))

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if text.strip():
            self.tree.expandAll()

    # -- reading it back -------------------------------------------------------------
    def finding_at(self, index: QModelIndex) -> Finding | None:
        if not index.isValid():
            return None
        return index.data(FINDING_ROLE)

    def finding_indexes(self) -> list[QModelIndex]:
        """Proxy indexes of every finding row shown (column 0), top to bottom."""
        out: list[QModelIndex] = []

        def walk(parent: QModelIndex) -> None:
            for r in range(self.proxy.rowCount(parent)):
                idx = self.proxy.index(r, 0, parent)
                if idx.data(FINDING_ROLE) is not None:
                    out.append(idx)
                else:
                    walk(idx)

        walk(QModelIndex())
        return out

    def _show_suggestion(self, index: QModelIndex) -> None:
        f = self.finding_at(index) if index.isValid() else None
        if f is None or not f.fix:
            self.suggestion.hide()
            return
        self.suggestion.setText(f"Suggestion: {f.fix[0].upper()}{f.fix[1:]}.")
        self.suggestion.show()

    def _selection_moved(self, ids: list[str]) -> None:
        """The selection went somewhere the chosen finding is not about: let go of it."""
        index = self.tree.currentIndex()
        f = self.finding_at(index.siblingAtColumn(0)) if index.isValid() else None
        if f is None or (ids and set(ids) <= set(f.subjects)):
            return
        self.tree.selectionModel().clear()
        self.suggestion.hide()

    def _clicked(self, index: QModelIndex) -> None:
        f = self.finding_at(index)
        if f is None:
            return
        self.controller.select_subjects(list(f.subjects))
        self.subjectActivated.emit(list(f.subjects))

    # -- waivers ---------------------------------------------------------------------
    def _context_menu(self, pos) -> None:
        f = self.finding_at(self.tree.indexAt(pos))
        if f is None:
            return
        menu = QMenu(self)
        self.build_menu(menu, f)
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    def build_menu(self, menu: QMenu, f: Finding) -> None:
        """Fill ``menu`` with what can be done with finding ``f``."""
        show = QAction("Show on canvas", menu)
        show.triggered.connect(
            lambda: (
                self.controller.select_subjects(list(f.subjects)),
                self.subjectActivated.emit(list(f.subjects)),
            )
        )
        menu.addAction(show)
        menu.addSeparator()
        if f.waived:
            lift = QAction("Remove waiver", menu)
            lift.triggered.connect(lambda: self.unwaive(f))
            menu.addAction(lift)
        else:
            waive = QAction("Waive this finding...", menu)
            waive.triggered.connect(lambda: self.waive(f))
            menu.addAction(waive)

    def ask_reason(self, f: Finding) -> str | None:
        """Ask why the finding is accepted; None if the user cancels."""
        text, ok = QInputDialog.getMultiLineText(
            self,
            "Waive finding",
            f"{f.rule}: {f.message}\n\nWhy is this accepted? The reason is saved in the file "
            "and shown to whoever reviews this variant.",
        )
        if not ok or not text.strip():
            return None
        return text.strip()

    def waive(self, f: Finding, reason: str | None = None) -> bool:
        """Record a waiver of ``f`` (about its first subject) as one undoable step."""
        if not f.subjects:
            return False
        reason = reason if reason is not None else self.ask_reason(f)
        if not reason:
            return False
        try:
            op = ops.waive(self.controller.doc, f.rule, f.subjects[0], reason)
        except ops.OpRefused as exc:
            self.controller.statusMessage.emit(str(exc))
            return False
        return self.controller.do(op)

    def unwaive(self, f: Finding) -> bool:
        """Remove the waivers that cover ``f``."""
        try:
            op = ops.unwaive(self.controller.doc, f.rule, f.subjects)
        except ops.OpRefused:
            return False
        return self.controller.do(op)
