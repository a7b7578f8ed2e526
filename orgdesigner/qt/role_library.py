"""The role library: every role by function, its definition and its career ladder.

A role is what a position is: a purpose, responsibilities, a career ladder of
levels (each with what is expected at it) and whether it manages people. The
library lists the roles grouped by function; add, duplicate and delete them
here, and edit the selected one below. Every edit is one undo step.

A role can be dragged out of the list onto the canvas (MIME type
:data:`ROLE_MIME`, the role ID in UTF-8): dropped on a team or a person it
opens a position of that role there.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QMimeData, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QDrag, QFont, QFontMetrics, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import ops
from ..core.cost import format_amount, parse_amount
from ..core.model import Document, Level, Person, Role
from ..core.ops import Change
from ..core.text import slug
from .canvas.style import CanvasStyle
from .document import DocumentController
from .fields import (
    HINT_COLOUR,
    ID_ROLE,
    CommitTextEdit,
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
from .grades_panel import GradeCombo

ROLE_MIME = "application/x-orgdesigner-role"


def next_code(codes: list[str]) -> str:
    """The code after the last one on a ladder: ``L3`` -> ``L4``; ``L1`` on an empty ladder."""
    for code in reversed(codes):
        m = re.fullmatch(r"(.*?)(\d+)", code)
        if m:
            n = int(m.group(2)) + 1
            candidate = f"{m.group(1)}{n}"
            while candidate in codes:
                n += 1
                candidate = f"{m.group(1)}{n}"
            return candidate
    n = len(codes) + 1
    while f"L{n}" in codes:
        n += 1
    return f"L{n}"


def holders(controller: DocumentController, role_id: str) -> list[Person]:
    """The positions that hold ``role_id``, sorted by name."""
    doc = controller.doc
    people = doc.by_id("person")
    found = [people[i] for i in controller.role_holders(role_id)]
    return sorted(found, key=lambda p: (doc.display_name(p).casefold(), p.id))


class RoleEditor(QWidget):
    """Edit one role: title, function, people-manager flag, purpose, responsibilities, ladder."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roleEditor")
        self.controller = controller
        self.role_id: str | None = None
        self.rows: dict[str, FieldRow] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 10, 10, 10)
        outer.setSpacing(6)
        self.title_label, self.subtitle = header_label()
        outer.addWidget(self.title_label)
        outer.addWidget(self.subtitle)
        form = form_layout()
        self.form = form
        outer.addLayout(form)

        self.title = QLineEdit()
        self.title.setPlaceholderText("e.g. Software Engineer")
        self.title.editingFinished.connect(self._title_done)
        self._row(form, "title", "Title", self.title)

        self.function = EntityPicker(controller, "function")
        self._row(form, "function", "Function", self.function)
        self.function.picked.connect(self._function_picked)
        self.function.refused.connect(self.rows["function"].set_error)

        self.people_manager = QCheckBox("People manager")
        self.people_manager.setToolTip("Holders lead people: team owners, managers, leaders")
        self.people_manager.clicked.connect(self._people_manager_clicked)
        self._row(form, "people_manager", "", self.people_manager)

        self.purpose = CommitTextEdit(3, grow=True)
        self.purpose.setPlaceholderText("Why the role exists, in a few sentences")
        self.purpose.editingFinished.connect(self._purpose_done)
        self._row(form, "purpose", "Purpose", self.purpose)

        self.responsibilities = CommitTextEdit(4, grow=True)
        self.responsibilities.setPlaceholderText("One responsibility per line")
        self.responsibilities.editingFinished.connect(self._responsibilities_done)
        self._row(form, "responsibilities", "Responsibilities", self.responsibilities)

        outer.addWidget(Section("Career ladder"))
        self.levels = QListWidget()
        self.levels.setObjectName("ladder")
        self.levels.setAlternatingRowColors(True)
        self.levels.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.levels.currentRowChanged.connect(self._level_selected)
        outer.addWidget(self.levels)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        self.add_level_button = self._button(
            "Add level", "Add a level at the end of the ladder", lambda: self.add_level()
        )
        self.remove_level_button = self._button(
            "Remove", "Remove the selected level", self.remove_level
        )
        self.up_button = self._button(
            "\u2191", "Move the selected level earlier on the ladder", lambda: self.move_level(-1)
        )
        self.down_button = self._button(
            "\u2193", "Move the selected level later on the ladder", lambda: self.move_level(1)
        )
        for b in (
            self.add_level_button,
            self.remove_level_button,
            self.up_button,
            self.down_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.ladder_row = FieldRow(QWidget())
        self.ladder_row.editor.hide()
        outer.addWidget(self.ladder_row)

        level_form = form_layout()
        self.level_code = QLineEdit()
        self.level_code.setPlaceholderText("e.g. L3")
        self.level_code.editingFinished.connect(self._code_done)
        self._row(level_form, "level_code", "Code", self.level_code)
        self.level_title = QLineEdit()
        self.level_title.setPlaceholderText("e.g. Senior Engineer")
        self.level_title.editingFinished.connect(self._level_title_done)
        self._row(level_form, "level_title", "Level title", self.level_title)
        self.expectations = CommitTextEdit(4, grow=True)
        self.expectations.setPlaceholderText(
            "What is expected at this level: scope, impact, autonomy"
        )
        self.expectations.editingFinished.connect(self._expectations_done)
        self._row(level_form, "expectations", "Expectations", self.expectations)
        self.level_grade = GradeCombo()
        self.level_grade.setToolTip(
            "The grade of this level on the scale every craft shares (the Grades panel)"
        )
        self.level_grade.picked.connect(self._grade_picked)
        self._row(level_form, "level_grade", "Grade", self.level_grade)
        self.level_cost = QLineEdit()
        self.level_cost.setPlaceholderText("Yearly cost of a position, e.g. 140000 or 140k")
        self.level_cost.setToolTip(
            "The budgeted yearly cost of a position at this level, used for anyone "
            "at it without a cost of their own"
        )
        self.level_cost.editingFinished.connect(self._level_cost_done)
        self._row(level_form, "level_cost", "Cost", self.level_cost)
        self.level_box = QWidget()
        self.level_box.setLayout(level_form)
        outer.addWidget(self.level_box)

        self.used_by = QLabel()
        self.used_by.setWordWrap(True)
        self.used_by.setStyleSheet(f"color: {HINT_COLOUR};")
        self.used_by.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(self.used_by)
        outer.addStretch(1)
        self._level_row = -1
        controller.changed.connect(self._doc_changed)
        controller.documentReplaced.connect(lambda: self.load(self.role_id))

    def _row(self, form, key: str, label: str, editor: QWidget) -> FieldRow:
        row = FieldRow(editor)
        form.addRow(label, row)
        self.rows[key] = row
        return row

    def _button(self, text: str, tip: str, slot: Callable[[], object]) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        b.setMinimumWidth(32)
        b.clicked.connect(lambda: slot())
        return b

    # -- reading ------------------------------------------------------------------------
    def role(self) -> Role | None:
        return self.controller.doc.role(self.role_id)

    def _name(self) -> str:
        role = self.role()
        return (role.title or role.id) if role else ""

    def _doc_changed(self, changes: list[Change]) -> None:
        if any(c.kind != "view" for c in changes) and self.isVisible():
            self.load(self.role_id, keep_errors=True)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.load(self.role_id, keep_errors=True)

    def reload_fields(self) -> None:
        """Show the document's values again, keeping the refusals still on screen."""
        self.load(self.role_id, keep_errors=True)

    def load(self, role_id: str | None, keep_errors: bool = False) -> None:
        """Show role ``role_id`` (fields filled from the document)."""
        if role_id != self.role_id:
            keep_errors = False
            self._level_row = 0
        self.role_id = role_id
        role = self.role()
        self.setEnabled(role is not None)
        if not keep_errors:
            for row in self.rows.values():
                row.set_error("")
            self.ladder_row.set_error("")
        if role is None:
            self.title_label.setText("No role selected")
            self.subtitle.setText("")
            return
        doc = self.controller.doc
        self.title_label.setText(role.title or role.id)
        users = holders(self.controller, role.id)
        self.subtitle.setText(
            f"Role \u00b7 {role.id} \u00b7 held by {plural(len(users), 'position')}"
        )
        if not (keep_errors and self.rows["title"].has_error):
            self.title.setText(role.title)
        self.function.set_value(role.function)
        self.people_manager.setChecked(role.people_manager)
        self.purpose.set_text(role.purpose)
        self.responsibilities.set_text("\n".join(role.responsibilities))
        names = ", ".join(doc.display_name(p) for p in users[:10])
        more = f" and {len(users) - 10} more" if len(users) > 10 else ""
        self.used_by.setText(
            f"Held by: {names}{more}"
            if users
            else "Nobody holds this role yet. Drag it from the list onto a team to open a position."
        )
        self._fill_levels(role)

    def _fill_levels(self, role: Role) -> None:
        self.levels.blockSignals(True)
        self.levels.clear()
        doc = self.controller.doc
        for lv in role.levels:
            text = f"{lv.code} \u2014 {lv.title}" if lv.title else lv.code
            if lv.grade:
                text += f"  \u00b7  {ops.grade_name(doc, lv.grade)}"
            item = QListWidgetItem(text)
            item.setToolTip(lv.expectations or "No expectations written yet")
            self.levels.addItem(item)
        if not role.levels:
            hint = QListWidgetItem("No levels yet: Add the first one")
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            self.levels.addItem(hint)
        row = min(self._level_row, len(role.levels) - 1)
        self.levels.setCurrentRow(row if role.levels else -1)
        # Every level in sight: the editor scrolls as a whole, the ladder never on its own.
        self.levels.setFixedHeight(
            self.levels.sizeHintForRow(0) * max(3, self.levels.count())
            + 2 * self.levels.frameWidth()
        )
        self.levels.blockSignals(False)
        self._show_level(row if role.levels else -1)

    def _level_selected(self, row: int) -> None:
        self._flush_level()
        self._level_row = row
        for key in ("level_code", "level_title", "expectations", "level_grade", "level_cost"):
            self.rows[key].set_error("")
        self._show_level(row)

    def _flush_level(self) -> None:
        if self.expectations.hasFocus():
            self.expectations.commit()

    def _show_level(self, row: int) -> None:
        role = self.role()
        has = role is not None and 0 <= row < len(role.levels)
        self.level_box.setEnabled(has)
        self.remove_level_button.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and role is not None and row < len(role.levels) - 1)
        doc = self.controller.doc
        if not has:
            self.level_code.setText("")
            self.level_title.setText("")
            self.expectations.set_text("")
            self.level_grade.load(doc, None)
            self.level_cost.setText("")
            return
        assert role is not None
        lv = role.levels[row]
        if not self.rows["level_code"].has_error:
            self.level_code.setText(lv.code)
        self.level_title.setText(lv.title)
        self.expectations.set_text(lv.expectations)
        self.level_grade.load(doc, lv.grade)
        self.rows["level_grade"].set_hint(
            "" if doc.grades else "Add grades in the Grades panel to choose among them"
        )
        if not self.rows["level_cost"].has_error:
            self.level_cost.setText(format_amount(lv.cost))
        self.rows["level_cost"].set_hint(doc.currency and f"In {doc.currency}")

    # -- writing ------------------------------------------------------------------------
    def _set(self, field: str, value, label: str, row: str | None = None) -> bool:
        role = self.role()
        if role is None:
            return False
        op = ops.SetField("role", role.id, field, value, label=label)
        return apply_op(self.controller, op, self.rows.get(row or field) or self.ladder_row)

    def _title_done(self) -> None:
        role = self.role()
        new = self.title.text().strip()
        if role is None or new == role.title:
            return
        if not new:
            self.rows["title"].set_error("A role needs a title")
            return
        self._set("title", new, f"Rename role {self._name()} to {new}")

    def _function_picked(self, fid: str | None) -> None:
        label = (
            f"Set {self._name()}'s function to {name_of(self.controller.doc, 'function', fid)}"
            if fid
            else f"Clear {self._name()}'s function"
        )
        self._set("function", fid, label)

    def _people_manager_clicked(self, on: bool) -> None:
        label = (
            f"Make {self._name()} a people-manager role"
            if on
            else f"Make {self._name()} an individual-contributor role"
        )
        self._set("people_manager", bool(on), label)

    def _purpose_done(self) -> None:
        role = self.role()
        new = self.purpose.toPlainText().strip()
        if role is not None and new != role.purpose:
            self._set("purpose", new, f"Edit the purpose of {self._name()}")

    def _responsibilities_done(self) -> None:
        role = self.role()
        new = [x.strip() for x in self.responsibilities.toPlainText().splitlines() if x.strip()]
        if role is not None and new != role.responsibilities:
            self._set("responsibilities", new, f"Edit the responsibilities of {self._name()}")

    def _levels_op(self, levels: list[Level], label: str) -> bool:
        role = self.role()
        if role is None:
            return False
        op = ops.SetField(
            "role", role.id, "levels", [lv.model_copy() for lv in levels], label=label
        )
        return apply_op(self.controller, op, self.ladder_row)

    def add_level(self, code: str | None = None, title: str = "", expectations: str = "") -> bool:
        """Add a level at the end of the ladder (a fresh code unless given) and select it."""
        role = self.role()
        if role is None:
            return False
        codes = [lv.code for lv in role.levels]
        code = (code or next_code(codes)).strip()
        if not code:
            self.ladder_row.set_error("A level needs a code")
            return False
        if code in codes:
            self.ladder_row.set_error(f"{code} is already on the {self._name()} ladder")
            return False
        levels = [*role.levels, Level(code=code, title=title, expectations=expectations)]
        self._level_row = len(levels) - 1
        ok = self._levels_op(levels, f"Add level {code} to the {self._name()} ladder")
        if ok:
            self.levels.setCurrentRow(self._level_row)
            self.level_code.setFocus()
            self.level_code.selectAll()
        return ok

    def remove_level(self) -> bool:
        role = self.role()
        row = self.levels.currentRow()
        if role is None or not 0 <= row < len(role.levels):
            return False
        code = role.levels[row].code
        levels = [lv for i, lv in enumerate(role.levels) if i != row]
        self._level_row = max(0, row - 1)
        return self._levels_op(levels, f"Remove level {code} from the {self._name()} ladder")

    def move_level(self, step: int) -> bool:
        """Move the selected level ``step`` places along the ladder (-1 earlier, 1 later)."""
        role = self.role()
        row = self.levels.currentRow()
        if role is None or not 0 <= row < len(role.levels):
            return False
        to = row + step
        if not 0 <= to < len(role.levels):
            return False
        levels = list(role.levels)
        levels[row], levels[to] = levels[to], levels[row]
        self._level_row = to
        where = "earlier" if step < 0 else "later"
        return self._levels_op(
            levels, f"Move level {levels[to].code} {where} on the {self._name()} ladder"
        )

    def _current_level(self) -> tuple[Role, int] | None:
        role = self.role()
        row = self.levels.currentRow()
        if role is None or not 0 <= row < len(role.levels):
            return None
        return role, row

    def _code_done(self) -> None:
        found = self._current_level()
        if found is None:
            return
        role, row = found
        old = role.levels[row].code
        new = self.level_code.text().strip()
        if new == old:
            self.rows["level_code"].set_error("")
            return
        if not new:
            self.rows["level_code"].set_error("A level needs a code")
            return
        if any(lv.code == new for lv in role.levels):
            self.rows["level_code"].set_error(f"{new} is already on the {self._name()} ladder")
            return
        levels = list(role.levels)
        levels[row] = levels[row].model_copy(update={"code": new})
        # People at the old code move along, so a rename never strands anyone.
        moved = tuple(
            ops.SetField("person", p.id, "level", new)
            for p in holders(self.controller, role.id)
            if p.level == old
        )
        label = f"Rename level {old} to {new} on the {self._name()} ladder"
        if apply_op(
            self.controller,
            ops.Composite((ops.SetField("role", role.id, "levels", levels), *moved), label=label),
            self.rows["level_code"],
        ):
            self.rows["level_code"].set_error("")

    def _level_title_done(self) -> None:
        found = self._current_level()
        if found is None:
            return
        role, row = found
        new = self.level_title.text().strip()
        levels = list(role.levels)
        levels[row] = levels[row].model_copy(update={"title": new})
        self._levels_op(levels, f"Set the title of level {levels[row].code} ({self._name()})")

    def _expectations_done(self) -> None:
        found = self._current_level()
        if found is None:
            return
        role, row = found
        new = self.expectations.toPlainText().strip()
        levels = list(role.levels)
        levels[row] = levels[row].model_copy(update={"expectations": new})
        self._levels_op(
            levels, f"Edit the expectations of level {levels[row].code} ({self._name()})"
        )

    def _grade_picked(self, grade_id: str) -> None:
        found = self._current_level()
        if found is None:
            return
        role, row = found
        code = role.levels[row].code
        doc = self.controller.doc
        label = (
            f"Grade level {code} of {self._name()} as {ops.grade_name(doc, grade_id)}"
            if grade_id
            else f"Clear the grade of level {code} of {self._name()}"
        )
        self._level_op(
            lambda: ops.set_level_grade(doc, role.id, code, grade_id or None), label, "level_grade"
        )

    def _level_cost_done(self) -> None:
        found = self._current_level()
        if found is None:
            return
        role, row = found
        lv = role.levels[row]
        try:
            cost = parse_amount(self.level_cost.text())
        except ValueError as exc:
            self.rows["level_cost"].set_error(str(exc))
            return
        self.rows["level_cost"].set_error("")
        if cost == lv.cost:
            self.level_cost.setText(format_amount(cost))
            return
        doc = self.controller.doc
        label = (
            f"Set the cost of level {lv.code} of {self._name()} to "
            f"{format_amount(cost, doc.currency)}"
            if cost is not None
            else f"Clear the cost of level {lv.code} of {self._name()}"
        )
        self._level_op(lambda: ops.set_level_cost(doc, role.id, lv.code, cost), label, "level_cost")

    def _level_op(self, make, label: str, key: str) -> bool:
        """Do the ladder edit ``make`` builds as one undo step called ``label``."""
        row = self.rows[key]
        try:
            op = make()
        except ops.OpRefused as exc:
            row.set_error(str(exc)[:1].upper() + str(exc)[1:])
            return False
        reason = self.controller.try_do(op, label)
        row.set_error("" if reason is None else reason[:1].upper() + reason[1:])
        return reason is None


class RoleTree(QTreeWidget):
    """The roles grouped by function; a role dragged out carries :data:`ROLE_MIME`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderLabels(["Role", "Held by"])
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

        # Paints what a role dragged out looks like: the open position it will become.
        self.drag_card: Callable[[str], QPixmap] | None = None

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [ROLE_MIME, "text/plain"]

    def startDrag(self, actions) -> None:  # noqa: N802
        items = [i for i in self.selectedItems() if i.data(0, ID_ROLE)]
        if not items:
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData(items))
        if self.drag_card is not None:
            card = self.drag_card(items[0].data(0, ID_ROLE))
            drag.setPixmap(card)
            ratio = card.devicePixelRatio() or 1.0
            drag.setHotSpot(QPoint(int(card.width() / ratio / 2), int(card.height() / ratio / 2)))
        drag.exec(Qt.DropAction.CopyAction)

    def mimeData(self, items) -> QMimeData:  # noqa: N802
        return role_mime(
            next((i.data(0, ID_ROLE) for i in items if i.data(0, ID_ROLE)), None),
            next((i.text(0) for i in items if i.data(0, ID_ROLE)), ""),
        )


def open_position_card(doc: Document, role_id: str, ratio: float = 1.0) -> QPixmap:
    """The card a role dragged out of the library shows: the open position it opens."""
    style = CanvasStyle(doc)
    role = doc.role(role_id)
    accent = style.function_colours(role.function if role else None)[0]
    title = doc.display_name(Person(id="_", role=role_id, vacant=True))
    function = doc.entity_name("function", role.function) if role and role.function else ""
    width, height = 200, 52
    pixmap = QPixmap(int(width * ratio), int(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    box = QRectF(1, 1, width - 2, height - 2)
    p.setPen(QPen(style.vacant, 1.2, Qt.PenStyle.DashLine))
    p.setBrush(style.vacant_fill)
    p.drawRoundedRect(box, 6, 6)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(accent)
    p.drawRoundedRect(QRectF(4, 6, 4, height - 12), 2, 2)
    font = QFont(p.font())
    font.setBold(True)
    p.setFont(font)
    p.setPen(style.ink)
    fm = QFontMetrics(font)
    text_w = width - 24
    p.drawText(
        QRectF(16, 8, text_w, fm.height()),
        Qt.AlignmentFlag.AlignLeft,
        fm.elidedText(title, Qt.TextElideMode.ElideRight, text_w),
    )
    if function:
        small = QFont(font)
        small.setBold(False)
        small.setPointSizeF(font.pointSizeF() * 0.85)
        p.setFont(small)
        p.setPen(style.muted)
        p.drawText(QRectF(16, 10 + fm.height(), text_w, fm.height()), function)
    p.end()
    return pixmap


def role_mime(role_id: str | None, title: str = "") -> QMimeData:
    """The drag payload for a role: its ID under :data:`ROLE_MIME`, its title as text."""
    mime = QMimeData()
    if role_id:
        mime.setData(ROLE_MIME, role_id.encode("utf-8"))
        mime.setText(title or role_id)
    return mime


class RoleLibrary(QWidget):
    """The role library dock's contents: the list of roles above, the selected role below."""

    roleActivated = Signal(str)

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roleLibrary")
        self.controller = controller
        # Replaced in tests; asks before deleting a role that is in use.
        self.confirm: Callable[[str, str], bool] = self._ask
        self.ask_title: Callable[[str, str], str | None] = self._ask_title

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter roles")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda _t: self.refresh())

        self.tree = RoleTree()
        self.tree.setMinimumHeight(120)  # a handful of roles stay in sight in a short dock
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.setToolTip("Drag a role onto a team or a person to open a position")
        self.tree.drag_card = lambda role_id: open_position_card(
            self.controller.doc, role_id, self.devicePixelRatioF()
        )
        self.empty = QLabel(
            "No roles yet.\n\nAdd one: a role has a purpose, responsibilities "
            "and a career ladder. Drag it onto a team to open a position."
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(f"color: {HINT_COLOUR};")
        self.empty.setContentsMargins(12, 12, 12, 12)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.tree)
        self.list_stack.addWidget(self.empty)

        bar = QHBoxLayout()
        bar.setSpacing(4)
        self.add_button = QToolButton()
        self.add_button.setText("Add role\u2026")
        self.add_button.clicked.connect(self._add_clicked)
        self.duplicate_button = QToolButton()
        self.duplicate_button.setText("Duplicate")
        self.duplicate_button.clicked.connect(lambda: self.duplicate_role())
        self.delete_button = QToolButton()
        self.delete_button.setText("Delete\u2026")
        self.delete_button.clicked.connect(lambda: self.delete_role())
        for b in (self.add_button, self.duplicate_button, self.delete_button):
            bar.addWidget(b)
        bar.addStretch(1)

        top = QWidget()
        top_lay = QVBoxLayout(top)
        top_lay.setContentsMargins(4, 4, 4, 4)
        top_lay.setSpacing(4)
        top_lay.addWidget(self.filter)
        top_lay.addWidget(self.list_stack)
        top_lay.addLayout(bar)

        self.editor = RoleEditor(controller)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.no_role = QLabel(
            "Select a role above to edit its purpose, responsibilities and career ladder."
        )
        self.no_role.setWordWrap(True)
        self.no_role.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_role.setStyleSheet(f"color: {HINT_COLOUR};")
        self.no_role.setContentsMargins(16, 16, 16, 16)
        self.editor_stack = QStackedWidget()
        self.editor_stack.addWidget(scroll)
        self.editor_stack.addWidget(self.no_role)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.editor_stack)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([260, 520])
        self.splitter.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.splitter)

        self._current: str | None = None
        self._stale = False
        controller.changed.connect(self._doc_changed)
        controller.documentReplaced.connect(self._replaced)
        controller.selectionChanged.connect(self._selection_changed)
        self.refresh()

    # -- list ------------------------------------------------------------------------------
    def _doc_changed(self, changes: list[Change]) -> None:
        if any(
            c.kind in ("role", "function") or (c.kind == "person" and c.field in (None, "role"))
            for c in changes
        ):
            if self.isVisible():
                self.refresh()
            else:  # a closed dock catches up when it is shown again
                self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _replaced(self) -> None:
        self._current = None
        self.refresh()

    def _selection_changed(self, ids: list[str]) -> None:
        if len(ids) == 1 and self.controller.doc.role(ids[0]) is not None:
            self.select_role(ids[0])

    def refresh(self) -> None:
        """Rebuild the list from the document, keeping the current role selected."""
        self._stale = False
        doc = self.controller.doc
        text = self.filter.text().strip().casefold()
        groups: dict[str | None, list[Role]] = {}
        for role in doc.roles:
            if text and text not in f"{role.title} {role.id}".casefold():
                continue
            fid = role.function if doc.function(role.function) is not None else None
            groups.setdefault(fid, []).append(role)
        self.tree.blockSignals(True)
        self.tree.clear()
        order = [f.id for f in doc.functions if f.id in groups]
        if None in groups:
            order.append(None)
        current_item = None
        for fid in order:
            group = QTreeWidgetItem([name_of(doc, "function", fid) if fid else "No function"])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.tree.addTopLevelItem(group)
            for role in sorted(groups[fid], key=lambda r: (r.title or r.id).casefold()):
                n = len(self.controller.role_holders(role.id))
                item = QTreeWidgetItem([role.title or role.id, str(n) if n else "\u2013"])
                item.setData(0, ID_ROLE, role.id)
                item.setToolTip(
                    0,
                    f"{role.title or role.id} ({role.id})"
                    + (" \u00b7 people manager" if role.people_manager else "")
                    + "\nDrag onto a team or person to open a position",
                )
                item.setTextAlignment(
                    1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsDragEnabled
                )
                group.addChild(item)
                if role.id == self._current:
                    current_item = item
            group.setExpanded(True)
        if current_item is None and doc.role(self._current) is None:
            self._current = None
            # Something is always open below while there are roles: the first one.
            first = self._first_item()
            if first is not None:
                current_item = first
                self._current = first.data(0, ID_ROLE)
        if current_item is not None:
            self.tree.setCurrentItem(current_item)
        self.tree.blockSignals(False)
        self.list_stack.setCurrentWidget(self.empty if not doc.roles else self.tree)
        if not doc.roles:
            self.empty.setText(
                "No roles yet.\n\nAdd one: a role has a purpose, responsibilities "
                "and a career ladder. Drag it onto a team to open a position."
            )
        elif not order:
            self.list_stack.setCurrentWidget(self.empty)
            self.empty.setText(f"No role matches \u201c{self.filter.text()}\u201d.")
        self.duplicate_button.setEnabled(self._current is not None)
        self.delete_button.setEnabled(self._current is not None)
        if self.editor.role_id != self._current:
            self.editor.load(self._current)
        self.editor_stack.setCurrentIndex(0 if self._current is not None else 1)
        self.no_role.setText(
            "Select a role above to edit its purpose, responsibilities and career ladder."
            if doc.roles
            else "Roles you add are defined here: purpose, responsibilities and "
            "the career ladder with what each level expects."
        )

    def _first_item(self) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group.childCount():
                return group.child(0)
        return None

    def _current_changed(self, item: QTreeWidgetItem | None, _prev) -> None:
        role_id = item.data(0, ID_ROLE) if item is not None else None
        if role_id is None:
            return
        self._current = role_id
        self.duplicate_button.setEnabled(True)
        self.delete_button.setEnabled(True)
        self.editor.load(role_id)
        self.editor_stack.setCurrentIndex(0)
        self.roleActivated.emit(role_id)

    def current_role(self) -> str | None:
        return self._current

    def select_role(self, role_id: str) -> None:
        """Show ``role_id`` in the list and the editor."""
        if self.controller.doc.role(role_id) is None:
            return
        if self.filter.text():
            self.filter.clear()
        self._current = role_id
        self.refresh()
        self.editor.load(role_id)

    def role_item(self, role_id: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                if group.child(j).data(0, ID_ROLE) == role_id:
                    return group.child(j)
        return None

    # -- actions --------------------------------------------------------------------------
    def _ask(self, title: str, text: str) -> bool:
        return ask_yes(self, title, text)

    def _ask_title(self, title: str, prompt: str) -> str | None:
        return ask_line(self, title, prompt)

    def _add_clicked(self) -> None:
        title = self.ask_title("Add role", "Title of the new role (e.g. Software Engineer):")
        if title:
            self.add_role(title)

    def _group_function(self) -> str | None:
        """The function of the group the user is looking at, for a new role."""
        item = self.tree.currentItem()
        if item is None:
            return None
        role = self.controller.doc.role(item.data(0, ID_ROLE))
        return role.function if role else None

    def add_role(
        self, title: str, function: str | None = None, *, people_manager: bool = False
    ) -> str | None:
        """Add a role called ``title`` (in ``function``, or the current role's) and select it."""
        doc = self.controller.doc
        title = title.strip()
        if not title:
            return None
        rid = ops.new_id(doc, "role", slug(title, "role"))
        fn = function if function is not None else self._group_function()
        role = Role(id=rid, title=title, function=fn, people_manager=people_manager)
        if not self.controller.do(ops.AddEntity("role", role, label=f"Add role {title}")):
            return None
        self.select_role(rid)
        return rid

    def duplicate_role(self, role_id: str | None = None) -> str | None:
        """Copy a role (definition and ladder) under a new ID; select the copy."""
        doc = self.controller.doc
        role = doc.role(role_id or self._current)
        if role is None:
            return None
        title = f"{role.title or role.id} (copy)"
        rid = ops.new_id(doc, "role", slug(f"{role.id}-copy", "role"))
        copy = role.model_copy(deep=True, update={"id": rid, "title": title})
        if not self.controller.do(
            ops.AddEntity("role", copy, label=f"Duplicate role {role.title or role.id}")
        ):
            return None
        self.select_role(rid)
        return rid

    def delete_role(self, role_id: str | None = None) -> bool:
        """Delete a role after saying who holds it; they keep their place without a role."""
        doc = self.controller.doc
        role = doc.role(role_id or self._current)
        if role is None:
            return False
        users = holders(self.controller, role.id)
        name = role.title or role.id
        if users:
            names = ", ".join(doc.display_name(p) for p in users[:8])
            more = f" and {len(users) - 8} more" if len(users) > 8 else ""
            text = (
                f"{plural(len(users), 'position')} hold{'s' if len(users) == 1 else ''} "
                f"{name}: {names}{more}.\n\nThey keep their place but will have no role "
                "(the findings will list them). You can undo this."
            )
        else:
            text = f"Nobody holds {name}. You can undo this."
        if not self.confirm(f"Delete the role {name}?", text):
            return False
        self._current = None
        return self.controller.do(ops.remove_role(doc, role.id))
