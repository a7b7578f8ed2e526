"""Field widgets shared by the inspector, the role library, the functions panel and the
rule settings: a row with its error line, a text box that commits on leaving it, a
picker of people, teams, roles or functions by name, a level picker, section
headings, and :func:`apply_op`, which does an edit or says under the field why not.
"""

from __future__ import annotations

import bisect
import weakref
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..core import edits
from ..core.model import Document, Person
from ..core.ops import Change, Op
from .document import DocumentController
from .tips import plain_tip

ERROR_COLOUR = "#b91c1c"
WARN_COLOUR = "#b45309"
HINT_COLOUR = "palette(placeholder-text)"
ID_ROLE = Qt.ItemDataRole.UserRole + 1
MIXED = "(mixed)"
NONE_TEXT = "(none)"

# -- shared field widgets -------------------------------------------------------------


def show_text(edit: QLineEdit, text: str) -> None:
    """Fill a line edit so it shows the start of the text, not its end."""
    edit.setText(text)
    edit.setCursorPosition(0)


class FieldRow(QWidget):
    """An editor with a red line for the reason a value was refused and a grey hint line.

    Escape in a field showing a refusal puts the document's value back: the nearest
    form above the row (a widget with ``reload_fields()``) reloads it.
    """

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        editor.installEventFilter(self)
        line = editor.lineEdit() if isinstance(editor, QComboBox) else None
        if line is not None:
            line.installEventFilter(self)
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

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.has_error
        ):
            self.revert()
            return True
        return False

    def revert(self) -> None:
        """Forget the refused value: the field shows the document's value again."""
        self.set_error("")
        form = self.parentWidget()
        while form is not None and not callable(getattr(form, "reload_fields", None)):
            form = form.parentWidget()
        if form is not None:
            form.reload_fields()  # type: ignore[attr-defined]
        if isinstance(self.editor, QLineEdit):
            self.editor.setModified(False)


class CommitTextEdit(QPlainTextEdit):
    """A multi-line field that reports ``editingFinished`` when it loses focus after a change."""

    editingFinished = Signal()

    def __init__(
        self, lines: int = 3, parent: QWidget | None = None, *, grow: bool = False
    ) -> None:
        """``lines`` tall; with ``grow``, as tall as its text (no scroll bar of its own,
        for forms that scroll as a whole)."""
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._lines = lines
        self.setFixedHeight(self._height_for(lines))
        if grow:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.document().documentLayout().documentSizeChanged.connect(self._grow)
        self._dirty = False
        self.textChanged.connect(self._mark)
        self._loading = False

    def _height_for(self, lines: int) -> int:
        return self.fontMetrics().lineSpacing() * lines + 14

    def _grow(self, size) -> None:
        # A plain text document measures its height in lines (wrapped lines included).
        self.setFixedHeight(self._height_for(max(self._lines, int(size.height()))))

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
    return doc.entity_name(kind, entity.id)


def name_of(doc: Document, kind: str, id_: str | None) -> str:
    """The label of ``id_``, or the ID itself when it refers to nothing."""
    return doc.entity_name(kind, id_) if id_ else "none"


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


plural = edits.plural


# -- questions the panels ask ------------------------------------------------------------------


def ask_yes(parent: QWidget, title: str, text: str) -> bool:
    """A Yes / Cancel question, Cancel by default; True for Yes."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_line(parent: QWidget, title: str, prompt: str) -> str | None:
    """One line of text, trimmed; None when cancelled or left empty."""
    text, ok = QInputDialog.getText(parent, title, prompt)
    return text.strip() if ok and text.strip() else None
