"""Panels that work out their content from the whole document, only when it is seen.

A panel in a tab behind another does no work on an edit; it is marked stale and
refreshed when shown. A shown panel refreshes at once for a small organisation
and after a short pause for a large one, so a run of edits costs one refresh.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

# Up to this many people a shown panel refreshes at once after every edit.
IMMEDIATE_LIMIT = 3000


class DeferredRefresh:
    """Calls ``refresh`` when ``widget`` needs it: see the module notes.

    The panel calls :meth:`later` when the document changed, :meth:`shown` from its
    ``showEvent``, and :meth:`done` at the start of its refresh.
    """

    def __init__(
        self,
        widget: QWidget,
        refresh: Callable[[], None],
        people: Callable[[], int],
        pause_ms: int = 300,
    ) -> None:
        self.widget = widget
        self.refresh = refresh
        self.people = people
        self.stale = True
        self.timer = QTimer(widget)
        self.timer.setSingleShot(True)
        self.timer.setInterval(pause_ms)
        self.timer.timeout.connect(refresh)

    def later(self) -> None:
        self.stale = True
        if not self.widget.isVisible():
            return
        if self.people() <= IMMEDIATE_LIMIT:
            self.refresh()
        else:
            self.timer.start()

    def shown(self) -> None:
        if self.stale:
            self.refresh()

    def done(self) -> None:
        self.stale = False
