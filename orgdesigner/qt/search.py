"""Find (Ctrl+F): people, teams, roles and functions by name, ID, title, mission or tag.

:func:`find` is the plain search; :class:`SearchPanel` is the box that drops
down over the top of the window. Choosing a result selects it (so the
inspector shows it) and asks the canvas to centre on it.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGraphicsDropShadowEffect,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.model import Document
from .document import DocumentController
from .fields import HINT_COLOUR, ID_ROLE

IMMEDIATE_LIMIT = 5000
KIND_ORDER = {"person": 0, "team": 1, "role": 2, "function": 3}
KIND_LABEL = {"person": "Person", "team": "Team", "role": "Role", "function": "Function"}


@dataclass(frozen=True)
class Hit:
    """One search result: what it is, its ID, how it is shown and a line of detail."""

    kind: str
    id: str
    text: str
    detail: str
    rank: int


def _rank(query: str, name: str, others: str) -> int | None:
    """0 name starts with the query, 1 a word of it does, 2 it contains it, 3 another field does.

    ``name`` and ``others`` are already case-folded.
    """
    if query in name:
        if name.startswith(query):
            return 0
        if f" {query}" in name:
            return 1
        return 2
    if query in others:
        return 3
    return None


def find(
    doc: Document,
    query: str,
    limit: int = 50,
    controller: DocumentController | None = None,
) -> list[Hit]:
    """The entities matching ``query`` (case-insensitive), best first, at most ``limit``.

    With the ``controller`` of ``doc``, a role's holders are counted from its live
    index rather than by a pass over everyone.

    One pass over the document keeping only the best ``limit``; the details
    shown are worked out for those alone, so a keystroke stays quick on tens
    of thousands of people.
    """
    q = query.strip().casefold()
    if not q:
        return []
    found: list[tuple[int, int, str, str, str, str]] = []  # rank, kind, folded, id, kind, text
    role_folded = {r.id: (r.title or r.id).casefold() for r in doc.roles}
    for p in doc.people:
        name = p.name or doc.display_name(p)
        folded = name.casefold()
        others = (
            ""
            if q in folded
            else f"{p.id} {role_folded.get(p.role or '', '')} {' '.join(p.tags)}".casefold()
        )
        r = _rank(q, folded, others)
        if r is not None:
            found.append((r, 0, folded, p.id, "person", name))
    for kind, items in (("team", doc.teams), ("role", doc.roles), ("function", doc.functions)):
        for e in items:
            text = (getattr(e, "title", None) if kind == "role" else e.name) or e.id
            extra = f"{e.id} {e.mission}" if kind == "team" else e.id
            r = _rank(q, text.casefold(), extra.casefold())
            if r is not None:
                found.append((r, KIND_ORDER[kind], text.casefold(), e.id, kind, text))
    best = heapq.nsmallest(limit, found)
    held: dict[str, int] = {}
    roles = [b[3] for b in best if b[4] == "role"]
    if roles and controller is not None:
        held = {rid: len(controller.role_holders(rid)) for rid in roles}
    elif roles:
        for p in doc.people:
            if p.role:
                held[p.role] = held.get(p.role, 0) + 1
    return [
        Hit(kind, id_, text, _detail(doc, kind, id_, held), rank)
        for rank, _k, _f, id_, kind, text in best
    ]


def _detail(doc: Document, kind: str, id_: str, held: dict[str, int]) -> str:
    """The grey line beside a result: role and team, mission, holders or leader."""
    if kind == "person":
        p = doc.person(id_)
        role = doc.role(p.role) if p else None
        team = doc.team(p.team) if p else None
        return " \u00b7 ".join(
            x
            for x in (
                (role.title or role.id) if role else "",
                (team.name or team.id) if team else "",
            )
            if x
        )
    if kind == "team":
        t = doc.team(id_)
        return t.mission if t else ""
    if kind == "role":
        n = held.get(id_, 0)
        return f"held by {n}" if n else "not held yet"
    f = doc.function(id_)
    leader = doc.person(f.leader) if f else None
    return f"led by {doc.display_name(leader)}" if leader else "no leader"


class SearchPanel(QFrame):
    """A find box with its results, floating over the top of its parent window.

    Type to search; Up/Down move through the results; Enter (or a click)
    chooses one; Escape closes. ``chosen`` carries (kind, ID).
    """

    chosen = Signal(str, str)

    def __init__(
        self,
        controller: DocumentController,
        parent: QWidget,
        centre: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self.controller = controller
        self.centre = centre
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        shadow = QGraphicsDropShadowEffect(self)
        shadow.setBlurRadius(18)
        shadow.setOffset(0, 3)
        self.setGraphicsEffect(shadow)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.setSpacing(6)
        self.edit = QLineEdit()
        self.edit.setObjectName("searchEdit")
        self.edit.setPlaceholderText("Find people, teams, roles, functions\u2026")
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self._typed)
        self.edit.installEventFilter(self)
        lay.addWidget(self.edit)
        self.results = QTreeWidget()
        self.results.setObjectName("searchResults")
        self.results.setColumnCount(2)
        self.results.setHeaderHidden(True)
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.results.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.results.itemActivated.connect(self._activated)
        self.results.itemClicked.connect(self._activated)
        lay.addWidget(self.results)
        self.status = QLabel()
        self.status.setStyleSheet(f"color: {HINT_COLOUR};")
        lay.addWidget(self.status)
        self.hits: list[Hit] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(lambda: self.search(self.edit.text()))
        self.hide()
        parent.installEventFilter(self)
        controller.documentReplaced.connect(lambda: self.search(self.edit.text()))

    # -- showing ------------------------------------------------------------------------------
    def open(self) -> None:
        """Show the box over the top of the window, with its text selected."""
        self._place()
        self.show()
        self.raise_()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        self.search(self.edit.text())

    def close_panel(self) -> None:
        self.hide()
        parent = self.parentWidget()
        if parent is not None:
            parent.setFocus()

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        width = min(560, max(320, parent.width() - 40))
        top = 8
        menu_bar = getattr(parent, "menuBar", None)
        if callable(menu_bar) and menu_bar() is not None and menu_bar().isVisible():
            top += menu_bar().height()
        self.setGeometry((parent.width() - width) // 2, top, width, self._height())

    def _height(self) -> int:
        """Tall enough for the results (up to 12 rows, and never past the window)."""
        rows = max(1, min(self.results.topLevelItemCount(), 12))
        row_h = self.results.sizeHintForRow(0) if self.results.topLevelItemCount() else 20
        list_h = rows * max(row_h, 18) + 2 * self.results.frameWidth() + 4
        self.results.setFixedHeight(list_h)
        lay = self.layout()
        m = lay.contentsMargins()
        wanted = (
            m.top()
            + m.bottom()
            + self.edit.sizeHint().height()
            + list_h
            + self.status.sizeHint().height()
            + 2 * lay.spacing()
        )
        parent = self.parentWidget()
        return min(wanted, parent.height() - 40) if parent is not None else wanted

    def _fit(self) -> None:
        if self.isVisible():
            self._place()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        if obj is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self._move(key)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.choose_current()
                return True
            if key == Qt.Key.Key_Escape:
                self.close_panel()
                return True
        return super().eventFilter(obj, event)

    def _move(self, key: int) -> None:
        n = self.results.topLevelItemCount()
        if not n:
            return
        step = {
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_PageDown: 8,
            Qt.Key.Key_PageUp: -8,
        }[Qt.Key(key)]
        current = self.results.currentItem()
        row = self.results.indexOfTopLevelItem(current) if current is not None else -1
        self.results.setCurrentItem(self.results.topLevelItem(max(0, min(n - 1, row + step))))

    # -- searching ----------------------------------------------------------------------------
    def _typed(self, text: str) -> None:
        # A large organisation is searched when typing pauses, not on every key.
        if len(self.controller.doc.people) > IMMEDIATE_LIMIT:
            self._timer.start()
        else:
            self.search(text)

    def search(self, text: str) -> list[Hit]:
        """Fill the results for ``text``; the first is current, so Enter takes it."""
        self.hits = find(self.controller.doc, text, controller=self.controller)
        self.results.clear()
        quiet = QBrush(self.palette().placeholderText())
        for h in self.hits:
            detail = KIND_LABEL[h.kind] + (f" \u00b7 {h.detail}" if h.detail else "")
            item = QTreeWidgetItem([h.text, detail])
            item.setData(0, ID_ROLE, (h.kind, h.id))
            item.setForeground(1, quiet)
            item.setToolTip(0, f"{KIND_LABEL[h.kind]} {h.id}")
            item.setToolTip(1, detail)
            self.results.addTopLevelItem(item)
        if self.hits:
            self.results.setCurrentItem(self.results.topLevelItem(0))
            self.results.resizeColumnToContents(0)
            self.results.setColumnWidth(
                0, min(self.results.columnWidth(0) + 16, self.results.width() // 2)
            )
        self._fit()
        if not text.strip():
            self.status.setText(
                "Type a name, title, ID, mission or tag. Enter selects and centres it; Esc closes."
            )
        elif not self.hits:
            self.status.setText(f"Nothing matches \u201c{text.strip()}\u201d.")
        else:
            more = " (first 50)" if len(self.hits) >= 50 else ""
            self.status.setText(f"{len(self.hits)} found{more}. Enter selects and centres.")
        return self.hits

    def choose_current(self) -> bool:
        if self._timer.isActive():  # Enter before the pause: search now
            self._timer.stop()
            self.search(self.edit.text())
        item = self.results.currentItem()
        if item is None:
            return False
        self._activated(item, 0)
        return True

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        kind, id_ = item.data(0, ID_ROLE)
        self.choose(kind, id_)

    def choose(self, kind: str, id_: str) -> None:
        """Select ``id_`` and centre the canvas on it (people and teams are drawn there)."""
        self.controller.select([id_])
        if self.centre is not None and kind in ("person", "team"):
            self.centre(id_)
        self.chosen.emit(kind, id_)
        self.close_panel()
