"""The inspector: edit the selected people, teams, role or function, one undo step per edit.

The inspector never keeps its own copy of the document: every field is filled
from ``controller.doc`` when the selection or the document changes, and every
edit becomes one core operation handed to ``controller.do``. A value the
document would refuse (a level that is not on the role's ladder, a manager that
would make a loop, a person who does not exist) is shown under its field in red
and the document is left as it was.

With several people (or several teams) selected, only the fields they can
share are shown; a field whose values differ shows "mixed" until it is set.

The small field widgets here (:class:`FieldRow`, :class:`EntityPicker`,
:class:`CommitTextEdit`) are shared by the role library, the functions panel
and the rule settings.
"""

from __future__ import annotations

import bisect
import weakref
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import ops
from ..core.model import Document, Person, Team
from ..core.ops import Change, Op
from ..core.rules import Report, effective_params
from ..export.palette import SEVERITY_COLOURS
from .costs import cost_readout
from .document import DocumentController
from .tips import plain_tip

ERROR_COLOUR = "#b91c1c"
WARN_COLOUR = "#b45309"
HINT_COLOUR = "palette(placeholder-text)"
ID_ROLE = Qt.ItemDataRole.UserRole + 1
MIXED = "(mixed)"
NONE_TEXT = "(none)"

TEAM_MODELS: tuple[tuple[str | None, str], ...] = (
    (None, "Default"),
    ("sto", "Single-threaded owner"),
    ("functional", "Three-legged stool"),
    ("service", "Service team"),
)
MODEL_NAMES = {
    "sto": "Single-threaded owner",
    "functional": "Three-legged stool",
    "service": "Service team",
}
MODEL_SHORT = {"sto": "STO", "functional": "stool", "service": "service"}


# -- shared field widgets -------------------------------------------------------------


def show_text(edit: QLineEdit, text: str) -> None:
    """Fill a line edit so it shows the start of the text, not its end."""
    edit.setText(text)
    edit.setCursorPosition(0)


class FieldRow(QWidget):
    """An editor with a red line for the reason a value was refused and a grey hint line."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(editor)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        lay.addWidget(self.error)
        self.hint = QLabel()
        self.hint.setObjectName("fieldHint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setStyleSheet(f"color: {HINT_COLOUR};")
        self.hint.hide()
        lay.addWidget(self.hint)

    def set_error(self, text: str = "") -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def set_hint(self, text: str = "", warn: bool = False) -> None:
        """A grey note under the field; amber when it points at a gap the validator reports."""
        self.hint.setText(text)
        self.hint.setStyleSheet(f"color: {WARN_COLOUR if warn else HINT_COLOUR};")
        self.hint.setVisible(bool(text))

    @property
    def has_error(self) -> bool:
        return bool(self.error.text())


class CommitTextEdit(QPlainTextEdit):
    """A multi-line field that reports ``editingFinished`` when it loses focus after a change."""

    editingFinished = Signal()

    def __init__(self, lines: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)
        self._dirty = False
        self.textChanged.connect(self._mark)
        self._loading = False

    def set_text(self, text: str) -> None:
        """Show ``text`` without it counting as an edit."""
        if text == self.toPlainText():
            self._dirty = False
            return
        self._loading = True
        self.setPlainText(text)
        self._loading = False
        self._dirty = False

    def _mark(self) -> None:
        if not self._loading:
            self._dirty = True

    def commit(self) -> None:
        """Report the edit now (focus out, Ctrl+Enter, or before the selection changes)."""
        if self._dirty:
            self._dirty = False
            self.editingFinished.emit()

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.commit()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.commit()
            return
        super().keyPressEvent(event)


def entity_label(doc: Document, kind: str, entity: Any) -> str:
    """How an entity is named in lists: a person's display name, a role's title, a name."""
    if kind == "person":
        return doc.display_name(entity)
    if kind == "role":
        return entity.title or entity.id
    return entity.name or entity.id


def name_of(doc: Document, kind: str, id_: str | None) -> str:
    """The label of ``id_``, or the ID itself when it refers to nothing."""
    return ops.entity_name(doc, kind, id_) if id_ else "none"


# Fields whose change alters how an entity of that kind is listed.
_LABEL_FIELDS = {
    "person": {"name", "vacant", "role"},
    "team": {"name"},
    "role": {"title"},
    "function": {"name"},
}


def _fold(text: str) -> str:
    return text.casefold()


class EntityList(QAbstractListModel):
    """Every entity of one kind, sorted by label, "(none)" first; shared by all pickers.

    Kept lazily: nothing happens until a picker needs the list. Adding,
    removing or renaming a few entities touches just those rows (a binary
    search each), and the views get one model reset, so a large organisation
    pays neither per keystroke nor per row.
    """

    def __init__(self, controller: DocumentController, kind: str) -> None:
        super().__init__(controller)
        self.controller = controller
        self.kind = kind
        self._full = True  # rebuild everything at the next ensure()
        self._pending: set[str] = set()  # renamed since the last ensure()
        self._base: dict[str, str] = {}  # id -> label
        self._display: dict[str, str] = {}  # id -> label as listed (with the ID if shared)
        self._same: dict[str, set[str]] = {}  # folded label -> ids listed under it
        self._order: list[tuple[str, str]] = []  # sorted (folded display label, id)
        self._by_display: dict[str, str] = {}
        self._by_id: dict[str, str] = {}  # folded id -> id
        controller.changed.connect(self._changed)
        controller.documentReplaced.connect(self.invalidate)

    def invalidate(self) -> None:
        self._full = True

    def _changed(self, changes: list[Change]) -> None:
        for c in changes:
            if self.kind == "person" and c.kind == "role" and c.field == "title":
                self._full = True  # vacancies are listed by their role's title
            elif c.kind != self.kind or not c.id:
                continue
            elif c.action != "set" or c.field in _LABEL_FIELDS[self.kind]:
                self._pending.add(c.id)

    # -- the model ------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._order) + 1

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        if row == 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return NONE_TEXT
            return None
        if not 0 < row <= len(self._order):
            return None
        id_ = self._order[row - 1][1]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._display[id_]
        if role == ID_ROLE:
            return id_
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(f"{self._display[id_]} \u2014 {id_}")
        return None

    # -- keeping it current ------------------------------------------------------------
    def ensure(self) -> None:
        """Bring the list up to date with the document (cheap when little changed)."""
        if not self._full and not self._pending:
            return
        self.beginResetModel()
        if self._full:
            self._rebuild()
        else:
            self._update(self._pending)
        self._full = False
        self._pending = set()
        self.endResetModel()

    def _rebuild(self) -> None:
        doc = self.controller.doc
        self._base = {e.id: entity_label(doc, self.kind, e) for e in doc.entities(self.kind)}
        self._same = {}
        for id_, text in self._base.items():
            self._same.setdefault(_fold(text), set()).add(id_)
        self._display = {id_: self._shown(id_) for id_ in self._base}
        self._order = sorted((_fold(t), i) for i, t in self._display.items())
        self._by_display = {}
        for key, id_ in self._order:
            self._by_display.setdefault(key, id_)
        self._by_id = {_fold(i): i for i in self._base}

    def _shown(self, id_: str) -> str:
        text = self._base[id_]
        # Two people called the same are told apart by their ID.
        return f"{text} ({id_})" if len(self._same.get(_fold(text), ())) > 1 else text

    def _update(self, ids: set[str]) -> None:
        """Add, remove or move the rows of ``ids``, and of those sharing their old or new label."""
        doc = self.controller.doc
        for id_ in ids:
            entity = doc.get(self.kind, id_)
            old = self._base.get(id_)
            new = entity_label(doc, self.kind, entity) if entity is not None else None
            if old == new:
                continue
            neighbours: set[str] = set()
            if old is not None:
                self._drop(id_)
                group = self._same[_fold(old)]
                group.discard(id_)
                if not group:
                    del self._same[_fold(old)]
                neighbours |= group
                del self._base[id_]
                del self._display[id_]
                self._by_id.pop(_fold(id_), None)
            if new is not None:
                self._base[id_] = new
                group = self._same.setdefault(_fold(new), set())
                neighbours |= group
                group.add(id_)
                self._display[id_] = self._shown(id_)
                self._insert(id_)
                self._by_id[_fold(id_)] = id_
            # Labels shared (or no longer shared) change how the others are listed too.
            for other in neighbours - {id_}:
                self._drop(other)
                self._display[other] = self._shown(other)
                self._insert(other)

    def _drop(self, id_: str) -> None:
        key = (_fold(self._display[id_]), id_)
        at = bisect.bisect_left(self._order, key)
        if at < len(self._order) and self._order[at] == key:
            del self._order[at]
        if self._by_display.get(key[0]) == id_:
            del self._by_display[key[0]]

    def _insert(self, id_: str) -> None:
        key = (_fold(self._display[id_]), id_)
        bisect.insort(self._order, key)
        self._by_display.setdefault(key[0], id_)

    # -- reading ------------------------------------------------------------------------
    def row_of(self, id_: str | None) -> int:
        """The row of ``id_`` (0 for none), or -1 if it refers to nothing."""
        self.ensure()
        if not id_:
            return 0
        shown = self._display.get(id_)
        if shown is None:
            return -1
        return bisect.bisect_left(self._order, (_fold(shown), id_)) + 1

    def id_at(self, row: int) -> str | None:
        self.ensure()
        return self._order[row - 1][1] if 0 < row <= len(self._order) else None

    def text_at(self, row: int) -> str:
        self.ensure()
        if row == 0:
            return NONE_TEXT
        return self._display[self._order[row - 1][1]] if 0 < row <= len(self._order) else ""

    def find(self, text: str) -> str | None:
        """The ID whose label (or ID) is ``text``, ignoring case; None if there is none."""
        self.ensure()
        key = _fold(text.strip())
        same = self._same.get(key)
        if same:
            return min(same, key=lambda i: (_fold(self._display[i]), i))
        return self._by_display.get(key) or self._by_id.get(key)

    def text_of(self, id_: str | None) -> str:
        row = self.row_of(id_)
        if row < 0:
            return id_ or ""
        return self.text_at(row)


_LISTS: weakref.WeakKeyDictionary[DocumentController, dict[str, EntityList]] = (
    weakref.WeakKeyDictionary()
)


def entity_list(controller: DocumentController, kind: str) -> EntityList:
    """The shared, lazily rebuilt list of ``kind`` entities of ``controller``'s document."""
    lists = _LISTS.setdefault(controller, {})
    if kind not in lists:
        lists[kind] = EntityList(controller, kind)
    return lists[kind]


class EntityPicker(QComboBox):
    """Choose one person, team, role or function (or none); type to filter by name.

    ``picked`` carries the chosen ID (None for none) when the user chose
    something different from what is shown; ``refused`` carries the reason when
    the typed text names nobody.
    """

    picked = Signal(object)
    refused = Signal(str)

    def __init__(
        self, controller: DocumentController, kind: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.list = entity_list(controller, kind)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(16)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.list.ensure()
        self.setModel(self.list)
        completer = QCompleter(self.list, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        # Rows are one line each: the views need not measure thousands of them.
        completer.popup().setUniformItemSizes(True)
        view = self.view()
        if isinstance(view, QListView):
            view.setUniformItemSizes(True)
        self.lineEdit().setPlaceholderText(NONE_TEXT)
        self._value: str | None = None
        self._mixed = False
        self.activated.connect(self._activated)
        self.lineEdit().editingFinished.connect(self._finished)
        self.lineEdit().textEdited.connect(self._edited)

    def showPopup(self) -> None:  # noqa: N802
        self.list.ensure()
        super().showPopup()
        # The list opens on the current value (set here, not on every refresh: cheaper).
        row = self.list.row_of(self._value) if not self._mixed else 0
        if row >= 0:
            self.view().setCurrentIndex(self.list.index(row, 0))
            self.view().scrollTo(self.list.index(row, 0))

    @property
    def value(self) -> str | None:
        return self._value

    def set_value(self, id_: str | None, mixed: bool = False) -> None:
        """Show ``id_`` (or "mixed" when several selected entities differ)."""
        self.list.ensure()
        self._value = None if mixed else (id_ or None)
        self._mixed = mixed
        self.blockSignals(True)
        if self.currentIndex() != -1:
            self.setCurrentIndex(-1)
        self.lineEdit().setPlaceholderText(MIXED if mixed else NONE_TEXT)
        # Only the text is set: selecting the row would make the views walk a long list.
        self.setEditText(self.shown_text())
        self.blockSignals(False)

    def shown_text(self) -> str:
        if self._mixed:
            return ""
        row = self.list.row_of(self._value)
        if row == 0:
            return ""
        if row < 0:
            return f"{self._value} (missing)"
        return self.list.text_at(row)

    def _edited(self, text: str) -> None:
        if not text.strip() or self.list.find(text) is not None:
            self.refused.emit("")

    def _activated(self, row: int) -> None:
        self._choose(self.list.id_at(row))

    def _finished(self) -> None:
        text = self.currentText().strip()
        if text == self.shown_text() or (not text and self._mixed):
            return
        if not text or text == NONE_TEXT:
            self._choose(None)
            return
        id_ = self.list.find(text)
        if id_ is None:
            self.refused.emit(f"There is no {self.kind} called \u201c{text}\u201d")
            return
        self._choose(id_)

    def _choose(self, id_: str | None) -> None:
        if id_ == self._value and not self._mixed:
            self.set_value(id_)  # put back the canonical label
            return
        self.picked.emit(id_)


class LevelPicker(QComboBox):
    """A level code from the role's career ladder, typed or chosen; checked as it is typed."""

    picked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._value: str | None = None
        self._mixed = False
        self.activated.connect(lambda _row: self._finish())
        self.lineEdit().editingFinished.connect(self._finish)
        self.check: Callable[[str], str] = lambda _code: ""
        self.lineEdit().textEdited.connect(self._edited)
        self.row: FieldRow | None = None

    def set_levels(self, levels: Sequence[tuple[str, str]]) -> None:
        """The ladder to offer: (code, title) pairs."""
        self.blockSignals(True)
        self.clear()
        for code, title in levels:
            self.addItem(code)
            if title:
                self.setItemData(self.count() - 1, title, Qt.ItemDataRole.ToolTipRole)
        self.blockSignals(False)

    def set_value(self, code: str | None, mixed: bool = False) -> None:
        self._value = None if mixed else (code or None)
        self._mixed = mixed
        self.blockSignals(True)
        self.setCurrentIndex(-1)
        self.setEditText("" if mixed else (code or ""))
        self.lineEdit().setPlaceholderText(MIXED if mixed else NONE_TEXT)
        self.blockSignals(False)

    def _edited(self, text: str) -> None:
        if self.row is not None:
            self.row.set_error(self.check(text.strip()) if text.strip() else "")

    def _finish(self) -> None:
        text = self.currentText().strip()
        if (text or None) == self._value and not self._mixed:
            return
        if not text and self._mixed:
            return
        self.picked.emit(text or None)


class Section(QLabel):
    """A small bold heading between groups of fields."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        font = self.font()
        font.setBold(True)
        self.setFont(font)
        self.setContentsMargins(0, 8, 0, 2)


def header_label() -> tuple[QLabel, QLabel]:
    """The title and grey subtitle at the top of a form."""
    title = QLabel()
    font = QFont(title.font())
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    title.setFont(font)
    title.setWordWrap(True)
    title.setTextFormat(Qt.TextFormat.PlainText)
    sub = QLabel()
    sub.setStyleSheet(f"color: {HINT_COLOUR};")
    sub.setWordWrap(True)
    sub.setTextFormat(Qt.TextFormat.PlainText)
    return title, sub


def form_layout() -> QFormLayout:
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    form.setVerticalSpacing(6)
    form.setHorizontalSpacing(10)
    return form


def apply_op(controller: DocumentController, op: Op, row: FieldRow | None = None) -> bool:
    """Do ``op`` as one undo step; if it is refused, say why under ``row`` instead."""
    reason = controller.try_do(op)
    if reason is None:
        if row is not None:
            row.set_error("")
        return True
    if row is not None:
        row.set_error(reason[0].upper() + reason[1:])
    else:
        controller.statusMessage.emit(f"Not possible: {reason}")
    return False


def team_members(controller: DocumentController, tid: str) -> list[Person]:
    """A team's members, sorted by name."""
    doc = controller.doc
    people = doc.by_id("person")
    found = [people[i] for i in controller.members(tid)]
    return sorted(found, key=lambda p: (doc.display_name(p).casefold(), p.id))


def split_tags(text: str) -> list[str]:
    """``"berlin, remote ,"`` -> ``["berlin", "remote"]``, duplicates dropped."""
    return list(dict.fromkeys(t.strip() for t in text.split(",") if t.strip()))


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


# -- person and team forms ---------------------------------------------------------------


class _Form(QWidget):
    """Base of the inspector's forms: a header, a form layout and the selection's findings."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.ids: list[str] = []
        self.rows: dict[str, FieldRow] = {}
        self.labels: dict[str, QLabel] = {}
        # Rows added by other modules (inspector_fields): each has load(items, keep_errors).
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


class PersonForm(_Form):
    """One person, or the fields several people share."""

    cost_kind = "person"

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        c = controller
        self.name = QLineEdit()
        self.name.setPlaceholderText("Name (empty for an open position)")
        self.name.editingFinished.connect(self._name_done)
        self.add_row("name", "Name", self.name)

        self.role = EntityPicker(c, "role")
        self.add_row(
            "role",
            "Role",
            self.role,
            "What the position is: its purpose, responsibilities and ladder",
        )
        self.role.picked.connect(lambda v: self._set("role", v))

        self.level = LevelPicker()
        self.level.row = self.add_row(
            "level", "Level", self.level, "A level from the role's career ladder"
        )
        self.level.check = self._level_problem
        self.level.picked.connect(self._level_picked)

        self.function = EntityPicker(c, "function")
        self.add_row(
            "function",
            "Function",
            self.function,
            "The person's craft; leave empty to follow their role's function",
        )
        self.function.picked.connect(lambda v: self._set("function", v))

        self.manager = EntityPicker(c, "person")
        self.add_row(
            "manager",
            "Line manager",
            self.manager,
            "The solid line: in an STO team, the team's owner",
        )
        self.manager.picked.connect(lambda v: self._set("manager", v))

        self.functional_manager = EntityPicker(c, "person")
        self.add_row(
            "functional_manager",
            "Functional manager",
            self.functional_manager,
            "The dotted line: a leader of the person's own craft, who coaches them",
        )
        self.functional_manager.picked.connect(lambda v: self._set("functional_manager", v))

        self.team = EntityPicker(c, "team")
        self.add_row(
            "team",
            "Team",
            self.team,
            "Joining an STO team also makes the person report to its owner",
        )
        self.team.picked.connect(lambda v: self._set("team", v))

        flags = QWidget()
        flags_lay = QVBoxLayout(flags)
        flags_lay.setContentsMargins(0, 0, 0, 0)
        flags_lay.setSpacing(2)
        self.vacant = QCheckBox("Open position (vacancy)")
        self.vacant.clicked.connect(lambda on: self._set("vacant", bool(on)))
        self.embedded = QCheckBox("Embedded exception")
        self.embedded.setToolTip(
            "Sits on the team but reports elsewhere, documented: such as a "
            "principal engineer who reports to the CTO"
        )
        self.embedded.clicked.connect(lambda on: self._set("embedded", bool(on)))
        flags_lay.addWidget(self.vacant)
        flags_lay.addWidget(self.embedded)
        flags_row = self.add_row("flags", "Status", flags)
        self.rows["vacant"] = self.rows["embedded"] = flags_row

        self.tags = QLineEdit()
        self.tags.setPlaceholderText("Comma-separated, e.g. berlin, remote")
        self.tags.editingFinished.connect(self._tags_done)
        self.add_row("tags", "Tags", self.tags)
        for key, picker in (
            ("role", self.role),
            ("function", self.function),
            ("manager", self.manager),
            ("functional_manager", self.functional_manager),
            ("team", self.team),
        ):
            picker.refused.connect(self.rows[key].set_error)

    # -- reading ------------------------------------------------------------------
    def people(self) -> list[Person]:
        return [p for p in (self.doc.person(i) for i in self.ids) if p is not None]

    def load(self, ids: list[str], keep_errors: bool = False) -> None:
        """Fill the fields from the document for the people ``ids``."""
        self.ids = ids
        people = self.people()
        if not people:
            return
        if not keep_errors:
            self.clear_errors()
        single = len(people) == 1
        doc = self.doc
        if single:
            p = people[0]
            self.title.setText(doc.display_name(p))
            kind = "Open position" if p.vacant else "Person"
            self.subtitle.setText(f"{kind} \u00b7 {p.id}")
        else:
            self.title.setText(f"{len(people)} people")
            self.subtitle.setText(
                ", ".join(doc.display_name(p) for p in people[:6])
                + ("\u2026" if len(people) > 6 else "")
                + "\nChanges apply to all of them."
            )
        self.show_row("name", single)

        def same(field: str) -> tuple[Any, bool]:
            values = [getattr(p, field) for p in people]
            first = values[0]
            norm = [tuple(v) if isinstance(v, list) else (v or None) for v in values]
            mixed = any(v != norm[0] for v in norm[1:])
            return first, mixed

        def unless_error(key: str, fill: Callable[[], None]) -> None:
            if not (keep_errors and self.rows[key].has_error):
                fill()

        if single:
            unless_error("name", lambda: show_text(self.name, people[0].name))
        for key, picker in (
            ("role", self.role),
            ("function", self.function),
            ("manager", self.manager),
            ("functional_manager", self.functional_manager),
            ("team", self.team),
        ):
            value, mixed = same(key)
            unless_error(
                key, lambda picker=picker, value=value, mixed=mixed: picker.set_value(value, mixed)
            )
        level, mixed = same("level")
        self.level.set_levels(self._ladder(people))
        unless_error("level", lambda: self.level.set_value(level, mixed))
        for key, box in (("vacant", self.vacant), ("embedded", self.embedded)):
            value, mixed = same(key)
            box.setTristate(mixed)
            box.setCheckState(
                Qt.CheckState.PartiallyChecked
                if mixed
                else Qt.CheckState.Checked
                if value
                else Qt.CheckState.Unchecked
            )
        tags, mixed = same("tags")
        unless_error(
            "tags",
            lambda: (
                show_text(self.tags, "" if mixed else ", ".join(tags)),
                self.tags.setPlaceholderText(MIXED if mixed else "Comma-separated, e.g. berlin"),
            ),
        )
        self._hints(people)
        for extra in self.extras:
            extra.load(people, keep_errors)
        self.show_findings(self.controller.report)

    def _ladder(self, people: list[Person]) -> list[tuple[str, str]]:
        """The levels every selected person's role offers (their common ladder)."""
        ladders = []
        for p in people:
            role = self.doc.role(p.role)
            ladders.append([(lv.code, lv.title) for lv in role.levels] if role else [])
        common = ladders[0]
        for other in ladders[1:]:
            codes = {c for c, _ in other}
            common = [x for x in common if x[0] in codes]
        return common

    def _hints(self, people: list[Person]) -> None:
        doc = self.doc
        if len(people) != 1:
            for row in self.rows.values():
                row.set_hint("")
            return
        p = people[0]
        role = doc.role(p.role)
        level = next((lv for lv in role.levels if lv.code == p.level), None) if role else None
        if role is not None and not role.levels:
            self.rows["level"].set_hint(
                "This role has no career ladder yet (Role library)", warn=True
            )
        elif p.level and role is not None and level is None:
            self.rows["level"].set_hint(
                f"Not on the {role.title or role.id} ladder: "
                + ", ".join(lv.code for lv in role.levels),
                warn=True,
            )
        else:
            self.rows["level"].set_hint(level.title if level and level.title else "")
        fn = doc.function(role.function) if role and role.function else None
        if not p.function and role is not None and role.function:
            self.rows["function"].set_hint(
                f"Follows the role: {fn.name if fn and fn.name else role.function}"
            )
        else:
            self.rows["function"].set_hint("")
        # Say what the validator says (rule switched off, waived or an embedded
        # exception: no warning), not a second opinion worked out here.
        team = doc.team(p.team)
        stray = [
            f
            for f in self.controller.report.about(p.id)
            if f.rule == "STO-REPORTS" and not f.waived and f.severity != "info"
        ]
        if team is not None and team.owner and stray:
            self.rows["manager"].set_hint(
                f"{team.name or team.id} is an STO team: its members report to "
                f"{name_of(doc, 'person', team.owner)}",
                warn=True,
            )
        else:
            self.rows["manager"].set_hint("")

    # -- checking -----------------------------------------------------------------
    def _level_problem(self, code: str, people: list[Person] | None = None) -> str:
        """Why ``code`` cannot be the level of the selected people, or ""."""
        if not code:
            return ""
        doc = self.doc
        for p in people or self.people():
            role = doc.role(p.role)
            who = doc.display_name(p)
            if role is None:
                return f"{who} has no role yet: a level comes from the role's career ladder"
            title = role.title or role.id
            if not role.levels:
                return (
                    f"The {title} role has no career ladder yet: add its levels in the "
                    "Role library first"
                )
            codes = [lv.code for lv in role.levels]
            if code not in codes:
                return f"\u201c{code}\u201d is not on the {title} ladder: {', '.join(codes)}"
        return ""

    # -- writing ------------------------------------------------------------------
    def _who(self) -> tuple[str, list[Person]]:
        people = self.people()
        if len(people) == 1:
            return self.doc.display_name(people[0]), people
        return plural(len(people), "person", "people"), people

    def _label(self, field: str, shown: str) -> str:
        who, people = self._who()
        words = {
            "role": "role",
            "function": "function",
            "level": "level",
            "functional_manager": "functional manager",
            "tags": "tags",
        }[field]
        if len(people) == 1:
            if shown:
                return f"Set {who}'s {words} to {shown}"
            return f"Clear {who}'s {words}"
        if shown:
            return f"Set the {words} of {who} to {shown}"
        return f"Clear the {words} of {who}"

    def _set(self, field: str, value: Any) -> None:
        doc = self.doc
        who, people = self._who()
        if not people:
            return
        ids = [p.id for p in people]
        if field == "manager":
            if len(ids) == 1:
                op = ops.set_manager(doc, ids[0], value)
            else:
                to = name_of(doc, "person", value) if value else "nobody"
                op = ops.Composite(
                    tuple(ops.set_manager(doc, i, value) for i in ids),
                    label=f"{who} report to {to}",
                )
        elif field == "team":
            if len(ids) == 1:
                op = ops.move_to_team(doc, ids[0], value)
            else:
                label = (
                    f"Move {who} to {name_of(doc, 'team', value)}"
                    if value
                    else f"Take {who} off their teams"
                )
                op = ops.Composite(tuple(ops.move_to_team(doc, i, value) for i in ids), label=label)
        elif field in ("vacant", "embedded"):
            word = {
                "vacant": ("an open position", "filled"),
                "embedded": ("embedded", "not embedded"),
            }[field]
            label = f"Mark {who} as {word[0] if value else word[1]}"
            op = ops.Composite(
                tuple(ops.SetField("person", i, field, value) for i in ids), label=label
            )
        else:
            kind = {"role": "role", "function": "function", "functional_manager": "person"}.get(
                field
            )
            shown = name_of(doc, kind, value) if kind and value else (value or "")
            if isinstance(value, list):
                shown = ", ".join(value)
            if field == "functional_manager" and len(ids) == 1:
                op = ops.set_functional_manager(doc, ids[0], value)
            else:
                op = ops.Composite(
                    tuple(ops.SetField("person", i, field, value) for i in ids),
                    label=self._label(field, shown),
                )
        if not self._apply(op, field) and field in ("vacant", "embedded"):
            self.load(self.ids, keep_errors=True)  # put the box back

    def _name_done(self) -> None:
        people = self.people()
        new = self.name.text().strip()
        if len(people) != 1 or new == people[0].name:  # stray spaces are no rename
            return
        p = people[0]
        try:
            ops.validate_value("person", "name", new)
        except ops.OpRefused as exc:
            self.rows["name"].set_error(str(exc))
            return
        old = self.doc.display_name(p)
        label = f"Rename {old} to {new}" if new else f"Clear {old}'s name"
        self._apply(ops.SetField("person", p.id, "name", new, label=label), "name")

    def _level_picked(self, code: str | None) -> None:
        problem = self._level_problem(code or "")
        if problem:
            self.rows["level"].set_error(problem)
            return
        self._set("level", code)

    def _tags_done(self) -> None:
        people = self.people()
        if not people:
            return
        text = self.tags.text()
        if not text.strip() and self.tags.placeholderText() == MIXED:
            return
        tags = split_tags(text)
        if all(p.tags == tags for p in people):
            return
        self._set("tags", tags)


class TeamForm(_Form):
    """One team, or the fields several teams share."""

    cost_kind = "team"

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        c = controller
        self.name = QLineEdit()
        self.name.setPlaceholderText("Team name")
        self.name.editingFinished.connect(self._name_done)
        self.add_row("name", "Name", self.name)

        self.mission = CommitTextEdit(3)
        self.mission.setPlaceholderText("The area this team owns, in one sentence")
        self.mission.editingFinished.connect(self._mission_done)
        self.add_row(
            "mission",
            "Mission",
            self.mission,
            "Its area of ownership; two teams must not share one",
        )

        self.owner = EntityPicker(c, "person")
        self.add_row(
            "owner",
            "Owner",
            self.owner,
            "The single-threaded owner; on an STO team every member reports to them",
        )
        self.owner.picked.connect(self._owner_picked)
        self.owner.refused.connect(self.rows["owner"].set_error)

        self.parent_team = EntityPicker(c, "team")
        self.add_row("parent", "Parent team", self.parent_team)
        self.parent_team.picked.connect(self._parent_picked)
        self.parent_team.refused.connect(self.rows["parent"].set_error)

        self.model = QComboBox()
        for value, text in TEAM_MODELS:
            self.model.addItem(text, value)
        self.model.activated.connect(self._model_picked)
        self.add_row(
            "model",
            "Model",
            self.model,
            "Single-threaded owner: one leader, everyone reports to them. "
            "Three-legged stool: product and design report up their own crafts. "
            "Service team: supplies its craft to the teams it serves",
        )

        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.default_functions = QCheckBox()
        self.default_functions.clicked.connect(self._default_functions_clicked)
        lay.addWidget(self.default_functions)
        self.functions = QListWidget()
        self.functions.setObjectName("requiredFunctions")
        self.functions.itemChanged.connect(self._function_toggled)
        lay.addWidget(self.functions)
        self.add_row(
            "required_functions",
            "Needs",
            box,
            "The functions the team (with its sub-teams) needs to deliver on its own",
        )

        self.members = QLabel()
        self.members.setWordWrap(True)
        self.members.setTextFormat(Qt.TextFormat.PlainText)
        self.add_row("members", "Members", self.members)
        self._loading = False

    def teams(self) -> list[Team]:
        return [t for t in (self.doc.team(i) for i in self.ids) if t is not None]

    def load(self, ids: list[str], keep_errors: bool = False) -> None:
        self.ids = ids
        teams = self.teams()
        if not teams:
            return
        self._loading = True
        if not keep_errors:
            self.clear_errors()
        doc = self.doc
        single = len(teams) == 1
        t = teams[0]
        if single:
            self.title.setText(t.name or t.id)
            self.subtitle.setText(f"Team \u00b7 {t.id} \u00b7 {MODEL_NAMES[doc.model_of(t)]}")
        else:
            self.title.setText(f"{len(teams)} teams")
            self.subtitle.setText(
                ", ".join(x.name or x.id for x in teams[:6])
                + ("\u2026" if len(teams) > 6 else "")
                + "\nChanges apply to all of them."
            )
        for key in ("name", "mission", "owner", "members"):
            self.show_row(key, single)
        if single:
            if not (keep_errors and self.rows["name"].has_error):
                show_text(self.name, t.name)
            self.mission.set_text(t.mission)
            if not (keep_errors and self.rows["owner"].has_error):
                self.owner.set_value(t.owner)
            members = team_members(self.controller, t.id)
            names = ", ".join(doc.display_name(p) for p in members[:12])
            more = f" and {len(members) - 12} more" if len(members) > 12 else ""
            self.members.setText(
                f"{plural(len(members), 'person', 'people')}"
                + (
                    f": {names}{more}"
                    if members
                    else " (set a person's team, or drop people on the team)"
                )
            )
        parents = {x.parent or None for x in teams}
        if not (keep_errors and self.rows["parent"].has_error):
            self.parent_team.set_value(t.parent, mixed=len(parents) > 1)
        models = {x.model for x in teams}
        if len(models) == 1:
            self.model.setCurrentIndex([v for v, _ in TEAM_MODELS].index(t.model))
        else:
            self.model.setCurrentIndex(-1)
        self.model.setItemText(0, f"Default ({MODEL_SHORT[doc.default_team_model]})")
        self.model.setItemData(
            0,
            f"The document's default: {MODEL_NAMES[doc.default_team_model]}",
            Qt.ItemDataRole.ToolTipRole,
        )
        self._load_functions(teams)
        for extra in self.extras:
            extra.load(teams, keep_errors)
        self._loading = False
        self.show_findings(self.controller.report)

    def _load_functions(self, teams: list[Team]) -> None:
        doc = self.doc
        default = list(effective_params(doc.rules)["required_functions"])
        names = ", ".join(name_of(doc, "function", f) for f in default) or "none"
        values = {
            tuple(x.required_functions) if x.required_functions is not None else None for x in teams
        }
        mixed = len(values) > 1
        current = teams[0].required_functions
        uses_default = current is None and not mixed
        self.default_functions.setText(f"The rule's default: {names}")
        self.default_functions.setTristate(mixed)
        self.default_functions.setCheckState(
            Qt.CheckState.PartiallyChecked
            if mixed
            else Qt.CheckState.Checked
            if uses_default
            else Qt.CheckState.Unchecked
        )
        shown = default if current is None else current
        self.functions.blockSignals(True)
        self.functions.clear()
        ids = [f.id for f in doc.functions] + [f for f in shown if doc.function(f) is None]
        for fid in ids:
            item = QListWidgetItem(name_of(doc, "function", fid))
            item.setData(ID_ROLE, fid)
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(
                Qt.CheckState.Checked if fid in shown and not mixed else Qt.CheckState.Unchecked
            )
            self.functions.addItem(item)
        self.functions.setEnabled(not uses_default and not mixed)
        rows = max(1, min(len(ids), 6))
        self.functions.setFixedHeight(self.functions.sizeHintForRow(0) * rows + 6 if ids else 28)
        self.functions.blockSignals(False)
        if not doc.functions:
            self.rows["required_functions"].set_hint(
                "Add functions in the Functions panel to choose among them"
            )
        else:
            self.rows["required_functions"].set_hint("")

    # -- writing ------------------------------------------------------------------
    def _each(self, field: str, value: Any, label: str) -> None:
        op = ops.Composite(
            tuple(ops.SetField("team", t.id, field, value) for t in self.teams()), label=label
        )
        self._apply(op, field)

    def _who(self) -> str:
        teams = self.teams()
        return (teams[0].name or teams[0].id) if len(teams) == 1 else f"{len(teams)} teams"

    def _name_done(self) -> None:
        teams = self.teams()
        if len(teams) != 1 or self.name.text().strip() == teams[0].name:
            return
        new = self.name.text().strip()
        self._each(
            "name",
            new,
            f"Rename team {self._who()} to {new}"
            if new
            else f"Clear the name of team {self._who()}",
        )

    def _mission_done(self) -> None:
        teams = self.teams()
        if len(teams) != 1:
            return
        new = self.mission.toPlainText().strip()
        if new == teams[0].mission:
            return
        self._each(
            "mission",
            new,
            f"Set the mission of {self._who()}" if new else f"Clear the mission of {self._who()}",
        )

    def _owner_picked(self, person: str | None) -> None:
        teams = self.teams()
        if len(teams) != 1:
            return
        t = teams[0]
        if person:
            p = self.doc.person(person)
            if p is not None and p.vacant:
                self.rows["owner"].set_error(
                    f"{self.doc.display_name(p)} is an open position: an owner must be a person"
                )
                return
            op: Op = ops.make_owner(self.doc, t.id, person)
        else:
            op = ops.SetField(
                "team", t.id, "owner", None, label=f"Leave {self._who()} without an owner"
            )
        self._apply(op, "owner")

    def _parent_picked(self, parent: str | None) -> None:
        doc = self.doc
        teams = self.teams()
        if len(teams) == 1:
            op = ops.set_parent_team(doc, teams[0].id, parent)
        else:
            label = (
                f"Move {len(teams)} teams under {name_of(doc, 'team', parent)}"
                if parent
                else f"Make {len(teams)} teams top-level"
            )
            op = ops.Composite(
                tuple(ops.set_parent_team(doc, t.id, parent) for t in teams), label=label
            )
        self._apply(op, "parent")

    def _model_picked(self, row: int) -> None:
        value = self.model.itemData(row)
        teams = self.teams()
        if all(t.model == value for t in teams):
            return
        doc = self.doc
        if len(teams) == 1:
            op = ops.set_team_model(doc, teams[0].id, value)
        else:
            shown = MODEL_NAMES.get(value or "", "the default model").lower()
            op = ops.Composite(
                tuple(ops.set_team_model(doc, t.id, value) for t in teams),
                label=f"Make {len(teams)} teams {shown}",
            )
        self._apply(op, "model")

    def _default_functions_clicked(self, on: bool) -> None:
        if on:
            self._each("required_functions", None, f"{self._who()} needs the default functions")
        else:
            default = list(effective_params(self.doc.rules)["required_functions"])
            self._each("required_functions", default, f"Choose the functions {self._who()} needs")

    def _function_toggled(self, _item: QListWidgetItem) -> None:
        if self._loading:
            return
        chosen = [
            self.functions.item(i).data(ID_ROLE)
            for i in range(self.functions.count())
            if self.functions.item(i).checkState() == Qt.CheckState.Checked
        ]
        names = ", ".join(name_of(self.doc, "function", f) for f in chosen) or "no function"
        self._each("required_functions", chosen, f"{self._who()} needs {names}")


class DocumentForm(_Form):
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


class _Note(QWidget):
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


class Inspector(QWidget):
    """The inspector dock's contents: a form for whatever is selected."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspector")
        self.controller = controller
        self.stack = QStackedWidget()
        self.document_form = DocumentForm(controller)
        self.person_form = PersonForm(controller)
        self.team_form = TeamForm(controller)
        self.note = _Note()
        self._role_editor: QWidget | None = None
        self._function_editor: QWidget | None = None
        # Each form scrolls on its own, so a long form never adds a scroll bar to a short one.
        self._scrolls: dict[QWidget, QScrollArea] = {}
        for w in (self.document_form, self.person_form, self.team_form, self.note):
            self._add_page(w)
        from .inspector_fields import install

        install(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.stack)
        self.mode = "document"
        self._stale = False
        self._ids: list[str] = []
        controller.selectionChanged.connect(self._selection_changed)
        controller.changed.connect(self._doc_changed)
        controller.documentReplaced.connect(self._replaced)
        self._show(controller.selection)

    # -- lazily built editors from the role library and functions panel ---------------
    @property
    def role_editor(self):
        if self._role_editor is None:
            from .role_library import RoleEditor

            self._role_editor = RoleEditor(self.controller)
            self._add_page(self._role_editor)
        return self._role_editor

    @property
    def function_editor(self):
        if self._function_editor is None:
            from .functions_panel import FunctionEditor

            self._function_editor = FunctionEditor(self.controller)
            self._add_page(self._function_editor)
        return self._function_editor

    def _add_page(self, page: QWidget) -> None:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(page)
        self._scrolls[page] = scroll
        self.stack.addWidget(scroll)

    def current_form(self) -> QWidget:
        return self.stack.currentWidget().widget()

    def _switch(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(self._scrolls[page])

    # -- following the controller -------------------------------------------------------
    def _selection_changed(self, ids: list[str]) -> None:
        self._flush()
        self._show(ids)

    def _flush(self) -> None:
        """Commit a half-typed field to what it was typed for, before the form moves on."""
        focus = self.focusWidget()
        if isinstance(focus, CommitTextEdit):
            focus.commit()
        elif isinstance(focus, QLineEdit) and focus.isModified():
            focus.setModified(False)
            focus.editingFinished.emit()

    def _replaced(self) -> None:
        self._show(self.controller.selection)

    def _doc_changed(self, changes: list[Change]) -> None:
        if all(c.kind == "view" for c in changes):
            return
        if not self.isVisible():  # a closed dock catches up when it is shown again
            self._stale = True
            return
        self._show(self.controller.selection, keep_errors=True)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self._show(self.controller.selection, keep_errors=True)

    def _show(self, ids: list[str], keep_errors: bool = False) -> None:
        doc = self.controller.doc
        kinds: dict[str, list[str]] = {}
        for i in ids:
            for kind in ("person", "team", "role", "function"):
                if doc.get(kind, i) is not None:
                    kinds.setdefault(kind, []).append(i)
                    break
        keep = keep_errors and ids == self._ids
        self._ids = list(ids)
        self._stale = False
        if not kinds:
            self.mode = "document"
            self.document_form.load([], keep)
            self._switch(self.document_form)
        elif len(kinds) > 1:
            self.mode = "mixed"
            counts = ", ".join(
                plural(len(v), k, "people" if k == "person" else None) for k, v in kinds.items()
            )
            self.note.label.setText(
                f"Selected: {counts}.\n\nSelect only people, or only teams, to edit the "
                "fields they share."
            )
            self._switch(self.note)
        elif "person" in kinds:
            self.mode = "person"
            self.person_form.load(kinds["person"], keep)
            self._switch(self.person_form)
        elif "team" in kinds:
            self.mode = "team"
            self.team_form.load(kinds["team"], keep)
            self._switch(self.team_form)
        elif "role" in kinds:
            self.mode = "role"
            editor = self.role_editor
            editor.load(kinds["role"][0], keep)
            self._switch(editor)
        else:
            self.mode = "function"
            editor = self.function_editor
            editor.load(kinds["function"][0], keep)
            self._switch(editor)
