"""Grades: one scale shared by every craft, listed from junior to senior.

A grade lets the rules compare levels across crafts (an engineering manager's
M1 and a product manager's P3 may both be "Lead"). The table lists the grades
in rank order with how many ladder levels and positions sit at each; add,
rename (double-click the name), move and remove them here. A ladder level
takes its grade in the role library. Every change is one undo step.

:class:`GradeCombo` (choose a grade, or none) is shared by the role library
and the rule settings.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core import ops
from ..core.model import Document
from ..core.ops import Change, Op, OpRefused
from .document import DocumentController
from .fields import HINT_COLOUR, ID_ROLE, NONE_TEXT, apply_op, ask_line, ask_yes, plural

NAME, ID_COL, LEVELS, PEOPLE = 0, 1, 2, 3


def grade_counts(doc: Document) -> tuple[dict[str, int], dict[str, int]]:
    """Ladder levels and positions at each grade, in one pass over roles and people."""
    levels: dict[str, int] = {}
    level_grade: dict[tuple[str, str], str] = {}
    for r in doc.roles:
        for lv in r.levels:
            if lv.grade:
                levels[lv.grade] = levels.get(lv.grade, 0) + 1
                level_grade[(r.id, lv.code)] = lv.grade
    people: dict[str, int] = {}
    if level_grade:
        for p in doc.people:
            if p.role and p.level:
                g = level_grade.get((p.role, p.level))
                if g:
                    people[g] = people.get(g, 0) + 1
    return levels, people


def _touches_grades(changes: list[Change]) -> bool:
    for c in changes:
        if c.kind in ("document", "rules") or (c.kind == "role" and c.field in (None, "levels")):
            return True
        if c.kind == "person" and c.field in (None, "role", "level"):
            return True
    return False


class GradeCombo(QComboBox):
    """Choose a grade of the document, or none; ``picked`` carries the ID ("" for none)."""

    picked = Signal(str)

    def __init__(self, none_text: str = NONE_TEXT, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.none_text = none_text
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(10)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.activated.connect(self._activated)
        self._value = ""

    def load(self, doc: Document, value: str | None) -> None:
        """Offer ``doc``'s grades (junior first) and show ``value``."""
        self.blockSignals(True)
        self.clear()
        self.addItem(self.none_text, "")
        for i, g in enumerate(doc.grades):
            self.addItem(f"{i + 1}. {g.name or g.id}", g.id)
            self.setItemData(
                self.count() - 1, f"{g.name or g.id} ({g.id})", Qt.ItemDataRole.ToolTipRole
            )
        self._value = value or ""
        at = self.findData(self._value)
        if at < 0:  # a grade that does not exist: show it, so nothing is hidden
            self.addItem(f"{value} (missing)", self._value)
            at = self.count() - 1
        self.setCurrentIndex(at)
        self.blockSignals(False)

    @property
    def value(self) -> str:
        return self._value

    def _activated(self, row: int) -> None:
        value = self.itemData(row) or ""
        if value != self._value:
            self.picked.emit(value)


class GradesPanel(QWidget):
    """The grades dock's contents: the scale as a table, with add / remove / move."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gradesPanel")
        self.setWindowTitle("Grades")
        self.controller = controller
        self.ask_name: Callable[[], str | None] = self._ask_name
        self.confirm: Callable[[str, str], bool] = self._confirm

        self.table = QTableWidget(0, 4)
        self.table.setObjectName("gradesTable")
        self.table.setHorizontalHeaderLabels(["Grade", "ID", "Ladder levels", "Positions"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.verticalHeader().setToolTip("Rank: 1 is the most junior")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for c in (ID_COL, LEVELS, PEOPLE):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.itemChanged.connect(self._item_changed)
        self.table.itemSelectionChanged.connect(self._buttons)

        self.empty = QLabel(
            "No grades yet.\n\nA grade is one step of a scale every craft shares "
            "(Associate, Professional, Senior, Lead\u2026), so levels compare across "
            "crafts: the rules can then ask that team owners and the owners of a "
            "craft's standards are senior enough."
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(f"color: {HINT_COLOUR};")
        self.empty.setContentsMargins(16, 8, 16, 8)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        bar = QHBoxLayout()
        bar.setSpacing(4)
        self.add_button = self._button("Add grade\u2026", "Add a grade, most senior", self._add)
        self.remove_button = self._button(
            "Remove\u2026", "Remove the selected grade", lambda: self.remove_grade()
        )
        self.junior_button = self._button(
            "\u2191 Junior", "Move the selected grade down the scale", lambda: self.move(-1)
        )
        self.senior_button = self._button(
            "\u2193 Senior", "Move the selected grade up the scale", lambda: self.move(1)
        )
        for b in (self.add_button, self.remove_button, self.junior_button, self.senior_button):
            bar.addWidget(b)
        bar.addStretch(1)
        self.summary = QLabel()
        self.summary.setObjectName("gradesSummary")
        self.summary.setStyleSheet(f"color: {HINT_COLOUR};")
        bar.addWidget(self.summary)

        self.hint = QLabel(
            "Listed from junior (1) to senior. Double-click a name to rename it; give a "
            "ladder level its grade in the Role library."
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {HINT_COLOUR};")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(4)
        lay.addLayout(bar)
        lay.addWidget(self.stack)
        lay.addWidget(self.hint)

        self._loading = False
        self._stale = False
        controller.changed.connect(self._changed)
        controller.documentReplaced.connect(self.refresh)
        self.refresh()

    def _button(self, text: str, tip: str, slot: Callable[[], object]) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.clicked.connect(lambda: slot())
        return b

    @property
    def doc(self) -> Document:
        return self.controller.doc

    # -- reading --------------------------------------------------------------------------
    def _changed(self, changes: list[Change]) -> None:
        if not _touches_grades(changes):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Fill the table from the document, keeping the selected grade selected."""
        self._stale = False
        doc = self.doc
        keep = self.current_grade()
        levels, people = grade_counts(doc)
        self._loading = True
        self.table.setRowCount(len(doc.grades))
        for r, g in enumerate(doc.grades):
            name = QTableWidgetItem(g.name or g.id)
            name.setData(ID_ROLE, g.id)
            name.setToolTip("Double-click to rename")
            ident = QTableWidgetItem(g.id)
            n_levels = levels.get(g.id, 0)
            n_people = people.get(g.id, 0)
            lv = QTableWidgetItem(str(n_levels) if n_levels else "\u2013")
            pp = QTableWidgetItem(str(n_people) if n_people else "\u2013")
            for item in (ident, lv, pp):
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            for item in (lv, pp):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, NAME, name)
            self.table.setItem(r, ID_COL, ident)
            self.table.setItem(r, LEVELS, lv)
            self.table.setItem(r, PEOPLE, pp)
        self._loading = False
        self.stack.setCurrentWidget(self.table if doc.grades else self.empty)
        self.hint.setVisible(bool(doc.grades))
        graded = sum(people.values())
        self.summary.setText(
            f"{plural(len(doc.grades), 'grade')} \u00b7 {plural(graded, 'position')} graded"
            if doc.grades
            else ""
        )
        if keep is not None:
            self.select_grade(keep)
        self._buttons()

    def grades(self) -> list[tuple[str, str, str, str]]:
        """What the table shows, row by row: (name, ID, levels, positions)."""
        return [
            tuple(self.table.item(r, c).text() for c in range(4))  # type: ignore[misc]
            for r in range(self.table.rowCount())
        ]

    def current_grade(self) -> str | None:
        row = self.table.currentRow()
        if not 0 <= row < self.table.rowCount():
            return None
        item = self.table.item(row, NAME)
        return item.data(ID_ROLE) if item is not None else None

    def select_grade(self, grade_id: str) -> None:
        for r in range(self.table.rowCount()):
            if self.table.item(r, NAME).data(ID_ROLE) == grade_id:
                self.table.setCurrentCell(r, NAME)
                return

    def _buttons(self) -> None:
        gid = self.current_grade()
        row = self.table.currentRow()
        has = gid is not None
        self.remove_button.setEnabled(has)
        self.junior_button.setEnabled(has and row > 0)
        self.senior_button.setEnabled(has and row < self.table.rowCount() - 1)

    # -- writing ------------------------------------------------------------------------------
    def _do(self, make: Callable[[], Op], label: str | None = None) -> bool:
        """Do the operation ``make`` builds as one undo step; say why if it is refused."""
        try:
            op = make()
        except OpRefused as exc:
            self.controller.statusMessage.emit(f"Not possible: {exc}")
            return False
        if label is None:
            return apply_op(self.controller, op)
        return self.controller.do(op, label)

    def _name_problem(self, name: str, grade_id: str | None = None) -> str:
        if not name:
            return "a grade needs a name"
        for g in self.doc.grades:
            if g.id != grade_id and (g.name or g.id).casefold() == name.casefold():
                return f"there is already a grade called {g.name or g.id}"
        return ""

    def _ask_name(self) -> str | None:
        return ask_line(
            self, "Add grade", "Name of the new grade (e.g. Senior), added as the most senior:"
        )

    def _confirm(self, title: str, text: str) -> bool:
        return ask_yes(self, title, text)

    def _add(self) -> None:
        name = self.ask_name()
        if name:
            self.add_grade(name)

    def add_grade(self, name: str) -> str | None:
        """Add a grade called ``name`` as the most senior; select it. Returns its ID."""
        name = name.strip()
        problem = self._name_problem(name)
        if problem:
            self.controller.statusMessage.emit(f"Not possible: {problem}")
            return None
        before = {g.id for g in self.doc.grades}
        if not self._do(lambda: ops.add_grade(self.doc, name)):
            return None
        new = next(g.id for g in self.doc.grades if g.id not in before)
        self.refresh()
        self.select_grade(new)
        return new

    def rename_grade(self, grade_id: str, name: str) -> bool:
        name = name.strip()
        problem = self._name_problem(name, grade_id)
        if problem:
            self.controller.statusMessage.emit(f"Not possible: {problem}")
            return False
        old = ops.grade_name(self.doc, grade_id)
        return self._do(
            lambda: ops.rename_grade(self.doc, grade_id, name), f"Rename grade {old} to {name}"
        )

    def move(self, step: int, grade_id: str | None = None) -> bool:
        gid = grade_id or self.current_grade()
        if gid is None:
            return False
        at = next((i for i, g in enumerate(self.doc.grades) if g.id == gid), -1)
        if not 0 <= at + step < len(self.doc.grades):
            return False
        word = "more junior" if step < 0 else "more senior"
        ok = self._do(
            lambda: ops.move_grade(self.doc, gid, at + step),
            f"Make grade {ops.grade_name(self.doc, gid)} {word}",
        )
        if ok:
            self.refresh()
            self.select_grade(gid)
        return ok

    def remove_grade(self, grade_id: str | None = None) -> bool:
        """Remove a grade after saying what uses it; levels at it keep no grade."""
        gid = grade_id or self.current_grade()
        if gid is None:
            return False
        doc = self.doc
        name = ops.grade_name(doc, gid)
        levels = [lv for r in doc.roles for lv in r.levels if lv.grade == gid]
        params = [
            n
            for n in ("owner_min_grade", "standards_min_grade")
            if getattr(doc.rules.params, n) == gid
        ]
        parts = []
        if levels:
            parts.append(f"{plural(len(levels), 'ladder level')} will have no grade")
        if params:
            parts.append("the rule checks that ask for it will be switched off")
        text = ("; ".join(parts).capitalize() + ". " if parts else "") + "You can undo this."
        if parts and not self.confirm(f"Remove the grade {name}?", text):
            return False
        return self._do(lambda: ops.remove_grade(doc, gid), f"Remove grade {name}")

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() != NAME:
            return
        gid = item.data(ID_ROLE)
        grade = next((g for g in self.doc.grades if g.id == gid), None)
        new = item.text().strip()
        if grade is None or new == (grade.name or grade.id):
            return
        if not self.rename_grade(gid, new):
            self.refresh()  # put the old name back
