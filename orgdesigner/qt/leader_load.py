"""Leader load in the figures panel: the busiest leaders and how many are above the limit.

A leader's load counts the people they lead on both lines and the "second
job" they carry for a craft (see :mod:`orgdesigner.core.measures`). The section
lists the highest loads, each with its four parts on hover; a click selects
the person (the inspector then shows the parts too). It is computed in one pass and, on a large organisation, only
once edits pause, and not at all while hidden.
"""

from __future__ import annotations

import heapq
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from ..core.measures import LeaderLoad, leader_loads
from ..core.rules import effective_params
from .deferred import DeferredRefresh
from .document import DocumentController
from .fields import HINT_COLOUR, Section

TOP = 3
OVER_COLOUR = "#b45309"


class LeaderLoadSection(QWidget):
    """The highest leader loads and the number above ``leader_load_max``."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leaderLoadSection")
        self.controller = controller
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(3)
        title = Section("Leader load")
        title.setToolTip(
            "Direct reports + people coached who are not direct reports + standards "
            "owned + teams owned beyond the first"
        )
        lay.addWidget(title)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(3)
        grid.setColumnStretch(0, 1)
        self.over_label = QLabel("Above the limit")
        self.over = QLabel("\u2013")
        self.over.setObjectName("figure_leader_load_over")
        self.over.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        font = self.over.font()
        font.setBold(True)
        self.over.setFont(font)
        grid.addWidget(self.over_label, 0, 0)
        grid.addWidget(self.over, 0, 1)
        # The highest loads, one line each: the parts on hover, a click selects the person.
        self.rows: list[tuple[QLabel, QLabel]] = []
        for r in range(TOP):
            name = QLabel()
            name.setTextFormat(Qt.TextFormat.RichText)
            name.linkActivated.connect(self._link)
            value = QLabel()
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(name, r + 1, 0)
            grid.addWidget(value, r + 1, 1)
            self.rows.append((name, value))
        lay.addLayout(grid)
        self.top = QLabel()
        self.top.setObjectName("leaderLoadNone")
        self.top.setStyleSheet(f"color: {HINT_COLOUR};")
        lay.addWidget(self.top)
        self.loads: list[tuple[str, LeaderLoad]] = []
        self.limit = 15
        self._deferred = DeferredRefresh(self, self.refresh, lambda: len(controller.doc.people))
        controller.findingsChanged.connect(lambda _r: self._deferred.later())
        controller.documentReplaced.connect(self._deferred.later)
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._deferred.shown()

    def refresh(self) -> None:
        """Recompute every load (one pass) and show the highest."""
        self._deferred.done()
        doc = self.controller.doc
        limit = effective_params(doc.rules).get("leader_load_max", 15)
        self.limit = int(limit) if limit is not None else 15
        loads = leader_loads(doc)
        people = doc.by_id("person")
        ranked = heapq.nsmallest(
            TOP,
            loads.items(),
            key=lambda kv: (-kv[1].total, doc.display_name(people[kv[0]]).casefold(), kv[0]),
        )
        self.loads = ranked
        over = sum(1 for load in loads.values() if load.total > self.limit)
        self.over_label.setText(f"Above the limit ({self.limit})")
        self.over.setText(str(over))
        self.over.setStyleSheet(f"color: {OVER_COLOUR};" if over else "")
        self.top.setText("" if ranked else "Nobody leads anyone yet.")
        self.top.setVisible(not ranked)
        for i, (name, value) in enumerate(self.rows):
            if i >= len(ranked):
                name.hide()
                value.hide()
                continue
            pid, load = ranked[i]
            shown = escape(doc.display_name(people[pid]))
            name.setText(f"<a href='person:{escape(pid, quote=True)}'>{shown}</a>")
            value.setText(f"<b>{load.total}</b>")
            over = load.total > self.limit
            value.setStyleSheet(f"color: {OVER_COLOUR};" if over else "")
            tip = f"{doc.display_name(people[pid])}: {load.describe()}. Click to select."
            name.setToolTip(tip)
            value.setToolTip(tip)
            name.show()
            value.show()

    def highest(self) -> list[tuple[str, int]]:
        """(person ID, load) of the leaders listed, highest first."""
        return [(pid, load.total) for pid, load in self.loads[:TOP]]

    def _link(self, href: str) -> None:
        if href.startswith("person:"):
            self.controller.select([href[len("person:") :]])
