"""The legend over the canvas' bottom-left corner: what the colours and lines mean."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget

from ...export.palette import TEAM_MODEL_BADGES
from .scene import ChartScene
from .style import COLOUR_MODE_LABELS

ROW = 18
PAD = 8
SWATCH = 11
MAX_ROWS = 14


class Legend(QWidget):
    """A small, painted key; rebuilt when the view, colour mode or functions change."""

    def __init__(self, scene: ChartScene, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        self.scene = scene
        self.enabled = True
        self.entries: list[tuple[str, QColor | None, str]] = []  # (kind, colour, label)
        self.title = ""
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.refresh()

    def refresh(self) -> None:
        s = self.scene.style
        doc = self.scene.doc
        mode = s.colour_mode
        view = self.scene.view_name
        entries: list[tuple[str, QColor | None, str]] = []
        if mode == "function":
            used: set[str | None] = set()
            for item in self.scene.cards.values():
                if item.kind == "person" or item.function:
                    used.add(item.function)
                for _, _, chip in item.chips:
                    used.add(getattr(chip, "function", None))
            names = [(f.id, f.name or f.id) for f in doc.functions if f.id in used]
            known = {f.id for f in doc.functions}
            names += [(f, f"{f} (unknown)") for f in sorted(x for x in used if x and x not in known)]
            if len(names) > MAX_ROWS - 1:
                names = names[: MAX_ROWS - 2] + [("", f"... {len(names) - MAX_ROWS + 2} more")]
            for fid, name in names:
                entries.append(("swatch", s.function_colours(fid)[0] if fid else None, name))
            if None in used and self.scene.cards:
                entries.append(("swatch", s.function_colours(None)[0], "No function"))
        elif mode == "model":
            for name in ("sto", "functional"):
                badge = TEAM_MODEL_BADGES[name]
                entries.append(("swatch", s.model_colour(name),
                                f"{badge.label}: {badge.description.split(':')[0]}"))
            if view != "teams":
                entries.append(("swatch", s.model_colour(None), "No team"))
        else:
            entries += [("swatch", s.severity_colour("error"), "Has errors"),
                        ("swatch", s.severity_colour("warning"), "Has warnings"),
                        ("swatch", s.severity_colour("info"), "Information only"),
                        ("swatch", s.severity_colour(None), "No findings")]
        if view == "people":
            entries.append(("line", s.line, "Line manager"))
        if self.scene.functional_lines:
            entries.append(("dotted", s.functional_line, "Functional manager"))
        if any(item.vacant for item in self.scene.cards.values()) or any(
                getattr(chip, "vacant", False) for item in self.scene.cards.values()
                for _, _, chip in item.chips):
            entries.append(("vacant", s.vacant, "Open position"))
        self.entries = entries
        self.title = f"Colour: {COLOUR_MODE_LABELS.get(mode, mode)}"
        self.setVisible(self.enabled and bool(self.scene.cards))
        self.place()
        self.update()

    def _font(self, bold: bool = False) -> QFont:
        f = QFont(self.font())
        f.setBold(bold)
        return f

    def sizeHint(self) -> QSize:  # noqa: N802
        fm = QFontMetrics(self._font())
        width = QFontMetrics(self._font(True)).horizontalAdvance(self.title)
        for _, _, label in self.entries:
            width = max(width, SWATCH + 24 + fm.horizontalAdvance(label))
        return QSize(min(width + 2 * PAD, 320), PAD * 2 + ROW * (len(self.entries) + 1))

    def place(self) -> None:
        """Bottom-left corner of the chart area (the parent view's viewport)."""
        parent = self.parentWidget()
        if parent is None:
            return
        viewport = getattr(parent, "viewport", None)
        area = viewport().geometry() if callable(viewport) else parent.rect()
        size = self.sizeHint()
        self.setGeometry(area.x() + 12, max(area.y(), area.bottom() - size.height() - 12),
                         size.width(), size.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        bg = QColor(pal.color(QPalette.ColorRole.Base))
        bg.setAlpha(235)
        p.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        p.setBrush(bg)
        p.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        text = pal.color(QPalette.ColorRole.Text)
        p.setFont(self._font(True))
        p.setPen(text)
        fm = QFontMetrics(self._font())
        width = self.width() - 2 * PAD
        p.drawText(QRectF(PAD, PAD, width, ROW), Qt.AlignmentFlag.AlignVCenter, self.title)
        p.setFont(self._font())
        y = PAD + ROW
        for kind, colour, label in self.entries:
            mid = y + ROW / 2
            if kind == "swatch":
                if colour is not None:
                    p.setPen(Qt.PenStyle.NoPen)
                    p.setBrush(colour)
                    p.drawRoundedRect(QRectF(PAD, mid - SWATCH / 2, SWATCH, SWATCH), 2.5, 2.5)
            elif kind in ("line", "dotted"):
                pen = QPen(colour, 1.5)
                if kind == "dotted":
                    pen.setStyle(Qt.PenStyle.DotLine)
                p.setPen(pen)
                p.drawLine(QPointF(PAD, mid), QPointF(PAD + 16, mid))
            elif kind == "vacant":
                p.setPen(QPen(colour, 1.2, Qt.PenStyle.DashLine))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRoundedRect(QRectF(PAD, mid - 5, 16, 10), 2, 2)
            p.setPen(text)
            x = PAD + 24
            shown = fm.elidedText(label, Qt.TextElideMode.ElideRight, int(width - 24))
            p.drawText(QRectF(x, y, width - 24, ROW), Qt.AlignmentFlag.AlignVCenter, shown)
            y += ROW
        p.end()
