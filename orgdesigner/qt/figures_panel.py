"""The figures panel: headcount, teams, vacancies, spans, layers, findings and cost, kept live.

The numbers come from :func:`orgdesigner.core.figures.figures` (the same the
CLI and the comparison print) with the live validator's report, so they never
disagree with the findings panel. On a large organisation the panel waits until
edits pause, and does nothing while hidden.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from ..core.cost import affects_cost
from ..core.figures import SEVERITY_LABELS, Figures, figures
from ..core.palette import SEVERITY_COLOURS
from .costs import CostFigures
from .deferred import DeferredRefresh
from .document import DocumentController
from .fields import HINT_COLOUR
from .icons import severity_icon
from .leader_load import LeaderLoadSection

# Below this many positions the figures are recomputed at once after each edit.

ROWS: tuple[tuple[str, str, str], ...] = (
    ("headcount", "Headcount", "People in filled positions"),
    ("vacancies", "Vacancies", "Open positions"),
    ("teams", "Teams", "All teams; below, how many are single-threaded"),
    ("sto_teams", "  single-threaded", "Teams on the STO model (own or by default)"),
    ("managers", "People managers", "Positions with at least one direct report"),
    ("average_span", "Average span", "Direct reports per people manager"),
    ("largest_span", "Largest span", "The most direct reports of one position"),
    ("layers", "Layers", "Levels from the top of the line to the deepest person"),
)
SEVERITY_ROWS = tuple(SEVERITY_LABELS.items())


class FiguresPanel(QWidget):
    """A compact table of the open variant's figures."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figuresPanel")
        self.controller = controller
        self.values: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 8, 10, 8)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(3)
        grid.setColumnStretch(0, 1)
        r = 0
        for key, text, tip in ROWS:
            self._row(grid, r, key, text, tip)
            r += 1
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        grid.addWidget(line, r, 0, 1, 2)
        r += 1
        title = QLabel("Findings")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        grid.addWidget(title, r, 0, 1, 2)
        r += 1
        for key, text in SEVERITY_ROWS:
            self._row(grid, r, f"findings.{key}", text, "", icon=key)
            r += 1
        outer.addLayout(grid)
        self.leader_load = LeaderLoadSection(controller)
        outer.addWidget(self.leader_load)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        outer.addWidget(line)
        self.cost = CostFigures(controller)
        outer.addWidget(self.cost)
        outer.addStretch(1)
        self.figures: Figures | None = None
        self._deferred = DeferredRefresh(
            self, self.refresh, lambda: len(controller.doc.people), pause_ms=250
        )
        controller.findingsChanged.connect(lambda _r: self._deferred.later())
        controller.changed.connect(self._cost_changed)
        controller.documentReplaced.connect(self._deferred.later)
        self.refresh()

    def _row(
        self, grid: QGridLayout, r: int, key: str, text: str, tip: str, icon: str | None = None
    ) -> None:
        label = QLabel(text)
        if text.startswith("  "):
            label.setText(text.strip())
            label.setContentsMargins(14, 0, 0, 0)
            label.setStyleSheet(f"color: {HINT_COLOUR};")
        if icon:
            pix = severity_icon(icon).pixmap(14, 14)
            holder = QWidget()
            lay = QGridLayout(holder)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.setHorizontalSpacing(6)
            dot = QLabel()
            dot.setPixmap(pix)
            lay.addWidget(dot, 0, 0)
            lay.addWidget(label, 0, 1)
            lay.setColumnStretch(1, 1)
            grid.addWidget(holder, r, 0)
        else:
            grid.addWidget(label, r, 0)
        value = QLabel("\u2013")
        value.setObjectName(f"figure_{key}")
        value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        font = value.font()
        font.setBold(True)
        value.setFont(font)
        if tip:
            label.setToolTip(tip)
            value.setToolTip(tip)
        grid.addWidget(value, r, 1)
        self.values[key] = value

    def _cost_changed(self, changes) -> None:
        # Costs do not change findings: a cost edit alone must still update the figures.
        if affects_cost(changes):
            self._deferred.later()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._deferred.shown()

    def refresh(self) -> None:
        """Recompute the figures from the document and the live report."""
        self._deferred.done()
        fig = figures(self.controller.doc, self.controller.report)
        self.figures = fig
        values = fig.values()
        for key, label in self.values.items():
            v = values.get(key)
            if v is None:
                label.setText("\u2013")
            elif isinstance(v, float):
                label.setText(f"{v:.1f}")
            else:
                label.setText(f"{v:,}")
        positions = values.get("positions", 0)
        self.values["headcount"].setToolTip(
            f"{positions:,} positions in all, {values.get('vacancies', 0):,} of them open"
        )
        self.cost.refresh()
        colours = SEVERITY_COLOURS
        for sev, colour in colours.items():
            n = values.get(f"findings.{sev}", 0)
            self.values[f"findings.{sev}"].setStyleSheet(f"color: {colour};" if n else "")

    def value(self, key: str) -> str:
        """The text shown for figure ``key`` (as in :meth:`Figures.values`)."""
        return self.values[key].text()
