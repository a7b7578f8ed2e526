"""The parts of the compare window: the legend, a label that elides, a side's pane."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...core.change_list import MOVED_MEANS
from ...core.model import Document
from ..canvas.readonly import VIEW_TITLES
from ..canvas.view import ChartView
from ..document import DocumentController
from .marks import STATUSES, CompareScene, status_colour

# -- the parts of the window -----------------------------------------------------------------------


class Legend(QWidget):
    """The key to the outlines of the view shown, with how many entities each kind has.

    What "moved" means depends on the view (a new line manager in People, a new
    team in Teams, a new functional manager in Functions); when the view outlines
    nothing, a hint says so.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareLegend")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 3, 8, 3)
        lay.setSpacing(14)
        self.labels: dict[str, QLabel] = {}
        self._swatches: dict[str, QLabel] = {}
        self.title = QLabel("<b>Outlined</b>")
        lay.addWidget(self.title)
        for status in STATUSES:
            swatch = QLabel()
            swatch.setObjectName(f"swatch_{status}")
            swatch.setFixedSize(QSize(18, 12))
            label = QLabel()
            label.setObjectName(f"legend_{status}")
            self.labels[status] = label
            self._swatches[status] = swatch
            box = QHBoxLayout()
            box.setSpacing(5)
            box.addWidget(swatch)
            box.addWidget(label)
            lay.addLayout(box)
        self.hint = QLabel()
        self.hint.setObjectName("legendHint")
        self.hint.setEnabled(False)  # drawn muted
        lay.addWidget(self.hint)
        lay.addStretch(1)
        self.set_counts({})

    def set_counts(self, counts: dict[str, int], dark: bool = False, view: str = "people") -> None:
        for status, (text, _tag) in STATUSES.items():
            colour = status_colour(status, dark).name()
            style = "dashed" if status == "removed" else "solid"
            self._swatches[status].setStyleSheet(
                f"border: 2px {style} {colour}; border-radius: 3px;"
                f" background: rgba{(*status_colour(status, dark).getRgb()[:3], 40)};"
            )
            if status == "moved":
                text = f"Moved: {MOVED_MEANS.get(view, MOVED_MEANS['people'])}"
            self.labels[status].setText(f"{text} ({counts.get(status, 0)})")
        title = VIEW_TITLES.get(view, view)
        self.title.setText(f"<b>Outlined in {title}</b>")
        self.hint.setText(
            "" if any(counts.values()) else "\u2014 nothing changed that this view shows"
        )

    def text(self) -> str:
        return "  ".join(label.text() for label in self.labels.values())


class ElidedLabel(QLabel):
    """A one-line plain-text label that shortens its text with an ellipsis to fit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)

    def setText(self, text: str) -> None:  # noqa: N802
        self._full = text
        self._elide()

    def text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(
            self._full, Qt.TextElideMode.ElideRight, max(self.width(), 40)
        )
        super().setText(shown)
        self.setToolTip(self._full if shown != self._full else self.toolTip())


class SidePane(QWidget):
    """One side: a header naming the variant, and its canvas."""

    editRequested = Signal()

    def __init__(
        self, side: str, controller: DocumentController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.side = side
        self.controller = controller
        self.scene = CompareScene(controller, side, self)
        self.view = ChartView(self.scene)
        self.view.setObjectName(f"compareCanvas_{side}")
        self.letter = QLabel(side.upper())
        self.letter.setObjectName("sideLetter")
        self.letter.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.letter.setFixedSize(QSize(26, 26))
        self.letter.setStyleSheet(
            "background: palette(highlight); color: palette(highlighted-text);"
            " border-radius: 13px; font-weight: bold;"
        )
        self.title = ElidedLabel()
        self.title.setObjectName("sideTitle")
        f = self.title.font()
        f.setBold(True)
        self.title.setFont(f)
        self.detail = ElidedLabel()
        self.detail.setObjectName("sideDetail")
        self.edit_button = QPushButton("Open for editing")
        self.edit_button.setObjectName(f"edit_{side}")
        self.edit_button.clicked.connect(self.editRequested)
        self.edit_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        head = QHBoxLayout()
        head.setContentsMargins(8, 6, 8, 4)
        head.setSpacing(8)
        head.addWidget(self.letter)
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.title)
        names.addWidget(self.detail)
        head.addLayout(names, 1)
        head.addWidget(self.edit_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(head)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        lay.addWidget(line)
        lay.addWidget(self.view, 1)
        # Said in the middle of an empty pane, so a blank side never looks broken.
        self.empty = QLabel()
        self.empty.setObjectName("emptyHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)  # drawn muted
        self.empty.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        over = QVBoxLayout(self.view.viewport())
        over.addWidget(self.empty, 0, Qt.AlignmentFlag.AlignCenter)
        self.scene.rebuilt.connect(self._show_empty)
        self._show_empty()

    def _show_empty(self) -> None:
        """Name what is missing when this side draws nothing in the current view."""
        empty = self.scene.chart_rect().isEmpty()
        self.empty.setVisible(empty)
        if empty:
            view = self.scene.view_name
            what = "teams" if view == "teams" else "people"
            self.empty.setText(
                f"{self.side.upper()} has no {what}: nothing to draw in the "
                f"{VIEW_TITLES.get(view, view)} view."
            )

    def set_header(self, title: str, detail: str, tip: str = "") -> None:
        self.title.setText(title)
        self.detail.setText(detail)
        # The whole of both lines on hover: either may be cut short in a narrow pane.
        full = "\n".join(t for t in (title, detail, tip) if t)
        self.title.setToolTip(full)
        self.detail.setToolTip(full)


def figures_detail(doc: Document, summary: dict[str, int]) -> str:
    e, w = summary.get("error", 0), summary.get("warning", 0)
    return (
        f"{len(doc.people)} positions \u00b7 {len(doc.teams)} teams \u00b7 "
        f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}"
    )
