"""Functions and standards: each craft's leader and the owner of each standard it keeps.

One table, one row per function: its people, its leader, then one column per
standard. A gap the validator would report (FUNC-LEADER, FUNC-STANDARDS) is a
red cell that says what is wrong, so the holes in the craft lines show at a
glance; a standard a function does not have to keep is a quiet dash. Double-
click a cell to choose a person; each change is one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QStyledItemDelegate,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core import ops
from ..core.model import Document, Function
from ..core.ops import Change, Op
from ..core.rules import Report, effective_params
from ..core.rules.checks import required_standards
from ..core.text import slug
from .document import DocumentController
from .fields import (
    HINT_COLOUR,
    EntityPicker,
    FieldRow,
    Section,
    apply_op,
    ask_line,
    ask_yes,
    form_layout,
    header_label,
    name_of,
    plural,
)
from .tips import plain_tip

GAP_FILL = "#fee2e2"
GAP_INK = "#991b1b"
QUIET_INK = "#9ca3af"

STANDARD_NAMES = {
    "leveling": "Leveling",
    "career_path": "Career path",
    "promotion": "Promotion",
    "hiring": "Hiring",
    "code_review": "Code review",
}


def standard_title(name: str) -> str:
    return STANDARD_NAMES.get(name, name.replace("_", " ").capitalize())


# The validator's findings the table shows as red cells, by rule.
GAP_RULES = ("FUNC-LEADER", "FUNC-STANDARDS")


def reported_gaps(report: Report) -> set[tuple[str, str]]:
    """(rule, function ID) of every unwaived FUNC-LEADER / FUNC-STANDARDS finding."""
    return {
        (f.rule, f.subjects[0])
        for f in report.findings
        if f.rule in GAP_RULES and not f.waived and f.subjects
    }


def all_standards(doc: Document) -> list[str]:
    """Every standard any function keeps or records, in a stable order (the table's columns)."""
    params = effective_params(doc.rules)
    out = list(params["standards"])
    for extra in params["function_standards"].values():
        out += [s for s in extra if s not in out]
    for f in doc.functions:
        out += [s for s in f.standards if s not in out]
    return out


def owner_problem(doc: Document, fid: str, person_id: str | None, what: str) -> str:
    """Why ``person_id`` cannot hold ``what`` for function ``fid`` ("" if they can)."""
    if not person_id:
        return f"No {what}"
    p = doc.person(person_id)
    if p is None:
        return f"{person_id} does not exist"
    name = doc.display_name(p)
    if p.vacant:
        return f"{name} is an open position"
    own = doc.function_of(p)
    if own != fid:
        where = name_of(doc, "function", own) if own else "no function"
        return f"{name} belongs to {where}"
    return ""


class FunctionsModel(QAbstractTableModel):
    """The functions table, read live from the controller's document."""

    NAME, PEOPLE, LEADER = 0, 1, 2

    def __init__(self, controller: DocumentController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.standards: list[str] = []
        # A cell is red only when the validator reports it (rule on, finding not waived),
        # so the table and the findings list never disagree.
        self.reported: set[tuple[str, str]] = set()
        self._refresh()
        controller.changed.connect(self._changed)
        controller.documentReplaced.connect(self._reset)
        controller.findingsChanged.connect(self._findings_changed)

    @property
    def doc(self) -> Document:
        return self.controller.doc

    def _refresh(self) -> None:
        self.standards = all_standards(self.doc)
        self.reported = reported_gaps(self.controller.report)

    def required(self, fid: str) -> list[str]:
        """The standards ``fid`` must keep, by the validator's rule parameters."""
        return required_standards(self.controller.validator.params, fid)

    def _reset(self) -> None:
        self.beginResetModel()
        self._refresh()
        self.endResetModel()

    def _changed(self, changes: list[Change]) -> None:
        if self._relevant(changes):
            self._reset()

    def _findings_changed(self, report: Report) -> None:
        # Emitted before ``changed``: a waiver or rule switch turns cells red or back.
        if reported_gaps(report) != self.reported:
            self._reset()

    def _relevant(self, changes: list[Change]) -> bool:
        """Whether an edit can change what the table shows (most edits of people cannot)."""
        shown: set[str] | None = None
        for c in changes:
            if c.kind in ("function", "rules"):
                return True
            if c.kind == "role" and (c.action != "set" or c.field == "function"):
                return True
            if c.kind != "person":
                continue
            if c.action != "set" or c.field in ("role", "function"):
                return True  # a function's headcount changes
            if c.field in ("name", "vacant"):
                if shown is None:
                    shown = {f.leader for f in self.doc.functions if f.leader}
                    for f in self.doc.functions:
                        shown.update(v for v in f.standards.values() if v)
                if c.id in shown:
                    return True
        return False

    # -- shape ------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.doc.functions)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 3 + len(self.standards)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section < 3:
                return ("Function", "People", "Leader")[section]
            return standard_title(self.standards[section - 3])
        if role == Qt.ItemDataRole.ToolTipRole:
            if section == self.LEADER:
                return "The senior leader of the craft, who owns its standards"
            if section >= 3:
                return plain_tip(
                    f"Who owns the {standard_title(self.standards[section - 3]).lower()} "
                    "standard of each function"
                )
        return None

    def function_at(self, row: int) -> Function | None:
        fns = self.doc.functions
        return fns[row] if 0 <= row < len(fns) else None

    def standard_at(self, column: int) -> str | None:
        return self.standards[column - 3] if column >= 3 else None

    # -- cells --------------------------------------------------------------------------------
    def cell(self, row: int, column: int) -> tuple[str, str, str]:
        """(text, state, tooltip) of a cell; state is ``ok``, ``gap``, ``quiet`` or ``plain``."""
        doc = self.doc
        f = self.function_at(row)
        if f is None:
            return "", "plain", ""
        n = self.controller.function_headcount(f.id)
        if column == self.NAME:
            return f.name or f.id, "plain", f"{f.name or f.id} ({f.id})"
        if column == self.PEOPLE:
            return str(n), "plain" if n else "quiet", plural(n, "position")
        if column == self.LEADER:
            who = f.leader
            problem = owner_problem(doc, f.id, who, "leader")
            text = name_of(doc, "person", who) if who else "missing"
            if not problem:
                return text, "ok", f"{text} leads {f.name or f.id}"
            return self._problem_cell(f.id, "FUNC-LEADER", text, bool(who), problem, n)
        std = self.standard_at(column)
        assert std is not None
        required = std in self.required(f.id)
        who = f.standards.get(std)
        if not required:
            if who:
                return (
                    name_of(doc, "person", who),
                    "plain",
                    f"{f.name or f.id} records an owner though the rules do not require one",
                )
            return (
                "\u2013",
                "quiet",
                f"{f.name or f.id} does not keep a {standard_title(std)} standard of its own",
            )
        problem = owner_problem(doc, f.id, who, "owner")
        text = name_of(doc, "person", who) if who else "missing"
        if not problem:
            return text, "ok", f"{text} owns {standard_title(std).lower()} for {f.name or f.id}"
        return self._problem_cell(f.id, "FUNC-STANDARDS", text, bool(who), problem, n)

    def _problem_cell(
        self, fid: str, rule: str, text: str, named: bool, problem: str, n: int
    ) -> tuple[str, str, str]:
        """A cell with a problem: red only when the validator reports it unwaived."""
        if (rule, fid) in self.reported:
            return text, "gap", problem
        if not n:
            return (
                text if named else "\u2013",
                "quiet",
                f"{problem}; needed once the function has people",
            )
        # Rule switched off, finding waived, or a broken reference (ORG-REF reports it).
        return text, "plain", problem

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        text, state, tip = self.cell(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.EditRole:
            f = self.function_at(index.row())
            if f is None:
                return None
            if index.column() == self.NAME:
                return f.name
            if index.column() == self.LEADER:
                return f.leader
            std = self.standard_at(index.column())
            return f.standards.get(std) if std else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(tip)
        if role == Qt.ItemDataRole.BackgroundRole and state == "gap":
            return QBrush(QColor(GAP_FILL))
        if role == Qt.ItemDataRole.ForegroundRole:
            if state == "gap":
                return QBrush(QColor(GAP_INK))
            if state == "quiet":
                return QBrush(QColor(QUIET_INK))
        if role == Qt.ItemDataRole.FontRole and (state == "gap" or index.column() == self.NAME):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.PEOPLE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return state
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and index.column() != self.PEOPLE:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def gaps(self) -> list[tuple[str, str]]:
        """Every red cell as (function ID, column title): what the table shows as missing."""
        out = []
        for r in range(self.rowCount()):
            f = self.function_at(r)
            assert f is not None
            for c in range(self.columnCount()):
                if self.cell(r, c)[1] == "gap":
                    out.append((f.id, self.headerData(c, Qt.Orientation.Horizontal)))
        return out

    # -- editing ----------------------------------------------------------------------------------
    def op_for(self, row: int, column: int, value: str | None) -> Op | None:
        """The operation that puts ``value`` in a cell, or None when nothing would change."""
        f = self.function_at(row)
        if f is None:
            return None
        return cell_op(self.doc, f, column, self.standard_at(column), value)

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: Any,  # noqa: N802
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        op = self.op_for(index.row(), index.column(), value or None)
        if op is None:
            return False
        return apply_op(self.controller, op)


def cell_op(
    doc: Document, f: Function, column: int, standard: str | None, value: str | None
) -> Op | None:
    """Set a function's name (column 0), leader (2) or the owner of ``standard``."""
    fname = f.name or f.id
    if column == FunctionsModel.NAME:
        value = (value or "").strip() or f.id  # a function is never nameless
        if value == fname:  # the name shown already (a nameless function shows its ID)
            return None
        return ops.SetField(
            "function", f.id, "name", value, label=f"Rename function {fname} to {value}"
        )
    if column == FunctionsModel.LEADER:
        if (value or None) == (f.leader or None):
            return None
        label = (
            f"Make {name_of(doc, 'person', value)} the leader of {fname}"
            if value
            else f"Leave {fname} without a leader"
        )
        return ops.SetField("function", f.id, "leader", value, label=label)
    if standard is None:
        return None
    if (value or None) == (f.standards.get(standard) or None):
        return None
    standards = dict(f.standards)
    standards[standard] = value or None
    label = (
        f"{name_of(doc, 'person', value)} owns {standard_title(standard).lower()} for {fname}"
        if value
        else f"Nobody owns {standard_title(standard).lower()} for {fname}"
    )
    return ops.SetField("function", f.id, "standards", standards, label=label)


def leader_owns_all(doc: Document, fid: str) -> Op | None:
    """The leader takes every required standard that has no valid owner, in one step."""
    f = doc.function(fid)
    if f is None or not f.leader or owner_problem(doc, fid, f.leader, "leader"):
        return None
    standards = dict(f.standards)
    taken = []
    for std in required_standards(effective_params(doc.rules), fid):
        if owner_problem(doc, fid, standards.get(std), "owner"):
            standards[std] = f.leader
            taken.append(standard_title(std).lower())
    if not taken:
        return None
    return ops.SetField(
        "function",
        fid,
        "standards",
        standards,
        label=f"{name_of(doc, 'person', f.leader)} owns {', '.join(taken)} for {f.name or fid}",
    )


class PersonDelegate(QStyledItemDelegate):
    """Edits a leader or standard-owner cell with a person picker; the name cell as text."""

    def __init__(self, controller: DocumentController, parent=None) -> None:
        super().__init__(parent)
        self.controller = controller

    def createEditor(self, parent, option, index):  # noqa: N802
        if index.column() == FunctionsModel.NAME:
            return QLineEdit(parent)
        picker = EntityPicker(self.controller, "person", parent)
        picker.refused.connect(lambda text: text and self.controller.statusMessage.emit(text))
        return picker

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, EntityPicker):
            editor.set_value(value)
        else:
            editor.setText(value or "")

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        if isinstance(editor, EntityPicker):
            text = editor.currentText().strip()
            if text == editor.shown_text():
                return
            if not text:
                model.setData(index, None)
                return
            pid = editor.list.find(text)
            if pid is None:
                self.controller.statusMessage.emit(f"There is no person called \u201c{text}\u201d")
                return
            model.setData(index, pid)
        else:
            model.setData(index, editor.text())


class FunctionsPanel(QWidget):
    """The functions dock's contents: the table, with add / delete / "leader owns all"."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("functionsPanel")
        self.controller = controller
        self.ask_name: Callable[[], str | None] = self._ask_name
        self.confirm: Callable[[str, str], bool] = self._confirm
        self.model = FunctionsModel(controller)
        self.table = QTableView()
        self.table.setObjectName("functionsTable")
        self.table.setModel(self.model)
        self.table.setItemDelegate(PersonDelegate(controller, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setShowGrid(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(70)
        header.setStretchLastSection(False)
        self.table.doubleClicked.connect(self._double_clicked)

        self.empty = QLabel(
            "No functions yet.\n\nA function is a craft (Engineering, Product, "
            "Design\u2026) with a leader who owns its standards: leveling, career "
            "path, promotion, hiring. Add the crafts your organisation has."
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(f"color: {HINT_COLOUR};")
        self.empty.setContentsMargins(16, 16, 16, 16)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        self.summary = QLabel()
        self.summary.setObjectName("functionsSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        bar = QHBoxLayout()
        bar.setSpacing(4)
        self.add_button = QToolButton()
        self.add_button.setText("Add function\u2026")
        self.add_button.clicked.connect(self._add_clicked)
        self.delete_button = QToolButton()
        self.delete_button.setText("Delete\u2026")
        self.delete_button.clicked.connect(lambda: self.delete_function())
        self.fill_button = QToolButton()
        self.fill_button.setText("Leader owns the gaps")
        self.fill_button.setToolTip(
            "The selected function's leader takes every standard that has no valid owner"
        )
        self.fill_button.clicked.connect(lambda: self.leader_owns_gaps())
        for b in (self.add_button, self.delete_button, self.fill_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.summary)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(4)
        lay.addLayout(bar)
        lay.addWidget(self.stack)
        hint = QLabel(
            "Double-click a cell to choose a person. Red cells are gaps the validator reports."
        )
        hint.setStyleSheet(f"color: {HINT_COLOUR};")
        hint.setWordWrap(True)
        lay.addWidget(hint)
        self.hint = hint
        self.model.modelReset.connect(self._after_reset)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._buttons())
        self._after_reset()

    def missing_height(self) -> int:
        """How many pixels the table lacks to show every row without scrolling."""
        t = self.table
        rows = sum(t.rowHeight(r) for r in range(self.model.rowCount()))
        return rows - t.viewport().height()

    def _after_reset(self) -> None:
        empty = self.model.rowCount() == 0
        self.stack.setCurrentWidget(self.empty if empty else self.table)
        self.hint.setVisible(not empty)
        gaps = len(self.model.gaps())
        self.summary.setText(
            "" if empty else "No gaps" if not gaps else f"{plural(gaps, 'gap')} to fill"
        )
        self.summary.setStyleSheet(f"color: {'#15803d' if not gaps else GAP_INK};")
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for c in range(self.model.columnCount()):
            header.resizeSection(c, min(max(header.sectionSize(c), 90), 220))
        self._buttons()

    def _buttons(self) -> None:
        f = self.current_function()
        self.delete_button.setEnabled(f is not None)
        self.fill_button.setEnabled(
            f is not None and leader_owns_all(self.controller.doc, f) is not None
        )

    def current_function(self) -> str | None:
        idx = self.table.currentIndex()
        f = self.model.function_at(idx.row()) if idx.isValid() else None
        return f.id if f else None

    def select_function(self, fid: str) -> None:
        for r, f in enumerate(self.controller.doc.functions):
            if f.id == fid:
                self.table.setCurrentIndex(self.model.index(r, 0))
                return

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() == FunctionsModel.PEOPLE:
            f = self.model.function_at(index.row())
            if f is not None:
                self.controller.select(
                    [
                        p.id
                        for p in self.controller.doc.people
                        if self.controller.doc.function_of(p) == f.id
                    ]
                )

    # -- actions ----------------------------------------------------------------------------------
    def _ask_name(self) -> str | None:
        return ask_line(
            self, "Add function", "Name of the craft (e.g. Engineering, Product, Design):"
        )

    def _confirm(self, title: str, text: str) -> bool:
        return ask_yes(self, title, text)

    def _add_clicked(self) -> None:
        name = self.ask_name()
        if name:
            self.add_function(name)

    def add_function(self, name: str, fid: str | None = None) -> str | None:
        """Add a function called ``name``; its ID is made from the name unless given."""
        doc = self.controller.doc
        name = name.strip()
        if not name:
            return None
        fid = fid or ops.new_id(doc, "function", slug(name, "function"))
        if not self.controller.do(
            ops.AddEntity("function", Function(id=fid, name=name), label=f"Add function {name}")
        ):
            return None
        self.select_function(fid)
        return fid

    def delete_function(self, fid: str | None = None) -> bool:
        doc = self.controller.doc
        f = doc.function(fid or self.current_function())
        if f is None:
            return False
        roles = [r for r in doc.roles if r.function == f.id]
        n = self.controller.function_headcount(f.id)
        text = (
            f"{plural(len(roles), 'role')} and {plural(n, 'position')} belong to "
            f"{f.name or f.id}; they will have no function. You can undo this."
        )
        if not self.confirm(f"Delete the function {f.name or f.id}?", text):
            return False
        return self.controller.do(ops.delete_function(doc, f.id))

    def leader_owns_gaps(self, fid: str | None = None) -> bool:
        op = leader_owns_all(self.controller.doc, fid or self.current_function() or "")
        return op is not None and self.controller.do(op)

    def set_cell(self, fid: str, column: str, person: str | None) -> bool:
        """Put ``person`` in a cell by function ID and column (``leader`` or a standard name)."""
        doc = self.controller.doc
        f = doc.function(fid)
        if f is None:
            return False
        col = (
            FunctionsModel.LEADER if column == "leader" else 3 + self.model.standards.index(column)
        )
        row = doc.functions.index(f)
        return self.model.setData(self.model.index(row, col), person)


class FunctionEditor(QWidget):
    """One function in the inspector: name, leader and the owner of each standard it keeps."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.fid: str | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 10, 10, 10)
        self.title, self.subtitle = header_label()
        outer.addWidget(self.title)
        outer.addWidget(self.subtitle)
        self.form = form_layout()
        outer.addLayout(self.form)
        self.name = QLineEdit()
        self.name.editingFinished.connect(self._name_done)
        self.name_row = FieldRow(self.name)
        self.form.addRow("Name", self.name_row)
        self.leader = EntityPicker(controller, "person")
        self.leader_row = FieldRow(self.leader)
        self.leader.picked.connect(
            lambda v: self._set(FunctionsModel.LEADER, None, v, self.leader_row)
        )
        self.leader.refused.connect(self.leader_row.set_error)
        self.form.addRow("Leader", self.leader_row)
        outer.addWidget(Section("Standards"))
        self.standards_form = form_layout()
        outer.addLayout(self.standards_form)
        self.fill = QPushButton("Leader owns the gaps")
        self.fill.clicked.connect(self._fill)
        outer.addWidget(self.fill)
        outer.addStretch(1)
        self.pickers: dict[str, tuple[EntityPicker, FieldRow]] = {}
        controller.changed.connect(self._doc_changed)

    def _doc_changed(self, changes: list[Change]) -> None:
        if self.isVisible() and any(c.kind != "view" for c in changes):
            self.load(self.fid, True)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.load(self.fid, True)

    def reload_fields(self) -> None:
        """Show the document's values again, keeping the refusals still on screen."""
        self.load(self.fid, True)

    def load(self, fid: str | None, keep_errors: bool = False) -> None:
        doc = self.controller.doc
        self.fid = fid
        f = doc.function(fid)
        if f is None:
            return
        n = self.controller.function_headcount(f.id)
        self.title.setText(f.name or f.id)
        self.subtitle.setText(f"Function \u00b7 {f.id} \u00b7 {plural(n, 'position')}")
        self.name.setText(f.name)
        self.leader.set_value(f.leader)
        problem = owner_problem(doc, f.id, f.leader, "leader")
        self.leader_row.set_hint(problem if problem and n else "", warn=True)
        required = required_standards(self.controller.validator.params, f.id)
        wanted = required + [s for s in f.standards if s not in required]
        if list(self.pickers) != wanted:
            while self.standards_form.rowCount():
                self.standards_form.removeRow(0)
            self.pickers = {}
            for std in wanted:
                picker = EntityPicker(self.controller, "person")
                row = FieldRow(picker)
                picker.picked.connect(lambda v, s=std, r=row: self._set(-1, s, v, r))
                picker.refused.connect(row.set_error)
                self.standards_form.addRow(standard_title(std), row)
                self.pickers[std] = (picker, row)
        for std, (picker, row) in self.pickers.items():
            picker.set_value(f.standards.get(std))
            if not keep_errors:
                row.set_error("")
            problem = owner_problem(doc, f.id, f.standards.get(std), "owner")
            row.set_hint(problem if problem and n and std in required else "", warn=True)
        self.fill.setEnabled(leader_owns_all(doc, f.id) is not None)

    def _set(self, column: int, standard: str | None, value: str | None, row: FieldRow) -> None:
        f = self.controller.doc.function(self.fid)
        if f is None:
            return
        op = cell_op(self.controller.doc, f, column, standard, value)
        if op is not None:
            apply_op(self.controller, op, row)

    def _name_done(self) -> None:
        self._set(FunctionsModel.NAME, None, self.name.text(), self.name_row)

    def _fill(self) -> None:
        op = leader_owns_all(self.controller.doc, self.fid or "")
        if op is not None:
            self.controller.do(op)
