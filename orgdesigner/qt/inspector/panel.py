"""The inspector: edit the selected people, teams, role or function, one undo step per edit.

The inspector never keeps its own copy of the document: every field is filled
from ``controller.doc`` when the selection or the document changes, and every
edit becomes one core operation handed to ``controller.do``. A value the
document would refuse (a level that is not on the role's ladder, a manager that
would make a loop, a person who does not exist) is shown under its field in red
and the document is left as it was.

With several people (or several teams) selected, only the fields they can
share are shown; a field whose values differ shows "mixed" until it is set.

"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QLineEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.ops import Change
from ..document import DocumentController
from ..fields import CommitTextEdit, plural
from ..functions_panel import FunctionEditor
from ..role_library import RoleEditor
from .base import Note
from .document_form import DocumentForm
from .extras import install as install_extras
from .person import PersonForm
from .team import TeamForm


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
        self.note = Note()
        self._role_editor: QWidget | None = None
        self._function_editor: QWidget | None = None
        # Each form scrolls on its own, so a long form never adds a scroll bar to a short one.
        self._scrolls: dict[QWidget, QScrollArea] = {}
        for w in (self.document_form, self.person_form, self.team_form, self.note):
            self._add_page(w)
        install_extras(self)
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
            self._role_editor = RoleEditor(self.controller)
            self._add_page(self._role_editor)
        return self._role_editor

    @property
    def function_editor(self):
        if self._function_editor is None:
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
