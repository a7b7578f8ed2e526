"""The main window's way around a large chart: folding to a level, one more level of a
branch, the focus on one branch and back up, zoom to the selection and the editable
zoom box. The decisions (what to fold) are the core's (:mod:`orgdesigner.core.folding`);
each fold is one undo step through the controller.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit

from ..core import folding
from ..core.chart import ancestors

MAX_LEVEL = 6  # Expand to level 1..MAX_LEVEL in the View menu


class NavigateMixin:
    """Methods of :class:`MainWindow` (``self`` is the window)."""

    controller: Any
    scene: Any
    canvas: Any

    def _fold_result(self, op, nothing: str) -> None:
        if op is None:
            self.statusBar().showMessage(nothing, 3000)  # type: ignore[attr-defined]
            return
        self.controller.do(op)
        self.canvas.show_start()

    def collapse_all(self) -> None:
        """Fold the chart to its top level."""
        self.expand_to_level(1)

    def expand_to_level(self, level: int) -> None:
        """Show levels 1 to ``level`` of the current view (1: only the top), fold the rest."""
        view = self.scene.view_name
        op = folding.to_depth(self.controller.doc, view, level - 1, f"Show {level} levels")
        self._fold_result(op, f"Already showing {level} levels")

    def expand_more(self) -> None:
        """The selected card's branch shows one more level."""
        sel = self.controller.selection
        item = self.scene.card_for(sel[-1]) if sel else None
        if item is None:
            self.statusBar().showMessage("Select a card to unfold its branch", 3000)  # type: ignore[attr-defined]
            return
        id_ = self.scene.entity_of(item.id)
        op = folding.one_more_level(
            self.controller.doc,
            self.scene.view_name,
            id_,
            f"Expand {self.scene.name(id_)} one more level",
        )
        if op is None:
            self.statusBar().showMessage("Nothing more is folded in this branch", 3000)  # type: ignore[attr-defined]
            return
        self.controller.do(op)

    def focus_branch(self) -> None:
        """Show only the selected card's branch, with its managers in a breadcrumb."""
        sel = self.controller.selection
        item = self.scene.card_for(sel[-1]) if sel else None
        if item is None or self.scene.view_name == "functions":
            self.statusBar().showMessage(  # type: ignore[attr-defined]
                "Select a person (People view) or a team (Teams view) to focus on", 4000
            )
            return
        self.focus_on(self.scene.entity_of(item.id))

    def focus_on(self, id_: str | None) -> None:
        """Show the branch under ``id_`` alone (None: the whole chart); a folded top is unfolded."""
        self.scene.set_focus(id_)
        if id_ is not None and id_ in self.controller.doc.view.collapsed:
            op = folding.one_more_level(
                self.controller.doc, self.scene.view_name, id_, f"Expand {self.scene.name(id_)}"
            )
            if op is not None:
                self.controller.do(op)
        self.canvas.show_start()
        if id_ is None:
            for s in self.controller.selection:
                if self.canvas.centre_on(s):
                    break

    def focus_up(self) -> None:
        """Step the focus up to the manager (or parent team) of the focused branch."""
        focus = self.scene.focus
        if focus is None:
            self.statusBar().showMessage("The whole chart is shown", 3000)  # type: ignore[attr-defined]
            return
        chain = ancestors(self.controller.doc, self.scene.view_name, focus)
        self.focus_on(chain[-1] if chain else None)

    def zoom_to_selection(self) -> None:
        if not self.canvas.zoom_to(list(self.controller.selection)):
            self.statusBar().showMessage("Nothing selected is shown in this view", 3000)  # type: ignore[attr-defined]

    # -- the zoom box ----------------------------------------------------------------------
    def _zoom_typed(self) -> None:
        box: QLineEdit = self.zoom_label  # type: ignore[attr-defined]
        text = box.text().strip().rstrip("%").strip().replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            value = 0.0
        if value > 0:
            self.canvas.set_zoom(value / 100.0)
        self._show_zoom(self.canvas.zoom())
        self.canvas.setFocus()

    def _show_zoom(self, z: float) -> None:
        self.zoom_label.setText(f"{z * 100:.0f}%" if z >= 0.01 else f"{z * 100:.1f}%")  # type: ignore[attr-defined]
